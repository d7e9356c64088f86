import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import { likeEscape } from '../../platform/text.js';
import type { ListState, NomineeState, RecognitionForm } from '../../../../contracts/recognition.js';

const param = (params: unknown[]) => (v: unknown) => { params.push(v); return `$${params.length}`; };
const words = (q: string | undefined) => (q ?? '').split(' ').filter(Boolean).slice(0, 8);

// ---------- ranking from the ledger (read from its table, summed in SQL) ----------

export interface RankFilter { year?: number; planId?: string; provinceCode?: string; form?: 'money' | 'in_kind'; q?: string }
export interface RankRow {
  rank: string; contributor_id: string; name: string; short_name: string | null; money: string; in_kind: string; total: string; contributions: string; provinces: string; ranked: string;
}

/** The ledger rows a filter ranks (accepted money and in-kind), as conditions on the alias given. */
function ledgerWhere(f: RankFilter, p: (v: unknown) => string, k: string): string[] {
  const w = [`${k}.status = 'accepted'`, `${k}.form IN ('money', 'in_kind')`];
  if (f.year) { const y = p(f.year); w.push(`${k}.pledged_on >= make_date(${y}::int, 1, 1) AND ${k}.pledged_on < make_date(${y}::int + 1, 1, 1)`); }
  if (f.provinceCode) w.push(`${k}.province_code = ${p(f.provinceCode)}`);
  if (f.form) w.push(`${k}.form = ${p(f.form)}`);
  if (f.planId) w.push(`${k}.plan_task_id IN (SELECT t.id FROM plan_task t WHERE t.plan_id = ${p(f.planId)}::uuid)`);
  return w;
}

/**
 * Contributors summed by the filter (and named, when the filter searches their names). Over all
 * provinces and plans the sums come from `contributor_totals` (kept by the ledger's writes: a row
 * per contributor, year and form); the ranking of one province or plan sums its ledger rows over
 * the index that holds the accepted ledger (an index-only scan).
 */
function rankSource(f: RankFilter, params: unknown[]): string {
  const p = param(params);
  let sums: string;
  if (!f.provinceCode && !f.planId) {
    const w: string[] = [];
    if (f.year) w.push(`t.year = ${p(f.year)}`);
    if (f.form) w.push(`t.form = ${p(f.form)}`);
    sums = `SELECT t.contributor_id,
             COALESCE(sum(t.value_vnd) FILTER (WHERE t.form = 'money'), 0) AS money,
             COALESCE(sum(t.value_vnd) FILTER (WHERE t.form = 'in_kind'), 0) AS in_kind,
             sum(t.value_vnd) AS total, sum(t.count) AS contributions
        FROM contributor_totals t${w.length ? ` WHERE ${w.join(' AND ')}` : ''}
       GROUP BY t.contributor_id HAVING sum(t.count) > 0`;
  } else {
    sums = `SELECT k.contributor_id,
             COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'money'), 0) AS money,
             COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'in_kind'), 0) AS in_kind,
             sum(k.value_vnd) AS total, count(*) AS contributions
        FROM contribution k
       WHERE ${ledgerWhere(f, p, 'k').join(' AND ')}
       GROUP BY k.contributor_id`;
  }
  const qw = words(f.q).map((word) => `o.search LIKE ${p('%' + likeEscape(word) + '%')}`);
  return qw.length ? `SELECT s.* FROM (${sums}) s JOIN organisation o ON o.id = s.contributor_id WHERE ${qw.join(' AND ')}` : sums;
}

/**
 * Contributors by accepted value, highest first, after the key (total, id) of the last row seen.
 * The sums are made once; the page is their first rows after the key (a top-N, not a sort of
 * every contributor), named alone; a row's rank is the number of contributors at or above the key
 * plus its place on the page, and the number ranked comes with each row.
 */
