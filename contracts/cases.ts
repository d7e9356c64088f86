/**
 * School social work: confidential support cases (Thông tư 33/2018/TT-BGDĐT, replaced from
 * 31/10/2025 by Thông tư 18/2025/TT-BGDĐT). A school's counselling staff open a case from a report;
 * only the staff assigned to it read it; a referral to a provider shares what the pupil and parent
 * agreed to (or the law allows). Every read is logged.
 */
import { z } from 'zod';
import { endpoint, FileDownload, Id, IsoDate, NoContent, Page, pageQuery, ProvinceCode, uuid } from './http.js';
import { REFERRAL_CHANNELS } from './providers.js';

/** The steps of a case (Thông tư 33/2018 Art. 5–8; suggested workflow in the research notes §2.3). */
export const CASE_STEPS = ['screening', 'assessment', 'plan', 'intervention', 'referral', 'follow_up', 'closed'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const CASE_CATEGORIES = [
  'abuse', 'violence', 'bullying', 'online_bullying', 'dropout_risk', 'psychological', 'family_hardship', 'law_breaking', 'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
/** Categories whose cases run the 12-working-hour referral clock. */
export const URGENT_CATEGORIES: readonly CaseCategory[] = ['abuse', 'violence'];

export const CASE_SOURCES = ['screening', 'teacher', 'parent', 'peer', 'self', 'hotline', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CASE_OUTCOMES = ['resolved', 'improved', 'referred_on', 'moved_away', 'no_action_needed', 'other'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What a referral may share with the provider, beyond the summary written for it. */
export const SHARED_FIELDS = ['identity', 'category', 'assessment'] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];
/** The basis of sharing (Decree 13/2023/NĐ-CP, Law on Personal Data Protection 2025): consent, a legal duty, or a child's vital interest. */
export const LEGAL_BASES = ['consent', 'legal_obligation', 'vital_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const REFERRAL_STATES = ['sent', 'accepted', 'declined', 'withdrawn', 'reported', 'closed'] as const;
export type ReferralStateName = (typeof REFERRAL_STATES)[number];
export const REFERRAL_ACTIONS = ['accept', 'decline', 'report', 'close', 'withdraw'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/**
 * Which cases a list shows: the open ones (any step before closure, the default: a counsellor's
 * work list, and what the home counts), the closed ones (anonymised ones included), or all. A list
 * asked for one `step` shows that step's cases whatever the state.
 */
export const CASE_STATES = ['open', 'closed', 'all'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const ENTRY_KINDS = ['note', 'session', 'plan'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The urgent clock at the time of the answer, in working minutes. */
export const CaseClock = z.object({ dueAt: z.string(), minutesLeft: z.number(), lapsed: z.boolean(), dueSoon: z.boolean() });

/**
 * What anyone entitled to know a case exists sees (its school's head: existence and deadlines).
 * `restricted`: the reader is not assigned, so category and risk are withheld (null).
 */
export const CaseSummary = z.object({
  id: z.string(),
  reference: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  step: z.enum(CASE_STEPS),
  urgent: z.boolean(),
  reportedAt: z.string(),
  /** the urgent clock while no referral has been sent; null otherwise */
  clock: CaseClock.nullable(),
  firstReferralAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  anonymised: z.boolean(),
  category: z.enum(CASE_CATEGORIES).nullable(),
  risk: z.enum(RISK_LEVELS).nullable(),
  assigned: z.array(z.object({ userId: z.string(), name: z.string(), lead: z.boolean() })),
  restricted: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const PlanAction = z.object({
  what: z.string().trim().min(2, 'Cần nêu hoạt động').max(500),
  who: z.string().trim().min(2, 'Cần nêu người thực hiện').max(200),
  when: z.string().trim().max(100).nullable().optional(),
});
export const CasePlan = z.object({
  goals: z.string().trim().min(3, 'Cần nêu mục tiêu').max(2000),
  actions: z.array(PlanAction).min(1, 'Cần ít nhất một hoạt động').max(30),
});

export const CaseEntry = z.object({
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  body: z.string().nullable(),
  occurredOn: z.string().nullable(),
  plan: CasePlan.nullable(),
  pupilParticipated: z.boolean().nullable(),
  parentParticipated: z.boolean().nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
});
export type CaseEntry = z.infer<typeof CaseEntry>;

export const Referral = z.object({
  id: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  schoolName: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  providerKind: z.string(),
  /** through the platform (the provider's staff answer here) or outside it */
  online: z.boolean(),
  state: z.enum(REFERRAL_STATES),
  sharedFields: z.array(z.enum(SHARED_FIELDS)),
  sharedSummary: z.string().nullable(),
  legalBasis: z.enum(LEGAL_BASES),
  pupilConsent: z.boolean(),
  parentConsent: z.boolean(),
  consentNote: z.string().nullable(),
  channel: z.string(),
  sentAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  report: z.string().nullable(),
  reportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** only what was shared: the pupil when `identity` was, the category, the assessment */
  pupil: z.object({ fullName: z.string(), className: z.string().nullable() }).nullable(),
  category: z.enum(CASE_CATEGORIES).nullable(),
  assessment: z.string().nullable(),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), report: z.boolean(), close: z.boolean(), withdraw: z.boolean() }),
});
export type Referral = z.infer<typeof Referral>;

export const CaseDetail = CaseSummary.extend({
  source: z.enum(CASE_SOURCES),
  pupil: z.object({ fullName: z.string(), className: z.string().nullable(), recordCode: z.string().nullable() }).nullable(),
  initialAssessment: z.string().nullable(),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  steps: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), actor: z.string().nullable(), reason: z.string().nullable() })),
  entries: z.array(CaseEntry),
  referrals: z.array(Referral),
  /** read through break-glass: until when */
  breakGlassUntil: z.string().nullable(),
  can: z.object({ edit: z.boolean(), move: z.boolean(), addEntry: z.boolean(), refer: z.boolean(), assign: z.boolean(), unassign: z.boolean(), viewLog: z.boolean(), breakGlass: z.boolean(), export: z.boolean() }),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

const Pupil = z.object({
  fullName: z.string().trim().min(2, 'Cần họ tên học sinh').max(120),
  className: z.string().trim().max(40).nullable().optional(),
  recordCode: z.string().trim().max(40).nullable().optional(),
});

export const CaseInput = z.object({
  schoolId: uuid(),
  pupil: Pupil,
  category: z.enum(CASE_CATEGORIES, { message: 'Loại vấn đề không hợp lệ' }),
  risk: z.enum(RISK_LEVELS, { message: 'Mức độ nguy cơ không hợp lệ' }),
  source: z.enum(CASE_SOURCES, { message: 'Nguồn thông tin không hợp lệ' }),
  /** when the report was received (ISO 8601); not in the future */
  reportedAt: z.iso.datetime({ offset: true, message: 'Thời điểm tiếp nhận không hợp lệ' }),
  initialAssessment: z.string().trim().max(5000).nullable().optional(),
});
export type CaseInput = z.input<typeof CaseInput>;

export const CasePatch = z.object({
  pupil: Pupil.partial().optional(),
  category: z.enum(CASE_CATEGORIES, { message: 'Loại vấn đề không hợp lệ' }).optional(),
  risk: z.enum(RISK_LEVELS, { message: 'Mức độ nguy cơ không hợp lệ' }).optional(),
  initialAssessment: z.string().trim().max(5000).nullable().optional(),
}).strict();
export type CasePatch = z.input<typeof CasePatch>;

export const CaseStepInput = z.object({
  to: z.enum(CASE_STEPS, { message: 'Bước không hợp lệ' }),
  outcome: z.enum(CASE_OUTCOMES, { message: 'Kết quả không hợp lệ' }).nullable().optional(),
  reason: z.string().trim().max(2000).nullable().optional(),
});

export const CaseEntryInput = z.object({
  kind: z.enum(ENTRY_KINDS, { message: 'Loại ghi chép không hợp lệ' }),
  body: z.string().trim().max(10000).nullable().optional(),
  occurredOn: IsoDate.nullable().optional(),
  plan: CasePlan.nullable().optional(),
  pupilParticipated: z.boolean().nullable().optional(),
  parentParticipated: z.boolean().nullable().optional(),
});
export type CaseEntryInput = z.input<typeof CaseEntryInput>;

export const AssignInput = z.object({ userId: uuid() });
/** The accounts of the case's school that may be assigned to it (its counselling staff and its head), not assigned now. */
export const AssignCandidates = z.object({
  candidates: z.array(z.object({ userId: z.string(), name: z.string(), role: z.enum(['counsellor', 'school']) })),
});
export type AssignCandidates = z.infer<typeof AssignCandidates>;
export const BreakGlassInput = z.object({ reason: z.string().trim().min(15, 'Cần nêu rõ lý do (ít nhất 15 ký tự)').max(1000) });

export const ReferralInput = z.object({
  providerId: uuid(),
  sharedFields: z.array(z.enum(SHARED_FIELDS, { message: 'Thông tin chia sẻ không hợp lệ' })).max(SHARED_FIELDS.length).default([]),
  sharedSummary: z.string().trim().min(10, 'Cần tóm tắt nội dung chuyển gửi').max(5000),
  legalBasis: z.enum(LEGAL_BASES, { message: 'Căn cứ chia sẻ không hợp lệ' }),
  pupilConsent: z.boolean().default(false),
  parentConsent: z.boolean().default(false),
  consentNote: z.string().trim().max(1000).nullable().optional(),
  channel: z.enum(REFERRAL_CHANNELS, { message: 'Cách chuyển gửi không hợp lệ' }),
});
export type ReferralInput = z.input<typeof ReferralInput>;

export const ReferralTransition = z.object({
  action: z.enum(REFERRAL_ACTIONS, { message: 'Thao tác không hợp lệ' }),
  /** the reason (decline, withdraw) or the report back (report) */
  text: z.string().trim().max(5000).nullable().optional(),
});

export const AccessLogEntry = z.object({
  id: z.number(),
  caseId: z.string(),
  caseReference: z.string(),
  schoolName: z.string(),
  at: z.string(),
  actorLabel: z.string(),
  actorRole: z.string(),
  action: z.enum(['read', 'read_summary', 'read_referral', 'export', 'break_glass']),
  detail: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

/**
 * A count in statistics: fewer than 5 (but not 0) is shown as "<5"; "x" is a count hidden beside a
 * "<5" so that the small one cannot be worked out by subtraction from the total.
 */
export const Count = z.union([z.number(), z.literal('<5'), z.literal('x')]);
export type Count = z.infer<typeof Count>;
const Breakdown = z.array(z.object({ key: z.string(), count: Count }));

export const CaseStatistics = z.object({
  year: z.number(),
  provinceCode: z.string().nullable(),
  total: Count,
  byCategory: Breakdown,
  byRisk: Breakdown,
  byStep: Breakdown,
  byOutcome: Breakdown,
  bySchoolLevel: Breakdown,
  byProvince: z.array(z.object({ key: z.string(), name: z.string(), count: Count })),
  referralsByProviderKind: Breakdown,
  /** working hours from report to the first step taken and to the first referral (median; null under 5 cases) */
  hoursToFirstAction: z.object({ median: z.number().nullable(), cases: Count }),
  hoursToReferral: z.object({ median: z.number().nullable(), cases: Count }),
  urgentWithinClock: z.object({ within: Count, late: Count }),
});
export type CaseStatistics = z.infer<typeof CaseStatistics>;

/** The Department's focal point for school social work: who receives the alerts and reads the access log. */
export const FocalPoints = z.object({
  departmentName: z.string(),
  /** the accounts named; empty: none named */
  focal: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
  /** the Department's active accounts that may be named */
  candidates: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
  /** no active account is named: every Department account of the province receives the alerts and reads the log */
  fallback: z.boolean(),
});
export type FocalPoints = z.infer<typeof FocalPoints>;
export const FocalPointsInput = z.object({ userIds: z.array(uuid()).max(20, 'Tối đa 20 tài khoản đầu mối') });

const tags = ['Công tác xã hội trường học'] as const;

export const casesApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/cases', tags,
    summary: 'Trường hợp hỗ trợ (mặc định: đang mở; `state=closed` đã kết thúc, `state=all` tất cả): cán bộ được phân công thấy trường hợp của mình; hiệu trưởng thấy trường hợp của trường (chỉ sự tồn tại và thời hạn)',
    query: z.object({ state: z.enum(CASE_STATES).default('open'), step: z.enum(CASE_STEPS).optional(), urgent: z.enum(['true', 'false']).optional(), ...pageQuery(30, 100) }),
    responses: { 200: Page(CaseSummary) },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/cases/:id', tags,
    summary: 'Một trường hợp (mọi lần xem đều được ghi nhật ký)', params: Id, responses: { 200: CaseDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/cases', tags,
    summary: 'Cán bộ tư vấn của trường mở trường hợp từ một thông tin tiếp nhận', body: CaseInput, responses: { 201: CaseDetail },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/cases/:id', tags,
    summary: 'Sửa thông tin học sinh, loại vấn đề, mức độ nguy cơ, đánh giá ban đầu', params: Id, body: CasePatch, responses: { 200: CaseDetail },
  }),
  move: endpoint({
    method: 'POST', path: '/api/v1/cases/:id/steps', tags,
    summary: 'Chuyển trường hợp sang bước tiếp theo (kết thúc cần kết quả, mở lại cần lý do)', params: Id, body: CaseStepInput, responses: { 200: CaseDetail },
  }),
  addEntry: endpoint({
    method: 'POST', path: '/api/v1/cases/:id/entries', tags,
    summary: 'Ghi chép, buổi làm việc hoặc kế hoạch hỗ trợ', params: Id, body: CaseEntryInput, responses: { 201: CaseDetail },
  }),
  assign: endpoint({
    method: 'POST', path: '/api/v1/cases/:id/assignments', tags,
    summary: 'Phân công thêm cán bộ của trường vào trường hợp', params: Id, body: AssignInput, responses: { 200: CaseDetail },
  }),
  assignable: endpoint({
    method: 'GET', path: '/api/v1/cases/:id/assignable', tags,
    summary: 'Cán bộ tư vấn và lãnh đạo của trường có thể được phân công vào trường hợp (chỉ người được phép phân công)', params: Id, responses: { 200: AssignCandidates },
  }),
  document: endpoint({
    method: 'GET', path: '/api/v1/cases/:id/document', tags,
    summary: 'Hồ sơ một trường hợp dạng .docx cho cán bộ được phân công (mỗi lần xuất được ghi nhật ký truy cập)', params: Id,
    responses: { 200: FileDownload },
    produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  }),
  unassign: endpoint({
    method: 'DELETE', path: '/api/v1/cases/:id/assignments/:userId', tags,
    summary: 'Thôi phân công một cán bộ khỏi trường hợp (người được phân công hoặc hiệu trưởng; không bỏ cán bộ tư vấn cuối cùng)',
    params: z.object({ id: uuid(), userId: uuid() }), responses: { 204: NoContent },
  }),
  breakGlass: endpoint({
    method: 'POST', path: '/api/v1/cases/:id/break-glass', tags,
    summary: 'Truy cập khẩn cấp có lý do (người phụ trách được báo ngay)', params: Id, body: BreakGlassInput, responses: { 200: CaseDetail },
  }),
  refer: endpoint({
    method: 'POST', path: '/api/v1/cases/:id/referrals', tags,
    summary: 'Chuyển gửi: nội dung chia sẻ, căn cứ hoặc sự đồng ý của học sinh và cha mẹ, kênh chuyển gửi', params: Id, body: ReferralInput, responses: { 201: CaseDetail },
  }),
  referrals: endpoint({
    method: 'GET', path: '/api/v1/referrals', tags,
    summary: 'Hộp thư chuyển gửi của cơ sở cung cấp dịch vụ (chỉ nội dung được chia sẻ)',
    query: z.object({ state: z.enum(REFERRAL_STATES).optional(), ...pageQuery(30, 100) }), responses: { 200: Page(Referral) },
  }),
  referral: endpoint({
    method: 'GET', path: '/api/v1/referrals/:id', tags,
    summary: 'Một yêu cầu chuyển gửi (mọi lần xem đều được ghi nhật ký)', params: Id, responses: { 200: Referral },
  }),
  referralTransition: endpoint({
    method: 'POST', path: '/api/v1/referrals/:id/transitions', tags,
    summary: 'Tiếp nhận, từ chối có lý do, phản hồi kết quả, kết thúc; nhà trường rút yêu cầu', params: Id, body: ReferralTransition, responses: { 200: Referral },
  }),
  focalPoints: endpoint({
    method: 'GET', path: '/api/v1/case-focal-points', tags,
    summary: 'Đầu mối công tác xã hội của Sở GDĐT: tài khoản nhận cảnh báo và đọc nhật ký truy cập (chưa chỉ định: mọi tài khoản của Sở)',
    responses: { 200: FocalPoints },
  }),
  setFocalPoints: endpoint({
    method: 'PUT', path: '/api/v1/case-focal-points', tags,
    summary: 'Sở GDĐT chỉ định các tài khoản đầu mối công tác xã hội của Sở (danh sách rỗng: mọi tài khoản của Sở)',
    body: FocalPointsInput, responses: { 200: FocalPoints },
  }),
  accessLog: endpoint({
    method: 'GET', path: '/api/v1/case-access-log', tags,
    summary: 'Nhật ký truy cập trường hợp: hiệu trưởng (trường mình), Sở GDĐT (tỉnh mình)',
    query: z.object({ caseId: uuid().optional(), ...pageQuery(50, 200) }), responses: { 200: Page(AccessLogEntry) },
  }),
  statistics: endpoint({
    method: 'GET', path: '/api/v1/case-statistics', tags,
    summary: 'Thống kê không định danh (số nhỏ hơn 5 hiện "<5"): Sở GDĐT (tỉnh mình), Bộ',
    query: z.object({ year: z.coerce.number().int().min(2018).max(2100).optional(), provinceCode: ProvinceCode.optional() }),
    responses: { 200: CaseStatistics },
  }),
  statisticsDocument: endpoint({
    method: 'GET', path: '/api/v1/case-statistics/document', tags,
    summary: 'Thống kê năm dạng .xlsx hoặc báo cáo .docx theo Nghị định 30/2020 (số nhỏ hơn 5 hiện "<5")',
    query: z.object({ year: z.coerce.number().int().min(2018).max(2100).optional(), format: z.enum(['docx', 'xlsx']).default('docx') }),
    responses: { 200: FileDownload },
    produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
};
