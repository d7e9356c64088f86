import { withSettings, type Db } from '../../platform/db.js';
import type { WindowKind } from './domain.js';

export interface PlanRow {
  id: string; key: string; number: string; type: 'ke_hoach' | 'quyet_dinh'; title: string; issuer_id: string; issuer_name: string; issuer_kind: string;
  issuer_short_name: string | null; signed_on: string | null; place: string | null; signer_title: string | null; period_from: string | null;
  period_to: string | null; legal_bases: string[]; recipients: string[]; calendar: unknown[]; rules: unknown;
}

const PLAN_SELECT = `SELECT p.id, p.key, p.number, p.type, p.title, p.issuer_id, o.name AS issuer_name, o.kind AS issuer_kind, o.short_name AS issuer_short_name,
    p.signed_on, p.place, p.signer_title, p.period_from, p.period_to, p.legal_bases, p.recipients, p.calendar, p.rules
  FROM plan p JOIN organisation o ON o.id = p.issuer_id`;

export const listPlans = (db: Db) => db.query<PlanRow>(`${PLAN_SELECT} ORDER BY p.signed_on DESC NULLS LAST, p.number`);

export async function planByIdOrKey(db: Db, idOrKey: string): Promise<PlanRow | undefined> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrKey);
  return db.maybeOne<PlanRow>(`${PLAN_SELECT} WHERE ${isUuid ? 'p.id = $1::uuid' : 'p.key = $1'}`, [idOrKey]);
}

export const sections = (db: Db, planId: string) =>
  db.query<{ id: string; code: string; title: string; parent_code: string | null; kind: string }>(
    'SELECT id, code, title, parent_code, kind FROM plan_section WHERE plan_id = $1 ORDER BY position', [planId]);

/** The plan's goals and targets, each with its latest measurement taken on or before a date. */
export const goals = (db: Db, planId: string, asOf: string) =>
  db.query<{ goal_id: string; goal_code: string; goal_text: string; target_id: string | null; label: string | null; target_value: number | null; unit: string | null; target_date: string | null; baseline_value: number | null; measured_value: number | null; measured_on: string | null; computed: string | null }>(
    `SELECT g.id AS goal_id, g.code AS goal_code, g.text AS goal_text, t.id AS target_id, t.label, t.target_value, t.unit, t.target_date, t.baseline_value, t.computed,
            m.value AS measured_value, m.measured_on
       FROM plan_goal g LEFT JOIN plan_target t ON t.goal_id = g.id
       LEFT JOIN LATERAL (SELECT value, measured_on FROM plan_target_measurement WHERE target_id = t.id AND measured_on <= $2::date ORDER BY measured_on DESC, recorded_at DESC LIMIT 1) m ON true
      WHERE g.plan_id = $1 ORDER BY g.position, t.position`, [planId, asOf]);

export const measurements = (db: Db, targetId: string) =>
  db.query<{ id: string; value: number; measured_on: string; note: string | null; recorded_at: Date }>(
    'SELECT id, value, measured_on, note, recorded_at FROM plan_target_measurement WHERE target_id = $1 ORDER BY measured_on, recorded_at', [targetId]);

export interface AssignmentRow {
  id: string; task_id: string; plan_id: string; plan_key: string; plan_number: string; plan_title: string; plan_signed_on: string | null; section_code: string | null; section_title: string | null;
  task_number: string; task_content: string; task_position: number; position: number; lead_text: string; partner_text: string | null;
  time_text: string; window_kind: WindowKind; window_from: string; window_to: string; due: string | null; deliverables: string[];
  lead_groups: string[]; partner_groups: string[]; legal_basis: string | null; notes: string | null; budget: string | null;
  /** the task's countable deliverable: how many records of which kinds ('' text: none) */
  target_count: number | null; target_kinds: string[] | null; target_text: string | null;
}

export interface AssignmentFilter { planId?: string; taskId?: string; organisationId?: string; role?: 'lead' | 'any'; sectionCode?: string; q?: string; assignmentIds?: string[]; taskIds?: string[] }

