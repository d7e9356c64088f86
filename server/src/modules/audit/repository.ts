import type { Db } from '../../platform/db.js';
import type { AuditLogEntry } from '../../../../contracts/audit.js';

export interface AuditFilter {
  actorId?: string;
  actorEmail?: string;
  entity?: string;
  entityId?: string;
  /** days (YYYY-MM-DD) in Vietnam's time, both included */
  from?: string;
  to?: string;
}

function where(f: AuditFilter, params: unknown[]): string[] {
  const w: string[] = [];
  if (f.actorId) w.push(`actor_id = $${params.push(f.actorId)}::uuid`);
  if (f.actorEmail) w.push(`actor_id = (SELECT id FROM app_user WHERE email = $${params.push(f.actorEmail)}::citext)`);
  if (f.entity) w.push(`entity = $${params.push(f.entity)}`);
  if (f.entityId) w.push(`entity_id = $${params.push(f.entityId)}`);
  if (f.from) w.push(`at >= ($${params.push(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  if (f.to) w.push(`at < ($${params.push(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  return w;
}

type Row = { id: number | string; at: Date; actor_id: string | null; actor_label: string | null; actor_role: string | null; entity: string; entity_id: string; action: string; before: unknown; after: unknown };

/** Entries newest first, before the key (an id): keyset paging on the primary key. */
export async function list(db: Db, f: AuditFilter, before: number | null, limit: number): Promise<AuditLogEntry[]> {
  const params: unknown[] = [];
  const w = where(f, params);
  if (before !== null) w.push(`id < $${params.push(before)}`);
  params.push(limit);
  const rows = await db.query<Row>(
    `SELECT id, at, actor_id, actor_label, actor_role, entity, entity_id, action, before, after FROM audit_log
      ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, actorLabel: r.actor_label, actorRole: r.actor_role,
    entity: r.entity, entityId: r.entity_id, action: r.action, before: r.before, after: r.after,
  }));
}

/**
 * How many entries match, counted up to `cap` + 1 at most: the trail grows by every write of the
 * platform, and an exact count of millions of rows on each page view would cost more than the
 * page. The page says "more than {cap}" beyond it.
 */
export async function count(db: Db, f: AuditFilter, cap: number): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  params.push(cap + 1);
  return Number((await db.one<{ n: number | string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM audit_log ${w.length ? `WHERE ${w.join(' AND ')}` : ''} LIMIT $${params.length}) matching`, params)).n);
}
