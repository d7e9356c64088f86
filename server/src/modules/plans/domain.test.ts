import { describe, expect, it } from 'vitest';
import { isRecurring, parseTimeText, periodEnd, periodStatus, periodsOf, rollUp, unitStatus, type TimeWindow, type UpdateLite } from './domain.js';

const q1: TimeWindow = { kind: 'quarter', from: '2021-01-01', to: '2021-03-31', due: null };
const up = (reportedOn: string, state: UpdateLite['state'], percent: number | null, period = ''): UpdateLite => ({ reportedOn, state, percent, period });

describe('derived task status', () => {
  it('is not started before the window, overdue after it unless done', () => {
    expect(periodStatus(periodsOf(q1)[0], [], '2020-12-15')).toBe('not_started');
    expect(periodStatus(periodsOf(q1)[0], [], '2021-04-01')).toBe('overdue');
    expect(periodStatus(periodsOf(q1)[0], [up('2021-03-20', 'done', 100)], '2021-04-01')).toBe('done');
    expect(periodStatus(periodsOf(q1)[0], [up('2021-03-20', 'in_progress', 90)], '2021-04-01')).toBe('overdue');
  });

  it('is at risk when progress lags the time elapsed, on track otherwise', () => {
    const p = periodsOf(q1)[0];
    expect(periodStatus(p, [], '2021-01-10')).toBe('not_started');
    expect(periodStatus(p, [], '2021-02-20')).toBe('at_risk'); // more than half gone, nothing reported
    expect(periodStatus(p, [up('2021-02-01', 'in_progress', 50)], '2021-02-15')).toBe('on_track');
    expect(periodStatus(p, [up('2021-02-01', 'in_progress', 10)], '2021-02-25')).toBe('at_risk');
    expect(periodStatus(p, [up('2021-03-01', 'in_progress', 60)], '2021-03-25')).toBe('at_risk'); // a week left, 60%
    expect(periodStatus(p, [up('2021-01-05', 'blocked', 30)], '2021-01-20')).toBe('at_risk');
  });

  it('takes the latest update, not the first', () => {
    const p = periodsOf(q1)[0];
    expect(periodStatus(p, [up('2021-03-01', 'done', 100), up('2021-01-05', 'in_progress', 5)], '2021-03-10')).toBe('done');
  });

  it('judges a deadline by its due date', () => {
    const w: TimeWindow = { kind: 'day', from: '2021-01-11', to: '2021-01-15', due: '2021-01-15' };
    expect(unitStatus(w, [], '2021-01-16').status).toBe('overdue');
    expect(unitStatus(w, [], '2021-01-12').status).toBe('not_started');
  });

  it('judges recurring tasks per year', () => {
    const w: TimeWindow = { kind: 'every_year', from: '2022-01-01', to: '2025-12-31', due: null };
    expect(periodsOf(w).map((p) => p.key)).toEqual(['2022', '2023', '2024', '2025']);
    const s = unitStatus(w, [up('2022-11-01', 'done', 100, '2022'), up('2024-03-01', 'in_progress', 40, '2024')], '2024-04-15');
    expect(s.period.key).toBe('2024');
    expect(s.status).toBe('on_track');
    expect(s.periods).toEqual([
      { key: '2022', status: 'done' },
      { key: '2023', status: 'overdue' },
      { key: '2024', status: 'on_track' },
    ]);
  });

  it('judges "trong 01 năm học" per school year (1/9–31/8), each period cut to the window', () => {
    const w: TimeWindow = { kind: 'every_school_year', from: '2026-01-01', to: '2027-08-31', due: null };
    expect(periodsOf(w)).toEqual([
      { key: '2025-2026', from: '2026-01-01', to: '2026-08-31' },
      { key: '2026-2027', from: '2026-09-01', to: '2027-08-31' },
    ]);
    expect(periodEnd(w, '2025-2026')).toBe('2026-08-31');
    // an activity in November 2026 belongs to 2026-2027, not to "the year 2026" that ended the earlier school year
    const ups = [up('2026-05-10', 'done', 100, '2025-2026'), up('2026-11-20', 'in_progress', 30, '2026-2027')];
    expect(unitStatus(w, ups, '2026-08-20')).toMatchObject({ status: 'done', period: { key: '2025-2026' } });
    expect(unitStatus(w, ups, '2026-12-01')).toMatchObject({ status: 'on_track', period: { key: '2026-2027' }, periods: [{ key: '2025-2026', status: 'done' }, { key: '2026-2027', status: 'on_track' }] });
    // as of a past date, what was reported after it does not count
    expect(unitStatus(w, ups, '2026-04-01').status).not.toBe('done');
    // a school year without its activity is overdue once it has ended
    expect(unitStatus(w, [up('2026-11-20', 'in_progress', 30, '2026-2027')], '2027-09-02').periods).toEqual([{ key: '2025-2026', status: 'overdue' }, { key: '2026-2027', status: 'overdue' }]);
    expect(isRecurring('every_school_year')).toBe(true);
  });

  it('rolls up to the most pressing status; all done is done', () => {
    expect(rollUp(['done', 'done'])).toBe('done');
    expect(rollUp(['done', 'not_started'])).toBe('not_started');
    expect(rollUp(['on_track', 'overdue', 'at_risk'])).toBe('overdue');
    expect(rollUp([])).toBe('not_started');
  });
});

describe('reading time as written', () => {
  const period = { from: '2022-01-01', to: '2025-12-31' };
  it.each([
    ['Quý I/2021', { kind: 'quarter', from: '2021-01-01', to: '2021-03-31', due: null }],
    ['Quý IV năm 2023', { kind: 'quarter', from: '2023-10-01', to: '2023-12-31', due: null }],
    ['Tháng 3/2023', { kind: 'month', from: '2023-03-01', to: '2023-03-31', due: null }],
    ['Tháng 3-4/2026', { kind: 'months', from: '2026-03-01', to: '2026-04-30', due: null }],
    ['Năm 2023', { kind: 'year', from: '2023-01-01', to: '2023-12-31', due: null }],
    ['2022-2025', { kind: 'years', from: '2022-01-01', to: '2025-12-31', due: null }],
    ['Hằng năm', { kind: 'every_year', from: '2022-01-01', to: '2025-12-31', due: null }],
    ['trong 01 năm học', { kind: 'every_school_year', from: '2022-01-01', to: '2025-12-31', due: null }],
    ['Mỗi năm học', { kind: 'every_school_year', from: '2022-01-01', to: '2025-12-31', due: null }],
    ['Trước ngày 15/01/2021', { kind: 'day', from: '2021-01-11', to: '2021-01-15', due: '2021-01-15' }],
    ['01/02/2021', { kind: 'day', from: '2021-02-01', to: '2021-02-01', due: '2021-02-01' }],
  ])('%s', (text, expected) => {
    expect(parseTimeText(text, period, '2021-01-11')).toEqual(expected);
  });
  it('returns null for what it cannot read', () => {
    expect(parseTimeText('khi có yêu cầu', period, null)).toBeNull();
  });
});
