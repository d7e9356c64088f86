import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
beforeAll(async () => {
  // public answers shared for ten minutes here (5 s by default), so that a slow machine does not outlast them
  ctx = await testApp({ clock, config: { publicCacheSeconds: 600 } });
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

describe('coordination dashboard', () => {
  it('gives the Ministry the nation and a Department its province only', async () => {
    const all = (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).json();
    expect(all.needsByProvince.some((p: { provinceCode: string }) => p.provinceCode === '11')).toBe(true);
    expect(all.donorsAwaitingVetting).toBeGreaterThanOrEqual(0);
    const mine = (await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/dashboard/resources?provinceCode=11')).json();
    expect(mine.provinceCode).toBe('14');
    expect(mine.needsByProvince.every((p: { provinceCode: string }) => p.provinceCode === '14')).toBe(true);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).statusCode).toBe(403);
  });
});

describe('open data downloads', () => {
  it('streams the JSON document with its count and total, honours the limit, and offers XLSX', async () => {
    const stats = (await call(null, 'GET', '/api/v1/public/stats')).json();
    const all = await call(null, 'GET', '/api/v1/public/contributions?format=json');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toMatch(/^application\/json/);
    const doc = all.json();
    expect(doc.count).toBe(doc.items.length);
    expect(doc.count).toBe(stats.totals.count);
    expect(doc.totalVnd).toBe(stats.totals.valueVnd);
    // newest first, each row once
    expect(new Set(doc.items.map((c: { id: string }) => c.id)).size).toBe(doc.count);
    const dates = doc.items.map((c: { pledgedOn: string }) => c.pledgedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    const few = (await call(null, 'GET', '/api/v1/public/contributions?format=json&limit=3')).json();
    expect(few.items.map((c: { id: string }) => c.id)).toEqual(doc.items.slice(0, 3).map((c: { id: string }) => c.id));
    expect(few.count).toBe(3);
    const xlsx = await call(null, 'GET', '/api/v1/public/contributions?format=xlsx&limit=10');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('public answers shared for a few seconds', () => {
  it('computes the totals and a public page once for the crowd, and again after a write through the app', async () => {
    const published = await ctx.db.one<{ id: string; school_id: string }>(
      `SELECT n.id, n.school_id FROM need n JOIN need_ledger l ON l.need_id = n.id WHERE n.state = 'published' AND l.open AND n.estimated_cost > 0 ORDER BY n.id LIMIT 1`);
    const before = (await call(null, 'GET', '/api/v1/public/stats')).json();
    const page = (await call(null, 'GET', `/api/v1/public/schools/${published.school_id}`)).json();
    // a change written beside the app (as another server of a cluster would): the shared answers do not
    // see it for their few seconds — proof that 30 concurrent visitors got the one computed answer
    const changed = await ctx.db.one<{ school_id: string }>(
      `UPDATE contribution SET value_vnd = value_vnd + 1 WHERE id = (SELECT id FROM contribution WHERE status <> 'cancelled' ORDER BY id LIMIT 1) RETURNING school_id`);
    const crowd = await Promise.all(Array.from({ length: 30 }, () => call(null, 'GET', '/api/v1/public/stats')));
    for (const r of crowd) expect(r.json().totals.valueVnd).toBe(before.totals.valueVnd);
    expect(new Set(crowd.map((r) => r.headers.etag)).size).toBe(1);
    // a pledge through the app: the public sees the new totals and the school's page at once
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: published.id, form: 'money', description: 'Ủng hộ', valueVnd: 1_000_000 });
    expect(p.statusCode).toBe(201);
    const after = (await call(null, 'GET', '/api/v1/public/stats')).json();
    expect(BigInt(after.totals.valueVnd)).toBe(BigInt(before.totals.valueVnd) + 1n + 1_000_000n);
    const pageAfter = (await call(null, 'GET', `/api/v1/public/schools/${published.school_id}`)).json();
    expect(BigInt(pageAfter.totals.valueVnd)).toBe(BigInt(page.totals.valueVnd) + 1_000_000n + (changed.school_id === published.school_id ? 1n : 0n));
    // a refused write does not empty it
    await ctx.db.query(`UPDATE contribution SET value_vnd = value_vnd - 1 WHERE id = (SELECT id FROM contribution WHERE status <> 'cancelled' ORDER BY id LIMIT 1)`);
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: published.id, form: 'money', description: '', valueVnd: -5 })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await call(null, 'GET', '/api/v1/public/stats')).json().totals.valueVnd).toBe(after.totals.valueVnd);
    // nor do a sign-in, saving one's notification settings or a sign-out: they change nothing the public sees
    const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nhataitro@ketnoi.demo', password: DEMO_PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const settings = (await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications/settings', headers: { cookie } })).json();
    expect((await ctx.app.inject({ method: 'PUT', url: '/api/v1/notifications/settings', headers: { cookie }, payload: settings })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } })).statusCode).toBeLessThan(300);
    expect((await call(null, 'GET', '/api/v1/public/stats')).json().totals.valueVnd).toBe(after.totals.valueVnd);
    // and a write that changes what the public sees empties it: the correction of the row above shows
    const pledge = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: published.id, form: 'money', description: 'Ủng hộ', valueVnd: 2_000_000 });
    expect(pledge.statusCode).toBe(201);
    expect(BigInt((await call(null, 'GET', '/api/v1/public/stats')).json().totals.valueVnd)).toBe(BigInt(after.totals.valueVnd) - 1n + 2_000_000n);
  });
});

describe('a shared public page on the wire', () => {
  it('is sent compressed as the client accepts, decoding to the same page, and as it is to a client that accepts nothing', async () => {
    const zlib = await import('node:zlib');
    const school = (await ctx.db.one<{ school_id: string }>(`SELECT school_id FROM contribution WHERE status <> 'cancelled' GROUP BY school_id ORDER BY count(*) DESC LIMIT 1`)).school_id;
    const url = `/api/v1/public/schools/${school}`;
    const plain = await ctx.app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(2048);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
      ['br;q=0, gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const r = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-encoding']).toBe(encoding);
        expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
        expect(r.headers['content-type']).toContain('application/json');
        expect(decode(r.rawPayload).toString()).toBe(plain.body);
      }
    }
    // the totals, with their ETag, the same way
    const stats = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/stats', headers: { 'accept-encoding': 'gzip' } });
    const statsPlain = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/stats' });
    expect(stats.headers.etag).toBe(statsPlain.headers.etag);
    expect(stats.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(stats.rawPayload).toString() : stats.body).toBe(statsPlain.body);
  });
});
