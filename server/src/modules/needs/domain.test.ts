import { describe, expect, it } from 'vitest';
import { needStatus, needTransition, remainder, type LedgerSums } from './domain.js';

const sums = (o: Partial<LedgerSums> = {}): LedgerSums => ({
  pledgeCount: 0, pledgedQuantity: 0, pledgedValue: '0', receivedQuantity: 0, receivedValue: '0', pledgedShare: 0, receivedShare: 0,
  fullyPledged: false, fullyReceived: false, remainingQuantity: 100, remainingValue: 1000, ...o,
});

describe('the status follows the share of the need its pledges cover', () => {
  it('any pledge, in money or in kind, makes it partly pledged; a covered need is fully pledged, then delivered', () => {
    expect(needStatus('published', sums())).toBe('published');
    expect(needStatus('published', sums({ pledgeCount: 1, pledgedShare: 0.4 }))).toBe('partly_pledged');
    expect(needStatus('published', sums({ pledgeCount: 2, fullyPledged: true }))).toBe('fully_pledged');
    expect(needStatus('published', sums({ pledgeCount: 2, fullyPledged: true, fullyReceived: true }))).toBe('delivered');
    expect(needStatus('submitted', sums({ pledgeCount: 1 }))).toBe('submitted');
    expect(remainder(sums({ remainingQuantity: 60, remainingValue: 30 }))).toEqual({ quantity: 60, value: 30 });
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
    expect(needTransition('partly_pledged', 'withdraw', { reason: 'x', pledgeCount: 40 })).toHaveProperty('error');
  });
});
