import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import { likeEscape } from '../../platform/text.js';
import type { ActivityFileKind, ActivityKind, ActivityState, ParticipantGroup } from '../../../../contracts/activities.js';

export interface ActivityRow {
  id: string; kind: ActivityKind; state: ActivityState; title: string; summary: string | null; starts_on: string; ends_on: string;
  place: string | null; link: string | null; channel: string | null; organiser_id: string; organiser_name: string; organiser_short_name: string | null;
  organiser_kind: string; organiser_province: string | null; province_code: string | null; province_name: string | null; audience: string | null;
  reach: string | null; evaluation_respondents: number | null; evaluation_score: string | null; evaluation_note: string | null;
  participants_actual: string | null; participants_planned: string | null; task_count: string; created_at: Date; updated_at: Date;
}

/** Records with their organiser and province (read from those modules' tables), participants summed in SQL. */
const SELECT = `SELECT a.id, a.kind, a.state, a.title, a.summary, to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on,
    a.place, a.link, a.channel, a.organiser_id, o.name AS organiser_name, o.short_name AS organiser_short_name, o.kind AS organiser_kind, o.province_code AS organiser_province,
    a.province_code, pr.full_name AS province_name, a.audience, a.reach::text AS reach, a.evaluation_respondents, a.evaluation_score::text AS evaluation_score, a.evaluation_note,
    (SELECT sum(actual) FROM activity_participant x WHERE x.activity_id = a.id)::text AS participants_actual,
    (SELECT sum(planned) FROM activity_participant x WHERE x.activity_id = a.id)::text AS participants_planned,
    (SELECT count(*) FROM activity_task x WHERE x.activity_id = a.id)::text AS task_count, a.created_at, a.updated_at
  FROM activity a
  JOIN organisation o ON o.id = a.organiser_id
  LEFT JOIN area pr ON pr.era = 'current' AND pr.level = 'province' AND pr.code = a.province_code`;

export interface ActivityFilter {
  kind?: ActivityKind; kinds?: readonly string[]; state?: ActivityState; unitId?: string; provinceCode?: string; taskId?: string;
  from?: string; to?: string; q?: string;
}

function where(f: ActivityFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.kind) w.push(`a.kind = ${p(f.kind)}`);
  if (f.kinds) w.push(`a.kind = ANY(${p(f.kinds)}::text[])`);
  if (f.state) w.push(`a.state = ${p(f.state)}`);
  if (f.unitId) {
    const u = p(f.unitId);
    w.push(`(a.organiser_id = ${u}::uuid OR EXISTS (SELECT 1 FROM activity_organiser c WHERE c.activity_id = a.id AND c.organisation_id = ${u}::uuid))`);
  }
  if (f.provinceCode) w.push(`a.province_code = ${p(f.provinceCode)}`);
  if (f.taskId) w.push(`EXISTS (SELECT 1 FROM activity_task t WHERE t.activity_id = a.id AND t.task_id = ${p(f.taskId)}::uuid)`);
  if (f.from) w.push(`a.ends_on >= ${p(f.from)}::date`);
  if (f.to) w.push(`a.starts_on <= ${p(f.to)}::date`);
  // every word (folded, no accents) must match the record's title, organiser, place, channel or audience
  for (const word of (f.q ?? '').split(' ').filter(Boolean).slice(0, 8)) w.push(`a.search LIKE ${p('%' + likeEscape(word) + '%')}`);
  return w;
}

