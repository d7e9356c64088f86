/**
 * Answers prefilled from a school's facility survey (plan 29's survey of water, toilets, hygiene):
 * an indicator of a framework that asks what the survey already asked carries
 * `prefill: { survey: 'facility', question, yesWhen? }`; the school fills its empty answers from
 * its latest survey in one click, and each answer filled so says where it came from. Pure rules
 * here (shared by the server and the web); the routes at the end.
 */
import { z } from 'zod';
import { HANDWASHING, SERVICE_LEVELS, WATER_SOURCES } from './surveys.js';
import { endpoint, Id } from './http.js';

/** The survey's questions an indicator may take its answer from, and the kind of their answers. */
export const PREFILL_QUESTIONS = {
  waterService: SERVICE_LEVELS, sanitationService: SERVICE_LEVELS, hygieneService: SERVICE_LEVELS,
  waterSource: WATER_SOURCES, handwashing: HANDWASHING,
  waterAvailable: 'boolean', toiletsImproved: 'boolean', toiletsSingleSex: 'boolean', toiletsUsable: 'boolean', kitchen: 'boolean',
  toiletsTotal: 'count', toiletsStandard: 'count',
} as const satisfies Record<string, readonly string[] | 'boolean' | 'count'>;
export type PrefillQuestion = keyof typeof PREFILL_QUESTIONS;
const QUESTION_KEYS = Object.keys(PREFILL_QUESTIONS) as [PrefillQuestion, ...PrefillQuestion[]];

export const FacilityPrefillRule = z.object({
  survey: z.literal('facility'),
  question: z.enum(QUESTION_KEYS),
  /** for a yes/no indicator and a question answered by a choice: the answers that mean "yes" */
  yesWhen: z.array(z.string().max(40)).min(1).max(10).optional(),
});
export type FacilityPrefillRule = z.infer<typeof FacilityPrefillRule>;

/**
 * A managing body's percentage indicator taken from its schools' results (Quyết định 3806: the
 * schools' results count in the Department's score): the share of the schools of its province in
 * the campaigns of `framework` of the same year whose approved result is one of `results`.
 */
export const SchoolsPrefillRule = z.object({
  survey: z.literal('schools'),
  framework: z.string().regex(/^[a-z0-9-]{3,40}$/),
  /** the result codes that count (e.g. '3' for "Đáp ứng tốt"; '2' and '3' for at least "Đáp ứng cơ bản") */
  results: z.array(z.string().min(1).max(20)).min(1).max(10),
});
export type SchoolsPrefillRule = z.infer<typeof SchoolsPrefillRule>;

export const PrefillRule = z.discriminatedUnion('survey', [FacilityPrefillRule, SchoolsPrefillRule]);
export type PrefillRule = z.infer<typeof PrefillRule>;

/** The share (percent, two decimals) of `count` schools out of `total`; null: no school to count. */
export function schoolShare(count: number, total: number): number | null {
  return total > 0 ? Math.round((10000 * count) / total) / 100 : null;
}

/** The survey's answers by question (a facility survey as the API names its fields). */
export type SurveyAnswers = Partial<Record<PrefillQuestion, string | number | boolean>>;

/**
 * The answer an indicator takes from the survey: for yes/no, the survey's yes (or whether its
 * choice is one of `yesWhen`); for a number, the survey's count. Undefined: no answer to take.
 */
export function prefillValue(ind: { type: string; prefill?: PrefillRule | undefined }, survey: SurveyAnswers): boolean | number | undefined {
  const rule = ind.prefill;
  if (rule?.survey !== 'facility') return undefined;
  const a = survey[rule.question];
  if (a === undefined || a === null) return undefined;
  if (ind.type === 'yes_no') return rule.yesWhen ? rule.yesWhen.includes(String(a)) : typeof a === 'boolean' ? a : undefined;
  if (ind.type === 'number') return typeof a === 'number' ? a : undefined;
  return undefined;
}

