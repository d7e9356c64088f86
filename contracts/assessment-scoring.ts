/**
 * How indicator frameworks score, shared by the server and the web (pure TypeScript, no I/O):
 * how each indicator's answer scores, the maxima, the level of a group or of the whole (Quyết định
 * 4725/QĐ-BGDĐT: per group of 100 points, "Chưa đáp ứng" < 50, "Đáp ứng cơ bản" 50–75, "Đáp ứng
 * tốt" > 75), the pass rules of the safe-school circulars ("Đạt" = at least 80% of criteria and
 * every mandatory one, Thông tư 18/2023; at least 40 criteria including 20 mandatory, Thông tư
 * 45/2021), and what makes a definition unsound. The server saves the scores computed here; the
 * self-assessment page computes the same ones as the answers are typed.
 */
import type {
  AnswerValue, FrameworkDefinition, GroupDef, IndicatorDef, LevelRule, ResultRule, Score,
} from './assessments.js';
import { prefillProblem } from './assessment-prefill.js';

/** Points are kept to two decimals so that 75.01 stays above 75 and sums do not drift. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

/** The most an indicator may earn: its declared maximum, or what its rule (or its parts) can give. */
export function indicatorMax(ind: IndicatorDef): number {
  if (ind.parts?.length) {
    const sum = round2(ind.parts.reduce((n, p) => n + indicatorMax(p), 0));
    return ind.max !== undefined ? Math.min(ind.max, sum) : sum;
  }
  if (ind.max !== undefined) return ind.max;
  const s = ind.scoring;
  switch (s.kind) {
    case 'yes': case 'evidence': return s.points;
    case 'bands': return Math.max(...s.bands.map((b) => b.points));
    case 'choice': return Math.max(...s.options.map((o) => o.points));
    case 'none': return 0;
  }
}

/** A group's scale: its declared maximum, or the sum of its indicators' and sub-groups' maxima. */
export function groupMax(g: GroupDef): number {
  if (g.max !== undefined) return g.max;
  return round2(g.indicators.reduce((n, i) => n + indicatorMax(i), 0) + (g.groups ?? []).reduce((n, s) => n + groupMax(s), 0));
}

/** Every indicator that is answered (an indicator with parts is answered through its parts), in order. */
export function answerable(fw: Pick<FrameworkDefinition, 'groups'>): IndicatorDef[] {
  const out: IndicatorDef[] = [];
  const walkInd = (i: IndicatorDef) => { if (i.parts?.length) i.parts.forEach(walkInd); else out.push(i); };
  const walkGroup = (g: GroupDef) => { g.indicators.forEach(walkInd); (g.groups ?? []).forEach(walkGroup); };
  fw.groups.forEach(walkGroup);
  return out;
}

/** The criteria a pass rule counts: the top indicators of every group (a criterion with parts counts once). */
export function criteria(fw: Pick<FrameworkDefinition, 'groups'>): IndicatorDef[] {
  const out: IndicatorDef[] = [];
  const walk = (g: GroupDef) => { out.push(...g.indicators); (g.groups ?? []).forEach(walk); };
  fw.groups.forEach(walk);
  return out;
}

const SCORING_OF_TYPE: Record<IndicatorDef['type'], readonly string[]> = {
  yes_no: ['yes', 'none'], number: ['bands', 'none'], percentage: ['bands', 'none'], choice: ['choice'], text: ['none'], evidence: ['evidence', 'none'],
};

/** A problem of a definition and the field it is about (`groups.0.indicators.2.levels.1.min`; empty: the definition as a whole). */
export interface FrameworkProblem { path: string; message: string }

/**
 * What is wrong with a framework definition beyond its shape: duplicate codes, a rule that does
 * not fit the type, bands or levels out of order, a level's threshold past its scale (the result's
 * `outOf`, or the indicator's own maximum for an indicator's sub-scale), a percentage band past
 * 100. Each problem names its field where it has one. Empty: it is sound.
 */
