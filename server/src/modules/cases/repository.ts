import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { CaseCategory, CaseOutcome, CaseSource, CaseState, CaseStep, RiskLevel } from '../../../../contracts/cases.js';

export interface CaseRow {
  id: string; school_id: string; school_name: string; province_code: string; commune_code: string; reference: string;
  category: CaseCategory; risk: RiskLevel; source: CaseSource; step: CaseStep; urgent: boolean; reported_at: Date; due_at: Date | null;
  first_action_at: Date | null; first_referral_at: Date | null; initial_assessment: string | null; outcome: CaseOutcome | null;
  closed_at: Date | null; anonymised_at: Date | null; created_at: Date;
}

const SELECT = `SELECT c.id, c.school_id, o.name AS school_name, c.province_code, c.commune_code, c.reference, c.category, c.risk, c.source, c.step, c.urgent,
    c.reported_at, c.due_at, c.first_action_at, c.first_referral_at, c.initial_assessment, c.outcome, c.closed_at, c.anonymised_at, c.created_at
  FROM support_case c JOIN organisation o ON o.id = c.school_id`;

export const byId = (db: Db, id: string) => db.maybeOne<CaseRow>(`${SELECT} WHERE c.id = $1`, [id]);
/** Lock a case's row until the transaction ends, before reading it; whether it exists. */
export const lock = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM support_case WHERE id = $1 FOR UPDATE', [id]));

export interface Assignee { user_id: string; name: string; lead: boolean }
/** The staff assigned to a case now. */
export const assignees = (db: Db, caseId: string) =>
  db.query<Assignee>(`SELECT a.user_id, u.display_name AS name, a.lead FROM case_assignment a JOIN app_user u ON u.id = a.user_id
    WHERE a.case_id = $1 AND a.ended_at IS NULL ORDER BY a.lead DESC, a.assigned_at, a.user_id`, [caseId]);
export const assigneesOf = (db: Db, caseIds: string[]) =>
  caseIds.length ? db.query<Assignee & { case_id: string }>(`SELECT a.case_id, a.user_id, u.display_name AS name, a.lead FROM case_assignment a JOIN app_user u ON u.id = a.user_id
    WHERE a.case_id = ANY($1::uuid[]) AND a.ended_at IS NULL ORDER BY a.lead DESC, a.assigned_at, a.user_id`, [caseIds]) : Promise.resolve([]);

/** The end of an account's break-glass access to a case at `now`, if any. */
export const grantUntil = async (db: Db, caseId: string, userId: string, now: Date) =>
  (await db.maybeOne<{ until: Date }>('SELECT max(expires_at) AS until FROM case_access_grant WHERE case_id = $1 AND user_id = $2 AND expires_at > $3::timestamptz', [caseId, userId, now.toISOString()]))?.until ?? null;

/** `state`: open (not closed), closed, or all (absent: all). */
export interface CaseFilter { schoolId?: string; assignedTo?: string; state?: CaseState; step?: CaseStep; urgent?: boolean }

function where(f: CaseFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  // the school's cases or those assigned to the account: the assigned ones read first as an array, so each side of the
  // OR reads its own index (support_case_school_idx, the primary key) rather than the whole table with a check per row
  if (f.schoolId && f.assignedTo) w.push(`(c.school_id = ${p(f.schoolId)}::uuid OR c.id = ANY (ARRAY(SELECT a.case_id FROM case_assignment a WHERE a.user_id = ${p(f.assignedTo)}::uuid AND a.ended_at IS NULL)))`);
  else if (f.schoolId) w.push(`c.school_id = ${p(f.schoolId)}::uuid`);
  else if (f.assignedTo) w.push(`EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.user_id = ${p(f.assignedTo)}::uuid AND a.ended_at IS NULL)`);
  if (f.state === 'open') w.push(`c.step <> 'closed'`);
  else if (f.state === 'closed') w.push(`c.step = 'closed'`);
  if (f.step) w.push(`c.step = ${p(f.step)}`);
  if (f.urgent !== undefined) w.push(`c.urgent = ${p(f.urgent)}`);
  return w;
}

