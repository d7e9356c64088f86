import type { Db } from '../../platform/db.js';
import type { Clock } from '../../platform/clock.js';
import type { JobDef } from '../../platform/jobs.js';
import { SYSTEM } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { notifyMany, type NewNotification } from '../notifications/service.js';
import { clockState, vnCalendar } from './working-time.js';
import { FOCAL } from './repository.js';

/**
 * Retention: a case closed more than `retentionDays` ago is anonymised. Its pupil, notes,
 * sessions and plans, the texts of its referrals and step reasons and the reasons in its access
 * log are removed; its category, risk, steps, dates, outcome and referrals' kinds stay for the
 * statistics. Each case is locked and anonymised once (a second run, or a second server, skips it).
 */
export async function anonymiseClosedCases(db: Db, clock: Clock, retentionDays: number): Promise<{ anonymised: number }> {
  const now = clock.now();
  const before = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  return db.tx(async (t) => {
    const ids = (await t.query<{ id: string }>(
      `SELECT id FROM support_case WHERE step = 'closed' AND anonymised_at IS NULL AND closed_at < $1::timestamptz ORDER BY closed_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [before.toISOString()])).map((r) => r.id);
    if (!ids.length) return { anonymised: 0 };
    await t.query('DELETE FROM case_pupil WHERE case_id = ANY($1::uuid[])', [ids]);
    await t.query('DELETE FROM case_entry WHERE case_id = ANY($1::uuid[])', [ids]);
    await t.query('DELETE FROM case_access_grant WHERE case_id = ANY($1::uuid[])', [ids]);
    await t.query(`UPDATE case_referral SET shared_summary = NULL, report = NULL, decline_reason = NULL, consent_note = NULL, shared_fields = '{}' WHERE case_id = ANY($1::uuid[])`, [ids]);
    await t.query('UPDATE case_step_event SET reason = NULL WHERE case_id = ANY($1::uuid[])', [ids]);
    await t.query('UPDATE case_access_log SET detail = NULL WHERE case_id = ANY($1::uuid[])', [ids]);
    await t.query('UPDATE support_case SET initial_assessment = NULL, anonymised_at = $2::timestamptz, updated_at = $2::timestamptz WHERE id = ANY($1::uuid[])', [ids, now.toISOString()]);
    await audit(t, SYSTEM, { entity: 'support_case', entityId: 'retention', action: 'anonymise', after: { cases: ids.length, closedBefore: before.toISOString() } });
    return { anonymised: ids.length };
  });
}

/**
 * The urgent clock's alert: an urgent case not yet referred whose 12 working hours are about to
 * lapse (two working hours or less left) or have lapsed is signalled once to its school's head,
 * its assigned staff and the Department (its focal point for school social work). The notice names
 * the case's reference, school and deadline only.
 */
export async function alertUrgentClocks(db: Db, clock: Clock): Promise<{ alerted: number }> {
  const now = clock.now();
  const cal = vnCalendar();
  return db.tx(async (t) => {
    const rows = await t.query<{ id: string; reference: string; school_id: string; school_name: string; province_code: string; due_at: Date }>(
      `SELECT c.id, c.reference, c.school_id, o.name AS school_name, c.province_code, c.due_at FROM support_case c JOIN organisation o ON o.id = c.school_id
        WHERE c.urgent AND c.first_referral_at IS NULL AND c.step <> 'closed' AND c.alerted_at IS NULL AND c.due_at < $1::timestamptz + interval '3 days'
        ORDER BY c.due_at FOR UPDATE OF c SKIP LOCKED`, [now.toISOString()]);
    const due = rows.filter((r) => { const s = clockState(cal, new Date(r.due_at), now); return s.lapsed || s.dueSoon; });
    const notes: NewNotification[] = [];
    for (const r of due) {
      const to = await t.query<{ id: string }>(
        `SELECT u.id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.active AND (
           (u.role = 'school' AND u.organisation_id = $1) OR (u.role = 'department' AND o.kind = 'department' AND o.province_code = $2 AND ${FOCAL})
           OR u.id IN (SELECT user_id FROM case_assignment WHERE case_id = $3 AND ended_at IS NULL))`, [r.school_id, r.province_code, r.id]);
      for (const u of to) notes.push({ userId: u.id, kind: 'cases_clock_alert', params: { reference: r.reference, schoolName: r.school_name, dueAt: new Date(r.due_at).toISOString() }, link: `/cong-tac-xa-hoi/${r.id}` });
      await t.query('UPDATE support_case SET alerted_at = $2::timestamptz WHERE id = $1', [r.id, now.toISOString()]);
    }
    await notifyMany(t, notes);
    return { alerted: due.length };
  });
}

/** The scheduled jobs: the urgent clock every 15 minutes, retention every night at 02:00 (Vietnam time). */
export function caseJobs(db: Db, clock: Clock, retentionDays: number): JobDef[] {
  return [
    { name: 'cases-clock-alerts', cron: '*/15 * * * *', handler: () => alertUrgentClocks(db, clock) },
    { name: 'cases-retention', cron: '0 2 * * *', handler: () => anonymiseClosedCases(db, clock, retentionDays) },
  ];
}
