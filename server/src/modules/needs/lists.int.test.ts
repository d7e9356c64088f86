import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { readCsv } from '../../platform/tabular.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);
const ids = (r: { json: () => { items: { id: string }[] } }) => r.json().items.map((n) => n.id);

async function submitted(title: string, priority = 'normal', category = 'equipment'): Promise<string> {
  const c = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { schoolId: dbSchool, category, title, quantity: 10, unit: 'bộ', estimatedCost: 10_000_000, priority });
  expect(c.statusCode).toBe(201);
  const id = c.json().id as string;
  expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
  return id;
}
const act = (id: string, body: Record<string, unknown>) => call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, body);

describe("the Department's queue", () => {
  it('lists the verification queue oldest first, and verified needs not yet published in a list of their own', async () => {
    const first = await submitted('Máy chiếu cho phòng học bộ môn');
    clock.set('2026-11-21T03:00:00Z');
    const second = await submitted('Tủ sách lớp học');
    clock.set('2026-11-22T03:00:00Z');
    const third = await submitted('Bàn ghế giáo viên');
    const queue = ids(await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/needs?scope=mine&status=submitted&sort=waiting&limit=200'));
    const mine = queue.filter((id) => [first, second, third].includes(id));
    expect(mine).toEqual([first, second, third]);

    // verify only: the need waits, visible, in the verified list; publish later
    expect((await act(second, { action: 'verify', publish: false })).json().status).toBe('verified');
    const verified = ids(await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/needs?scope=mine&status=verified&sort=waiting&limit=200'));
    expect(verified).toContain(second);
    expect(ids(await call(null, 'GET', '/api/v1/needs?limit=200&q=tu%20sach%20lop%20hoc'))).not.toContain(second);
    expect((await act(second, { action: 'publish' })).json().status).toBe('published');

    // verify and publish in one step, at the Department's choice (a form sends "true")
    const both = await act(first, { action: 'verify', publish: 'true' });
    expect(both.statusCode).toBe(200);
    expect(both.json().status).toBe('published');
    const history = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/needs/${first}`)).json().history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['create', 'submit', 'verify', 'publish']);
    // the school may not verify, with or without publishing
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${third}/transitions`, { action: 'verify', publish: true })).statusCode).toBe(403);
  });
});

