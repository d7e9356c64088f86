/**
 * Task status, derived and never stored: from the task's time window, the progress updates
 * posted by its lead unit(s), and today. Recurring tasks ("hằng năm") are judged per period.
 */

export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa bắt đầu',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  overdue: 'Quá hạn',
  done: 'Hoàn thành',
};

export type WindowKind = 'day' | 'month' | 'months' | 'quarter' | 'year' | 'years' | 'every_year' | 'every_school_year' | 'all_year' | 'range';

/** Kinds judged period by period: each calendar year ("Hằng năm"), or each school year ("trong 01 năm học", 1/9–31/8). */
export const isRecurring = (kind: WindowKind) => kind === 'every_year' || kind === 'every_school_year';
export interface TimeWindow {
  kind: WindowKind;
  from: string;
  to: string;
  due: string | null;
}
export interface UpdateLite {
  period: string;
  state: 'in_progress' | 'done' | 'blocked';
  percent: number | null;
  reportedOn: string;
}
export interface Period {
  key: string;
  from: string;
  to: string;
}

/** Days left before a deadline at which a task with little progress is at risk. */
export const AT_RISK_DAYS = 14;
/** Progress this many points behind the share of the window elapsed is at risk. */
export const AT_RISK_LAG = 25;

const DAY = 86_400_000;
const t = (d: string) => Date.parse(d + 'T00:00:00Z');
export const daysBetween = (a: string, b: string) => Math.round((t(b) - t(a)) / DAY);

/** The deadline of a window: its due date if the text gave one, else its last day. */
export const deadlineOf = (w: TimeWindow) => w.due ?? w.to;

/** The school year a date falls in (1 September to 31 August): its first calendar year. */
export const schoolYearStart = (date: string) => Number(date.slice(0, 4)) - (date.slice(5) >= '09-01' ? 0 : 1);

/**
 * The periods a window is judged in: one per calendar year ('2024') or per school year
 * ('2025-2026', 1/9–31/8) for recurring tasks, each cut to the window; else one.
 */
export function periodsOf(w: TimeWindow): Period[] {
  const out: Period[] = [];
  const cut = (key: string, from: string, to: string) => out.push({ key, from: from < w.from ? w.from : from, to: to > w.to ? w.to : to });
  if (w.kind === 'every_year') {
    for (let y = Number(w.from.slice(0, 4)); y <= Number(w.to.slice(0, 4)); y++) cut(String(y), `${y}-01-01`, `${y}-12-31`);
  } else if (w.kind === 'every_school_year') {
    for (let y = schoolYearStart(w.from); y <= schoolYearStart(w.to); y++) cut(`${y}-${y + 1}`, `${y}-09-01`, `${y + 1}-08-31`);
  } else {
    out.push({ key: '', from: w.from, to: deadlineOf(w) });
  }
  return out;
}

/** The last day of one period of a window (its deadline), or of the window when the key names none. */
export function periodEnd(w: TimeWindow, key: string | null | undefined): string {
  return periodsOf(w).find((p) => p.key === key)?.to ?? deadlineOf(w);
}

/** The period a date falls in (or the nearest one: the first before the window, the last after). */
export function periodAt(w: TimeWindow, today: string): Period {
  const ps = periodsOf(w);
  return ps.find((p) => today >= p.from && today <= p.to) ?? (today < ps[0].from ? ps[0] : ps[ps.length - 1]);
}

function latest(updates: UpdateLite[]): UpdateLite | undefined {
  let best: UpdateLite | undefined;
  for (const u of updates) if (!best || u.reportedOn >= best.reportedOn) best = u;
  return best;
}

/** Status of one period of one unit's work, given that unit's updates for that period. */
export function periodStatus(p: Period, updates: UpdateLite[], today: string): TaskStatus {
  const last = latest(updates);
  if (last?.state === 'done') return 'done';
  if (today > p.to) return 'overdue';
  if (today < p.from) return last ? 'on_track' : 'not_started';
  const length = daysBetween(p.from, p.to) + 1;
  const elapsed = (daysBetween(p.from, today) + 1) / length;
  const daysLeft = daysBetween(today, p.to);
  if (!last) return elapsed >= 0.5 || (daysLeft <= AT_RISK_DAYS && length > AT_RISK_DAYS) ? 'at_risk' : 'not_started';
  if (last.state === 'blocked') return 'at_risk';
  const pct = last.percent ?? 0;
  if (pct + AT_RISK_LAG < elapsed * 100) return 'at_risk';
  if (daysLeft <= AT_RISK_DAYS && pct < 75) return 'at_risk';
  return 'on_track';
}

