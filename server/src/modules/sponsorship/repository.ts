import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { SponsorshipPlanState } from '../../../../contracts/sponsorship.js';
import type { PlanScope } from './policy.js';

export interface PlanRow {
  id: string; school_id: string; school_name: string; school_levels: string[]; province_code: string; commune_code: string; commune_name: string;
  title: string; purpose: string; beneficiaries: string | null; period: string; state: SponsorshipPlanState; return_reason: string | null;
  decision_number: string | null; submitted_at: Date | null; submitted_on: string | null; decided_at: Date | null; created_at: Date;
  /** the items' estimated values summed in SQL (decimal text, exact) */
  total: string; item_count: number;
}

/** Plans with their school and commune (read from those modules' tables) and their items' total, summed in SQL. */
const SELECT = `SELECT p.id, p.school_id, o.name AS school_name, s.levels AS school_levels, p.province_code, p.commune_code, c.full_name AS commune_name,
    p.title, p.purpose, p.beneficiaries, p.period, p.state, p.return_reason, p.decision_number, p.submitted_at,
    to_char(p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS submitted_on, p.decided_at, p.created_at,
    COALESCE(i.total, 0)::text AS total, COALESCE(i.n, 0) AS item_count
  FROM sponsorship_plan p
  JOIN organisation o ON o.id = p.school_id
  JOIN school s ON s.organisation_id = p.school_id
  JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = p.commune_code
  LEFT JOIN LATERAL (SELECT sum(estimated_value) AS total, count(*) AS n FROM sponsorship_plan_item WHERE plan_id = p.id) i ON true`;

export interface PlanFilter extends PlanScope {
  state?: SponsorshipPlanState;
  /** only submitted plans past their due date on this day (YYYY-MM-DD, Vietnam time) */
  overdueOn?: string;
  /** a school to narrow to (within the scope) */
  only?: string;
}

function where(f: PlanFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.schoolId) w.push(`p.school_id = ${p(f.schoolId)}::uuid`);
  if (f.only) w.push(`p.school_id = ${p(f.only)}::uuid`);
  if (f.provinceCode) w.push(`p.province_code = ${p(f.provinceCode)}`);
  if (f.communeCode) w.push(`p.commune_code = ${p(f.communeCode)}`);
  if (f.schoolLevelsWithin) w.push(`s.levels <@ ${p(f.schoolLevelsWithin)}::text[] AND cardinality(s.levels) > 0`);
  if (f.state) w.push(`p.state = ${p(f.state)}`);
  if (f.overdueOn) w.push(`p.state = 'submitted' AND (p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 15 < ${p(f.overdueOn)}::date`);
  return w;
}