/** Cases of the filter, newest report first, after the key (reported_at, id). */
export function list(db: Db, f: CaseFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(c.reported_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  const select = SELECT.replace('SELECT c.id,', `SELECT to_char(c.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, c.id,`);
  return db.query<CaseRow & { sort_at: string }>(`${select} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY c.reported_at DESC, c.id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: CaseFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  return Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM support_case c ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

export const pupil = (db: Db, caseId: string) =>
  db.maybeOne<{ full_name: string; class_name: string | null; record_code: string | null }>('SELECT full_name, class_name, record_code FROM case_pupil WHERE case_id = $1', [caseId]);

export const steps = (db: Db, caseId: string) =>
  db.query<{ from_step: string | null; to_step: string; reason: string | null; at: Date; actor: string | null }>(
    'SELECT e.from_step, e.to_step, e.reason, e.at, u.display_name AS actor FROM case_step_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.id', [caseId]);

export interface EntryRow { id: string; kind: string; body: string | null; occurred_on: string | null; plan: unknown; pupil_participated: boolean | null; parent_participated: boolean | null; author: string | null; created_at: Date }
export const entries = (db: Db, caseId: string) =>
  db.query<EntryRow>(`SELECT e.id, e.kind, e.body, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.plan, e.pupil_participated, e.parent_participated,
      u.display_name AS author, e.created_at FROM case_entry e LEFT JOIN app_user u ON u.id = e.author_id WHERE e.case_id = $1 ORDER BY e.created_at, e.id`, [caseId]);

/** The next reference number of a school in a year (under the case row's uniqueness; a race is a retry). */
export const nextSeq = async (db: Db, schoolId: string, year: number) =>
  Number((await db.one<{ n: string | number }>(`SELECT count(*) + 1 AS n FROM support_case WHERE school_id = $1 AND reference LIKE $2`, [schoolId, `CTXH-${year}-%`])).n);

export async function insertCase(db: Db, v: {
  schoolId: string; provinceCode: string; communeCode: string; reference: string; category: string; risk: string; source: string; urgent: boolean;
  reportedAt: Date; dueAt: Date | null; initialAssessment: string | null; createdBy: string | null; at: Date;
}): Promise<string> {
  return (await db.one<{ id: string }>(
    `INSERT INTO support_case (school_id, province_code, commune_code, reference, category, risk, source, urgent, reported_at, due_at, initial_assessment, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11, $12, $13::timestamptz, $13::timestamptz) RETURNING id`,
    [v.schoolId, v.provinceCode, v.communeCode, v.reference, v.category, v.risk, v.source, v.urgent, v.reportedAt.toISOString(), v.dueAt?.toISOString() ?? null, v.initialAssessment, v.createdBy, v.at.toISOString()])).id;
}

export const insertPupil = (db: Db, caseId: string, p: { fullName: string; className: string | null; recordCode: string | null }) =>
  db.query('INSERT INTO case_pupil (case_id, full_name, class_name, record_code) VALUES ($1, $2, $3, $4)', [caseId, p.fullName, p.className, p.recordCode]);
export const updatePupil = (db: Db, caseId: string, p: { fullName: string; className: string | null; recordCode: string | null }) =>
  db.query('UPDATE case_pupil SET full_name = $2, class_name = $3, record_code = $4 WHERE case_id = $1', [caseId, p.fullName, p.className, p.recordCode]);

export const updateCase = (db: Db, id: string, v: { category: string; risk: string; urgent: boolean; dueAt: Date | null; initialAssessment: string | null; at: Date }) =>
  db.query('UPDATE support_case SET category = $2, risk = $3, urgent = $4, due_at = $5::timestamptz, initial_assessment = $6, updated_at = $7::timestamptz WHERE id = $1',
    [id, v.category, v.risk, v.urgent, v.dueAt?.toISOString() ?? null, v.initialAssessment, v.at.toISOString()]);

export async function assign(db: Db, caseId: string, userId: string, lead: boolean, by: string | null, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO case_assignment (case_id, user_id, lead, assigned_by, assigned_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
     ON CONFLICT (case_id, user_id) DO UPDATE SET ended_at = NULL, assigned_by = EXCLUDED.assigned_by, assigned_at = EXCLUDED.assigned_at`,
    [caseId, userId, lead, by, at.toISOString()]);
}

/**
 * End an account's assignment to a case (the row stays, for the record). When it led the case,
 * the earliest remaining counsellor leads it. Whether an assignment was ended.
 */
export async function unassign(db: Db, caseId: string, userId: string, at: Date): Promise<boolean> {
  const ended = await db.query(`UPDATE case_assignment SET ended_at = $3::timestamptz, lead = false WHERE case_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING lead`,
    [caseId, userId, at.toISOString()]);
  if (!ended.length) return false;
  await db.query(
    `UPDATE case_assignment SET lead = true WHERE case_id = $1 AND user_id = (
       SELECT a.user_id FROM case_assignment a JOIN app_user u ON u.id = a.user_id
        WHERE a.case_id = $1 AND a.ended_at IS NULL AND u.role = 'counsellor' ORDER BY a.assigned_at, a.user_id LIMIT 1)
     AND NOT EXISTS (SELECT 1 FROM case_assignment b WHERE b.case_id = $1 AND b.ended_at IS NULL AND b.lead)`, [caseId]);
  return true;
}

/** How many counsellors are assigned to a case now. */
export const counsellorsAssigned = async (db: Db, caseId: string) =>
  Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM case_assignment a JOIN app_user u ON u.id = a.user_id
    WHERE a.case_id = $1 AND a.ended_at IS NULL AND u.role = 'counsellor'`, [caseId])).n);
export const userRole = async (db: Db, userId: string) => (await db.maybeOne<{ role: string }>('SELECT role FROM app_user WHERE id = $1', [userId]))?.role ?? null;

/** Move a case from the step it was read at (a move that lost a race writes nothing), with the step's date. */
export async function move(db: Db, id: string, m: { from: CaseStep; to: CaseStep; outcome: string | null; reason: string | null; actorId: string | null; at: Date }): Promise<boolean> {
  const at = m.at.toISOString();
  const moved = await db.query(
    `UPDATE support_case SET step = $3, updated_at = $4::timestamptz, first_action_at = COALESCE(first_action_at, $4::timestamptz),
       outcome = CASE WHEN $3 = 'closed' THEN $5 ELSE NULL END, closed_at = CASE WHEN $3 = 'closed' THEN $4::timestamptz ELSE NULL END
     WHERE id = $1 AND step = $2 RETURNING id`, [id, m.from, m.to, at, m.outcome]);
  if (!moved.length) return false;
  await db.query('INSERT INTO case_step_event (case_id, from_step, to_step, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)', [id, m.from, m.to, m.reason, m.actorId, at]);
  return true;
}
export const firstStep = (db: Db, id: string, actorId: string | null, at: Date) =>
  db.query(`INSERT INTO case_step_event (case_id, from_step, to_step, actor_id, at) VALUES ($1, NULL, 'screening', $2, $3::timestamptz)`, [id, actorId, at.toISOString()]);

export const insertEntry = (db: Db, caseId: string, v: { kind: string; body: string | null; occurredOn: string | null; plan: unknown; pupil: boolean | null; parent: boolean | null; authorId: string | null; at: Date }) =>
  db.query(`INSERT INTO case_entry (case_id, kind, body, occurred_on, plan, pupil_participated, parent_participated, author_id, created_at)
    VALUES ($1, $2, $3, $4::date, $5::jsonb, $6, $7, $8, $9::timestamptz)`,
    [caseId, v.kind, v.body, v.occurredOn, v.plan === null ? null : JSON.stringify(v.plan), v.pupil, v.parent, v.authorId, v.at.toISOString()]);

export const touchFirstAction = (db: Db, id: string, at: Date) =>
  db.query('UPDATE support_case SET first_action_at = COALESCE(first_action_at, $2::timestamptz), updated_at = $2::timestamptz WHERE id = $1', [id, at.toISOString()]);

export const insertGrant = (db: Db, caseId: string, userId: string, reason: string, at: Date, until: Date) =>
  db.query('INSERT INTO case_access_grant (case_id, user_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)', [caseId, userId, reason, at.toISOString(), until.toISOString()]);

/** One line of the access log (never the pupil's name). */
export const logAccess = (db: Db, v: { caseId: string; schoolId: string; provinceCode: string; userId: string | null; label: string; role: string; action: string; detail: string | null; at: Date }) =>
  db.query(`INSERT INTO case_access_log (case_id, school_id, province_code, user_id, actor_label, actor_role, action, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [v.caseId, v.schoolId, v.provinceCode, v.userId, v.label, v.role, v.action, v.detail, v.at.toISOString()]);

export interface LogRow { id: number | string; case_id: string; reference: string; school_name: string; at: Date; actor_label: string; actor_role: string; action: string; detail: string | null }
export function accessLog(db: Db, f: { schoolId?: string; provinceCode?: string; caseId?: string }, afterId: number | null, limit: number) {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.schoolId) w.push(`l.school_id = ${p(f.schoolId)}::uuid`);
  if (f.provinceCode) w.push(`l.province_code = ${p(f.provinceCode)}`);
  if (f.caseId) w.push(`l.case_id = ${p(f.caseId)}::uuid`);
  if (afterId !== null) w.push(`l.id < ${p(afterId)}`);
  params.push(limit);
  return db.query<LogRow>(`SELECT l.id, l.case_id, c.reference, o.name AS school_name, l.at, l.actor_label, l.actor_role, l.action, l.detail
    FROM case_access_log l JOIN support_case c ON c.id = l.case_id JOIN organisation o ON o.id = l.school_id
    ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY l.id DESC LIMIT $${params.length}`, params);
}
export async function accessLogCount(db: Db, f: { schoolId?: string; provinceCode?: string; caseId?: string }): Promise<number> {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.schoolId) w.push(`school_id = ${p(f.schoolId)}::uuid`);
  if (f.provinceCode) w.push(`province_code = ${p(f.provinceCode)}`);
  if (f.caseId) w.push(`case_id = ${p(f.caseId)}::uuid`);
  return Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM case_access_log ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