/** Assignments with their task, section and plan: newest plan first, then plan id, task position, task id (the paging key). */
export async function assignments(db: Db, f: AssignmentFilter): Promise<AssignmentRow[]> {
  const w: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.planId) w.push(`a.plan_id = ${p(f.planId)}::uuid`);
  if (f.taskId) w.push(`a.task_id = ${p(f.taskId)}::uuid`);
  if (f.assignmentIds) w.push(`a.id = ANY(${p(f.assignmentIds)}::uuid[])`);
  if (f.taskIds) w.push(`a.task_id = ANY(${p(f.taskIds)}::uuid[])`);
  if (f.sectionCode) w.push(`s.code = ${p(f.sectionCode)}`);
  if (f.q) w.push(`t.search LIKE ${p('%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')}`);
  if (f.organisationId) {
    w.push(`EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = a.id AND u.organisation_id = ${p(f.organisationId)}::uuid${f.role === 'any' ? '' : " AND u.role = 'lead'"})`);
  }
  return db.query<AssignmentRow>(
    `SELECT a.id, a.task_id, a.plan_id, pl.key AS plan_key, pl.number AS plan_number, pl.title AS plan_title, pl.signed_on AS plan_signed_on, s.code AS section_code, s.title AS section_title,
            t.number AS task_number, t.content AS task_content, t.position AS task_position, a.position, a.lead_text, a.partner_text, a.time_text,
            a.window_kind, a.window_from, a.window_to, a.due, a.deliverables, a.lead_groups, a.partner_groups, t.legal_basis, t.notes, t.budget,
            t.target_count, t.target_kinds, t.target_text
       FROM task_assignment a JOIN plan_task t ON t.id = a.task_id JOIN plan pl ON pl.id = a.plan_id
       LEFT JOIN plan_section s ON s.id = t.section_id
      ${w.length ? 'WHERE ' + w.join(' AND ') : ''}
      ORDER BY pl.signed_on DESC NULLS LAST, pl.id, t.position, t.id, a.position`,
    params,
  );
}

export const units = (db: Db, assignmentIds: string[]) =>
  db.query<{ assignment_id: string; organisation_id: string; role: 'lead' | 'partner'; name: string; short_name: string | null; kind: string }>(
    `SELECT u.assignment_id, u.organisation_id, u.role, o.name, o.short_name, o.kind
       FROM assignment_unit u CROSS JOIN LATERAL (SELECT o.name, o.short_name, o.kind FROM organisation o WHERE o.id = u.organisation_id LIMIT 1) o
      WHERE u.assignment_id = ANY($1::uuid[]) ORDER BY o.name COLLATE "und-x-icu"`, [assignmentIds]);

/**
 * The latest update of each (assignment, unit, period) recorded on or before a date: a status
 * "as of" a past date ignores what was reported after it. Read from task_update_latest (kept by
 * the writing transaction, migration 0047, with the update's state and percent); only a key whose
 * latest update was reported after the date is looked up in its history. Only what a status needs
 * (the notes, milestones and deliverables are the task page's, `updatesOfTask`): on the embedded
 * engine, handing over the rows cost as much as finding them.
 */
export const latestUpdates = (db: Db, assignmentIds: string[], asOf: string) =>
  db.query<{ id: string; assignment_id: string; organisation_id: string; period: string; state: 'in_progress' | 'done' | 'blocked'; percent: number | null; reported_on: string }>(
    `SELECT l.update_id AS id, l.assignment_id, l.organisation_id, l.period, l.state, l.percent, l.reported_on
       FROM task_update_latest l
      WHERE l.assignment_id = ANY($1::uuid[]) AND l.reported_on <= $2::date
     UNION ALL
     SELECT h.id, h.assignment_id, h.organisation_id, h.period, h.state, h.percent, h.reported_on
       FROM task_update_latest l
       CROSS JOIN LATERAL (SELECT u.id, u.assignment_id, u.organisation_id, u.period, u.state, u.percent, u.reported_on FROM task_update u
                            WHERE u.assignment_id = l.assignment_id AND u.organisation_id = l.organisation_id AND u.period = l.period AND u.reported_on <= $2::date
                            ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1) h
      WHERE l.assignment_id = ANY($1::uuid[]) AND l.reported_on > $2::date
      ORDER BY 2, 3, 4`, [assignmentIds, asOf]);

