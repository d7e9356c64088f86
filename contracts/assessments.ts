/**
 * Indicator frameworks and yearly assessments (bộ chỉ số đánh giá): digital transformation of
 * schools (Quyết định 4725/QĐ-BGDĐT), safe schools (Thông tư 18/2023/TT-BGDĐT, 45/2021/TT-BGDĐT),
 * school social work (Quyết định 4969, nhiệm vụ 2d). A framework is versioned by year: a tree of
 * groups and indicators with their scoring rules and the levels or pass rule of its result.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS } from './common.js';

/** How an indicator is answered. */
export const INDICATOR_TYPES = ['yes_no', 'number', 'percentage', 'choice', 'text', 'evidence'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

const Points = z.number().min(0).max(1000);

/**
 * How an answer earns points: a fixed number for "yes" (or for evidence attached), the points of
 * the band a number falls in (the highest band whose `from` it reaches), the points of the choice,
 * or nothing (a text, or a condition that is met or not without points). An indicator with parts
 * (sub-scales) earns the sum of its parts, capped at its maximum.
 */
export const ScoringRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yes'), points: Points }),
  z.object({ kind: z.literal('bands'), bands: z.array(z.object({ from: z.number(), points: Points })).min(1) }),
  z.object({ kind: z.literal('choice'), options: z.array(z.object({ value: z.string().min(1).max(40), label: z.string().min(1).max(300), points: Points })).min(2) }),
  z.object({ kind: z.literal('evidence'), points: Points }),
  z.object({ kind: z.literal('none') }),
]);
export type ScoringRule = z.infer<typeof ScoringRule>;

/** A level of a score: reached from `min` points (of `outOf`), inclusive or not, and, when it says so, only with every mandatory condition met. */
export const LevelRule = z.object({
  code: z.string().min(1).max(20),
  label: z.string().min(1).max(120),
  /** null: the lowest level, reached by any score */
  min: z.number().nullable(),
  /** whether `min` itself reaches the level (50 reaches "Đáp ứng cơ bản"; 75 does not reach "Đáp ứng tốt") */
  inclusive: z.boolean().default(true),
  requiresMandatory: z.boolean().default(false),
});
export type LevelRule = z.infer<typeof LevelRule>;

/**
 * The result of an assessment: levels by points (per group or over the whole), or a pass rule on
 * the number of criteria met (a share of them, or a count, and the mandatory ones).
 */
export const ResultRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('levels'),
    /** judged for each top-level group (4725), or once over the total */
    per: z.enum(['group', 'overall']),
    /** thresholds are points out of this (a group scored out of another maximum is scaled to it) */
    outOf: z.number().positive().default(100),
    levels: z.array(LevelRule).min(2),
  }),
  z.object({
    kind: z.literal('pass'),
    /** at least this percentage of the criteria met (Thông tư 18/2023: 80) */
    minPercent: z.number().min(0).max(100).nullable().default(null),
    /** at least this number of criteria met (Thông tư 45/2021: 40) */
    minMet: z.number().int().min(0).nullable().default(null),
    /** mandatory criteria that must be met: 'all' or at least a number (Thông tư 45/2021: 20) */
    mandatory: z.union([z.literal('all'), z.number().int().min(0)]).default('all'),
    passLabel: z.string().default('Đạt'),
    failLabel: z.string().default('Không đạt'),
  }),
]);
export type ResultRule = z.infer<typeof ResultRule>;

export interface IndicatorDef {
  code: string;
  text: string;
  type: IndicatorType;
  mandatory: boolean;
  /** not verified against the official text: a placeholder to be replaced when it is */
  provisional: boolean;
  scoring: ScoringRule;
  /** the most it may earn; derived from the rule when absent */
  max?: number | undefined;
  /** for a criterion judged met or not: the points that meet it (default: any point, or "yes") */
  passAt?: number | undefined;
  /** what evidence it asks for */
  evidence?: string | null | undefined;
  unit?: string | null | undefined;
  /** sub-scales: the parts that are answered; the indicator earns their sum, capped at `max` */
  parts?: IndicatorDef[] | undefined;
  /** levels of this indicator's own points (a sub-scale shown as Level 1/2/3) */
  levels?: LevelRule[] | undefined;
}

const Code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/, 'Mã chỉ số không hợp lệ');

export const IndicatorDef: z.ZodType<IndicatorDef, z.input<z.ZodType<IndicatorDef>>> = z.lazy(() =>
  z.object({
    code: Code,
    text: z.string().trim().min(3).max(1000),
    type: z.enum(INDICATOR_TYPES),
    mandatory: z.boolean().default(false),
    provisional: z.boolean().default(false),
    scoring: ScoringRule,
    max: z.number().min(0).max(1000).optional(),
    passAt: z.number().min(0).optional(),
    evidence: z.string().max(1000).nullable().optional(),
    unit: z.string().max(40).nullable().optional(),
    parts: z.array(IndicatorDef).max(30).optional(),
    levels: z.array(LevelRule).optional(),
  }),
) as never;

export interface GroupDef { code: string; name: string; max?: number | undefined; indicators: IndicatorDef[]; groups?: GroupDef[] | undefined }
export const GroupDef: z.ZodType<GroupDef> = z.lazy(() =>
  z.object({
    code: Code,
    name: z.string().trim().min(2).max(300),
    /** the group's scale (4725: 100); absent: the sum of its indicators' maxima */
    max: z.number().positive().optional(),
    indicators: z.array(IndicatorDef).default([]),
    groups: z.array(GroupDef).optional(),
  }),
) as never;

export const ORG_TARGETS = ['school', 'department', 'commune'] as const;
export type OrgTarget = (typeof ORG_TARGETS)[number];

/** Where the framework and its parts come from, and how far they were checked. */
export const Provenance = z.object({
  sources: z.array(z.object({ title: z.string(), reference: z.string(), verified: z.string() })).min(1),
  /** whether every indicator is the official text; false: the file lists what is not */
  complete: z.boolean(),
  note: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

/** A framework version as shipped in data/assessments and as stored when published. */
export const FrameworkDefinition = z.object({
  key: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().min(3).max(300),
  /** the legal basis as cited (Quyết định 4725/QĐ-BGDĐT …) */
  basis: z.string().min(3).max(300),
  year: z.number().int().min(2000).max(2100),
  appliesTo: z.object({ kinds: z.array(z.enum(ORG_TARGETS)).min(1), schoolLevels: z.array(z.enum(SCHOOL_LEVELS)).default([]) }),
  result: ResultRule,
  groups: z.array(GroupDef).min(1),
  provenance: Provenance,
});
export type FrameworkDefinition = z.infer<typeof FrameworkDefinition>;
export type FrameworkDefinitionInput = z.input<typeof FrameworkDefinition>;

/** One answer: the value (by type) and how many pieces of evidence are attached. */
export const AnswerValue = z.union([z.boolean(), z.number(), z.string().max(4000), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;
