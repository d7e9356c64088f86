/**
 * Benchmark: importing a 20,000-school XLSX through the real import path (parse, validate every
 * row, write in bulk, audit), on PGlite and on PostgreSQL when reachable. Baseline in the same
 * run: writing the same rows one INSERT at a time (measured on a sample, extrapolated), which is
 * what a naive importer would do.
 *
 *   npx tsx bench/import-schools.ts [rows]      (default 20000)
 *
 * With `--http [rows]` (default 60000): the import as a Department officer does it, through HTTP,
 * on the server started as `npm start` starts it (`--max-old-space-size` 256, SERVER_HEAP_MB),
 * on a fresh PGlite data directory with the demo data, port 3291 (BENCH_PORT): a workbook of
 * `rows` schools of Điện Biên posted to /api/v1/schools/import by so.dienbien@ketnoi.demo; it
 * prints the answer's status, the time and the peak of the server's RSS (VmRSS sampled every
 * 50 ms from /proc), which must stay under 400 MB. With `--pg` after `--http`: the server on a
 * fresh PostgreSQL database instead (BENCH_PG_URL, postgres://postgres@127.0.0.1:5432/postgres),
 * which keeps the database's memory out of the server's RSS.
 */
import { spawn } from 'node:child_process';
import { compiledServerArgs } from '../scripts/compiled-server.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openPglite, openPostgres, type Db } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { readTable } from '../server/src/platform/tabular.js';
import { importSchools } from '../server/src/modules/schools/service.js';
import { SYSTEM } from '../server/src/platform/actor.js';
import { SCHOOL_LEVEL_LABELS } from '../contracts/common.js';
import { generateSchools } from '../scripts/generate-demo-data.js';
import { DEMO_PASSWORD } from '../server/src/seed/demo.js';

const HTTP = process.argv[2] === '--http';
const HTTP_PG = HTTP && process.argv[3] === '--pg';
const N = Number(process.argv[HTTP ? (HTTP_PG ? 4 : 3) : 2] ?? (HTTP ? 60000 : 20000));
const SAMPLE = 500;

