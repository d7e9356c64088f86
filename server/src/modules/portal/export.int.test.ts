import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';

/**
 * The open data exports stream the ledger in keyset batches of 2,000: across batch boundaries and
 * with ties on the date, every public row comes exactly once and in the order of a direct SELECT.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await testApp();
  // 4,600 more rows over few dates (many ties on pledged_on), one in seven cancelled
  await ctx.db.exec(`
    INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, status, pledged_on)
    SELECT c.id, s.organisation_id, s.province_code, 'in_kind', 'books', 'Sách ' || g, 1000 * g + 3, CASE WHEN g % 7 = 0 THEN 'cancelled' ELSE 'pledged' END, date '2025-01-01' + (g % 40)
      FROM generate_series(1, 4600) g
      CROSS JOIN LATERAL (SELECT organisation_id, province_code FROM school ORDER BY code OFFSET (g % 50) LIMIT 1) s
      CROSS JOIN LATERAL (SELECT id FROM organisation WHERE kind = 'donor' ORDER BY code LIMIT 1) c;
  `);
});
afterAll(() => ctx.close());

const direct = (where = 'true', params: unknown[] = []) =>
  ctx.db.query<{ id: string; value_vnd: string }>(`SELECT id, value_vnd::text FROM contribution k WHERE status <> 'cancelled' AND ${where} ORDER BY pledged_on DESC, id DESC`, params);

describe('public contributions export', () => {
  it('streams every public row once, in order, as CSV', async () => {
    const rows = await direct();
    expect(rows.length).toBeGreaterThan(3000); // past the first batch of 2,000
    const r = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/contributions?format=csv' });
    expect(r.statusCode).toBe(200);
    const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(rows.map((x) => x.id));
  });

  it('streams one JSON document that parses, with the count and the total of a direct sum', async () => {
    const rows = await direct();
    const r = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/contributions?format=json' });
    const j = JSON.parse(r.body);
    expect(j.items.map((c: { id: string }) => c.id)).toEqual(rows.map((x) => x.id));
    expect(j.count).toBe(rows.length);
    expect(j.totalVnd).toBe(rows.reduce((n, x) => n + BigInt(x.value_vnd), 0n).toString());
  });

  it('keeps the order and the rows under a province and a year filter', async () => {
    const { p } = await ctx.db.one<{ p: string }>(`SELECT province_code AS p FROM contribution WHERE description LIKE 'Sách %' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const rows = await direct(`province_code = $1 AND pledged_on >= '2025-01-01' AND pledged_on < '2026-01-01'`, [p]);
    expect(rows.length).toBeGreaterThan(0);
    const j = JSON.parse((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/contributions?format=json&provinceCode=${p}&year=2025` })).body);
    expect(j.items.map((c: { id: string }) => c.id)).toEqual(rows.map((x) => x.id));
  });
});

describe("an export's names, read once for its batches", () => {
  it('names every row as a direct join does, anonymous individuals included: a page joined, an export cached, whatever the cache keeps', async () => {
    const { publicRows, NameCache } = await import('./repository.js');
    const expected = await ctx.db.query<{ id: string; contributor_name: string; school_name: string; school_code: string; donor_type: string | null; anonymous: boolean }>(
      `SELECT k.id, o.name AS contributor_name, s.name AS school_name, s.code AS school_code, d.donor_type,
              (k.anonymous OR COALESCE(d.donor_type = 'individual' AND d.anonymous_default, false)) AS anonymous
         FROM contribution k JOIN organisation o ON o.id = k.contributor_id LEFT JOIN donor_profile d ON d.organisation_id = k.contributor_id
         JOIN school s ON s.organisation_id = k.school_id
        WHERE k.status <> 'cancelled' ORDER BY k.pledged_on DESC, k.id DESC`);
    // the demo has an individual who gives anonymously by default: the check covers that rule
    expect(expected.some((r) => r.anonymous && r.donor_type === 'individual')).toBe(true);
    const pick = (r: { id: string; contributor_name: string; school_name: string; school_code: string; donor_type: string | null; anonymous: boolean }) =>
      ({ id: r.id, contributor_name: r.contributor_name, school_name: r.school_name, school_code: r.school_code, donor_type: r.donor_type, anonymous: r.anonymous });
    for (const cache of [undefined, new NameCache(), new NameCache(3)]) {
      const got: ReturnType<typeof pick>[] = [];
      let after: [string, string] | null = null;
      for (;;) {
        const rows = await publicRows(ctx.db, {}, after, 700, cache);
        got.push(...rows.map(pick));
        if (rows.length < 700) break;
        after = [rows[rows.length - 1].pledged_on, rows[rows.length - 1].id];
      }
      expect(got).toEqual(expected.map(pick));
      if (cache) expect(cache.contributors.size + cache.schools.size).toBeGreaterThan(0);
    }

    // two batches read at once (the export on PostgreSQL) share one cache, the small one emptied
    // between pairs: each batch still names every row, and the row at a boundary comes once
    const { batchPairs } = await import('../../platform/paging.js');
    const { publicBoundary } = await import('./repository.js');
    for (const cache of [new NameCache(), new NameCache(3)]) {
      const got: ReturnType<typeof pick>[] = [];
      for await (const rows of batchPairs((after, limit, until) => publicRows(ctx.db, {}, after, limit, cache, until), (after, n) => publicBoundary(ctx.db, {}, after, n), (r) => [r.pledged_on, r.id], 700)) {
        got.push(...rows.map(pick));
      }
      expect(got).toEqual(expected.map(pick));
    }
  });
});

describe("a school's and a donor's public page", () => {
  it('shows their newest rows and the count of all, and their open data lists all of them, a donor without its anonymous gifts', async () => {
    const { PROFILE_ROWS } = await import('./service.js');
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    const get = async (url: string) => {
      const r = await ctx.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      return JSON.parse(r.body);
    };
    const { school } = await ctx.db.one<{ school: string }>(`SELECT school_id AS school FROM contribution WHERE description LIKE 'Sách %' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const rows = await direct('school_id = $1', [school]);
    expect(rows.length).toBeGreaterThan(PROFILE_ROWS);
    const page = await get(`/api/v1/public/schools/${school}`);
    expect(ids(page.contributions)).toEqual(ids(rows.slice(0, PROFILE_ROWS)));
    expect(page.totals.count).toBe(rows.length);
    expect(ids((await get(`/api/v1/public/contributions?format=json&schoolId=${school}`)).items)).toEqual(ids(rows));

    // one gift in five of the donor made anonymous: neither its page nor its open data shows them
    const { donor } = await ctx.db.one<{ donor: string }>(`SELECT id AS donor FROM organisation WHERE kind = 'donor' ORDER BY code LIMIT 1`);
    await ctx.db.query(`UPDATE contribution SET anonymous = true WHERE contributor_id = $1 AND description LIKE 'Sách %' AND (value_vnd / 1000) % 5 = 0`, [donor]);
    const everything = await direct('contributor_id = $1', [donor]);
    const named = await direct('contributor_id = $1 AND NOT anonymous', [donor]);
    expect(named.length).toBeGreaterThan(PROFILE_ROWS);
    expect(named.length).toBeLessThan(everything.length);
    const d = await get(`/api/v1/public/donors/${donor}`);
    expect(ids(d.contributions)).toEqual(ids(named.slice(0, PROFILE_ROWS)));
    expect(d.totals.count).toBe(named.length);
    expect(ids((await get(`/api/v1/public/contributions?format=json&contributorId=${donor}`)).items)).toEqual(ids(named));
  });

  it('refuses a school or a contributor that is not an id, in Vietnamese', async () => {
    for (const q of ['schoolId=abc', 'contributorId=1%27%20OR%201=1']) {
      const r = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/contributions?format=csv&${q}` });
      expect(r.statusCode).toBe(422);
      expect(r.body).toMatch(/[ăâđêôơư]/i);
    }
  });
});
