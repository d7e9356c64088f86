import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Mailer } from '../../platform/mail.js';
import { notFound, unauthorized } from '../../platform/errors.js';

/**
 * In-app notifications addressed to an organisation (every account of it sees them) or to one
 * account; mailed to those accounts when SMTP is configured.
 */

export interface NewNotification { organisationId?: string | null; userId?: string | null; kind: string; title: string; body: string; link?: string | null }

/** Insert notifications (inside the caller's transaction); returns their ids for deliverEmail. */
export async function notifyMany(db: Db, items: NewNotification[]): Promise<string[]> {
  if (!items.length) return [];
  const rows = await db.query<{ id: string; organisation_id: string | null; user_id: string | null; title: string; body: string }>(
    `INSERT INTO notification (organisation_id, user_id, kind, title, body, link)
     SELECT organisation_id, user_id, kind, title, body, link FROM jsonb_to_recordset($1::jsonb)
       AS r(organisation_id uuid, user_id uuid, kind text, title text, body text, link text)
     RETURNING id, organisation_id, user_id, title, body`,
    [JSON.stringify(items.map((n) => ({ organisation_id: n.organisationId ?? null, user_id: n.userId ?? null, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null })))],
  );
  return rows.map((r) => r.id);
}

/** Mail notifications to the accounts they address, after the transaction that made them. */
export async function deliverEmail(db: Db, mailer: Mailer, ids: string[]): Promise<void> {
  if (!mailer.enabled || !ids.length) return;
  const rows = await db.query<{ id: string; organisation_id: string | null; user_id: string | null; title: string; body: string }>(
    'SELECT id, organisation_id, user_id, title, body FROM notification WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL', [ids]);
  for (const r of rows) {
    const to = await db.query<{ email: string }>('SELECT email FROM app_user WHERE active AND (id = $1 OR organisation_id = $2)', [r.user_id, r.organisation_id]);
    try {
      await mailer.send(to.map((x) => x.email), r.title, r.body);
      await db.query('UPDATE notification SET emailed_at = now() WHERE id = $1', [r.id]);
    } catch {
      // the in-app notification stands; an unsent e-mail stays visible as emailed_at IS NULL
    }
  }
}

export async function listMine(db: Db, actor: Actor, limit = 50) {
  if (!actor.userId) throw unauthorized();
  const rows = await db.query<{ id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null }>(
    `SELECT id, kind, title, body, link, created_at, read_at FROM notification
      WHERE user_id = $1 OR organisation_id = $2 ORDER BY created_at DESC LIMIT $3`,
    [actor.userId, actor.organisationId, limit],
  );
  const unread = await db.one<{ n: number }>('SELECT count(*) AS n FROM notification WHERE (user_id = $1 OR organisation_id = $2) AND read_at IS NULL', [actor.userId, actor.organisationId]);
  return { unread: Number(unread.n), items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null })) };
}

export async function markRead(db: Db, actor: Actor, id: string): Promise<void> {
  if (!actor.userId) throw unauthorized();
  const r = await db.query('UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND (user_id = $2 OR organisation_id = $3) RETURNING id', [id, actor.userId, actor.organisationId]);
  if (!r.length) throw notFound('Không tìm thấy thông báo');
}