/** Plans of the filter, newest first, after the key (created_at, id) of the last row seen. */
export function list(db: Db, f: PlanFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(p.created_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  const select = SELECT.replace('SELECT p.id,', `SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, p.id,`);
  return db.query<PlanRow & { sort_at: string }>(`${select} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: PlanFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM sponsorship_plan p JOIN school s ON s.organisation_id = p.school_id ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

/** Submitted plans of the filter, the longest waiting first (the approver's queue). */
export function waiting(db: Db, f: PlanFilter, limit: number) {
  const params: unknown[] = [];
  const w = where({ ...f, state: 'submitted' }, params);
  params.push(limit);
  return db.query<PlanRow>(`${SELECT} WHERE ${w.join(' AND ')} ORDER BY p.submitted_at, p.id LIMIT $${params.length}`, params);
}

export const byId = (db: Db, id: string) => db.maybeOne<PlanRow>(`${SELECT} WHERE p.id = $1`, [id]);

/** Lock a plan's row until the transaction ends, before reading it; whether it exists. */
export const lock = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM sponsorship_plan WHERE id = $1 FOR UPDATE', [id]));

export const items = (db: Db, id: string) =>
  db.query<{ description: string; form: string; estimated_value: string }>('SELECT description, form, estimated_value::text AS estimated_value FROM sponsorship_plan_item WHERE plan_id = $1 ORDER BY position', [id]);

export const linkedNeeds = (db: Db, id: string) =>
  db.query<{ id: string; title: string; state: string }>('SELECT n.id, n.title, n.state FROM sponsorship_plan_need l JOIN need n ON n.id = l.need_id WHERE l.plan_id = $1 ORDER BY n.created_at, n.id', [id]);

export const events = (db: Db, id: string) =>
  db.query<{ action: string; from_state: string | null; to_state: string; reason: string | null; at: Date; actor: string | null }>(
    'SELECT e.action, e.from_state, e.to_state, e.reason, e.at, u.display_name AS actor FROM sponsorship_plan_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.plan_id = $1 ORDER BY e.id', [id]);

/** The school a plan is for, with its place and levels (read from the schools' table). */
export const schoolPlace = (db: Db, schoolId: string) =>
  db.maybeOne<{ province_code: string; commune_code: string; name: string; levels: string[] }>('SELECT s.province_code, s.commune_code, o.name, s.levels FROM school s JOIN organisation o ON o.id = s.organisation_id WHERE s.organisation_id = $1', [schoolId]);

/** Which of these needs belong to the school (read from the needs' table). */
export const needsOfSchool = async (db: Db, schoolId: string, ids: string[]) =>
  (await db.query<{ id: string }>('SELECT id FROM need WHERE school_id = $1 AND id = ANY($2::uuid[])', [schoolId, ids])).map((r) => r.id);

export interface PlanValues { title: string; purpose: string; beneficiaries: string | null; period: string; search: string }

export async function insert(db: Db, v: PlanValues & { schoolId: string; provinceCode: string; communeCode: string; createdBy: string | null }): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO sponsorship_plan (school_id, province_code, commune_code, title, purpose, beneficiaries, period, created_by, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [v.schoolId, v.provinceCode, v.communeCode, v.title, v.purpose, v.beneficiaries, v.period, v.createdBy, v.search]);
  await db.query(`INSERT INTO sponsorship_plan_event (plan_id, action, to_state, actor_id) VALUES ($1, 'create', 'draft', $2)`, [r.id, v.createdBy]);
  return r.id;
}

export const update = (db: Db, id: string, v: PlanValues) =>
  db.query('UPDATE sponsorship_plan SET title = $2, purpose = $3, beneficiaries = $4, period = $5, search = $6, updated_at = now() WHERE id = $1',
    [id, v.title, v.purpose, v.beneficiaries, v.period, v.search]);

/** Replace a plan's items, in their order. */
export async function setItems(db: Db, id: string, rows: { description: string; form: string; estimatedValue: number }[]): Promise<void> {
  await db.query('DELETE FROM sponsorship_plan_item WHERE plan_id = $1', [id]);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO sponsorship_plan_item (plan_id, position, description, form, estimated_value)
     SELECT $1, r.position, r.description, r.form, r.estimated_value FROM jsonb_to_recordset($2::jsonb) AS r(position int, description text, form text, estimated_value bigint)`,
    [id, JSON.stringify(rows.map((x, i) => ({ position: i + 1, description: x.description, form: x.form, estimated_value: x.estimatedValue })))]);
}

export async function setNeeds(db: Db, id: string, needIds: string[]): Promise<void> {
  await db.query('DELETE FROM sponsorship_plan_need WHERE plan_id = $1', [id]);
  if (needIds.length) await db.query('INSERT INTO sponsorship_plan_need (plan_id, need_id) SELECT $1, unnest($2::uuid[])', [id, needIds]);
}

/** Move a plan from the state it was read in (a move that lost a race writes nothing) and log it, at the app clock's time. */
export async function move(db: Db, id: string, m: { action: string; from: SponsorshipPlanState; to: SponsorshipPlanState; actorId: string | null; reason: string | null; decisionNumber?: string | null; at: Date }): Promise<boolean> {
  const params: unknown[] = [id, m.from, m.to, m.at.toISOString()];
  const sets = ['state = $3', 'updated_at = $4::timestamptz'];
  if (m.action === 'submit') sets.push('submitted_at = $4::timestamptz', 'return_reason = NULL', 'decided_at = NULL', 'decided_by = NULL', 'decision_number = NULL');
  if (m.action === 'approve' || m.action === 'return') {
    params.push(m.actorId);
    sets.push('decided_at = $4::timestamptz', `decided_by = $${params.length}`);
  }
  if (m.action === 'return') { params.push(m.reason); sets.push(`return_reason = $${params.length}`); }
  if (m.action === 'approve') { params.push(m.decisionNumber ?? null); sets.push(`decision_number = $${params.length}`); }
  if (!(await db.query(`UPDATE sponsorship_plan SET ${sets.join(', ')} WHERE id = $1 AND state = $2 RETURNING id`, params)).length) return false;
  await db.query('INSERT INTO sponsorship_plan_event (plan_id, action, from_state, to_state, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)',
    [id, m.action, m.from, m.to, m.reason, m.actorId, m.at.toISOString()]);
  return true;
}