export interface UnitStatus {
  status: TaskStatus;
  period: Period;
  /** For recurring tasks: each period's status up to today. */
  periods: { key: string; status: TaskStatus }[];
}

/** One lead unit's status on one assignment: the current period's, with the history per period. */
export function unitStatus(w: TimeWindow, all: UpdateLite[], today: string): UnitStatus {
  // as of a date: what was reported after it does not count
  const updates = all.filter((u) => u.reportedOn <= today);
  const current = periodAt(w, today);
  const periods = periodsOf(w)
    .filter((p) => p.from <= today || p.key === current.key)
    .map((p) => ({ key: p.key, status: periodStatus(p, updates.filter((u) => u.period === p.key), today) }));
  const status = periods.find((p) => p.key === current.key)?.status ?? periodStatus(current, [], today);
  return { status, period: current, periods };
}

const RANK: Record<TaskStatus, number> = { done: 0, not_started: 1, on_track: 2, at_risk: 3, overdue: 4 };

/** Roll several statuses (units, assignments) into one: the most pressing wins; all done is done. */
export function rollUp(statuses: TaskStatus[]): TaskStatus {
  if (statuses.length === 0) return 'not_started';
  return statuses.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

/** Share of tasks per status, for progress bars. */
export function tally(statuses: TaskStatus[]): Record<TaskStatus, number> {
  const out = { not_started: 0, on_track: 0, at_risk: 0, overdue: 0, done: 0 };
  for (const s of statuses) out[s]++;
  return out;
}

// ---------- reading time as the appendices write it (imports) ----------

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Turn a time as written ("Quý I/2021", "Tháng 3/2023", "Năm 2023", "2022-2025", "Hằng năm",
 * "Trước ngày 15/01/2021", "15/01/2021", "Tháng 3-4/2026", "Cả năm", "Trong 01 năm học") into a machine window.
 * `period` is the plan's period, used for recurring and all-year tasks. Returns null if unreadable.
 */
export function parseTimeText(text: string, period: { from: string; to: string } | null, signedOn: string | null): TimeWindow | null {
  const s = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const before = s.match(/(?:trước|chậm nhất|hoàn thành trước)?\s*(?:ngày\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})/);
  if (before && /trước|chậm nhất/.test(s)) {
    const due = `${before[3]}-${pad(+before[2])}-${pad(+before[1])}`;
    const from = signedOn && signedOn <= due ? signedOn : due;
    return { kind: 'day', from, to: due, due };
  }
  const day = s.match(/^(?:ngày\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (day) {
    const d = `${day[3]}-${pad(+day[2])}-${pad(+day[1])}`;
    return { kind: 'day', from: d, to: d, due: d };
  }
  const quarter = s.match(/quý\s*(i{1,3}|iv|[1-4])\s*(?:\/|năm)\s*(\d{4})/);
  if (quarter) {
    const q = ROMAN[quarter[1]] ?? Number(quarter[1]);
    const y = Number(quarter[2]);
    return { kind: 'quarter', from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${lastDay(y, q * 3)}`, due: null };
  }
  const months = s.match(/tháng\s*(\d{1,2})\s*(?:-|đến)\s*(?:tháng\s*)?(\d{1,2})\s*(?:\/|năm)\s*(\d{4})/);
  if (months) {
    const y = Number(months[3]);
    return { kind: 'months', from: `${y}-${pad(+months[1])}-01`, to: `${y}-${pad(+months[2])}-${lastDay(y, +months[2])}`, due: null };
  }
  const month = s.match(/tháng\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})/);
  if (month) {
    const y = Number(month[2]);
    return { kind: 'month', from: `${y}-${pad(+month[1])}-01`, to: `${y}-${pad(+month[1])}-${lastDay(y, +month[1])}`, due: null };
  }
  if (/(?:trong|mỗi|hằng|hàng|từng) (?:01 |một )?năm học/.test(s) && period) return { kind: 'every_school_year', from: period.from, to: period.to, due: null };
  if (/hằng năm|hàng năm|định kỳ hằng năm|thường xuyên hằng năm/.test(s) && period) return { kind: 'every_year', from: period.from, to: period.to, due: null };
  const years = s.match(/(\d{4})\s*(?:-|–|đến)\s*(\d{4})/);
  if (years) return { kind: 'years', from: `${years[1]}-01-01`, to: `${years[2]}-12-31`, due: null };
  const year = s.match(/^(?:năm\s*)?(\d{4})$/) ?? s.match(/năm\s*(\d{4})/);
  if (year) return { kind: 'year', from: `${year[1]}-01-01`, to: `${year[1]}-12-31`, due: null };
  if (/cả năm|trong năm|thường xuyên/.test(s) && period) return { kind: 'all_year', from: period.from, to: period.to, due: null };
  return null;
}

// ---------- deliverables that count themselves ----------

/**
 * The record kinds (contracts/activities.ts) a countable deliverable is fulfilled by, by the words
 * the appendices use, tried in order: "02 lớp bồi dưỡng, tập huấn" is trainings, "01 Clip" a clip.
 */
const DELIVERABLE_KINDS: { words: RegExp; kinds: string[] }[] = [
  { words: /\b(lop|tap huan|boi duong)\b/, kinds: ['training'] },
  { words: /\bclip\b/, kinds: ['clip'] },
  { words: /\bhoi thao\b/, kinds: ['workshop', 'conference'] },
  { words: /\bhoi nghi\b/, kinds: ['meeting', 'conference'] },
  { words: /\bgiao luu\b/, kinds: ['online_exchange'] },
  { words: /\b(an pham|xuat ban pham)\b/, kinds: ['print_publication', 'e_publication'] },
  { words: /\b(tin bai|bai viet)\b/, kinds: ['article', 'column'] },
  { words: /\bchuyen muc\b/, kinds: ['column'] },
  { words: /\bhoat dong truyen thong\b/, kinds: ['article', 'column', 'clip', 'print_publication', 'e_publication', 'online_exchange', 'workshop', 'conference', 'meeting', 'launch'] },
];

export interface CountableTarget {
  /** how many records fulfil it; null: counted without a number ("Các lớp tập huấn được tổ chức") */
  count: number | null;
  kinds: string[];
  /** the deliverable as written */
  text: string;
}

const foldVi = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The first deliverable of a task that records can fulfil: a number written first ("02", "01") and
 * words naming a kind of record. A deliverable naming a kind without a number is counted without
 * a target when no numbered one exists. Null: nothing to count (documents, reports, decisions).
 */
export function countableTarget(deliverables: readonly string[]): CountableTarget | null {
  let unnumbered: CountableTarget | null = null;
  for (const d of deliverables) {
    const f = foldVi(d);
    const kind = DELIVERABLE_KINDS.find((k) => k.words.test(f));
    if (!kind) continue;
    const n = f.match(/^0*(\d{1,3}) /);
    if (n && Number(n[1]) > 0) return { count: Number(n[1]), kinds: kind.kinds, text: d };
    unnumbered ??= { count: null, kinds: kind.kinds, text: d };
  }
  return unnumbered;
}

/**
 * The progress records make by themselves, as updates of a period: one per record held by the
 * date (its last day), in order, each with the share of the target reached so far ("done" at the
 * target). For recurring windows each period counts its own records. Records without a target
 * make no update (they are shown as a count).
 */
export function recordUpdates(w: TimeWindow, target: number | null, heldOn: readonly string[], asOf: string): UpdateLite[] {
  if (!target) return [];
  const out: UpdateLite[] = [];
  const ps = periodsOf(w);
  const recurring = isRecurring(w.kind);
  for (const p of ps) {
    const dates = heldOn.filter((d) => d <= asOf && (!recurring || (d >= p.from && d <= p.to))).sort();
    dates.forEach((d, i) => {
      const n = i + 1;
      out.push({ period: p.key, state: n >= target ? 'done' : 'in_progress', percent: Math.min(100, Math.round((n / target) * 100)), reportedOn: d });
    });
  }
  return out;
}

/** How many records count toward a task at a date: held by then (and, for a recurring window, in the period of that date). */
export function recordCount(w: TimeWindow, heldOn: readonly string[], asOf: string): number {
  if (!isRecurring(w.kind)) return heldOn.filter((d) => d <= asOf).length;
  const p = periodAt(w, asOf);
  return heldOn.filter((d) => d <= asOf && d >= p.from && d <= p.to).length;
}