export function frameworkFieldProblems(fw: FrameworkDefinition): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (message: string, path = '') => { problems.push({ path, message }); };
  const seen = new Set<string>();
  const code = (c: string) => { if (seen.has(c)) add(`Mã trùng: ${c}`); seen.add(c); };
  const ascending = (xs: (number | null)[], what: string, at = (_: number) => '') => {
    for (let i = 1; i < xs.length; i++) if ((xs[i] ?? -Infinity) <= (xs[i - 1] ?? -Infinity)) add(`${what}: các ngưỡng phải tăng dần`, at(i));
  };
  const levels = (ls: LevelRule[], what: string, path: string, outOf?: number) => {
    if (ls[0]?.min !== null) add(`${what}: mức thấp nhất không có ngưỡng (min: null)`, `${path}.0.min`);
    ascending(ls.map((l) => l.min), what, (i) => `${path}.${i}.min`);
    const codes = new Set<string>();
    ls.forEach((l, i) => { if (codes.has(l.code)) add(`${what}: mã mức trùng`, `${path}.${i}.code`); codes.add(l.code); });
    ls.forEach((l, i) => {
      if (outOf !== undefined && l.min !== null && (l.min < 0 || l.min > outOf)) add(`${what}: ngưỡng của mức "${l.label}" phải từ 0 đến ${outOf}`, `${path}.${i}.min`);
    });
  };
  const ind = (i: IndicatorDef, path: string) => {
    code(i.code);
    if (i.parts?.length) { i.parts.forEach((p, n) => { ind(p, `${path}.parts.${n}`); }); }
    else if (!SCORING_OF_TYPE[i.type].includes(i.scoring.kind)) add(`${i.code}: cách tính điểm "${i.scoring.kind}" không dùng được cho loại "${i.type}"`);
    if (i.scoring.kind === 'bands') {
      ascending(i.scoring.bands.map((b) => b.from), i.code);
      if (i.type === 'percentage' && i.scoring.bands.some((b) => b.from < 0 || b.from > 100)) add(`${i.code}: ngưỡng tỉ lệ phải từ 0 đến 100`);
    }
    if (i.scoring.kind === 'choice' && new Set(i.scoring.options.map((o) => o.value)).size !== i.scoring.options.length) add(`${i.code}: lựa chọn trùng`);
    // the indicator's own sub-scale (Level 1/2/3 of its points): thresholds within what it may earn; none when empty
    if (i.levels?.length) levels(i.levels, i.code, `${path}.levels`, indicatorMax(i));
    const prefill = prefillProblem(i);
    if (prefill) add(prefill);
  };
  const group = (g: GroupDef, path: string) => {
    code(g.code);
    if (!g.indicators.length && !g.groups?.length) add(`Nhóm ${g.code} chưa có chỉ số nào`);
    g.indicators.forEach((i, n) => { ind(i, `${path}.indicators.${n}`); });
    (g.groups ?? []).forEach((s, n) => { group(s, `${path}.groups.${n}`); });
  };
  fw.groups.forEach((g, n) => { group(g, `groups.${n}`); });
  if (fw.result.kind === 'levels') levels(fw.result.levels, 'Mức đánh giá', 'result.levels', fw.result.outOf);
  if (fw.result.kind === 'pass') {
    if (fw.result.minPercent === null && fw.result.minMet === null) add('Quy tắc đạt cần tỉ lệ hoặc số tiêu chí tối thiểu');
    if (fw.result.passLabel.trim() === '' || fw.result.failLabel.trim() === '' || fw.result.passLabel.trim() === fw.result.failLabel.trim()) add('Quy tắc đạt cần hai nhãn khác nhau cho "đạt" và "không đạt"');
    const c = criteria(fw);
    if (fw.result.minMet !== null && fw.result.minMet > c.length) add(`Quy tắc đạt đòi ${fw.result.minMet} tiêu chí nhưng bộ chỉ có ${c.length}`);
    const m = c.filter((i) => i.mandatory).length;
    if (typeof fw.result.mandatory === 'number' && fw.result.mandatory > m) add(`Quy tắc đạt đòi ${fw.result.mandatory} tiêu chí bắt buộc nhưng bộ chỉ có ${m}`);
  }
  return problems;
}

