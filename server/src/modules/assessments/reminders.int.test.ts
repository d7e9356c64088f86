import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/auth.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { FrameworkVersion } from '../../../../contracts/assessments.js';
import { assessmentJobs, remindAssessments } from './reminders.js';
import { deliverEmail } from '../notifications/service.js';

/**
 * Reminders before a campaign's deadlines, on a moved clock: one digest per organisation that has
 * not acted, once per deadline window, also when two runs race (PostgreSQL).
 */
const clock = fixedClock('2026-04-02T01:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const DEPT = 'so.dienbien@ketnoi.demo';
const SCHOOL = 'thcs.remind@ketnoi.test';
let school = '', dept = '', campaignId = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  const s = await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM school WHERE province_code = '11' AND levels = ARRAY['thcs']::text[] ORDER BY code LIMIT 1`);
  school = s.organisation_id;
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Hiệu trưởng (thử)', $2, 'school', $3)`,
    [SCHOOL, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N), school]);
  dept = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [DEPT])).id;
  const dx = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'cds-truong-4725')!;
  // deadlines far from the demo's campaigns, so only this campaign is due in the windows below
  const r = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', {
    versionId: dx.id, year: 2026, title: 'Đánh giá chuyển đổi số (nhắc hạn)', provinceCode: '11', kinds: ['school'], schoolLevels: ['thcs'],
    opensOn: '2026-04-01', selfDueOn: '2026-10-20', reviewDueOn: '2026-11-10', publishOn: '2026-11-20',
  });
  ok(r, 201);
  campaignId = r.json().id;
});
afterAll(async () => { await ctx.close(); });

const reminders = (organisationId?: string) => ctx.db.query<{ organisation_id: string; params: { lines: { campaignTitle: string; deadline: string; dueOn: string; pending: number }[] } }>(
  `SELECT organisation_id, params FROM notification WHERE kind = 'assessments_reminder' AND ($1::uuid IS NULL OR organisation_id = $1::uuid) ORDER BY created_at, id`, [organisationId ?? null]);
