import { describe, expect, it } from 'vitest';
import { checkPledge, contributionTransition } from './domain.js';

describe('pledges against a need', () => {
  it('refuses a pledge beyond the remainder or on a need not open, by the same rule in quantity and in money', () => {
    const open = { quantity: 60, value: 30_000_000 };
    expect(checkPledge('partly_pledged', open, { quantity: 40, valueVnd: 0 })).toBeNull();
    expect(checkPledge('partly_pledged', open, { quantity: 61, valueVnd: 0 })).toEqual({ path: 'quantity', message: 'Số lượng cam kết (61) vượt phần còn thiếu (60)' });
    expect(checkPledge('partly_pledged', open, { quantity: null, valueVnd: 30_000_000 })).toBeNull();
    expect(checkPledge('partly_pledged', open, { quantity: null, valueVnd: 30_000_001 })?.path).toBe('valueVnd');
    expect(checkPledge('submitted', open, { quantity: 10, valueVnd: 0 })?.message).toMatch(/không nhận thêm cam kết/);
    expect(checkPledge('fully_pledged', { quantity: 0, value: 0 }, { quantity: null, valueVnd: 1 })?.message).toMatch(/không nhận thêm cam kết/);
  });
  it('compares money exactly, past 2^53', () => {
    expect(checkPledge('published', { quantity: 1, value: '1000000' }, { quantity: null, valueVnd: 1e15 })?.message).toBe('Số tiền cam kết (1.000.000.000.000.000 đồng) vượt phần còn thiếu (1.000.000 đồng)');
    expect(checkPledge('published', { quantity: 1, value: '9007199254740993' }, { quantity: null, valueVnd: 1e15 })).toBeNull();
    expect(checkPledge('published', { quantity: 1, value: '0' }, { quantity: null, valueVnd: 1 })?.message).toMatch(/vượt phần còn thiếu \(0 đồng\)/);
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
