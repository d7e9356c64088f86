import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { openDb, openPglite, type Db } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { loadReferenceData } from '../src/seed/reference.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { isPg } from './harness.js';
import { multipart, PNG } from './calls.js';

/**
 * Restore drill, on the engine of the run: a demo database with some writes is backed up with
 * `npm run backup`, restored with `npm run restore` into a fresh database (PostgreSQL) or an empty
 * data directory (PGlite), and the app started on the copy serves the same public totals, the
 * same counts and the same file bytes.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-restore-'));
const dropAfter: string[] = [];
const adminUrl = () => inject('pgAdminUrl');
const dbUrl = (name: string) => { const u = new URL(adminUrl()); u.pathname = '/' + name; return u.toString(); };
async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}
afterAll(async () => {
  for (const name of dropAfter) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(work, { recursive: true, force: true });
});

/** The backup or restore command as an operator runs it, with the engine's settings. */
function command(mode: 'backup' | 'restore', file: string, env: Record<string, string>, ...flags: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/backup-restore.ts', mode, file, ...flags], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }, encoding: 'utf8', timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function startApp(db: Db) {
  await migrate(db);
  await loadReferenceData(db);
  const app = await buildApp({ db, config: { ...loadConfig({}), demoData: false } });
  await app.ready();
  return app;
}
type App = Awaited<ReturnType<typeof startApp>>;
const headers = { host: 'ketnoi.test', origin: 'http://ketnoi.test' };

