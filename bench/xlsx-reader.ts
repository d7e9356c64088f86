/**
 * Benchmark: reading a 100,000-row × 10-column import (.xlsx with shared strings, as Excel saves
 * it) with the streamed reader of the imports (platform/tabular.ts `readXlsx`) against the
 * baseline measured in the same run: the whole workbook loaded through exceljs, every cell's text
 * read from its cell object (server/test/xlsx-exceljs.ts, what imports did before). Each reading
 * runs in a child process of its own, so one's garbage does not count in the other's figures:
 * time, peak heap (sampled every 5 ms, and once the rows are read) and peak RSS (the kernel's
 * high-water mark). Then the streamed reader once more under `--max-old-space-size=256`, the heap
 * the server is started with (scripts/start.sh, SERVER_HEAP_MB), and the baseline under the same
 * limit (it runs out of memory or crawls: at most 4 minutes).
 *
 *   npx tsx bench/xlsx-reader.ts [rows]      (default 100000)
 *
 * Measured 2026-12-01, 100,000 rows, 7.8 MB file, 2 cores shared with other work:
 *   load average ~3 (quieter)            time     heap peak   RSS peak
 *   exceljs (baseline)                   20.6 s   464 MB      627 MB
 *   streamed                              6.6 s    89 MB      191 MB   (heap ÷5.2, RSS ÷3.3, time ÷3.1)
 *   streamed, --max-old-space-size=256   6.8 s    87 MB      192 MB
 *   exceljs,  --max-old-space-size=256   out of memory
 *   load average 19–24: exceljs 103.4 s / 454 MB / 603 MB; streamed 91.9 s / 91 MB / 200 MB
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');

interface Figures { ms: number; heapMB: number; rssMB: number; rows: number }

async function child(mode: string, file: string) {
  const { readXlsx } = await import('../server/src/platform/tabular.js');
  const { readXlsxWithExcelJS } = await import('../server/test/xlsx-exceljs.js');
  const buf = fs.readFileSync(file);
  let heap = 0;
  const sample = () => {
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t = performance.now();
  const sheet = mode === 'exceljs' ? await readXlsxWithExcelJS(buf, 1_000_000) : await readXlsx(buf, 1_000_000);
  const ms = performance.now() - t;
  sample();
  clearInterval(timer);
  const out: Figures = { ms, heapMB: heap / 2 ** 20, rssMB: process.resourceUsage().maxRSS / 1024, rows: sheet.rows.length };
  process.stdout.write(JSON.stringify(out));
}

async function makeWorkbook(rows: number, file: string) {
  const ExcelJS = (await import('exceljs')).default;
  const { generateSchools } = await import('../scripts/generate-demo-data.js');
  const { SCHOOL_LEVEL_LABELS } = await import('../contracts/common.js');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Trường học');
  ws.addRow(['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Mã xã', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên']).commit();
  for (const s of generateSchools(rows, 2026)) {
    ws.addRow([s.code, s.name, s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), s.ownership === 'public' ? 'Công lập' : 'Ngoài công lập', s.address, s.communeCode, s.lat, s.lng, s.pupils ?? '', s.staff]).commit();
  }
  ws.commit();
  await wb.commit();
}

function run(mode: string, file: string, heapLimitMB?: number, timeoutMs = 600_000): Promise<Figures | string> {
  const args = [...(heapLimitMB ? [`--max-old-space-size=${heapLimitMB}`] : []), '--import', 'tsx', path.join(here, 'xlsx-reader.ts'), 'child', mode, file];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const oom = /heap out of memory|Allocation failed/i.test(stderr);
        resolve(oom ? 'out of memory' : err.killed ? `stopped after ${timeoutMs / 1000} s` : `failed (${err.code}): ${stderr.split('\n').find((l) => l.trim()) ?? ''}`);
      } else resolve(JSON.parse(stdout) as Figures);
    });
  });
}

const line = (label: string, f: Figures | string) =>
  typeof f === 'string'
    ? `${label.padEnd(44)} ${f}`
    : `${label.padEnd(44)} ${(f.ms / 1000).toFixed(1).padStart(5)} s   heap peak ${f.heapMB.toFixed(0).padStart(4)} MB   RSS peak ${f.rssMB.toFixed(0).padStart(4)} MB   (${f.rows.toLocaleString('vi-VN')} rows)`;

if (process.argv[2] === 'child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const rows = Number(process.argv[2] ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-reader-'));
  const file = path.join(dir, 'schools.xlsx');
  try {
    await makeWorkbook(rows, file);
    console.log(`${rows.toLocaleString('vi-VN')} rows × 10 columns: ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
    const old = await run('exceljs', file);
    console.log(line('exceljs (baseline, whole workbook)', old));
    const now = await run('streamed', file);
    console.log(line('streamed', now));
    if (typeof old !== 'string' && typeof now !== 'string') {
      console.log(`${''.padEnd(44)} heap ÷${(old.heapMB / now.heapMB).toFixed(1)}, RSS ÷${(old.rssMB / now.rssMB).toFixed(1)}, time ÷${(old.ms / now.ms).toFixed(1)}`);
    }
    console.log(line('streamed, --max-old-space-size=256', await run('streamed', file, 256)));
    console.log(line('exceljs, --max-old-space-size=256', await run('exceljs', file, 256, 240_000)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