// ---------- home ----------

/**
 * A counsellor's home: its open cases (assigned now, not closed) and, of those, the urgent ones whose
 * 12-working-hour clock still runs, the nearest deadline first (reference and deadline only).
 */
export async function homeOfCounsellor(db: Db, userId: string, limit: number) {
  const mine = `FROM case_assignment a JOIN support_case c ON c.id = a.case_id WHERE a.user_id = $1 AND a.ended_at IS NULL AND c.step <> 'closed'`;
  const running = `${mine} AND c.urgent AND c.first_referral_at IS NULL AND c.due_at IS NOT NULL`;
  const [n, due] = await Promise.all([
    db.one<{ open: string | number; due: string | number }>(`SELECT count(*) AS open, count(*) FILTER (WHERE c.urgent AND c.first_referral_at IS NULL AND c.due_at IS NOT NULL) AS due ${mine}`, [userId]),
    db.query<{ id: string; reference: string; due_at: Date }>(`SELECT c.id, c.reference, c.due_at ${running} ORDER BY c.due_at, c.id LIMIT $2`, [userId, limit]),
  ]);
  return { open: Number(n.open), due: Number(n.due), items: due };
}

/** A provider organisation's referrals not yet answered (state sent), the oldest first: reference and date only. */
export async function homeOfProvider(db: Db, orgId: string, limit: number) {
  const [n, rows] = await Promise.all([
    db.one<{ n: string | number }>(`SELECT count(*) AS n FROM case_referral WHERE provider_org_id = $1::uuid AND state = 'sent'`, [orgId]),
    db.query<{ id: string; reference: string; sent_at: Date }>(
      `SELECT r.id, c.reference, r.sent_at FROM case_referral r JOIN support_case c ON c.id = r.case_id
        WHERE r.provider_org_id = $1::uuid AND r.state = 'sent' ORDER BY r.sent_at, r.id LIMIT $2`, [orgId, limit]),
  ]);
  return { waiting: Number(n.n), items: rows };
}

