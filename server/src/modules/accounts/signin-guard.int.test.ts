import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { backoffSeconds, recordSignInFailure, SIGN_IN_GUARD } from '../../platform/auth.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

/** A sign-in from a client address (the socket's; headers add e.g. X-Forwarded-For). */
const signInFrom = (app: TestContext['app'], address: string, email: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: address, headers });
const failures = async (key: string) => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM login_attempt WHERE key = $1', [key])).n);

describe('sign-in guard: back-off by account and address, never the owner locked out', () => {
  it('a stranger making 50 wrong attempts from one address does not stop the owner signing in from another', async () => {
    const owner = 'so.laichau@ketnoi.demo';
    const codes: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 50; i++) codes.push((await signInFrom(ctx.app, '203.0.113.10', owner, `doan-${i}`)).statusCode);
    const seconds = (Date.now() - t0) / 1000;
    // five guesses are checked at once; after them one more each time the wait (1 s, 2 s, 4 s …)
    // is over, so in t seconds at most log2(t + 1) + 1 more; every other attempt is refused unchecked
    const checked = codes.filter((c) => c === 401).length;
    expect(codes.slice(0, SIGN_IN_GUARD.pair.free)).toEqual(Array(SIGN_IN_GUARD.pair.free).fill(401));
    expect(codes[SIGN_IN_GUARD.pair.free]).toBe(429);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_GUARD.pair.free + Math.ceil(Math.log2(seconds + 1)) + 1);
    expect(codes.filter((c) => c === 429)).toHaveLength(50 - checked);
    expect(await failures(`pair:${owner}|203.0.113.10`)).toBe(checked);
    console.info(`50 attempts in ${seconds.toFixed(1)} s: ${checked} checked, ${50 - checked} refused with 429`);
    // even the right password waits at the stranger's address …
    expect((await signInFrom(ctx.app, '203.0.113.10', owner, DEMO_PASSWORD)).statusCode).toBe(429);
    // … and the owner, elsewhere, signs in at once
    const ok = await signInFrom(ctx.app, '198.51.100.20', owner, DEMO_PASSWORD);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('the wait grows exponentially with each further failure, and refused attempts are not counted', async () => {
    const email = 'so.hanoi@ketnoi.demo';
    const at = '203.0.113.20';
    const key = `pair:${email}|${at}`;
    for (let i = 0; i < SIGN_IN_GUARD.pair.free; i++) expect((await signInFrom(ctx.app, at, email, 'sai')).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      const refused = await signInFrom(ctx.app, at, email, 'sai');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      waits.push(Number(refused.headers['retry-after']));
      expect(refused.json().title).toBe(`Quá nhiều lần thử. Vui lòng thử lại sau ${waits.at(-1)} giây.`);
      expect(await failures(key)).toBe(SIGN_IN_GUARD.pair.free + round);
      // the wait is over (the failures move an hour back): one more guess is checked and fails
      await ctx.db.query(`UPDATE login_attempt SET at = at - interval '1 hour' WHERE key = $1`, [key]);
      expect((await signInFrom(ctx.app, at, email, 'sai')).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    // at most 15 minutes between guesses, however many
    expect(backoffSeconds(SIGN_IN_GUARD.pair.free + 9, SIGN_IN_GUARD.pair)).toBe(512);
    expect(backoffSeconds(SIGN_IN_GUARD.pair.free + 10, SIGN_IN_GUARD.pair)).toBe(900);
    expect(backoffSeconds(1000, SIGN_IN_GUARD.pair)).toBe(900);
    // a success clears this address's failures for the account
    await ctx.db.query(`UPDATE login_attempt SET at = at - interval '1 hour' WHERE key = $1`, [key]);
    expect((await signInFrom(ctx.app, at, email, DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await failures(key)).toBe(0);
  });

  it('one address guessing many accounts is slowed down after twenty failures; other addresses are not', async () => {
    const at = '203.0.113.30';
    // five wrong guesses here, the rest of the twenty (and three more) counted as the route counts them
    for (let i = 0; i < 5; i++) expect((await signInFrom(ctx.app, at, `khong.co.${i}@ketnoi.test`, 'sai')).statusCode).toBe(401);
    for (let i = 5; i < SIGN_IN_GUARD.address.free + 3; i++) await recordSignInFailure(ctx.db, `khong.co.${i}@ketnoi.test`, at);
    const next = await signInFrom(ctx.app, at, 'quantri@ketnoi.demo', DEMO_PASSWORD);
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(8);
    expect((await signInFrom(ctx.app, '198.51.100.30', 'quantri@ketnoi.demo', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('an account guessed from a hundred addresses in an hour slows new addresses down, not those it signed in from', async () => {
    const email = 'dieuphoi@ketnoi.demo';
    expect((await signInFrom(ctx.app, '198.51.100.40', email, DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_GUARD.account.free + 2; i++) await recordSignInFailure(ctx.db, email, `10.9.${i >> 8}.${i & 255}`);
    const stranger = await signInFrom(ctx.app, '203.0.113.41', email, DEMO_PASSWORD);
    expect(stranger.statusCode).toBe(429);
    expect((await signInFrom(ctx.app, '198.51.100.40', email, DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('proxy headers are believed only from TRUST_PROXY', () => {
  it('without TRUST_PROXY a forged X-Forwarded-For neither resets the count nor names another client', async () => {
    const email = 'so.dienbien@ketnoi.demo';
    const at = '203.0.113.50';
    for (let i = 0; i < SIGN_IN_GUARD.pair.free; i++) {
      expect((await signInFrom(ctx.app, at, email, 'sai', { 'x-forwarded-for': `192.0.2.${i + 1}` })).statusCode).toBe(401);
    }
    expect(await failures(`pair:${email}|${at}`)).toBe(SIGN_IN_GUARD.pair.free);
    expect(await failures(`pair:${email}|192.0.2.1`)).toBe(0);
    expect((await signInFrom(ctx.app, at, email, DEMO_PASSWORD, { 'x-forwarded-for': '192.0.2.99' })).statusCode).toBe(429);
  });

  it('from a trusted proxy the forwarded client address and host count; from anyone else they do not', async () => {
    const proxied = await testApp({ db: ctx.db, config: { trustProxy: ['127.0.0.1', '10.0.0.0/8'] } });
    try {
      const email = 'so.sonla@ketnoi.demo';
      for (let i = 0; i < SIGN_IN_GUARD.pair.free; i++) {
        expect((await signInFrom(proxied.app, '10.1.2.3', email, 'sai', { 'x-forwarded-for': '192.0.2.60' })).statusCode).toBe(401);
      }
      expect(await failures(`pair:${email}|192.0.2.60`)).toBe(SIGN_IN_GUARD.pair.free);
      expect((await signInFrom(proxied.app, '10.1.2.3', email, DEMO_PASSWORD, { 'x-forwarded-for': '192.0.2.60' })).statusCode).toBe(429);
      // another client behind the same proxy is another address
      expect((await signInFrom(proxied.app, '10.1.2.3', email, DEMO_PASSWORD, { 'x-forwarded-for': '192.0.2.61' })).statusCode).toBe(200);
      // a client that is not a trusted proxy cannot pose as one
      await signInFrom(proxied.app, '203.0.113.61', email, 'sai', { 'x-forwarded-for': '192.0.2.62' });
      expect(await failures(`pair:${email}|203.0.113.61`)).toBe(1);
      expect(await failures(`pair:${email}|192.0.2.62`)).toBe(0);
      // the Origin check reads the forwarded host from the trusted proxy only
      const site = { origin: 'https://ketnoi.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'ketnoi.example' };
      expect((await signInFrom(proxied.app, '127.0.0.1', 'quantri@ketnoi.demo', DEMO_PASSWORD, site)).statusCode).toBe(200);
      expect((await signInFrom(proxied.app, '203.0.113.62', 'quantri@ketnoi.demo', DEMO_PASSWORD, site)).statusCode).toBe(403);
      expect((await signInFrom(ctx.app, '127.0.0.1', 'quantri@ketnoi.demo', DEMO_PASSWORD, site)).statusCode).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('requests per minute per address on the sign-in, registration and password routes', () => {
  it('answers 429 with Retry-After and a Vietnamese problem past the limit, per address and only on those routes', async () => {
    const limited = await testApp({ db: ctx.db, config: { authRatePerMinute: 3 } });
    try {
      const at = '203.0.113.70';
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: `ai.${i}@ketnoi.test` }, remoteAddress: at })).statusCode);
      expect(codes).toEqual([202, 202, 202]);
      const over = await signInFrom(limited.app, at, 'quantri@ketnoi.demo', DEMO_PASSWORD);
      expect(over.statusCode).toBe(429);
      expect(over.headers['content-type']).toContain('application/problem+json');
      const wait = Number(over.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(over.json().title).toBe(`Quá nhiều yêu cầu. Vui lòng thử lại sau ${wait} giây.`);
      const reg = await limited.app.inject({ method: 'POST', url: '/api/v1/donors/register', payload: { organisationName: 'Công ty Giới Hạn', donorType: 'business', email: 'gioi.han@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách' }, remoteAddress: at });
      expect(reg.statusCode).toBe(429);
      // reading is not limited; another address is not affected
      expect((await limited.app.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: at })).statusCode).toBe(200);
      expect((await signInFrom(limited.app, '198.51.100.70', 'quantri@ketnoi.demo', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
