import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { dumpPglite, openPglite, openPostgres } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { loadReferenceData } from '../src/seed/reference.js';
import { loadDemoData } from '../src/seed/demo.js';
import { TEST_SCRYPT_N } from './hashing.js';

/**
 * Build one database with migrations, reference data and demo data, once per run; every test
 * file then gets its own copy (PGlite: a dump loaded into memory; PostgreSQL: CREATE DATABASE
 * … TEMPLATE), so files run in parallel without seeing each other's writes.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    dbTarget: 'pglite' | 'pg';
    pgliteDump: string;
    pgTemplate: string;
    pgAdminUrl: string;
  }
}

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  const target = process.env.DB_TARGET === 'pg' ? 'pg' : 'pglite';
  project.provide('dbTarget', target);
  project.provide('pgAdminUrl', PG_ADMIN_URL);
  if (target === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    await loadReferenceData(db);
    await loadDemoData(db, { scryptN: TEST_SCRYPT_N });
    const blob = await dumpPglite(db);
    await db.close();
    const file = path.join(os.tmpdir(), `kn-test-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    project.provide('pgliteDump', file);
    project.provide('pgTemplate', '');
    return () => fs.rmSync(file, { force: true });
  }
  const template = `kn_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // leftovers of interrupted runs: databases named after a test process that no longer exists
  // (another run going on at the same time keeps its own)
  const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kn\\_tpl\\_%' OR datname LIKE 'kn\\_t\\_%'`);
  for (const r of old.rows) {
    const pid = Number(/^kn_(?:tpl|t)_(\d+)/.exec(r.datname)?.[1]);
    if (pid && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${template}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/' + template;
  const db = await openPostgres(url.toString(), 2);
  await migrate(db);
  await loadReferenceData(db);
  await loadDemoData(db, { scryptN: TEST_SCRYPT_N });
  await db.close();
  project.provide('pgliteDump', '');
  project.provide('pgTemplate', template);
  return async () => {
    const old2 = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kn\\_t\\_${process.pid}\\_%'`);
    for (const r of old2.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  };
}
