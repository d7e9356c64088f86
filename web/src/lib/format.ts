/**
 * Figures in the interface's language, always in Vietnam's time zone:
 * - Vietnamese (vi-VN): 1.234.567 · 1.234.567 ₫ · 15/12/2026 · 15/12/2026 14:30
 * - English (en-GB, the one English convention used throughout): 1,234,567 · 1,234,567 ₫ ·
 *   15 Dec 2026 · 15 Dec 2026 14:30. Dates typed into forms stay day first (dd/mm/yyyy) in both.
 * The i18n provider sets the language (`setFormatLanguage`) before the page renders.
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type FormatLang = 'vi' | 'en';
let current: FormatLang = 'vi';

const formats = (locale: string) => ({
  number: new Intl.NumberFormat(locale),
  decimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }),
  vnd: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
});
const byLang: Record<FormatLang, ReturnType<typeof formats>> = { vi: formats('vi-VN'), en: formats('en-GB') };

/** The language figures are written in (the interface's). */
export function setFormatLanguage(lang: FormatLang): void {
  current = lang;
}
export const formatLanguage = (): FormatLang => current;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Day, month, year (numbers as strings) written in the current language. */
function writeDate(day: string, month: string, year: string): string {
  return current === 'en' ? `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}` : `${day}/${month}/${year}`;
}

/**
 * 1234567 → "1.234.567 ₫" (vi-VN) or "1,234,567 ₫" (en-GB). Takes an amount (a number) or a sum as the server sends it (a
 * decimal string, exact past 2^53), formatted through BigInt so no đồng is lost.
 */
export function formatVnd(n: number | string | bigint | null | undefined, fallback = '—'): string {
  if (n === null || n === undefined || (typeof n === 'number' && Number.isNaN(n))) return fallback;
  const f = byLang[current].vnd;
  if (typeof n === 'string') return /^-?\d+$/.test(n) ? `${f.format(BigInt(n))}\u00a0₫` : fallback;
  return `${f.format(n)}\u00a0₫`;
}

/** A sum of đồng as a number, for charts and shares (approximate past 2^53; never to show the figure itself). */
export const vndApprox = (n: number | string | bigint): number => Number(n);

/** Order two sums of đồng exactly, largest first. */
export const byVndDesc = (a: string | number, b: string | number): number => {
  const x = BigInt(a), y = BigInt(b);
  return x === y ? 0 : x < y ? 1 : -1;
};

/** 1200000 → "1,2 Tr" / "1.2M": chart axes. */
export function formatCompact(n: number): string {
  return new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'vi-VN', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function formatNumber(n: number | null | undefined, fallback = '—'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return fallback;
  return Number.isInteger(n) ? byLang[current].number.format(n) : byLang[current].decimal.format(n);
}

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** A date-only string `YYYY-MM-DD` → `dd/mm/yyyy` (English: `15 Dec 2026`), or a moment (ISO timestamp) → its day in Vietnam. */
export function formatDate(value: string | Date | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return writeDate(m[3], m[2], m[1]);
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return fallback;
  const p = parts(d);
  return writeDate(p.day, p.month, p.year);
}

/** A moment → `dd/mm/yyyy HH:mm` (English: `15 Dec 2026 14:30`) in Vietnam time. */
export function formatDateTime(value: string | Date | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return fallback;
  const p = parts(d);
  return `${writeDate(p.day, p.month, p.year)} ${p.hour}:${p.minute}`;
}

/** A date-only string `YYYY-MM-DD` (or a moment) as typed into a date field: `dd/mm/yyyy` in both languages. */
export function inputDate(value: string | Date): string {
  const iso = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (iso) return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const p = parts(value instanceof Date ? value : new Date(value));
  return `${p.day}/${p.month}/${p.year}`;
}

/** Today in Vietnam as dd/mm/yyyy (as typed into a date field). */
export function todayVn(): string {
  return inputDate(new Date());
}

/** `dd/mm/yyyy` (also d/m/yyyy, with - or .) → `YYYY-MM-DD`, or null if not a real date. */
export function parseVnDate(input: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(input);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A whole number as Vietnamese people type it: "1200", "1.200", "1 200" → 1200.
 * Returns undefined for empty input and NaN when it is not a whole number.
 */
export function parseViInteger(input: string): number | undefined {
  const s = input.trim();
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}([.\s\u00a0]\d{3})+$/.test(s)) return Number(s.replace(/[.\s\u00a0]/g, ''));
  return Number.NaN;
}

/** A decimal number with either "," or "." as the decimal mark ("21,3856" or "21.3856"). */
export function parseViDecimal(input: string): number | undefined {
  const s = input.trim();
  if (!s) return undefined;
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

/** Lower-case without Vietnamese diacritics, for client-side filtering. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export const viCollator = new Intl.Collator('vi', { sensitivity: 'base' });