/** Records of the filter, newest first, after the key (starts_on, id) of the last row seen. */
export function list(db: Db, f: ActivityFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(a.starts_on, a.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<ActivityRow>(`${SELECT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY a.starts_on DESC, a.id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: ActivityFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM activity a ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

export const byId = (db: Db, id: string) => db.maybeOne<ActivityRow>(`${SELECT} WHERE a.id = $1`, [id]);

/** Lock a record's row until the transaction ends, before reading it; whether it exists. */
export const lock = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM activity WHERE id = $1 FOR UPDATE', [id]));

export interface OrgRow { id: string; name: string; short_name: string | null; kind: string; province_code: string | null }
export const organisations = (db: Db, ids: string[]) =>
  db.query<OrgRow>('SELECT id, name, short_name, kind, province_code FROM organisation WHERE id = ANY($1::uuid[])', [ids]);

export const coOrganisers = (db: Db, id: string) =>
  db.query<OrgRow>('SELECT o.id, o.name, o.short_name, o.kind, o.province_code FROM activity_organiser c JOIN organisation o ON o.id = c.organisation_id WHERE c.activity_id = $1 ORDER BY o.name, o.id', [id]);
export const invitees = (db: Db, id: string) =>
  db.query<OrgRow>('SELECT o.id, o.name, o.short_name, o.kind, o.province_code FROM activity_invitee c JOIN organisation o ON o.id = c.organisation_id WHERE c.activity_id = $1 ORDER BY o.name, o.id', [id]);

/** The tasks a record serves, with their plan (read from the plans' tables). */
export const tasks = (db: Db, id: string) =>
  db.query<{ id: string; number: string; content: string; plan_id: string; plan_key: string; plan_number: string }>(
    `SELECT t.id, t.number, t.content, p.id AS plan_id, p.key AS plan_key, p.number AS plan_number
       FROM activity_task l JOIN plan_task t ON t.id = l.task_id JOIN plan p ON p.id = t.plan_id WHERE l.activity_id = $1 ORDER BY p.signed_on, t.position`, [id]);

/** Which of these tasks exist, and which of them the organisations lead or partner (read from the plans' tables). */
export const taskUnits = (db: Db, taskIds: string[]) =>
  db.query<{ task_id: string; organisation_ids: string[] }>(
    `SELECT t.id AS task_id, COALESCE(array_agg(DISTINCT u.organisation_id) FILTER (WHERE u.organisation_id IS NOT NULL), '{}') AS organisation_ids
       FROM plan_task t LEFT JOIN task_assignment a ON a.task_id = t.id LEFT JOIN assignment_unit u ON u.assignment_id = a.id
      WHERE t.id = ANY($1::uuid[]) GROUP BY t.id`, [taskIds]);

export const agreementsExisting = async (db: Db, ids: string[]) =>
  (await db.query<{ id: string }>('SELECT id FROM agreement WHERE id = ANY($1::uuid[])', [ids])).map((r) => r.id);

export const participants = (db: Db, id: string) =>
  db.query<{ grp: ParticipantGroup; planned: number | null; actual: number | null }>('SELECT grp, planned, actual FROM activity_participant WHERE activity_id = $1', [id]);

export const agenda = (db: Db, id: string) =>
  db.query<{ position: number; time_text: string | null; content: string; responsible: string | null; responsible_id: string | null; responsible_name: string | null; responsible_short: string | null; agreement_id: string | null; agreement_title: string | null }>(
    `SELECT i.position, i.time_text, i.content, i.responsible, i.responsible_id, o.name AS responsible_name, o.short_name AS responsible_short, i.agreement_id, g.title AS agreement_title
       FROM activity_agenda_item i LEFT JOIN organisation o ON o.id = i.responsible_id LEFT JOIN agreement g ON g.id = i.agreement_id
      WHERE i.activity_id = $1 ORDER BY i.position`, [id]);

export const files = (db: Db, id: string) =>
  db.query<{ id: string; name: string; mime: string; size: number; kind: ActivityFileKind }>(
    'SELECT f.id, f.name, f.mime, f.size, l.kind FROM activity_file l JOIN stored_file f ON f.id = l.file_id WHERE l.activity_id = $1 ORDER BY f.created_at, f.id', [id]);

export interface ActivityValues {
  kind: ActivityKind; state: ActivityState; title: string; summary: string | null; startsOn: string; endsOn: string; place: string | null; link: string | null;
  channel: string | null; provinceCode: string | null; audience: string | null; reach: number | null;
  evaluationRespondents: number | null; evaluationScore: number | null; evaluationNote: string | null; search: string;
}
const COLS = 'kind, state, title, summary, starts_on, ends_on, place, link, channel, province_code, audience, reach, evaluation_respondents, evaluation_score, evaluation_note, search';
const vals = (v: ActivityValues) => [v.kind, v.state, v.title, v.summary, v.startsOn, v.endsOn, v.place, v.link, v.channel, v.provinceCode, v.audience, v.reach, v.evaluationRespondents, v.evaluationScore, v.evaluationNote, v.search];

export async function insert(db: Db, v: ActivityValues & { organiserId: string; createdBy: string | null }): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO activity (${COLS}, organiser_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [...vals(v), v.organiserId, v.createdBy]);
  return r.id;
}

export const update = (db: Db, id: string, v: ActivityValues) =>
  db.query(`UPDATE activity SET (${COLS}, updated_at) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now()) WHERE id = $1`, [id, ...vals(v)]);

export async function setLinks(db: Db, id: string, table: 'activity_organiser' | 'activity_invitee', orgIds: string[]): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE activity_id = $1`, [id]);
  if (orgIds.length) await db.query(`INSERT INTO ${table} (activity_id, organisation_id) SELECT $1, unnest($2::uuid[])`, [id, orgIds]);
}

