/**
 * Startup-model proposals (plan 237, Project 2; appendix I.1–I.4): Vụ GDCTHSSV opens a call with
 * published criteria and a deadline; training institutions submit proposals by the deadline;
 * reviewers assigned by Vụ GDCTHSSV score them; Vụ KHTC gives its opinion on the budget; the
 * Ministry approves or refuses by a decision (number, date). Approved models count toward plan
 * 237's target II.2-a (6 to 10 models).
 */
import { z } from 'zod';
import { endpoint, ExportFormat, Id, IsoDate, ItemList, Page, pageQuery, ProvinceCode, uuid, Vnd } from './http.js';

export const PROPOSAL_STATES = ['submitted', 'approved', 'refused'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const Criterion = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]{1,30}$/, 'Mã tiêu chí gồm chữ thường, số, dấu gạch dưới'),
  label: z.string().trim().min(3, 'Tên tiêu chí quá ngắn').max(300),
  max: z.number().int().min(1, 'Điểm tối đa từ 1 đến 100').max(100, 'Điểm tối đa từ 1 đến 100'),
});
export type Criterion = z.infer<typeof Criterion>;

export const CallInput = z.object({
  title: z.string().trim().min(3, 'Tên đợt quá ngắn').max(300),
  deadline: IsoDate,
  criteria: z.array(Criterion).min(1, 'Cần ít nhất một tiêu chí').max(20, 'Tối đa 20 tiêu chí'),
});
export type CallInput = z.infer<typeof CallInput>;
export const Call = CallInput.extend({ id: z.string(), open: z.boolean(), proposals: z.number(), approved: z.number() });
export type Call = z.infer<typeof Call>;

export const ProposalInput = z.object({
  title: z.string().trim().min(3, 'Tên mô hình quá ngắn').max(300),
  model: z.string().trim().min(10, 'Cần mô tả mô hình').max(5000),
  locality: z.string().trim().min(2, 'Cần nêu địa bàn').max(300),
  provinceCode: ProvinceCode.nullable().optional(),
  targetHouseholds: z.number().int().min(0).max(1_000_000),
  budget: Vnd,
  expectedResults: z.string().trim().min(3, 'Cần nêu kết quả dự kiến').max(5000),
});
export type ProposalInput = z.infer<typeof ProposalInput>;
/** The institution corrects its proposal while it waits and no reviewer has scored it yet: the fields it changes. */
export const ProposalPatch = ProposalInput.partial().strict().refine((v) => Object.keys(v).length > 0, 'Không có thông tin nào được sửa');
export type ProposalPatch = z.infer<typeof ProposalPatch>;

export const Review = z.object({
  reviewerId: z.string(), reviewer: z.string(), scores: z.record(z.string(), z.number()).nullable(), total: z.number().nullable(), comment: z.string().nullable(), scoredAt: z.string().nullable(),
});
export const Proposal = z.object({
  id: z.string(), callId: z.string(), callTitle: z.string(), institution: z.object({ id: z.string(), name: z.string() }),
  title: z.string(), locality: z.string(), provinceCode: z.string().nullable(), targetHouseholds: z.number(), budget: z.number(),
  state: z.enum(PROPOSAL_STATES), averageScore: z.number().nullable(), reviews: z.number(), decisionNumber: z.string().nullable(), decisionDate: z.string().nullable(), createdAt: z.string(),
});
export type Proposal = z.infer<typeof Proposal>;
export const ProgressInput = z.object({
  householdsSupported: z.number().int().min(0).max(1_000_000),
  jobs: z.number().int().min(0).max(1_000_000),
  incomeNote: z.string().trim().max(2000).nullable().optional(),
  /** average monthly income per supported household (đồng), when the report gives it as a number */
  averageIncomeVnd: z.number({ message: 'Thu nhập bình quân là một số (đồng)' }).int('Thu nhập bình quân là số nguyên (đồng)').min(0, 'Thu nhập bình quân không âm')
    .max(1_000_000_000, 'Thu nhập bình quân tối đa 1.000.000.000 đồng/tháng').nullable().optional(),
  note: z.string().trim().max(3000).nullable().optional(),
  /** the model's final report: no report after it */
  closed: z.boolean().default(false),
});
export const PROPOSAL_FILE_KINDS = ['proposal', 'decision'] as const;
export type ProposalFileKind = (typeof PROPOSAL_FILE_KINDS)[number];
export const ProposalFile = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), kind: z.enum(PROPOSAL_FILE_KINDS) });
export const ProposalFileFields = z.object({ kind: z.enum(PROPOSAL_FILE_KINDS, { message: 'Loại tệp là proposal hoặc decision' }).default('proposal') });
/** An account Vụ GDCTHSSV may assign as a reviewer: staff of the Ministry or of a unit. */
export const ReviewerCandidate = z.object({ id: z.string(), name: z.string(), organisation: z.string() });
export type ReviewerCandidate = z.infer<typeof ReviewerCandidate>;

