import { describe, expect, it } from 'vitest';
import { agreementBehind } from './domain.js';

describe('agreements', () => {
  it('flags agreements behind schedule', () => {
    expect(agreementBehind('2026-07-01', '2026-01-01', '2026-12-31', 100, 10)).toBe(true);
    expect(agreementBehind('2026-07-01', '2026-01-01', '2026-12-31', 100, 40)).toBe(false);
    expect(agreementBehind('2027-01-05', '2026-01-01', '2026-12-31', 100, 99)).toBe(true);
    expect(agreementBehind('2025-12-01', '2026-01-01', '2026-12-31', 100, 0)).toBe(false);
  });
});