async function makeXlsx(n: number, communes?: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trường học');
  ws.addRow(['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Mã xã', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên']);
  let i = 0;
  for (const s of generateSchools(n, 2026)) {
    const commune = communes ? communes[i++ % communes.length] : s.communeCode;
    ws.addRow([communes ? `HTTP${String(i).padStart(6, '0')}` : s.code, s.name, s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), s.ownership === 'public' ? 'Công lập' : 'Ngoài công lập', s.address, commune, communes ? '' : s.lat, communes ? '' : s.lng, s.pupils != null ? s.pupils.toLocaleString('vi-VN') : '', s.staff]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function perRowBaseline(db: Db, rows: number): Promise<number> {
  const communes = await db.query<{ code: string; province_code: string }>(`SELECT code, province_code FROM area WHERE era = 'current' AND level = 'commune' LIMIT 100`);
  const t = performance.now();
  await db.tx(async (tx) => {
    for (let i = 0; i < rows; i++) {
      const c = communes[i % communes.length];
      const id = crypto.randomUUID();
      await tx.query(`INSERT INTO organisation (id, kind, name, province_code, commune_code, search) VALUES ($1, 'school', $2, $3, $4, $2)`, [id, `baseline ${i}`, c.province_code, c.code]);
      await tx.query(`INSERT INTO school (organisation_id, code, name, levels, ownership, province_code, commune_code, search) VALUES ($1, $2, $3, '{thcs}', 'public', $4, $5, $3)`, [id, `BASE${i}`, `baseline ${i}`, c.province_code, c.code]);
      await tx.query(`INSERT INTO audit_log (entity, entity_id, action, after) VALUES ('school', $1, 'import_create', $2::jsonb)`, [id, JSON.stringify({ code: `BASE${i}` })]);
    }
  });
  return performance.now() - t;
}

async function run(label: string, db: Db, xlsx: Buffer) {
  await migrate(db);
  await loadReferenceData(db);
  const t0 = performance.now();
  const sheet = await readTable('bench.xlsx', xlsx, 100_000);
  const t1 = performance.now();
  const r = await importSchools(db, SYSTEM, sheet);
  const t2 = performance.now();
  const base = await perRowBaseline(db, SAMPLE);
  const perRowTotal = (base / SAMPLE) * N;
  const importMs = t2 - t0;
  console.log(`${label.padEnd(10)} rows ${N.toLocaleString('vi-VN')}  parse ${(t1 - t0).toFixed(0)} ms  validate+write ${(t2 - t1).toFixed(0)} ms  total ${importMs.toFixed(0)} ms  (${(N / (importMs / 1000)).toFixed(0)} rows/s, created ${r.created})`);
  console.log(`${''.padEnd(10)} baseline one-INSERT-per-row: ${(base / SAMPLE).toFixed(2)} ms/row → ${(perRowTotal / 1000).toFixed(1)} s for ${N} rows (write only); bulk import is ${(perRowTotal / (t2 - t1)).toFixed(1)}× faster than the baseline's writes`);
  await db.close();
}

/** The import through HTTP on a server started as in production, its RSS sampled from /proc. */
async function overHttp() {
  const port = Number(process.env.BENCH_PORT ?? 3291);
  const base = `http://127.0.0.1:${port}`;
  const heap = Number(process.env.SERVER_HEAP_MB ?? 256);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-import-http-'));
  const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `kn_import_http_${process.pid}`;
  let databaseUrl = '';
  if (HTTP_PG) {
    const admin = await openPostgres(pgUrl, 1);
    await admin.exec(`CREATE DATABASE ${dbName}`);
    await admin.close();
    const u = new URL(pgUrl);
    u.pathname = '/' + dbName;
    databaseUrl = u.toString();
  }
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: databaseUrl, DEMO_DATA: 'true', JOBS: 'false', LOG_LEVEL: 'warn', AUTH_RATE_PER_MINUTE: '1000', NODE_ENV: 'production' };
  const server = spawn(process.execPath, compiledServerArgs(heap), { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const rss = () => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server ended (${server.exitCode})`);
      if (i > 1200) throw new Error('the server did not start');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch { /* not yet listening */ }
      await new Promise((r) => setTimeout(r, 500));
    }
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: 'so.dienbien@ketnoi.demo', password: DEMO_PASSWORD }) });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('kn_session='))!.split(';')[0];
    const communes = ((await (await fetch(`${base}/api/v1/areas/provinces/11/communes`)).json()) as { items: { code: string }[] }).items.map((c) => c.code);
    const xlsx = await makeXlsx(N, communes);
    console.log(`XLSX of ${N.toLocaleString('vi-VN')} schools of Điện Biên (${communes.length} communes): ${(xlsx.length / 1024 / 1024).toFixed(1)} MB; ${HTTP_PG ? 'PostgreSQL' : 'PGlite'}; server heap limit ${heap} MB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
    const idle = rss();
    let peak = idle;
    const timer = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 50);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(xlsx)]), 'truong-dien-bien.xlsx');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/schools/import`, { method: 'POST', headers: { cookie, origin: base }, body: form });
    const body = await res.text();
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, rss());
    console.log(`POST /api/v1/schools/import: ${res.status} in ${(ms / 1000).toFixed(1)} s ${body.slice(0, 120)}`);
    console.log(`server RSS: ${(idle / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB during the import (bound 400 MB: ${peak < 400 * 2 ** 20 ? 'kept' : 'EXCEEDED'})`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
    if (HTTP_PG) {
      const admin = await openPostgres(pgUrl, 1);
      await admin.exec(`DROP DATABASE ${dbName} WITH (FORCE)`);
      await admin.close();
    }
  }
}

if (HTTP) await overHttp();
else {
  const xlsx = await makeXlsx(N);
  console.log(`XLSX of ${N} schools: ${(xlsx.length / 1024 / 1024).toFixed(1)} MB`);
  await run('PGlite', await openPglite(undefined), xlsx);
  const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const admin = await openPostgres(pgUrl, 1);
    const name = `kn_bench_${process.pid}`;
    await admin.exec(`CREATE DATABASE ${name}`);
    const u = new URL(pgUrl);
    u.pathname = '/' + name;
    await run('PostgreSQL', await openPostgres(u.toString()), xlsx);
    await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.close();
  } catch (e) {
    console.log(`PostgreSQL not measured: ${(e as Error).message}`);
  }
}