// ---------- referrals ----------

export interface ReferralRow {
  id: string; case_id: string; reference: string; school_id: string; school_name: string; province_code: string; category: CaseCategory; initial_assessment: string | null;
  provider_id: string; provider_name: string; provider_kind: string; provider_org_id: string | null; state: string; shared_fields: string[]; shared_summary: string | null;
  legal_basis: string; pupil_consent: boolean; parent_consent: boolean; consent_note: string | null; channel: string; sent_at: Date; decided_at: Date | null;
  decline_reason: string | null; report: string | null; reported_at: Date | null; closed_at: Date | null; full_name: string | null; class_name: string | null;
}

const REFERRAL = `SELECT r.id, r.case_id, c.reference, c.school_id, o.name AS school_name, c.province_code, c.category, c.initial_assessment,
    r.provider_id, p.name AS provider_name, p.kind AS provider_kind, r.provider_org_id, r.state, r.shared_fields, r.shared_summary, r.legal_basis,
    r.pupil_consent, r.parent_consent, r.consent_note, r.channel, r.sent_at, r.decided_at, r.decline_reason, r.report, r.reported_at, r.closed_at,
    cp.full_name, cp.class_name
  FROM case_referral r JOIN support_case c ON c.id = r.case_id JOIN organisation o ON o.id = c.school_id
  JOIN service_provider p ON p.id = r.provider_id LEFT JOIN case_pupil cp ON cp.case_id = r.case_id`;