export const updatesOfTask = (db: Db, taskId: string) =>
  db.query<{ id: string; assignment_id: string; organisation_id: string; organisation_name: string; period: string; state: 'in_progress' | 'done' | 'blocked'; percent: number | null; milestone: string | null; note: string | null; deliverables: string[]; reported_on: string; created_at: Date; author: string | null; files: { id: string; name: string; size: number; mime: string }[] }>(
    `SELECT u.id, u.assignment_id, u.organisation_id, o.name AS organisation_name, u.period, u.state, u.percent, u.milestone, u.note, u.deliverables,
            u.reported_on, u.created_at, au.display_name AS author,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'size', f.size, 'mime', f.mime) ORDER BY f.name)
                        FROM task_update_file uf JOIN stored_file f ON f.id = uf.file_id WHERE uf.update_id = u.id), '[]'::jsonb) AS files
       FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id JOIN organisation o ON o.id = u.organisation_id
       LEFT JOIN app_user au ON au.id = u.created_by
      WHERE a.task_id = $1 ORDER BY u.reported_on DESC, u.created_at DESC`, [taskId]);

/** Evidence files of the updates reported on or before a date, per assignment (for reports). */
export const evidenceNames = (db: Db, planId: string, asOf: string) =>
  db.query<{ assignment_id: string; names: string[] }>(
    `SELECT u.assignment_id, array_agg(DISTINCT f.name) AS names FROM task_update u JOIN task_update_file uf ON uf.update_id = u.id
       JOIN stored_file f ON f.id = uf.file_id JOIN task_assignment a ON a.id = u.assignment_id WHERE a.plan_id = $1 AND u.reported_on <= $2::date GROUP BY u.assignment_id`, [planId, asOf]);

export const existingTaskNumbers = async (db: Db, planId: string) =>
  new Set((await db.query<{ number: string }>('SELECT number FROM plan_task WHERE plan_id = $1', [planId])).map((r) => r.number));

export const nextTaskPosition = async (db: Db, planId: string) =>
  Number((await db.one<{ n: number }>('SELECT COALESCE(max(position) + 1, 0) AS n FROM plan_task WHERE plan_id = $1', [planId])).n);

export const targetWithIssuer = (db: Db, targetId: string) =>
  db.maybeOne<{ plan_id: string; issuer_id: string; issuer_kind: string }>(
    'SELECT t.plan_id, p.issuer_id, o.kind AS issuer_kind FROM plan_target t JOIN plan p ON p.id = t.plan_id JOIN organisation o ON o.id = p.issuer_id WHERE t.id = $1', [targetId]);

export const insertMeasurement = (db: Db, targetId: string, value: number, measuredOn: string, note: string | null, userId: string | null) =>
  db.one<{ id: string }>('INSERT INTO plan_target_measurement (target_id, value, measured_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [targetId, value, measuredOn, note, userId]);

export interface UpdateRow { assignmentId: string; organisationId: string; period: string; state: string; percent: number | null; milestone: string | null; note: string | null; deliverables: string[]; reportedOn: string; createdBy: string | null }

export const insertUpdate = (db: Db, u: UpdateRow) =>
  db.one<{ id: string }>(
    `INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, milestone, note, deliverables, reported_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING id`,
    [u.assignmentId, u.organisationId, u.period, u.state, u.percent, u.milestone, u.note, JSON.stringify(u.deliverables), u.reportedOn, u.createdBy]);

export const attachUpdateFile = (db: Db, updateId: string, fileId: string) =>
  db.query('INSERT INTO task_update_file (update_id, file_id) VALUES ($1, $2)', [updateId, fileId]);

/** The issuer as a report's header names it: its parent body and province. */
export const issuerOfReport = (db: Db, organisationId: string) =>
  db.one<{ name: string; short_name: string | null; kind: string; parent_name: string | null; province_name: string | null }>(
    `SELECT o.name, o.short_name, o.kind, p.name AS parent_name, a.name AS province_name FROM organisation o
       LEFT JOIN organisation p ON p.id = o.parent_id LEFT JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = o.province_code
      WHERE o.id = $1`, [organisationId]);

export const planOfUpdate = (db: Db, updateId: string) =>
  db.maybeOne<{ issuer_id: string; issuer_kind: string }>(
    `SELECT p.issuer_id, o.kind AS issuer_kind FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id JOIN plan p ON p.id = a.plan_id
       JOIN organisation o ON o.id = p.issuer_id WHERE u.id = $1`, [updateId]);

/** Every assignment's window and lead units (for loaders). */
export const assignmentLeads = (db: Db) =>
  db.query<{ id: string; window_kind: string; window_from: string; window_to: string; due: string | null; leads: string[] }>(
    `SELECT a.id, a.window_kind, a.window_from::text, a.window_to::text, a.due::text,
            coalesce(array_agg(u.organisation_id ORDER BY o.code) FILTER (WHERE u.role = 'lead'), '{}') AS leads
       FROM task_assignment a JOIN plan p ON p.id = a.plan_id JOIN plan_task t ON t.id = a.task_id
       LEFT JOIN assignment_unit u ON u.assignment_id = a.id LEFT JOIN organisation o ON o.id = u.organisation_id
      GROUP BY a.id, p.key, t.position ORDER BY p.key, t.position, a.position`);

/** Progress reported in the past, dated as reported; only rows whose unit leads the assignment are written. */
export async function insertPastUpdates(db: Db, rows: (Omit<UpdateRow, 'deliverables' | 'createdBy'> & { createdAt: string })[]): Promise<number> {
  const CHUNK = 2000;
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const written = await db.query(
      `INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, milestone, note, reported_on, created_at)
       SELECT x."assignmentId", x."organisationId", x.period, x.state, x.percent, x.milestone, x.note, x."reportedOn", x."createdAt"
         FROM jsonb_to_recordset($1::jsonb) AS x("assignmentId" uuid, "organisationId" uuid, period text, state text, percent int, milestone text, note text, "reportedOn" date, "createdAt" timestamptz)
        WHERE EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = x."assignmentId" AND u.organisation_id = x."organisationId" AND u.role = 'lead')
        ORDER BY x."createdAt" RETURNING id`,
      [JSON.stringify(rows.slice(i, i + CHUNK))]);
    n += written.length;
  }
  return n;
}

