import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { loggerOptions } from '../../app.js';
import { DEMO_ACCOUNTS } from '../../seed/demo.js';
import type { CaseDetail, CaseStatistics, Referral } from '../../../../contracts/cases.js';
import type { Provider } from '../../../../contracts/providers.js';
import { render } from '../notifications/catalogue.js';

/**
 * Support cases and referrals, need-to-know: a counsellor of the demo Điện Biên school opens an
 * urgent case, the principal sees that it exists and its deadline but not its notes, the case is
 * referred with the parent's consent to the provincial social-work centre, whose staff accept and
 * report back. No other account learns anything of it, and the pupil's name appears in no log,
 * audit entry or notification.
 */

// Friday 27/11/2026 17:00 in Vietnam: the clock runs 30 min, then Monday, and lapses Tuesday 11:00
const clock = fixedClock('2026-11-27T10:00:00Z');
const log: string[] = [];
let ctx: TestContext;
const call = caller(() => ctx);
const COUNSELLOR = 'tuvan.dienbien@ketnoi.demo';
const OTHER_COUNSELLOR = 'tuvan.hanoi@ketnoi.demo';
const HEAD = 'truong.dienbien@ketnoi.demo';
const PROVIDER = 'ctxh.dienbien@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const PUPIL = 'Trần Thị Bímật Kiểmtra';
let school = '';
let centre: Provider;
let caseId = '';
let referralId = '';
let counsellorId = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const userId = async (email: string) => (await ctx.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email])).id;
const orgOf = async (email: string) => (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;

beforeAll(async () => {
  const stream = new Writable({ write(chunk, _enc, cb) { log.push(String(chunk)); cb(); } });
  ctx = await testApp({ clock, poolSize: 8, logger: { ...loggerOptions(loadConfig({})), level: 'info', stream } });
  school = await orgOf(COUNSELLOR);
  counsellorId = await userId(COUNSELLOR);
  const found = await call(null, 'GET', '/api/v1/providers?q=cong tac xa hoi dien bien&service=emergency_protection');
  ok(found);
  centre = (found.json() as { items: Provider[] }).items.find((p) => p.receivesOnline && p.kind === 'social_work_centre')!;
  expect(centre).toBeTruthy();
});
afterAll(async () => { await ctx.close(); });

const newCase = (over: Record<string, unknown> = {}) => ({
  schoolId: school, pupil: { fullName: PUPIL, className: 'Lớp 7C' }, category: 'violence', risk: 'high', source: 'teacher',
  reportedAt: '2026-11-27T17:00:00+07:00', initialAssessment: 'Ghi chú bí mật về hoàn cảnh gia đình', ...over,
});

/** Every route of one case (break-glass apart: a head or its Department may open it, see below). */
const routes = (id: string) => [
  ['GET', `/api/v1/cases/${id}`], ['PATCH', `/api/v1/cases/${id}`, { risk: 'low' }], ['POST', `/api/v1/cases/${id}/steps`, { to: 'assessment' }],
  ['POST', `/api/v1/cases/${id}/entries`, { kind: 'note', body: 'Ghi chú' }], ['POST', `/api/v1/cases/${id}/assignments`, { userId: '00000000-0000-4000-8000-000000000000' }],
  ['POST', `/api/v1/cases/${id}/referrals`, { providerId: centre.id, sharedSummary: 'Tóm tắt chuyển gửi', legalBasis: 'vital_interest', consentNote: 'Khẩn cấp', channel: 'online' }],
  ['GET', `/api/v1/case-access-log?caseId=${id}`], ['DELETE', `/api/v1/cases/${id}/assignments/${counsellorId}`],
  ['GET', `/api/v1/cases/${id}/document`], ['GET', `/api/v1/cases/${id}/assignable`],
] as const;

describe('a case, need-to-know', () => {
  it('a counsellor of the school opens an urgent case; its 12-working-hour clock runs to Tuesday 11:00', async () => {
    const r = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase());
    ok(r, 201);
    const c = r.json() as CaseDetail;
    caseId = c.id;
    expect(c.reference).toMatch(/^CTXH-2026-\d{4}$/);
    expect(c.urgent).toBe(true);
    expect(c.pupil?.fullName).toBe(PUPIL);
    expect(c.clock).toMatchObject({ dueAt: '2026-12-01T04:00:00.000Z', lapsed: false, minutesLeft: 720 });
    expect(c.assigned.map((a) => a.lead)).toEqual([true]);
    expect(c.can).toMatchObject({ edit: true, refer: true, move: true, breakGlass: false });
  });

  it('only a counsellor of that school opens its cases; bad input is a Vietnamese 422 that writes nothing', async () => {
    for (const who of [HEAD, OTHER_COUNSELLOR, PROVIDER, DEPT, 'quantri@ketnoi.demo']) expect((await call(who, 'POST', '/api/v1/cases', newCase())).statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/v1/cases', newCase())).statusCode).toBe(401);
    const before = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM support_case')).n);
    const bad = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'x', reportedAt: '2027-01-01T00:00:00Z' }));
    expect(bad.statusCode).toBe(422);
    const future = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ reportedAt: '2027-01-01T00:00:00Z' }));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].message).toContain('tương lai');
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM support_case')).n)).toBe(before);
  });

  it('the principal sees the case exists and its deadline, not the pupil, category or notes', async () => {
    const r = await call(HEAD, 'GET', `/api/v1/cases/${caseId}`);
    ok(r);
    const c = r.json() as CaseDetail;
    expect(c.restricted).toBe(true);
    expect(c.clock?.dueAt).toBe('2026-12-01T04:00:00.000Z');
    expect(c).toMatchObject({ pupil: null, category: null, risk: null, initialAssessment: null, entries: [], referrals: [] });
    expect(r.body).not.toContain(PUPIL);
    expect(r.body).not.toContain('bí mật');
    const list = await call(HEAD, 'GET', '/api/v1/cases?limit=50');
    ok(list);
    expect(list.body).not.toContain(PUPIL);
    expect((list.json().items as { id: string; restricted: boolean }[]).find((x) => x.id === caseId)?.restricted).toBe(true);
    // the step dates, without who moved it nor why
    expect(c.steps).toEqual([{ from: null, to: 'screening', at: '2026-11-27T10:00:00.000Z', actor: null, reason: null }]);
    // the head's home: the case's reference and deadline, nothing of its content (and no read of the case: nothing logged)
    const logged = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM case_access_log WHERE case_id = $1', [caseId])).n);
    const before = await logged();
    const home = await call(HEAD, 'GET', '/api/v1/home');
    ok(home);
    const section = (home.json().sections as { key: string; counts: { key: string; count: number }[]; items: { id: string; title: string; date: string; detail: string | null; step: string }[] }[])
      .find((x) => x.key === 'schoolCases')!;
    expect(section.counts.find((x) => x.key === 'cases_school_open')?.count).toBeGreaterThanOrEqual(1);
    expect(section.counts.find((x) => x.key === 'cases_school_due')?.count).toBeGreaterThanOrEqual(1);
    expect(section.items.find((x) => x.id === caseId)).toEqual({ id: caseId, title: c.reference, detail: null, date: '2026-12-01T04:00:00.000Z', href: `/cong-tac-xa-hoi/${caseId}`, step: 'due' });
    for (const secret of [PUPIL, 'Bímật', 'bí mật', 'Lớp 7C', 'violence']) expect(home.body).not.toContain(secret);
    expect(await logged()).toBe(before);
  });

  it('every other account is refused, and nobody learns the pupil from any route', async () => {
    const others = DEMO_ACCOUNTS.map((a) => a.email).filter((e) => ![COUNSELLOR, HEAD].includes(e));
    for (const who of [null, ...others]) {
      for (const [method, url, body] of routes(caseId)) {
        const r = await call(who, method, url, body);
        const logRoute = url.startsWith('/api/v1/case-access-log');
        // the Department reads the access log of its province (no pupil in it)
        if (logRoute && who === DEPT) { ok(r); continue; }
        if (logRoute && who && ['so.hanoi@ketnoi.demo', 'so.laichau@ketnoi.demo', 'so.sonla@ketnoi.demo', 'truong.hanoi@ketnoi.demo', 'truong.thcs.dienbien@ketnoi.demo'].includes(who)) {
          ok(r); expect(r.json().items).toEqual([]); continue;
        }
        expect([401, 403], `${who} ${method} ${url}: ${r.body}`).toContain(r.statusCode);
        expect(r.body).not.toContain(PUPIL);
      }
      for (const state of ['open', 'closed', 'all']) {
        const list = await call(who, 'GET', `/api/v1/cases?state=${state}`);
        expect(list.body).not.toContain(PUPIL);
        expect(list.body).not.toContain(caseId);
      }
    }
    // every account's home (the public's, the case's counsellor's and head's included): never the pupil nor the notes
    for (const who of [null, COUNSELLOR, HEAD, ...others]) {
      const home = await call(who, 'GET', '/api/v1/home');
      expect([200, 401], `${who} home: ${home.body}`).toContain(home.statusCode);
      for (const secret of [PUPIL, 'Bímật', 'bí mật']) expect(home.body, `${who} home`).not.toContain(secret);
      // only the case's own counsellor and school's head learn its reference there
      if (who !== COUNSELLOR && who !== HEAD) expect(home.body, `${who} home`).not.toContain(caseId);
    }
    // an id that does not exist is a 404 for everyone
    expect((await call(COUNSELLOR, 'GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  // every route × every demo account, and every account's home: a long walk, longer on a loaded PostgreSQL
  }, 240_000);

  it('the counsellor assesses, plans with the pupil and parent, and the steps keep their dates', async () => {
    clock.set('2026-11-30T01:00:00Z'); // Monday 08:00
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/steps`, { to: 'assessment' }));
    const skip = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/steps`, { to: 'closed', outcome: null });
    expect(skip.statusCode).toBe(409);
    const plan = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/entries`, {
      kind: 'plan', plan: { goals: 'Học sinh an toàn ở trường và ở nhà', actions: [{ what: 'Gặp riêng học sinh', who: 'Cán bộ tư vấn', when: 'Hằng tuần' }] }, pupilParticipated: true, parentParticipated: true,
    });
    ok(plan, 201);
    const c = plan.json() as CaseDetail;
    expect(c.steps.map((s) => s.to)).toEqual(['screening', 'assessment']);
    expect(c.entries[0].plan?.actions).toHaveLength(1);
    expect(c.clock?.minutesLeft).toBe(660);
  });

  it('a referral on consent needs the pupil and the parent; then the centre receives only what was shared', async () => {
    const body = { providerId: centre.id, sharedFields: ['identity', 'category'], sharedSummary: 'Học sinh cần được đánh giá an toàn tại gia đình', legalBasis: 'consent', pupilConsent: true, parentConsent: false, channel: 'online' };
    const refused = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/referrals`, body);
    expect(refused.statusCode).toBe(422);
    const r = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/referrals`, { ...body, parentConsent: true });
    ok(r, 201);
    const c = r.json() as CaseDetail;
    expect(c.step).toBe('referral');
    expect(c.clock).toBeNull(); // referred within the 12 working hours: the clock stops
    referralId = c.referrals[0].id;
    const inbox = await call(PROVIDER, 'GET', '/api/v1/referrals');
    ok(inbox);
    const mine = (inbox.json().items as Referral[]).find((x) => x.id === referralId)!;
    expect(mine.pupil?.fullName).toBe(PUPIL);
    expect(mine.category).toBe('violence');
    expect(mine.assessment).toBeNull(); // not shared
    expect(inbox.body).not.toContain('bí mật');
    // the provider never reads the case itself
    expect((await call(PROVIDER, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    // nobody else reads the referral
    for (const who of [HEAD, OTHER_COUNSELLOR, DEPT, 'quantri@ketnoi.demo']) expect((await call(who, 'GET', `/api/v1/referrals/${referralId}`)).statusCode).toBe(403);
    const notes = await ctx.db.query<{ params: unknown }>(`SELECT params FROM notification WHERE kind = 'cases_referral_received'`);
    expect(notes.length).toBeGreaterThan(0);
    expect(JSON.stringify(notes)).not.toContain(PUPIL);
  });

  it('outside the assignment and the receiving centre nobody reaches the referral, and the case\'s own staff reach no other school\'s case', async () => {
    const BREAK_GLASS = 'Phụ huynh báo học sinh mất tích, cần liên hệ ngay';
    // every account but the case's counsellor and the centre: each referral route, the inbox, the statistics, the access log
    const outside = DEMO_ACCOUNTS.map((a) => a.email).filter((e) => ![COUNSELLOR, PROVIDER].includes(e));
    for (const who of [null, ...outside]) {
      for (const [method, url, body] of [
        ['GET', `/api/v1/referrals/${referralId}`], ['POST', `/api/v1/referrals/${referralId}/transitions`, { action: 'accept' }],
        ['POST', `/api/v1/referrals/${referralId}/transitions`, { action: 'decline', text: 'Không phù hợp với dịch vụ' }],
        ['POST', `/api/v1/referrals/${referralId}/transitions`, { action: 'withdraw', text: 'Trường đã tự giải quyết' }],
      ] as const) {
        const r = await call(who, method, url, body);
        expect([401, 403], `${who} ${method} ${url}: ${r.body}`).toContain(r.statusCode);
        expect(r.body).not.toContain(PUPIL);
      }
      // break-glass: the school's head and its Department only (proven below), never anyone else
      if (who !== HEAD && who !== DEPT) {
        const r = await call(who, 'POST', `/api/v1/cases/${caseId}/break-glass`, { reason: BREAK_GLASS });
        expect([401, 403], `${who} break-glass: ${r.body}`).toContain(r.statusCode);
      }
      for (const url of ['/api/v1/referrals?limit=100', '/api/v1/case-statistics?year=2026', '/api/v1/case-access-log?limit=200', '/api/v1/case-focal-points']) {
        const r = await call(who, 'GET', url);
        for (const secret of [PUPIL, 'Bímật', 'bí mật', 'an toàn tại gia đình']) expect(r.body, `${who} ${url}`).not.toContain(secret);
        if (url.startsWith('/api/v1/referrals')) expect(r.body, `${who} ${url}`).not.toContain(referralId);
      }
    }
    expect((await ctx.db.one<{ state: string }>('SELECT state FROM case_referral WHERE id = $1', [referralId])).state).toBe('sent');
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM case_access_grant WHERE case_id = $1', [caseId])).n)).toBe(0);

    // a case of another school (Hà Nội): this case's counsellor, head, centre and Department reach nothing of it
    const foreignPupil = 'Lê Văn Ngoàitrường Kiểmtra';
    const hanoi = await orgOf(OTHER_COUNSELLOR);
    const opened = await call(OTHER_COUNSELLOR, 'POST', '/api/v1/cases', newCase({ schoolId: hanoi, pupil: { fullName: foreignPupil, className: 'Lớp 10A' }, reportedAt: '2026-11-30T07:45:00+07:00' }));
    ok(opened, 201);
    const foreign = (opened.json() as CaseDetail).id;
    for (const who of [COUNSELLOR, HEAD, PROVIDER, DEPT]) {
      for (const [method, url, body] of [...routes(foreign), ['POST', `/api/v1/cases/${foreign}/break-glass`, { reason: BREAK_GLASS }]] as const) {
        const r = await call(who, method, url, body);
        expect(r.body, `${who} ${method} ${url}`).not.toContain(foreignPupil);
        // a head and a Department read their own scope of the access log: nothing of another province's case
        if (url.startsWith('/api/v1/case-access-log') && (who === HEAD || who === DEPT)) { ok(r); expect(r.json().items, `${who} ${url}`).toEqual([]); continue; }
        expect([401, 403], `${who} ${method} ${url}: ${r.body}`).toContain(r.statusCode);
      }
      for (const url of ['/api/v1/cases?state=all&limit=100', '/api/v1/referrals?limit=100', '/api/v1/home']) {
        const r = await call(who, 'GET', url);
        expect(r.body, `${who} ${url}`).not.toContain(foreign);
        expect(r.body, `${who} ${url}`).not.toContain(foreignPupil);
      }
    }
  }, 240_000);

  it('the centre accepts (once), reports back and closes its part; the counsellor is told', async () => {
    const move = (who: string, action: string, text?: string) => call(who, 'POST', `/api/v1/referrals/${referralId}/transitions`, { action, text });
    expect((await move(COUNSELLOR, 'accept')).statusCode).toBe(403); // the centre answers, not the school
    ok(await move(PROVIDER, 'accept'));
    expect((await move(PROVIDER, 'accept')).statusCode).toBe(409);
    expect((await move(PROVIDER, 'report')).statusCode).toBe(409); // a report needs its text
    ok(await move(PROVIDER, 'report', 'Đã gặp học sinh và gia đình; tiếp tục hỗ trợ'));
    const closed = await move(PROVIDER, 'close');
    ok(closed);
    expect((closed.json() as Referral).state).toBe('closed');
    const told = await ctx.db.query<{ params: { state: string } }>(`SELECT n.params FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.kind = 'cases_referral_answered'`, [COUNSELLOR]);
    expect(told.map((n) => n.params.state)).toEqual(['accepted', 'reported', 'closed']);
  });

  it('a provider declines only with a reason', async () => {
    const second = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/referrals`, { providerId: centre.id, sharedSummary: 'Đề nghị hỗ trợ trị liệu tâm lý', legalBasis: 'legal_obligation', consentNote: 'Luật Trẻ em 2016', channel: 'online' });
    ok(second, 201);
    const id = (second.json() as CaseDetail).referrals.find((x) => x.state === 'sent')!.id;
    expect((await call(PROVIDER, 'POST', `/api/v1/referrals/${id}/transitions`, { action: 'decline' })).statusCode).toBe(409);
    const d = await call(PROVIDER, 'POST', `/api/v1/referrals/${id}/transitions`, { action: 'decline', text: 'Không cung cấp dịch vụ trị liệu' });
    ok(d);
    expect((d.json() as Referral)).toMatchObject({ state: 'declined', declineReason: 'Không cung cấp dịch vụ trị liệu', pupil: null });
  });

  it('break-glass needs a typed reason, opens the case for a few hours and tells the supervisors', async () => {
    const short = await call(HEAD, 'POST', `/api/v1/cases/${caseId}/break-glass`, { reason: 'cần xem' });
    expect(short.statusCode).toBe(422);
    for (const who of [OTHER_COUNSELLOR, PROVIDER, 'quantri@ketnoi.demo', 'so.sonla@ketnoi.demo']) {
      expect((await call(who, 'POST', `/api/v1/cases/${caseId}/break-glass`, { reason: 'Phụ huynh báo học sinh mất tích, cần liên hệ ngay' })).statusCode).toBe(403);
    }
    const r = await call(HEAD, 'POST', `/api/v1/cases/${caseId}/break-glass`, { reason: 'Phụ huynh báo học sinh mất tích, cần liên hệ ngay' });
    ok(r);
    const c = r.json() as CaseDetail;
    expect(c.pupil?.fullName).toBe(PUPIL);
    expect(c.breakGlassUntil).toBe('2026-11-30T05:00:00.000Z');
    expect(c.can.edit).toBe(false); // reading only
    const told = await ctx.db.query<{ email: string; params: unknown }>(`SELECT u.email, n.params FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'cases_break_glass'`);
    expect(told.map((n) => n.email)).toContain(DEPT);
    expect(JSON.stringify(told)).not.toContain(PUPIL);
    expect(JSON.stringify(told)).not.toContain('mất tích');
    // after the grant the principal is back to the summary
    clock.set('2026-11-30T06:00:00Z');
    expect(((await call(HEAD, 'GET', `/api/v1/cases/${caseId}`)).json() as CaseDetail).restricted).toBe(true);
  });

  it('every read is logged, and the log is the principal\'s and the Department\'s to read', async () => {
    const head = await call(HEAD, 'GET', `/api/v1/case-access-log?caseId=${caseId}&limit=200`);
    ok(head);
    const actions = (head.json().items as { action: string; actorLabel: string; detail: string | null }[]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['read_summary', 'break_glass', 'read_referral']));
    expect(actions.find((a) => a.action === 'break_glass')?.detail).toContain('mất tích');
    expect(head.body).not.toContain(PUPIL);
    ok(await call(DEPT, 'GET', `/api/v1/case-access-log?caseId=${caseId}`));
    expect((await call(COUNSELLOR, 'GET', '/api/v1/case-access-log')).statusCode).toBe(403);
    expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/case-access-log?caseId=${caseId}`)).json().items).toEqual([]);
  });

  it('the counsellor closes the case with an outcome', async () => {
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/steps`, { to: 'follow_up' }));
    expect((await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/steps`, { to: 'closed' })).statusCode).toBe(409);
    const c = await call(COUNSELLOR, 'POST', `/api/v1/cases/${caseId}/steps`, { to: 'closed', outcome: 'improved' });
    ok(c);
    expect((c.json() as CaseDetail)).toMatchObject({ step: 'closed', outcome: 'improved', closedAt: '2026-11-30T06:00:00.000Z' });
  });

  it('statistics: the Department its province, the Ministry all, counts under 5 as "<5", no identity', async () => {
    const d = await call(DEPT, 'GET', '/api/v1/case-statistics?year=2026');
    ok(d);
    const s = d.json() as CaseStatistics;
    expect(s.provinceCode).toBe('11');
    expect(s.byCategory.find((x) => x.key === 'violence')?.count).toBe('<5');
    // complementary suppression: no breakdown of the cases leaves a lone "<5" beside a published total
    expect(typeof s.total).toBe('number');
    for (const b of [s.byCategory, s.byRisk, s.byStep, s.bySchoolLevel, s.byProvince] as { count: unknown }[][]) {
      if (b.filter((x) => x.count === '<5').length === 1) expect(b.some((x) => x.count === 'x'), JSON.stringify(b)).toBe(true);
    }
    expect(d.body).not.toContain(PUPIL);
    expect(d.body).not.toContain('CTXH-');
    expect((await call(DEPT, 'GET', '/api/v1/case-statistics?provinceCode=14')).statusCode).toBe(403);
    ok(await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/case-statistics?year=2026'));
    // the yearly report: .docx (Decree 30/2020) and .xlsx, counts only
    const docx = await call(DEPT, 'GET', '/api/v1/case-statistics/document?year=2026');
    ok(docx);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/case-statistics/document?year=2026&format=xlsx');
    ok(xlsx);
    expect(xlsx.headers['content-disposition']).toContain('thong-ke-cong-tac-xa-hoi-toan-quoc-2026.xlsx');
    const { default: JSZip } = await import('jszip');
    for (const file of [docx, xlsx]) {
      const zip = await JSZip.loadAsync(file.rawPayload);
      const texts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir && f.name.endsWith('.xml')).map((f) => f.async('string')));
      expect(texts.join('')).not.toContain(PUPIL);
      expect(texts.join('')).not.toContain('CTXH-2026');
    }
    for (const who of [HEAD, COUNSELLOR, PROVIDER, 'quantri@ketnoi.demo']) expect((await call(who, 'GET', '/api/v1/case-statistics/document')).statusCode).toBe(403);
    for (const who of [HEAD, COUNSELLOR, PROVIDER, 'quantri@ketnoi.demo', 'nhataitro@ketnoi.demo']) expect((await call(who, 'GET', '/api/v1/case-statistics')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/case-statistics')).statusCode).toBe(401);
  });

  it('the pupil\'s name is in no audit entry, audit view, notification, public page or log line', async () => {
    const audit = await ctx.db.query<{ t: string }>(`SELECT row_to_json(a)::text AS t FROM audit_log a WHERE entity IN ('support_case', 'case_referral')`);
    expect(audit.length).toBeGreaterThan(5);
    expect(audit.map((a) => a.t).join('\n')).not.toContain(PUPIL);
    expect(audit.map((a) => a.t).join('\n')).not.toContain('bí mật');
    const view = await call('quantri@ketnoi.demo', 'GET', '/api/v1/audit/log?limit=200');
    ok(view);
    expect(view.body).not.toContain(PUPIL);
    const notes = await ctx.db.query<{ t: string }>('SELECT row_to_json(n)::text AS t FROM notification n');
    expect(notes.map((n) => n.t).join('\n')).not.toContain(PUPIL);
    // nor any e-mail: every notification of a case as it is mailed, in Vietnamese and in English
    const mailed = (await ctx.db.query<{ kind: string; params: unknown }>(`SELECT kind, params FROM notification WHERE kind LIKE 'cases_%'`))
      .flatMap((n) => (['vi', 'en'] as const).map((lang) => render(n.kind, n.params, lang)));
    expect(mailed.length).toBeGreaterThan(5);
    expect(mailed.every((m) => m !== null)).toBe(true);
    const mails = JSON.stringify(mailed);
    for (const secret of [PUPIL, 'Bímật', 'bí mật', 'mất tích', 'violence', 'bạo lực', 'an toàn tại gia đình']) expect(mails).not.toContain(secret);
    expect(mails).toContain('CTXH-2026-');
    for (const url of ['/api/v1/providers?limit=200', '/api/v1/portal/stats', '/api/v1/home']) {
      const r = await call(null, 'GET', url);
      expect(r.body).not.toContain(PUPIL);
    }
    const text = log.join('');
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(PUPIL);
    expect(text).not.toContain('Bímật');
    expect(text).not.toContain('mất tích');
  });
});

describe('the provider network', () => {
  it('is public and searchable without diacritics, by service and by commune', async () => {
    const all = await call(null, 'GET', '/api/v1/providers?limit=200');
    ok(all);
    const items = all.json().items as Provider[];
    expect(items.some((p) => p.kind === 'hotline' && p.phone === '111')).toBe(true);
    const folded = await call(null, 'GET', '/api/v1/providers?q=tam ly lam sang son la');
    expect((folded.json().items as Provider[]).map((p) => p.provinceCode)).toEqual(['14']);
    const legal = await call(null, 'GET', '/api/v1/providers?service=legal_aid&provinceCode=12');
    expect((legal.json().items as Provider[]).every((p) => p.services.includes('legal_aid'))).toBe(true);
    // a commune: its own providers, the province's and the national hotline
    const commune = (await ctx.db.one<{ commune_code: string }>('SELECT commune_code FROM school WHERE organisation_id = $1', [school])).commune_code;
    const near = (await call(null, 'GET', `/api/v1/providers?communeCode=${commune}&limit=200`)).json().items as Provider[];
    expect(near.some((p) => p.kind === 'commune_police')).toBe(true);
    expect(near.some((p) => p.kind === 'hotline')).toBe(true);
    expect(near.every((p) => p.provinceCode === null || p.provinceCode === '11')).toBe(true);
    expect(all.body).not.toContain('CTXH-');
  });

  it('a Department keeps its province\'s part; national services are the administrators\'', async () => {
    const input = { kind: 'ngo', name: 'Câu lạc bộ hỗ trợ trẻ em (mẫu kiểm thử)', provinceCode: '11', services: ['counselling'], channels: ['phone'], phone: '0215 000 000' };
    const made = await call(DEPT, 'POST', '/api/v1/providers', input);
    ok(made, 201);
    expect((await call(DEPT, 'POST', '/api/v1/providers', { ...input, provinceCode: '14' })).statusCode).toBe(403);
    expect((await call(DEPT, 'POST', '/api/v1/providers', { ...input, provinceCode: null })).statusCode).toBe(403);
    for (const who of [COUNSELLOR, HEAD, PROVIDER]) expect((await call(who, 'POST', '/api/v1/providers', input)).statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/v1/providers', input)).statusCode).toBe(401);
    const id = made.json().id as string;
    expect((await call('so.sonla@ketnoi.demo', 'PATCH', `/api/v1/providers/${id}`, { hours: '08:00–17:00' })).statusCode).toBe(403);
    const off = await call(DEPT, 'PATCH', `/api/v1/providers/${id}`, { active: false });
    ok(off);
    expect((await call(null, 'GET', `/api/v1/providers/${id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/api/v1/providers?limit=200')).body).not.toContain(id);
    // the suspended ones: their keepers only, a Department its own province's
    const suspended = await call(DEPT, 'GET', '/api/v1/providers?state=suspended&limit=200');
    ok(suspended);
    expect((suspended.json().items as Provider[]).map((p) => p.id)).toContain(id);
    expect((suspended.json().items as Provider[]).every((p) => !p.active && p.provinceCode === '11')).toBe(true);
    expect((await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/providers?state=suspended&limit=200')).body).not.toContain(id);
    expect((await call(DEPT, 'GET', '/api/v1/providers?state=suspended&provinceCode=14')).statusCode).toBe(403);
    ok(await call('quantri@ketnoi.demo', 'GET', `/api/v1/providers?state=suspended&provinceCode=11`));
    expect((await call('quantri@ketnoi.demo', 'GET', '/api/v1/providers?state=suspended&limit=200')).body).toContain(id);
    for (const who of [COUNSELLOR, HEAD, PROVIDER, 'dieuphoi@ketnoi.demo']) expect((await call(who, 'GET', '/api/v1/providers?state=suspended')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/providers?state=suspended')).statusCode).toBe(401);
    // reopened by its Department (not another's): back in the directory, audited as such
    expect((await call('so.sonla@ketnoi.demo', 'PATCH', `/api/v1/providers/${id}`, { active: true })).statusCode).toBe(403);
    const on = await call(DEPT, 'PATCH', `/api/v1/providers/${id}`, { active: true });
    ok(on);
    expect(on.json().active).toBe(true);
    ok(await call(null, 'GET', `/api/v1/providers/${id}`));
    expect((await call(DEPT, 'GET', '/api/v1/providers?state=suspended&limit=200')).body).not.toContain(id);
    const audited = await ctx.db.query<{ action: string; actor: string }>(
      `SELECT a.action, u.email AS actor FROM audit_log a JOIN app_user u ON u.id = a.actor_id WHERE a.entity = 'service_provider' AND a.entity_id = $1 ORDER BY a.id`, [id]);
    expect(audited).toEqual([{ action: 'create', actor: DEPT }, { action: 'suspend', actor: DEPT }, { action: 'reopen', actor: DEPT }]);
    const badCommune = await call(DEPT, 'POST', '/api/v1/providers', { ...input, communeCodes: ['00001'] });
    expect(badCommune.statusCode).toBe(422);
  });
});

describe('taking staff off a case', () => {
  it('a member of the assignment or the head takes someone off; the last counsellor stays; audited by reference only', async () => {
    clock.set('2026-12-02T02:00:00Z');
    const c = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'dropout_risk', risk: 'low', reportedAt: '2026-12-01T09:00:00+07:00' }));
    ok(c, 201);
    const { id, reference } = c.json() as CaseDetail;
    const headId = await userId(HEAD);
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/assignments`, { userId: headId }));
    const assigned = await call(HEAD, 'GET', `/api/v1/cases/${id}`);
    ok(assigned);
    expect((assigned.json() as CaseDetail).can.unassign).toBe(true);
    expect((assigned.json() as CaseDetail).pupil?.fullName).toBe(PUPIL);
    // outsiders: refused, and whether someone is assigned is not told
    expect((await call(null, 'DELETE', `/api/v1/cases/${id}/assignments/${headId}`)).statusCode).toBe(401);
    for (const who of [OTHER_COUNSELLOR, DEPT, PROVIDER, 'quantri@ketnoi.demo', 'truong.hanoi@ketnoi.demo']) {
      const r = await call(who, 'DELETE', `/api/v1/cases/${id}/assignments/${headId}`);
      expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
      expect(r.body).not.toContain(PUPIL);
    }
    // the last counsellor cannot be taken off, even by the head
    const last = await call(HEAD, 'DELETE', `/api/v1/cases/${id}/assignments/${counsellorId}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().detail ?? last.json().title).toMatch(/cuối cùng/);
    // someone not assigned is a 404; a malformed id is a 4xx; neither writes anything
    expect((await call(COUNSELLOR, 'DELETE', `/api/v1/cases/${id}/assignments/${await userId(DEPT)}`)).statusCode).toBe(404);
    const malformed = await call(COUNSELLOR, 'DELETE', `/api/v1/cases/${id}/assignments/not-a-uuid`);
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
    expect((await ctx.db.query('SELECT 1 FROM case_assignment WHERE case_id = $1 AND ended_at IS NOT NULL', [id]))).toHaveLength(0);
    // the counsellor takes the head off: the head is back to the summary
    const off = await call(COUNSELLOR, 'DELETE', `/api/v1/cases/${id}/assignments/${headId}`);
    expect(off.statusCode, off.body).toBe(204);
    const after = await call(HEAD, 'GET', `/api/v1/cases/${id}`);
    ok(after);
    expect(after.json()).toMatchObject({ restricted: true, pupil: null });
    expect(after.body).not.toContain(PUPIL);
    expect((await call(HEAD, 'GET', `/api/v1/cases/${id}`)).json().assigned.map((a: { userId: string }) => a.userId)).toEqual([counsellorId]);
    // taken off twice: nothing left to end
    expect((await call(COUNSELLOR, 'DELETE', `/api/v1/cases/${id}/assignments/${headId}`)).statusCode).toBe(404);
    const audits = await ctx.db.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'support_case' AND entity_id = $1 AND action = 'unassign'`, [id]);
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0].after)).toContain(reference);
    expect(JSON.stringify(audits[0].after)).not.toContain(PUPIL);
    // the ended assignment stays for the record; assigning again reopens it
    expect((await ctx.db.query('SELECT 1 FROM case_assignment WHERE case_id = $1 AND user_id = $2 AND ended_at IS NOT NULL', [id, headId]))).toHaveLength(1);
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/assignments`, { userId: headId }));
    expect((await call(HEAD, 'GET', `/api/v1/cases/${id}`)).json().restricted).toBe(false);
  });

  it('when the lead goes, the earliest remaining counsellor leads; of two removals at once one is a 409', async () => {
    const c = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'psychological', risk: 'low', reportedAt: '2026-12-01T09:00:00+07:00' }));
    ok(c, 201);
    const id = (c.json() as CaseDetail).id;
    const second = (await ctx.db.one<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Cán bộ tư vấn thứ hai (thử)', 'x', 'counsellor', $2) RETURNING id`,
      [`tuvan2.${Date.now().toString(36)}@ketnoi.test`, school])).id;
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/assignments`, { userId: second }));
    const [a, b] = await Promise.all([
      call(HEAD, 'DELETE', `/api/v1/cases/${id}/assignments/${counsellorId}`),
      call(HEAD, 'DELETE', `/api/v1/cases/${id}/assignments/${second}`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    const left = await ctx.db.query<{ user_id: string; lead: boolean }>('SELECT user_id, lead FROM case_assignment WHERE case_id = $1 AND ended_at IS NULL', [id]);
    expect(left).toHaveLength(1);
    expect(left[0].lead).toBe(true);
  });
});

describe('assigning staff, and a case as a document', () => {
  it('the lead or the school\'s head picks from the school\'s staff not yet assigned; anyone else is refused', async () => {
    clock.set('2026-12-03T02:00:00Z');
    const made = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'psychological', risk: 'medium', reportedAt: '2026-12-02T09:00:00+07:00' }));
    ok(made, 201);
    const id = (made.json() as CaseDetail).id;
    const headId = await userId(HEAD);
    const candidates = await call(COUNSELLOR, 'GET', `/api/v1/cases/${id}/assignable`);
    ok(candidates);
    const listed = candidates.json().candidates as { userId: string; role: string }[];
    expect(listed.map((x) => x.userId)).toContain(headId);
    expect(listed.map((x) => x.userId)).not.toContain(counsellorId);
    expect(listed.every((x) => ['counsellor', 'school'].includes(x.role))).toBe(true);
    expect(candidates.body).not.toContain(PUPIL);
    ok(await call(HEAD, 'GET', `/api/v1/cases/${id}/assignable`));
    for (const who of [OTHER_COUNSELLOR, PROVIDER, DEPT, 'quantri@ketnoi.demo', 'truong.thcs.dienbien@ketnoi.demo']) {
      expect((await call(who, 'GET', `/api/v1/cases/${id}/assignable`)).statusCode, who).toBe(403);
    }
    expect((await call(null, 'GET', `/api/v1/cases/${id}/assignable`)).statusCode).toBe(401);
    expect((await call(COUNSELLOR, 'GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000/assignable')).statusCode).toBe(404);
    // the head, picked from the list, then reads the case and is no longer offered
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/assignments`, { userId: headId }));
    const read = (await call(HEAD, 'GET', `/api/v1/cases/${id}`)).json() as CaseDetail;
    expect(read).toMatchObject({ restricted: false, pupil: { fullName: PUPIL } });
    expect(read.can.export).toBe(true);
    expect(((await call(HEAD, 'GET', `/api/v1/cases/${id}/assignable`)).json().candidates as { userId: string }[]).map((x) => x.userId)).not.toContain(headId);
  });

  it('the assigned staff download the case as .docx; each export is in the access log and audited by reference; anyone else is refused and nothing is logged', async () => {
    const exports = async () => Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM case_access_log WHERE case_id = $1 AND action = 'export'`, [caseId])).n);
    const before = await exports();
    for (const who of [HEAD, OTHER_COUNSELLOR, PROVIDER, DEPT, 'quantri@ketnoi.demo', 'dieuphoi@ketnoi.demo']) {
      const r = await call(who, 'GET', `/api/v1/cases/${caseId}/document`);
      expect(r.statusCode, who).toBe(403);
      expect(r.body).not.toContain(PUPIL);
    }
    expect((await call(null, 'GET', `/api/v1/cases/${caseId}/document`)).statusCode).toBe(401);
    expect((await call(COUNSELLOR, 'GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000/document')).statusCode).toBe(404);
    expect(await exports()).toBe(before);

    const r = await call(COUNSELLOR, 'GET', `/api/v1/cases/${caseId}/document`);
    ok(r);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(r.headers['content-disposition']).toMatch(/filename="ho-so-ctxh-2026-\d{4}\.docx"/);
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(r.rawPayload);
    const text = (await Promise.all(Object.values(zip.files).filter((f) => !f.dir && f.name.endsWith('.xml')).map((f) => f.async('string')))).join('');
    for (const part of [PUPIL, 'Lớp 7C', 'Ghi chú bí mật về hoàn cảnh gia đình', 'Học sinh an toàn ở trường và ở nhà', 'Gặp riêng học sinh', centre.name, 'Đã gặp học sinh và gia đình', 'Tiến triển tốt', 'TÀI LIỆU MẬT']) {
      expect(text, part).toContain(part);
    }
    expect(await exports()).toBe(before + 1);
    const logged = await call(HEAD, 'GET', `/api/v1/case-access-log?caseId=${caseId}&limit=5`);
    const entry = (logged.json().items as { action: string; actorRole: string; detail: string; at: string }[]).find((x) => x.action === 'export')!;
    expect(entry).toMatchObject({ actorRole: 'counsellor', detail: 'Hồ sơ trường hợp (.docx)', at: clock.now().toISOString() });
    expect(logged.body).not.toContain(PUPIL);
    const audited = await ctx.db.query<{ t: string }>(`SELECT row_to_json(a)::text AS t FROM audit_log a WHERE entity = 'support_case' AND entity_id = $1 AND action = 'export'`, [caseId]);
    expect(audited).toHaveLength(1);
    expect(audited[0].t).not.toContain(PUPIL);
  });
});

describe('the Department\'s focal point', () => {
  it('a Department names its focal point: alerts and the access log go to it; none named, every account (and the answer says so)', async () => {
    const dept = await orgOf(DEPT);
    const deptId = await userId(DEPT);
    const focalEmail = `dau-moi.${Date.now().toString(36)}@ketnoi.test`;
    const focalId = (await ctx.db.one<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) SELECT $1, 'Đầu mối công tác xã hội (thử)', password_hash, 'department', organisation_id FROM app_user WHERE email = $2 RETURNING id`,
      [focalEmail, DEPT])).id;
    const before = await call(DEPT, 'GET', '/api/v1/case-focal-points');
    ok(before);
    expect(before.json()).toMatchObject({ fallback: true, focal: [] });
    expect(before.json().candidates.map((c: { userId: string }) => c.userId)).toEqual(expect.arrayContaining([deptId, focalId]));
    // only the Department's own active accounts; others refused, nothing written
    const bad = await call(DEPT, 'PUT', '/api/v1/case-focal-points', { userIds: [focalId, await userId(HEAD)] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('userIds.1');
    expect((await call(DEPT, 'PUT', '/api/v1/case-focal-points', { userIds: ['nope'] })).statusCode).toBe(422);
    expect(await ctx.db.query('SELECT 1 FROM case_focal_point WHERE department_id = $1', [dept])).toHaveLength(0);
    for (const who of [HEAD, COUNSELLOR, PROVIDER, 'quantri@ketnoi.demo', 'dieuphoi@ketnoi.demo']) {
      expect((await call(who, 'GET', '/api/v1/case-focal-points')).statusCode).toBe(403);
      expect((await call(who, 'PUT', '/api/v1/case-focal-points', { userIds: [] })).statusCode).toBe(403);
    }
    expect((await call(null, 'GET', '/api/v1/case-focal-points')).statusCode).toBe(401);
    // another province's Department sees its own, never this one's
    const other = await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/case-focal-points');
    ok(other);
    expect(other.body).not.toContain(focalEmail);

    const set = await call(DEPT, 'PUT', '/api/v1/case-focal-points', { userIds: [focalId, focalId] });
    ok(set);
    expect(set.json()).toMatchObject({ fallback: false, focal: [{ userId: focalId }] });
    // the access log: the focal point reads it, the Department's other account no longer does
    ok(await call(focalEmail, 'GET', '/api/v1/case-access-log?limit=5'));
    expect((await call(DEPT, 'GET', '/api/v1/case-access-log?limit=5')).statusCode).toBe(403);
    expect((await call(DEPT, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    // a break-glass read tells the head and the focal point, not the Department's other accounts
    clock.set('2026-12-03T02:00:00Z');
    const c = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'other', risk: 'low', reportedAt: '2026-12-02T09:00:00+07:00' }));
    ok(c, 201);
    const id = (c.json() as CaseDetail).id;
    ok(await call(HEAD, 'POST', `/api/v1/cases/${id}/break-glass`, { reason: 'Gia đình báo học sinh mất liên lạc từ tối qua' }));
    const told = (await ctx.db.query<{ user_id: string }>(`SELECT n.user_id FROM notification n WHERE n.kind = 'cases_break_glass' AND n.params->>'reference' = $1`, [(c.json() as CaseDetail).reference])).map((r) => r.user_id);
    expect(told).toContain(focalId);
    expect(told).not.toContain(deptId);
    // the focal point inactive: every account again, and the answer says so
    await ctx.db.query('UPDATE app_user SET active = false WHERE id = $1', [focalId]);
    const lapsed = await call(DEPT, 'GET', '/api/v1/case-focal-points');
    ok(lapsed);
    expect(lapsed.json().fallback).toBe(true);
    ok(await call(DEPT, 'GET', '/api/v1/case-access-log?limit=5'));
    await ctx.db.query('UPDATE app_user SET active = true WHERE id = $1', [focalId]);
    // cleared: every account of the Department again
    const cleared = await call(focalEmail, 'PUT', '/api/v1/case-focal-points', { userIds: [] });
    ok(cleared);
    expect(cleared.json()).toMatchObject({ fallback: true, focal: [] });
    ok(await call(DEPT, 'GET', '/api/v1/case-access-log?limit=5'));
    const audits = await ctx.db.query(`SELECT 1 FROM audit_log WHERE entity = 'case_focal_point' AND entity_id = $1`, [dept]);
    expect(audits).toHaveLength(2);
  });
});

