import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { CaseDetail } from '../../../../contracts/cases.js';
import { alertUrgentClocks, anonymiseClosedCases, caseJobs } from './jobs.js';

/**
 * The scheduled work of support cases, on a moved clock: the urgent clock's alert before the 12
 * working hours lapse, and the anonymisation of closed cases after the retention period.
 */

const clock = fixedClock('2026-11-27T10:00:00Z'); // Friday 17:00 in Vietnam
let ctx: TestContext;
const call = caller(() => ctx);
const COUNSELLOR = 'tuvan.dienbien@ketnoi.demo';
const PUPIL = 'Học sinh Lưutrữ Kiểmtra';
let school = '';
let urgentId = '';
let reference = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock });
  school = (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [COUNSELLOR])).organisation_id;
  const r = await call(COUNSELLOR, 'POST', '/api/v1/cases', {
    schoolId: school, pupil: { fullName: PUPIL, className: 'Lớp 9B' }, category: 'abuse', risk: 'high', source: 'hotline', reportedAt: '2026-11-27T17:00:00+07:00', initialAssessment: 'Ghi chú cần xóa khi hết hạn lưu trữ',
  });
  ok(r, 201);
  urgentId = (r.json() as CaseDetail).id;
  reference = (r.json() as CaseDetail).reference;
});
afterAll(async () => { await ctx.close(); });

const alertsFor = () => ctx.db.query<{ email: string; params: Record<string, string> }>(
  `SELECT u.email, n.params FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'cases_clock_alert' AND n.params->>'reference' = $1 ORDER BY u.email`, [reference]);

describe('the urgent clock\'s alert', () => {
  it('stays quiet while more than two working hours are left (Monday 08:00: 11 h left)', async () => {
    clock.set('2026-11-30T01:00:00Z');
    await alertUrgentClocks(ctx.db, clock);
    expect(await alertsFor()).toEqual([]);
  });

  it('tells the head, the Department and the assigned counsellor once, on Tuesday 09:30 (1.5 h left)', async () => {
    clock.set('2026-12-01T02:30:00Z');
    await alertUrgentClocks(ctx.db, clock);
    const told = await alertsFor();
    expect(told.map((n) => n.email)).toEqual(expect.arrayContaining(['so.dienbien@ketnoi.demo', 'truong.dienbien@ketnoi.demo', COUNSELLOR]));
    expect(told.every((n) => n.params.dueAt === '2026-12-01T04:00:00.000Z')).toBe(true);
    expect(JSON.stringify(told)).not.toContain(PUPIL);
    await alertUrgentClocks(ctx.db, clock);
    expect((await alertsFor()).length).toBe(told.length);
  });

  it('the schedules: every 15 minutes and nightly', () => {
    expect(caseJobs(ctx.db, clock, 30).map((j) => [j.name, j.cron])).toEqual([['cases-clock-alerts', '*/15 * * * *'], ['cases-retention', '0 2 * * *']]);
  });
});

describe('retention', () => {
  it('anonymises a closed case only after the retention period, keeping its statistics', async () => {
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${urgentId}/steps`, { to: 'assessment' }));
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${urgentId}/entries`, { kind: 'session', body: 'Buổi làm việc với học sinh' }), 201);
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${urgentId}/steps`, { to: 'closed', outcome: 'referred_on' }));
    clock.set('2026-12-20T02:00:00Z');
    await anonymiseClosedCases(ctx.db, clock, 30);
    expect(((await call(COUNSELLOR, 'GET', `/api/v1/cases/${urgentId}`)).json() as CaseDetail).pupil?.fullName).toBe(PUPIL);

    clock.set('2027-01-05T02:00:00Z'); // 35 days after closing
    const r = await anonymiseClosedCases(ctx.db, clock, 30);
    expect(r.anonymised).toBeGreaterThanOrEqual(1);
    const c = (await call(COUNSELLOR, 'GET', `/api/v1/cases/${urgentId}`)).json() as CaseDetail;
    expect(c).toMatchObject({ anonymised: true, pupil: null, initialAssessment: null, entries: [], step: 'closed', outcome: 'referred_on', category: 'abuse' });
    const left = await ctx.db.query<{ t: string }>(
      `SELECT row_to_json(x)::text AS t FROM (SELECT * FROM support_case WHERE id = $1) x
       UNION ALL SELECT row_to_json(e)::text FROM case_entry e WHERE case_id = $1 UNION ALL SELECT row_to_json(p)::text FROM case_pupil p WHERE case_id = $1`, [urgentId]);
    expect(left.map((x) => x.t).join('\n')).not.toContain(PUPIL);
    expect(left.map((x) => x.t).join('\n')).not.toContain('Ghi chú cần xóa');
    // nothing more to do on a second run; the case can no longer be written to
    expect((await anonymiseClosedCases(ctx.db, clock, 30)).anonymised).toBe(0);
    expect((await call(COUNSELLOR, 'POST', `/api/v1/cases/${urgentId}/steps`, { to: 'follow_up', reason: 'Mở lại' })).statusCode).toBe(409);
    // statistics keep it
    const s = await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/case-statistics?year=2026');
    ok(s);
    expect(s.json().byCategory.some((x: { key: string }) => x.key === 'abuse')).toBe(true);
  });
});