/** Each plan's issuer (who is told of late reports). */
export const planIssuers = (db: Db) => db.query<{ id: string; issuer_id: string }>('SELECT id, issuer_id FROM plan');

/** Of late (assignment, unit, period) triples, those not yet reported to the plan's issuer. */
export const unsentIssuerWarnings = (db: Db, rows: { assignment_id: string; organisation_id: string; period: string }[]) =>
  db.query<{ assignment_id: string; organisation_id: string; period: string }>(
    `SELECT r.assignment_id, r.organisation_id, r.period FROM jsonb_to_recordset($1::jsonb) AS r(assignment_id uuid, organisation_id uuid, period text)
      WHERE NOT EXISTS (SELECT 1 FROM reminder_sent s WHERE s.assignment_id = r.assignment_id AND s.organisation_id = r.organisation_id AND s.kind = 'issuer_overdue' AND s.period = r.period)`,
    [JSON.stringify(rows)]);

/** Claim a day's notice for each issuer: answers the issuers not yet told that day (a concurrent run claims nothing twice). */
export async function claimIssuerDay(db: Db, issuerIds: string[], day: string): Promise<Set<string>> {
  if (!issuerIds.length) return new Set();
  const rows = await db.query<{ organisation_id: string }>(
    `INSERT INTO issuer_reminder_day (organisation_id, sent_on) SELECT unnest($1::uuid[]), $2::date ON CONFLICT DO NOTHING RETURNING organisation_id`, [issuerIds, day]);
  return new Set(rows.map((r) => r.organisation_id));
}

/** An organisation's province (a Department's plan places its collectives there). */
export const provinceOf = async (db: Db, organisationId: string) =>
  (await db.maybeOne<{ province_code: string | null }>('SELECT province_code FROM organisation WHERE id = $1', [organisationId]))?.province_code ?? null;

/**
 * The last day of each held record (activities module's register) that counts toward the tasks'
 * countable deliverables, on or before a date: of a kind the deliverable names.
 */
export const recordDates = (db: Db, taskIds: string[], asOf: string) =>
  db.query<{ task_id: string; held_on: string[] }>(
    `SELECT l.task_id, array_agg(to_char(a.ends_on, 'YYYY-MM-DD') ORDER BY a.ends_on) AS held_on
       FROM activity_task l JOIN plan_task t ON t.id = l.task_id JOIN activity a ON a.id = l.activity_id
      WHERE l.task_id = ANY($1::uuid[]) AND t.target_kinds IS NOT NULL AND a.kind = ANY(t.target_kinds) AND a.state = 'held' AND a.ends_on <= $2::date
      GROUP BY l.task_id`, [taskIds, asOf]);

