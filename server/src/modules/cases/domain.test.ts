import { describe, expect, it } from 'vitest';
import { CASE_STEPS } from '../../../../contracts/cases.js';
import { STEP_MOVES, caseReference, isUrgentCategory, protectBreakdown, referralMove, stepMove, suppress } from './domain.js';

describe('case steps', () => {
  it('walks the circular forward from screening to closing', () => {
    const path = ['screening', 'assessment', 'plan', 'intervention', 'referral', 'follow_up', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(stepMove(path[i - 1], path[i], { outcome: 'resolved' })).toEqual({ to: path[i] });
  });

  it('lets an assessment go straight to referral (abuse, violence) or close a report that needs nothing more', () => {
    expect(stepMove('assessment', 'referral')).toEqual({ to: 'referral' });
    expect(stepMove('assessment', 'closed', { outcome: 'no_action_needed' })).toEqual({ to: 'closed' });
  });

  it('refuses skipping steps, going back to screening and staying still', () => {
    expect(stepMove('screening', 'intervention')).toHaveProperty('error');
    expect(stepMove('plan', 'screening')).toHaveProperty('error');
    for (const s of CASE_STEPS) expect(stepMove(s, s)).toHaveProperty('error');
  });

  it('closing needs an outcome, reopening a reason', () => {
    expect(stepMove('follow_up', 'closed')).toEqual({ error: 'Cần ghi kết quả khi kết thúc trường hợp' });
    expect(stepMove('closed', 'follow_up')).toEqual({ error: 'Cần nêu lý do mở lại trường hợp' });
    expect(stepMove('closed', 'follow_up', { reason: 'Học sinh cần hỗ trợ thêm' })).toEqual({ to: 'follow_up' });
  });

  it('every step can reach closing', () => {
    for (const s of CASE_STEPS) {
      const seen = new Set([s]);
      const queue = [s as string];
      while (queue.length) for (const n of STEP_MOVES[queue.shift() as keyof typeof STEP_MOVES]) if (!seen.has(n)) { seen.add(n); queue.push(n); }
      expect(seen.has('closed')).toBe(true);
    }
  });

  it('abuse and violence are urgent', () => {
    expect(isUrgentCategory('abuse')).toBe(true);
    expect(isUrgentCategory('violence')).toBe(true);
    expect(isUrgentCategory('bullying')).toBe(false);
  });

  it('a reference names neither pupil nor category', () => {
    expect(caseReference(2026, 7)).toBe('CTXH-2026-0007');
  });
});

describe('referrals', () => {
  it('the provider accepts or declines with a reason, reports back, closes', () => {
    expect(referralMove('sent', 'accepted')).toEqual({ to: 'accepted' });
    expect(referralMove('sent', 'declined')).toHaveProperty('error');
    expect(referralMove('sent', 'declined', { reason: 'Ngoài địa bàn' })).toEqual({ to: 'declined' });
    expect(referralMove('accepted', 'reported', { reason: 'Đã gặp học sinh và gia đình' })).toEqual({ to: 'reported' });
    expect(referralMove('reported', 'closed')).toEqual({ to: 'closed' });
    expect(referralMove('declined', 'accepted')).toHaveProperty('error');
    expect(referralMove('closed', 'reported', { reason: 'x' })).toHaveProperty('error');
  });
});

describe('small counts', () => {
  it('1 to 4 become "<5"', () => {
    expect([0, 1, 4, 5, 12].map(suppress)).toEqual([0, '<5', '<5', 5, 12]);
  });
});

/** The published counts of a breakdown, by key. */
const published = (cells: { key: string; n: number }[], total: number | null, hideOne = false) => {
  const out = protectBreakdown(cells, total, hideOne);
  return out && Object.fromEntries(out.map((c) => [c.key, c.count]));
};
const cell = (key: string, n: number) => ({ key, n });

describe('complementary suppression (a "<5" cannot be worked out from the total)', () => {
  it('one "<5" in a breakdown: the next smallest is hidden too', () => {
    // total 42 = 3 + 12 + 20 + 7; with only the 3 hidden, 42 − 12 − 20 − 7 = 3 gives it away
    const out = published([cell('abuse', 3), cell('violence', 12), cell('bullying', 20), cell('other', 7)], 42);
    expect(out).toEqual({ abuse: '<5', violence: 12, bullying: 20, other: 'x' });
    // a reader now knows only "<5" + x = 10: the "<5" is 1–4, the x is 6–9
  });

  it('two "<5" whose sum pins them down (1 + 1 = 2) get a third cell hidden', () => {
    // total 32: shown 30 would leave 2 for two cells of at least 1 each, so both are 1
    expect(published([cell('a', 1), cell('b', 1), cell('c', 30)], 32)).toEqual({ a: '<5', b: '<5', c: 'x' });
    // two "<5" adding up to 8 are both 4: hidden further
    expect(published([cell('a', 4), cell('b', 4), cell('c', 30)], 38)).toEqual({ a: '<5', b: '<5', c: 'x' });
    // two "<5" adding up to 5 could be 1 + 4, 2 + 3, …: nothing more to hide
    expect(published([cell('a', 2), cell('b', 3), cell('c', 30)], 35)).toEqual({ a: '<5', b: '<5', c: 30 });
  });

  it('a hidden 5 beside a "<5" 1 would be pinned at its minimum: the next cell goes too', () => {
    // total 46: hiding 1 and 5 leaves 6 = "<5" (≥ 1) + x (≥ 5), so both would be exact
    expect(published([cell('a', 1), cell('b', 5), cell('c', 40)], 46)).toEqual({ a: '<5', b: 'x', c: 'x' });
    // with 1 and 9 hidden (10 = 1–4 and 6–9) nothing is exact
    expect(published([cell('a', 1), cell('b', 9), cell('c', 40)], 50)).toEqual({ a: '<5', b: 'x', c: 40 });
  });

  it('a breakdown that cannot be protected is withheld whole', () => {
    // 6 = x (≥ 5) + "<5" (≥ 1) only as 5 + 1; five "<5" adding up to 5 are five 1s
    expect(published([cell('a', 5), cell('b', 1)], 6)).toBeNull();
    expect(published([cell('a', 1), cell('b', 1), cell('c', 1), cell('d', 1), cell('e', 1)], 5)).toBeNull();
  });

  it('zeros are never hidden (they single no one out), ties go by key', () => {
    expect(published([cell('a', 0), cell('b', 3), cell('c', 10), cell('d', 10)], 23)).toEqual({ a: 0, b: '<5', c: 'x', d: 10 });
  });

  it('without a published total only small counts are hidden; with no small count nothing is', () => {
    expect(published([cell('a', 2), cell('b', 9)], null)).toEqual({ a: '<5', b: 9 });
    expect(published([cell('a', 10), cell('b', 20)], 30)).toEqual({ a: 10, b: 20 });
  });

  it('when the total itself is hidden elsewhere, one cell is hidden so that it cannot be rebuilt by addition', () => {
    // the closed cases (12) are an "x" among the steps; outcomes 7 + 5 would give the 12 back
    expect(published([cell('resolved', 7), cell('improved', 5)], null, true)).toEqual({ resolved: 7, improved: 'x' });
  });

  it('in 2,000 breakdowns of 2–6 counts of 0–12, no hidden count can be worked out from the total', () => {
    // the reader's range of each hidden count never closes to one value (or the breakdown is withheld)
    let rng = 7;
    const next = () => {
      rng = (rng * 48271) % 2147483647;
      return rng % 13;
    };
    for (let round = 0; round < 2000; round++) {
      const cells = Array.from({ length: 2 + (round % 5) }, (_, i) => cell(`k${i}`, next()));
      const total = cells.reduce((a, c) => a + c.n, 0);
      if (total < 5) continue;
      const out = protectBreakdown(cells, total);
      if (!out) continue;
      const hidden = out.filter((c) => c.count === '<5' || c.count === 'x');
      if (!hidden.length) continue;
      const sum = hidden.reduce((a, c) => a + c.n, 0);
      // every hidden cell could take at least two values given the others' bounds
      for (const h of hidden) {
        const others = hidden.filter((o) => o !== h);
        const lo = others.reduce((a, o) => a + (o.count === '<5' ? 1 : 5), 0);
        const hi = others.reduce((a, o) => a + (o.count === '<5' ? 4 : Number.POSITIVE_INFINITY), 0);
        const min = Math.max(h.count === '<5' ? 1 : 5, sum - hi);
        const max = Math.min(h.count === '<5' ? 4 : Number.POSITIVE_INFINITY, sum - lo);
        expect(max, JSON.stringify({ cells, h })).toBeGreaterThan(min);
      }
    }
  });
});
