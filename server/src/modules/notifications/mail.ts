import type PgBoss from 'pg-boss';
import type { Db } from '../../platform/db.js';
import type { JobDef } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mail.js';
import type { Lang } from '../../platform/i18n.js';
import type { Clock } from '../../platform/clock.js';
import { langOf, render, renderDigest, type Text } from './catalogue.js';
import * as repo from './repository.js';

/**
 * Notifications by e-mail: `notifyMany` queues a job with the new ids in the same transaction
 * (so a rolled-back write mails nothing), and the job mails each notification to the accounts it
 * addresses, each in its own language. A failed send fails the job, which pg-boss retries with
 * backoff; what was sent is marked and never sent twice. With no SMTP server nothing is queued.
 */
export const EMAIL_QUEUE = 'notification-email';
export const EMAIL_RETRY = { retryLimit: 6, retryDelay: 30, retryBackoff: true } as const;

let queue: PgBoss | null = null;

/** Queue e-mails from now on through this pg-boss (null: stop), once SMTP is configured and jobs run. */
export function setEmailQueue(boss: PgBoss | null): void {
  queue = boss;
}

/** Inside the transaction that made the notifications: queue their e-mail. */
export async function enqueueEmail(db: Db, ids: string[]): Promise<void> {
  if (!queue || !ids.length) return;
  // only what some account wants e-mailed on its own (the others read it in the app or the digest)
  ids = await repo.toEmail(db, ids);
  if (!ids.length) return;
  await queue.send(EMAIL_QUEUE, { ids }, { db: { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await db.rawRows(text, values) }) } });
}

const fallback = (r: { title: string | null; body: string | null }): Text => ({ title: r.title ?? '', body: r.body ?? '' });

/** Mail the notifications not yet mailed; returns how many were sent and how many failed. */
export async function deliverEmail(db: Db, mailer: Mailer, ids: string[]): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  if (!mailer.enabled || !ids.length) return out;
  for (const n of await repo.unsent(db, ids)) {
    const byLang = new Map<Lang, string[]>();
    for (const r of n.recipients) {
      const l = langOf(r.locale);
      (byLang.get(l) ?? byLang.set(l, []).get(l)!).push(r.email);
    }
    try {
      for (const [lang, to] of byLang) {
        const text = render(n.kind, n.params, lang) ?? fallback(n);
        await mailer.send(to, text.title, text.body);
      }
      await repo.markEmailed(db, n.id);
      out.sent++;
    } catch {
      // the in-app notification stands; the job is retried for what was not sent
      out.failed++;
    }
  }
  return out;
}

/** The pg-boss job that mails notifications, retried on failure. */
export function notificationEmailJob(db: Db, mailer: Mailer, retry: { retryLimit: number; retryDelay: number; retryBackoff: boolean } = EMAIL_RETRY): JobDef {
  return {
    name: EMAIL_QUEUE,
    queue: retry,
    handler: async (data) => {
      const ids = (data as { ids?: unknown }).ids;
      if (!Array.isArray(ids)) return;
      const r = await deliverEmail(db, mailer, ids.filter((x): x is string => typeof x === 'string'));
      if (r.failed) throw new Error(`${r.failed} thông báo chưa gửi được e-mail`);
    },
  };
}

export const DIGEST_QUEUE = 'notification-digest';

/**
 * The daily digest: one e-mail per account that chose it, with what it was notified of since the
 * last digest (kinds it turned off left out), in its language. An account whose mail fails keeps
 * its watermark and gets the same items, and the newer ones, next time.
 */
export async function sendDigests(db: Db, mailer: Mailer, clock: Clock): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  if (!mailer.enabled) return out;
  const until = clock.now();
  const done: string[] = [];
  for (const d of await repo.digests(db, until)) {
    const lang = langOf(d.locale);
    const text = renderDigest(d.items.map((n) => render(n.kind, n.params, lang) ?? fallback(n)), lang);
    try {
      await mailer.send([d.email], text.title, text.body);
      done.push(d.user_id);
      out.sent++;
    } catch {
      out.failed++;
    }
  }
  if (done.length) await repo.markDigested(db, done, until);
  return out;
}

/** The pg-boss job of the daily digest (cron in Vietnam time). */
export function notificationDigestJob(db: Db, mailer: Mailer, clock: Clock): JobDef {
  return { name: DIGEST_QUEUE, cron: '0 18 * * *', handler: () => sendDigests(db, mailer, clock) };
}
