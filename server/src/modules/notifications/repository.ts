import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';

/** Every SQL statement of the notifications module. */

export interface NotificationRow {
  id: string;
  kind: string;
  params: unknown;
  title: string | null;
  body: string | null;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  /** created_at to the microsecond, as the paging key */
  at: string;
}

export interface NewRow { organisation_id: string | null; user_id: string | null; kind: string; params: unknown; link: string | null }

export async function insert(db: Db, rows: NewRow[]): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO notification (organisation_id, user_id, kind, params, link)
     SELECT organisation_id, user_id, kind, params, link FROM jsonb_to_recordset($1::jsonb)
       AS r(organisation_id uuid, user_id uuid, kind text, params jsonb, link text)
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  return r.map((x) => x.id);
}

const MINE = '(n.user_id = $1 OR n.organisation_id = $2)';

/**
 * Account u reads notification n: addressed to it, or to its organisation, except a school's
 * counsellors, who are told of their cases by name and never of the school's needs, pledges or
 * plans (the service gives them no organisation inbox either).
 */
const READS = `(u.id = n.user_id OR (u.organisation_id = n.organisation_id AND u.role <> 'counsellor'))`;

/** A reader's notifications, newest first, after a (created_at, id) key. */
export const page = (db: Db, userId: string, organisationId: string | null, after: KeyPart[] | null, limit: number) =>
  db.query<NotificationRow>(
    `SELECT n.id, n.kind, n.params, n.title, n.body, n.link, n.created_at, n.read_at,
            to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM notification n
      WHERE ${MINE} ${after ? 'AND (n.created_at, n.id) < ($4::timestamptz, $5::uuid)' : ''}
      ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
    after ? [userId, organisationId, limit, after[0], after[1]] : [userId, organisationId, limit],
  );

export const counts = (db: Db, userId: string, organisationId: string | null) =>
  db.one<{ total: number; unread: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE n.read_at IS NULL) AS unread FROM notification n WHERE ${MINE}`, [userId, organisationId]);

export const localeOf = async (db: Db, userId: string) =>
  (await db.maybeOne<{ locale: string }>('SELECT locale FROM app_user WHERE id = $1', [userId]))?.locale ?? 'vi';

/** Mark read if addressed to the reader; the id when it was. */
export const markRead = (db: Db, id: string, userId: string, organisationId: string | null) =>
  db.query<{ id: string }>(`UPDATE notification n SET read_at = COALESCE(read_at, now()) WHERE n.id = $3 AND ${MINE} RETURNING id`, [userId, organisationId, id]);

/** The account (u, its settings s) wants this notification (n) e-mailed on its own: not off, no digest. */
const WANTS_EACH = `(s.user_id IS NULL OR (NOT s.digest AND NOT n.kind = ANY(s.email_off)))`;

/** Of these notifications, those that at least one active account wants e-mailed on its own. */
export const toEmail = async (db: Db, ids: string[]) =>
  (await db.query<{ id: string }>(
    `SELECT n.id FROM notification n WHERE n.id = ANY($1::uuid[]) AND EXISTS (
       SELECT 1 FROM app_user u LEFT JOIN notification_setting s ON s.user_id = u.id
        WHERE u.active AND ${READS} AND ${WANTS_EACH})`, [ids])).map((r) => r.id);

export const settingsOf = (db: Db, userId: string) =>
  db.maybeOne<{ email_off: string[]; digest: boolean }>('SELECT email_off, digest FROM notification_setting WHERE user_id = $1', [userId]);

/** Save an account's settings; a digest newly chosen starts from now (nothing earlier is re-sent). */
export const saveSettings = (db: Db, userId: string, emailOff: string[], digest: boolean) =>
  db.query(
    `INSERT INTO notification_setting (user_id, email_off, digest, digest_until) VALUES ($1, $2::text[], $3, now())
     ON CONFLICT (user_id) DO UPDATE SET email_off = EXCLUDED.email_off, digest = EXCLUDED.digest, updated_at = now(),
       digest_until = CASE WHEN notification_setting.digest THEN notification_setting.digest_until ELSE now() END`,
    [userId, emailOff, digest]);

/**
 * Every active account with the daily digest and what it was notified of after its watermark up to
 * `until` (kinds it turned off left out), oldest first: one statement for all accounts.
 */
export const digests = (db: Db, until: Date) =>
  db.query<{ user_id: string; email: string; locale: string; items: { kind: string; params: unknown; title: string | null; body: string | null }[] }>(
    `SELECT u.id AS user_id, u.email, u.locale,
            jsonb_agg(jsonb_build_object('kind', n.kind, 'params', n.params, 'title', n.title, 'body', n.body) ORDER BY n.created_at, n.id) AS items
       FROM notification_setting s
       JOIN app_user u ON u.id = s.user_id AND u.active
       JOIN notification n ON ${READS}
        AND n.created_at > COALESCE(s.digest_until, $1::timestamptz - interval '1 day') AND n.created_at <= $1::timestamptz
        AND NOT n.kind = ANY(s.email_off)
      WHERE s.digest
      GROUP BY u.id, u.email, u.locale
      ORDER BY u.email`,
    [until.toISOString()]);

export const markDigested = (db: Db, userIds: string[], until: Date) =>
  db.query('UPDATE notification_setting SET digest_until = $2::timestamptz WHERE user_id = ANY($1::uuid[])', [userIds, until.toISOString()]);

/** Notifications not yet e-mailed, with their recipients (active accounts) and each one's locale. */
export const unsent = (db: Db, ids: string[]) =>
  db.query<{ id: string; kind: string; params: unknown; title: string | null; body: string | null; link: string | null; recipients: { email: string; locale: string }[] }>(
    `SELECT n.id, n.kind, n.params, n.title, n.body, n.link,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('email', u.email, 'locale', u.locale) ORDER BY u.email)
                        FROM app_user u LEFT JOIN notification_setting s ON s.user_id = u.id
                       WHERE u.active AND ${READS} AND ${WANTS_EACH}), '[]'::jsonb) AS recipients
       FROM notification n WHERE n.id = ANY($1::uuid[]) AND n.emailed_at IS NULL ORDER BY n.created_at, n.id`,
    [ids],
  );

export const markEmailed = (db: Db, id: string) => db.query('UPDATE notification SET emailed_at = now() WHERE id = $1', [id]);
