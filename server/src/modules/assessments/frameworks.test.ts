import { describe, expect, it } from 'vitest';
import { answerable, criteria, scoreAssessment } from './domain.js';
import { frameworkFiles, provisionalCodes, scaleProblems } from './frameworks.js';

describe('the frameworks shipped as data', () => {
  const fws = frameworkFiles();
  it('are the three of the seeds and the Departments\' index, valid, each with its provenance', () => {
    expect(fws.map((f) => f.key)).toEqual(['cds-so-3806', 'cds-truong-4725', 'ctxh-truong-hoc-4969', 'truong-an-toan-tt18']);
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
  it('3806 for Departments: two groups on one scale of 100, levels borrowed from 4725, every indicator provisional', () => {
    const dept = fws.find((f) => f.key === 'cds-so-3806')!;
    expect(dept.appliesTo.kinds).toEqual(['department']);
    expect(dept.groups.map((g) => g.max)).toEqual([50, 50]);
    expect(dept.provenance.complete).toBe(false);
    expect(answerable(dept).every((i) => i.provisional)).toBe(true);
    // the schools' results count: group 2 has the shares of schools at a level, scored by bands
    expect(dept.groups[1]!.indicators.filter((i) => i.type === 'percentage' && i.scoring.kind === 'bands').map((i) => i.code)).toEqual(['2.1', '2.2']);
    expect(dept.result).toMatchObject({ kind: 'levels', per: 'overall', outOf: 100 });
    const at = (points: Record<string, number | boolean | string>) => scoreAssessment(dept, Object.fromEntries(Object.entries(points).map(([c, value]) => [c, { value }]))).result.label;
    const full = { '1.1': true, '1.2': true, '1.3': 80, '1.4': 'thuong_xuyen', '2.1': 80, '2.2': 90 };
    expect(scoreAssessment(dept, Object.fromEntries(Object.entries(full).map(([c, value]) => [c, { value }]))).points).toBe(100);
    expect(at(full)).toBe('Đáp ứng tốt');
    // 75 points exactly does not reach "Đáp ứng tốt" (as in 4725), 50 reaches "Đáp ứng cơ bản", 49 does not
    expect(at({ ...full, '2.1': 0 })).toBe('Đáp ứng cơ bản');
    expect(at({ '1.1': true, '1.2': true, '1.3': 80, '1.4': 'thuong_xuyen' })).toBe('Đáp ứng cơ bản');
    expect(at({ '1.1': true, '1.2': true, '1.3': 80, '1.4': 'mot_phan', '2.2': 0 })).toBe('Chưa đáp ứng');
  });
});
