/**
 * The streamed .xlsx writer (server/src/platform/xlsx.ts) beside ExcelJS's streaming writer, which
 * the exports used before, on the same rows in the same run: the twinning report's pairs sheet at
 * national scale (20,000 rows × 8 columns) and a list export of 200,000 rows.
 * Prints time, bytes and the ratio. Run: npx tsx bench/xlsx-writer.ts
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { xlsxWorkbook, type XlsxCell } from '../server/src/platform/xlsx.js';

const row = (i: number): XlsxCell[] => [`Trường THCS Hà Nội số ${i}`, `Cụm ${i % 30}`, `Trường PTDTBT TH xã biên giới ${i}`, `Xã ${i % 300}`, ['Điện Biên', 'Lai Châu', 'Sơn La'][i % 3], 2020 + (i % 6), 'active', i % 17];

async function drain(s: NodeJS.ReadableStream) {
  let n = 0;
  for await (const c of s) n += (c as Buffer).length;
  return n;
}

async function exceljs(rows: number) {
  const out = new PassThrough();
  const counted = drain(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Cặp kết nghĩa');
  ws.columns = Array.from({ length: 8 }, (_, i) => ({ header: `Cột ${i + 1}`, width: 20 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (let i = 0; i < rows; i++) {
    ws.addRow(row(i)).commit();
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  return counted;
}

async function streamed(rows: number) {
  function* batches() {
    for (let i = 0; i < rows; i += 1000) yield Array.from({ length: Math.min(1000, rows - i) }, (_, j) => row(i + j));
  }
  return drain(xlsxWorkbook([{ name: 'Cặp kết nghĩa', columns: Array.from({ length: 8 }, (_, i) => ({ header: `Cột ${i + 1}`, width: 20 })), rows: batches() }]));
}

async function time(f: () => Promise<number>) {
  const t = performance.now();
  const bytes = await f();
  return { ms: performance.now() - t, bytes };
}

console.log('| rows | ExcelJS stream ms | KB | platform writer ms | KB | ratio |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const rows of [20_000, 200_000]) {
  const runs = 3;
  const a: number[] = [];
  const b: number[] = [];
  let ka = 0;
  let kb = 0;
  for (let r = 0; r < runs; r++) {
    const x = await time(() => exceljs(rows)); a.push(x.ms); ka = x.bytes;
    const y = await time(() => streamed(rows)); b.push(y.ms); kb = y.bytes;
  }
  const med = (v: number[]) => v.sort((p, q) => p - q)[Math.floor(v.length / 2)];
  console.log(`| ${rows.toLocaleString('en')} | ${med(a).toFixed(0)} | ${(ka / 1024).toFixed(0)} | ${med(b).toFixed(0)} | ${(kb / 1024).toFixed(0)} | ${(med(a) / med(b)).toFixed(1)}× |`);
}
