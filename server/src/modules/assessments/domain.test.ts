import { describe, expect, it } from 'vitest';
import { FrameworkDefinition, type FrameworkDefinitionInput } from '../../../../contracts/assessments.js';
import {
  answerProblem, answerable, assessmentTransition, criteria, frameworkFieldProblems, frameworkProblems, groupMax, indicatorLevel, indicatorMax, isOpen, isPublished, levelOf,
  scoreAssessment, scoreIndicator, selfPoints, windowProblem,
} from './domain.js';

const LEVELS_4725 = [
  { code: '1', label: 'Chưa đáp ứng', min: null },
  { code: '2', label: 'Đáp ứng cơ bản', min: 50, inclusive: true, requiresMandatory: true },
  { code: '3', label: 'Đáp ứng tốt', min: 75, inclusive: false, requiresMandatory: true },
];
const provenance = { sources: [{ title: 't', reference: 'r', verified: 'v' }], complete: false, note: 'test' };

/** A framework shaped like 4725: two groups of 100 points, levels per group, mandatory conditions. */
const dx = FrameworkDefinition.parse({
  key: 'test-dx', name: 'Thử CĐS', basis: 'QĐ 4725', year: 2026, appliesTo: { kinds: ['school'] }, provenance,
  result: { kind: 'levels', per: 'group', levels: LEVELS_4725 },
  groups: [
    {
      code: 'A', name: 'Dạy, học', max: 100,
      indicators: [
        { code: 'A1', text: 'Kế hoạch dạy học trực tuyến', type: 'yes_no', mandatory: true, scoring: { kind: 'none' } },
        { code: 'A2', text: 'Mức triển khai', type: 'choice', scoring: { kind: 'choice', options: [
          { value: 'a', label: '50 điểm', points: 50 }, { value: 'b', label: '75 điểm', points: 75 }, { value: 'c', label: '75,01 điểm', points: 75.01 }, { value: 'd', label: '49,99', points: 49.99 },
        ] } },
        { code: 'A3', text: 'Phần mềm dạy học trực tuyến', type: 'yes_no', max: 25, levels: [{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: 10 }, { code: '3', label: 'Mức 3', min: 20, inclusive: false }],
          scoring: { kind: 'none' }, parts: [
            { code: 'A3a', text: 'Phần mềm dạy học trực tuyến trực tiếp', type: 'yes_no', scoring: { kind: 'yes', points: 6 } },
            { code: 'A3b', text: 'Hệ thống LMS', type: 'yes_no', scoring: { kind: 'yes', points: 20 } },
          ] },
      ],
    },
    {
      code: 'B', name: 'Quản trị', max: 100,
      indicators: [
        { code: 'B1', text: 'Tỉ lệ hồ sơ điện tử', type: 'percentage', scoring: { kind: 'bands', bands: [{ from: 0, points: 0 }, { from: 50, points: 40 }, { from: 90, points: 80 }] } },
        { code: 'B2', text: 'Minh chứng quy chế', type: 'evidence', scoring: { kind: 'evidence', points: 20 } },
        { code: 'B3', text: 'Ghi chú', type: 'text', scoring: { kind: 'none' } },
      ],
    },
  ],
} satisfies FrameworkDefinitionInput);

/** Ten criteria, two mandatory, pass at 80% and every mandatory one (Thông tư 18/2023). */
const safe = FrameworkDefinition.parse({
  key: 'test-safe', name: 'Thử an toàn', basis: 'TT 18/2023', year: 2026, appliesTo: { kinds: ['school'] }, provenance,
  result: { kind: 'pass', minPercent: 80, mandatory: 'all' },
  groups: [{
    code: 'S', name: 'Tiêu chí',
    indicators: Array.from({ length: 10 }, (_, i) => ({ code: `S${i + 1}`, text: `Tiêu chí ${i + 1}`, type: 'yes_no' as const, mandatory: i < 2, scoring: { kind: 'yes' as const, points: 1 } })),
  }],
} satisfies FrameworkDefinitionInput);
const yes = (codes: number[]) => Object.fromEntries(codes.map((n) => [`S${n}`, { value: true }]));