describe('public lists', () => {
  it('"Cấp thiết" puts needs still open first; a need met by its pledges goes after open ones of lower priority', async () => {
    const met = await submitted('Quạt trần phòng học khẩn cấp', 'urgent');
    await act(met, { action: 'verify', publish: true });
    const open = await submitted('Quạt trần phòng học bình thường', 'low');
    await act(open, { action: 'verify', publish: true });
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: met, form: 'money', description: 'Ủng hộ quạt', valueVnd: 10_000_000 })).statusCode).toBe(201);
    const order = ids(await call(null, 'GET', `/api/v1/needs?sort=urgency&limit=200&q=${encodeURIComponent('quat tran')}`));
    expect(order).toEqual([open, met]);
    // open only: the search keeps the open one, in every order
    for (const sort of ['urgency', 'recent', 'remaining']) {
      expect(ids(await call(null, 'GET', `/api/v1/needs?sort=${sort}&open=true&limit=200&q=${encodeURIComponent('quat tran')}`)), sort).toEqual([open]);
    }
  });

  it('pages every need exactly once in the order of one long page, in each order ("Cấp thiết" across the open and met ones)', async () => {
    for (const q of ['sort=urgency', 'sort=urgency&provinceCode=11', `sort=urgency&q=${encodeURIComponent('quat tran')}`, 'sort=recent&provinceCode=11', 'sort=remaining&provinceCode=11']) {
      const whole = (await call(null, 'GET', `/api/v1/needs?${q}&limit=200`)).json();
      const met = whole.items.filter((n: { status: string }) => !['published', 'partly_pledged'].includes(n.status)).length;
      expect(met, q).toBeGreaterThan(0);
      expect(whole.items.length - met, q).toBeGreaterThan(0);
      for (const limit of [1, 7]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const r = await call(null, 'GET', `/api/v1/needs?${q}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(r.statusCode).toBe(200);
          seen.push(...r.json().items.map((n: { id: string }) => n.id));
          cursor = r.json().nextCursor;
        } while (cursor);
        expect(seen, `${q} by ${limit}`).toEqual(whole.items.map((n: { id: string }) => n.id));
      }
    }
    // a Department's queue, the longest waiting first
    const queue = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/needs?scope=mine&sort=waiting&limit=200')).json().items.map((n: { id: string }) => n.id);
    expect(queue.length).toBeGreaterThan(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { items: { id: string }[]; nextCursor: string | null } = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/needs?scope=mine&sort=waiting&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...r.items.map((n) => n.id));
      cursor = r.nextCursor;
    } while (cursor);
    expect(seen).toEqual(queue);
  });

  it('finds a need by several words across the need, its school and its place, without accents', async () => {
    const toilet = await submitted('Nhà vệ sinh cho học sinh bán trú', 'high', 'toilet');
    await act(toilet, { action: 'verify', publish: true });
    const school = await ctx.db.one<{ name: string }>('SELECT name FROM school WHERE organisation_id = $1', [dbSchool]);
    for (const q of ['nha ve sinh', 'dien bien', 'nha ve sinh dien bien', 'Nhà vệ sinh Điện Biên', 'dien bien ve sinh', `ve sinh ${school.name}`]) {
      expect(ids(await call(null, 'GET', `/api/v1/needs?limit=200&q=${encodeURIComponent(q)}`)), q).toContain(toilet);
    }
    // every word must match somewhere
    expect(ids(await call(null, 'GET', `/api/v1/needs?limit=200&q=${encodeURIComponent('nha ve sinh son la')}`))).not.toContain(toilet);
    const page = (await call(null, 'GET', `/api/v1/needs?limit=200&q=${encodeURIComponent('nha ve sinh dien bien')}`)).json();
    expect(page.total).toBe(page.items.length);
  });
});

describe('the count of a list read from its needs', () => {
  it('stops past its cap, and is exact below it; the page says whether it stopped', async () => {
    const { countNeeds } = await import('./repository.js');
    const states = ['published', 'accepted', 'closed'] as const;
    const all: string[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    do {
      const r = await call(null, 'GET', `/api/v1/needs?q=quat&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.totalCapped).toBe(false);
      totals.add(body.total);
      all.push(...body.items.map((n: { id: string }) => n.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect([...totals]).toEqual([all.length]);
    const f = { states: [...states], q: 'quat' };
    expect(await countNeeds(ctx.db, f, 1_000)).toBe(all.length);
    expect(await countNeeds(ctx.db, f, all.length)).toBe(all.length);
    expect(await countNeeds(ctx.db, f, all.length - 1)).toBe(all.length);
    expect(await countNeeds(ctx.db, f, 1)).toBe(2);
  });
});

describe('a search matching more needs than its count stops at', () => {
  it('pages it in the urgency order, each page the next of the same order', async () => {
    const { needs, countNeeds } = await import('./repository.js');
    const { NEED_COUNT_CAP } = await import('./service.js');
    const priorities = ['urgent', 'high', 'normal', 'low'];
    await ctx.db.query(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, search)
       SELECT s.organisation_id, s.province_code, s.commune_code, 'books', 'Giá sách thư viện lớp ' || g, 1, 'bộ', 5000000, ($2::text[])[1 + g % 4], 'published', now(), 'gia sach thu vien lop ' || g
         FROM generate_series(1, $3::int) g, school s WHERE s.organisation_id = $1`, [dbSchool, priorities, NEED_COUNT_CAP + 100]);
    const f = { states: ['published', 'accepted', 'closed'] as ('published' | 'accepted' | 'closed')[], q: 'thu vien' };
    expect(await countNeeds(ctx.db, f, NEED_COUNT_CAP)).toBe(NEED_COUNT_CAP + 1);
    let after: unknown[] | null = null;
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) {
      const r: { items: { id: string }[]; nextCursor: string | null } = (await call(null, 'GET', `/api/v1/needs?sort=urgency&q=thu%20vien&limit=40${cursor ? `&cursor=${cursor}` : ''}`)).json();
      cursor = r.nextCursor;
      expect(r).toMatchObject({ total: NEED_COUNT_CAP, totalCapped: true });
      const planned = await needs(ctx.db, f, 'urgency', after, 41);
      const keys = planned.map((n) => [Number(n.sort_key), n.id] as const);
      for (let k = 1; k < keys.length; k++) expect(keys[k][0] > keys[k - 1][0] || (keys[k][0] === keys[k - 1][0] && keys[k][1] > keys[k - 1][1])).toBe(true);
      expect(r.items.map((n: { id: string }) => n.id)).toEqual(planned.slice(0, 40).map((n) => n.id));
      after = [Number(planned[39].sort_key), planned[39].id];
    }
  });
});

describe('a search in the urgency order, whether its page is found walking the list or among its matches', () => {
  it('pages the same needs in the same order as the matches sorted by hand, past thousands of needs that do not match', async () => {
    const { needs, SEARCH_WALK, searchMayWalk } = await import('./repository.js');
    // thousands of urgent needs that do not match come first in the list's order, so a walk of the
    // list stops before it fills a page with the two urgent ones that match (their ids random among
    // them) and the page is found among the matches; the matches of lower priority come next in
    // the list, and their pages are found walking it
    await ctx.db.query(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, search)
       SELECT s.organisation_id, s.province_code, s.commune_code, 'classroom', 'Bàn ghế mẫu giáo ' || g, 1, 'bộ', 2000000, 'urgent', 'published', now(), 'ban ghe mau giao ' || g
         FROM generate_series(1, $2::int) g, school s WHERE s.organisation_id = $1`, [dbSchool, SEARCH_WALK + 200]);
    await ctx.db.query(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, search)
       SELECT s.organisation_id, s.province_code, s.commune_code, 'equipment', 'Kính lúp khoa học ' || g, 1, 'cái', 300000, CASE WHEN g <= 2 THEN 'urgent' ELSE ($2::text[])[1 + g % 3] END, 'published', now(), 'kinh lup khoa hoc ' || g
         FROM generate_series(1, 30) g, school s WHERE s.organisation_id = $1`, [dbSchool, ['high', 'normal', 'low']]);
    // one match met by a pledge goes after the open ones
    const met = (await ctx.db.one<{ id: string }>(`SELECT id FROM need WHERE title = 'Kính lúp khoa học 4'`)).id;
    await ctx.db.query('UPDATE need_ledger SET open = false WHERE need_id = $1', [met]);
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as Record<string, number>;
    const byHand = (await ctx.db.query<{ id: string; priority: string; open: boolean }>(
      `SELECT n.id, n.priority, l.open FROM need n JOIN need_ledger l ON l.need_id = n.id
        WHERE n.state IN ('published', 'accepted', 'closed') AND n.search_all LIKE '%kinh lup%' AND n.search_all LIKE '%khoa hoc%'`))
      .map((n) => ({ id: n.id, key: (n.open ? 0 : 4) + rank[n.priority]!, open: n.open }))
      .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(byHand).toHaveLength(30);
    expect(byHand.at(-1)!.id).toBe(met);
    // through the API (thirty matches: among its matches), and read both ways, walking first or not
    const f = { states: ['published', 'accepted', 'closed'] as ('published' | 'accepted' | 'closed')[], q: 'kinh lup khoa hoc' };
    // only a search of the public needs, open or not, with no other filter may walk the list
    expect([f, { ...f, open: true }, { ...f, provinceCode: '11' }, { ...f, category: 'books' }, { ...f, q: undefined }, { ...f, states: ['draft' as const, 'published' as const] }].map(searchMayWalk))
      .toEqual([true, true, false, false, false, false]);
    for (const [open, expected] of [[false, byHand], [true, byHand.filter((n) => n.open)]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await call(null, 'GET', `/api/v1/needs?sort=urgency&q=kinh%20lup%20khoa%20hoc&limit=4${open ? '&open=true' : ''}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.statusCode).toBe(200);
        seen.push(...ids(r));
        cursor = r.json().nextCursor;
      } while (cursor);
      expect(seen, `open ${open}`).toEqual(expected.map((n) => n.id));
      for (const walk of [true, false]) {
        const read: string[] = [];
        let after: unknown[] | null = null;
        for (;;) {
          const rows = await needs(ctx.db, { ...f, open }, 'urgency', after, 4, { walk });
          read.push(...rows.map((n) => n.id));
          if (rows.length < 4) break;
          after = [Number(rows[3]!.sort_key), rows[3]!.id];
        }
        expect(read, `open ${open}, walk ${walk}`).toEqual(expected.map((n) => n.id));
      }
    }
  });
});

