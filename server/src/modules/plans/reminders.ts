import type { Db } from '../../platform/db.js';
import type { Clock } from '../../platform/clock.js';
import { notifyMany } from '../notifications/service.js';
import type { LateLine, ReminderLine } from '../notifications/catalogue.js';
import { daysBetween, periodEnd, type TaskStatus } from './domain.js';
import * as repo from './repository.js';
import { taskViews, today } from './service.js';

/** Days before a deadline when the lead unit is first reminded. */
export const REMIND_DAYS_BEFORE = 7;

interface Item { assignmentId: string; orgId: string; kind: 'due_soon' | 'overdue'; period: string; line: ReminderLine; issuerId: string; unitName: string }

const key = (a: string, o: string, k: string, p: string) => `${a}|${o}|${k}|${p}`;
type SentRow = { assignment_id: string; organisation_id: string; kind: string; period: string };

/** Record warnings as sent; answers the ones never sent before (one insert that reports what it inserted). */
async function markSent(tx: Db, items: { assignmentId: string; orgId: string; kind: string; period: string }[], on: string): Promise<Set<string>> {
  if (!items.length) return new Set();
  const fresh = await tx.query<SentRow>(
    `INSERT INTO reminder_sent (assignment_id, organisation_id, kind, period, sent_on)
     SELECT assignment_id, organisation_id, kind, period, $2::date FROM jsonb_to_recordset($1::jsonb)
       AS r(assignment_id uuid, organisation_id uuid, kind text, period text)
     ON CONFLICT DO NOTHING RETURNING assignment_id, organisation_id, kind, period`,
    [JSON.stringify(items.map((c) => ({ assignment_id: c.assignmentId, organisation_id: c.orgId, kind: c.kind, period: c.period }))), on],
  );
  return new Set(fresh.map((f) => key(f.assignment_id, f.organisation_id, f.kind, f.period)));
}

const group = <T>(xs: T[], by: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) (m.get(by(x)) ?? m.set(by(x), []).get(by(x))!).push(x);
  return m;
};

/**
 * Đôn đốc: for every lead unit, tasks whose deadline is within a week and tasks that became
 * overdue, each warned about once (per period for recurring tasks), gathered into one digest
 * per unit per run (e-mailed by the notifications' job). The plan's issuer is told of the late
 * ones too ("báo cáo chậm"): each late unit's task once, in at most one notice a day (what
 * becomes late after that day's notice waits for the next day's); an issuer that leads the late
 * task itself already has it in its own digest.
 */
export async function runReminders(db: Db, clock: Clock): Promise<{ units: number; dueSoon: number; overdue: number; issuers: number }> {
  const d = today(clock);
  const tasks = await taskViews(db, {}, d);
  const issuers = new Map((await repo.planIssuers(db)).map((p) => [p.id, p.issuer_id]));
  const candidates: Item[] = [];
  for (const t of tasks) for (const a of t.assignments) for (const l of a.leads) {
    const status = l.status as TaskStatus;
    if (status === 'done') continue;
    const deadline = periodEnd(a.window, l.period);
    const left = daysBetween(d, deadline);
    const line = { planNumber: t.planNumber, taskNumber: t.number, content: t.content, deadline };
    const base = { assignmentId: a.id, orgId: l.id, period: l.period ?? '', line, issuerId: issuers.get(t.planId) ?? '', unitName: l.shortName ?? l.name };
    if (status === 'overdue') candidates.push({ ...base, kind: 'overdue' });
    else if (left >= 0 && left <= REMIND_DAYS_BEFORE) candidates.push({ ...base, kind: 'due_soon' });
  }
  const late = candidates.filter((c) => c.kind === 'overdue' && c.issuerId && c.issuerId !== c.orgId);
  if (!candidates.length) return { units: 0, dueSoon: 0, overdue: 0, issuers: 0 };
  return db.tx(async (tx) => {
    const sent = await markSent(tx, candidates, d);
    const byOrg = group(candidates.filter((c) => sent.has(key(c.assignmentId, c.orgId, c.kind, c.period))), (c) => c.orgId);
    const notes = [...byOrg].map(([orgId, items]) => ({
      organisationId: orgId, link: '/nhiem-vu', kind: 'task_reminder' as const,
      params: { overdue: items.filter((i) => i.kind === 'overdue').map((i) => i.line), dueSoon: items.filter((i) => i.kind === 'due_soon').map((i) => i.line) },
    }));

    // the issuers: those with a late unit not yet reported to them, each claiming today once
    const unreported = late.length ? await repo.unsentIssuerWarnings(tx, late.map((c) => ({ assignment_id: c.assignmentId, organisation_id: c.orgId, period: c.period }))) : [];
    const pending = new Set(unreported.map((r) => key(r.assignment_id, r.organisation_id, 'issuer_overdue', r.period)));
    const waiting = late.filter((c) => pending.has(key(c.assignmentId, c.orgId, 'issuer_overdue', c.period)));
    const claimedToday = await repo.claimIssuerDay(tx, [...new Set(waiting.map((c) => c.issuerId))], d);
    const claimed = waiting.filter((c) => claimedToday.has(c.issuerId));
    const told = await markSent(tx, claimed.map((c) => ({ ...c, kind: 'issuer_overdue' })), d);
    const byIssuer = group(claimed.filter((c) => told.has(key(c.assignmentId, c.orgId, 'issuer_overdue', c.period))), (c) => c.issuerId);
    const issuerNotes = [...byIssuer].map(([issuerId, items]) => ({
      organisationId: issuerId, link: '/nhiem-vu?xem=qua-han', kind: 'task_late' as const,
      params: { lines: items.map((i): LateLine => ({ ...i.line, unitName: i.unitName })) },
    }));
    await notifyMany(tx, [...notes, ...issuerNotes]);
    const all = [...byOrg.values()].flat();
    return { units: byOrg.size, dueSoon: all.filter((i) => i.kind === 'due_soon').length, overdue: all.filter((i) => i.kind === 'overdue').length, issuers: byIssuer.size };
  });
}
