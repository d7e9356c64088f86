import { describe, expect, it } from 'vitest';
import { appraise, certificateCode, mayHonour, mayRespond, needsReason, normaliseCode } from './domain.js';

describe('recognition rules', () => {
  it('an appraisal moves only a proposed nominee', () => {
    expect(appraise('proposed', 'accept')).toBe('accepted');
    expect(appraise('proposed', 'ask_more')).toBe('more_info');
    expect(appraise('proposed', 'refuse')).toBe('refused');
    for (const s of ['accepted', 'more_info', 'refused', 'honoured'] as const) expect(appraise(s, 'accept')).toBeNull();
  });
  it('asking for more and refusing need a reason; only accepted nominees are honoured; the board answers a request for more', () => {
    expect([needsReason('accept'), needsReason('ask_more'), needsReason('refuse')]).toEqual([false, true, true]);
    expect(mayHonour('accepted')).toBe(true);
    expect(mayHonour('proposed')).toBe(false);
    expect(mayHonour('honoured')).toBe(false);
    expect(mayRespond('more_info')).toBe(true);
    expect(mayRespond('refused')).toBe(false);
  });
  it('codes have the year and no look-alike letters, and read back as typed', () => {
    const c = certificateCode(2021, Buffer.from([0, 1, 2, 3, 4, 5, 6, 30]));
    expect(c).toBe('KN-2021-2345-678Z');
    for (let i = 0; i < 50; i++) expect(certificateCode(2026)).toMatch(/^KN-2026-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(normaliseCode(' kn-2021-2345-678z ')).toBe('KN-2021-2345-678Z');
  });
});
