import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';

/**
 * The summaries' busy rows under concurrent writes. Every pledge, receipt and acceptance in one
 * province, category and year updates the same rows of ledger_totals and need_totals, held until
 * its transaction commits. On PostgreSQL (separate connections) these tests write at the same time
 * and check that nothing deadlocks, nothing is refused that would pass alone, and the summaries
 * still equal direct sums; PGlite runs one transaction at a time, so there they only check the sums.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const figures: Record<string, unknown> = {};
let donor: string;
let school: { organisation_id: string; province_code: string; commune_code: string };

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 12 });
  donor = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'nhataitro@ketnoi.demo'`)).organisation_id;
  school = await ctx.db.one(`SELECT organisation_id, province_code, commune_code FROM school WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo')`);
  await ctx.cookie('nhataitro@ketnoi.demo');
});
afterAll(async () => {
  console.info(`hot rows (${isPg() ? 'PostgreSQL' : 'PGlite'}): ${JSON.stringify(figures)}`);
  await ctx.close();
});

/** Published needs of the demo school, in the given categories. */
async function publishedNeeds(categories: string[], cost = 100_000_000): Promise<string[]> {
  const ids: string[] = [];
  for (const category of categories) {
    ids.push((await ctx.db.one<{ id: string }>(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, search)
       VALUES ($1, $2, $3, $4, 'Nhu cầu thử', 10, 'bộ', $5, 'high', 'published', now(), 'nhu cau thu') RETURNING id`,
      [school.organisation_id, school.province_code, school.commune_code, category, cost])).id);
  }
  return ids;
}

/** A contribution written straight to the ledger (the status given), against a need or none. */
const contribution = (db: Db, status: string, category: string, needId: string | null) =>
  db.one<{ id: string }>(
    `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, need_id, status, pledged_on)
     VALUES ($1, $2, $3, 'money', $4, 'Đóng góp thử', 1000000, $5, $6, '2026-10-01') RETURNING id`,
    [donor, school.organisation_id, school.province_code, category, needId, status]);

async function expectSummariesEqualDirectSums() {
  const db = ctx.db;
  expect(await db.query(`
    (SELECT year, province_code, category, form, status, sum(count) AS count, sum(value_vnd) AS value_vnd FROM ledger_totals GROUP BY 1, 2, 3, 4, 5 HAVING sum(count) <> 0 OR sum(value_vnd) <> 0
     EXCEPT SELECT extract(year FROM pledged_on)::int, province_code, category, form, status, count(*), sum(value_vnd) FROM contribution GROUP BY 1, 2, 3, 4, 5)
    UNION ALL
    (SELECT extract(year FROM pledged_on)::int, province_code, category, form, status, count(*), sum(value_vnd) FROM contribution GROUP BY 1, 2, 3, 4, 5
     EXCEPT SELECT year, province_code, category, form, status, sum(count), sum(value_vnd) FROM ledger_totals GROUP BY 1, 2, 3, 4, 5)`)).toEqual([]);
  const direct = `SELECT n.province_code, n.category, n.state, count(*) AS count, COALESCE(sum(l.pv), 0) AS pledged, COALESCE(sum(l.rv), 0) AS received
      FROM need n LEFT JOIN LATERAL (SELECT sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv
                                      FROM contribution WHERE need_id = n.id) l ON true GROUP BY 1, 2, 3`;
  const summary = `SELECT province_code, category, state, sum(count) AS count, sum(pledged) AS pledged, sum(received) AS received FROM need_totals GROUP BY 1, 2, 3`;
  expect(await db.query(`(${summary} HAVING sum(count) <> 0 OR sum(pledged) <> 0 OR sum(received) <> 0 EXCEPT ${direct}) UNION ALL (${direct} EXCEPT ${summary})`)).toEqual([]);
}

/**
 * Two transactions interleaved on purpose: the first runs `first`, then (while it still holds what
 * that locked) the second runs `second` in a transaction of its own, and 300 ms later the first runs
 * `then` and commits. Both must succeed: on PostgreSQL a deadlock aborts one of them (40P01).
 */
async function interleave(first: (t: Db) => Promise<unknown>, then: (t: Db) => Promise<unknown>, second: (t: Db) => Promise<unknown>): Promise<string> {
  let firstHolds!: () => void;
  const held = new Promise<void>((r) => { firstHolds = r; });
  const results = await Promise.allSettled([
    ctx.db.tx(async (t) => {
      await first(t);
      firstHolds();
      await new Promise((r) => setTimeout(r, 300));
      await then(t);
    }),
    (async () => {
      await held;
      await ctx.db.tx(second);
    })(),
  ]);
  const outcome = results.map((r) => (r.status === 'fulfilled' ? 'ok' : String((r.reason as Error).message))).join(' / ');
  expect(results.map((r) => r.status), outcome).toEqual(['fulfilled', 'fulfilled']);
  await expectSummariesEqualDirectSums();
  return outcome;
}

describe('busy rows of the summaries', () => {
  it('a receipt and an acceptance of the same province, category and year at the same time: both land, no deadlock', async () => {
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [x, y] = await publishedNeeds(['books', 'books'], 100_000_000);
      const a = (await contribution(ctx.db, 'delivered', 'books', x)).id;
      const b = (await contribution(ctx.db, 'received', 'books', y)).id;
      // the first holds the group's "received" row (a gift to the school, no need); the second moves
      // A from delivered to received; the first then accepts B. Taken in the order old status, need's
      // summaries, new status, the second would hold the needs' group while waiting for "received",
      // and the first would wait for that group
      rounds.push(await interleave(
        (t) => contribution(t, 'received', 'books', null),
        (t) => t.query(`UPDATE contribution SET status = 'accepted' WHERE id = $1`, [b]),
        (t) => t.query(`UPDATE contribution SET status = 'received' WHERE id = $1`, [a])));
    }
    figures.receiptAndAcceptance = rounds;
  });

  it('a pledge on a need (locked first, as the ledger does) while another pledge on it is cancelled: both land, no deadlock', async () => {
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [x] = await publishedNeeds(['meals'], 100_000_000);
      const k = (await contribution(ctx.db, 'pledged', 'meals', x)).id;
      // taken in the order ledger_totals, then the need, the cancellation would hold the "pledged"
      // row while waiting for the need, and the pledge would hold the need while waiting for that row
      rounds.push(await interleave(
        (t) => t.query('SELECT 1 FROM need WHERE id = $1 FOR UPDATE', [x]),
        (t) => contribution(t, 'pledged', 'meals', x),
        (t) => t.query(`UPDATE contribution SET status = 'cancelled', cancel_reason = 'thử' WHERE id = $1`, [k])));
    }
    figures.pledgeAndCancellation = rounds;
  });

  it('a need returned while another of its group comes back submitted: both land, no deadlock', async () => {
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [x, y, z] = await publishedNeeds(['toilet', 'toilet', 'toilet']);
      await ctx.db.query(`UPDATE need SET state = 'submitted' WHERE id = $1`, [x]);
      await ctx.db.query(`UPDATE need SET state = 'returned', return_reason = 'thử' WHERE id = ANY($1::uuid[])`, [[y, z]]);
      // the first holds the group's "returned" row (Z withdrawn from it); the second returns X; the
      // first then resubmits Y. Taken old group first, the second would hold "submitted" while
      // waiting for "returned", and the first would wait for "submitted"
      rounds.push(await interleave(
        (t) => t.query(`UPDATE need SET state = 'withdrawn', withdraw_reason = 'thử' WHERE id = $1`, [z]),
        (t) => t.query(`UPDATE need SET state = 'submitted' WHERE id = $1`, [y]),
        (t) => t.query(`UPDATE need SET state = 'returned', return_reason = 'thử' WHERE id = $1`, [x])));
    }
    figures.returnAndResubmit = rounds;
  });

  it('40 pledges at once to 40 needs of one province and category: all written, sums exact (time against 40 categories apart)', async () => {
    const time = async (categories: string[]) => {
      const needs = await publishedNeeds(categories);
      const t0 = performance.now();
      const rs = await Promise.all(needs.map((needId, i) =>
        call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'money', description: `Ủng hộ ${i}`, valueVnd: 1_000_000 })));
      const ms = performance.now() - t0;
      expect(rs.map((r) => r.statusCode), rs.find((r) => r.statusCode !== 201)?.body).toEqual(needs.map(() => 201));
      return Math.round(ms);
    };
    const CATEGORIES = ['classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport', 'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training'];
    const sameGroup = [];
    const apart = [];
    for (let round = 0; round < 3; round++) {
      sameGroup.push(await time(Array.from({ length: 40 }, () => 'meals')));
      apart.push(await time(Array.from({ length: 40 }, (_, i) => CATEGORIES[i % CATEGORIES.length])));
    }
    figures.fortyPledgesMs = { sameGroup, apart };
    await expectSummariesEqualDirectSums();
  });
});