export const referralById = (db: Db, id: string) => db.maybeOne<ReferralRow>(`${REFERRAL} WHERE r.id = $1`, [id]);
export const referralsOfCase = (db: Db, caseId: string) => db.query<ReferralRow>(`${REFERRAL} WHERE r.case_id = $1 ORDER BY r.sent_at, r.id`, [caseId]);
export const lockReferral = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM case_referral WHERE id = $1 FOR UPDATE', [id]));

/** A provider organisation's inbox, newest first, after (sent_at, id). */
export function inbox(db: Db, orgId: string, state: string | undefined, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [orgId];
  const w = ['r.provider_org_id = $1::uuid'];
  if (state) { params.push(state); w.push(`r.state = $${params.length}`); }
  if (after) { params.push(after[0], after[1]); w.push(`(r.sent_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`); }
  params.push(limit);
  return db.query<ReferralRow & { sort_at: string }>(
    `${REFERRAL.replace('SELECT r.id,', `SELECT to_char(r.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, r.id,`)} WHERE ${w.join(' AND ')} ORDER BY r.sent_at DESC, r.id DESC LIMIT $${params.length}`, params);
}
export async function inboxCount(db: Db, orgId: string, state: string | undefined): Promise<number> {
  const params: unknown[] = [orgId];
  let w = 'provider_org_id = $1::uuid';
  if (state) { params.push(state); w += ` AND state = $2`; }
  return Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM case_referral WHERE ${w}`, params)).n);
}

export async function insertReferral(db: Db, v: {
  caseId: string; providerId: string; providerOrgId: string | null; sharedFields: string[]; sharedSummary: string; legalBasis: string; pupilConsent: boolean;
  parentConsent: boolean; consentNote: string | null; channel: string; sentBy: string | null; at: Date;
}): Promise<string> {
  const at = v.at.toISOString();
  const id = (await db.one<{ id: string }>(
    `INSERT INTO case_referral (case_id, provider_id, provider_org_id, shared_fields, shared_summary, legal_basis, pupil_consent, parent_consent, consent_note, channel, sent_at, sent_by, updated_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11::timestamptz, $12, $11::timestamptz) RETURNING id`,
    [v.caseId, v.providerId, v.providerOrgId, v.sharedFields, v.sharedSummary, v.legalBasis, v.pupilConsent, v.parentConsent, v.consentNote, v.channel, at, v.sentBy])).id;
  await db.query('UPDATE support_case SET first_referral_at = COALESCE(first_referral_at, $2::timestamptz), first_action_at = COALESCE(first_action_at, $2::timestamptz), updated_at = $2::timestamptz WHERE id = $1', [v.caseId, at]);
  return id;
}

/** Move a referral from the state it was read in; a move that lost a race writes nothing. */
export async function moveReferral(db: Db, id: string, m: { from: string; to: string; text: string | null; actorId: string | null; at: Date }): Promise<boolean> {
  const at = m.at.toISOString();
  const sets = ['state = $3', 'updated_at = $4::timestamptz'];
  const params: unknown[] = [id, m.from, m.to, at];
  if (m.to === 'accepted' || m.to === 'declined') { params.push(m.actorId); sets.push('decided_at = $4::timestamptz', `decided_by = $${params.length}`); }
  if (m.to === 'declined' || m.to === 'withdrawn') { params.push(m.text); sets.push(`decline_reason = $${params.length}`); }
  if (m.to === 'reported') { params.push(m.text); sets.push(`report = $${params.length}`, 'reported_at = $4::timestamptz'); }
  if (m.to === 'closed') sets.push('closed_at = $4::timestamptz');
  return (await db.query(`UPDATE case_referral SET ${sets.join(', ')} WHERE id = $1 AND state = $2 RETURNING id`, params)).length > 0;
}

// ---------- people ----------

/** An account of the school that may be assigned to its cases (its counselling staff or its head). */
export const schoolStaff = (db: Db, userId: string, schoolId: string) =>
  db.maybeOne<{ id: string; role: string }>(`SELECT id, role FROM app_user WHERE id = $1 AND organisation_id = $2 AND role IN ('counsellor', 'school') AND active`, [userId, schoolId]);

/**
 * The Department's focal point as a condition on an account `u` of organisation `o` (a
 * Department): one of the accounts it named, or any of its accounts when it named no active one.
 */
export const FOCAL = `(NOT EXISTS (SELECT 1 FROM case_focal_point f JOIN app_user fu ON fu.id = f.user_id AND fu.active WHERE f.department_id = o.id)
  OR EXISTS (SELECT 1 FROM case_focal_point f WHERE f.department_id = o.id AND f.user_id = u.id))`;

/** Accounts to tell of a break-glass read: the school's head accounts and the Department's focal point. */
export const supervisors = async (db: Db, schoolId: string, provinceCode: string) =>
  (await db.query<{ id: string }>(`SELECT u.id FROM app_user u JOIN organisation o ON o.id = u.organisation_id
    WHERE u.active AND ((u.role = 'school' AND u.organisation_id = $1) OR (u.role = 'department' AND o.kind = 'department' AND o.province_code = $2 AND ${FOCAL}))`, [schoolId, provinceCode])).map((r) => r.id);

/** Whether a Department account is its Department's focal point (or no active one is named). */
export const isFocal = async (db: Db, userId: string) =>
  !!(await db.maybeOne(`SELECT 1 FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1 AND u.role = 'department' AND ${FOCAL}`, [userId]));

export interface DeptAccount { user_id: string; name: string; email: string }
/** A Department's active accounts, and those it named as its focal point (active or not). */
export const departmentAccounts = (db: Db, departmentId: string) =>
  db.query<DeptAccount>(`SELECT id AS user_id, display_name AS name, email::text AS email FROM app_user WHERE organisation_id = $1 AND role = 'department' AND active ORDER BY display_name, id`, [departmentId]);
export const focalAccounts = (db: Db, departmentId: string) =>
  db.query<DeptAccount & { active: boolean }>(`SELECT u.id AS user_id, u.display_name AS name, u.email::text AS email, u.active FROM case_focal_point f JOIN app_user u ON u.id = f.user_id
    WHERE f.department_id = $1 ORDER BY u.display_name, u.id`, [departmentId]);
/** Replace a Department's focal point (under a lock on the Department's row: two changes at once apply one after the other). */
export async function setFocal(db: Db, departmentId: string, userIds: string[], by: string | null, at: Date): Promise<void> {
  await db.query('SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE', [departmentId]);
  await db.query('DELETE FROM case_focal_point WHERE department_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [departmentId, userIds]);
  await db.query(`INSERT INTO case_focal_point (department_id, user_id, set_by, set_at) SELECT $1, x, $3, $4::timestamptz FROM unnest($2::uuid[]) AS x
    ON CONFLICT (department_id, user_id) DO NOTHING`, [departmentId, userIds, by, at.toISOString()]);
}

export const schoolPlace = (db: Db, schoolId: string) =>
  db.maybeOne<{ province_code: string; commune_code: string }>('SELECT province_code, commune_code FROM school WHERE organisation_id = $1', [schoolId]);

export const organisationName = async (db: Db, id: string) => (await db.maybeOne<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [id]))?.name ?? null;

// ---------- the school's head, assignment candidates ----------

/**
 * The school's head's home: its school's open cases and, of those, the urgent ones whose
 * 12-working-hour clock still runs, the nearest deadline first (reference and deadline only).
 */
export async function homeOfHead(db: Db, schoolId: string, limit: number) {
  const open = `FROM support_case c WHERE c.school_id = $1 AND c.step <> 'closed'`;
  const [n, due] = await Promise.all([
    db.one<{ open: string | number; due: string | number }>(`SELECT count(*) AS open, count(*) FILTER (WHERE c.urgent AND c.first_referral_at IS NULL AND c.due_at IS NOT NULL) AS due ${open}`, [schoolId]),
    db.query<{ id: string; reference: string; due_at: Date }>(`SELECT c.id, c.reference, c.due_at ${open} AND c.urgent AND c.first_referral_at IS NULL AND c.due_at IS NOT NULL ORDER BY c.due_at, c.id LIMIT $2`, [schoolId, limit]),
  ]);
  return { open: Number(n.open), due: Number(n.due), items: due };
}

/** The school's active counselling staff and head accounts not assigned to the case now. */
export const assignable = (db: Db, schoolId: string, caseId: string) =>
  db.query<{ user_id: string; name: string; role: 'counsellor' | 'school' }>(`SELECT u.id AS user_id, u.display_name AS name, u.role FROM app_user u
    WHERE u.organisation_id = $1 AND u.role IN ('counsellor', 'school') AND u.active
      AND NOT EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = $2 AND a.user_id = u.id AND a.ended_at IS NULL)
    ORDER BY u.role, u.display_name, u.id`, [schoolId, caseId]);
