/**
 * Benchmark: what a spreadsheet zip bomb costs the server. A 1,000,000-row sheet that compresses
 * to about 140 KB, read through the import path (bounds checked before exceljs expands it),
 * against the baseline of an ordinary 1,000-row workbook read the same way, and against exceljs
 * loading the bomb without bounds (what the import did before). Each case runs in its own child
 * process so its time and peak memory (max RSS) are its own.
 *
 *   npx tsx bench/zip-bomb.ts [rows]      (default 1000000)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { zipBomb } from '../server/test/zip-bomb.js';
import { readXlsx } from '../server/src/platform/tabular.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const self = fileURLToPath(import.meta.url);

async function child(mode: string, file: string) {
  const buf = fs.readFileSync(file);
  const t = performance.now();
  let outcome: string;
  try {
    if (mode === 'unbounded') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      outcome = `loaded ${wb.worksheets[0]?.rowCount ?? 0} rows`;
    } else {
      const s = await readXlsx(buf, 60_000);
      outcome = `read ${s.rows.length} rows`;
    }
  } catch (e) {
    outcome = `refused: ${(e as Error).message}`;
  }
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bomb-'));
  const bomb = path.join(dir, 'bomb.xlsx');
  const normal = path.join(dir, 'normal.xlsx');
  fs.writeFileSync(bomb, await zipBomb({ rows: ROWS, dimension: false }));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trường học');
  ws.addRow(['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Mã xã']);
  for (let i = 1; i < 1000; i++) ws.addRow([`T${i}`, `Trường Tiểu học Thử ${i}`, 'Tiểu học', 'Công lập', '03127']);
  fs.writeFileSync(normal, Buffer.from(await wb.xlsx.writeBuffer()));

  const run = (mode: string, file: string) => {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
    return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssMb: number; outcome: string };
  };
  // a child that only starts: the floor every figure below includes
  const idle = run('bounded', normal);
  const cases: [string, string, string][] = [
    [`normal ${fs.statSync(normal).size.toLocaleString('en')} B, 1,000 rows (baseline)`, 'bounded', normal],
    [`bomb ${fs.statSync(bomb).size.toLocaleString('en')} B, ${ROWS.toLocaleString('en')} rows, bounded`, 'bounded', bomb],
  ];
  if (!process.env.SKIP_UNBOUNDED) cases.push([`bomb without bounds (exceljs load, as before)`, 'unbounded', bomb]);
  console.log(`child process floor: max RSS ${idle.maxRssMb.toFixed(0)} MB`);
  for (const [label, mode, file] of cases) {
    const r = run(mode, file);
    console.log(`${label.padEnd(58)} ${r.ms.toFixed(0).padStart(7)} ms   max RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB   ${r.outcome}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
