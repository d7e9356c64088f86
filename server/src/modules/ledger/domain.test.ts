import { describe, expect, it } from 'vitest';
import { checkMoneyPledge, checkPledge, contributionTransition } from './domain.js';

describe('pledges against a need', () => {
  it('refuses a pledge beyond the remainder or on a need not open', () => {
    expect(checkPledge('partly_pledged', 60, 40)).toBeNull();
    expect(checkPledge('partly_pledged', 60, 61)).toMatch(/vượt phần còn thiếu/);
    expect(checkPledge('submitted', 100, 10)).toMatch(/không nhận thêm cam kết/);
    expect(checkPledge('fully_pledged', 0, 1)).toMatch(/không nhận thêm cam kết/);
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

describe('a money pledge against what is open', () => {
  it('is refused above the remainder, compared exactly past 2^53', () => {
    expect(checkMoneyPledge('1000000', 1_000_000)).toBeNull();
    expect(checkMoneyPledge('1000000', 1e15)).toBe('Số tiền cam kết (1.000.000.000.000.000 đồng) vượt phần còn thiếu (1.000.000 đồng)');
    expect(checkMoneyPledge('9007199254740993', 1e15)).toBeNull();
    expect(checkMoneyPledge('0', 1)).toMatch(/vượt phần còn thiếu \(0 đồng\)/);
  });
});
