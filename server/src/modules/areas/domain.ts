import { AREA_FLAGS, AREA_FLAG_LABELS, REFORM_DATE, type AreaFlag, type AreaLevel } from '../../../../contracts/common.js';
import { fold } from '../../platform/text.js';
import type { Era } from './repository.js';

/** Which set of units stood on a date: the reform of 1 July 2025 replaced the 63/696/10,035. */
export function eraAt(asOf: string): Era {
  return asOf >= REFORM_DATE ? 'current' : 'legacy';
}

/** Province codes have 2 digits, old districts 3, communes 5. */
export function levelOfCode(code: string): AreaLevel | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{3}$/.test(code)) return 'district';
  if (/^\d{5}$/.test(code)) return 'commune';
  return null;
}

/** Today's date in Vietnam, as YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const FLAG_BY_WORD = new Map<string, AreaFlag>();
for (const f of AREA_FLAGS) {
  FLAG_BY_WORD.set(f, f);
  FLAG_BY_WORD.set(fold(AREA_FLAG_LABELS[f]), f);
}
for (const [w, f] of [
  ['bien gioi', 'border'], ['hai dao', 'island'], ['dao', 'island'], ['dttS', 'ethnic_minority'], ['dtts', 'ethnic_minority'],
  ['dan toc thieu so', 'ethnic_minority'], ['dbkk', 'extremely_difficult'], ['dac biet kho khan', 'extremely_difficult'],
  ['kcn', 'industrial_zone'], ['khu cong nghiep', 'industrial_zone'],
] as const) FLAG_BY_WORD.set(w, f);

/** Parse a list of flags as people write them: keys or Vietnamese labels, separated by | ; or ,. */
export function parseFlags(text: string): { flags: AreaFlag[]; unknown: string[] } {
  const flags = new Set<AreaFlag>();
  const unknown: string[] = [];
  for (const part of text.split(/[|;,]/)) {
    const w = part.trim();
    if (!w) continue;
    const f = FLAG_BY_WORD.get(w) ?? FLAG_BY_WORD.get(fold(w)) ?? FLAG_BY_WORD.get(fold(w).replace(/^xa /, ''));
    if (f) flags.add(f);
    else unknown.push(w);
  }
  return { flags: AREA_FLAGS.filter((f) => flags.has(f)), unknown };
}
