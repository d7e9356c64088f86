import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { hashPassword, needsRehash, parseHash, verifyPassword } from '../../platform/auth.js';
import { loadConfig, SCRYPT_N } from '../../platform/config.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const signIn = (email: string, password: string) => post('/api/v1/auth/sign-in', { email, password });
async function session(email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await signIn(email, password);
  expect(r.statusCode, r.body).toBe(200);
  return `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;
}
const whoAmI = async (cookie: string) => (await get('/api/v1/auth/me', cookie)).json().user?.email ?? null;
const hashOf = async (email: string) => (await ctx.db.one<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE email = $1', [email])).password_hash;
let seq = 0;
async function newAccount(): Promise<{ id: string; email: string; password: string }> {
  const email = `mk.${process.pid}.${++seq}@ketnoi.test`;
  const password = 'Mat-khau-ban-dau-2026';
  const org = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
  const r = await post('/api/v1/accounts', { email, displayName: 'Tài khoản Thử Mật Khẩu', password, role: 'donor', organisationId: org }, { cookie: await ctx.cookie('admin') });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().id, email, password };
}
const tokenIn = (text: string) => /\n([A-Za-z0-9_-]{40,})\n/.exec(text)![1];

describe('password hashing', () => {
  it('hashes with scrypt N=2^17, r=8, p=1 by default and reads the parameters stored with each hash', async () => {
    expect(loadConfig({}).scryptN).toBe(2 ** 17);
    const t0 = performance.now();
    const h = await hashPassword('Mot-mat-khau-2026');
    const ms = performance.now() - t0;
    console.info(`scrypt N=2^17 hash: ${ms.toFixed(0)} ms`);
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{80,}$/);
    expect(parseHash(h)).toMatchObject({ n: 131072, r: 8, p: 1 });
    expect(await verifyPassword('Mot-mat-khau-2026', h)).toBe(true);
    expect(await verifyPassword('mot-mat-khau-2026', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
    // an older hash still verifies, and is marked for a rehash
    const old = await hashPassword('Mot-mat-khau-2026', 2 ** 14);
    expect(await verifyPassword('Mot-mat-khau-2026', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    // what is not a hash never matches (and never throws)
    for (const bad of ['', 'scrypt$abc$8$1$x$y', 'scrypt$3$8$1$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA==', 'bcrypt$x', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA==`]) {
      expect(parseHash(bad)).toBeNull();
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('a sign-in with a hash of older parameters rehashes it with the current ones, once', async () => {
    const email = 'so.hanoi@ketnoi.demo';
    expect(parseHash(await hashOf(email))!.n).toBe(TEST_SCRYPT_N);
    const prod = await testApp({ db: ctx.db, config: { scryptN: SCRYPT_N } });
    try {
      const wrong = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: 'sai-mat-khau' } });
      expect(wrong.statusCode).toBe(401);
      expect(parseHash(await hashOf(email))!.n).toBe(TEST_SCRYPT_N);
      const ok = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
      expect(ok.statusCode).toBe(200);
      const upgraded = await hashOf(email);
      expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(await verifyPassword(DEMO_PASSWORD, upgraded)).toBe(true);
      const again = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
      expect(again.statusCode).toBe(200);
      expect(await hashOf(email)).toBe(upgraded);
    } finally {
      await prod.close();
    }
  });
});

