/**
 * The working-hours clock of urgent cases (Thông tư 33/2018/TT-BGDĐT Art. 7: a school refers a
 * pupil who is abused or suffers violence within 12 working hours of receiving the report; kept as
 * best practice under Thông tư 18/2025/TT-BGDĐT). Working time is Monday to Friday, within the
 * day's working periods, in Vietnam's time (UTC+7, no daylight saving), never on a public holiday,
 * and on a Saturday worked in exchange. Hours and holidays are data (`data/holidays/vn-holidays.json`).
 * Pure: no clock, no database.
 */
import { readJsonData } from '../../platform/data-files.js';

export interface WorkingCalendar {
  /** minutes east of UTC (Vietnam: 420) */
  utcOffsetMinutes: number;
  /** ISO weekdays worked: 1 = Monday … 7 = Sunday */
  workingWeekdays: readonly number[];
  /** the day's working periods, as minutes after midnight, in order */
  periods: readonly (readonly [number, number])[];
  /** days off (YYYY-MM-DD) */
  holidays: ReadonlySet<string>;
  /** days worked although on a weekend (YYYY-MM-DD) */
  workingWeekends: ReadonlySet<string>;
  coveredYears: readonly number[];
}

interface HolidayFile {
  workingHours: { utcOffsetMinutes: number; workingWeekdays: number[]; periods: [string, string][] };
  holidays: { date: string; name: string; status: string }[];
  workingSaturdays: { date: string; name: string; status: string }[];
  coveredYears: number[];
}

const hm = (s: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`Giờ làm việc không hợp lệ: ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Build a calendar from the file's shape (checked: periods in order, within the day). */
export function calendarFrom(f: HolidayFile): WorkingCalendar {
  const periods = f.workingHours.periods.map(([a, b]) => [hm(a), hm(b)] as const);
  periods.forEach(([a, b], i) => {
    if (!(a < b) || b > 24 * 60 || (i > 0 && a < periods[i - 1][1])) throw new Error('Khung giờ làm việc không hợp lệ');
  });
  return {
    utcOffsetMinutes: f.workingHours.utcOffsetMinutes,
    workingWeekdays: f.workingHours.workingWeekdays,
    periods,
    holidays: new Set(f.holidays.map((h) => h.date)),
    workingWeekends: new Set(f.workingSaturdays.map((h) => h.date)),
    coveredYears: f.coveredYears,
  };
}

let cached: WorkingCalendar | null = null;
/** Vietnam's calendar from the data file (read once). */
export function vnCalendar(): WorkingCalendar {
  cached ??= calendarFrom(readJsonData<HolidayFile>('holidays', 'vn-holidays.json'));
  return cached;
}

const MIN = 60_000;
const DAY = 24 * 60;

/** Whether a local day (YYYY-MM-DD) is a working day. */
export function isWorkingDay(cal: WorkingCalendar, ymd: string): boolean {
  if (cal.holidays.has(ymd)) return false;
  if (cal.workingWeekends.has(ymd)) return true;
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay() || 7;
  return cal.workingWeekdays.includes(dow);
}

/** Local minutes since the epoch (the wall clock in the calendar's zone, counted as if UTC). */
const toLocal = (cal: WorkingCalendar, d: Date) => Math.floor(d.getTime() / MIN) + cal.utcOffsetMinutes;
const fromLocal = (cal: WorkingCalendar, m: number) => new Date((m - cal.utcOffsetMinutes) * MIN);
const ymdOf = (localMin: number) => new Date(localMin * MIN).toISOString().slice(0, 10);

/**
 * The moment `minutes` working minutes after `start`. A start outside working time begins counting
 * at the next working period; the answer is the exact moment the last minute ends (which may be a
 * period's end, e.g. 17:30).
 */
export function addWorkingMinutes(cal: WorkingCalendar, start: Date, minutes: number): Date {
  if (minutes <= 0) return new Date(start);
  let t = toLocal(cal, start);
  let left = minutes;
  // bounded: at most ~3 years of days, whatever the calendar says
  for (let guard = 0; guard < 1200; guard++) {
    const day = Math.floor(t / DAY) * DAY;
    if (isWorkingDay(cal, ymdOf(day))) {
      for (const [a, b] of cal.periods) {
        const end = day + b;
        if (t >= end) continue;
        const from = Math.max(t, day + a);
        if (left <= end - from) return fromLocal(cal, from + left);
        left -= end - from;
        t = end;
      }
    }
    t = day + DAY;
  }
  throw new Error('Không tính được hạn theo giờ làm việc');
}

/** Working minutes between two moments (0 when `to` is not after `from`). */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  let t = toLocal(cal, from);
  const stop = toLocal(cal, to);
  let n = 0;
  while (t < stop) {
    const day = Math.floor(t / DAY) * DAY;
    if (isWorkingDay(cal, ymdOf(day))) {
      for (const [a, b] of cal.periods) {
        const lo = Math.max(t, day + a);
        const hi = Math.min(stop, day + b);
        if (hi > lo) n += hi - lo;
      }
    }
    t = day + DAY;
  }
  return n;
}

/** Working hours an urgent case has from its report to its referral (Thông tư 33/2018 Art. 7). */
export const URGENT_WORKING_HOURS = 12;

/** The referral deadline of an urgent case reported at `reportedAt`. */
export const urgentDue = (reportedAt: Date, cal: WorkingCalendar = vnCalendar()) => addWorkingMinutes(cal, reportedAt, URGENT_WORKING_HOURS * 60);

/**
 * Where an urgent clock stands at `now`: working minutes left (negative once lapsed, counted in
 * working time) and whether it is about to lapse (`soonMinutes` of working time or less left).
 */
export function clockState(cal: WorkingCalendar, due: Date, now: Date, soonMinutes = 120): { minutesLeft: number; lapsed: boolean; dueSoon: boolean } {
  const lapsed = now.getTime() >= due.getTime();
  const minutesLeft = lapsed ? -workingMinutesBetween(cal, due, now) : workingMinutesBetween(cal, now, due);
  return { minutesLeft, lapsed, dueSoon: !lapsed && minutesLeft <= soonMinutes };
}
