import { posix } from 'node:path';
import { SaxesParser } from 'saxes';

/**
 * The first worksheet of an .xlsx read as a stream: the workbook, its relationships, the shared
 * strings and the styles (for dates) are read first, then the worksheet's XML goes through a SAX
 * parser chunk by chunk and each row is handed over as soon as it ends. Memory holds the shared
 * strings and one row, never the workbook's cells. The text of each cell follows exceljs 4.4 as the
 * importers have read it (`cellText` in tabular.ts before this reader): shared, inline and rich
 * strings, numbers as JavaScript writes them, booleans as `true`/`false`, errors empty, a formula's
 * cached result, a date-formatted number as YYYY-MM-DD, merged cells carrying their first cell's text.
 */

/** The parts of the package: whether one is there, and one streamed as text (false when it is not there). */
export interface XlsxPackage {
  has(name: string): boolean;
  read(name: string, onText: (text: string) => void): Promise<boolean>;
}

/** A range of merged cells, 1-based and inclusive. */
export interface MergeRange { top: number; left: number; bottom: number; right: number }

/** A row as exceljs sees it: the text of each cell it holds (`width` of them, only the first `maxColumns` kept). */
export interface RawRow {
  line: number;
  cells: string[];
  width: number;
  /** false when the row holds only formatted empty cells: exceljs passes over such a row */
  hasValues: boolean;
}

/** A package that is not a workbook this reader understands. */
export class XlsxFormatError extends Error {}

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

async function parsePart(pkg: XlsxPackage, name: string, h: XmlHandlers): Promise<boolean> {
  const p = new SaxesParser();
  p.on('error', (e) => {
    throw new XlsxFormatError(e.message);
  });
  const { open, close, text } = h;
  if (open) p.on('opentag', (t) => open(localName(t.name), t.attributes));
  if (close) p.on('closetag', (t) => close(localName(t.name)));
  if (text) {
    p.on('text', text);
    p.on('cdata', text);
  }
  const found = await pkg.read(name, (s) => {
    p.write(s);
  });
  if (found) p.close();
  return found;
}

/** Column number of an A1-style reference ("AB12" → 28), 0 when it names none. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c !== 36) break; // `$` of an absolute reference
  }
  return n;
}

const rowOf = (ref: string) => {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : 0;
};

/** "B2:D4" (or "B2") as a range; undefined when it is not one. */
export function mergeRange(ref: string): MergeRange | undefined {
  const [a, b = a] = ref.split(':');
  const r = { top: rowOf(a), left: columnOf(a), bottom: rowOf(b), right: columnOf(b) };
  if (!r.top || !r.left || r.bottom < r.top || r.right < r.left) return undefined;
  return r;
}

/** The number formats exceljs knows by id without a `numFmt` of the workbook's own: 14–22 and 45–47 are dates and times. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A date or time format: a date letter outside quotes and brackets (exceljs's rule). */
export const isDateFormat = (fmt: string) => /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** `_x000D_`-style escapes of shared strings' text. */
const unescapeText = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : s);

/** Entities left in a string-result cell's text (exceljs decodes them a second time). */
const xmlDecode = (s: string) =>
  s.includes('&')
    ? s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c)
    : s;

interface Workbook {
  sheet: string;
  date1904: boolean;
  sharedStrings: string;
  styles: string;
}

async function readWorkbook(pkg: XlsxPackage): Promise<Workbook | undefined> {
  const sheetIds: string[] = [];
  let date1904 = false;
  const found = await parsePart(pkg, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'sheet') {
        const id = Object.keys(a).find((k) => k !== 'sheetId' && localName(k) === 'id' && k.includes(':'));
        if (id) sheetIds.push(a[id]);
      } else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  if (!found) throw new XlsxFormatError('no workbook');
  const targets = new Map<string, { target: string; type: string }>();
  await parsePart(pkg, 'xl/_rels/workbook.xml.rels', {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) {
        const t = a.Target.trim();
        targets.set(a.Id, { target: t.startsWith('/') ? posix.normalize(t.slice(1)) : posix.normalize('xl/' + t), type: a.Type ?? '' });
      }
    },
  });
  const byType = (suffix: string, fallback: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.target ?? fallback;
  // the first sheet of the workbook's order that is a worksheet (a chart sheet has no cells)
  const sheet = sheetIds.map((id) => targets.get(id)).find((t) => t && (t.type === '' || t.type.endsWith('/worksheet')) && pkg.has(t.target))?.target;
  if (!sheet) return undefined;
  return { sheet, date1904, sharedStrings: byType('/sharedStrings', 'xl/sharedStrings.xml'), styles: byType('/styles', 'xl/styles.xml') };
}

