import { describe, expect, it } from 'vitest';
import { needStatus, needTransition, remainder, type LedgerSums } from './domain.js';

const sums = (p: number, r = 0, pv = 0): LedgerSums => ({ pledgedQuantity: p, pledgedValue: String(pv), receivedQuantity: r, receivedValue: '0' });

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