/** Tasks whose deliverables were never read for a countable target, with every deliverable of their assignments. */
export const tasksToCount = (db: Db) =>
  db.query<{ id: string; deliverables: string[] }>(
    `SELECT t.id, COALESCE((SELECT jsonb_agg(d ORDER BY a.position) FROM task_assignment a, jsonb_array_elements_text(a.deliverables) d WHERE a.task_id = t.id), '[]'::jsonb) AS deliverables
       FROM plan_task t WHERE t.target_text IS NULL`);

/** Set tasks' countable targets (text '' : read, nothing to count). */
export async function setTargets(db: Db, rows: { id: string; count: number | null; kinds: string[] | null; text: string }[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE plan_task t SET target_count = r.count, target_kinds = r.kinds, target_text = r.text
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, count int, kinds text[], text text) WHERE t.id = r.id`, [JSON.stringify(rows)]);
}

/**
 * Targets measured from the platform's records at a date ($1), by name. Each reads other modules'
 * tables (reads across modules are allowed in SQL); $2 is the first day of the date's school year.
 */
const COMPUTED: Record<string, string> = {
  // Hanoi's twinning plan III.3-b "at least 01 activity per pair per school year": the fewest
  // activities an active pair has had this school year (0 while one has none); null without pairs
  twinning_min_activities_school_year: `SELECT min(n)::int AS value FROM (
      SELECT p.id, count(a.id) AS n FROM twinning_pair p
        LEFT JOIN twinning_activity a ON a.pair_id = p.id AND a.held_on BETWEEN $2::date AND $1::date
       WHERE p.status = 'active' AND (p.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $1::date GROUP BY p.id) x`,
  // plan 237 II.2-a "6 to 10 startup models": proposals the Ministry approved by a decision dated by then (the school year is not used)
  startup_models_approved: `SELECT count(*)::int AS value FROM startup_proposal WHERE state = 'approved' AND decision_date <= $1::date AND $2::date IS NOT NULL`,
};
export const COMPUTATIONS = Object.keys(COMPUTED);

export async function computedValue(db: Db, name: string, asOf: string): Promise<number | null> {
  const sql = COMPUTED[name];
  if (!sql) return null;
  const y = Number(asOf.slice(0, 4)) - (asOf.slice(5) >= '09-01' ? 0 : 1);
  const r = await db.maybeOne<{ value: number | string | null }>(sql, [asOf, `${y}-09-01`]);
  return r?.value === null || r?.value === undefined ? null : Number(r.value);
}

/** Mark targets measured from data (plan key, goal code, target position → computation), where not yet marked. */
export async function markComputed(db: Db, rows: { planKey: string; goalCode: string; position: number; computed: string }[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE plan_target t SET computed = r.computed FROM jsonb_to_recordset($1::jsonb) AS r(plan_key text, goal_code text, position int, computed text), plan p, plan_goal g
      WHERE p.key = r.plan_key AND g.plan_id = p.id AND g.code = r.goal_code AND t.goal_id = g.id AND t.position = r.position AND t.computed IS NULL`,
    [JSON.stringify(rows.map((r) => ({ plan_key: r.planKey, goal_code: r.goalCode, position: r.position, computed: r.computed })))]);
}

/** The records (activities module's register) held by a date that serve the tasks of a plan, for its report: title and last day, per task. */
export const recordsOfPlan = (db: Db, planId: string, asOf: string) =>
  db.query<{ task_id: string; titles: string[]; kinds: string[] }>(
    `SELECT l.task_id, array_agg(a.title || ' (' || to_char(a.ends_on, 'DD/MM/YYYY') || ')' ORDER BY a.ends_on, a.id) AS titles, array_agg(a.kind ORDER BY a.ends_on, a.id) AS kinds
       FROM activity_task l JOIN plan_task t ON t.id = l.task_id JOIN activity a ON a.id = l.activity_id
      WHERE t.plan_id = $1 AND a.state = 'held' AND a.ends_on <= $2::date GROUP BY l.task_id`, [planId, asOf]);