export const Progress = z.object({
  reportedOn: z.string(), householdsSupported: z.number(), jobs: z.number(), incomeNote: z.string().nullable(),
  /** average monthly income per supported household (đồng); null when the report does not give it */
  averageIncomeVnd: z.number().nullable(), note: z.string().nullable(), closed: z.boolean(),
});

export const ProposalDetail = Proposal.extend({
  model: z.string(), expectedResults: z.string(), criteria: z.array(Criterion), budgetOpinion: z.string().nullable(), decisionNote: z.string().nullable(),
  /** every review for Vụ GDCTHSSV and the Ministry's deciders; a reviewer sees its own; the institution sees none */
  reviewList: z.array(Review),
  /** an approved model's reports, oldest first */
  progress: z.array(Progress),
  /** the institution's proposal documents and the Ministry's decision */
  files: z.array(ProposalFile),
  can: z.object({
    assign: z.boolean(), score: z.boolean(), budgetOpinion: z.boolean(), decide: z.boolean(), report: z.boolean(),
    /** the institution adds proposal files until the decision; Vụ GDCTHSSV adds the decision's file once decided */
    attachProposal: z.boolean(), attachDecision: z.boolean(),
    /** the institution corrects its proposal until a reviewer scores it or it is decided */
    edit: z.boolean(),
  }),
});
export type ProposalDetail = z.infer<typeof ProposalDetail>;

export const ScoreInput = z.object({ scores: z.record(z.string().max(30), z.number().min(0)), comment: z.string().trim().max(3000).nullable().optional() });
export const DecisionInput = z.object({
  decision: z.enum(['approve', 'refuse'], { message: 'Quyết định là approve hoặc refuse' }),
  number: z.string().trim().min(2, 'Cần số quyết định').max(60),
  date: IsoDate,
  note: z.string().trim().max(2000).nullable().optional(),
});

export const ProposalListQuery = z.object({
  state: z.enum(PROPOSAL_STATES).optional(),
  callId: uuid().optional(),
  /** words of the model's title, its locality or the institution's name, with or without diacritics */
  q: z.string().max(200).optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});
export type ProposalListQuery = z.input<typeof ProposalListQuery>;

const tags = ['Mô hình khởi nghiệp (KH 237)'] as const;

