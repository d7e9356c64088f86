import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './data-files.js';
import type { Db } from './db.js';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'server/migrations');

/**
 * Apply server/migrations/*.sql in name order, each in its own transaction, once. On PostgreSQL
 * an advisory lock keeps two app servers starting together from racing.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  await db.tx(async (t) => {
    if (db.engine === 'postgres') await t.query('SELECT pg_advisory_xact_lock(727274)');
    await t.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await t.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
    for (const f of files) {
      if (done.has(f)) continue;
      await t.exec(fs.readFileSync(path.join(dir, f), 'utf8'));
      await t.query('INSERT INTO schema_migration (name) VALUES ($1)', [f]);
      applied.push(f);
    }
  });
  return applied;
}