describe('the needs export at more than two batches', () => {
  it('writes every public need once, newest first, as the table orders them (two batches at once on PostgreSQL)', async () => {
    // needs created a second apart, some at the same second (the key's tie broken by id)
    await ctx.db.query(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, created_at, search)
       SELECT s.organisation_id, s.province_code, s.commune_code, 'books', 'Sách tham khảo lớp ' || g, 1, 'bộ', 400000, 'normal', 'published', now(),
              timestamptz '2026-10-01T00:00:00Z' + (g / 3) * interval '1 second', 'sach tham khao lop ' || g
         FROM generate_series(1, 4500) g, school s WHERE s.organisation_id = $1`, [dbSchool]);
    // each need with the names of its school and places, joined here as the export no longer does
    const expected = (await ctx.db.query<{ school: string; province: string; commune: string; title: string }>(
      `SELECT s.name AS school, p.name AS province, c.full_name AS commune, n.title FROM need n
         JOIN school s ON s.organisation_id = n.school_id
         JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
         JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
        WHERE n.state IN ('published', 'accepted', 'closed') ORDER BY n.created_at DESC, n.id DESC`)).map((r) => [r.school, r.province, r.commune, r.title]);
    expect(expected.length).toBeGreaterThan(4500);
    expect(new Set(expected.map((r) => r[0])).size).toBeGreaterThan(1);
    const res = await call(null, 'GET', '/api/v1/needs?format=csv');
    expect(res.statusCode).toBe(200);
    const sheet = readCsv(res.body);
    expect(sheet.rows.map((r) => [r.values[0], r.values[1], r.values[2], r.values[4]])).toEqual(expected);
    // the school names kept for an export start again past their bound, and every row keeps its name
    const { ExportNames, needsForExport } = await import('./repository.js');
    const names = new ExportNames(1);
    const read: string[][] = [];
    let after: unknown[] | null = null;
    for (;;) {
      const rows = await needsForExport(ctx.db, { states: ['published', 'accepted', 'closed'] }, after, 700, null, names);
      read.push(...rows.map((r) => [r.school_name, r.province_name, r.commune_name, r.title]));
      if (rows.length < 700) break;
      after = [rows[699]!.sort_at, rows[699]!.id];
      expect(names.schools.size).toBeLessThanOrEqual(names.max + 700);
    }
    expect(read).toEqual(expected);
    // a batch read up to a key (the first of two read at once) returns every row to it, here 3,000
    // where the batch is 700: read in steps of 1,400, as when rows were written since the key was read
    const upTo = await ctx.db.one<{ sort_at: string; id: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, id FROM need
        WHERE state IN ('published', 'accepted', 'closed') ORDER BY created_at DESC, id DESC OFFSET 2999 LIMIT 1`);
    const far = await needsForExport(ctx.db, { states: ['published', 'accepted', 'closed'] }, null, 700, [upTo.sort_at, upTo.id], new ExportNames());
    expect(far.map((r) => [r.school_name, r.province_name, r.commune_name, r.title])).toEqual(expected.slice(0, 3000));
  });
});

