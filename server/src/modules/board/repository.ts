import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import { likeEscape } from '../../platform/text.js';
import type { BoardDocumentKind, BoardRole } from '../../../../contracts/board.js';

export const orgIdsByCode = (db: Db, codes: string[]) => db.query<{ id: string; code: string }>('SELECT id, code FROM organisation WHERE code = ANY($1::text[])', [codes]);
export const orgExists = async (db: Db, id: string) => !!(await db.maybeOne(`SELECT 1 FROM organisation WHERE id = $1 AND kind IN ('ministry', 'ministry_unit')`, [id]));

export interface MemberRow { id: string; role: BoardRole; title: string; organisation_id: string; name: string; short_name: string | null; since: string | null }
const ROLE_ORDER = `array_position(ARRAY['head', 'standing_deputy', 'deputy_content', 'deputy_resources', 'member', 'secretariat'], m.role)`;
export const members = (db: Db) =>
  db.query<MemberRow>(
    `SELECT m.id, m.role, m.title, m.organisation_id, o.name, o.short_name, to_char(m.since, 'YYYY-MM-DD') AS since
       FROM board_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.until IS NULL ORDER BY ${ROLE_ORDER}, o.name, m.id`);
export const memberById = (db: Db, id: string) =>
  db.one<MemberRow>(`SELECT m.id, m.role, m.title, m.organisation_id, o.name, o.short_name, to_char(m.since, 'YYYY-MM-DD') AS since FROM board_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1`, [id]);
export const insertMember = async (db: Db, v: { role: BoardRole; organisationId: string; title: string; since: string | null }) =>
  (await db.one<{ id: string }>('INSERT INTO board_member (role, organisation_id, title, since) VALUES ($1, $2, $3, $4) RETURNING id', [v.role, v.organisationId, v.title, v.since])).id;

export interface DocumentRow { id: string; kind: BoardDocumentKind; number: string | null; title: string; issued_on: string; file_id: string | null; file_name: string | null }
function docWhere(f: { kind?: BoardDocumentKind; q?: string }, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.kind) w.push(`d.kind = ${p(f.kind)}`);
  for (const word of (f.q ?? '').split(' ').filter(Boolean).slice(0, 8)) w.push(`d.search LIKE ${p('%' + likeEscape(word) + '%')}`);
  return w;
}
export function documents(db: Db, f: { kind?: BoardDocumentKind; q?: string }, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = docWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(d.issued_on, d.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<DocumentRow>(
    `SELECT d.id, d.kind, d.number, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, d.file_id, f.name AS file_name
       FROM board_document d LEFT JOIN stored_file f ON f.id = d.file_id ${w.length ? `WHERE ${w.join(' AND ')}` : ''}
      ORDER BY d.issued_on DESC, d.id DESC LIMIT $${params.length}`, params);
}
export async function documentCount(db: Db, f: { kind?: BoardDocumentKind; q?: string }): Promise<number> {
  const params: unknown[] = [];
  const w = docWhere(f, params);
  return Number((await db.one<{ n: string }>(`SELECT count(*)::text AS n FROM board_document d ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}
export const documentById = (db: Db, id: string) =>
  db.one<DocumentRow>(`SELECT d.id, d.kind, d.number, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, d.file_id, f.name AS file_name FROM board_document d LEFT JOIN stored_file f ON f.id = d.file_id WHERE d.id = $1`, [id]);
export const insertDocument = (db: Db, v: { id: string; kind: BoardDocumentKind; number: string | null; title: string; issuedOn: string; fileId: string | null; search: string; createdBy: string | null }) =>
  db.query('INSERT INTO board_document (id, kind, number, title, issued_on, file_id, search, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [v.id, v.kind, v.number, v.title, v.issuedOn, v.fileId, v.search, v.createdBy]);
export const documentExists = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM board_document WHERE id = $1', [id]));

// ---------- the yearly report: read from the ledger's, agreements', needs' and activities' tables, summed in SQL ----------

/** Accepted contributions of the year (of pledge, as the ledger's summary counts) by form, from ledger_totals. */
export const ledgerYear = (db: Db, year: number) =>
  db.query<{ form: string; count: string; value: string }>(
    `SELECT form, sum(count)::text AS count, sum(value_vnd)::text AS value FROM ledger_totals WHERE year = $1 AND status = 'accepted' GROUP BY form ORDER BY form`, [year]);
export const ledgerProvinces = (db: Db, year: number) =>
  db.query<{ province: string; count: string; value: string }>(
    `SELECT COALESCE(a.full_name, t.province_code) AS province, sum(t.count)::text AS count, sum(t.value_vnd)::text AS value
       FROM ledger_totals t LEFT JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = t.province_code
      WHERE t.year = $1 AND t.status = 'accepted' GROUP BY 1 ORDER BY sum(t.value_vnd) DESC, 1 LIMIT 10`, [year]);
export const agreementsYear = (db: Db, year: number) =>
  db.one<{ count: string; value: string }>(
    `SELECT count(*)::text AS count, COALESCE(sum(committed_value), 0)::text AS value FROM agreement WHERE signed_on >= make_date($1::int, 1, 1) AND signed_on < make_date($1::int + 1, 1, 1)`, [year]);
export const needsMetYear = (db: Db, year: number) =>
  db.one<{ count: string }>(
    `SELECT count(DISTINCT need_id)::text AS count FROM need_event WHERE to_state = 'accepted' AND at >= make_date($1::int, 1, 1) AND at < make_date($1::int + 1, 1, 1)`, [year]);
export const eventsYear = (db: Db, year: number) =>
  db.query<{ kind: string; count: string }>(
    `SELECT kind, count(*)::text AS count FROM activity WHERE state = 'held' AND starts_on >= make_date($1::int, 1, 1) AND starts_on < make_date($1::int + 1, 1, 1) GROUP BY kind ORDER BY kind`, [year]);
