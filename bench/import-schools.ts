/**
 * Benchmark: importing a 20,000-school XLSX through the real import path (parse, validate every
 * row, write in bulk, audit), on PGlite and on PostgreSQL when reachable. Baseline in the same
 * run: writing the same rows one INSERT at a time (measured on a sample, extrapolated), which is
 * what a naive importer would do.
 *
 *   npx tsx bench/import-schools.ts [rows]      (default 20000)
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { openPglite, openPostgres, type Db } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { readTable } from '../server/src/platform/tabular.js';
import { importSchools } from '../server/src/modules/schools/service.js';
import { SYSTEM } from '../server/src/platform/actor.js';
import { SCHOOL_LEVEL_LABELS } from '../contracts/common.js';
import { generateSchools } from '../scripts/generate-demo-data.js';

const N = Number(process.argv[2] ?? 20000);
const SAMPLE = 500;

async function makeXlsx(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trường học');
  ws.addRow(['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Mã xã', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên']);
  for (const s of generateSchools(n, 2026)) {
    ws.addRow([s.code, s.name, s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), s.ownership === 'public' ? 'Công lập' : 'Ngoài công lập', s.address, s.communeCode, s.lat, s.lng, s.pupils != null ? s.pupils.toLocaleString('vi-VN') : '', s.staff]);
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
