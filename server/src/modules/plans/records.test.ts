import { describe, expect, it } from 'vitest';
import { countableTarget, recordCount, recordUpdates, unitStatus, type TimeWindow } from './domain.js';

/** Deliverables that count themselves: plan 237's task IV.8 ("02 lớp bồi dưỡng, tập huấn", October 2023) and a recurring one. */
const oct2023: TimeWindow = { kind: 'month', from: '2023-10-01', to: '2023-10-31', due: null };
const yearly: TimeWindow = { kind: 'every_year', from: '2023-01-01', to: '2025-12-31', due: null };

describe('countable deliverables', () => {
  it('reads a number and a kind of record from the deliverables as the appendices write them', () => {
    expect(countableTarget(['02 lớp bồi dưỡng, tập huấn được tổ chức tại các địa phương'])).toEqual({ count: 2, kinds: ['training'], text: '02 lớp bồi dưỡng, tập huấn được tổ chức tại các địa phương' });
    expect(countableTarget(['01 Clip tuyên truyền', '01 tài liệu truyền thông'])).toMatchObject({ count: 1, kinds: ['clip'] });
    expect(countableTarget(['02 Hoạt động truyền thông được tổ chức'])?.kinds).toEqual(expect.arrayContaining(['article', 'clip', 'workshop']));
    // a kind without a number is counted without a target; a numbered one wins
    expect(countableTarget(['Các lớp tập huấn được tổ chức'])).toMatchObject({ count: null, kinds: ['training'] });
    expect(countableTarget(['Tổ chức tập huấn', '03 Hội thảo'])).toMatchObject({ count: 3, kinds: ['workshop', 'conference'] });
    // documents, reports and decisions are not records
    expect(countableTarget(['Văn bản hướng dẫn'])).toBeNull();
    expect(countableTarget(['Quyết định phê duyệt dự án', 'Báo cáo theo dõi, giám sát, đánh giá'])).toBeNull();
    expect(countableTarget([])).toBeNull();
  });

  it('counts the records held by a date, and for a recurring window those of the date\'s period', () => {
    const held = ['2023-10-10', '2023-10-24'];
    expect(recordCount(oct2023, held, '2023-10-01')).toBe(0);
    expect(recordCount(oct2023, held, '2023-10-10')).toBe(1);
    expect(recordCount(oct2023, held, '2023-11-30')).toBe(2);
    expect(recordCount(yearly, ['2023-05-01', '2024-03-01', '2024-06-01'], '2024-12-31')).toBe(2);
    expect(recordCount(yearly, ['2023-05-01', '2024-03-01', '2024-06-01'], '2025-02-01')).toBe(0);
  });

  it('derives the task\'s status from its records at chosen dates: 1 of 2 on track, 2 of 2 done, none by the end overdue', () => {
    const status = (held: string[], asOf: string) => unitStatus(oct2023, recordUpdates(oct2023, 2, held, asOf), asOf).status;
    expect(status([], '2023-09-20')).toBe('not_started');
    expect(status(['2023-10-10'], '2023-10-12')).toBe('on_track');
    // a record after the date asked does not count yet
    expect(status(['2023-10-24'], '2023-10-12')).toBe('not_started');
    expect(status(['2023-10-10', '2023-10-24'], '2023-10-24')).toBe('done');
    expect(status(['2023-10-10', '2023-10-24'], '2023-11-15')).toBe('done');
    expect(status(['2023-10-10'], '2023-11-15')).toBe('overdue');
    expect(status([], '2023-11-15')).toBe('overdue');
    // a training held before the window counts toward it
    expect(status(['2023-09-28', '2023-10-05'], '2023-10-06')).toBe('done');
  });

  it('makes one update per record with the share reached, and none without a target', () => {
    expect(recordUpdates(oct2023, 2, ['2023-10-24', '2023-10-10'], '2023-12-31')).toEqual([
      { period: '', state: 'in_progress', percent: 50, reportedOn: '2023-10-10' },
      { period: '', state: 'done', percent: 100, reportedOn: '2023-10-24' },
    ]);
    expect(recordUpdates(oct2023, null, ['2023-10-10'], '2023-12-31')).toEqual([]);
    const y = recordUpdates(yearly, 1, ['2023-05-01', '2024-03-01'], '2024-12-31');
    expect(y.map((u) => [u.period, u.state])).toEqual([['2023', 'done'], ['2024', 'done']]);
    expect(unitStatus(yearly, y, '2025-06-30').status).not.toBe('done');
  });
});
