import { describe, expect, it } from 'vitest';
import { CASE_STEPS } from '../../../../contracts/cases.js';
import { STEP_MOVES, caseReference, isUrgentCategory, referralMove, stepMove, suppress } from './domain.js';

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
