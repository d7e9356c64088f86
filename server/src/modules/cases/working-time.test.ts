import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, calendarFrom, clockState, isWorkingDay, urgentDue, vnCalendar, workingMinutesBetween } from './working-time.js';

/** A moment given in Vietnam's wall-clock time. */
const vn = (s: string) => new Date(`${s}:00+07:00`);
const show = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d);
const cal = vnCalendar();

describe('working days', () => {
  it('weekdays work, weekends and holidays do not, swapped Saturdays do', () => {
    expect(isWorkingDay(cal, '2026-11-30')).toBe(true); // Monday
    expect(isWorkingDay(cal, '2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay(cal, '2026-09-02')).toBe(false); // Quốc khánh
    expect(isWorkingDay(cal, '2026-04-27')).toBe(false); // Giỗ Tổ made up on the Monday
    expect(isWorkingDay(cal, '2025-02-08')).toBe(true); // Saturday worked for 27/01/2025
    expect(isWorkingDay(cal, '2025-04-26')).toBe(true); // Saturday worked for 02/05/2025
  });

  it('covers the current year and every listed holiday is well-formed', () => {
    expect(cal.coveredYears).toContain(new Date().getUTCFullYear());
    for (const d of cal.holidays) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('the 12-working-hour clock (07:30–11:30, 13:30–17:30)', () => {
  it('a report on Tuesday morning is due on Wednesday afternoon', () => {
    // Tue 09:00: 2.5 h to 11:30, 4 h afternoon (6.5), Wed 4 h morning (10.5), then 1.5 h → 15:00
    expect(show(urgentDue(vn('2026-12-01T09:00')))).toBe('2026-12-02 15:00');
  });

  it('a report on Friday at 17:00 runs on Monday and is due Tuesday at 11:00', () => {
    // 30 min on Friday, 8 h on Monday, 3.5 h on Tuesday
    expect(show(urgentDue(vn('2026-11-27T17:00')))).toBe('2026-12-01 11:00');
  });

  it('a report at the weekend or at night starts at the next working period', () => {
    expect(show(urgentDue(vn('2026-11-28T10:00')))).toBe('2026-12-01 11:30'); // Saturday
    expect(show(urgentDue(vn('2026-11-29T23:00')))).toBe('2026-12-01 11:30'); // Sunday night
    expect(show(urgentDue(vn('2026-12-01T05:00')))).toBe('2026-12-02 11:30'); // before work
    expect(show(urgentDue(vn('2026-12-01T12:15')))).toBe('2026-12-02 17:30'); // lunch break: Tuesday afternoon and all Wednesday
    expect(show(urgentDue(vn('2026-12-01T20:00')))).toBe('2026-12-03 11:30'); // evening
  });

  it('ends exactly at a period end when the hours fit', () => {
    expect(show(addWorkingMinutes(cal, vn('2026-12-01T07:30'), 8 * 60))).toBe('2026-12-01 17:30');
    expect(show(addWorkingMinutes(cal, vn('2026-12-01T07:30'), 4 * 60))).toBe('2026-12-01 11:30');
  });

  it('skips public holidays: 30/4 and 1/5 2026 (Thursday, Friday)', () => {
    // Wed 29/04 at 14:00: 3.5 h that day, then Mon 04/05: 8 h (11.5), 0.5 h on Tue → 08:00
    expect(show(urgentDue(vn('2026-04-29T14:00')))).toBe('2026-05-05 08:00');
  });

  it('runs across Tết 2026 (16–20/02) without counting it', () => {
    // Fri 13/02 at 16:00: 1.5 h, then the week of Tết and the weekends are skipped:
    // Mon 23/02 8 h (9.5), Tue 24/02 2.5 h → 10:00
    expect(show(urgentDue(vn('2026-02-13T16:00')))).toBe('2026-02-24 10:00');
  });

  it('counts a swapped working Saturday (08/02/2025)', () => {
    // Fri 07/02/2025 17:00: 0.5 h, Sat 08/02 is worked (8.5), Mon 10/02 3.5 h → 11:00
    expect(show(urgentDue(vn('2025-02-07T17:00')))).toBe('2025-02-10 11:00');
  });

  it('the working time between two moments matches the clock', () => {
    const from = vn('2026-11-27T17:00');
    expect(workingMinutesBetween(cal, from, urgentDue(from))).toBe(12 * 60);
    expect(workingMinutesBetween(cal, vn('2026-11-28T08:00'), vn('2026-11-29T17:00'))).toBe(0);
    expect(workingMinutesBetween(cal, vn('2026-12-02T08:00'), vn('2026-12-01T08:00'))).toBe(0);
  });

  it('says when the clock is about to lapse and by how much it has lapsed', () => {
    const due = urgentDue(vn('2026-11-27T17:00')); // Tue 01/12 11:00
    expect(clockState(cal, due, vn('2026-11-30T08:00'))).toEqual({ minutesLeft: 660, lapsed: false, dueSoon: false });
    expect(clockState(cal, due, vn('2026-12-01T09:30'))).toEqual({ minutesLeft: 90, lapsed: false, dueSoon: true });
    expect(clockState(cal, due, vn('2026-12-01T14:00'))).toEqual({ minutesLeft: -60, lapsed: true, dueSoon: false });
  });

  it('reads its hours from the data: another calendar, another answer', () => {
    const other = calendarFrom({ workingHours: { utcOffsetMinutes: 420, workingWeekdays: [1, 2, 3, 4, 5, 6], periods: [['07:00', '11:00'], ['13:00', '17:00']] }, holidays: [], workingSaturdays: [], coveredYears: [2026] });
    expect(show(addWorkingMinutes(other, vn('2026-11-27T16:00'), 12 * 60))).toBe('2026-11-30 10:00');
    expect(() => calendarFrom({ workingHours: { utcOffsetMinutes: 420, workingWeekdays: [1], periods: [['13:00', '11:00']] }, holidays: [], workingSaturdays: [], coveredYears: [] })).toThrow();
  });
});
