/**
 * The contributions ledger: one row per gift (a donor's pledge, a gift recorded on a donor's
 * behalf, a twin school's support), moving pledged → delivered → received → accepted, or cancelled.
 */
import { z } from 'zod';
import { endpoint, Id, IsoDate, Page, pageQuery, ProvinceCode, uuid, Vnd } from './http.js';
import { FileRef, NEED_CATEGORIES } from './needs.js';

/** Forms of a contribution (Circular 16/2018/TT-BGDĐT): money, in kind, non-material. */
export const FORMS = ['money', 'in_kind', 'non_material'] as const;
export type ContributionForm = (typeof FORMS)[number];

export const CONTRIBUTION_STATUSES = ['pledged', 'delivered', 'received', 'accepted', 'cancelled'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const CONTRIBUTION_ACTIONS = ['deliver', 'confirm', 'accept', 'cancel'] as const;
export type ContributionAction = (typeof CONTRIBUTION_ACTIONS)[number];

export const ContributionEvent = z.object({
  status: z.enum(CONTRIBUTION_STATUSES),
  note: z.string().nullable(),
  at: z.string(),
  /** the organisation that acted */
  by: z.string().nullable(),
});

export const Contribution = z.object({
  id: z.string(),
  contributorId: z.string(),
  contributorName: z.string(),
  anonymous: z.boolean(),
  schoolId: z.string(),
  schoolName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  recipientGroup: z.string().nullable(),
  beneficiaryId: z.string().nullable(),
  form: z.enum(FORMS),
  category: z.enum(NEED_CATEGORIES),
  description: z.string(),
  valueVnd: z.number(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  needId: z.string().nullable(),
  needTitle: z.string().nullable(),
  agreementId: z.string().nullable(),
  planTaskId: z.string().nullable(),
  status: z.enum(CONTRIBUTION_STATUSES),
  statusLabel: z.string(),
  cancelReason: z.string().nullable(),
  pledgedOn: z.string(),
  deliveredAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  history: z.array(ContributionEvent),
  evidence: z.array(FileRef),
});
export type Contribution = z.infer<typeof Contribution>;

export const ContributionDetail = Contribution.extend({
  can: z.object({ deliver: z.boolean(), confirm: z.boolean(), accept: z.boolean(), cancel: z.boolean() }),
});
export type ContributionDetail = z.infer<typeof ContributionDetail>;

export const PledgeInput = z.object({
  needId: uuid().nullable().optional(),
  schoolId: uuid().nullable().optional(),
  contributorId: uuid().nullable().optional(),
  anonymous: z.boolean().optional(),
  form: z.enum(FORMS),
  category: z.enum(NEED_CATEGORIES).nullable().optional(),
  description: z.string().trim().min(3, 'Cần mô tả').max(1000),
  valueVnd: Vnd,
  quantity: z.number().positive().max(1e9).nullable().optional(),
  unit: z.string().max(50).nullable().optional(),
  agreementId: uuid().nullable().optional(),
  planTaskId: uuid().nullable().optional(),
  recipientGroup: z.string().max(200).nullable().optional(),
  beneficiaryId: uuid().nullable().optional(),
  /** YYYY-MM-DD, for a gift given before today (Ministry, Departments) */
  pledgedOn: IsoDate.nullable().optional(),
});
export type PledgeInput = z.infer<typeof PledgeInput>;

export const ContributionFilter = z.object({
  needId: uuid().optional(),
  schoolId: uuid().optional(),
  contributorId: uuid().optional(),
  agreementId: uuid().optional(),
  status: z.enum(CONTRIBUTION_STATUSES).optional(),
  provinceCode: ProvinceCode.optional(),
});
export type ContributionFilter = z.infer<typeof ContributionFilter>;

export const ContributionTransition = z.object({
  action: z.enum(CONTRIBUTION_ACTIONS, { message: 'Thao tác không hợp lệ' }),
  note: z.string().max(2000).nullable().optional(),
  reason: z.string().max(2000).nullable().optional(),
});
export type ContributionTransition = z.infer<typeof ContributionTransition>;

const tags = ['Kết nối nguồn lực'] as const;

export const ledgerApi = {
  pledge: endpoint({
    method: 'POST', path: '/api/v1/contributions', tags,
    summary: 'Cam kết đóng góp (nhà tài trợ đã thẩm định; Bộ, Sở ghi nhận thay nhà tài trợ). Cam kết cho nhu cầu trừ vào phần còn thiếu',
    body: PledgeInput, responses: { 201: Contribution },
  }),
  list: endpoint({
    method: 'GET', path: '/api/v1/contributions', tags,
    summary: 'Sổ đóng góp trong phạm vi của tôi, mới nhất trước; phân trang bằng cursor',
    query: ContributionFilter.extend(pageQuery(50, 200)), responses: { 200: Page(Contribution) },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/contributions/:id', tags,
    summary: 'Một khoản đóng góp và lịch sử trạng thái',
    params: Id, responses: { 200: ContributionDetail },
  }),
  transition: endpoint({
    method: 'POST', path: '/api/v1/contributions/:id/transitions', tags,
    summary: 'deliver (bên đóng góp bàn giao), confirm (trường xác nhận đã nhận, kèm ảnh/biên bản), accept (Sở nghiệm thu), cancel (kèm lý do)',
    params: Id, form: ContributionTransition, responses: { 200: Contribution },
  }),
};
