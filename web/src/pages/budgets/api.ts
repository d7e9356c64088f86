/** Server state of the budget pieces (a task's estimate and spending, a plan's sums): the contract's endpoints through TanStack Query. */
import { budgetsApi, type BudgetKind, type BudgetSource } from '../../../../contracts/budgets';
import { plansApi } from '../../../../contracts/plans';
import { callForm, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

export const BUDGETS = budgetsApi.task.tags[0];
const PLANS = plansApi.task.tags[0];

export const useTaskBudget = (taskId: string) => useApi(budgetsApi.task, { params: { id: taskId } });
export const usePlanBudget = (planKey: string, enabled: boolean) => useApi(budgetsApi.plan, { params: { id: planKey }, query: {} }, { enabled });
export const planBudgetExportUrl = (planKey: string, format: 'csv' | 'xlsx') => endpointUrl(budgetsApi.plan, { params: { id: planKey }, query: { format } });

export interface LineValues { kind: BudgetKind; source: BudgetSource; amountVnd: number; year: number; documentNumber: string; note: string; file: File }
export const useAddLine = (taskId: string, onSuccess: () => void) =>
  useApiMutation((v: LineValues) =>
    callForm(budgetsApi.addLine, { params: { id: taskId }, fields: { kind: v.kind, source: v.source, amountVnd: v.amountVnd, year: v.year, documentNumber: v.documentNumber, note: v.note || undefined }, files: [v.file] }),
    { domains: [BUDGETS, PLANS], onSuccess });