const ours = (rows: Awaited<ReturnType<typeof reminders>>) => rows.filter((r) => r.params.lines.some((l) => l.campaignTitle.includes('nhắc hạn')));
const inScope = async () => (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment WHERE campaign_id = $1', [campaignId])).n;

describe('reminders before the deadlines', () => {
  it('is scheduled every morning', () => {
    expect(assessmentJobs(ctx.db, clock).map((j) => [j.name, j.cron])).toEqual([['assessment-reminders', '0 7 * * *']]);
  });

  it('before the self-assessment deadline: one digest to each organisation not yet submitted, once per window', async () => {
    clock.set('2026-10-01T01:00:00Z'); // 19 days before: too early
    await remindAssessments(ctx.db, clock);
    expect(ours(await reminders())).toHaveLength(0);

    // the school submits nothing; another school of the campaign is already submitted and is not reminded
    const submitted = await ctx.db.one<{ organisation_id: string }>(`UPDATE assessment SET state = 'submitted', submitted_at = now() WHERE id = (SELECT id FROM assessment WHERE campaign_id = $1 AND organisation_id <> $2 ORDER BY id LIMIT 1) RETURNING organisation_id`, [campaignId, school]);

    clock.set('2026-10-14T00:30:00Z'); // 6 days before, 07:30 in Vietnam
    const first = await remindAssessments(ctx.db, clock);
    const sent = ours(await reminders());
    expect(sent).toHaveLength((await inScope()) - 1);
    expect(first.organisations).toBeGreaterThanOrEqual(sent.length);
    expect(sent.some((r) => r.organisation_id === submitted.organisation_id)).toBe(false);
    const mine = sent.find((r) => r.organisation_id === school)!;
    expect(mine.params.lines).toEqual([{ campaignTitle: 'Đánh giá chuyển đổi số (nhắc hạn)', deadline: 'self', dueOn: '2026-10-20', pending: 1 }]);
    // the school's accounts read it in the app, in Vietnamese
    const inbox = await call(SCHOOL, 'GET', '/api/v1/notifications?limit=50');
    ok(inbox);
    const item = inbox.json().items.find((n: { kind: string }) => n.kind === 'assessments_reminder');
    expect(item.title).toContain('Sắp đến hạn');
    expect(item.body).toContain('hạn gửi bản tự đánh giá 20/10/2026');

    // the same day again, the next day, the day of the deadline: nothing more
    for (const at of ['2026-10-14T05:00:00Z', '2026-10-15T00:30:00Z', '2026-10-20T00:30:00Z']) {
      clock.set(at);
      await remindAssessments(ctx.db, clock);
    }
    expect(ours(await reminders())).toHaveLength(sent.length);
    // the Department owes no review yet (its review deadline is weeks away)
    expect(ours(await reminders(dept))).toHaveLength(0);
  });

  it('before the review deadline: one digest to the Department with the number waiting', async () => {
    await ctx.db.query(`UPDATE assessment SET state = 'submitted', submitted_at = now() WHERE campaign_id = $1 AND organisation_id = $2`, [campaignId, school]);
    clock.set('2026-11-05T00:30:00Z'); // 5 days before the review deadline
    await remindAssessments(ctx.db, clock);
    const d = ours(await reminders(dept));
    expect(d).toHaveLength(1);
    expect(d[0]!.params.lines).toEqual([{ campaignTitle: 'Đánh giá chuyển đổi số (nhắc hạn)', deadline: 'review', dueOn: '2026-11-10', pending: 2 }]);
    const body = (await call(DEPT, 'GET', '/api/v1/notifications?limit=50')).json().items.find((n: { kind: string; body: string }) => n.kind === 'assessments_reminder' && n.body.includes('nhắc hạn'));
    expect(body.body).toContain('còn 2 bản tự đánh giá chờ thẩm định');
    await remindAssessments(ctx.db, clock);
    expect(ours(await reminders(dept))).toHaveLength(1);
    // with SMTP set, the digest is e-mailed to the Department's accounts through the notifications module
    const mails: { to: string[]; subject: string; text: string }[] = [];
    const id = (await ctx.db.one<{ id: string }>(`SELECT id FROM notification WHERE kind = 'assessments_reminder' AND organisation_id = $1 ORDER BY created_at DESC LIMIT 1`, [dept])).id;
    await deliverEmail(ctx.db, { enabled: true, send: async (to, subject, text) => { mails.push({ to, subject, text }); } }, [id]);
    expect(mails.flatMap((m) => m.to)).toContain(DEPT);
    expect(mails.map((m) => m.text).join('\n')).toContain('hạn thẩm định 10/11/2026');
    // after the deadline nobody is reminded of it
    clock.set('2026-11-11T00:30:00Z');
    expect((await remindAssessments(ctx.db, clock)).lines).toBe(0);
  });

  it('a moved deadline is a new window; two runs at once send it once', async () => {
    await ctx.db.query(`UPDATE assessment_campaign SET review_due_on = '2026-11-14', publish_on = '2026-11-20' WHERE id = $1`, [campaignId]);
    clock.set('2026-11-12T00:30:00Z');
    const runs = await Promise.all([remindAssessments(ctx.db, clock), remindAssessments(ctx.db, clock), remindAssessments(ctx.db, clock)]);
    expect(runs.reduce((n, r) => n + r.lines, 0)).toBe(1);
    const d = ours(await reminders(dept));
    expect(d).toHaveLength(2);
    expect(d[1]!.params.lines[0]).toMatchObject({ deadline: 'review', dueOn: '2026-11-14' });
    expect((await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_reminder WHERE campaign_id = $1 AND organisation_id = $2`, [campaignId, dept])).n).toBe(2);
  });
});
