import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { invalid } from './errors.js';

/**
 * Reading and writing tables: CSV and XLSX, as users exchange them. Readers give rows of
 * trimmed NFC strings keyed by the header's text; writers stream so 50,000 rows stay cheap.
 */

export interface Sheet {
  headers: string[];
  /** Each row with its 1-based line number as the user sees it in Excel (header is row 1). */
  rows: { line: number; values: string[] }[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export async function readXlsx(buf: Buffer, maxRows = 100_000): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw invalid('Không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp dưới dạng .xlsx hoặc .csv');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('Tệp Excel không có trang tính nào');
  const headers: string[] = [];
  const rows: Sheet['rows'] = [];
  let headerFound = false;
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const vals: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      vals[col - 1] = clean(cellText(c.value));
    });
    for (let i = 0; i < vals.length; i++) vals[i] ??= '';
    if (!headerFound) {
      headers.push(...vals);
      headerFound = true;
      return;
    }
    if (vals.every((v) => v === '')) return;
    if (rows.length >= maxRows) throw invalid(`Tệp có quá nhiều dòng (tối đa ${maxRows.toLocaleString('vi-VN')})`);
    rows.push({ line: n, values: vals });
  });
  return { headers, rows };
}

/** CSV with quotes, either comma or semicolon as separator (Excel in Vietnamese locale uses ;). */
export function readCsv(text: string, maxRows = 100_000): Sheet {
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === sep) { rec.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rec.push(field); field = '';
      records.push(rec); rec = [];
      if (records.length > maxRows + 1) throw invalid(`Tệp có quá nhiều dòng (tối đa ${maxRows.toLocaleString('vi-VN')})`);
    } else field += ch;
  }
  if (field !== '' || rec.length) { rec.push(field); records.push(rec); }
  const [header = [], ...body] = records;
  const rows: Sheet['rows'] = [];
  body.forEach((r, i) => {
    const values = r.map(clean);
    if (values.every((v) => v === '')) return;
    rows.push({ line: i + 2, values });
  });
  return { headers: header.map(clean), rows };
}

export async function readTable(filename: string, buf: Buffer, maxRows?: number): Promise<Sheet> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(buf, maxRows);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(buf.toString('utf8'), maxRows);
  // sniff: xlsx files are zip archives
  if (buf[0] === 0x50 && buf[1] === 0x4b) return readXlsx(buf, maxRows);
  throw invalid('Chỉ nhận tệp .xlsx hoặc .csv');
}

/**
 * A sum of đồng (a decimal string) in a spreadsheet cell: a number while a double holds it exactly
 * (up to 2^53), past that its digits as text, so no đồng is lost (CSV writes the digits either way).
 */
export const vndCell = (sum: string): number | string => {
  const n = Number(sum);
  return Number.isSafeInteger(n) ? n : sum;
};

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** CSV in UTF-8 with a BOM so Excel opens Vietnamese text correctly. */
export async function* csvLines<T>(columns: Column<T>[], batches: AsyncIterable<T[]>): AsyncGenerator<string> {
  yield '\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n';
  for await (const batch of batches) {
    let chunk = '';
    for (const row of batch) chunk += columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
    yield chunk;
  }
}

export function csvStream<T>(columns: Column<T>[], batches: AsyncIterable<T[]>): Readable {
  return Readable.from(csvLines(columns, batches));
}

/** XLSX written as a stream: rows are committed as they come, memory stays flat. */
export function xlsxStream<T>(sheetName: string, columns: Column<T>[], batches: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheetName);
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const batch of batches) {
      for (const row of batch) ws.addRow(columns.map((c) => c.value(row) ?? null)).commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e));
  return out;
}

/** A small workbook in memory (templates): header row, optional example rows, and a notes sheet. */
export async function xlsxBuffer(sheetName: string, headers: { header: string; width?: number; note?: string }[], rows: (string | number | null)[][], notes?: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = headers.map((h) => ({ header: h.header, width: h.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  headers.forEach((h, i) => {
    if (h.note) ws.getRow(1).getCell(i + 1).note = h.note;
  });
  for (const r of rows) ws.addRow(r);
  if (notes) {
    const ns = wb.addWorksheet('Hướng dẫn');
    ns.columns = [{ width: 28 }, { width: 90 }];
    for (const n of notes) ns.addRow(n);
    ns.getColumn(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
