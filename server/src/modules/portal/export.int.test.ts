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
