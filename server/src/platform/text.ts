/**
 * Vietnamese text folding for search and matching: "Điện Biên" → "dien bien",
 * "Thừa Thiên - Huế" → "thua thien hue", "Đăk Lăk" and "Đắk Lắk" → "dak lak",
 * "Thanh Hoá" and "Thanh Hóa" → "thanh hoa". Works the same on every database engine
 * because it runs here, not in SQL.
 */
export function fold(input: string | null | undefined): string {
  if (!input) return '';
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** NFC-normalise user text and collapse runs of spaces; empty becomes null. */
export function cleanText(input: unknown): string | null {
  if (input === null || input === undefined) return null;
  const s = String(input).normalize('NFC').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

const UNIT_PREFIXES = [
  'thanh pho truc thuoc trung uong', 'thanh pho', 'tp', 'tinh', 'quan', 'huyen', 'thi xa', 'tx',
  'thi tran', 'tt', 'xa', 'phuong', 'p', 'dac khu',
];

/** Fold a unit name and strip its type prefix: "Tỉnh Điện Biên" → "dien bien", "TP. Hà Nội" → "ha noi". */
export function foldUnitName(input: string): string {
  let s = fold(input);
  for (const p of UNIT_PREFIXES) {
    if (s.startsWith(p + ' ')) {
      s = s.slice(p.length + 1);
      break;
    }
  }
  return s;
}

/** NFC-normalise longer text, keeping its line breaks (notes, descriptions, narratives); empty becomes null. */
export function cleanLongText(input: unknown): string | null {
  if (input === null || input === undefined) return null;
  const s = String(input).normalize('NFC').replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return s === '' ? null : s;
}

/** Escape a string for use inside a SQL LIKE pattern. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * Vietnamese alphabetical order (Intl.Collator 'vi'), for sorting names in the server. One
 * collator for every comparison: `a.localeCompare(b, 'vi')` builds one per call, five times slower
 * when ranking 700 candidate schools.
 */
export const compareVi: (a: string, b: string) => number = new Intl.Collator('vi').compare;
