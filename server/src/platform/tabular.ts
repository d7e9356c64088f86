import { loadExcelJS } from './lazy.js';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AppError, invalid } from './errors.js';
import { xlsxWorkbook } from './xlsx.js';
import { readAhead } from './paging.js';
import { columnOf, mergeRange, readFirstWorksheet, type MergeRange } from './xlsx-read.js';

/**
 * Reading and writing tables: CSV and XLSX, as users exchange them. Readers give rows of
 * trimmed NFC strings keyed by the header's text; writers stream so 50,000 rows stay cheap.
 */

export interface Sheet {
  headers: string[];
  /** Each row with its 1-based line number as the user sees it in Excel (header is row 1). */
  rows: { line: number; values: string[] }[];
}

// control characters (NUL above all, which PostgreSQL refuses in text) never reach a record
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a cell must not carry
const clean = (s: string) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The largest import file (imports read it whole). */
export const IMPORT_FILE_SIZE = 10 * 1024 * 1024;
/** Bounds of a table read from a user's file, checked before it is expanded. */
export const TABLE_LIMITS = {
  /** the XML of an .xlsx, all parts together, once inflated */
  uncompressedBytes: 50 * 1024 * 1024,
  /** parts of an .xlsx (a workbook has a dozen or so) */
  entries: 1000,
  columns: 100,
  /** merged ranges of a worksheet */
  merges: 100_000,
};

const fmt = (n: number) => n.toLocaleString('vi-VN');
const tooBig = () => invalid(`Tệp Excel giải nén quá lớn (tối đa ${fmt(TABLE_LIMITS.uncompressedBytes / 1024 / 1024)} MB)`);
const tooManyRows = (maxRows: number) => invalid(`Tệp có quá nhiều dòng (tối đa ${fmt(maxRows)})`);
const tooManyColumns = () => invalid(`Tệp có quá nhiều cột (tối đa ${TABLE_LIMITS.columns})`);
const unreadable = () => invalid('Không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp dưới dạng .xlsx hoặc .csv');

interface ZipEntry { name: string; method: number; compressed: number; uncompressed: number; offset: number }

/** The central directory of a zip archive, read without inflating anything. */
function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const start = buf.readUInt32LE(eocd + 16);
  // zip64 (more than 65,535 parts or 4 GB) is never a spreadsheet a person fills in
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) throw tooBig();
  if (count > TABLE_LIMITS.entries) throw tooBig();
  if (start + size > buf.length) throw unreadable();
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** The compressed bytes of an entry, from its local header. */
function entryData(buf: Buffer, e: ZipEntry): Buffer {
  const h = e.offset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw unreadable();
  const from = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (from + e.compressed > buf.length) throw unreadable();
  return buf.subarray(from, from + e.compressed);
}

/** An entry inflated as a stream that keeps nothing, each chunk handed over as it comes. */
function inflate(buf: Buffer, e: ZipEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const data = entryData(buf, e);
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 64 * 1024) onChunk(data.subarray(i, i + 64 * 1024));
    return Promise.resolve();
  }
  if (e.method !== 8) return Promise.reject(unreadable());
  return new Promise<void>((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    const fail = (err: unknown) => {
      failed = true;
      z.destroy();
      reject(err);
    };
    z.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err);
      }
    });
    z.on('error', () => fail(unreadable()));
    z.on('end', () => resolve());
    z.end(data);
  });
}

/**
 * Bounds of an .xlsx before it is expanded: the central directory's declared sizes first (free),
 * then every part inflated as a stream that keeps nothing, counting bytes against the budget
 * (declared sizes can lie) and the rows and the declared dimension of each worksheet. A zip bomb
 * stops at the budget: time and memory stay bounded whatever the file claims. The same pass notes
 * each worksheet's merged ranges, which the reader needs before the cells that come ahead of them.
 */
