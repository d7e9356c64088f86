import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

describe('agreements followed up against the ledger', () => {
  it('shows committed vs delivered vs accepted and flags those behind schedule', async () => {
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;
    const a = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/agreements', { title: 'Biên bản ghi nhớ hỗ trợ trường vùng biên', donorId: donor, counterpartId: so11, committedValue: 500_000_000, periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: '2026-01-05' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ committedValue: 500_000_000, deliveredValue: '0', behindSchedule: true }); // 20/11 with nothing delivered
    const k = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: dbSchool, contributorId: donor, agreementId: a.json().id, category: 'clean_water', form: 'money', description: 'Hệ thống lọc nước', valueVnd: 450_000_000 });
    expect(k.statusCode).toBe(201);
    await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${k.json().id}/transitions`, { action: 'deliver' });
    const after = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/agreements/${a.json().id}`)).json();
    expect(after).toMatchObject({ pledgedValue: '450000000', deliveredValue: '450000000', acceptedValue: '0', behindSchedule: false });
    expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/agreements/${a.json().id}`)).statusCode).toBe(403);
  });
});

describe('agreements export', () => {
  it('streams the same rows as the list, in batches, to those who may read them', async () => {
    const list = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/agreements')).json().items;
    const csv = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/agreements?format=csv')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.length - 1).toBe(list.length);
    const xlsx = await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/agreements?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await call(null, 'GET', '/api/v1/agreements?format=csv')).statusCode).toBe(401);
    const one = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/agreements/${list[0].id}`)).json();
    expect(one.can).toEqual({ edit: true });
  });
});

describe('agreements list', () => {
  it('pages by cursor within the reader\'s scope, every row once, "behind schedule" included', async () => {
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;
    for (let i = 0; i < 7; i++) {
      const r = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/agreements', { title: `Thoả thuận thử ${i}`, donorId: donor, counterpartId: so11, committedValue: 10_000_000, periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: `2026-0${1 + (i % 3)}-1${i}` });
      expect(r.statusCode).toBe(201);
    }
    const walk = async (who: string, query: string) => {
      const seen: { id: string; behindSchedule: boolean }[] = [];
      let cursor: string | null = null;
      let total = -1;
      do {
        const res = await call(who, 'GET', `/api/v1/agreements?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const p = res.json() as { items: { id: string; behindSchedule: boolean }[]; nextCursor: string | null; total: number };
        expect(p.items.length).toBeLessThanOrEqual(3);
        seen.push(...p.items);
        total = p.total;
        cursor = p.nextCursor;
      } while (cursor);
      expect(seen.length).toBe(total);
      expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
      return seen;
    };
    const mine = await walk('so.dienbien@ketnoi.demo', '');
    expect(mine.length).toBeGreaterThanOrEqual(7);
    const national = await walk('dieuphoi@ketnoi.demo', '');
    expect(national.length).toBeGreaterThanOrEqual(mine.length);
    // another province's Department sees none of Điện Biên's
    const other = await walk('so.sonla@ketnoi.demo', '');
    expect(other.filter((a) => mine.some((m) => m.id === a.id))).toEqual([]);
    const behind = await walk('so.dienbien@ketnoi.demo', '&behind=true');
    expect(behind.length).toBeGreaterThanOrEqual(7); // nothing delivered by 20/11
    expect(behind.every((a) => a.behindSchedule)).toBe(true);
    expect((await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/agreements?cursor=WyJ4IiwieSJd')).statusCode).toBe(400);
  });
});
