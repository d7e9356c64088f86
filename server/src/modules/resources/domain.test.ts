import { describe, expect, it } from 'vitest';
import { agreementBehind, checkPledge, checkQuota, contributionTransition, hygieneService, needStatus, needTransition, remainder, sanitationService, waterService, type LedgerSums } from './domain.js';

const sums = (p: number, r = 0, pv = 0): LedgerSums => ({ pledgedQuantity: p, pledgedValue: pv, receivedQuantity: r, receivedValue: 0 });

describe('JMP service ladders', () => {
  it('water', () => {
    expect(waterService('piped', true)).toBe('basic');
    expect(waterService('protected_well', false)).toBe('limited');
    expect(waterService('surface', true)).toBe('none');
    expect(waterService('none', false)).toBe('none');
  });
  it('sanitation', () => {
    expect(sanitationService(4, true, true, true)).toBe('basic');
    expect(sanitationService(4, true, false, true)).toBe('limited');
    expect(sanitationService(4, true, true, false)).toBe('limited');
    expect(sanitationService(4, false, true, true)).toBe('none');
    expect(sanitationService(0, true, true, true)).toBe('none');
  });
  it('hygiene', () => {
    expect(hygieneService('water_soap')).toBe('basic');
    expect(hygieneService('water_only')).toBe('limited');
    expect(hygieneService('none')).toBe('none');
  });
});

describe('the open remainder', () => {
  it('a pledge of 40 against a need of 100 leaves 60 open', () => {
    expect(remainder(100, 50_000_000, sums(40, 0, 20_000_000))).toEqual({ quantity: 60, value: 30_000_000 });
    expect(needStatus('published', 100, sums(40))).toBe('partly_pledged');
  });
  it('never goes below zero, and the status follows the ledger', () => {
    expect(remainder(100, 1000, sums(120, 0, 2000))).toEqual({ quantity: 0, value: 0 });
    expect(needStatus('published', 100, sums(0))).toBe('published');
    expect(needStatus('published', 100, sums(100))).toBe('fully_pledged');
    expect(needStatus('published', 100, sums(100, 100))).toBe('delivered');
    expect(needStatus('submitted', 100, sums(0))).toBe('submitted');
  });
  it('refuses a pledge beyond the remainder or on a need not open', () => {
    expect(checkPledge('partly_pledged', 60, 40)).toBeNull();
    expect(checkPledge('partly_pledged', 60, 61)).toMatch(/vượt phần còn thiếu/);
    expect(checkPledge('submitted', 100, 10)).toMatch(/không nhận thêm cam kết/);
    expect(checkPledge('fully_pledged', 0, 1)).toMatch(/không nhận thêm cam kết/);
  });
});

describe('need state machine', () => {
  const allowed: [string, string, string][] = [
    ['draft', 'submit', 'submitted'], ['returned', 'submit', 'submitted'], ['submitted', 'verify', 'verified'], ['submitted', 'return', 'returned'],
    ['verified', 'publish', 'published'], ['delivered', 'accept', 'accepted'], ['accepted', 'close', 'closed'], ['published', 'withdraw', 'withdrawn'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(needTransition(from as never, action as never, { reason: 'lý do', evidenceCount: 1 })).toEqual({ to });
  });
  it('refuses every other transition with a message', () => {
    const statuses = ['draft', 'submitted', 'returned', 'verified', 'published', 'partly_pledged', 'fully_pledged', 'delivered', 'accepted', 'closed', 'withdrawn'];
    const actions = ['submit', 'return', 'verify', 'publish', 'accept', 'close', 'withdraw'];
    let refused = 0;
    for (const s of statuses) for (const a of actions) {
      if (allowed.some(([f, x]) => f === s && x === a)) continue;
      if (a === 'withdraw' && ['draft', 'submitted', 'returned', 'verified'].includes(s)) continue; // allowed too
      const r = needTransition(s as never, a as never, { reason: 'lý do', evidenceCount: 1 });
      expect(r, `${s} ${a}`).toHaveProperty('error');
      expect((r as { error: string }).error).toMatch(/^Không thể /);
      refused++;
    }
    expect(refused).toBeGreaterThan(60);
  });
  it('requires a reason to return or withdraw, evidence to accept, and no live pledges to withdraw', () => {
    expect(needTransition('submitted', 'return', { reason: ' ' })).toEqual({ error: 'Cần nêu lý do khi trả lại nhu cầu' });
    expect(needTransition('delivered', 'accept', { evidenceCount: 0 })).toHaveProperty('error');
    expect(needTransition('partly_pledged', 'withdraw', { reason: 'x', pledgedQuantity: 40 })).toHaveProperty('error');
  });
});

describe('contribution state machine', () => {
  it('moves pledged → delivered → received (with evidence) → accepted; cancels before receipt with a reason', () => {
    expect(contributionTransition('pledged', 'deliver')).toEqual({ to: 'delivered' });
    expect(contributionTransition('delivered', 'confirm', { evidenceCount: 1 })).toEqual({ to: 'received' });
    expect(contributionTransition('delivered', 'confirm', { evidenceCount: 0 })).toHaveProperty('error');
    expect(contributionTransition('received', 'accept')).toEqual({ to: 'accepted' });
    expect(contributionTransition('pledged', 'cancel', { reason: 'đổi kế hoạch' })).toEqual({ to: 'cancelled' });
    expect(contributionTransition('pledged', 'cancel', {})).toHaveProperty('error');
    expect(contributionTransition('received', 'cancel', { reason: 'x' })).toHaveProperty('error');
    expect(contributionTransition('accepted', 'deliver')).toHaveProperty('error');
    expect(contributionTransition('cancelled', 'confirm', { evidenceCount: 1 })).toHaveProperty('error');
  });
});

describe('agreements and the plan-29 quota', () => {
  it('flags agreements behind schedule', () => {
    expect(agreementBehind('2026-07-01', '2026-01-01', '2026-12-31', 100, 10)).toBe(true);
    expect(agreementBehind('2026-07-01', '2026-01-01', '2026-12-31', 100, 40)).toBe(false);
    expect(agreementBehind('2027-01-05', '2026-01-01', '2026-12-31', 100, 99)).toBe(true);
    expect(agreementBehind('2025-12-01', '2026-01-01', '2026-12-31', 100, 0)).toBe(false);
  });
  it('checks the quota and says what is missing', () => {
    const full = { districts: 1, schoolsByLevel: { mam_non: 10, tieu_hoc: 5, thcs: 5 }, schools: [{ name: 'A', gifts: { teacher: 1, manager: 1, pupil: 10 } }] };
    expect(checkQuota(full)).toEqual({ complies: true, missing: [] });
    const r = checkQuota({ districts: 0, schoolsByLevel: { mam_non: 8, tieu_hoc: 5, thcs: 6 }, schools: [{ name: 'Trường B', gifts: { teacher: 1, manager: 0, pupil: 7 } }] });
    expect(r.complies).toBe(false);
    expect(r.missing).toEqual(['Chưa chọn huyện', 'Thiếu 2 trường mầm non (cần 10)', 'Thừa 1 trường THCS (quy định 5)', 'Trường B: thiếu quà cho 1 cán bộ quản lý', 'Trường B: thiếu quà cho 3 học sinh']);
  });
});
