import type { Readable } from 'node:stream';
import { zipStream, type ZipEntry } from './zip.js';

/** A cell: text, a number, or nothing. */
export type XlsxCell = string | number | null | undefined;

/** One sheet of a streamed workbook: its columns (a bold header row when headers are given) and its rows as they come. */
export interface XlsxSheet {
  name: string;
  columns: { header?: string; width?: number }[];
  /** rows written in bold before the header (a title), if any */
  titleRows?: XlsxCell[][];
  rows: AsyncIterable<XlsxCell[][]> | Iterable<XlsxCell[][]>;
}

// characters XML 1.0 cannot carry (control characters other than tab, line feed and return)
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xml = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESC[c]);
/** Excel holds at most 32,767 characters in a cell. */
const MAX_CELL = 32_767;

const letters: string[] = [];
/** The column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  if (letters[i]) return letters[i];
  let n = i + 1;
  let s = '';
  while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
  letters[i] = s;
  return s;
}

function rowXml(r: number, cells: XlsxCell[], style: number): string {
  let out = `<row r="${r}">`;
  const s = style ? ` s="${style}"` : '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined || v === '') continue;
    const ref = columnName(i) + r;
    if (typeof v === 'number' && Number.isFinite(v)) out += `<c r="${ref}"${s}><v>${v}</v></c>`;
    else out += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xml(String(v).slice(0, MAX_CELL))}</t></is></c>`;
  }
  return out + '</row>';
}

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<Buffer> {
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 18}" customWidth="1"/>`).join('');
  let head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  if (cols) head += `<cols>${cols}</cols>`;
  head += '<sheetData>';
  let r = 0;
  for (const t of sheet.titleRows ?? []) head += rowXml(++r, t, 1);
  if (sheet.columns.some((c) => c.header)) head += rowXml(++r, sheet.columns.map((c) => c.header), 1);
  yield Buffer.from(head);
  for await (const batch of sheet.rows) {
    let chunk = '';
    for (const row of batch) chunk += rowXml(++r, row, 0);
    if (chunk) yield Buffer.from(chunk);
  }
  yield Buffer.from('</sheetData></worksheet>');
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

/**
 * An .xlsx workbook written as a stream: each sheet's XML is produced row by row and deflated as it
 * is written (platform zip, native zlib), text as inline strings, so memory holds one batch of rows
 * whatever the number of rows, and no tree of objects per cell is built. Two styles: plain, bold.
 */
export function xlsxWorkbook(sheets: XlsxSheet[]): Readable {
  const names = sheets.map((s) => sheetName(s.name));
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
      + '</Types>') },
    { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      + names.map((n, i) => `<sheet name="${xml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + `<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>') },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s), level: 1 })),
  ];
  return zipStream(entries);
}
