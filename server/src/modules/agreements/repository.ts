import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { AgreementScope } from './policy.js';

export interface AgreementRow {
  id: string; code: string | null; title: string; donor_id: string; donor_name: string; counterpart_id: string; counterpart_name: string; counterpart_province: string | null;
  scope: string | null; committed_value: number; period_from: string; period_to: string; signed_on: string; document_file_id: string | null; cancelled: boolean;
  /** sums of đồng as decimal text (exact) */
  pledged: string; delivered: string; accepted: string;
}

/** Agreements with what the ledger holds against them (read from the ledger's table). */
const SELECT = `SELECT a.id, a.code, a.title, a.donor_id, d.name AS donor_name, a.counterpart_id, c.name AS counterpart_name, c.province_code AS counterpart_province,
    a.scope, a.committed_value, a.period_from, a.period_to, a.signed_on, a.document_file_id, a.cancelled,
    COALESCE(l.pledged, 0)::text AS pledged, COALESCE(l.delivered, 0)::text AS delivered, COALESCE(l.accepted, 0)::text AS accepted
  FROM agreement a JOIN organisation d ON d.id = a.donor_id JOIN organisation c ON c.id = a.counterpart_id
  LEFT JOIN LATERAL (SELECT sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pledged,
      sum(value_vnd) FILTER (WHERE status IN ('delivered', 'received', 'accepted')) AS delivered,
      sum(value_vnd) FILTER (WHERE status = 'accepted') AS accepted FROM contribution WHERE agreement_id = a.id) l ON true`;

export const byId = (db: Db, id: string) => db.maybeOne<AgreementRow>(`${SELECT} WHERE a.id = $1`, [id]);

function listWhere(f: { donorId?: string }, scope: AgreementScope, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.donorId) w.push(`a.donor_id = ${p(f.donorId)}::uuid`);
  if (!('all' in scope)) {
    const org = p(scope.organisationId);
    w.push(`(a.donor_id = ${org}::uuid OR a.counterpart_id = ${org}::uuid${scope.provinceCode ? ` OR c.province_code = ${p(scope.provinceCode)}` : ''})`);
  }
  return w;
}

/** Agreements in the scope, newest signed first, after the key (signed_on, id) of the last row seen (index agreement (signed_on DESC, id DESC)). */
export function list(db: Db, f: { donorId?: string }, scope: AgreementScope, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = listWhere(f, scope, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(a.signed_on, a.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<AgreementRow>(`${SELECT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY a.signed_on DESC, a.id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: { donorId?: string }, scope: AgreementScope): Promise<number> {
  const params: unknown[] = [];
  const w = listWhere(f, scope, params);
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM agreement a JOIN organisation c ON c.id = a.counterpart_id ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

export const donorVetting = async (db: Db, donorId: string) =>
  (await db.maybeOne<{ vetting_status: string }>(`SELECT vetting_status FROM donor_profile WHERE organisation_id = $1`, [donorId]))?.vetting_status ?? null;

export const organisation = (db: Db, id: string) => db.maybeOne<{ province_code: string | null; kind: string }>('SELECT province_code, kind FROM organisation WHERE id = $1', [id]);

export async function insert(db: Db, a: { code: string | null; title: string | null; donorId: string; counterpartId: string; scope: string | null; committedValue: number; periodFrom: string; periodTo: string; signedOn: string; documentFileId: string | null; createdBy: string | null; search: string }): Promise<string> {
  return (await db.one<{ id: string }>(
    `INSERT INTO agreement (code, title, donor_id, counterpart_id, scope, committed_value, period_from, period_to, signed_on, document_file_id, created_by, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [a.code, a.title, a.donorId, a.counterpartId, a.scope, a.committedValue, a.periodFrom, a.periodTo, a.signedOn, a.documentFileId, a.createdBy, a.search],
  )).id;
}

export const setDocument = (db: Db, id: string, fileId: string) => db.query('UPDATE agreement SET document_file_id = $2 WHERE id = $1', [id, fileId]);