/**
 * A plan's budget by section for its report at a date: the budgets module's lines of that year and
 * before, and the ledger's accepted contributions linked to its tasks pledged by that date:
 * the estimate, the amounts spent as typed, and social resources spent from the ledger; summed in SQL.
 */
export const budgetOfPlan = (db: Db, planId: string, asOf: string) =>
  db.query<{ section_code: string | null; section_title: string | null; estimate: string; spent: string; ledger: string }>(
    `WITH lines AS (
       SELECT t.section_id, sum(b.amount_vnd) FILTER (WHERE b.kind = 'estimate') AS estimate, sum(b.amount_vnd) FILTER (WHERE b.kind = 'spending') AS spent, 0::numeric AS ledger
         FROM budget_line b JOIN plan_task t ON t.id = b.task_id
        WHERE t.plan_id = $1 AND b.year <= extract(year FROM $2::date)
        GROUP BY t.section_id
       UNION ALL
       SELECT t.section_id, 0, 0, sum(k.value_vnd)
         FROM contribution k JOIN plan_task t ON t.id = k.plan_task_id
        WHERE t.plan_id = $1 AND k.status = 'accepted' AND k.pledged_on <= $2::date
        GROUP BY t.section_id)
     SELECT s.code AS section_code, s.title AS section_title, COALESCE(sum(l.estimate), 0)::text AS estimate, COALESCE(sum(l.spent), 0)::text AS spent, COALESCE(sum(l.ledger), 0)::text AS ledger
       FROM lines l LEFT JOIN plan_section s ON s.id = l.section_id
      GROUP BY s.code, s.title, s.position
     ORDER BY s.position NULLS LAST, s.code`, [planId, asOf]);

/** The startup models (startups module) approved by a decision dated by then, for the report of a plan whose target counts them. */
export const approvedStartupModels = (db: Db, asOf: string) =>
  db.query<{ title: string; institution: string; locality: string; decision_number: string | null; decision_date: string }>(
    `SELECT p.title, COALESCE(o.short_name, o.name) AS institution, p.locality, p.decision_number, to_char(p.decision_date, 'DD/MM/YYYY') AS decision_date
       FROM startup_proposal p JOIN organisation o ON o.id = p.institution_id
      WHERE p.state = 'approved' AND p.decision_date <= $1::date ORDER BY p.decision_date, p.id LIMIT 200`, [asOf]);

// ---------- task status derived in SQL (the same rules as domain.ts, which stays the reference) ----------

/** A status's rank as domain.ts `rollUp` orders them (the most pressing highest), and back. */
export const STATUS_BY_RANK = ['done', 'not_started', 'on_track', 'at_risk', 'overdue'] as const;

/**
 * The status of every assignment and task chosen by `where` (over task_assignment a and plan_task
 * t), as of the date `today` (a placeholder such as `$1::date`), set-based: CTEs ending in
 * `task_status (task_id, plan_id, r, assignments)`, r the rank of the task's status (STATUS_BY_RANK).
 * Rules of domain.ts: the window's periods (`periodsOf`, each calendar or school year cut to the
 * window, else one period to the due date), the period of today (`periodAt`: the one holding it,
 * else the first before the window, the last after), each lead unit's latest update of that period
 * reported by today (with no lead, any unit's; a lead's from task_update_latest, joined to the
 * leads as a set and holding the update's state and percent, its history read only when that
 * latest was reported after today), the records held toward a countable deliverable
 * as updates of their own (`recordUpdates`: the latest wins a tie), `periodStatus` on it (float
 * arithmetic as in JavaScript), and `rollUp` (the highest rank) over units, then assignments.
 */