describe('password reset', () => {
  it('answers a reset request the same for a known and an unknown e-mail; only the account gets a code', async () => {
    const a = await newAccount();
    const before = ctx.mail.length;
    const known = await post('/api/v1/auth/password-reset', { email: a.email.toUpperCase() });
    const unknown = await post('/api/v1/auth/password-reset', { email: `khong.co.${process.pid}@ketnoi.test` });
    for (const r of [known, unknown]) {
      expect(r.statusCode).toBe(202);
      expect(r.body).toBe('{"status":"check_email"}');
      expect(r.headers['content-type']).toBe(known.headers['content-type']);
    }
    const sent = ctx.mail.slice(before);
    expect(sent.map((m) => m.to)).toEqual([[a.email]]);
    expect(sent[0].subject).toBe('KếtNối: đặt lại mật khẩu');
    // the code is stored as its hash only
    const token = tokenIn(sent[0].text);
    expect(sent[0].text).toContain(`/dat-lai-mat-khau?ma=${token}`);
    const rows = await ctx.db.query<{ token_hash: string; minutes: number }>(
      `SELECT token_hash, extract(epoch FROM expires_at - created_at) / 60 AS minutes FROM password_reset WHERE user_id = $1`, [a.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(Number(rows[0].minutes)).toBe(60);
  });

  it('a code sets a new password once, ends every session of the account, and expires after an hour', async () => {
    const a = await newAccount();
    const s1 = await session(a.email, a.password);
    const s2 = await session(a.email, a.password);
    await post('/api/v1/auth/password-reset', { email: a.email });
    const token = tokenIn(ctx.mail.findLast((m) => m.to[0] === a.email)!.text);
    const short = await post('/api/v1/auth/password-reset/confirm', { token, password: 'ngan' });
    expect(short.statusCode).toBe(422);
    const done = await post('/api/v1/auth/password-reset/confirm', { token, password: 'Mat-khau-dat-lai-2026' });
    expect(done.statusCode, done.body).toBe(204);
    expect(await whoAmI(s1)).toBeNull();
    expect(await whoAmI(s2)).toBeNull();
    expect((await signIn(a.email, a.password)).statusCode).toBe(401);
    expect((await signIn(a.email, 'Mat-khau-dat-lai-2026')).statusCode).toBe(200);
    // single use
    const replay = await post('/api/v1/auth/password-reset/confirm', { token, password: 'Mat-khau-khac-2026' });
    expect(replay.statusCode).toBe(422);
    expect(replay.json().errors).toEqual([{ path: 'token', message: 'Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn' }]);
    expect((await signIn(a.email, 'Mat-khau-khac-2026')).statusCode).toBe(401);
    // expiry: a code requested 61 minutes ago no longer works
    await post('/api/v1/auth/password-reset', { email: a.email });
    const late = tokenIn(ctx.mail.findLast((m) => m.to[0] === a.email)!.text);
    await ctx.db.query(`UPDATE password_reset SET created_at = created_at - interval '61 minutes', expires_at = expires_at - interval '61 minutes' WHERE user_id = $1 AND used_at IS NULL`, [a.id]);
    expect((await post('/api/v1/auth/password-reset/confirm', { token: late, password: 'Mat-khau-tre-2026' })).statusCode).toBe(422);
    expect((await signIn(a.email, 'Mat-khau-tre-2026')).statusCode).toBe(401);
    // a made-up code is refused the same way
    expect((await post('/api/v1/auth/password-reset/confirm', { token: crypto.randomBytes(32).toString('base64url'), password: 'Mat-khau-tre-2026' })).statusCode).toBe(422);
    const log = await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'account' AND entity_id = $1 ORDER BY id`, [a.id]);
    expect(log.map((l) => l.action)).toEqual(['create', 'password_reset']);
  });

  it('an inactive account gets no code', async () => {
    const a = await newAccount();
    expect((await post(`/api/v1/accounts/${a.id}/deactivate`, undefined, { cookie: await ctx.cookie('admin') })).statusCode).toBe(200);
    const before = ctx.mail.length;
    expect((await post('/api/v1/auth/password-reset', { email: a.email })).statusCode).toBe(202);
    expect(ctx.mail.length).toBe(before);
  });
});

describe('password change and deactivation end the other sessions', () => {
  it('a password change needs the current password and ends every other session, keeping this one', async () => {
    const a = await newAccount();
    const here = await session(a.email, a.password);
    const elsewhere = await session(a.email, a.password);
    const wrong = await post('/api/v1/auth/password', { currentPassword: 'khong-dung-2026', newPassword: 'Mat-khau-moi-2026' }, { cookie: here });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' }]);
    expect(await whoAmI(elsewhere)).toBe(a.email);
    expect((await post('/api/v1/auth/password', { currentPassword: a.password, newPassword: 'ngan' }, { cookie: here })).statusCode).toBe(422);
    expect((await post('/api/v1/auth/password', { currentPassword: a.password, newPassword: 'Mat-khau-moi-2026' })).statusCode).toBe(401);
    const ok = await post('/api/v1/auth/password', { currentPassword: a.password, newPassword: 'Mat-khau-moi-2026' }, { cookie: here });
    expect(ok.statusCode, ok.body).toBe(204);
    expect(await whoAmI(here)).toBe(a.email);
    expect(await whoAmI(elsewhere)).toBeNull();
    expect((await signIn(a.email, a.password)).statusCode).toBe(401);
    expect((await signIn(a.email, 'Mat-khau-moi-2026')).statusCode).toBe(200);
    const log = await ctx.db.one<{ after: { sessionsEnded: number } }>(`SELECT after FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'password_change'`, [a.id]);
    expect(log.after).toEqual({ sessionsEnded: 1 });
  });

  it('an administrator deactivates an account: every session ends, it cannot sign in, and the list says so', async () => {
    const a = await newAccount();
    const s1 = await session(a.email, a.password);
    const s2 = await session(a.email, a.password);
    const admin = await ctx.cookie('admin');
    const listed = async (email: string) => (await get(`/api/v1/accounts?q=${encodeURIComponent(email)}`, admin)).json().items[0];
    expect(await listed(a.email)).toMatchObject({ email: a.email, active: true, can: { deactivate: true } });
    expect(await listed('quantri@ketnoi.demo')).toMatchObject({ active: true, can: { deactivate: false } });
    // only an administrator, and never its own account
    expect((await post(`/api/v1/accounts/${a.id}/deactivate`, undefined, { cookie: await ctx.cookie('department') })).statusCode).toBe(403);
    expect((await post(`/api/v1/accounts/${a.id}/deactivate`, undefined, { cookie: s1 })).statusCode).toBe(403);
    const adminId = (await get('/api/v1/auth/me', admin)).json().user.id;
    expect((await post(`/api/v1/accounts/${adminId}/deactivate`, undefined, { cookie: admin })).statusCode).toBe(403);
    expect(await whoAmI(s1)).toBe(a.email);
    const r = await post(`/api/v1/accounts/${a.id}/deactivate`, undefined, { cookie: admin });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: a.id, active: false, can: { deactivate: false } });
    expect(await whoAmI(s1)).toBeNull();
    expect(await whoAmI(s2)).toBeNull();
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM user_session WHERE user_id = $1', [a.id])).n)).toBe(0);
    expect((await signIn(a.email, a.password)).statusCode).toBe(401);
    expect(await listed(a.email)).toMatchObject({ active: false, can: { deactivate: false } });
    const log = await ctx.db.query<{ action: string; actor_label: string; before: unknown; after: unknown }>(`SELECT action, actor_label, before, after FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'deactivate'`, [a.id]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ before: { active: true }, after: { active: false, sessionsEnded: 2 } });
    expect(log[0].actor_label).toContain('quantri@ketnoi.demo');
    // deactivating again changes nothing and audits nothing
    expect((await post(`/api/v1/accounts/${a.id}/deactivate`, undefined, { cookie: admin })).statusCode).toBe(200);
    expect((await ctx.db.query(`SELECT 1 FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'deactivate'`, [a.id]))).toHaveLength(1);
    expect((await post(`/api/v1/accounts/${crypto.randomUUID()}/deactivate`, undefined, { cookie: admin })).statusCode).toBe(404);
  });
});

describe('idle sessions end', () => {
  it('a session unused for 8 hours ends; its last use is written at most every five minutes', async () => {
    const a = await newAccount();
    const c = await session(a.email, a.password);
    const token = c.slice('kn_session='.length);
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    const lastSeen = async () => new Date((await ctx.db.one<{ t: Date }>('SELECT last_seen_at AS t FROM user_session WHERE token_hash = $1', [hash])).t).getTime();
    // used two minutes ago: a request does not write
    await ctx.db.query(`UPDATE user_session SET last_seen_at = now() - interval '2 minutes' WHERE token_hash = $1`, [hash]);
    const t2 = await lastSeen();
    expect(await whoAmI(c)).toBe(a.email);
    expect(await lastSeen()).toBe(t2);
    // used seven hours ago: still alive, and the use is recorded
    await ctx.db.query(`UPDATE user_session SET last_seen_at = now() - interval '7 hours' WHERE token_hash = $1`, [hash]);
    const t7 = await lastSeen();
    expect(await whoAmI(c)).toBe(a.email);
    expect((await lastSeen()) - t7).toBeGreaterThan(7 * 3600_000 - 60_000);
    // unused for more than 8 hours: ended, although the cookie has days left
    await ctx.db.query(`UPDATE user_session SET last_seen_at = now() - interval '8 hours 1 minute' WHERE token_hash = $1`, [hash]);
    expect(await whoAmI(c)).toBeNull();
    expect((await get('/api/v1/accounts', c)).statusCode).toBe(401);
    // the idle time is a setting
    const patient = await testApp({ db: ctx.db, config: { sessionIdleHours: 24 } });
    try {
      expect((await patient.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c } })).json().user.email).toBe(a.email);
    } finally {
      await patient.close();
    }
  });
});
