import type { Db } from '../../platform/db.js';
import type { Clock } from '../../platform/clock.js';
import { notifyMany } from '../notifications/service.js';
import type { ReminderLine } from '../notifications/catalogue.js';
import { daysBetween, type TaskStatus } from './domain.js';
import { taskViews, today } from './service.js';

/** Days before a deadline when the lead unit is first reminded. */
export const REMIND_DAYS_BEFORE = 7;

interface Item { assignmentId: string; orgId: string; kind: 'due_soon' | 'overdue'; period: string; line: ReminderLine }

/**
 * Đôn đốc: for every lead unit, tasks whose deadline is within a week and tasks that became
 * overdue, each warned about once (per period for recurring tasks), gathered into one digest
 * per unit per run (e-mailed by the notifications' job).
 */
export async function runReminders(db: Db, clock: Clock): Promise<{ units: number; dueSoon: number; overdue: number }> {
  const d = today(clock);
  const tasks = await taskViews(db, {}, d);
  const candidates: Item[] = [];
  for (const t of tasks) for (const a of t.assignments) for (const l of a.leads) {
    const status = l.status as TaskStatus;
    if (status === 'done') continue;
    const deadline = a.window.kind === 'every_year' ? `${l.period}-12-31` < a.window.to ? `${l.period}-12-31` : a.window.to : a.window.due ?? a.window.to;
    const left = daysBetween(d, deadline);
    const line = { planNumber: t.planNumber, taskNumber: t.number, content: t.content, deadline };
    if (status === 'overdue') candidates.push({ assignmentId: a.id, orgId: l.id, kind: 'overdue', period: l.period ?? '', line });
    else if (left >= 0 && left <= REMIND_DAYS_BEFORE) candidates.push({ assignmentId: a.id, orgId: l.id, kind: 'due_soon', period: l.period ?? '', line });
  }
  if (!candidates.length) return { units: 0, dueSoon: 0, overdue: 0 };
  const result = await db.tx(async (tx) => {
    // keep only what was never sent: one insert that reports what it inserted
    const fresh = await tx.query<{ assignment_id: string; organisation_id: string; kind: string; period: string }>(
      `INSERT INTO reminder_sent (assignment_id, organisation_id, kind, period, sent_on)
       SELECT assignment_id, organisation_id, kind, period, $2::date FROM jsonb_to_recordset($1::jsonb)
         AS r(assignment_id uuid, organisation_id uuid, kind text, period text)
       ON CONFLICT DO NOTHING RETURNING assignment_id, organisation_id, kind, period`,
      [JSON.stringify(candidates.map((c) => ({ assignment_id: c.assignmentId, organisation_id: c.orgId, kind: c.kind, period: c.period }))), d],
    );
    const key = (a: string, o: string, k: string, p: string) => `${a}|${o}|${k}|${p}`;
    const sent = new Set(fresh.map((f) => key(f.assignment_id, f.organisation_id, f.kind, f.period)));
    const byOrg = new Map<string, Item[]>();
    for (const c of candidates) if (sent.has(key(c.assignmentId, c.orgId, c.kind, c.period))) (byOrg.get(c.orgId) ?? byOrg.set(c.orgId, []).get(c.orgId)!).push(c);
    const notes = [...byOrg].map(([orgId, items]) => ({
      organisationId: orgId, link: '/nhiem-vu', kind: 'task_reminder' as const,
      params: { overdue: items.filter((i) => i.kind === 'overdue').map((i) => i.line), dueSoon: items.filter((i) => i.kind === 'due_soon').map((i) => i.line) },
    }));
    await notifyMany(tx, notes);
    const all = [...byOrg.values()].flat();
    return { units: byOrg.size, dueSoon: all.filter((i) => i.kind === 'due_soon').length, overdue: all.filter((i) => i.kind === 'overdue').length };
  });
  return result;
}
