import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { vnDate, type Clock } from '../../platform/clock.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { checkUploads, storeFile, type Upload } from '../../platform/files.js';
import { cleanLongText, cleanText } from '../../platform/text.js';
import { addVnd } from '../../../../contracts/http.js';
import type { BudgetLine, BudgetSource, PlanBudget, PlanBudgetRow, Sums, TaskBudget } from '../../../../contracts/budgets.js';
import type { z } from 'zod';
import type { BudgetLineFields } from '../../../../contracts/budgets.js';
import { readablePlan, taskViews } from '../plans/service.js';
import { budgetPolicy, type PlacedTask } from './policy.js';
import * as repo from './repository.js';

const KEY: Record<BudgetSource, keyof Omit<Sums, 'total'>> = { state_budget: 'stateBudget', programme_fund: 'programmeFund', social_resources: 'socialResources' };
const zero = (): Sums => ({ stateBudget: '0', programmeFund: '0', socialResources: '0', total: '0' });
function add(s: Sums, source: string, amount: string): void {
  const k = KEY[source as BudgetSource];
  s[k] = addVnd(s[k], amount);
  s.total = addVnd(s.total, amount);
}

/** The task and its lead units, through the plans service (a task unknown is a 404). */
async function placedTask(db: Db, clock: Clock, taskId: string): Promise<PlacedTask> {
  const [task] = await taskViews(db, { taskId }, vnDate(clock.now()));
  if (!task) throw notFound('Không tìm thấy nhiệm vụ');
  return { leadIds: [...new Set(task.assignments.flatMap((a) => a.leads.map((l) => l.id)))] };
}

const toLine = (r: repo.LineRow): BudgetLine => ({
  id: r.id, kind: r.kind, source: r.source, amountVnd: Number(r.amount_vnd), year: r.year, unit: { id: r.organisation_id, name: r.unit_name },
  documentNumber: r.document_number, document: r.file_id ? { id: r.file_id, name: r.file_name! } : null, note: r.note, createdAt: new Date(r.created_at).toISOString(),
});

async function budgetOf(db: Db, actor: Actor, taskId: string, t: PlacedTask): Promise<TaskBudget> {
  const rows = await repo.lines(db, taskId);
  const sums = await repo.taskSums(db, taskId);
  const estimate = zero();
  const spending = zero();
  for (const s of sums) {
    if (s.kind === 'estimate') add(estimate, s.source, s.amount);
    else add(spending, s.source, s.amount); // 'spending' typed, or the ledger's social resources
  }
  return { taskId, lines: rows.map(toLine), estimate, spending, can: { enter: can(budgetPolicy, 'enter', actor, t) } };
}

export async function taskBudget(db: Db, actor: Actor, clock: Clock, taskId: string): Promise<TaskBudget> {
  const t = await placedTask(db, clock, taskId);
  authorize(budgetPolicy, 'read', actor, t);
  return budgetOf(db, actor, taskId, t);
}

export type LineFields = z.infer<typeof BudgetLineFields>;

/**
 * The lead unit enters an estimate or a spending with its approving document (one file, required).
 * Social resources spent are the ledger's: typing them is a 422 naming the field, and nothing is written.
 */
export async function addLine(db: Db, actor: Actor, clock: Clock, taskId: string, f: LineFields, uploads: Upload[]): Promise<TaskBudget> {
  const t = await placedTask(db, clock, taskId);
  authorize(budgetPolicy, 'enter', actor, t);
  if (f.kind === 'spending' && f.source === 'social_resources') {
    throw invalid('Nguồn lực xã hội đã chi lấy từ sổ đóng góp, không nhập lại', [{ path: 'source', message: 'Nguồn lực xã hội đã chi lấy từ sổ đóng góp, không nhập lại' }]);
  }
  if (uploads.length !== 1) throw invalid('Cần đính kèm một văn bản phê duyệt', [{ path: 'files', message: 'Cần đính kèm một văn bản phê duyệt' }]);
  await checkUploads(uploads, {});
  const unit = actor.organisationId && t.leadIds.includes(actor.organisationId) ? actor.organisationId : t.leadIds[0] ?? null;
  if (!unit) throw invalid('Nhiệm vụ chưa có đơn vị chủ trì', [{ path: 'kind', message: 'Nhiệm vụ chưa có đơn vị chủ trì' }]);
  return db.tx(async (tx) => {
    const id = randomUUID();
    const file = await storeFile(tx, actor.userId, uploads[0].filename, uploads[0].data, { owner: { kind: 'budget_line', id } });
    const line = { id, taskId, organisationId: unit, kind: f.kind, source: f.source, amountVnd: f.amountVnd, year: f.year, documentNumber: cleanText(f.documentNumber)!, fileId: file.id, note: cleanLongText(f.note ?? null), createdBy: actor.userId };
    await repo.insertLine(tx, line);
    await audit(tx, actor, { entity: 'budget_line', entityId: id, action: 'create', after: { ...line, file: file.name } });
    return budgetOf(tx, actor, taskId, t);
  });
}

/** A plan's estimate against spending by section and unit; the plan read (and authorised) through the plans service. */
export async function planBudget(db: Db, actor: Actor, idOrKey: string): Promise<PlanBudget> {
  const plan = await readablePlan(db, actor, idOrKey);
  const sums = await repo.planSums(db, plan.id);
  const rows = new Map<string, PlanBudgetRow>();
  const estimate = zero();
  const spending = zero();
  for (const s of sums) {
    const key = `${s.section_code ?? ''}|${s.unit_id ?? ''}`;
    const row = rows.get(key) ?? rows.set(key, {
      sectionCode: s.section_code, sectionTitle: s.section_title, unit: s.unit_id ? { id: s.unit_id, name: s.unit_name! } : null, estimate: zero(), spending: zero(),
    }).get(key)!;
    if (s.kind === 'estimate') { add(row.estimate, s.source, s.amount); add(estimate, s.source, s.amount); }
    else { add(row.spending, s.source, s.amount); add(spending, s.source, s.amount); }
  }
  return { planId: plan.id, rows: [...rows.values()], estimate, spending };
}

/** A line's document is read by whoever reads budgets. */
export async function mayReadLineFile(db: Db, actor: Actor, id: string): Promise<boolean> {
  return !!(await repo.taskOfLine(db, id)) && can(budgetPolicy, 'read', actor, { leadIds: [] });
}
