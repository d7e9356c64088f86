import type { Db } from '../../platform/db.js';
import type { BudgetKind, BudgetSource } from '../../../../contracts/budgets.js';

export interface LineRow {
  id: string; kind: BudgetKind; source: BudgetSource; amount_vnd: string; year: number; organisation_id: string; unit_name: string;
  document_number: string | null; file_id: string | null; file_name: string | null; note: string | null; created_at: Date;
}
export const lines = (db: Db, taskId: string) =>
  db.query<LineRow>(
    `SELECT b.id, b.kind, b.source, b.amount_vnd::text, b.year, b.organisation_id, COALESCE(o.short_name, o.name) AS unit_name, b.document_number,
            b.document_file_id AS file_id, f.name AS file_name, b.note, b.created_at
       FROM budget_line b JOIN organisation o ON o.id = b.organisation_id LEFT JOIN stored_file f ON f.id = b.document_file_id
      WHERE b.task_id = $1 ORDER BY b.created_at, b.id`, [taskId]);

/** Sums of a task's lines by kind and source, and the ledger's accepted social resources linked to it (read from its table). */
export const taskSums = (db: Db, taskId: string) =>
  db.query<{ kind: string; source: string; amount: string }>(
    `SELECT kind, source, sum(amount_vnd)::text AS amount FROM budget_line WHERE task_id = $1 GROUP BY kind, source
     UNION ALL
     SELECT 'ledger', 'social_resources', COALESCE(sum(value_vnd), 0)::text FROM contribution WHERE plan_task_id = $1 AND status = 'accepted'`, [taskId]);

/**
 * A plan's sums by section and unit (the unit that entered the lines), and by section the ledger's
 * accepted social resources linked to its tasks (unit null); summed in SQL.
 */
export const planSums = (db: Db, planId: string) =>
  db.query<{ section_code: string | null; section_title: string | null; section_position: number | null; unit_id: string | null; unit_name: string | null; kind: string; source: string; amount: string }>(
    `SELECT s.code AS section_code, s.title AS section_title, s.position AS section_position, b.organisation_id AS unit_id, COALESCE(o.short_name, o.name) AS unit_name,
            b.kind, b.source, sum(b.amount_vnd)::text AS amount
       FROM budget_line b JOIN plan_task t ON t.id = b.task_id LEFT JOIN plan_section s ON s.id = t.section_id JOIN organisation o ON o.id = b.organisation_id
      WHERE t.plan_id = $1
      GROUP BY s.code, s.title, s.position, b.organisation_id, o.short_name, o.name, b.kind, b.source
     UNION ALL
     SELECT s.code, s.title, s.position, NULL, NULL, 'ledger', 'social_resources', sum(k.value_vnd)::text
       FROM contribution k JOIN plan_task t ON t.id = k.plan_task_id LEFT JOIN plan_section s ON s.id = t.section_id
      WHERE t.plan_id = $1 AND k.status = 'accepted'
      GROUP BY s.code, s.title, s.position
     ORDER BY 3 NULLS LAST, 1, 5 NULLS LAST`, [planId]);

export async function insertLine(db: Db, v: {
  id: string; taskId: string; organisationId: string; kind: BudgetKind; source: BudgetSource; amountVnd: number; year: number; documentNumber: string; fileId: string | null; note: string | null; createdBy: string | null;
}): Promise<void> {
  await db.query(
    `INSERT INTO budget_line (id, task_id, organisation_id, kind, source, amount_vnd, year, document_number, document_file_id, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [v.id, v.taskId, v.organisationId, v.kind, v.source, v.amountVnd, v.year, v.documentNumber, v.fileId, v.note, v.createdBy]);
}

export const taskOfLine = (db: Db, id: string) => db.maybeOne<{ task_id: string }>('SELECT task_id FROM budget_line WHERE id = $1', [id]);
