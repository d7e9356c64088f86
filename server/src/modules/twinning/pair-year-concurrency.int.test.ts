import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from '../../../test/harness.js';
import { multipart, PNG } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

/**
 * Each pair's summary of a year (twinning_pair_year) under concurrent writes: every activity a
 * pair logs in a year, and every gift written with it, updates the same row, which its first
 * writer inserts. On PostgreSQL (separate connections) the logs arrive at the same time; every one
 * is accepted and the row equals the pair's activities and gifts summed directly. PGlite runs one
 * transaction at a time, so there it checks the sums.
 */
const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
let pairId: string;

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 12 });
  pairId = (await ctx.db.one<{ id: string }>(
    `SELECT p.id FROM twinning_pair p JOIN app_user u ON u.organisation_id = p.hanoi_school_id
      WHERE u.email = 'truong.hanoi@ketnoi.demo' AND p.status = 'active' ORDER BY p.id LIMIT 1`)).id;
  await ctx.cookie('truong.hanoi@ketnoi.demo');
});
afterAll(async () => { await ctx.close(); });

describe("a pair's year summary under concurrent activities", () => {
  it('counts 24 activities and their 12 gifts logged at once, each exactly once', async () => {
    // a year nothing else has written: the summary's row for it does not exist before the first log
    const year = 2026;
    const cookie = await ctx.cookie('truong.hanoi@ketnoi.demo');
    const log = (i: number) => {
      const gift = i % 2 === 0;
      const [payload, headers] = multipart({
        heldOn: `${year}-05-${String(1 + (i % 28)).padStart(2, '0')}`, title: `Hoạt động đồng thời ${i}`, teachers: String(1 + (i % 3)), pupils: String(10 + i),
        ...(gift ? { kind: 'material_support', subKind: 'textbooks', support: JSON.stringify({ form: 'money', valueVnd: 1_000_000 + i }) } : { kind: 'exchange', subKind: 'connected_classroom', mode: 'online' }),
      }, gift ? [{ filename: `anh-${i}.png`, type: 'image/png', data: PNG }] : []);
      return ctx.app.inject({ method: 'POST', url: `/api/v1/twinning/pairs/${pairId}/activities`, payload, headers: { ...headers, cookie } });
    };
    const before = await ctx.db.maybeOne<{ activities: number }>('SELECT activities FROM twinning_pair_year WHERE year = $1 AND pair_id = $2', [year, pairId]);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => log(i)));
    expect(results.map((r) => r.statusCode), results.find((r) => r.statusCode !== 201)?.body).toEqual(Array(24).fill(201));
    const summary = await ctx.db.one<{ activities: number; material_support: number; exchange: number; teachers: string; pupils: string; support_money: string }>(
      'SELECT activities, material_support, exchange, teachers::text, pupils::text, support_money::text FROM twinning_pair_year WHERE year = $1 AND pair_id = $2', [year, pairId]);
    const direct = await ctx.db.one<{ activities: string; material_support: string; exchange: string; teachers: string; pupils: string; support_money: string }>(
      `SELECT count(*)::text AS activities, count(*) FILTER (WHERE kind = 'material_support')::text AS material_support, count(*) FILTER (WHERE kind = 'exchange')::text AS exchange,
              sum(teachers)::text AS teachers, sum(pupils)::text AS pupils,
              (SELECT COALESCE(sum(k.value_vnd), 0) FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id
                WHERE a.pair_id = $2 AND k.status <> 'cancelled' AND k.form = 'money' AND a.held_on >= make_date($1, 1, 1) AND a.held_on < make_date($1 + 1, 1, 1))::text AS support_money
         FROM twinning_activity WHERE pair_id = $2 AND held_on >= make_date($1, 1, 1) AND held_on < make_date($1 + 1, 1, 1)`, [year, pairId]);
    expect({ ...summary, activities: String(summary.activities), material_support: String(summary.material_support), exchange: String(summary.exchange) }).toEqual(direct);
    expect(Number(summary.activities)).toBe((before?.activities ?? 0) + 24);
    console.info(`pair-year summary (${isPg() ? 'PostgreSQL' : 'PGlite'}): 24 concurrent logs, ${summary.activities} activities, ${summary.support_money} đồng`);
  });
});
