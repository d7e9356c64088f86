import type { Db } from '../../platform/db.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import type { JobDef } from '../../platform/jobs.js';
import { notifyMany, type NewNotification } from '../notifications/service.js';
import type { AssessmentReminderLine } from '../notifications/catalogue.js';

/** How many days before a deadline the reminder goes. */
export const REMIND_DAYS = 7;


/**
 * Before each deadline of a campaign, those who have not acted are reminded once, as one digest
 * per organisation (in the app; by e-mail through the notifications module when SMTP is set):
 * - the self-assessment deadline: each organisation whose assessment is still a draft or returned;
 * - the review deadline: each reviewer with submitted assessments not yet decided (the
 *   Department of the province for its schools and communes, or the commune for the schools it
 *   reviews when the campaign says so; the campaign's owner, the Ministry, for Departments).
 * A reminder goes when the deadline is at most REMIND_DAYS days away (Vietnam's date) and not
 * passed. What was sent is recorded per (campaign, organisation, deadline, date) with ON CONFLICT
 * DO NOTHING, so a second run, a second day of the window or a second server sends nothing more.
 */
export async function remindAssessments(db: Db, clock: Clock): Promise<{ organisations: number; lines: number }> {
  const today = vnDate(clock.now());
  return db.tx(async (t) => {
    const sent = await t.query<{ campaign_id: string; organisation_id: string; deadline: 'self' | 'review'; due_on: string; pending: number }>(
      `WITH due AS (
         SELECT a.organisation_id AS org, c.id AS campaign_id, 'self' AS deadline, c.self_due_on AS due_on, 1 AS pending
           FROM assessment_campaign c JOIN assessment a ON a.campaign_id = c.id
          WHERE c.self_due_on BETWEEN $1::date AND $1::date + $3::int AND c.opens_on <= $1::date AND a.state IN ('draft', 'returned')
         UNION ALL
         SELECT r.id, c.id, 'review', c.review_due_on, count(*)::int
           FROM assessment_campaign c JOIN assessment a ON a.campaign_id = c.id JOIN organisation o ON o.id = a.organisation_id
           CROSS JOIN LATERAL (SELECT c.reviewer_level = 'commune' AND o.kind = 'school' AND a.commune_code IS NOT NULL AND cardinality(a.school_levels) > 0
                                      AND a.school_levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[] AS by_commune) x
           JOIN organisation r ON (o.kind = 'department' AND r.id = c.owner_id)
             OR (o.kind <> 'department' AND NOT x.by_commune AND r.kind = 'department' AND r.province_code = a.province_code)
             OR (x.by_commune AND r.kind = 'commune_committee' AND r.province_code = a.province_code AND r.commune_code = a.commune_code)
          WHERE c.review_due_on BETWEEN $1::date AND $1::date + $3::int AND a.state = 'submitted'
          GROUP BY r.id, c.id, c.review_due_on
       )
       INSERT INTO assessment_reminder (campaign_id, organisation_id, deadline, due_on, pending, sent_at)
       SELECT campaign_id, org, deadline, due_on, pending, $2::timestamptz FROM due
       ON CONFLICT DO NOTHING
       RETURNING campaign_id, organisation_id, deadline, due_on::text AS due_on, pending`,
      [today, clock.now().toISOString(), REMIND_DAYS]);
    if (!sent.length) return { organisations: 0, lines: 0 };
    const titles = new Map((await t.query<{ id: string; title: string }>('SELECT id, title FROM assessment_campaign WHERE id = ANY($1::uuid[])', [[...new Set(sent.map((s) => s.campaign_id))]])).map((r) => [r.id, r.title]));
    const byOrg = new Map<string, AssessmentReminderLine[]>();
    for (const s of sent) {
      const lines = byOrg.get(s.organisation_id) ?? [];
      lines.push({ campaignTitle: titles.get(s.campaign_id) ?? '', deadline: s.deadline, dueOn: s.due_on, pending: s.pending });
      byOrg.set(s.organisation_id, lines);
    }
    const notes: NewNotification[] = [...byOrg].map(([organisationId, lines]) => ({
      organisationId, kind: 'assessments_reminder', link: '/danh-gia',
      params: { lines: lines.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.campaignTitle.localeCompare(b.campaignTitle)) },
    }));
    await notifyMany(t, notes);
    return { organisations: byOrg.size, lines: sent.length };
  });
}

/** The scheduled job: every morning at 07:00 Vietnam time, like the plans' reminders. */
export const assessmentJobs = (db: Db, clock: Clock): JobDef[] => [
  { name: 'assessment-reminders', cron: '0 7 * * *', handler: () => remindAssessments(db, clock) },
];