/** Whether each cell format (`s` of a cell, an index into cellXfs) shows a number as a date. */
async function readDateStyles(pkg: XlsxPackage, part: string): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parsePart(pkg, part, {
    open(name, a) {
      if (name === 'numFmt' && a.formatCode) formats.set(Number.parseInt(a.numFmtId, 10), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number.parseInt(a.numFmtId, 10));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => {
    if (!id) return false;
    const own = formats.get(id);
    if (own) return isDateFormat(own);
    return BUILT_IN_DATE_FORMATS.has(id);
  });
}

async function readSharedStrings(pkg: XlsxPackage, part: string): Promise<string[]> {
  const strings: string[] = [];
  let inSi = false;
  let plain: string | undefined;
  let runs: string[] | undefined;
  let inRun = false;
  let run: string | undefined;
  let phonetic = 0;
  let text: string | undefined; // the <t> being read
  await parsePart(pkg, part, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        plain = undefined;
        runs = undefined;
      } else if (!inSi) return;
      else if (name === 'rPh') phonetic++;
      else if (phonetic) return;
      else if (name === 'r') {
        inRun = true;
        run = undefined;
      } else if (name === 't') text = '';
    },
    text(t) {
      if (text !== undefined) text += t;
    },
    close(name) {
      if (!inSi) return;
      if (name === 'rPh') phonetic--;
      else if (phonetic) return;
      else if (name === 't' && text !== undefined) {
        if (inRun) run = unescapeText(text);
        else plain = unescapeText(text);
        text = undefined;
      } else if (name === 'r') {
        runs ??= [];
        runs.push(run ?? '');
        inRun = false;
      } else if (name === 'si') {
        strings.push(plain ?? runs?.join('') ?? '');
        inSi = false;
      }
    },
  });
  return strings;
}

/**
 * Reads the first worksheet and hands over its rows in order. `merges` gives the merged ranges of a
 * worksheet part (they are written after the cells, so they are found before by a scan of the part).
 * Returns false when the workbook has no worksheet.
 */