async function signIn(app: App, email: string) {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers, payload: { email, password: DEMO_PASSWORD } });
  expect(r.statusCode, r.body).toBe(200);
  return `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;
}

/** A few writes on top of the demo data: two pledges, a need with a photo. */
async function write(app: App, db: Db) {
  const school = (await db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  const donor = await signIn(app, 'nhataitro@ketnoi.demo');
  for (const valueVnd of [12_500_000, 7_000_000]) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/contributions', headers: { ...headers, cookie: donor }, payload: { schoolId: school, form: 'money', category: 'equipment', description: `Tủ sách lớp học (${valueVnd})`, valueVnd } });
    expect(r.statusCode, r.body).toBe(201);
  }
  const staff = await signIn(app, 'truong.dienbien@ketnoi.demo');
  const need = await app.inject({ method: 'POST', url: '/api/v1/needs', headers: { ...headers, cookie: staff }, payload: { schoolId: school, category: 'equipment', title: 'Bàn ghế cho điểm trường bản', quantity: 20, unit: 'bộ', estimatedCost: 30_000_000, priority: 'high' } });
  expect(need.statusCode, need.body).toBe(201);
  const [body, h] = multipart({}, [{ filename: 'ban-ghe.png', type: 'image/png', data: PNG }]);
  const photo = await app.inject({ method: 'POST', url: `/api/v1/needs/${need.json().id}/photos`, headers: { ...headers, ...h, cookie: staff }, payload: body });
  expect(photo.statusCode, photo.body).toBe(201);
  return { fileId: photo.json().items[0].id as string, staff };
}

/** What must be identical after a restore. */
async function snapshot(app: App, db: Db, fileId: string) {
  const stats = await app.inject({ method: 'GET', url: '/api/v1/public/stats' });
  expect(stats.statusCode).toBe(200);
  const staff = await signIn(app, 'truong.dienbien@ketnoi.demo');
  const file = await app.inject({ method: 'GET', url: `/api/v1/files/${fileId}`, headers: { cookie: staff } });
  expect(file.statusCode).toBe(200);
  const counts = await db.one(
    `SELECT (SELECT count(*) FROM app_user) AS accounts, (SELECT count(*) FROM school) AS schools, (SELECT count(*) FROM need) AS needs,
            (SELECT count(*) FROM contribution) AS contributions, (SELECT sum(value_vnd)::text FROM contribution) AS contributed,
            (SELECT count(*) FROM stored_file) AS files, (SELECT count(*) FROM notification) AS notifications,
            (SELECT count(*) FROM audit_log WHERE action <> 'sign_in') AS audit, (SELECT count(*) FROM area) AS areas`,
  );
  // groups with equal sums come in no fixed order: compare each list as a set
  const sorted = Object.fromEntries(Object.entries(stats.json() as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v]));
  return { stats: sorted as Record<string, unknown> & { totals: { count: number; valueVnd: number } }, counts, file: file.rawPayload.toString('base64') };
}

describe(`backup and restore (${isPg() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a restored copy serves the same public totals, counts and files, and a restore never overwrites data unasked', { timeout: 300_000 }, async () => {
    const file = path.join(work, isPg() ? 'ketnoi.dump' : 'ketnoi.tar.gz');
    let source: Record<string, string>;
    let target: Record<string, string>;
    let db: Db;
    if (isPg()) {
      const src = `kn_t_${process.pid}_restore_src`;
      const dst = `kn_t_${process.pid}_restore_dst`;
      dropAfter.push(src, dst);
      await admin(`DROP DATABASE IF EXISTS "${src}" WITH (FORCE)`);
      await admin(`DROP DATABASE IF EXISTS "${dst}" WITH (FORCE)`);
      await admin(`CREATE DATABASE "${src}" TEMPLATE "${inject('pgTemplate')}"`);
      await admin(`CREATE DATABASE "${dst}"`);
      source = { DATABASE_URL: dbUrl(src) };
      target = { DATABASE_URL: dbUrl(dst) };
      db = await openDb(dbUrl(src), '');
    } else {
      source = { DATA_DIR: path.join(work, 'source') };
      target = { DATA_DIR: path.join(work, 'target') };
      // the demo database of this run, as a data directory on disk
      const seeded = await openPglite(path.join(source.DATA_DIR, 'pglite'), new Blob([fs.readFileSync(inject('pgliteDump'))]));
      await seeded.close();
      db = await openDb(undefined, source.DATA_DIR);
    }
    let app = await startApp(db);
    const { fileId } = await write(app, db);
    const before = await snapshot(app, db, fileId);
    expect(before.stats.totals.count).toBeGreaterThan(0);
    expect(before.counts.contributions).toBeGreaterThan(0);
    await app.close();
    await db.close();

    const backup = command('backup', file, source);
    expect(backup.code, backup.out).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    // a second backup does not overwrite the file unasked
    expect(command('backup', file, source).code).toBe(1);

    const restored = command('restore', file, target);
    expect(restored.code, restored.out).toBe(0);
    // the target now holds data: a second restore is refused without --force, and the data stays
    const again = command('restore', file, target);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/--force/);
    // a backup of one engine is refused by the other
    const wrongKind = command('restore', file, isPg() ? { DATA_DIR: path.join(work, 'other') } : { DATABASE_URL: dbUrl('kn_absent_restore_target') });
    expect(wrongKind.code).toBe(1);

    db = isPg() ? await openDb(target.DATABASE_URL, '') : await openDb(undefined, target.DATA_DIR);
    app = await startApp(db);
    const after = await snapshot(app, db, fileId);
    expect(after.stats).toEqual(before.stats);
    expect(after.counts).toEqual(before.counts);
    expect(after.file).toBe(before.file);
    await app.close();
    await db.close();

    // --force replaces what is there (PGlite keeps the old directory beside it)
    const forced = command('restore', file, target, '--force');
    expect(forced.code, forced.out).toBe(0);
    if (!isPg()) expect(fs.readdirSync(target.DATA_DIR).some((d) => d.startsWith('pglite.replaced-'))).toBe(true);
    console.log(`restore drill (${isPg() ? 'PostgreSQL' : 'PGlite'}): ${backup.out.trim()} | ${restored.out.trim()} | public total ${after.stats.totals.valueVnd} đồng in ${after.stats.totals.count} contributions`);
  });
});
