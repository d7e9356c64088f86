import type { Db } from './db.js';
import type { Actor } from './actor.js';

export interface AuditRecord {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Append one audit entry; call it inside the transaction that makes the change. */
export async function audit(db: Db, actor: Actor, rec: AuditRecord, requestId?: string): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_label, actor_role, entity, entity_id, action, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [
      actor.userId,
      actor.label,
      actor.role,
      rec.entity,
      rec.entityId,
      rec.action,
      rec.before === undefined ? null : JSON.stringify(rec.before),
      rec.after === undefined ? null : JSON.stringify(rec.after),
      requestId ?? null,
    ],
  );
}

/** Append many audit entries in one statement (imports). */
export async function auditMany(db: Db, actor: Actor, recs: AuditRecord[], requestId?: string): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < recs.length; i += CHUNK) {
    const part = recs.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO audit_log (actor_id, actor_label, actor_role, entity, entity_id, action, before, after, request_id)
       SELECT $1, $2, $3, r.entity, r.entity_id, r.action, r.before, r.after, $4
       FROM jsonb_to_recordset($5::jsonb) AS r(entity text, entity_id text, action text, before jsonb, after jsonb)`,
      [
        actor.userId,
        actor.label,
        actor.role,
        requestId ?? null,
        JSON.stringify(part.map((r) => ({ entity: r.entity, entity_id: r.entityId, action: r.action, before: r.before ?? null, after: r.after ?? null }))),
      ],
    );
  }
}

export interface AuditRow {
  id: number;
  at: string;
  actorLabel: string | null;
  actorRole: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export async function auditHistory(db: Db, entity: string, entityId: string, limit = 200): Promise<AuditRow[]> {
  const rows = await db.query<{ id: number; at: Date; actor_label: string | null; actor_role: string | null; action: string; before: unknown; after: unknown }>(
    `SELECT id, at, actor_label, actor_role, action, before, after FROM audit_log
     WHERE entity = $1 AND entity_id = $2 ORDER BY id DESC LIMIT $3`,
    [entity, entityId, limit],
  );
  return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actorLabel: r.actor_label, actorRole: r.actor_role, action: r.action, before: r.before, after: r.after }));
}