export async function readFirstWorksheet(
  pkg: XlsxPackage,
  merges: (part: string) => MergeRange[],
  maxColumns: number,
  onRow: (row: RawRow) => void,
): Promise<boolean> {
  const wb = await readWorkbook(pkg);
  if (!wb) return false;
  const dateStyles = await readDateStyles(pkg, wb.styles);
  const shared = await readSharedStrings(pkg, wb.sharedStrings);

  const dateText = (n: number) => {
    const d = new Date(Math.round((n - 25569 + (wb.date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    return Number.isNaN(d.getTime()) ? String(n) : d.toISOString().slice(0, 10);
  };
  const numberText = (v: string, style: number) => {
    const n = Number.parseFloat(v);
    return style && dateStyles[style] ? dateText(n) : String(n);
  };

  // merged ranges, swept by their first row: `active` holds those that cover the current row
  const ranges = merges(wb.sheet)
    .map((r) => ({ ...r, master: '' }))
    .sort((a, b) => a.top - b.top);
  let nextRange = 0;
  let active: typeof ranges = [];
  const advanceTo = (line: number) => {
    while (nextRange < ranges.length && ranges[nextRange].top <= line) active.push(ranges[nextRange++]);
    if (active.length) active = active.filter((r) => r.bottom >= line);
  };
  let headerSeen = false;

  // the row being read
  let line = 0;
  let lastLine = 0;
  let cells: string[] = [];
  let width = 0;
  let hasValues = false;
  const put = (col: number, text: string) => {
    if (col > width) width = col;
    if (col <= maxColumns) {
      for (let i = cells.length; i < col - 1; i++) cells[i] = '';
      cells[col - 1] = text;
    }
  };
  const endRow = () => {
    advanceTo(line);
    for (const r of active) {
      if (line === r.top) {
        r.master = r.left <= cells.length ? (cells[r.left - 1] ?? '') : '';
        put(r.left, r.master);
      }
      for (let col = r.left; col <= r.right; col++) {
        if (line === r.top && col === r.left) continue;
        put(col, r.master);
        hasValues = true;
      }
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (hasValues) headerSeen = true;
    onRow({ line, cells, width, hasValues });
    lastLine = line;
  };
  const startRow = (n: number) => {
    line = n;
    cells = [];
    width = 0;
    hasValues = false;
  };
  /** Rows with no element of their own that merged ranges fill (those that matter to the reader). */
  const mergedRowsBefore = (end: number) => {
    let r = lastLine + 1;
    while (r < end) {
      advanceTo(r);
      const row = r;
      const fills = active.some((m) => (row > m.top || m.right > m.left) && (!headerSeen || (row > m.top && m.master !== '')));
      if (fills) {
        startRow(r);
        endRow();
        r++;
      } else {
        // a range that fills no row here fills none further down once a header is seen, unless it has text
        const later = active.some((m) => m.bottom > row && (!headerSeen || m.master !== ''));
        const next = nextRange < ranges.length ? ranges[nextRange].top : Number.POSITIVE_INFINITY;
        r = later ? r + 1 : Math.max(r + 1, next);
      }
    }
  };

  // the cell being read
  let inSheetData = false;
  let inCell = false;
  let col = 0;
  let type = '';
  let style = 0;
  let value: string | undefined;
  let formula = false;
  let formulaText = '';
  let runs: string[] | undefined;
  let inRun = false;
  let run: string | undefined;
  let phonetic = 0;
  let capture: 'v' | 't' | 'f' | 'run' | undefined;
  let captured = '';

  const endCell = () => {
    if (formula) {
      hasValues = true;
      if (value === undefined) return put(col, '');
      if (type === 'str') return put(col, xmlDecode(value));
      if (type === 'b') return put(col, String(Number.parseInt(value, 10) !== 0));
      if (type === 'e') return put(col, '');
      return put(col, numberText(value, style));
    }
    if (value !== undefined || runs) {
      hasValues = true;
      if (runs && (type === 'inlineStr' || value === undefined)) return put(col, runs.join(''));
      const v = value ?? '';
      switch (type) {
        case 's':
          return put(col, shared[Number.parseInt(v, 10)] ?? '');
        case 'str':
          return put(col, xmlDecode(v));
        case 'inlineStr':
          return put(col, v);
        case 'b':
          return put(col, String(Number.parseInt(v, 10) !== 0));
        case 'e':
          return put(col, '');
        case 'd':
          // an ISO 8601 date (Excel does not write them; some generators do): its day
          return put(col, /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v);
        default:
          return put(col, numberText(v, style));
      }
    }
    // a formatted empty cell still counts in the row's width; an unformatted one is nothing
    if (style) put(col, '');
  };

  const found = await parsePart(pkg, wb.sheet, {
    open(name, a) {
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = true;
        return;
      }
      if (name === 'row') {
        const n = a.r ? Number.parseInt(a.r, 10) : lastLine + 1;
        if (!(n > lastLine)) throw new XlsxFormatError('rows out of order');
        mergedRowsBefore(n);
        startRow(n);
        col = 0;
      } else if (name === 'c') {
        inCell = true;
        col = a.r ? columnOf(a.r) || col + 1 : col + 1;
        type = a.t ?? 'n';
        style = a.s ? Number.parseInt(a.s, 10) || 0 : 0;
        value = undefined;
        formula = false;
        formulaText = '';
        runs = undefined;
        phonetic = 0;
      } else if (!inCell) return;
      else if (name === 'rPh') phonetic++;
      else if (phonetic) return;
      else if (name === 'f') {
        if (a.t) formula = true;
        capture = 'f';
        captured = '';
      } else if (name === 'v') {
        capture = 'v';
        captured = '';
      } else if (name === 'r') {
        inRun = true;
        run = undefined;
      } else if (name === 't') {
        capture = inRun ? 'run' : 't';
        captured = '';
      }
    },
    text(t) {
      if (capture) captured += t;
    },
    close(name) {
      if (!inSheetData) return;
      if (name === 'sheetData') {
        inSheetData = false;
        mergedRowsBefore(Number.POSITIVE_INFINITY);
        return;
      }
      if (name === 'row') {
        endRow();
        return;
      }
      if (!inCell) return;
      if (name === 'rPh') {
        phonetic--;
        return;
      }
      if (phonetic) return;
      if (name === 'c') {
        inCell = false;
        endCell();
      } else if (name === 'r') {
        runs ??= [];
        runs.push(run ?? '');
        inRun = false;
      } else if (capture && (name === 'v' || name === 't' || name === 'f')) {
        if (capture === 'f') {
          formulaText += captured;
          if (formulaText) formula = true;
        } else if (capture === 'run') run = unescapeText(captured);
        else if (captured !== '') value = (value ?? '') + captured;
        capture = undefined;
      }
    },
  });
  if (!found) throw new XlsxFormatError('no worksheet');
  return true;
}
