import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db.js';
import { keepStatistics, SUMMARY_TABLES, tidySummaries } from '../src/platform/db.js';
import { freshDb } from './harness.js';

/**
 * The embedded engine has no autovacuum: the trigger-kept summary tables (need_totals and the
 * like) would keep every dead version of their rows. `keepStatistics` vacuums them on a timer;
 * after a plain VACUUM the next rewrites reuse the freed space and the table stops growing; one
 * found badly bloated is rewritten compact.
 */
let db: Db;
beforeAll(async () => { db = await freshDb(); }, 300_000);
afterAll(async () => { await db.close(); });

const pages = async (table: string) => Number((await db.one<{ n: string }>(`SELECT (pg_relation_size($1::regclass) / 8192)::text AS n FROM (SELECT 1) x`, [table])).n);
/** Rewrite every row of need_totals `times` times, as pledges and changes of needs do. */
const churn = async (times: number) => { for (let i = 0; i < times; i++) await db.query('UPDATE need_totals SET value = value + 0'); };

describe('the summary tables on the embedded engine', () => {
  it('are vacuumed by keepStatistics on its timer (PGlite), and left to autovacuum on PostgreSQL', async () => {
    const seen: string[] = [];
    const spy = new Proxy(db, { get: (target, prop, receiver) => (prop === 'exec' ? (sql: string) => { seen.push(sql); return target.exec(sql); } : Reflect.get(target, prop, receiver)) });
    const stop = await keepStatistics(spy, 3_600_000, 40);
    await new Promise((r) => setTimeout(r, 1_000));
    stop();
    const vacuums = seen.filter((s) => s.startsWith('VACUUM (ANALYZE)'));
    if (db.engine === 'pglite') {
      expect(seen[0]).toBe('ANALYZE');
      expect(vacuums.length).toBeGreaterThan(0);
      for (const t of ['need_totals', 'ledger_totals', 'contributor_totals', 'task_update_latest', 'twinning_pair_year']) expect(vacuums[0]).toContain(t);
    } else {
      expect(seen).toEqual([]);
      expect(await tidySummaries(db)).toEqual([]);
    }
  });

  it('stop growing under rewrites once vacuumed (PGlite)', async () => {
    if (db.engine !== 'pglite') return;
    expect(await tidySummaries(db)).toEqual([...SUMMARY_TABLES].sort());
    const start = await pages('need_totals');
    await churn(20);
    const grown = await pages('need_totals');
    // without a vacuum every rewrite leaves its dead rows: the table grows
    expect(grown).toBeGreaterThan(start);
    // vacuumed between rounds, the same rewrites reuse the freed space
    for (let i = 0; i < 5; i++) { await tidySummaries(db); await churn(2); }
    await tidySummaries(db);
    expect(await pages('need_totals')).toBeLessThanOrEqual(grown);
    const rows = Number((await db.one<{ n: string }>('SELECT count(*)::text AS n FROM need_totals')).n);
    expect(rows).toBeGreaterThan(0);
  });

  it('rewrites a badly bloated one compact (PGlite)', async () => {
    if (db.engine !== 'pglite') return;
    await tidySummaries(db);
    const compact = await pages('need_totals');
    // many rewrites in one transaction, as a bulk load leaves it (no dead row can be pruned before it commits)
    await db.tx(async (t) => { for (let i = 0; i < 400; i++) await t.query('UPDATE need_totals SET value = value + 0'); });
    const bloated = await pages('need_totals');
    expect(bloated).toBeGreaterThan(64);
    await tidySummaries(db);
    const after = await pages('need_totals');
    expect(after).toBeLessThan(bloated / 4);
    expect(after).toBeLessThanOrEqual(compact + 1);
  });
});
