import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../src/platform/lazy.js';
import type { Sheet } from '../src/platform/tabular.js';

/**
 * The first worksheet read the way imports read it before the streamed reader: the whole workbook
 * loaded by exceljs, every cell's text through `cellText`. Kept as the reference the streamed reader
 * is compared with (server/src/platform/tabular-xlsx.test.ts) and as the baseline of
 * bench/xlsx-reader.ts. No bounds: give it only files you made.
 */
export function cellText(v: ExcelJS.CellValue): string {
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a cell must not carry
const clean = (s: string) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();

export async function readXlsxWithExcelJS(buf: Buffer, maxRows = 100_000): Promise<Sheet> {
  const wb = new (await loadExcelJS()).Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('Tệp Excel không có trang tính nào');
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
    if (rows.length >= maxRows) throw new Error(`Tệp có quá nhiều dòng (tối đa ${maxRows})`);
    rows.push({ line: n, values: vals });
  });
  return { headers, rows };
}