/** The problems' messages alone (see `frameworkFieldProblems`). */
export const frameworkProblems = (fw: FrameworkDefinition): string[] => frameworkFieldProblems(fw).map((p) => p.message);

/** Whether a value is an acceptable answer to the indicator; the reason in Vietnamese if not. */
export function answerProblem(ind: IndicatorDef, value: AnswerValue): string | null {
  if (value === null) return null;
  switch (ind.type) {
    case 'yes_no': return typeof value === 'boolean' ? null : 'Cần chọn Có hoặc Không';
    case 'number': return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e9 ? null : 'Cần nhập một số không âm';
    case 'percentage': return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? null : 'Tỉ lệ phải từ 0 đến 100';
    case 'choice':
      return typeof value === 'string' && ind.scoring.kind === 'choice' && ind.scoring.options.some((o) => o.value === value) ? null : 'Lựa chọn không có trong thang đánh giá';
    case 'text': return typeof value === 'string' ? null : 'Cần nhập nội dung';
    case 'evidence': return typeof value === 'string' ? null : 'Chỉ số này chỉ cần minh chứng';
  }
}

/** An answer as the rules read it: the value, the evidence attached, and the reviewer's points if any. */
export interface Answer { value: AnswerValue; evidenceCount?: number; reviewedPoints?: number | null }
export type Answers = ReadonlyMap<string, Answer> | Record<string, Answer | undefined>;
const get = (a: Answers, code: string): Answer | undefined => (a instanceof Map ? a.get(code) : (a as Record<string, Answer | undefined>)[code]);

/** The points an answer earns by the indicator's rule (the school's own claim), within the maximum. */
export function selfPoints(ind: IndicatorDef, a: Answer | undefined): number {
  const v = a?.value ?? null;
  const s = ind.scoring;
  let p = 0;
  switch (s.kind) {
    case 'yes': p = v === true ? s.points : 0; break;
    case 'evidence': p = (a?.evidenceCount ?? 0) > 0 ? s.points : 0; break;
    case 'bands': {
      if (typeof v !== 'number') break;
      for (const b of s.bands) if (v >= b.from) p = b.points;
      break;
    }
    case 'choice': p = s.options.find((o) => o.value === v)?.points ?? 0; break;
    case 'none': p = 0;
  }
  return Math.min(p, indicatorMax(ind));
}

/** Whether an answered indicator's condition holds, from its value alone (for rules without points). */
function valueMet(ind: IndicatorDef, a: Answer | undefined): boolean {
  const v = a?.value ?? null;
  switch (ind.type) {
    case 'yes_no': return v === true;
    case 'evidence': return (a?.evidenceCount ?? 0) > 0;
    case 'text': return typeof v === 'string' && v.trim().length > 0;
    default: return v !== null && v !== '';
  }
}

export interface IndicatorScore { points: number; max: number; met: boolean; selfPoints: number }

/**
 * The score of one indicator. `reviewed`: the reviewer's points replace the school's where the
 * reviewer set them (the school's claim is kept beside). A criterion is met when its points reach
 * `passAt` (or are above zero); one that earns no points (a mandatory condition) when its value holds.
 */
export function scoreIndicator(ind: IndicatorDef, answers: Answers, reviewed: boolean): IndicatorScore {
  const max = indicatorMax(ind);
  let own: number; let points: number; let byValue: boolean;
  if (ind.parts?.length) {
    const parts = ind.parts.map((p) => scoreIndicator(p, answers, reviewed));
    own = Math.min(max, round2(parts.reduce((n, p) => n + p.selfPoints, 0)));
    points = Math.min(max, round2(parts.reduce((n, p) => n + p.points, 0)));
    byValue = parts.every((p) => p.met);
  } else {
    const a = get(answers, ind.code);
    own = selfPoints(ind, a);
    const r = reviewed ? a?.reviewedPoints : null;
    points = r !== null && r !== undefined ? Math.max(0, Math.min(max, round2(r))) : own;
    byValue = valueMet(ind, a);
  }
  const met = max > 0 ? (ind.passAt !== undefined ? points >= ind.passAt : points > 0) : byValue;
  return { points, max, met, selfPoints: own };
}