export function taskStatusCte(where: string, today: string): string {
  const T = today;
  const recurring = `a.window_kind IN ('every_year', 'every_school_year')`;
  const schoolYear = (d: string) => `(extract(year FROM ${d})::int - CASE WHEN extract(month FROM ${d}) >= 9 THEN 0 ELSE 1 END)`;
  return `asg AS (
  SELECT a.id, a.task_id, a.plan_id, a.window_kind, a.window_from, a.window_to, a.due, t.target_count, t.target_kinds, ${recurring} AS recurring
    FROM task_assignment a JOIN plan_task t ON t.id = a.task_id
   WHERE ${where}
), cur AS (
  SELECT a.*, p.key, p.p_from, p.p_to
    FROM asg a CROSS JOIN LATERAL (
      SELECT ps.key, ps.p_from, ps.p_to FROM (
        SELECT y::text AS key, greatest(make_date(y, 1, 1), a.window_from) AS p_from, least(make_date(y, 12, 31), a.window_to) AS p_to, y AS i
          FROM generate_series(extract(year FROM a.window_from)::int, extract(year FROM a.window_to)::int) y WHERE a.window_kind = 'every_year'
        UNION ALL
        SELECT y || '-' || (y + 1), greatest(make_date(y, 9, 1), a.window_from), least(make_date(y + 1, 8, 31), a.window_to), y
          FROM generate_series(${schoolYear('a.window_from')}, ${schoolYear('a.window_to')}) y WHERE a.window_kind = 'every_school_year'
        UNION ALL
        SELECT '', a.window_from, coalesce(a.due, a.window_to), 0 WHERE NOT a.recurring) ps
      ORDER BY (${T} BETWEEN ps.p_from AND ps.p_to) DESC, CASE WHEN ${T} < a.window_from THEN ps.i ELSE -ps.i END
      LIMIT 1) p
), lasts AS (
  SELECT c.id, c.task_id, c.plan_id, c.p_from, c.p_to,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN CASE WHEN rec.n >= c.target_count THEN 'done' ELSE 'in_progress' END ELSE lu.state END AS state,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN least(100, floor((rec.n::float8 / c.target_count) * 100 + 0.5)) ELSE lu.percent END AS percent
    FROM cur c
    LEFT JOIN assignment_unit l ON l.assignment_id = c.id AND l.role = 'lead'
    LEFT JOIN task_update_latest x ON x.assignment_id = c.id AND x.organisation_id = l.organisation_id AND x.period = c.key
    LEFT JOIN LATERAL (
      SELECT x.state, x.percent, x.reported_on WHERE x.reported_on <= ${T}
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE x.reported_on > ${T} AND u.assignment_id = x.assignment_id AND u.organisation_id = x.organisation_id AND u.period = x.period AND u.reported_on <= ${T}
        ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1)
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE l.organisation_id IS NULL AND u.assignment_id = c.id AND u.period = c.key AND u.reported_on <= ${T}
        ORDER BY u.reported_on DESC, u.organisation_id DESC, u.created_at DESC, u.id DESC LIMIT 1)) lu ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, max(h.ends_on) AS last_on FROM activity_task x JOIN activity h ON h.id = x.activity_id
       WHERE c.target_count > 0 AND x.task_id = c.task_id AND h.kind = ANY(c.target_kinds) AND h.state = 'held' AND h.ends_on <= ${T}
         AND (NOT c.recurring OR h.ends_on BETWEEN c.p_from AND c.p_to)) rec ON true
), unit_status AS (
  SELECT l.id, l.task_id, l.plan_id, CASE
      WHEN l.state = 'done' THEN 0
      WHEN ${T} > l.p_to THEN 4
      WHEN ${T} < l.p_from THEN CASE WHEN l.state IS NULL THEN 1 ELSE 2 END
      WHEN l.state IS NULL THEN CASE WHEN (${T} - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) >= 0.5 OR (l.p_to - ${T} <= 14 AND l.p_to - l.p_from + 1 > 14) THEN 3 ELSE 1 END
      WHEN l.state = 'blocked' THEN 3
      WHEN coalesce(l.percent, 0) + 25 < (${T} - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) * 100 THEN 3
      WHEN l.p_to - ${T} <= 14 AND coalesce(l.percent, 0) < 75 THEN 3
      ELSE 2 END AS r
    FROM lasts l
), assignment_status AS (
  SELECT id, task_id, plan_id, max(r) AS r FROM unit_status GROUP BY id, task_id, plan_id
), task_status AS (
  SELECT task_id, plan_id, max(r) AS r, count(*) AS assignments FROM assignment_status GROUP BY task_id, plan_id
)`;
}

/** Each task's status (rank) at a date, derived in SQL: every task, or those of some tasks (tests, checks). */
export const taskStatuses = (db: Db, asOf: string, taskIds?: string[]) =>
  db.query<{ task_id: string; r: number }>(
    `WITH ${taskStatusCte(taskIds ? 'a.task_id = ANY($2::uuid[])' : 'true', '$1::date')}
     SELECT task_id, r FROM task_status ORDER BY task_id`, taskIds ? [asOf, taskIds] : [asOf]);

