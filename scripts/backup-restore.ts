/**
 * Backup and restore of the database the app is configured with (the same settings as the server):
 *
 *   npm run backup -- <file> [--force]    PostgreSQL (DATABASE_URL): pg_dump -Fc
 *                                         PGlite (DATA_DIR): a consistent copy of DATA_DIR/pglite (.tar.gz)
 *   npm run restore -- <file> [--force]   PostgreSQL: pg_restore --clean into DATABASE_URL, in one transaction
 *                                         PGlite: the copy unpacked into DATA_DIR/pglite
 *
 * A restore refuses a target that already holds data unless --force is given (PGlite: the old
 * directory is then kept beside it as pglite.replaced-<time>). A backup refuses to overwrite a
 * file unless --force. PGlite is embedded in one process: stop the server before a backup or a
 * restore (the command refuses while DATA_DIR/pglite/postmaster.pid exists, --force after a crash).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import pg from 'pg';
import { loadConfig } from '../server/src/platform/config.js';
import { dumpPglite, openPglite, openPostgres, type Db } from '../server/src/platform/db.js';

const args = process.argv.slice(2);
const mode = args[0];
const force = args.includes('--force');
const file = args.slice(1).find((a) => !a.startsWith('--'));

function fail(msg: string): never {
  console.error(`Lỗi: ${msg}`);
  process.exit(1);
}

if ((mode !== 'backup' && mode !== 'restore') || !file) {
  fail('cách dùng: npm run backup -- <tệp> [--force] | npm run restore -- <tệp> [--force]');
}

const config = loadConfig();
const target = path.resolve(file);

/** A few counts printed after each command, to compare a backup with its restore. */
async function counts(db: Db): Promise<string> {
  const r = await db.one<Record<string, number>>(
    `SELECT (SELECT count(*) FROM app_user) AS accounts, (SELECT count(*) FROM school) AS schools, (SELECT count(*) FROM need) AS needs,
            (SELECT count(*) FROM contribution) AS contributions, (SELECT count(*) FROM stored_file) AS files, (SELECT count(*) FROM audit_log) AS audit`,
  );
  return Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ');
}

function run(cmd: string, argv: string[]): void {
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} kết thúc với mã ${r.status}`);
}

function magic(f: string): 'pgdump' | 'gzip' | 'other' {
  const fd = fs.openSync(f, 'r');
  const b = Buffer.alloc(5);
  fs.readSync(fd, b, 0, 5, 0);
  fs.closeSync(fd);
  if (b.toString('latin1') === 'PGDMP') return 'pgdump';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  return 'other';
}

const pgliteDir = path.join(config.dataDir, 'pglite');
const inUse = (dir: string) => fs.existsSync(path.join(dir, 'postmaster.pid'));
const notEmpty = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

async function backup(): Promise<void> {
  if (fs.existsSync(target) && !force) fail(`${target} đã có; thêm --force để ghi đè`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  const started = Date.now();
  if (config.databaseUrl) {
    // one snapshot of the whole database (pg_dump reads in a single repeatable-read transaction)
    run('pg_dump', ['-Fc', '--no-owner', '-f', tmp, '-d', config.databaseUrl]);
    fs.renameSync(tmp, target);
    console.log(`Đã sao lưu PostgreSQL vào ${target} (${fs.statSync(target).size} byte, ${Date.now() - started} ms)`);
    return;
  }
  if (!fs.existsSync(path.join(pgliteDir, 'PG_VERSION'))) fail(`không có cơ sở dữ liệu PGlite trong ${pgliteDir}`);
  if (inUse(pgliteDir) && !force) fail(`${pgliteDir} đang được một tiến trình dùng (postmaster.pid): dừng máy chủ trước; sau một sự cố, thêm --force`);
  // stop-the-world: this process alone opens the directory (recovering it if a crash left it) and dumps it
  const db = await openPglite(pgliteDir);
  const summary = await counts(db);
  const blob = await dumpPglite(db);
  await db.close();
  fs.writeFileSync(tmp, zlib.gzipSync(Buffer.from(await blob.arrayBuffer()), { level: 1 }));
  fs.renameSync(tmp, target);
  console.log(`Đã sao lưu PGlite (${pgliteDir}) vào ${target} (${fs.statSync(target).size} byte, ${Date.now() - started} ms): ${summary}`);
}

async function restore(): Promise<void> {
  if (!fs.existsSync(target)) fail(`không có tệp ${target}`);
  const kind = magic(target);
  const started = Date.now();
  if (config.databaseUrl) {
    if (kind !== 'pgdump') fail(`${target} không phải bản sao lưu PostgreSQL (pg_dump -Fc)`);
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    await client.end();
    if (rows[0].n > 0 && !force) fail(`cơ sở dữ liệu đích đã có ${rows[0].n} bảng; thêm --force để thay toàn bộ bằng bản sao lưu`);
    // all or nothing: a failed restore leaves the target as it was
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '-d', config.databaseUrl, target]);
    const db = await openPostgres(config.databaseUrl, 1);
    console.log(`Đã khôi phục ${target} vào PostgreSQL (${Date.now() - started} ms): ${await counts(db)}`);
    await db.close();
    return;
  }
  if (kind !== 'gzip') fail(`${target} không phải bản sao lưu PGlite (.tar.gz)`);
  if (notEmpty(pgliteDir)) {
    if (!force) fail(`${pgliteDir} đã có dữ liệu; thêm --force để thay (thư mục cũ được giữ lại bên cạnh)`);
    if (inUse(pgliteDir)) console.warn(`Cảnh báo: ${pgliteDir}/postmaster.pid còn đó; hãy chắc chắn máy chủ đã dừng`);
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  // unpack into a directory of its own, check it opens, then move it into place
  const tmp = path.join(config.dataDir, `pglite.restoring-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const db = await openPglite(tmp, new Blob([zlib.gunzipSync(fs.readFileSync(target))]));
  const summary = await counts(db);
  await db.close();
  if (notEmpty(pgliteDir)) {
    const aside = path.join(config.dataDir, `pglite.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.renameSync(pgliteDir, aside);
    console.log(`Thư mục cũ giữ lại tại ${aside}`);
  } else {
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  }
  fs.renameSync(tmp, pgliteDir);
  console.log(`Đã khôi phục ${target} vào PGlite (${pgliteDir}, ${Date.now() - started} ms): ${summary}`);
}

await (mode === 'backup' ? backup() : restore());
