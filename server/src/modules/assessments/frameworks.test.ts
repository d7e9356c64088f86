import { describe, expect, it } from 'vitest';
import { answerable, criteria, scoreAssessment } from './domain.js';
import { frameworkFiles, provisionalCodes, scaleProblems } from './frameworks.js';

describe('the frameworks shipped as data', () => {
  const fws = frameworkFiles();
  it('are the three of the seeds, valid, each with its provenance', () => {
    expect(fws.map((f) => f.key)).toEqual(['cds-truong-4725', 'ctxh-truong-hoc-4969', 'truong-an-toan-tt18']);
    for (const f of fws) {
      expect(f.provenance.sources.length).toBeGreaterThan(0);
      expect(scaleProblems(f)).toEqual([]);
    }
  });
  it('say what is provisional: an incomplete list marks the indicators not verified', () => {
    for (const f of fws) if (!f.provenance.complete) expect(provisionalCodes(f).length).toBeGreaterThan(0);
    const dx = fws.find((f) => f.key === 'cds-truong-4725')!;
    // verified from the official text: the two mandatory conditions and the live online-teaching software (6 points)
    const verified = answerable(dx).filter((i) => !i.provisional).map((i) => i.code);
    expect(verified).toEqual(['1.1', '1.2', '1.3.a']);
    expect(criteria(dx).filter((i) => i.mandatory).map((i) => i.code)).toEqual(['1.1', '1.2']);
    const social = fws.find((f) => f.key === 'ctxh-truong-hoc-4969')!;
    expect(answerable(social).every((i) => i.provisional)).toBe(true);
  });
  it('score: 4725 per group of 100, the safe-school rule at 80% and every mandatory criterion', () => {
    const dx = fws.find((f) => f.key === 'cds-truong-4725')!;
    const full = Object.fromEntries(answerable(dx).map((i) => [i.code, { value: i.type === 'yes_no' ? true : i.type === 'percentage' ? 100 : i.type === 'choice' && i.scoring.kind === 'choice' ? i.scoring.options.at(-1)!.value : null, evidenceCount: 1 }]));
    const s = scoreAssessment(dx, full);
    expect(s.groups.map((g) => g.points)).toEqual([100, 100]);
    expect(s.result.label).toBe('Đáp ứng tốt');
    const safe = fws.find((f) => f.key === 'truong-an-toan-tt18')!;
    expect(safe.result).toMatchObject({ kind: 'pass', minPercent: 80, mandatory: 'all' });
    const all = Object.fromEntries(answerable(safe).map((i) => [i.code, { value: true }]));
    expect(scoreAssessment(safe, all).result.label).toBe('Đạt');
  });
});
