/**
 * Sponsorship mobilisation plans (kế hoạch vận động tài trợ, Thông tư 16/2018/TT-BGDĐT Art. 5):
 * a school drafts what it will mobilise and why; the commune People's Committee (preschools,
 * primary and lower-secondary schools) or the Department (other schools) approves it, or returns
 * it with a reason, within 15 days of submission. Nothing is mobilised before approval.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS } from './common.js';
import { endpoint, ExportFormat, Id, Page, pageQuery, uuid, Vnd, VndSum } from './http.js';

export const PLAN_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type SponsorshipPlanState = (typeof PLAN_STATES)[number];

export const PLAN_ACTIONS = ['submit', 'approve', 'return'] as const;
export type SponsorshipPlanAction = (typeof PLAN_ACTIONS)[number];

/** Art. 4: money, in kind, non-material (labour days, training, rights). */
export const SPONSORSHIP_FORMS = ['money', 'in_kind', 'non_material'] as const;
export type SponsorshipForm = (typeof SPONSORSHIP_FORMS)[number];

/** Days the approver has from submission (Art. 5). */
export const APPROVAL_DAYS = 15;

export const PlanItem = z.object({
  description: z.string().trim().min(3, 'Nội dung quá ngắn').max(300),
  form: z.enum(SPONSORSHIP_FORMS, { message: 'Hình thức tài trợ không hợp lệ' }),
  estimatedValue: Vnd,
});
export type PlanItem = z.infer<typeof PlanItem>;

export const SponsorshipPlan = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
  provinceCode: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  title: z.string(),
  purpose: z.string(),
  beneficiaries: z.string().nullable(),
  period: z.string(),
  state: z.enum(PLAN_STATES),
  /** who approves: the commune's People's Committee or the Department (which may also act for a commune) */
  approver: z.enum(['commune', 'department']),
  itemCount: z.number(),
  /** the items' estimated values summed in SQL (decimal string, exact past 2^53) */
  total: VndSum,
  returnReason: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** the approver's deadline: 15 days after submission (YYYY-MM-DD, Vietnam time); null before submission */
  dueOn: z.string().nullable(),
  /** submitted and past its due date */
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SponsorshipPlan = z.infer<typeof SponsorshipPlan>;

export const SponsorshipPlanDetail = SponsorshipPlan.extend({
  items: z.array(PlanItem),
  needs: z.array(z.object({ id: z.string(), title: z.string(), state: z.string() })),
  history: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string().nullable(), at: z.string(), actor: z.string().nullable() })),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean() }),
});
export type SponsorshipPlanDetail = z.infer<typeof SponsorshipPlanDetail>;

export const SponsorshipPlanInput = z.object({
  schoolId: uuid(),
  title: z.string().trim().min(3, 'Tên kế hoạch quá ngắn').max(300),
  purpose: z.string().trim().min(3, 'Cần nêu mục đích').max(3000),
  beneficiaries: z.string().max(1000).nullable().optional(),
  period: z.string().trim().min(4, 'Cần nêu năm học hoặc thời gian').max(60),
  items: z.array(PlanItem).min(1, 'Cần ít nhất một nội dung vận động').max(50, 'Tối đa 50 nội dung'),
  needIds: z.array(uuid()).max(20, 'Tối đa 20 nhu cầu').default([]),
});
export type SponsorshipPlanInput = z.input<typeof SponsorshipPlanInput>;
/** A change to a draft or returned plan; its school never changes. */
export const SponsorshipPlanPatch = SponsorshipPlanInput.omit({ schoolId: true }).partial().strict();
export type SponsorshipPlanPatch = z.input<typeof SponsorshipPlanPatch>;

export const SponsorshipPlanTransition = z.object({
  action: z.enum(PLAN_ACTIONS, { message: 'Thao tác không hợp lệ' }),
  /** required to return */
  reason: z.string().max(2000).nullable().optional(),
  /** the approval letter's number, if any (approve) */
  decisionNumber: z.string().max(60).nullable().optional(),
});
export type SponsorshipPlanTransition = z.infer<typeof SponsorshipPlanTransition>;

export const SponsorshipPlanListQuery = z.object({
  state: z.enum(PLAN_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  schoolId: uuid().optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});
export type SponsorshipPlanListQuery = z.input<typeof SponsorshipPlanListQuery>;

const tags = ['Kế hoạch vận động tài trợ'] as const;

export const sponsorshipApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/sponsorship-plans', tags,
    summary: 'Kế hoạch vận động tài trợ trong phạm vi của tài khoản (trường, xã, Sở, Bộ), mới nhất trước; lọc theo trạng thái, quá hạn phê duyệt; xuất CSV/XLSX',
    query: SponsorshipPlanListQuery, responses: { 200: Page(SponsorshipPlan) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/sponsorship-plans/:id', tags,
    summary: 'Một kế hoạch vận động tài trợ: nội dung, dự toán, nhu cầu liên quan, lịch sử',
    params: Id, responses: { 200: SponsorshipPlanDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/sponsorship-plans', tags,
    summary: 'Trường lập kế hoạch vận động tài trợ (nháp)',
    body: SponsorshipPlanInput, responses: { 201: SponsorshipPlanDetail },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/sponsorship-plans/:id', tags,
    summary: 'Sửa kế hoạch nháp hoặc bị trả lại',
    params: Id, body: SponsorshipPlanPatch, responses: { 200: SponsorshipPlanDetail },
  }),
  transition: endpoint({
    method: 'POST', path: '/api/v1/sponsorship-plans/:id/transitions', tags,
    summary: 'Trình (submit), phê duyệt (approve) hoặc trả lại kèm lý do (return) kế hoạch vận động tài trợ',
    params: Id, body: SponsorshipPlanTransition, responses: { 200: SponsorshipPlanDetail },
  }),
};