describe('decisions under concurrency (they race on PostgreSQL; PGlite runs them one after the other)', () => {
  it('of two answers to one referral at once, one wins and the other is a 409', async () => {
    clock.set('2026-12-02T02:00:00Z');
    const c = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'bullying', reportedAt: '2026-12-01T09:00:00+07:00' }));
    ok(c, 201);
    const id = (c.json() as CaseDetail).id;
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/steps`, { to: 'assessment' }));
    const ref = await call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/referrals`, { providerId: centre.id, sharedSummary: 'Đề nghị hỗ trợ tư vấn', legalBasis: 'legal_obligation', consentNote: 'Luật Trẻ em 2016', channel: 'online' });
    ok(ref, 201);
    const rid = (ref.json() as CaseDetail).referrals[0].id;
    const [a, b] = await Promise.all([
      call(PROVIDER, 'POST', `/api/v1/referrals/${rid}/transitions`, { action: 'accept' }),
      call(PROVIDER, 'POST', `/api/v1/referrals/${rid}/transitions`, { action: 'decline', text: 'Quá tải' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const moves = await Promise.all([0, 1, 2].map(() => call(COUNSELLOR, 'POST', `/api/v1/cases/${id}/steps`, { to: 'intervention' })));
    expect(moves.map((m) => m.statusCode).sort()).toEqual([200, 409, 409]);
    const events = await ctx.db.query('SELECT 1 FROM case_step_event WHERE case_id = $1 AND to_step = $2', [id, 'intervention']);
    expect(events).toHaveLength(1);
  });

  it('two cases opened at once by one school get different references', async () => {
    const rs = await Promise.all([0, 1, 2].map(() => call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'other', reportedAt: '2026-12-01T09:00:00+07:00' }))));
    for (const r of rs) ok(r, 201);
    expect(new Set(rs.map((r) => (r.json() as CaseDetail).reference)).size).toBe(3);
  });
});