export function ranking(db: Db, f: RankFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const src = rankSource(f, params);
  let keyset = 'true';
  let before = '0';
  if (after) {
    params.push(after[0], after[1]);
    const key = `($${params.length - 1}::numeric, $${params.length}::uuid)`;
    keyset = `(s.total, s.contributor_id) < ${key}`;
    before = `count(*) FILTER (WHERE (s.total, s.contributor_id) >= ${key})`;
  }
  params.push(limit);
  const page = `$${params.length}`;
  // the provinces a contributor gave in, counted for the rows of the page only (its ledger rows, by
  // the index on contributor and date)
  const pw = ledgerWhere(f, param(params), 'k');
  return db.query<RankRow>(
    `WITH s AS MATERIALIZED (${src}),
          n AS (SELECT count(*) AS ranked, ${before} AS before FROM s),
          r AS (SELECT s.* FROM s WHERE ${keyset} ORDER BY s.total DESC, s.contributor_id DESC LIMIT ${page})
     SELECT (n.before + row_number() OVER (ORDER BY r.total DESC, r.contributor_id DESC))::text AS rank, r.contributor_id, o.name, o.short_name,
            r.money::text, r.in_kind::text, r.total::text, r.contributions::text,
            (SELECT count(DISTINCT k.province_code) FROM contribution k WHERE k.contributor_id = r.contributor_id AND ${pw.join(' AND ')})::text AS provinces, n.ranked::text
       FROM r CROSS JOIN n JOIN organisation o ON o.id = r.contributor_id
      ORDER BY r.total DESC, r.contributor_id DESC`, params);
}

/** How many contributors the filter ranks (when a page came back empty and could not tell). */
export async function rankingCount(db: Db, f: RankFilter): Promise<number> {
  const params: unknown[] = [];
  return Number((await db.one<{ n: string }>(`SELECT count(*)::text AS n FROM (${rankSource(f, params)}) r`, params)).n);
}

/** Accepted value of contributors in a year (money, in kind), for the nomination's record. */
export const acceptedOf = (db: Db, contributorIds: string[], year: number) =>
  db.query<{ contributor_id: string; money: string; in_kind: string }>(
    `SELECT k.contributor_id, COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'money'), 0)::text AS money,
            COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'in_kind'), 0)::text AS in_kind
       FROM contribution k
      WHERE k.status = 'accepted' AND k.contributor_id = ANY($1::uuid[]) AND k.pledged_on >= make_date($2::int, 1, 1) AND k.pledged_on < make_date($2::int + 1, 1, 1)
      GROUP BY k.contributor_id`, [contributorIds, year]);

// ---------- organisations (read) ----------

export const orgIdsByCode = (db: Db, codes: string[]) =>
  db.query<{ id: string; code: string }>('SELECT id, code FROM organisation WHERE code = ANY($1::text[])', [codes]);
export const contributors = (db: Db, ids: string[]) =>
  db.query<{ id: string; name: string }>(`SELECT id, name FROM organisation WHERE id = ANY($1::uuid[]) AND kind = 'donor'`, [ids]);
export const activityExists = async (db: Db, id: string, position: number | null) =>
  !!(await db.maybeOne(
    position === null ? 'SELECT 1 FROM activity WHERE id = $1' : 'SELECT 1 FROM activity a JOIN activity_agenda_item i ON i.activity_id = a.id WHERE a.id = $1 AND i.position = $2',
    position === null ? [id] : [id, position]));

// ---------- lists ----------

export interface ListRow {
  id: string; title: string; year: number; state: ListState; proposed_by: string; proposer_name: string; proposer_short: string | null;
  submitted_at: Date | null; created_at: Date; nominees: string; accepted: string; honoured: string;
}
const LIST_SELECT = `SELECT l.id, l.title, l.year, l.state, l.proposed_by, o.name AS proposer_name, o.short_name AS proposer_short, l.submitted_at, l.created_at,
    (SELECT count(*) FROM recognition_nominee n WHERE n.list_id = l.id)::text AS nominees,
    (SELECT count(*) FROM recognition_nominee n WHERE n.list_id = l.id AND n.state IN ('accepted', 'honoured'))::text AS accepted,
    (SELECT count(*) FROM recognition_nominee n WHERE n.list_id = l.id AND n.state = 'honoured')::text AS honoured
  FROM recognition_list l JOIN organisation o ON o.id = l.proposed_by`;

export interface ListFilter { year?: number; state?: ListState; q?: string }
function listWhere(f: ListFilter, params: unknown[]): string[] {
  const p = param(params);
  const w: string[] = [];
  if (f.year) w.push(`l.year = ${p(f.year)}`);
  if (f.state) w.push(`l.state = ${p(f.state)}`);
  for (const word of words(f.q)) w.push(`l.search LIKE ${p('%' + likeEscape(word) + '%')}`);
  return w;
}