/** What is wrong with an indicator's prefill rule (the framework checks call it); null: sound. */
export function prefillProblem(ind: { code: string; type: string; prefill?: PrefillRule | undefined }): string | null {
  const rule = ind.prefill;
  if (!rule) return null;
  if (rule.survey === 'schools') return ind.type === 'percentage' ? null : `${ind.code}: chỉ chỉ số tỉ lệ mới điền được từ kết quả của các trường`;
  const kind = PREFILL_QUESTIONS[rule.question];
  if (ind.type === 'yes_no') {
    if (kind === 'count') return `${ind.code}: câu hỏi "${rule.question}" của khảo sát là một số, không điền được chỉ số có/không`;
    if (Array.isArray(kind) && !rule.yesWhen) return `${ind.code}: cần nêu các câu trả lời khảo sát được tính là "có" (yesWhen)`;
    if (Array.isArray(kind) && rule.yesWhen!.some((v) => !kind.includes(v))) return `${ind.code}: câu trả lời trong yesWhen không có trong khảo sát`;
    return null;
  }
  if (ind.type === 'number') return kind === 'count' ? null : `${ind.code}: chỉ điền được số từ một câu hỏi số của khảo sát`;
  return `${ind.code}: chỉ chỉ số có/không hoặc số mới điền được từ khảo sát`;
}

/** One indicator that can be filled from the survey. */
export const PrefillItem = z.object({
  code: z.string(),
  question: z.enum(QUESTION_KEYS),
  /** the survey's answer to the question (a choice, yes/no or a count) */
  answer: z.union([z.string(), z.number(), z.boolean()]),
  /** the indicator's answer it gives */
  value: z.union([z.boolean(), z.number()]),
  /** when the saved answer was filled from the survey and still is what the survey gave; null otherwise */
  filledAt: z.string().nullable(),
  /** the school year of the survey it was filled from (null: not filled from it) */
  filledFrom: z.string().nullable(),
});
export type PrefillItem = z.infer<typeof PrefillItem>;

/** One indicator of a managing body filled from its schools' results: "x of y schools". */
export const SchoolsPrefillItem = z.object({
  code: z.string(),
  framework: z.string(),
  /** the year of the schools' campaigns (the assessment's own year) */
  year: z.number(),
  results: z.array(z.string()),
  /** the schools of the province in those campaigns whose approved result is one of `results`, and all of them */
  count: z.number().int(), total: z.number().int(),
  /** the share it gives (percent); null: no school to count */
  value: z.number().nullable(),
  filledAt: z.string().nullable(),
  /** the year of the schools' results it was filled from (null: not filled from them, or changed since) */
  filledFrom: z.string().nullable(),
});
export type SchoolsPrefillItem = z.infer<typeof SchoolsPrefillItem>;

export const PrefillView = z.object({
  /** the school's latest facility survey; null: it has none (or the framework asks nothing of it) */
  survey: z.object({ schoolYear: z.string(), updatedAt: z.string() }).nullable(),
  items: z.array(PrefillItem),
  /** the indicators taken from the results of the schools the organisation manages */
  schools: z.array(SchoolsPrefillItem),
});
export type PrefillView = z.infer<typeof PrefillView>;

const tags = ['Đánh giá theo bộ chỉ số'] as const;

export const assessmentPrefillApi = {
  prefill: endpoint({
    method: 'GET', path: '/api/v1/assessments/:id/prefill', tags,
    summary: 'Các chỉ số điền được từ khảo sát cơ sở vật chất gần nhất của trường (hoặc, với sở, từ kết quả được duyệt của các trường trong tỉnh cùng năm), và những câu trả lời đã điền từ đó',
    params: Id, responses: { 200: PrefillView },
  }),
  applyPrefill: endpoint({
    method: 'POST', path: '/api/v1/assessments/:id/prefill', tags,
    summary: 'Điền các câu trả lời còn trống từ khảo sát cơ sở vật chất gần nhất hoặc từ kết quả của các trường (không ghi đè câu đã trả lời); ghi lại nguồn của từng câu',
    params: Id, body: z.object({}).strict(), responses: { 200: PrefillView },
  }),
};
