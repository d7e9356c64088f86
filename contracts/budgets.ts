/**
 * Budgets of plan tasks: estimates by source (state budget, programme fund, social resources) and
 * amounts actually spent, entered by the task's lead unit with the document that approves them.
 * Social resources spent are never typed: they are the ledger's accepted contributions linked to
 * the task. A plan shows estimate against spending by section and unit.
 */
import { z } from 'zod';
import { endpoint, ExportFormat, Id, VndSum } from './http.js';

export const BUDGET_KINDS = ['estimate', 'spending'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];
export const BUDGET_SOURCES = ['state_budget', 'programme_fund', 'social_resources'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];
export const BUDGET_SOURCE_LABELS: Record<BudgetSource, string> = { state_budget: 'Ngân sách nhà nước', programme_fund: 'Kinh phí chương trình', social_resources: 'Nguồn lực xã hội' };

/** A line as entered in the form (multipart: the fields, and the approving document as "files"). */
export const BudgetLineFields = z.object({
  kind: z.enum(BUDGET_KINDS, { message: 'Loại dòng kinh phí không hợp lệ' }),
  source: z.enum(BUDGET_SOURCES, { message: 'Nguồn kinh phí không hợp lệ' }),
  amountVnd: z.coerce.number({ message: 'Số tiền là một số' }).int('Số tiền là số nguyên (đồng)').min(0, 'Số tiền không âm').max(1e15, 'Số tiền quá lớn'),
  year: z.coerce.number({ message: 'Năm là một số' }).int('Năm là số nguyên').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
  documentNumber: z.string().trim().min(2, 'Cần số văn bản phê duyệt').max(100),
  note: z.string().trim().max(1000).optional(),
});

const Sums = z.object({ stateBudget: VndSum, programmeFund: VndSum, socialResources: VndSum, total: VndSum });
export type Sums = z.infer<typeof Sums>;

export const BudgetLine = z.object({
  id: z.string(),
  kind: z.enum(BUDGET_KINDS),
  source: z.enum(BUDGET_SOURCES),
  amountVnd: z.number(),
  year: z.number(),
  unit: z.object({ id: z.string(), name: z.string() }),
  documentNumber: z.string().nullable(),
  document: z.object({ id: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const TaskBudget = z.object({
  taskId: z.string(),
  lines: z.array(BudgetLine),
  /** estimates as entered; spending as entered, social resources from the ledger (accepted contributions linked to the task) */
  estimate: Sums,
  spending: Sums,
  can: z.object({ enter: z.boolean() }),
});
export type TaskBudget = z.infer<typeof TaskBudget>;

export const PlanBudgetRow = z.object({
  sectionCode: z.string().nullable(),
  sectionTitle: z.string().nullable(),
  /** the unit that entered the lines; null for the ledger's social resources of the section */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  estimate: Sums,
  spending: Sums,
});
export type PlanBudgetRow = z.infer<typeof PlanBudgetRow>;
export const PlanBudget = z.object({ planId: z.string(), rows: z.array(PlanBudgetRow), estimate: Sums, spending: Sums });
export type PlanBudget = z.infer<typeof PlanBudget>;

const tags = ['Kinh phí nhiệm vụ'] as const;

export const budgetsApi = {
  task: endpoint({
    method: 'GET', path: '/api/v1/tasks/:id/budget', tags,
    summary: 'Dự toán và kinh phí thực chi của một nhiệm vụ theo nguồn; nguồn lực xã hội thực chi lấy từ sổ đóng góp', params: Id, responses: { 200: TaskBudget },
  }),
  addLine: endpoint({
    method: 'POST', path: '/api/v1/tasks/:id/budget-lines', tags,
    summary: 'Đơn vị chủ trì ghi dự toán hoặc kinh phí đã chi, kèm văn bản phê duyệt (multipart: các trường, tệp "files")',
    params: Id, form: BudgetLineFields, responses: { 201: TaskBudget },
  }),
  plan: endpoint({
    method: 'GET', path: '/api/v1/plans/:id/budget', tags,
    summary: 'Dự toán so với thực chi của kế hoạch theo mục và đơn vị; xuất CSV/XLSX',
    params: z.object({ id: z.string().min(1).max(100) }), query: z.object({ format: ExportFormat }), responses: { 200: PlanBudget },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
};
