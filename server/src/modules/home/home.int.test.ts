import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG } from '../../../test/calls.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { Home, HomeCountKey, HomeSectionKey } from '../../../../contracts/home.js';

/**
 * Each role's home counts what the test makes, within its scope: a Department never counts
 * another province's needs, a school never another school's; each count's link opens the list it counts.
 */

let ctx: TestContext;
const call = caller(() => ctx);
const orgOf = async (email: string) => (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;
const home = async (who: string): Promise<Home> => {
  const r = await call(who, 'GET', '/api/v1/home');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const countOf = (h: Home, section: HomeSectionKey, key: HomeCountKey) => {
  const c = h.sections.find((s) => s.key === section)?.counts.find((x) => x.key === key);
  expect(c, `${section}.${key}`).toBeDefined();
  return c!;
};
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

let school = '', sonlaSchool = '';
beforeAll(async () => {
  ctx = await testApp();
  school = await orgOf('truong.dienbien@ketnoi.demo');
  // a school of Sơn La with an account, for the other province
  sonlaSchool = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE province_code = (SELECT province_code FROM organisation WHERE id = $1) ORDER BY code LIMIT 1`, [await orgOf('so.sonla@ketnoi.demo')])).id;
  ok(await call('so.sonla@ketnoi.demo', 'POST', '/api/v1/accounts', { email: 'truong.sonla.home@ketnoi.test', displayName: 'Cán bộ trường Sơn La', password: DEMO_PASSWORD, role: 'school', organisationId: sonlaSchool }), 201);
});
afterAll(async () => { await ctx.close(); });

async function need(who: string, schoolId: string, title: string, to: 'draft' | 'submitted' | 'verified' | 'published'): Promise<string> {
  const n = await call(who, 'POST', '/api/v1/needs', { category: 'equipment', title, description: null, quantity: 5, unit: 'bộ', estimatedCost: 10_000_000, priority: 'normal', schoolId });
  ok(n, 201);
  const id = n.json().id;
  const dept = who === 'truong.dienbien@ketnoi.demo' ? 'so.dienbien@ketnoi.demo' : 'so.sonla@ketnoi.demo';
  const steps: [string, string][] = [[who, 'submit'], [dept, 'verify'], [dept, 'publish']];
  const upto = { draft: 0, submitted: 1, verified: 2, published: 3 }[to];
  for (const [actor, action] of steps.slice(0, upto)) ok(await call(actor, 'POST', `/api/v1/needs/${id}/transitions`, { action }));
  return id;
}
const gift = async (action: string, who: string, id: string, files: { filename: string; type: string; data: Buffer }[] = []) => {
  const [body, headers] = multipart({ action }, files);
  ok(await call(who, 'POST', `/api/v1/contributions/${id}/transitions`, body, headers));
};

describe('a home per role', () => {
  it('a school: its school, its needs by state, receipts to confirm; counts grow with what it makes and not with another school\'s', async () => {
    const before = await home('truong.dienbien@ketnoi.demo');
    expect(before.organisation).toMatchObject({ id: school, href: `/truong-hoc/${school}` });
    expect(before.sections.map((s) => s.key)).toEqual(['needs', 'receipts', 'twinning', 'tasks', 'assessments', 'schoolCases']);
    const b = (k: HomeCountKey, s: HomeSectionKey = 'needs') => countOf(before, s, k).count;

    await need('truong.dienbien@ketnoi.demo', school, 'Nhu cầu nháp', 'draft');
    await need('truong.dienbien@ketnoi.demo', school, 'Nhu cầu chờ 1', 'submitted');
    await need('truong.dienbien@ketnoi.demo', school, 'Nhu cầu chờ 2', 'submitted');
    const published = await need('truong.dienbien@ketnoi.demo', school, 'Nhu cầu công bố', 'published');
    await need('truong.sonla.home@ketnoi.test', sonlaSchool, 'Nhu cầu trường khác', 'submitted');
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: published, schoolId: school, category: 'equipment', form: 'in_kind', description: 'Bộ bàn ghế', quantity: 5, valueVnd: 10_000_000 });
    ok(p, 201);
    await gift('deliver', 'nhataitro@ketnoi.demo', p.json().id);

    const after = await home('truong.dienbien@ketnoi.demo');
    expect(countOf(after, 'needs', 'need_draft').count).toBe(b('need_draft') + 1);
    expect(countOf(after, 'needs', 'need_submitted')).toEqual({ key: 'need_submitted', count: b('need_submitted') + 2, href: '/nhu-cau/cua-toi?trang-thai=submitted' });
    expect(countOf(after, 'needs', 'need_published').count).toBe(b('need_published') + 1);
    expect(countOf(after, 'receipts', 'to_confirm')).toEqual({ key: 'to_confirm', count: b('to_confirm', 'receipts') + 1, href: '/dong-gop?trang-thai=delivered' });
    expect(after.sections.find((s) => s.key === 'receipts')!.items.some((i) => i.title === 'Bộ bàn ghế' && i.href === `/dong-gop/${p.json().id}`)).toBe(true);

    // the count is what the list it links to shows
    const list = await call('truong.dienbien@ketnoi.demo', 'GET', '/api/v1/needs?scope=mine&status=submitted&limit=1');
    expect(list.json().total).toBe(countOf(after, 'needs', 'need_submitted').count);
    const gifts = await call('truong.dienbien@ketnoi.demo', 'GET', '/api/v1/contributions?status=delivered&limit=1');
    expect(gifts.json().total).toBe(countOf(after, 'receipts', 'to_confirm').count);
  });

  it('a Department: its queue oldest first, verified not published, receipts to accept; never another province\'s', async () => {
    const before = await home('so.dienbien@ketnoi.demo');
    expect(before.sections.map((s) => s.key)).toEqual(['queue', 'verified', 'acceptance', 'idlePairs', 'reports', 'sponsorship']);
    const q0 = countOf(before, 'queue', 'to_verify').count, v0 = countOf(before, 'verified', 'verified_unpublished').count, a0 = countOf(before, 'acceptance', 'to_accept').count;
    const sonla0 = countOf(await home('so.sonla@ketnoi.demo'), 'queue', 'to_verify').count;

    const first = await need('truong.dienbien@ketnoi.demo', school, 'Chờ lâu nhất', 'submitted');
    await ctx.db.query(`UPDATE need SET submitted_at = '2000-01-01' WHERE id = $1`, [first]);
    await need('truong.dienbien@ketnoi.demo', school, 'Chờ mới', 'submitted');
    await need('truong.dienbien@ketnoi.demo', school, 'Xác minh chưa công bố', 'verified');
    const pub = await need('truong.dienbien@ketnoi.demo', school, 'Cần nghiệm thu', 'published');
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: pub, schoolId: school, category: 'equipment', form: 'in_kind', description: 'Máy chiếu', quantity: 5, valueVnd: 10_000_000 });
    ok(p, 201);
    await gift('confirm', 'truong.dienbien@ketnoi.demo', p.json().id, [{ filename: 'nhan.png', type: 'image/png', data: PNG }]);
    // another province's needs
    await need('truong.sonla.home@ketnoi.test', sonlaSchool, 'Nhu cầu Sơn La 1', 'submitted');
    await need('truong.sonla.home@ketnoi.test', sonlaSchool, 'Nhu cầu Sơn La 2', 'verified');

    const after = await home('so.dienbien@ketnoi.demo');
    expect(countOf(after, 'queue', 'to_verify')).toEqual({ key: 'to_verify', count: q0 + 2, href: '/nhu-cau/cho-xac-minh' });
    expect(after.sections.find((s) => s.key === 'queue')!.items[0]).toMatchObject({ id: first, title: 'Chờ lâu nhất', date: '2000-01-01' });
    expect(countOf(after, 'verified', 'verified_unpublished')).toEqual({ key: 'verified_unpublished', count: v0 + 1, href: '/nhu-cau/cua-toi?trang-thai=verified' });
    expect(countOf(after, 'acceptance', 'to_accept')).toEqual({ key: 'to_accept', count: a0 + 1, href: '/dong-gop?trang-thai=received' });
    expect(countOf(await home('so.sonla@ketnoi.demo'), 'queue', 'to_verify').count).toBe(sonla0 + 1);

    const queue = await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/needs?scope=mine&status=submitted&limit=1');
    expect(queue.json().total).toBe(q0 + 2);
    const received = await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/contributions?status=received&limit=1');
    expect(received.json().total).toBe(a0 + 1);
  });

  it('a Department: pairs of its province without an activity this year, as the filtered pairs list counts them', async () => {
    const h = await home('so.dienbien@ketnoi.demo');
    const c = countOf(h, 'idlePairs', 'idle_pairs');
    const q = new URLSearchParams(c.href!.split('?')[1]);
    const list = await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/twinning/pairs?provinceCode=${q.get('tinh')}&status=active&idle=true&year=${q.get('nam')}&limit=1`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(c.count);
  });

  it('the Hanoi Department: pairs with a school of Hanoi, idle in the school year compliance checks, as the list and compliance count them', async () => {
    const h = await home('so.hanoi@ketnoi.demo');
    const c = countOf(h, 'idlePairs', 'idle_pairs');
    const q = new URLSearchParams(c.href!.split('?')[1]);
    expect(q.get('tinh')).toBe('01');
    const list = await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/pairs?provinceCode=01&status=active&idle=true&year=${q.get('nam')}&limit=1`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(c.count);
    // every pair has its Hanoi side: Hanoi's list is every pair, and its idle ones are those compliance names
    const all = await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/pairs?provinceCode=01&limit=1');
    const everyPair = await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/pairs?limit=1');
    expect(all.json().total).toBeGreaterThan(0);
    expect(all.json().total).toBe(everyPair.json().total);
    const compliance = await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/compliance?year=${q.get('nam')}`);
    expect(compliance.statusCode, compliance.body).toBe(200);
    expect(c.count).toBe(compliance.json().withoutActivity.length);
    // a pair without an activity this school year is counted by both Departments of its schools
    const hanoiSchool = await orgOf('truong.hanoi@ketnoi.demo');
    const border = (await ctx.db.one<{ id: string }>(
      `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
        WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND NOT EXISTS (SELECT 1 FROM twinning_pair p WHERE p.border_school_id = s.organisation_id) ORDER BY s.code LIMIT 1`)).id;
    const dienbien0 = countOf(await home('so.dienbien@ketnoi.demo'), 'idlePairs', 'idle_pairs').count;
    const pair = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { hanoiSchoolId: hanoiSchool, borderSchoolId: border, startYear: Number(q.get('nam')) });
    ok(pair, 201);
    expect(countOf(await home('so.hanoi@ketnoi.demo'), 'idlePairs', 'idle_pairs').count).toBe(c.count + 1);
    expect(countOf(await home('so.dienbien@ketnoi.demo'), 'idlePairs', 'idle_pairs').count).toBe(dienbien0 + 1);
  });

  it('the donor vetting board: donors awaiting vetting, linking to the filtered list, the count its total', async () => {
    const before = await home('thamdinh@ketnoi.demo');
    expect(before.sections.map((s) => s.key)).toEqual(['vetting', 'tasks', 'reports']);
    const c0 = countOf(before, 'vetting', 'donors_pending');
    expect(c0.href).toBe('/nha-tai-tro?tham-dinh=pending');
    const r = await call(null, 'POST', '/api/v1/donors/register', { organisationName: 'Công ty TNHH Chờ Thẩm Định', donorType: 'business', taxCode: '0100000003', contactRole: 'Trưởng phòng Trách nhiệm xã hội', references: [], email: 'cho.tham.dinh@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách tài trợ' });
    ok(r, 202);
    const after = await home('thamdinh@ketnoi.demo');
    const c = countOf(after, 'vetting', 'donors_pending');
    expect(c.count).toBe(c0.count + 1);
    const list = await call('thamdinh@ketnoi.demo', 'GET', '/api/v1/donors?vetting=pending&limit=1');
    expect(list.json().total).toBe(c.count);
    expect(after.sections[0].items.some((i) => i.title === 'Công ty TNHH Chờ Thẩm Định' && i.href?.startsWith('/nha-tai-tro/'))).toBe(true);
    // a Ministry unit outside the board has no such section
    expect((await home('dieuphoi@ketnoi.demo')).sections.map((s) => s.key)).not.toContain('vetting');
  });

  it('a donor: its pledges to deliver and the open needs of its province', async () => {
    const before = await home('nhataitro@ketnoi.demo');
    expect(before.sections.map((s) => s.key)).toEqual(['pledges', 'nearby']);
    const d0 = countOf(before, 'pledges', 'to_deliver').count;
    const n0 = countOf(before, 'nearby', 'open_near');
    const donorProvince = (await ctx.db.one<{ province_code: string | null }>('SELECT province_code FROM organisation WHERE id = $1', [await orgOf('nhataitro@ketnoi.demo')])).province_code;
    const pub = await need('truong.dienbien@ketnoi.demo', school, 'Nhu cầu gần nhà tài trợ', 'published');
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: pub, schoolId: school, category: 'equipment', form: 'in_kind', description: 'Một phần bàn ghế', quantity: 2, valueVnd: 4_000_000 });
    ok(p, 201);
    const after = await home('nhataitro@ketnoi.demo');
    expect(countOf(after, 'pledges', 'to_deliver')).toEqual({ key: 'to_deliver', count: d0 + 1, href: '/dong-gop?trang-thai=pledged' });
    const dienbienProvince = (await ctx.db.one<{ province_code: string }>('SELECT province_code FROM organisation WHERE id = $1', [school])).province_code;
    const near = donorProvince === null || donorProvince === dienbienProvince;
    expect(countOf(after, 'nearby', 'open_near').count).toBe(n0.count + (near ? 1 : 0));
    const open = await call(null, 'GET', `/api/v1/needs?open=true${donorProvince ? `&provinceCode=${donorProvince}` : ''}&limit=1`);
    expect(open.json().total).toBe(countOf(after, 'nearby', 'open_near').count);
  });

  it('a Ministry unit: its tasks and overdue ones as its task list counts them, and reports on its plans', async () => {
    const h = await home('dieuphoi@ketnoi.demo');
    expect(h.sections.map((s) => s.key)).toEqual(['tasks', 'reports']);
    const tasks = countOf(h, 'tasks', 'tasks'), overdue = countOf(h, 'tasks', 'tasks_overdue');
    expect((await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/tasks/mine?limit=1')).json().total).toBe(tasks.count);
    expect((await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/tasks/mine?status=overdue&limit=1')).json().total).toBe(overdue.count);
    expect(overdue.href).toBe('/nhiem-vu?trang-thai=overdue');
  });

  it("a commune officer: its schools' submitted needs (its levels only), oldest first; unit staff: their tasks", async () => {
    const officer = 'xa.sinthau@ketnoi.demo';
    const me = await ctx.db.one<{ province_code: string; commune_code: string }>('SELECT o.province_code, o.commune_code FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = $1', [officer]);
    const before = await home(officer);
    expect(before.sections.map((s) => s.key)).toEqual(['queue', 'tasks', 'sponsorship']);
    const b = countOf(before, 'queue', 'to_verify');
    expect(b.href).toBe('/nhu-cau/cho-xac-minh');
    const [pre, upper] = await Promise.all(['mam_non', 'thpt'].map(async (level) =>
      (await ctx.db.maybeOne<{ id: string }>('SELECT organisation_id AS id FROM school WHERE province_code = $1 AND commune_code = $2 AND levels = ARRAY[$3]::text[] ORDER BY code LIMIT 1', [me.province_code, me.commune_code, level]))?.id));
    expect(pre).toBeDefined();
    const id = await need('so.dienbien@ketnoi.demo', pre!, 'Nhu cầu của trường mầm non trong xã', 'draft');
    await ctx.db.query(`UPDATE need SET state = 'submitted', submitted_at = '1990-01-01T00:00:00Z' WHERE id = $1`, [id]);
    if (upper) {
      const other = await need('so.dienbien@ketnoi.demo', upper, 'Nhu cầu của trường THPT trong xã', 'draft');
      await ctx.db.query(`UPDATE need SET state = 'submitted', submitted_at = '1989-06-01T00:00:00Z' WHERE id = $1`, [other]);
    }
    const after = await home(officer);
    expect(countOf(after, 'queue', 'to_verify').count).toBe(b.count + 1);
    expect(after.sections[0]!.items[0]).toMatchObject({ id, title: 'Nhu cầu của trường mầm non trong xã' });
    const unit = await home('daotao.dhsphn@ketnoi.demo');
    expect(unit.sections.map((s) => s.key)).toEqual(['tasks']);
  });

  it('an administrator: accounts and the audit trail', async () => {
    const h = await home('quantri@ketnoi.demo');
    expect(h.sections.map((s) => s.key)).toEqual(['accounts', 'audit']);
    const active = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM app_user WHERE active')).n);
    expect(countOf(h, 'accounts', 'accounts_active').count).toBe(active);
    expect(h.sections.find((s) => s.key === 'audit')!.items.length).toBeGreaterThan(0);
  });

  it('the public has no home (401)', async () => {
    expect((await call(null, 'GET', '/api/v1/home')).statusCode).toBe(401);
  });
});

describe('the case sections: need-to-know', () => {
  const PUPIL = 'Lò Thị Trangchủ Bímật';
  const NOTE = 'Ghi chú trang chủ không được lộ';
  const COUNSELLOR = 'tuvan.dienbien@ketnoi.demo';
  const PROVIDER = 'ctxh.dienbien@ketnoi.demo';

  it("a counsellor sees its open cases and the nearest deadlines, a provider the referrals awaiting its answer; a principal, a Department and others see nothing of them", async () => {
    const schoolId = await orgOf(COUNSELLOR);
    const found = await call(null, 'GET', '/api/v1/providers?q=cong tac xa hoi dien bien&service=emergency_protection');
    ok(found);
    const centre = (found.json() as { items: { id: string; kind: string; receivesOnline: boolean }[] }).items.find((p) => p.receivesOnline && p.kind === 'social_work_centre')!;
    expect(centre).toBeTruthy();
    const before = await home(COUNSELLOR);
    expect(before.organisation).toBeNull();
    expect(before.sections.map((s) => s.key)).toEqual(['cases']);
    const waitingBefore = countOf(await home(PROVIDER), 'referrals', 'referrals_waiting').count;

    const opened = await call(COUNSELLOR, 'POST', '/api/v1/cases', {
      schoolId, pupil: { fullName: PUPIL, className: 'Lớp 8A' }, category: 'abuse', risk: 'high', source: 'teacher',
      reportedAt: new Date(Date.now() - 3_600_000).toISOString(), initialAssessment: NOTE,
    });
    ok(opened, 201);
    const c = opened.json() as { id: string; reference: string; clock: { dueAt: string } | null };
    expect(c.clock).not.toBeNull();

    const mine = await home(COUNSELLOR);
    expect(countOf(mine, 'cases', 'cases_mine')).toEqual({ key: 'cases_mine', count: countOf(before, 'cases', 'cases_mine').count + 1, href: '/cong-tac-xa-hoi?trang-thai=dang-mo' });
    expect(countOf(mine, 'cases', 'cases_due').count).toBe(countOf(before, 'cases', 'cases_due').count + 1);
    const line = mine.sections[0].items.find((i) => i.id === c.id);
    // a reference and a deadline, nothing else
    expect(line).toMatchObject({ title: c.reference, detail: null, date: c.clock!.dueAt, href: `/cong-tac-xa-hoi/${c.id}` });
    expect(['due', 'overdue']).toContain(line!.step);
    const dues = mine.sections[0].items.map((i) => i.date!);
    expect(dues).toEqual([...dues].sort());
    // the count is what the case list shows of the open cases (all of them, and the open list alone)
    const list = await call(COUNSELLOR, 'GET', '/api/v1/cases?state=all&limit=100');
    ok(list);
    expect((list.json().items as { step: string }[]).filter((x) => x.step !== 'closed').length).toBe(countOf(mine, 'cases', 'cases_mine').count);
    expect((await call(COUNSELLOR, 'GET', '/api/v1/cases?state=open&limit=1')).json().total).toBe(countOf(mine, 'cases', 'cases_mine').count);

    ok(await call(COUNSELLOR, 'POST', `/api/v1/cases/${c.id}/referrals`, {
      providerId: centre.id, sharedFields: ['identity', 'category', 'assessment'], sharedSummary: 'Tóm tắt chuyển gửi trang chủ', legalBasis: 'consent', pupilConsent: true, parentConsent: true, channel: 'online',
    }), 201);
    const prov = await home(PROVIDER);
    expect(prov.sections.map((s) => s.key)).toEqual(['referrals']);
    expect(countOf(prov, 'referrals', 'referrals_waiting')).toEqual({ key: 'referrals_waiting', count: waitingBefore + 1, href: '/chuyen-gui' });
    const ref = prov.sections[0].items.find((i) => i.title === c.reference);
    expect(ref).toMatchObject({ detail: null, step: null });
    expect(ref!.href).toMatch(/^\/chuyen-gui\/[0-9a-f-]+$/);
    // what the referral shared is read on the referral's page (logged), never on the home
    expect(JSON.stringify(prov)).not.toContain(PUPIL);
    expect(JSON.stringify(prov)).not.toContain(NOTE);
    // once referred, the 12-hour clock stops: the case leaves the deadlines, stays among the open cases
    const after = await home(COUNSELLOR);
    expect(after.sections[0].items.some((i) => i.id === c.id)).toBe(false);
    expect(countOf(after, 'cases', 'cases_mine').count).toBe(countOf(mine, 'cases', 'cases_mine').count);
    expect(JSON.stringify(after)).not.toContain(PUPIL);

    // the school's head (not assigned), the Department, the Ministry, another school's counsellor, a donor, the administrator
    for (const who of ['truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'so.sonla@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'tuvan.hanoi@ketnoi.demo', 'nhataitro@ketnoi.demo', 'quantri@ketnoi.demo']) {
      const h = await home(who);
      const body = JSON.stringify(h);
      expect(h.sections.some((s) => s.key === 'referrals'), who).toBe(false);
      if (who !== 'tuvan.hanoi@ketnoi.demo') expect(h.sections.some((s) => s.key === 'cases'), who).toBe(false);
      for (const secret of [PUPIL, NOTE, c.reference, c.id]) expect(body, `${who}: ${secret}`).not.toContain(secret);
    }
  });
});