export async function setTasks(db: Db, id: string, taskIds: string[]): Promise<void> {
  await db.query('DELETE FROM activity_task WHERE activity_id = $1', [id]);
  if (taskIds.length) await db.query('INSERT INTO activity_task (activity_id, task_id) SELECT $1, unnest($2::uuid[])', [id, taskIds]);
}

export async function setParticipants(db: Db, id: string, rows: { group: string; planned: number | null; actual: number | null }[]): Promise<void> {
  await db.query('DELETE FROM activity_participant WHERE activity_id = $1', [id]);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO activity_participant (activity_id, grp, planned, actual)
     SELECT $1, r.grp, r.planned, r.actual FROM jsonb_to_recordset($2::jsonb) AS r(grp text, planned int, actual int)`,
    [id, JSON.stringify(rows.map((r) => ({ grp: r.group, planned: r.planned, actual: r.actual })))]);
}

export interface AgendaValues { time: string | null; content: string; responsible: string | null; responsibleId: string | null; agreementId: string | null }
export async function setAgenda(db: Db, id: string, rows: AgendaValues[]): Promise<void> {
  await db.query('DELETE FROM activity_agenda_item WHERE activity_id = $1', [id]);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO activity_agenda_item (activity_id, position, time_text, content, responsible, responsible_id, agreement_id)
     SELECT $1, r.position, r.time_text, r.content, r.responsible, r.responsible_id, r.agreement_id
       FROM jsonb_to_recordset($2::jsonb) AS r(position int, time_text text, content text, responsible text, responsible_id uuid, agreement_id uuid)`,
    [id, JSON.stringify(rows.map((r, i) => ({ position: i + 1, time_text: r.time, content: r.content, responsible: r.responsible, responsible_id: r.responsibleId, agreement_id: r.agreementId })))]);
}

export const attachFile = (db: Db, id: string, fileId: string, kind: ActivityFileKind) =>
  db.query('INSERT INTO activity_file (activity_id, file_id, kind) VALUES ($1, $2, $3)', [id, fileId, kind]);

export const touch = (db: Db, id: string) => db.query('UPDATE activity SET updated_at = now() WHERE id = $1', [id]);

// ---------- participants' own evaluations ----------

/** The responses' count and average (two decimals), computed in SQL. */
export const feedbackSummary = (db: Db, id: string) =>
  db.one<{ count: string; average: string | null }>(
    'SELECT count(*)::text AS count, round(avg(score), 2)::text AS average FROM activity_feedback WHERE activity_id = $1', [id]);
export const feedbackOf = (db: Db, id: string, userId: string) =>
  db.maybeOne<{ score: number; comment: string | null }>('SELECT score, comment FROM activity_feedback WHERE activity_id = $1 AND user_id = $2', [id, userId]);
export const feedbackComments = (db: Db, id: string, limit = 50) =>
  db.query<{ comment: string }>('SELECT comment FROM activity_feedback WHERE activity_id = $1 AND comment IS NOT NULL ORDER BY created_at DESC, user_id LIMIT $2', [id, limit]);
/** One response per account: a second finds the row there and inserts nothing (false). */
export const insertFeedback = async (db: Db, id: string, userId: string, score: number, comment: string | null) =>
  !!(await db.maybeOne(
    'INSERT INTO activity_feedback (activity_id, user_id, score, comment) VALUES ($1, $2, $3, $4) ON CONFLICT (activity_id, user_id) DO NOTHING RETURNING activity_id',
    [id, userId, score, comment]));
