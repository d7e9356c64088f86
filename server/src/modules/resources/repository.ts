import type { Db } from '../../platform/db.js';
import { likeEscape } from '../../platform/text.js';
import type { LedgerSums, NeedState } from './domain.js';

// ---------- needs ----------

export interface NeedRow {
  id: string; school_id: string; school_name: string; school_code: string; school_levels: string[]; province_code: string; province_name: string;
  commune_code: string; commune_name: string; commune_flags: string[]; lat: number | null; lng: number | null; category: string; title: string;
  description: string | null; quantity: number; unit: string; estimated_cost: number; priority: string; state: NeedState; return_reason: string | null;
  withdraw_reason: string | null; acceptance_note: string | null; created_at: Date; published_at: Date | null; updated_at: Date;
  pledged_quantity: number; pledged_value: number; received_quantity: number; received_value: number;
}

/** Needs with their school and area, and the ledger sums that derive status and remainder. */
export const NEED_SELECT = `SELECT n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
    p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
    n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
    n.created_at, n.published_at, n.updated_at,
    COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0) AS pledged_value, COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0) AS received_value
  FROM need n
  JOIN school s ON s.organisation_id = n.school_id
  JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
  JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
  LEFT JOIN LATERAL (
    SELECT sum(quantity) FILTER (WHERE status <> 'cancelled') AS pq, sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv,
           sum(quantity) FILTER (WHERE status IN ('received', 'accepted')) AS rq, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv
      FROM contribution WHERE need_id = n.id) l ON true`;

export const sumsOf = (r: NeedRow): LedgerSums => ({ pledgedQuantity: Number(r.pledged_quantity), pledgedValue: Number(r.pledged_value), receivedQuantity: Number(r.received_quantity), receivedValue: Number(r.received_value) });

export interface NeedFilter {
  states?: NeedState[]; provinceCode?: string; communeCode?: string; category?: string; level?: string; flag?: string; schoolId?: string; q?: string;
  /** only needs still open to pledges */
  open?: boolean;
}

export function needWhere(f: NeedFilter, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.states) w.push(`n.state = ANY(${p(f.states)}::text[])`);
  if (f.provinceCode) w.push(`n.province_code = ${p(f.provinceCode)}`);
  if (f.communeCode) w.push(`n.commune_code = ${p(f.communeCode)}`);
  if (f.category) w.push(`n.category = ${p(f.category)}`);
  if (f.schoolId) w.push(`n.school_id = ${p(f.schoolId)}::uuid`);
  if (f.level) w.push(`s.levels @> ARRAY[${p(f.level)}]::text[]`);
  if (f.flag) w.push(`${p(f.flag)} = ANY(c.flags)`);
  if (f.q) w.push(`n.search LIKE ${p('%' + likeEscape(f.q) + '%')}`);
  if (f.open) w.push(`n.state = 'published' AND COALESCE(l.pq, 0) < n.quantity`);
  return w;
}

export async function needs(db: Db, f: NeedFilter, sort: 'urgency' | 'remaining' | 'recent', after: unknown[] | null, limit: number): Promise<NeedRow[]> {
  const params: unknown[] = [];
  const w = needWhere(f, params);
  const key = sort === 'urgency'
    ? `CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`
    : sort === 'remaining' ? `-(GREATEST(n.estimated_cost - COALESCE(l.pv, 0), 0))` : `-extract(epoch FROM n.created_at)`;
  const inner = `${NEED_SELECT.replace('SELECT n.id,', `SELECT ${key} AS sort_key, n.id,`)} ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`;
  let outer = `SELECT * FROM (${inner}) x`;
  if (after) {
    params.push(after[0], after[1]);
    outer += ` WHERE (x.sort_key, x.id) > ($${params.length - 1}::numeric, $${params.length}::uuid)`;
  }
  params.push(limit);
  return db.query<NeedRow & { sort_key: number }>(`${outer} ORDER BY x.sort_key, x.id LIMIT $${params.length}`, params);
}

export async function countNeeds(db: Db, f: NeedFilter): Promise<number> {
  const params: unknown[] = [];
  const w = needWhere(f, params);
  const from = NEED_SELECT.slice(NEED_SELECT.indexOf('  FROM need n'));
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n ${from} ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`, params)).n);
}

export async function needById(db: Db, id: string): Promise<NeedRow | undefined> {
  return db.maybeOne<NeedRow>(`${NEED_SELECT} WHERE n.id = $1`, [id]);
}

export const needFiles = (db: Db, ids: string[]) =>
  db.query<{ need_id: string; id: string; name: string; mime: string; purpose: string }>(
    `SELECT nf.need_id, f.id, f.name, f.mime, nf.purpose FROM need_file nf JOIN stored_file f ON f.id = nf.file_id WHERE nf.need_id = ANY($1::uuid[]) ORDER BY f.created_at`, [ids]);

export const needEvents = (db: Db, id: string) =>
  db.query<{ id: number; action: string; from_state: string | null; to_state: string; reason: string | null; at: Date; actor: string | null }>(
    `SELECT e.id, e.action, e.from_state, e.to_state, e.reason, e.at, u.display_name AS actor FROM need_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.need_id = $1 ORDER BY e.id`, [id]);

// ---------- ledger ----------

export interface ContributionRow {
  id: string; contributor_id: string; contributor_name: string; anonymous: boolean; school_id: string; school_name: string; province_code: string;
  province_name: string; recipient_group: string | null; beneficiary_id: string | null; form: string; category: string; description: string;
  value_vnd: number; quantity: number | null; unit: string | null; need_id: string | null; need_title: string | null; agreement_id: string | null;
  plan_task_id: string | null; status: string; cancel_reason: string | null; pledged_on: string; delivered_at: Date | null; received_at: Date | null;
  accepted_at: Date | null; created_at: Date;
}

export const CONTRIBUTION_SELECT = `SELECT k.id, k.contributor_id, o.name AS contributor_name, k.anonymous, k.school_id, s.name AS school_name, k.province_code,
    p.name AS province_name, k.recipient_group, k.beneficiary_id, k.form, k.category, k.description, k.value_vnd, k.quantity, k.unit, k.need_id,
    n.title AS need_title, k.agreement_id, k.plan_task_id, k.status, k.cancel_reason, k.pledged_on, k.delivered_at, k.received_at, k.accepted_at, k.created_at
  FROM contribution k
  JOIN organisation o ON o.id = k.contributor_id
  JOIN school s ON s.organisation_id = k.school_id
  JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
  LEFT JOIN need n ON n.id = k.need_id`;

export const contributionById = (db: Db, id: string) => db.maybeOne<ContributionRow>(`${CONTRIBUTION_SELECT} WHERE k.id = $1`, [id]);

export const contributionEvents = (db: Db, ids: string[]) =>
  db.query<{ id: number; contribution_id: string; status: string; note: string | null; at: Date; actor_org: string | null }>(
    `SELECT e.id, e.contribution_id, e.status, e.note, e.at, o.name AS actor_org FROM contribution_event e LEFT JOIN organisation o ON o.id = e.actor_org_id
      WHERE e.contribution_id = ANY($1::uuid[]) ORDER BY e.id`, [ids]);

export const contributionFiles = (db: Db, ids: string[]) =>
  db.query<{ contribution_id: string; id: string; name: string; mime: string; event_id: number | null }>(
    `SELECT cf.contribution_id, f.id, f.name, f.mime, cf.event_id FROM contribution_file cf JOIN stored_file f ON f.id = cf.file_id
      WHERE cf.contribution_id = ANY($1::uuid[]) ORDER BY f.created_at`, [ids]);