/** The level a score reaches: the highest whose threshold it reaches, skipping those that need every mandatory condition when one failed. */
export function levelOf(levels: readonly LevelRule[], score: number, mandatoryMet: boolean): LevelRule {
  let reached = levels[0]!;
  for (const l of levels) {
    const reaches = l.min === null || (l.inclusive ? score >= l.min : score > l.min);
    if (reaches && (!l.requiresMandatory || mandatoryMet)) reached = l;
  }
  return reached;
}

/**
 * The level an indicator's own points reach on its sub-scale (`levels` of the indicator: Level
 * 1/2/3), from the indicators' scores of `scoreAssessment`; null when it has no sub-scale. A level
 * that asks for the mandatory conditions needs every mandatory part of the indicator met.
 */
export function indicatorLevel(ind: IndicatorDef, scores: Readonly<Record<string, IndicatorScore>>): { code: string; label: string } | null {
  if (!ind.levels?.length) return null;
  const mandatoryMet = (ind.parts ?? []).every((p) => !p.mandatory || scores[p.code]?.met === true);
  const l = levelOf(ind.levels, scores[ind.code]?.points ?? 0, mandatoryMet);
  return { code: l.code, label: l.label };
}

export interface GroupScore { code: string; name: string; points: number; max: number; scaled: number; level: { code: string; label: string } | null; mandatoryFailed: string[] }
export interface AssessmentScore {
  points: number; max: number;
  groups: GroupScore[];
  indicators: Record<string, IndicatorScore>;
  /** the codes of mandatory conditions not met */
  mandatoryFailed: string[];
  /** the result: the level reached overall (the lowest group's level when judged per group), or pass/fail */
  result: { code: string; label: string };
  /** pass rules: criteria met and counted */
  criteria?: { met: number; total: number; mandatoryMet: number; mandatoryTotal: number; percent: number };
}

/** A score scaled to the rule's scale (a group of 100 points is read as it is). */
const scale = (points: number, max: number, outOf: number) => (max <= 0 ? 0 : max === outOf ? points : round2((points * outOf) / max));

/**
 * Score an assessment by its framework's rules: every indicator, each top group (its points capped
 * at its scale), the mandatory conditions, and the result by levels or by the pass rule.
 */
