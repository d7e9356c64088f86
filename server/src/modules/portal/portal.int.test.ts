import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp({ clock });
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