/** Each assignment's status (rank) at a date, derived in SQL, for some tasks (tests). */
export const assignmentStatuses = (db: Db, asOf: string, taskIds: string[]) =>
  db.query<{ id: string; r: number }>(
    `WITH ${taskStatusCte('a.task_id = ANY($2::uuid[])', '$1::date')}
     SELECT id, r FROM assignment_status ORDER BY id`, [asOf, taskIds]);

/**
 * The status statement without PostgreSQL's JIT: the planner prices its per-unit lookups high
 * enough to compile it (178 ms of code generation for a 200-ms statement at 100% of the national
 * data set), though it reads a few thousand index rows. In a transaction of its own (SET LOCAL).
 */
export const withoutJit = <T>(db: Db, run: (t: Db) => Promise<T>): Promise<T> =>
  // PGlite has no JIT: no transaction to set it in
  db.engine === 'pglite' ? run(db) : withSettings(db, { jit: 'off' }, run);

/** Per plan: its tasks, assignments and tasks by status at a date (the plans list), counted in SQL. */
export const planTallies = (db: Db, asOf: string) => withoutJit(db, (t) => planTalliesIn(t, asOf));
const planTalliesIn = (db: Db, asOf: string) =>
  db.query<{ plan_id: string; tasks: number; assignments: number; done: number; not_started: number; on_track: number; at_risk: number; overdue: number }>(
    `WITH ${taskStatusCte('true', '$1::date')}
     SELECT plan_id, count(*)::int AS tasks, sum(assignments)::int AS assignments,
            count(*) FILTER (WHERE r = 0)::int AS done, count(*) FILTER (WHERE r = 1)::int AS not_started, count(*) FILTER (WHERE r = 2)::int AS on_track,
            count(*) FILTER (WHERE r = 3)::int AS at_risk, count(*) FILTER (WHERE r = 4)::int AS overdue
       FROM task_status GROUP BY plan_id`, [asOf]);

/** The paging key of a task list: newest plan first (unsigned last), then plan id, task position, task id. */
export type TaskKey = [string | null, string, number, string];

/**
 * One page of the overdue tasks at a date (of one plan or all), chosen in SQL: the tasks' ids in
 * list order after a key, `limit` of them, and how many there are in all.
 */
export async function overdueTaskIds(db: Db, asOf: string, planId: string | undefined, after: TaskKey | null, limit: number) {
  const params: unknown[] = [asOf];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = planId ? `a.plan_id = ${p(planId)}::uuid` : 'true';
  let keyset = 'true';
  if (after) {
    const [signed, plan, position, id] = after;
    const rest = `(pl.id, t.position, t.id) > (${p(plan)}::uuid, ${p(position)}::int, ${p(id)}::uuid)`;
    keyset = signed === null ? `pl.signed_on IS NULL AND ${rest}`
      : `(pl.signed_on IS NULL OR pl.signed_on < ${p(signed)}::date OR (pl.signed_on = $${params.length}::date AND ${rest}))`;
  }
  return withoutJit(db, (t) => overduePage(t, where, keyset, params, limit));
}

async function overduePage(db: Db, where: string, keyset: string, params: unknown[], limit: number) {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const rows = await db.query<{ task_id: string; total: number }>(
    `WITH ${taskStatusCte(where, '$1::date')}
     SELECT s.task_id, (SELECT count(*) FROM task_status WHERE r = 4)::int AS total
       FROM task_status s JOIN plan_task t ON t.id = s.task_id JOIN plan pl ON pl.id = s.plan_id
      WHERE s.r = 4 AND ${keyset}
      ORDER BY pl.signed_on DESC NULLS LAST, pl.id, t.position, t.id
      LIMIT ${p(limit)}`, params);
  const total = rows.length ? Number(rows[0].total) : Number((await db.one<{ n: number }>(
    `WITH ${taskStatusCte(where, '$1::date')} SELECT count(*)::int AS n FROM task_status WHERE r = 4`, params.slice(0, where === 'true' ? 1 : 2))).n);
  return { ids: rows.map((r) => r.task_id), total };
}
