import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { notFound } from '../../platform/errors.js';
import { afterKey, page, type PageRequest } from '../../platform/paging.js';
import { audit } from '../../platform/audit.js';
import type { NotificationSettings } from '../../../../contracts/notifications.js';
import { isKind, langOf, render, type Message } from './catalogue.js';
import { enqueueEmail } from './mail.js';
import { notificationPolicy } from './policy.js';
import * as repo from './repository.js';

/**
 * In-app notifications addressed to an organisation (every account of it sees them) or to one
 * account; e-mailed to those accounts through a job when SMTP is configured (mail.ts).
 */

interface Address { organisationId?: string | null; userId?: string | null; link?: string | null }
/** A notification: its kind and parameters (rendered from catalogue.ts in each reader's language). */
export type NewNotification = Address & Message;

/** Insert notifications (inside the caller's transaction) and queue their e-mail; returns their ids. */
export async function notifyMany(db: Db, items: NewNotification[]): Promise<string[]> {
  if (!items.length) return [];
  const ids = await repo.insert(db, items.map((n) => ({
    organisation_id: n.organisationId ?? null, user_id: n.userId ?? null, kind: n.kind, params: n.params, link: n.link ?? null,
  })));
  await enqueueEmail(db, ids);
  return ids;
}

/** Whose organisation's notifications an account reads: none for a school's counsellor (repository READS). */
const organisationInbox = (actor: Actor): string | null => (actor.role === 'counsellor' ? null : actor.organisationId);

/** The reader's notifications, newest first, in the reader's language. */
export async function listMine(db: Db, actor: Actor, req: PageRequest) {
  authorize(notificationPolicy, 'read', actor, null);
  const userId = actor.userId!;
  const after = afterKey(req.cursor, ['timestamp', 'uuid']);
  const [rows, n, locale] = await Promise.all([
    repo.page(db, userId, organisationInbox(actor), after, req.limit + 1),
    repo.counts(db, userId, organisationInbox(actor)),
    repo.localeOf(db, userId),
  ]);
  const lang = langOf(locale);
  return {
    ...page(rows, req, Number(n.total), (r) => [r.at, r.id], (rs) => rs.map((r) => {
      // rows written before the catalogue carry their Vietnamese title and body and no params
      const text = render(r.kind, r.params, lang) ?? { title: r.title ?? '', body: r.body ?? '' };
      return { id: r.id, kind: r.kind, title: text.title, body: text.body, link: r.link, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null };
    })),
    unread: Number(n.unread),
  };
}

export async function markRead(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(notificationPolicy, 'read', actor, null);
  const r = await repo.markRead(db, id, actor.userId!, organisationInbox(actor));
  if (!r.length) throw notFound('Không tìm thấy thông báo');
}

/** The reader's own settings (every kind by e-mail, no digest, until saved). */
export async function settings(db: Db, actor: Actor): Promise<NotificationSettings> {
  authorize(notificationPolicy, 'read', actor, null);
  const s = await repo.settingsOf(db, actor.userId!);
  return { emailOff: (s?.email_off ?? []).filter(isKind) as NotificationSettings['emailOff'], digest: s?.digest ?? false };
}

export async function saveSettings(db: Db, actor: Actor, input: NotificationSettings): Promise<NotificationSettings> {
  authorize(notificationPolicy, 'read', actor, null);
  return db.tx(async (t) => {
    const before = await settings(t, actor);
    await repo.saveSettings(t, actor.userId!, [...new Set(input.emailOff)].sort(), input.digest);
    const after = await settings(t, actor);
    await audit(t, actor, { entity: 'notification_setting', entityId: actor.userId!, action: 'update', before, after });
    return after;
  });
}

export { deliverEmail, sendDigests } from './mail.js';
