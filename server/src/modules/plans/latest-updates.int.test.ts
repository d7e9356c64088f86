import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import * as repo from './repository.js';

/**
 * task_update_latest (migration 0047) against the updates themselves: after random updates
 * (several per key, some reported on the same day, some after the date asked, one changed and one
 * deleted), the latest of each key as of several dates equals DISTINCT ON over the history.
 */
let ctx: TestContext;
beforeAll(async () => { ctx = await testApp({ config: { demoData: true }, poolSize: 8 }); }, 300_000);
afterAll(async () => { await ctx.close(); });

const DIRECT = `SELECT DISTINCT ON (assignment_id, organisation_id, period) id FROM task_update
  WHERE assignment_id = ANY($1::uuid[]) AND reported_on <= $2::date ORDER BY assignment_id, organisation_id, period, reported_on DESC, created_at DESC, id DESC`;

describe('the latest update of each task, unit and period', () => {
  it('equals the history read whole, as of today and of past dates, after random writes, changes and deletions', async () => {
    const db = ctx.db;
    const pairs = await db.query<{ assignment_id: string; organisation_id: string }>(
      `SELECT assignment_id, organisation_id FROM assignment_unit ORDER BY assignment_id, organisation_id LIMIT 12`);
    expect(pairs.length).toBeGreaterThan(3);
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 120; i++) {
      const p = pairs[rnd(pairs.length)];
      const day = `2026-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
      await db.query(`INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, reported_on, created_at)
        VALUES ($1, $2, $3, 'in_progress', $4, $5::date, $5::date + make_interval(secs => $6))`, [p.assignment_id, p.organisation_id, ['', '2026-Q1', '2026-Q2'][rnd(3)], rnd(100), day, rnd(3)]);
    }
    await db.query(`UPDATE task_update SET reported_on = '2025-01-01' WHERE id = (SELECT update_id FROM task_update_latest ORDER BY update_id LIMIT 1)`);
    await db.query(`DELETE FROM task_update WHERE id = (SELECT update_id FROM task_update_latest ORDER BY update_id DESC LIMIT 1)`);
    await db.query(`UPDATE task_update SET state = 'blocked', percent = 13 WHERE id = (SELECT update_id FROM task_update_latest ORDER BY update_id LIMIT 1 OFFSET 1)`);
    const ids = (await db.query<{ id: string }>('SELECT DISTINCT assignment_id AS id FROM task_update')).map((r) => r.id);
    for (const asOf of ['2026-12-31', '2026-06-15', '2026-02-01', '2025-06-01']) {
      const viaSummary = (await repo.latestUpdates(db, ids, asOf)).map((r) => r.id).sort();
      const direct = (await db.query<{ id: string }>(DIRECT, [ids, asOf])).map((r) => r.id).sort();
      expect(viaSummary, asOf).toEqual(direct);
      expect(direct.length, asOf).toBeGreaterThan(0);
    }
    // one row per key, none for a key whose updates are all gone
    const orphan = await db.one<{ n: string }>(`SELECT count(*)::text AS n FROM task_update_latest l WHERE NOT EXISTS (
      SELECT 1 FROM task_update u WHERE u.assignment_id = l.assignment_id AND u.organisation_id = l.organisation_id AND u.period = l.period)`);
    expect(orphan.n).toBe('0');
    // each key holds its latest update's state and percent (the derived statuses read them there)
    const differ = await db.one<{ n: string; blocked: string }>(`SELECT count(*) FILTER (WHERE (l.state, l.percent) IS DISTINCT FROM (u.state, u.percent))::text AS n,
        count(*) FILTER (WHERE l.state = 'blocked' AND l.percent = 13)::text AS blocked FROM task_update_latest l JOIN task_update u ON u.id = l.update_id`);
    expect(differ).toEqual({ n: '0', blocked: '1' });
  });

  it('keeps the latest when many units report on one key at once (each in its own transaction; a race on PostgreSQL)', async () => {
    const db = ctx.db;
    const p = await db.one<{ assignment_id: string; organisation_id: string }>(
      `SELECT assignment_id, organisation_id FROM assignment_unit ORDER BY assignment_id DESC, organisation_id LIMIT 1`);
    // 24 writers of one (assignment, unit, period), in shuffled order of their dates, all at once
    const days = Array.from({ length: 24 }, (_, i) => `2026-${String(1 + (i * 7) % 12).padStart(2, '0')}-${String(1 + (i * 5) % 28).padStart(2, '0')}`);
    await Promise.all(days.map((day, i) => db.tx(async (t) => {
      await t.query(`INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, reported_on)
        VALUES ($1, $2, 'race', 'in_progress', $3, $4::date)`, [p.assignment_id, p.organisation_id, i, day]);
    })));
    const held = await db.one<{ update_id: string }>(
      `SELECT update_id FROM task_update_latest WHERE assignment_id = $1 AND organisation_id = $2 AND period = 'race'`, [p.assignment_id, p.organisation_id]);
    const direct = await db.one<{ id: string }>(
      `SELECT id FROM task_update WHERE assignment_id = $1 AND organisation_id = $2 AND period = 'race' ORDER BY reported_on DESC, created_at DESC, id DESC LIMIT 1`,
      [p.assignment_id, p.organisation_id]);
    expect(held.update_id).toBe(direct.id);
  });
});