describe('indicator rules', () => {
  const [a1, a2, a3] = dx.groups[0]!.indicators;
  const [b1, b2, b3] = dx.groups[1]!.indicators;
  it('points for yes, for evidence, by band and by choice', () => {
    expect(selfPoints(a3!.parts![0]!, { value: true })).toBe(6);
    expect(selfPoints(a3!.parts![0]!, { value: false })).toBe(0);
    expect(selfPoints(b2!, { value: null, evidenceCount: 1 })).toBe(20);
    expect(selfPoints(b2!, { value: null, evidenceCount: 0 })).toBe(0);
    expect(selfPoints(b1!, { value: 49.9 })).toBe(0);
    expect(selfPoints(b1!, { value: 50 })).toBe(40);
    expect(selfPoints(b1!, { value: 89.99 })).toBe(40);
    expect(selfPoints(b1!, { value: 90 })).toBe(80);
    expect(selfPoints(a2!, { value: 'c' })).toBe(75.01);
    expect(selfPoints(a2!, { value: 'zz' })).toBe(0);
    expect(selfPoints(b3!, { value: 'ghi chú' })).toBe(0);
    expect(selfPoints(a1!, { value: true })).toBe(0);
  });
  it('maxima: declared, from the rule, and a sub-scale capped at its maximum', () => {
    expect(indicatorMax(a2!)).toBe(75.01);
    expect(indicatorMax(b1!)).toBe(80);
    expect(indicatorMax(a1!)).toBe(0);
    expect(indicatorMax(a3!)).toBe(25);
    expect(groupMax(dx.groups[0]!)).toBe(100);
    expect(groupMax(safe.groups[0]!)).toBe(10);
  });
  it('a sub-scale sums its parts within its maximum', () => {
    expect(scoreIndicator(a3!, { A3a: { value: true } }, false)).toEqual({ points: 6, max: 25, met: true, selfPoints: 6 });
    expect(scoreIndicator(a3!, { A3a: { value: true }, A3b: { value: true } }, false).points).toBe(25);
    expect(levelOf(a3!.levels!, 6, true).label).toBe('Mức 1');
    expect(levelOf(a3!.levels!, 10, true).label).toBe('Mức 2');
    expect(levelOf(a3!.levels!, 20, true).label).toBe('Mức 2');
    expect(levelOf(a3!.levels!, 25, true).label).toBe('Mức 3');
  });
  it('the reviewer\'s points replace the claim within the maximum; the claim is kept', () => {
    const s = scoreIndicator(b1!, { B1: { value: 95, reviewedPoints: 40 } }, true);
    expect(s).toEqual({ points: 40, max: 80, met: true, selfPoints: 80 });
    expect(scoreIndicator(b1!, { B1: { value: 95, reviewedPoints: 400 } }, true).points).toBe(80);
    expect(scoreIndicator(b1!, { B1: { value: 95, reviewedPoints: 40 } }, false).points).toBe(80);
  });
  it('checks answers by type', () => {
    expect(answerProblem(a1!, true)).toBeNull();
    expect(answerProblem(a1!, 'có')).toBe('Cần chọn Có hoặc Không');
    expect(answerProblem(b1!, 100)).toBeNull();
    expect(answerProblem(b1!, 100.5)).toBe('Tỉ lệ phải từ 0 đến 100');
    expect(answerProblem(b1!, -1)).toBe('Tỉ lệ phải từ 0 đến 100');
    expect(answerProblem(a2!, 'b')).toBeNull();
    expect(answerProblem(a2!, 'x')).toBe('Lựa chọn không có trong thang đánh giá');
    expect(answerProblem(b3!, 12)).toBe('Cần nhập nội dung');
    expect(answerProblem(b3!, null)).toBeNull();
  });
  it('lists what is answered (parts, not their parent) and what is counted as a criterion', () => {
    expect(answerable(dx).map((i) => i.code)).toEqual(['A1', 'A2', 'A3a', 'A3b', 'B1', 'B2', 'B3']);
    expect(criteria(dx).map((i) => i.code)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
  });
});

describe('levels per group of 100 points (Quyết định 4725)', () => {
  const withA2 = (choice: string, a1 = true) => scoreAssessment(dx, { A1: { value: a1 }, A2: { value: choice } }).groups[0]!;
  it('below 50 is "Chưa đáp ứng", exactly 50 is "Đáp ứng cơ bản"', () => {
    expect(withA2('d').level!.label).toBe('Chưa đáp ứng');
    expect(withA2('a')).toMatchObject({ points: 50, scaled: 50, level: { code: '2', label: 'Đáp ứng cơ bản' } });
  });
  it('exactly 75 is still "Đáp ứng cơ bản"; 75.01 is "Đáp ứng tốt"', () => {
    expect(withA2('b').level!.label).toBe('Đáp ứng cơ bản');
    expect(withA2('c')).toMatchObject({ points: 75.01, level: { code: '3', label: 'Đáp ứng tốt' } });
  });
  it('a mandatory condition failed keeps the group at "Chưa đáp ứng" whatever its points', () => {
    const g = withA2('c', false);
    expect(g.points).toBe(75.01);
    expect(g.mandatoryFailed).toEqual(['A1']);
    expect(g.level!.label).toBe('Chưa đáp ứng');
  });
  it('is judged per group: the result is the lowest group\'s level', () => {
    const s = scoreAssessment(dx, { A1: { value: true }, A2: { value: 'c' }, B1: { value: 92 }, B2: { value: null, evidenceCount: 2 } });
    expect(s.groups.map((g) => [g.points, g.level!.code])).toEqual([[75.01, '3'], [100, '3']]);
    expect(s.result).toEqual({ code: '3', label: 'Đáp ứng tốt' });
    const t = scoreAssessment(dx, { A1: { value: true }, A2: { value: 'c' }, B1: { value: 60 } });
    expect(t.groups[1]!.level!.code).toBe('1');
    expect(t.result.label).toBe('Chưa đáp ứng');
    expect(t.points).toBe(115.01);
    expect(t.max).toBe(200);
  });
  it('a group\'s points never pass its scale', () => {
    const s = scoreAssessment(dx, { A1: { value: true }, A2: { value: 'c' }, A3a: { value: true }, A3b: { value: true } });
    expect(s.groups[0]!.points).toBe(100);
  });
  it('the reviewed score is computed from the reviewer\'s points, the self score from the claims', () => {
    const answers = { A1: { value: true }, A2: { value: 'c', reviewedPoints: 60 } };
    expect(scoreAssessment(dx, answers).groups[0]!.level!.code).toBe('3');
    expect(scoreAssessment(dx, answers, { reviewed: true }).groups[0]).toMatchObject({ points: 60, level: { code: '2' } });
  });
  it('an overall rule scales the total to its 100 points', () => {
    const overall = FrameworkDefinition.parse({ ...dx, result: { kind: 'levels', per: 'overall', levels: LEVELS_4725 } });
    const s = scoreAssessment(overall, { A1: { value: true }, A2: { value: 'a' }, B1: { value: 95 } });
    expect(s.points).toBe(130);
    expect(s.groups.every((g) => g.level === null)).toBe(true);
    expect(s.result.label).toBe('Đáp ứng cơ bản');
  });
});

describe('pass rules (Thông tư 18/2023 and 45/2021)', () => {
  it('exactly 80% of criteria with every mandatory one is "Đạt"', () => {
    const s = scoreAssessment(safe, yes([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(s.criteria).toEqual({ met: 8, total: 10, mandatoryMet: 2, mandatoryTotal: 2, percent: 80 });
    expect(s.result).toEqual({ code: 'dat', label: 'Đạt' });
  });
  it('70% is "Không đạt"', () => {
    expect(scoreAssessment(safe, yes([1, 2, 3, 4, 5, 6, 7])).result.label).toBe('Không đạt');
  });
  it('90% of criteria with a mandatory one failed is "Không đạt"', () => {
    const s = scoreAssessment(safe, yes([1, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(s.criteria!.percent).toBe(90);
    expect(s.mandatoryFailed).toEqual(['S2']);
    expect(s.result.label).toBe('Không đạt');
  });
  it('counts in integers: 16 of 20 passes, 79.99% does not', () => {
    const twenty = { ...safe, groups: [{ ...safe.groups[0]!, indicators: Array.from({ length: 20 }, (_, i) => ({ ...safe.groups[0]!.indicators[0]!, code: `T${i}`, mandatory: false })) }] };
    const ans = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`T${i}`, { value: true }]));
    expect(scoreAssessment(twenty, ans(16)).result.code).toBe('dat');
    expect(scoreAssessment(twenty, ans(15)).result.code).toBe('khong_dat');
  });
  it('a count rule: at least 40 criteria including 20 mandatory (preschools)', () => {
    const ind = (i: number) => ({ code: `M${i}`, text: `Tiêu chí ${i}`, type: 'yes_no' as const, mandatory: i < 20, provisional: true, scoring: { kind: 'yes' as const, points: 1 } });
    const pre = FrameworkDefinition.parse({ ...safe, key: 'test-pre', result: { kind: 'pass', minMet: 40, mandatory: 20 }, groups: [{ code: 'M', name: 'Tiêu chí', indicators: Array.from({ length: 45 }, (_, i) => ind(i)) }] });
    const ans = (codes: number[]) => Object.fromEntries(codes.map((i) => [`M${i}`, { value: true }]));
    const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
    expect(scoreAssessment(pre, ans(range(0, 40))).result.code).toBe('dat');
    expect(scoreAssessment(pre, ans(range(0, 39))).result.code).toBe('khong_dat');
    // 41 met but one mandatory missing
    expect(scoreAssessment(pre, ans([...range(1, 20), ...range(20, 42)])).result.code).toBe('khong_dat');
    expect(frameworkProblems(pre)).toEqual([]);
  });
  it('the reviewer withdrawing a mandatory criterion\'s point fails it', () => {
    const answers = { ...yes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), S1: { value: true, reviewedPoints: 0 } };
    expect(scoreAssessment(safe, answers).result.code).toBe('dat');
    expect(scoreAssessment(safe, answers, { reviewed: true }).result.code).toBe('khong_dat');
  });
});

describe('framework checks', () => {
  it('a sound framework has no problems', () => {
    expect(frameworkProblems(dx)).toEqual([]);
    expect(frameworkProblems(safe)).toEqual([]);
  });
  it('finds duplicate codes, rules that do not fit the type, bands and levels out of order, impossible pass rules', () => {
    const bad = FrameworkDefinition.parse({
      ...dx,
      result: { kind: 'levels', per: 'group', levels: [{ code: '1', label: 'a', min: null }, { code: '2', label: 'b', min: 50 }, { code: '3', label: 'c', min: 40 }] },
      groups: [{ code: 'A', name: 'Nhóm', indicators: [
        { code: 'X', text: 'Một', type: 'text', scoring: { kind: 'yes', points: 1 } },
        { code: 'X', text: 'Hai', type: 'percentage', scoring: { kind: 'bands', bands: [{ from: 50, points: 1 }, { from: 20, points: 2 }, { from: 120, points: 3 }] } },
      ] }],
    });
    expect(frameworkProblems(bad)).toEqual([
      'X: cách tính điểm "yes" không dùng được cho loại "text"', 'Mã trùng: X', 'X: các ngưỡng phải tăng dần', 'X: ngưỡng tỉ lệ phải từ 0 đến 100', 'Mức đánh giá: các ngưỡng phải tăng dần',
    ]);
    expect(frameworkProblems({ ...safe, result: { kind: 'pass', minPercent: null, minMet: 11, mandatory: 3, passLabel: 'Đạt', failLabel: 'Không đạt' } })).toEqual([
      'Quy tắc đạt đòi 11 tiêu chí nhưng bộ chỉ có 10', 'Quy tắc đạt đòi 3 tiêu chí bắt buộc nhưng bộ chỉ có 2',
    ]);
  });
});

describe('an indicator\'s own levels (its sub-scale)', () => {
  const withLevels = (levels: { code: string; label: string; min: number | null; inclusive?: boolean }[], at = 2) => {
    const def = structuredClone(dx);
    def.groups[0]!.indicators[at]!.levels = levels.map((l) => ({ inclusive: true, requiresMandatory: false, ...l }));
    return def;
  };
  it('the level its live points reach, by the same rule as the result\'s levels', () => {
    const a3 = dx.groups[0]!.indicators[2]!;
    const level = (answers: Record<string, { value: boolean }>) => indicatorLevel(a3, scoreAssessment(dx, answers).indicators);
    expect(level({})).toEqual({ code: '1', label: 'Mức 1' });
    expect(level({ A3a: { value: true } })).toEqual({ code: '1', label: 'Mức 1' });
    // 20 points: "Mức 3" is above 20, not at it; 25 (capped at the maximum) reaches it
    expect(level({ A3b: { value: true } })).toEqual({ code: '2', label: 'Mức 2' });
    expect(level({ A3a: { value: true }, A3b: { value: true } })).toEqual({ code: '3', label: 'Mức 3' });
    // without a sub-scale there is no level
    expect(indicatorLevel(dx.groups[0]!.indicators[1]!, scoreAssessment(dx, {}).indicators)).toBeNull();
  });
  it('a level that asks for the mandatory conditions needs every mandatory part met', () => {
    const def = structuredClone(dx);
    const a3 = def.groups[0]!.indicators[2]!;
    a3.parts![0]!.mandatory = true;
    a3.levels![1]!.requiresMandatory = true;
    a3.levels![2]!.requiresMandatory = true;
    expect(indicatorLevel(a3, scoreAssessment(def, { A3b: { value: true } }).indicators)?.label).toBe('Mức 1');
    expect(indicatorLevel(a3, scoreAssessment(def, { A3a: { value: true }, A3b: { value: true } }).indicators)?.label).toBe('Mức 3');
  });
  it('thresholds must increase and stay within the indicator\'s maximum; each problem names its field', () => {
    expect(frameworkFieldProblems(dx)).toEqual([]);
    // A3 earns at most 25
    expect(frameworkFieldProblems(withLevels([{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: 20 }, { code: '3', label: 'Mức 3', min: 10 }]))).toEqual([
      { path: 'groups.0.indicators.2.levels.2.min', message: 'A3: các ngưỡng phải tăng dần' },
    ]);
    expect(frameworkFieldProblems(withLevels([{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: 25 }, { code: '3', label: 'Mức 3', min: 26 }]))).toEqual([
      { path: 'groups.0.indicators.2.levels.2.min', message: 'A3: ngưỡng của mức "Mức 3" phải từ 0 đến 25' },
    ]);
    expect(frameworkFieldProblems(withLevels([{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: -1 }]))).toEqual([
      { path: 'groups.0.indicators.2.levels.1.min', message: 'A3: ngưỡng của mức "Mức 2" phải từ 0 đến 25' },
    ]);
    expect(frameworkFieldProblems(withLevels([{ code: '1', label: 'Mức 1', min: 5 }, { code: '1', label: 'Mức 2', min: 10 }]))).toEqual([
      { path: 'groups.0.indicators.2.levels.0.min', message: 'A3: mức thấp nhất không có ngưỡng (min: null)' },
      { path: 'groups.0.indicators.2.levels.1.code', message: 'A3: mã mức trùng' },
    ]);
    // a threshold cleared in the editor (null past the lowest) is out of order
    expect(frameworkFieldProblems(withLevels([{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: null }])).map((p) => p.path)).toEqual(['groups.0.indicators.2.levels.1.min']);
    // the scale of an indicator without parts is what its rule can earn (B1: 80 points by bands)
    const b = structuredClone(dx);
    b.groups[1]!.indicators[0]!.levels = [{ code: '1', label: 'Thấp', min: null, inclusive: true, requiresMandatory: false }, { code: '2', label: 'Cao', min: 81, inclusive: true, requiresMandatory: false }];
    expect(frameworkFieldProblems(b)).toEqual([{ path: 'groups.1.indicators.0.levels.1.min', message: 'B1: ngưỡng của mức "Cao" phải từ 0 đến 80' }]);
    // a part's own levels, and no levels at all (an empty list) is no sub-scale
    const part = structuredClone(dx);
    part.groups[0]!.indicators[2]!.parts![1]!.levels = [{ code: '1', label: 'Chưa', min: null, inclusive: true, requiresMandatory: false }, { code: '2', label: 'Có', min: 30, inclusive: true, requiresMandatory: false }];
    part.groups[1]!.indicators[0]!.levels = [];
    expect(frameworkFieldProblems(part)).toEqual([{ path: 'groups.0.indicators.2.parts.1.levels.1.min', message: 'A3b: ngưỡng của mức "Có" phải từ 0 đến 20' }]);
    // the result's levels name their fields the same way
    expect(frameworkFieldProblems({ ...dx, result: { kind: 'levels', per: 'group', outOf: 100, levels: [{ code: '1', label: 'a', min: null, inclusive: true, requiresMandatory: false }, { code: '2', label: 'b', min: 101, inclusive: true, requiresMandatory: false }] } }))
      .toEqual([{ path: 'result.levels.1.min', message: 'Mức đánh giá: ngưỡng của mức "b" phải từ 0 đến 100' }]);
    expect(frameworkProblems(withLevels([{ code: '1', label: 'Mức 1', min: null }, { code: '2', label: 'Mức 2', min: 20 }, { code: '3', label: 'Mức 3', min: 10 }]))).toEqual(['A3: các ngưỡng phải tăng dần']);
  });
});

describe('an assessment\'s lifecycle and its campaign window', () => {
  it('submits, returns with a reason, approves, unlocks with a reason', () => {
    expect(assessmentTransition('draft', 'submit')).toEqual({ to: 'submitted' });
    expect(assessmentTransition('returned', 'submit')).toEqual({ to: 'submitted' });
    expect(assessmentTransition('submitted', 'return', { reason: 'Thiếu minh chứng' })).toEqual({ to: 'returned' });
    expect(assessmentTransition('submitted', 'approve')).toEqual({ to: 'approved' });
    expect(assessmentTransition('approved', 'unlock', { reason: 'Sai số liệu' })).toEqual({ to: 'submitted' });
  });
  it('refuses the rest, with the reason', () => {
    expect(assessmentTransition('draft', 'submit', { unanswered: 2 })).toEqual({ error: 'Còn 2 chỉ số bắt buộc chưa trả lời' });
    expect(assessmentTransition('submitted', 'submit')).toHaveProperty('error');
    expect(assessmentTransition('submitted', 'return', { reason: ' ' })).toEqual({ error: 'Cần nêu lý do trả lại' });
    expect(assessmentTransition('approved', 'approve')).toEqual({ error: 'Chỉ phê duyệt được bản tự đánh giá đang chờ thẩm định (hiện: "Đã phê duyệt")' });
    expect(assessmentTransition('approved', 'unlock')).toEqual({ error: 'Cần nêu lý do mở khóa' });
    expect(assessmentTransition('draft', 'unlock', { reason: 'x' })).toHaveProperty('error');
  });
  it('a window in order; public from its publication day', () => {
    const w = { opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-20', publishOn: '2026-06-20' };
    expect(windowProblem(w)).toBeNull();
    expect(windowProblem({ ...w, selfDueOn: '2026-03-01' })).toBe('Hạn tự đánh giá phải sau ngày mở');
    expect(windowProblem({ ...w, publishOn: '2026-06-19' })).toBe('Ngày công bố phải sau hạn thẩm định');
    expect(isPublished(w, '2026-06-19')).toBe(false);
    expect(isPublished(w, '2026-06-20')).toBe(true);
    expect(isOpen(w, '2026-03-31')).toBe(false);
    expect(isOpen(w, '2026-06-01')).toBe(true);
    expect(isOpen(w, '2026-06-20')).toBe(true);
    expect(isOpen(w, '2026-06-21')).toBe(false);
  });
});
