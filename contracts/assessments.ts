/**
 * Indicator frameworks and yearly assessments (bộ chỉ số đánh giá): digital transformation of
 * schools (Quyết định 4725/QĐ-BGDĐT), safe schools (Thông tư 18/2023/TT-BGDĐT, 45/2021/TT-BGDĐT),
 * school social work (Quyết định 4969, nhiệm vụ 2d). A framework is versioned by year: a tree of
 * groups and indicators with their scoring rules and the levels or pass rule of its result.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS } from './common.js';
import { PrefillRule } from './assessment-prefill.js';
import { endpoint, ExportFormat, HttpUrl, Id, IsoDate, ItemList, Page, pageQuery, ProvinceCode, uuid } from './http.js';

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
  /** the facility survey's question that answers the same thing (assessment-prefill.ts) */
  prefill?: PrefillRule | undefined;
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
    prefill: PrefillRule.optional(),
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

// ---------------------------------------------------------------------------------------------
// The API

export const ASSESSMENT_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];
export const ASSESSMENT_ACTIONS = ['submit', 'return', 'approve', 'unlock'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

export const FrameworkVersion = z.object({
  id: z.string(), frameworkId: z.string(), key: z.string(), name: z.string(), basis: z.string(),
  version: z.number(), year: z.number(), state: z.enum(['draft', 'published', 'retired']),
  /** false: some indicators are provisional (see the provenance) */
  complete: z.boolean(), indicatorCount: z.number(), provisionalCount: z.number(),
  publishedAt: z.string().nullable(),
  /** which organisations it assesses: a campaign form offers a version only to those who may open it for them */
  appliesTo: z.object({ kinds: z.array(z.enum(ORG_TARGETS)), schoolLevels: z.array(z.enum(SCHOOL_LEVELS)) }),
});
export type FrameworkVersion = z.infer<typeof FrameworkVersion>;
export const FrameworkVersionDetail = FrameworkVersion.extend({
  definition: FrameworkDefinition,
  can: z.object({ publish: z.boolean() }),
});
export type FrameworkVersionDetail = z.infer<typeof FrameworkVersionDetail>;

const ResultRef = z.object({ code: z.string(), label: z.string() });
export const GroupResult = z.object({ code: z.string(), name: z.string(), points: z.number(), max: z.number(), level: ResultRef.nullable() });
export type GroupResult = z.infer<typeof GroupResult>;
/** A score as computed by the framework's rules. */
export const Score = z.object({
  points: z.number(), max: z.number(), result: ResultRef, groups: z.array(GroupResult), mandatoryFailed: z.array(z.string()),
  criteria: z.object({ met: z.number(), total: z.number(), mandatoryMet: z.number(), mandatoryTotal: z.number(), percent: z.number() }).nullable(),
});
export type Score = z.infer<typeof Score>;

export const CampaignWindowInput = z.object({ opensOn: IsoDate, selfDueOn: IsoDate, reviewDueOn: IsoDate, publishOn: IsoDate });

export const Campaign = z.object({
  id: z.string(), title: z.string(), year: z.number(),
  versionId: z.string(), frameworkKey: z.string(), frameworkName: z.string(), complete: z.boolean(),
  /** null: the whole country */
  provinceCode: z.string().nullable(), provinceName: z.string().nullable(),
  scopeKinds: z.array(z.enum(ORG_TARGETS)), scopeLevels: z.array(z.enum(SCHOOL_LEVELS)),
  ownerId: z.string(), ownerName: z.string(),
  opensOn: z.string(), selfDueOn: z.string(), reviewDueOn: z.string(), publishOn: z.string(),
  published: z.boolean(),
  /** assessments of the campaign within the reader's scope, by state */
  counts: z.object({ total: z.number(), draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number() }),
  /** the reader's own assessment in it (a school, a Department), if any */
  ownAssessmentId: z.string().nullable(),
  /** who reviews the schools: the Department, or the commune for the schools of the levels it manages */
  reviewerLevel: z.enum(['department', 'commune']).default('department'),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignInput = CampaignWindowInput.extend({
  versionId: uuid(),
  year: z.number().int().min(2020).max(2100),
  title: z.string().trim().min(3, 'Tên đợt đánh giá quá ngắn').max(300),
  /** the province whose organisations are assessed; omitted: every province (the Ministry only) */
  provinceCode: ProvinceCode.nullable().optional(),
  kinds: z.array(z.enum(ORG_TARGETS)).min(1).max(3),
  /** for schools: the levels in scope (a school is in when it has one of them); empty: every level the framework applies to */
  schoolLevels: z.array(z.enum(SCHOOL_LEVELS)).max(8).default([]),
  /** who reviews the schools: the Department, or the commune for the preschools, primary and lower-secondary schools it manages */
  reviewerLevel: z.enum(['department', 'commune']).default('department'),
}).strict();
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), ...pageQuery(30, 100) });