export const startupsApi = {
  calls: endpoint({ method: 'GET', path: '/api/v1/startup-calls', tags, summary: 'Các đợt đề xuất mô hình khởi nghiệp, với tiêu chí đã công bố; can: tài khoản được mở đợt, nộp đề xuất',
    responses: { 200: z.object({ items: z.array(Call), can: z.object({ create: z.boolean(), submit: z.boolean() }) }) } }),
  createCall: endpoint({ method: 'POST', path: '/api/v1/startup-calls', tags, summary: 'Vụ GDCTHSSV mở một đợt đề xuất: hạn nộp, tiêu chí chấm', body: CallInput, responses: { 201: Call } }),
  submit: endpoint({
    method: 'POST', path: '/api/v1/startup-calls/:id/proposals', tags, summary: 'Cơ sở đào tạo nộp đề xuất mô hình trước hạn của đợt',
    params: Id, body: ProposalInput, responses: { 201: ProposalDetail },
  }),
  list: endpoint({
    method: 'GET', path: '/api/v1/startup-proposals', tags,
    summary: 'Đề xuất trong phạm vi của tài khoản: cơ sở đào tạo thấy đề xuất của mình, người chấm thấy đề xuất được giao, Vụ GDCTHSSV, Vụ KHTC thấy tất cả; lọc theo trạng thái, đợt; tìm không dấu theo tên mô hình, địa bàn, cơ sở đào tạo; xuất CSV/XLSX',
    query: ProposalListQuery, responses: { 200: Page(Proposal) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  edit: endpoint({
    method: 'PATCH', path: '/api/v1/startup-proposals/:id', tags,
    summary: 'Cơ sở đào tạo sửa đề xuất của mình khi chưa có người chấm nào chấm điểm và chưa có quyết định (ghi nhật ký trước/sau)',
    params: Id, body: ProposalPatch, responses: { 200: ProposalDetail },
  }),
  get: endpoint({ method: 'GET', path: '/api/v1/startup-proposals/:id', tags, summary: 'Một đề xuất: mô hình, địa bàn, kinh phí, điểm chấm, ý kiến về kinh phí, quyết định', params: Id, responses: { 200: ProposalDetail } }),
  assign: endpoint({
    method: 'PUT', path: '/api/v1/startup-proposals/:id/reviewers', tags, summary: 'Vụ GDCTHSSV giao người chấm (tài khoản của Bộ hoặc đơn vị)',
    params: Id, body: z.object({ reviewerIds: z.array(uuid()).min(1, 'Cần ít nhất một người chấm').max(10, 'Tối đa 10 người chấm') }), responses: { 200: ProposalDetail },
  }),
  score: endpoint({ method: 'PUT', path: '/api/v1/startup-proposals/:id/score', tags, summary: 'Người chấm được giao chấm theo tiêu chí đã công bố, kèm nhận xét', params: Id, body: ScoreInput, responses: { 200: ProposalDetail } }),
  budgetOpinion: endpoint({
    method: 'PUT', path: '/api/v1/startup-proposals/:id/budget-opinion', tags, summary: 'Vụ KHTC cho ý kiến về kinh phí',
    params: Id, body: z.object({ opinion: z.string().trim().min(3, 'Cần nội dung ý kiến').max(3000) }), responses: { 200: ProposalDetail },
  }),
  report: endpoint({
    method: 'POST', path: '/api/v1/startup-proposals/:id/progress', tags, summary: 'Cơ sở đào tạo báo cáo tiến độ, kết quả của mô hình đã phê duyệt (số hộ được hỗ trợ, việc làm, thu nhập) cho đến khi kết thúc',
    params: Id, body: ProgressInput, responses: { 201: ProposalDetail },
  }),
  attach: endpoint({
    method: 'POST', path: '/api/v1/startup-proposals/:id/files', tags,
    summary: 'Đính kèm hồ sơ đề xuất (cơ sở đào tạo, trước quyết định) hoặc tệp quyết định (Vụ GDCTHSSV, sau quyết định) (multipart: kind, tệp "files")',
    params: Id, form: ProposalFileFields, responses: { 201: ProposalDetail },
  }),
  reviewers: endpoint({
    method: 'GET', path: '/api/v1/startup-reviewers', tags, summary: 'Tài khoản Vụ GDCTHSSV có thể giao chấm: cán bộ của Bộ và các đơn vị',
    responses: { 200: ItemList(ReviewerCandidate) },
  }),
  decide: endpoint({ method: 'POST', path: '/api/v1/startup-proposals/:id/decision', tags, summary: 'Bộ phê duyệt hoặc không phê duyệt đề xuất bằng quyết định (số, ngày)', params: Id, body: DecisionInput, responses: { 200: ProposalDetail } }),
};
