import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
let donor: string; // the approved demo donor
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

type Page = { items: { id: string; schoolId: string; provinceCode: string }[]; nextCursor: string | null; total: number };

async function everyPage(who: string, query: string, limit: number): Promise<{ ids: string[]; pages: number; total: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const r = await call(who, 'GET', `/api/v1/contributions?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.statusCode).toBe(200);
    const p = r.json() as Page;
    expect(p.items.length).toBeLessThanOrEqual(limit);
    if (total < 0) total = p.total;
    expect(p.total).toBe(total);
    ids.push(...p.items.map((c) => c.id));
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { ids, pages, total };
}

describe('the ledger pages with a cursor', () => {
  it('gives every row of the scope exactly once, newest first, whatever the page size', async () => {
    // several rows written in the same transaction share created_at: the id breaks the tie
    await ctx.db.tx(async (t) => {
      for (let i = 0; i < 13; i++) {
        await t.query(
          `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, pledged_on, created_at)
           VALUES ($1, $2, '11', 'money', 'books', $3, 1000, '2026-11-01', '2026-11-19T08:00:00Z')`, [donor, dbSchool, `Sách (trang ${i})`]);
      }
    });
    const expected = (await ctx.db.query<{ id: string }>(`SELECT id FROM contribution WHERE province_code = '11' ORDER BY created_at DESC, id DESC`)).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(15);
    for (const limit of [1, 7, 50]) {
      const { ids, pages, total } = await everyPage('so.dienbien@ketnoi.demo', 'provinceCode=11', limit);
      expect(total).toBe(expected.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
  });

  it('keeps a Department to its province and a school to its own rows while paging', async () => {
    const dept = await everyPage('so.sonla@ketnoi.demo', '', 25);
    const inSonLa = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM contribution WHERE province_code = '14'`)).n);
    expect(dept.ids).toHaveLength(inSonLa);
    const school = await everyPage('truong.dienbien@ketnoi.demo', '', 5);
    const own = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM contribution WHERE school_id = $1 OR contributor_id = $1`, [dbSchool])).n);
    expect(school.ids).toHaveLength(own);
    expect(new Set(school.ids).size).toBe(own);
  });

  it('answers 400 to a forged cursor, never 500', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z",{"x":1}]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","\\u0000"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","abc"]').toString('base64url'), Buffer.from('["yesterday","7d4f1615-c712-4069-8c58-104d9d003a18"]').toString('base64url')]) {
      const r = await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/contributions?cursor=${encodeURIComponent(cursor)}`);
      expect(r.statusCode, cursor).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await call(null, 'GET', '/api/v1/contributions')).statusCode).toBe(401);
  });

  it('answers the detail with what the actor may do', async () => {
    const k = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: dbSchool, contributorId: donor, category: 'books', form: 'in_kind', description: 'Sách giáo khoa', valueVnd: 100_000 });
    expect(k.statusCode).toBe(201);
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/contributions/${k.json().id}`)).json().can).toEqual({ deliver: true, confirm: true, accept: true, cancel: true });
    expect((await call('truong.dienbien@ketnoi.demo', 'GET', `/api/v1/contributions/${k.json().id}`)).json().can).toEqual({ deliver: false, confirm: true, accept: false, cancel: false });
    expect((await call('nhataitro@ketnoi.demo', 'GET', `/api/v1/contributions/${k.json().id}`)).json().can).toEqual({ deliver: true, confirm: false, accept: false, cancel: true });
  });
});