export const AssessmentSummary = z.object({
  id: z.string(), campaignId: z.string(), campaignTitle: z.string(), year: z.number(),
  organisationId: z.string(), organisationName: z.string(), provinceCode: z.string(), communeCode: z.string().nullable(), communeName: z.string().nullable(),
  schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
  state: z.enum(ASSESSMENT_STATES), locked: z.boolean(),
  selfPoints: z.number(), selfResult: z.string().nullable(), reviewedPoints: z.number().nullable(), reviewedResult: z.string().nullable(),
  submittedAt: z.string().nullable(), decidedAt: z.string().nullable(),
  /** not submitted and past the self-assessment deadline, or submitted and past the review deadline */
  late: z.boolean(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const AssessmentListQuery = z.object({
  campaignId: uuid().optional(),
  state: z.enum(ASSESSMENT_STATES).optional(),
  provinceCode: ProvinceCode.optional(),
  late: z.enum(['true', 'false']).optional(),
  format: ExportFormat,
  ...pageQuery(50, 200),
});
export type AssessmentListQuery = z.input<typeof AssessmentListQuery>;

export const Evidence = z.object({ id: z.string(), code: z.string(), label: z.string(), url: z.string().nullable(), fileId: z.string().nullable(), fileName: z.string().nullable(), createdAt: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const AnswerOut = z.object({
  code: z.string(), value: AnswerValue, selfPoints: z.number(), reviewedPoints: z.number().nullable(), reviewerComment: z.string().nullable(),
});
export type AnswerOut = z.infer<typeof AnswerOut>;

export const AssessmentDetail = AssessmentSummary.extend({
  campaign: z.object({ opensOn: z.string(), selfDueOn: z.string(), reviewDueOn: z.string(), publishOn: z.string(), ownerName: z.string() }),
  framework: FrameworkDefinition,
  returnReason: z.string().nullable(),
  answers: z.array(AnswerOut),
  evidence: z.array(Evidence),
  selfScore: Score,
  reviewedScore: Score,
  history: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string().nullable(), at: z.string(), actor: z.string().nullable() })),
  can: z.object({ answer: z.boolean(), submit: z.boolean(), review: z.boolean(), return: z.boolean(), approve: z.boolean(), unlock: z.boolean() }),
});
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;

export const AnswersInput = z.object({
  answers: z.array(z.object({ code: z.string().min(1).max(32), value: AnswerValue })).max(500),
}).strict();
export type AnswersInput = z.input<typeof AnswersInput>;

export const ReviewInput = z.object({
  items: z.array(z.object({
    code: z.string().min(1).max(32),
    /** null: the school's points stand */
    reviewedPoints: z.number().min(0).max(1000).nullable(),
    comment: z.string().max(2000).nullable(),
  })).min(1).max(500),
}).strict();
export type ReviewInput = z.input<typeof ReviewInput>;

export const TransitionInput = z.object({
  action: z.enum(ASSESSMENT_ACTIONS, { message: 'Thao tác không hợp lệ' }),
  /** required to return and to unlock */
  reason: z.string().max(2000).nullable().optional(),
}).strict();

export const EvidenceInput = z.object({
  code: z.string().min(1).max(32),
  label: z.string().trim().min(2, 'Cần mô tả minh chứng').max(300),
  /** a link instead of a file */
  url: HttpUrl.nullable().optional(),
});

export const CompletenessRow = z.object({
  provinceCode: z.string(), provinceName: z.string(), total: z.number(),
  draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number(),
  /** not submitted, past the self-assessment deadline */
  notSubmittedLate: z.number(),
  /** submitted, past the review deadline */
  notReviewedLate: z.number(),
});
export type CompletenessRow = z.infer<typeof CompletenessRow>;

const ProvinceShare = z.object({ provinceCode: z.string(), provinceName: z.string(), counts: z.record(z.string(), z.number()), total: z.number() });
const LevelShare = z.object({ level: z.enum(SCHOOL_LEVELS), counts: z.record(z.string(), z.number()), total: z.number() });
/** The published distribution of results: by province and by school level; the same framework's campaign of the year before by province. */
export const PublicCampaign = z.object({
  id: z.string(), title: z.string(), year: z.number(), frameworkName: z.string(), basis: z.string(), complete: z.boolean(),
  provinceCode: z.string().nullable(), publishOn: z.string(),
  results: z.array(ResultRef),
  assessed: z.number(), approved: z.number(),
  byProvince: z.array(ProvinceShare),
  bySchoolLevel: z.array(LevelShare),
  /** the same framework's published campaign of the year before (same province, else national), or null */
  previous: z.object({ id: z.string(), title: z.string(), year: z.number(), results: z.array(ResultRef), byProvince: z.array(ProvinceShare) }).nullable(),
});
export type PublicCampaign = z.infer<typeof PublicCampaign>;

/** A published campaign's distribution in one province: by commune (null: organisations without a commune) and by school level. */
export const PublicCommunes = z.object({
  id: z.string(), provinceCode: z.string(), provinceName: z.string(), results: z.array(ResultRef),
  byCommune: z.array(z.object({ communeCode: z.string().nullable(), communeName: z.string().nullable(), counts: z.record(z.string(), z.number()), total: z.number() })),
  bySchoolLevel: z.array(LevelShare),
});
export type PublicCommunes = z.infer<typeof PublicCommunes>;
/** A plan task's indicator sets (the frameworks that answer it) and the real state of their campaigns. */
export const PlanTaskAssessments = z.object({
  frameworks: z.array(z.object({ key: z.string(), name: z.string(), basis: z.string(), versionId: z.string().nullable(), year: z.number().nullable() })),
  campaigns: z.array(z.object({
    id: z.string(), title: z.string(), year: z.number(), frameworkKey: z.string(), provinceCode: z.string().nullable(), provinceName: z.string().nullable(),
    opensOn: z.string(), selfDueOn: z.string(), reviewDueOn: z.string(), publishOn: z.string(),
    /** upcoming: before it opens; open: schools may answer; published: from the publication date; closed: otherwise */
    phase: z.enum(['upcoming', 'open', 'closed', 'published']),
    counts: z.object({ total: z.number(), draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number() }),
  })),
  /** how many campaigns there are (the newest 50 are listed) */
  campaignTotal: z.number(),
});
export type PlanTaskAssessments = z.infer<typeof PlanTaskAssessments>;
export const PublicCommunesQuery = z.object({ provinceCode: ProvinceCode });

export const PublicResult = z.object({
  assessmentId: z.string(), organisationId: z.string(), organisationName: z.string(), schoolCode: z.string().nullable(),
  provinceCode: z.string(), provinceName: z.string(), communeName: z.string().nullable(), schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
  points: z.number(), result: z.string(), resultLabel: z.string(), groups: z.array(GroupResult),
});
export type PublicResult = z.infer<typeof PublicResult>;
export const PublicResultDetail = PublicResult.extend({ campaignId: z.string(), campaignTitle: z.string(), year: z.number(), frameworkName: z.string() });

export const PublicResultsQuery = z.object({ provinceCode: ProvinceCode.optional(), format: ExportFormat, ...pageQuery(100, 500) });

const tags = ['Đánh giá theo bộ chỉ số'] as const;
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const assessmentsApi = {
  versions: endpoint({
    method: 'GET', path: '/api/v1/assessment-frameworks', tags,
    summary: 'Các phiên bản bộ chỉ số đã công bố (quản trị viên thấy cả bản nháp)',
    responses: { 200: ItemList(FrameworkVersion) },
  }),
  version: endpoint({
    method: 'GET', path: '/api/v1/assessment-frameworks/:id', tags,
    summary: 'Một phiên bản bộ chỉ số: nhóm, chỉ số, cách tính điểm, mức đánh giá, nguồn',
    params: Id, responses: { 200: FrameworkVersionDetail },
  }),
  createVersion: endpoint({
    method: 'POST', path: '/api/v1/assessment-frameworks', tags,
    summary: 'Quản trị viên tạo phiên bản mới (nháp) của một bộ chỉ số',
    body: z.object({ definition: FrameworkDefinition }).strict(), responses: { 201: FrameworkVersionDetail },
  }),
  publishVersion: endpoint({
    method: 'POST', path: '/api/v1/assessment-frameworks/:id/publish', tags,
    summary: 'Công bố một phiên bản: từ đó không thay đổi được nữa',
    params: Id, responses: { 200: FrameworkVersionDetail },
  }),
  campaigns: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns', tags,
    summary: 'Các đợt đánh giá trong phạm vi của tài khoản, mới nhất trước',
    query: CampaignListQuery, responses: { 200: Page(Campaign) },
  }),
  campaign: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id', tags,
    summary: 'Một đợt đánh giá: phạm vi, thời hạn, số đơn vị theo trạng thái',
    params: Id, responses: { 200: Campaign },
  }),
  openCampaign: endpoint({
    method: 'POST', path: '/api/v1/assessment-campaigns', tags,
    summary: 'Sở (các trường của tỉnh) hoặc Bộ (các Sở, hoặc cả nước) mở đợt đánh giá: tạo một bản tự đánh giá cho mỗi đơn vị trong phạm vi',
    body: CampaignInput, responses: { 201: Campaign },
  }),
  completeness: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/completeness', tags,
    summary: 'Tiến độ theo tỉnh: chưa gửi, chờ thẩm định, quá hạn',
    params: Id, responses: { 200: ItemList(CompletenessRow) },
  }),
  list: endpoint({
    method: 'GET', path: '/api/v1/assessments', tags,
    summary: 'Các bản tự đánh giá trong phạm vi của tài khoản; lọc theo đợt, trạng thái, tỉnh, quá hạn; xuất CSV/XLSX',
    query: AssessmentListQuery, responses: { 200: Page(AssessmentSummary) }, produces: ['text/csv', xlsx],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/assessments/:id', tags,
    summary: 'Một bản tự đánh giá: câu trả lời, minh chứng, điểm tự đánh giá và điểm thẩm định, lịch sử',
    params: Id, responses: { 200: AssessmentDetail },
  }),
  saveAnswers: endpoint({
    method: 'PUT', path: '/api/v1/assessments/:id/answers', tags,
    summary: 'Đơn vị lưu câu trả lời (nháp); điểm được tính lại ngay',
    params: Id, body: AnswersInput, responses: { 200: AssessmentDetail },
  }),
  addEvidence: endpoint({
    method: 'POST', path: '/api/v1/assessments/:id/evidence', tags,
    summary: 'Đính kèm minh chứng cho một chỉ số: một tệp (multipart trường "files") hoặc một đường liên kết',
    params: Id, form: EvidenceInput, responses: { 201: AssessmentDetail },
  }),
  removeEvidence: endpoint({
    method: 'DELETE', path: '/api/v1/assessments/:id/evidence/:evidenceId', tags,
    summary: 'Gỡ một minh chứng (khi còn được sửa)',
    params: z.object({ id: uuid(), evidenceId: uuid() }), responses: { 200: AssessmentDetail },
  }),
  review: endpoint({
    method: 'PUT', path: '/api/v1/assessments/:id/review', tags,
    summary: 'Cấp thẩm định nhận xét từng chỉ số và điều chỉnh điểm thẩm định (điểm tự đánh giá được giữ nguyên)',
    params: Id, body: ReviewInput, responses: { 200: AssessmentDetail },
  }),
  transition: endpoint({
    method: 'POST', path: '/api/v1/assessments/:id/transitions', tags,
    summary: 'Gửi (submit), trả lại kèm lý do (return), phê duyệt và khóa (approve), mở khóa kèm lý do (unlock)',
    params: Id, body: TransitionInput, responses: { 200: AssessmentDetail },
  }),
  publicCampaigns: endpoint({
    method: 'GET', path: '/api/v1/public/assessment-campaigns', tags,
    summary: 'Các đợt đánh giá đã đến ngày công bố',
    responses: { 200: ItemList(z.object({ id: z.string(), title: z.string(), year: z.number(), frameworkName: z.string(), provinceCode: z.string().nullable(), publishOn: z.string() })) },
  }),
  publicCampaign: endpoint({
    method: 'GET', path: '/api/v1/public/assessment-campaigns/:id', tags,
    summary: 'Kết quả công bố của một đợt: phân bố mức đánh giá theo tỉnh và cấp học (không có gì trước ngày công bố)',
    params: Id, responses: { 200: PublicCampaign },
  }),
  planTaskAssessments: endpoint({
    method: 'GET', path: '/api/v1/plan-tasks/:id/assessments', tags,
    summary: 'Bộ chỉ số mà một nhiệm vụ của kế hoạch yêu cầu, và tình hình các đợt đánh giá theo bộ chỉ số đó',
    params: Id, responses: { 200: PlanTaskAssessments },
  }),
  publicCommunes: endpoint({
    method: 'GET', path: '/api/v1/public/assessment-campaigns/:id/communes', tags,
    summary: 'Kết quả công bố của một đợt trong một tỉnh: phân bố mức đánh giá theo xã/phường và cấp học',
    params: Id, query: PublicCommunesQuery, responses: { 200: PublicCommunes },
  }),
  publicResults: endpoint({
    method: 'GET', path: '/api/v1/public/assessment-campaigns/:id/results', tags,
    summary: 'Dữ liệu mở: kết quả đã phê duyệt của từng đơn vị (JSON, CSV, XLSX); không có minh chứng',
    params: Id, query: PublicResultsQuery, responses: { 200: Page(PublicResult) }, produces: ['text/csv', xlsx],
  }),
  publicResult: endpoint({
    method: 'GET', path: '/api/v1/public/assessments/:id', tags,
    summary: 'Kết quả công bố của một đơn vị',
    params: Id, responses: { 200: PublicResultDetail },
  }),
};