async function scanXlsx(buf: Buffer, maxRows: number): Promise<{ entries: ZipEntry[]; merges: Map<string, MergeRange[]> }> {
  const entries = zipEntries(buf);
  if (entries.reduce((n, e) => n + e.uncompressed, 0) > TABLE_LIMITS.uncompressedBytes) throw tooBig();
  const merges = new Map<string, MergeRange[]>();
  let mergeCount = 0;
  let budget = TABLE_LIMITS.uncompressedBytes;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw unreadable();
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    let rows = 0;
    let tail = '';
    let head = '';
    const ranges: MergeRange[] = [];
    const look = (text: string) => {
      if (head.length < 4096) {
        head += text.slice(0, 4096);
        const dim = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(head);
        if (dim) {
          if (Number(dim[4] ?? dim[2]) > maxRows + 1) throw tooManyRows(maxRows);
          if (columnOf(dim[3] ?? dim[1]) > TABLE_LIMITS.columns) throw tooManyColumns();
        }
      }
      // a tag cut between two chunks is counted once, in the chunk where it ends
      const t = tail + text;
      const re = /<(?:\w{1,8}:)?row[\s>]/g;
      for (let m = re.exec(t); m; m = re.exec(t)) if (m.index + m[0].length > tail.length) rows++;
      if (rows > maxRows + 1) throw tooManyRows(maxRows);
      const merge = /<(?:\w{1,8}:)?mergeCell\s[^<>]{0,64}?ref="([$A-Z0-9:]{2,40})"/g;
      // (merged ranges come after the cells: most chunks have none, and a plain search says so)
      for (let m = t.includes('mergeCell') ? merge.exec(t) : null; m; m = merge.exec(t)) {
        if (m.index + m[0].length <= tail.length) continue;
        const r = mergeRange(m[1]);
        if (r) ranges.push(r);
        if (++mergeCount > TABLE_LIMITS.merges) throw tooBig();
      }
      tail = t.slice(-128);
    };
    await inflate(buf, e, (chunk) => {
      budget -= chunk.length;
      if (budget < 0) throw tooBig();
      if (sheet) look(chunk.toString('latin1'));
    });
    if (ranges.length) merges.set(e.name, ranges);
  }
  return { entries, merges };
}

/** Bounds of an .xlsx before it is expanded (see scanXlsx). */
export async function checkXlsxBounds(buf: Buffer, maxRows: number): Promise<void> {
  await scanXlsx(buf, maxRows);
}

/**
 * The first worksheet's rows, read as a stream (platform/xlsx-read.ts) once the file is within
 * bounds: memory holds the shared strings and the rows' text, never a workbook of cell objects
 * (a 100,000-row import took 400 MB of heap through exceljs, 60 MB so).
 */
export async function readXlsx(buf: Buffer, maxRows = 100_000): Promise<Sheet> {
  const { entries, merges } = await scanXlsx(buf, maxRows);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const headers: string[] = [];
  const rows: Sheet['rows'] = [];
  let headerFound = false;
  let found: boolean;
  try {
    found = await readFirstWorksheet(
      {
        has: (name) => byName.has(name),
        read: async (name, onText) => {
          const e = byName.get(name);
          if (!e) return false;
          const decoder = new StringDecoder('utf8');
          await inflate(buf, e, (chunk) => onText(decoder.write(chunk)));
          const rest = decoder.end();
          if (rest) onText(rest);
          return true;
        },
      },
      (part) => merges.get(part) ?? [],
      TABLE_LIMITS.columns,
      (r) => {
        if (!r.hasValues) return;
        if (r.width > TABLE_LIMITS.columns) throw tooManyColumns();
        const vals = r.cells.map(clean);
        if (!headerFound) {
          headers.push(...vals);
          headerFound = true;
          return;
        }
        if (vals.every((v) => v === '')) return;
        if (rows.length >= maxRows) throw tooManyRows(maxRows);
        rows.push({ line: r.line, values: vals });
      },
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
  if (!found) throw invalid('Tệp Excel không có trang tính nào');
  return { headers, rows };
}

/** CSV with quotes, either comma or semicolon as separator (Excel in Vietnamese locale uses ;). */
export function readCsv(text: string, maxRows = 100_000): Sheet {
  if (text.length > IMPORT_FILE_SIZE) throw invalid(`Tệp quá lớn (tối đa ${IMPORT_FILE_SIZE / 1024 / 1024} MB)`);
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
    else if (ch === sep) {
      rec.push(field);
      field = '';
      if (rec.length > TABLE_LIMITS.columns) throw tooManyColumns();
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rec.push(field); field = '';
      records.push(rec); rec = [];
      if (records.length > maxRows + 1) throw tooManyRows(maxRows);
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
  for await (const batch of readAhead(batches)) {
    let chunk = '';
    for (const row of batch) chunk += columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
    yield chunk;
  }
}

export function csvStream<T>(columns: Column<T>[], batches: AsyncIterable<T[]>): Readable {
  return Readable.from(csvLines(columns, batches));
}

/** XLSX written as a stream (platform/xlsx.ts): rows are written as they come, memory stays flat. */
export function xlsxStream<T>(sheetName: string, columns: Column<T>[], batches: AsyncIterable<T[]>): Readable {
  async function* rows() {
    for await (const batch of readAhead(batches)) yield batch.map((row) => columns.map((c) => c.value(row)));
  }
  return xlsxWorkbook([{ name: sheetName, columns: columns.map((c) => ({ header: c.header, width: c.width ?? 18 })), rows: rows() }]);
}

/** A small workbook in memory (templates): header row, optional example rows, and a notes sheet. */
export async function xlsxBuffer(sheetName: string, headers: { header: string; width?: number; note?: string }[], rows: (string | number | null)[][], notes?: string[][]): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
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