describe('the list by state: open (the default), closed, all', () => {
  type Row = { id: string; step: string; restricted: boolean };
  /** Every page of a state's list, three rows a page (the keyset paging under the filter), and the total the first page told. */
  async function walk(who: string, state?: 'open' | 'closed' | 'all') {
    const rows: Row[] = [];
    let cursor: string | null = null;
    let total = -1;
    let bodies = '';
    do {
      const qs: string = new URLSearchParams({ limit: '3', ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) }).toString();
      const r = await call(who, 'GET', `/api/v1/cases?${qs}`);
      ok(r);
      const p = r.json() as { items: Row[]; nextCursor: string | null; total: number };
      if (total < 0) total = p.total;
      expect(p.total).toBe(total);
      rows.push(...p.items);
      bodies += r.body;
      cursor = p.nextCursor;
    } while (cursor);
    expect(new Set(rows.map((x) => x.id)).size, 'no row twice across pages').toBe(rows.length);
    expect(rows.length).toBe(total);
    return { rows, total, bodies, ids: rows.map((x) => x.id).sort() };
  }
  /** What the database holds, to compare with: the account's cases (assigned now, or of its school for a head), open or closed. */
  const truth = async (where: string, params: unknown[], closed: boolean) =>
    (await ctx.db.query<{ id: string }>(`SELECT c.id FROM support_case c WHERE (${where}) AND (c.step = 'closed') = $${params.length + 1}`, [...params, closed])).map((r) => r.id).sort();

  it('a counsellor and the principal each get exactly their open or closed cases, and the home counts what the open list shows', async () => {
    clock.set('2026-12-04T02:00:00Z');
    const open = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'psychological', risk: 'low', reportedAt: '2026-12-03T09:00:00+07:00' }));
    ok(open, 201);
    const done = await call(COUNSELLOR, 'POST', '/api/v1/cases', newCase({ category: 'other', risk: 'low', reportedAt: '2026-12-03T10:00:00+07:00' }));
    ok(done, 201);
    const openId = (open.json() as CaseDetail).id;
    const closedId = (done.json() as CaseDetail).id;
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${closedId}/steps`, { to: 'assessment' }));
    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${closedId}/steps`, { to: 'closed', outcome: 'no_action_needed' }));
    const headId = await userId(HEAD);
    const mine = ['EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.user_id = $1 AND a.ended_at IS NULL)', [counsellorId]] as const;
    const school_ = ['c.school_id = $1 OR EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.user_id = $2 AND a.ended_at IS NULL)', [school, headId]] as const;

    for (const [who, [where, params]] of [[COUNSELLOR, mine], [HEAD, school_]] as const) {
      const o = await walk(who, 'open');
      const c = await walk(who, 'closed');
      const a = await walk(who, 'all');
      const byDefault = await walk(who);
      expect(o.ids, who).toEqual(await truth(where, [...params], false));
      expect(c.ids, who).toEqual(await truth(where, [...params], true));
      expect(o.rows.every((x) => x.step !== 'closed') && c.rows.every((x) => x.step === 'closed'), who).toBe(true);
      expect(o.ids).toContain(openId);
      expect(o.ids).not.toContain(closedId);
      expect(c.ids).toContain(closedId);
      expect(c.ids).not.toContain(openId);
      // all is both, and without a state the list is the open one
      expect(a.ids).toEqual([...o.ids, ...c.ids].sort());
      expect(byDefault.ids).toEqual(o.ids);
      // a step named lists that step whatever the state
      const closedStep = await call(who, 'GET', '/api/v1/cases?step=closed&limit=100');
      ok(closedStep);
      expect((closedStep.json().items as Row[]).map((x) => x.id).sort()).toEqual(c.ids);
      // the principal, not assigned: existence and deadlines only, in every state
      if (who === HEAD) {
        expect([...o.rows, ...c.rows].find((x) => x.id === closedId)?.restricted).toBe(true);
        for (const body of [o.bodies, c.bodies, a.bodies]) for (const secret of [PUPIL, 'bí mật']) expect(body).not.toContain(secret);
      }
    }

    // the home's counts link to the open list and count what it shows
    const homeCount = async (who: string, section: string, key: string) =>
      ((await call(who, 'GET', '/api/v1/home')).json().sections as { key: string; counts: { key: string; count: number; href: string }[] }[])
        .find((s) => s.key === section)!.counts.find((x) => x.key === key)!;
    for (const [who, section, key] of [[COUNSELLOR, 'cases', 'cases_mine'], [HEAD, 'schoolCases', 'cases_school_open']] as const) {
      const n = await homeCount(who, section, key);
      expect(n.href).toBe('/cong-tac-xa-hoi?trang-thai=dang-mo');
      const list = await call(who, 'GET', '/api/v1/cases?state=open&limit=1');
      expect(n.count, `${who} ${key}`).toBe(list.json().total);
    }

    // a state the list does not know is refused; others see nothing in any state
    expect((await call(COUNSELLOR, 'GET', '/api/v1/cases?state=archived')).statusCode).toBe(422);
    for (const state of ['open', 'closed', 'all']) {
      expect((await call(null, 'GET', `/api/v1/cases?state=${state}`)).statusCode).toBe(401);
      for (const who of [OTHER_COUNSELLOR, 'truong.hanoi@ketnoi.demo']) {
        const r = await call(who, 'GET', `/api/v1/cases?state=${state}&limit=100`);
        ok(r);
        for (const id of [openId, closedId]) expect(r.body).not.toContain(id);
      }
      for (const who of [DEPT, PROVIDER]) expect((await call(who, 'GET', `/api/v1/cases?state=${state}`)).statusCode).toBe(403);
    }
  });
});