export function scoreAssessment(fw: Pick<FrameworkDefinition, 'groups' | 'result'>, answers: Answers, opts: { reviewed?: boolean } = {}): AssessmentScore {
  const reviewed = opts.reviewed ?? false;
  const indicators: Record<string, IndicatorScore> = {};
  const scoreInd = (i: IndicatorDef): IndicatorScore => {
    const s = scoreIndicator(i, answers, reviewed);
    indicators[i.code] = s;
    i.parts?.forEach((p) => { indicators[p.code] = scoreIndicator(p, answers, reviewed); });
    return s;
  };
  const walk = (g: GroupDef): { points: number; failed: string[] } => {
    let points = 0; const failed: string[] = [];
    for (const i of g.indicators) {
      const s = scoreInd(i);
      points += s.points;
      if (i.mandatory && !s.met) failed.push(i.code);
    }
    for (const sub of g.groups ?? []) { const s = walk(sub); points += s.points; failed.push(...s.failed); }
    return { points: Math.min(round2(points), groupMax(g)), failed };
  };
  const rule: ResultRule = fw.result;
  const groups: GroupScore[] = fw.groups.map((g) => {
    const { points, failed } = walk(g);
    const max = groupMax(g);
    const outOf = rule.kind === 'levels' ? rule.outOf : 100;
    const scaled = scale(points, max, outOf);
    const level = rule.kind === 'levels' && rule.per === 'group' ? levelOf(rule.levels, scaled, failed.length === 0) : null;
    return { code: g.code, name: g.name, points, max, scaled, level: level && { code: level.code, label: level.label }, mandatoryFailed: failed };
  });
  const points = round2(groups.reduce((n, g) => n + g.points, 0));
  const max = round2(groups.reduce((n, g) => n + g.max, 0));
  const mandatoryFailed = groups.flatMap((g) => g.mandatoryFailed);
  if (rule.kind === 'levels') {
    let result: LevelRule;
    if (rule.per === 'overall') result = levelOf(rule.levels, scale(points, max, rule.outOf), mandatoryFailed.length === 0);
    else {
      const order = rule.levels.map((l) => l.code);
      result = rule.levels[Math.min(...groups.map((g) => order.indexOf(g.level!.code)))]!;
    }
    return { points, max, groups, indicators, mandatoryFailed, result: { code: result.code, label: result.label } };
  }
  const all = criteria(fw);
  const met = all.filter((i) => indicators[i.code]!.met).length;
  const mandatory = all.filter((i) => i.mandatory);
  const mandatoryMet = mandatory.filter((i) => indicators[i.code]!.met).length;
  const total = all.length;
  // integer comparison: 16 of 20 is exactly 80%, no float in the way
  const shareOk = rule.minPercent === null || met * 100 >= rule.minPercent * total;
  const countOk = rule.minMet === null || met >= rule.minMet;
  const mandatoryOk = rule.mandatory === 'all' ? mandatoryMet === mandatory.length : mandatoryMet >= rule.mandatory;
  const passed = total > 0 && shareOk && countOk && mandatoryOk;
  return {
    points, max, groups, indicators, mandatoryFailed,
    result: passed ? { code: 'dat', label: rule.passLabel } : { code: 'khong_dat', label: rule.failLabel },
    criteria: { met, total, mandatoryMet, mandatoryTotal: mandatory.length, percent: total ? round2((met * 100) / total) : 0 },
  };
}

/** The result's codes in order, lowest first (for distributions and rankings). */
export function resultCodes(rule: ResultRule): { code: string; label: string }[] {
  return rule.kind === 'levels' ? rule.levels.map((l) => ({ code: l.code, label: l.label })) : [{ code: 'khong_dat', label: rule.failLabel }, { code: 'dat', label: rule.passLabel }];
}

/** A score as the API answers it (contracts' `Score`): what the server saves and what the web shows live. */
export function toScore(s: AssessmentScore): Score {
  return {
    points: s.points, max: s.max, result: s.result,
    groups: s.groups.map((g) => ({ code: g.code, name: g.name, points: g.points, max: g.max, level: g.level })),
    mandatoryFailed: s.mandatoryFailed, criteria: s.criteria ?? null,
  };
}

/**
 * The school's own score of the answers as they stand (saved or being typed) and the evidence
 * attached, indicator by indicator: the self-assessment page calls it on every keystroke, the
 * server scores the saved answers by the same rules (a test holds the two equal on the demo
 * assessments). `selfScoreOf` is the same as the API's `Score`.
 */
export function liveSelfScore(fw: Pick<FrameworkDefinition, 'groups' | 'result'>, answers: readonly { code: string; value: AnswerValue }[], evidence: readonly { code: string }[]): AssessmentScore {
  const m = new Map<string, Answer>();
  const counts = new Map<string, number>();
  for (const e of evidence) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  for (const a of answers) m.set(a.code, { value: a.value ?? null, evidenceCount: counts.get(a.code) ?? 0 });
  for (const [code, n] of counts) if (!m.has(code)) m.set(code, { value: null, evidenceCount: n });
  return scoreAssessment(fw, m);
}
export const selfScoreOf = (fw: Pick<FrameworkDefinition, 'groups' | 'result'>, answers: readonly { code: string; value: AnswerValue }[], evidence: readonly { code: string }[]): Score =>
  toScore(liveSelfScore(fw, answers, evidence));