/** Lists, newest first, after the key (created_at, id). */
export function lists(db: Db, f: ListFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = listWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(l.created_at, l.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<ListRow>(`${LIST_SELECT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY l.created_at DESC, l.id DESC LIMIT $${params.length}`, params);
}
export async function listCount(db: Db, f: ListFilter): Promise<number> {
  const params: unknown[] = [];
  const w = listWhere(f, params);
  return Number((await db.one<{ n: string }>(`SELECT count(*)::text AS n FROM recognition_list l ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}
export const listById = (db: Db, id: string) => db.maybeOne<ListRow>(`${LIST_SELECT} WHERE l.id = $1`, [id]);
export const lockList = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM recognition_list WHERE id = $1 FOR UPDATE', [id]));

export const insertList = async (db: Db, v: { title: string; year: number; proposedBy: string; search: string; createdBy: string | null }) =>
  (await db.one<{ id: string }>(
    'INSERT INTO recognition_list (title, year, proposed_by, search, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [v.title, v.year, v.proposedBy, v.search, v.createdBy])).id;

/** Submit a draft: moved only from the state read, so a second submission finds nothing. */
export const submitList = async (db: Db, id: string) =>
  !!(await db.maybeOne(`UPDATE recognition_list SET state = 'submitted', submitted_at = now(), updated_at = now() WHERE id = $1 AND state = 'draft' RETURNING id`, [id]));

// ---------- nominees ----------

export interface NomineeRow {
  id: string; list_id: string; list_year: number; list_state: ListState; contributor_id: string; contributor_name: string; contributor_short: string | null;
  reason: string; proposed_form: RecognitionForm; accepted_money: string; accepted_in_kind: string; state: NomineeState; appraisal_note: string | null;
  appraised_at: Date | null; decision_id: string | null; decision_number: string | null; decided_on: string | null; certificate_code: string | null;
}
const NOMINEE_SELECT = `SELECT n.id, n.list_id, l.year AS list_year, l.state AS list_state, n.contributor_id, o.name AS contributor_name, o.short_name AS contributor_short,
    n.reason, n.proposed_form, n.accepted_money::text, n.accepted_in_kind::text, n.state, n.appraisal_note, n.appraised_at, n.decision_id,
    d.number AS decision_number, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on, n.certificate_code
  FROM recognition_nominee n JOIN recognition_list l ON l.id = n.list_id JOIN organisation o ON o.id = n.contributor_id
  LEFT JOIN recognition_decision d ON d.id = n.decision_id`;

export const nomineesOf = (db: Db, listId: string) => db.query<NomineeRow>(`${NOMINEE_SELECT} WHERE n.list_id = $1 ORDER BY n.created_at, n.id`, [listId]);
export const nomineeById = (db: Db, id: string) => db.maybeOne<NomineeRow>(`${NOMINEE_SELECT} WHERE n.id = $1`, [id]);
export const nomineesByIds = (db: Db, ids: string[]) => db.query<NomineeRow>(`${NOMINEE_SELECT} WHERE n.id = ANY($1::uuid[]) ORDER BY n.id`, [ids]);
/** Lock nominees' rows (in one order, so two deciders never deadlock) before reading them. */
export const lockNominees = async (db: Db, ids: string[]) =>
  (await db.query<{ id: string }>('SELECT id FROM recognition_nominee WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids])).length;

export async function insertNominees(db: Db, listId: string, rows: { contributorId: string; reason: string; form: RecognitionForm; money: string; inKind: string }[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO recognition_nominee (list_id, contributor_id, reason, proposed_form, accepted_money, accepted_in_kind)
     SELECT $1, r.contributor_id, r.reason, r.form, r.money, r.in_kind
       FROM jsonb_to_recordset($2::jsonb) AS r(contributor_id uuid, reason text, form text, money numeric, in_kind numeric)`,
    [listId, JSON.stringify(rows.map((r) => ({ contributor_id: r.contributorId, reason: r.reason, form: r.form, money: r.money, in_kind: r.inKind })))]);
}

/** Record an appraisal, only from the state read (`proposed`). */
export const setAppraisal = async (db: Db, id: string, to: NomineeState, note: string | null, by: string | null) =>
  !!(await db.maybeOne(
    `UPDATE recognition_nominee SET state = $2, appraisal_note = $3, appraised_by = $4, appraised_at = now(), updated_at = now()
      WHERE id = $1 AND state = 'proposed' RETURNING id`, [id, to, note, by]));

export const respond = async (db: Db, id: string, reason: string) =>
  !!(await db.maybeOne(`UPDATE recognition_nominee SET state = 'proposed', reason = $2, updated_at = now() WHERE id = $1 AND state = 'more_info' RETURNING id`, [id, reason]));

export const honour = async (db: Db, id: string, decisionId: string, code: string) =>
  !!(await db.maybeOne(
    `UPDATE recognition_nominee SET state = 'honoured', decision_id = $2, certificate_code = $3, updated_at = now() WHERE id = $1 AND state = 'accepted' RETURNING id`,
    [id, decisionId, code]));

// ---------- decisions ----------

export interface DecisionRow {
  id: string; number: string; decided_on: string; form: RecognitionForm; signer: string | null; activity_id: string | null; activity_title: string | null;
  agenda_position: number | null; honoured: string;
}
const DECISION_SELECT = `SELECT d.id, d.number, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on, d.form, d.signer, d.activity_id, a.title AS activity_title, d.agenda_position,
    (SELECT count(*) FROM recognition_nominee n WHERE n.decision_id = d.id)::text AS honoured
  FROM recognition_decision d LEFT JOIN activity a ON a.id = d.activity_id`;

export interface DecisionFilter { activityId?: string; year?: number }
function decisionWhere(f: DecisionFilter, params: unknown[]): string[] {
  const p = param(params);
  const w: string[] = [];
  if (f.activityId) w.push(`d.activity_id = ${p(f.activityId)}::uuid`);
  if (f.year) w.push(`d.decided_on >= make_date(${p(f.year)}::int, 1, 1) AND d.decided_on < make_date($${params.length}::int + 1, 1, 1)`);
  return w;
}
export function decisions(db: Db, f: DecisionFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = decisionWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(d.decided_on, d.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<DecisionRow>(`${DECISION_SELECT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY d.decided_on DESC, d.id DESC LIMIT $${params.length}`, params);
}
export async function decisionCount(db: Db, f: DecisionFilter): Promise<number> {
  const params: unknown[] = [];
  const w = decisionWhere(f, params);
  return Number((await db.one<{ n: string }>(`SELECT count(*)::text AS n FROM recognition_decision d ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}
export const decisionById = (db: Db, id: string) => db.maybeOne<DecisionRow>(`${DECISION_SELECT} WHERE d.id = $1`, [id]);

export const insertDecision = async (db: Db, v: { number: string; decidedOn: string; form: RecognitionForm; signer: string | null; activityId: string | null; agendaPosition: number | null; createdBy: string | null }) =>
  (await db.one<{ id: string }>(
    `INSERT INTO recognition_decision (number, decided_on, form, signer, activity_id, agenda_position, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [v.number, v.decidedOn, v.form, v.signer, v.activityId, v.agendaPosition, v.createdBy])).id;

// ---------- the honour roll (decided recognitions only) ----------

export interface HonourRow {
  nominee_id: string; contributor_id: string; name: string; short_name: string | null; form: RecognitionForm; decision_id: string; number: string;
  decided_on: string; year: number; certificate_code: string;
}
const HONOUR_SELECT = `SELECT n.id AS nominee_id, n.contributor_id, o.name, o.short_name, d.form, d.id AS decision_id, d.number, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on,
    l.year, n.certificate_code
  FROM recognition_nominee n JOIN recognition_decision d ON d.id = n.decision_id JOIN recognition_list l ON l.id = n.list_id JOIN organisation o ON o.id = n.contributor_id`;

export interface HonourFilter { year?: number; form?: RecognitionForm; q?: string; decisionId?: string }
function honourWhere(f: HonourFilter, params: unknown[]): string[] {
  const p = param(params);
  const w = [`n.state = 'honoured'`];
  if (f.year) w.push(`l.year = ${p(f.year)}`);
  if (f.form) w.push(`d.form = ${p(f.form)}`);
  if (f.decisionId) w.push(`n.decision_id = ${p(f.decisionId)}::uuid`);
  for (const word of words(f.q)) w.push(`o.search LIKE ${p('%' + likeEscape(word) + '%')}`);
  return w;
}
/** Honoured contributors, newest decision first, after the key (decided_on, nominee id). */
export function honours(db: Db, f: HonourFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = honourWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(d.decided_on, n.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<HonourRow>(`${HONOUR_SELECT} WHERE ${w.join(' AND ')} ORDER BY d.decided_on DESC, n.id DESC LIMIT $${params.length}`, params);
}
export async function honourCount(db: Db, f: HonourFilter): Promise<number> {
  const params: unknown[] = [];
  const w = honourWhere(f, params);
  return Number((await db.one<{ n: string }>(
    `SELECT count(*)::text AS n FROM recognition_nominee n JOIN recognition_decision d ON d.id = n.decision_id JOIN recognition_list l ON l.id = n.list_id
       JOIN organisation o ON o.id = n.contributor_id WHERE ${w.join(' AND ')}`, params)).n);
}
export const honourByCode = (db: Db, code: string) => db.maybeOne<HonourRow>(`${HONOUR_SELECT} WHERE n.state = 'honoured' AND n.certificate_code = $1`, [code]);
