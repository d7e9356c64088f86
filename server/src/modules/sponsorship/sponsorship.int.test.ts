import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { Home } from '../../../../contracts/home.js';
import type { SponsorshipPlanDetail } from '../../../../contracts/sponsorship.js';

/**
 * Sponsorship mobilisation plans (Thông tư 16/2018 Art. 5): the demo preschool of Sín Thầu drafts
 * and submits; the commune's People's Committee approves or returns within 15 days; the Department
 * of Điện Biên may act too; nobody outside sees the plan.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const SCHOOL = 'truong.dienbien@ketnoi.demo';
const COMMUNE = 'xa.sinthau@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
let school = '', committee = '', dept = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const orgOf = async (email: string) => (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  [school, committee, dept] = await Promise.all([orgOf(SCHOOL), orgOf(COMMUNE), orgOf(DEPT)]);
  for (const who of [SCHOOL, COMMUNE, DEPT]) await ctx.cookie(who);
});
afterAll(async () => { await ctx.close(); });

const BIG = 1_000_000_000_000_000; // 10^15 đồng, the most one amount may be
const plan = (over: Record<string, unknown> = {}) => ({
  schoolId: school, title: 'Kế hoạch vận động tài trợ năm học 2026-2027', purpose: 'Bổ sung bàn ghế và sách thư viện cho học sinh',
  beneficiaries: 'Học sinh toàn trường', period: 'Năm học 2026-2027',
  items: [{ description: 'Bàn ghế học sinh', form: 'in_kind', estimatedValue: 60_000_000 }, { description: 'Sách thư viện', form: 'money', estimatedValue: 25_000_000 }],
  ...over,
});
async function create(over: Record<string, unknown> = {}): Promise<SponsorshipPlanDetail> {
  const r = await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan(over));
  ok(r, 201);
  return r.json();
}
const move = (who: string, id: string, body: Record<string, unknown>) => call(who, 'POST', `/api/v1/sponsorship-plans/${id}/transitions`, body);
const notes = (org: string, kind: string) => ctx.db.query<{ params: Record<string, string>; link: string }>('SELECT params, link FROM notification WHERE organisation_id = $1 AND kind = $2 ORDER BY created_at', [org, kind]);
const plansCount = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM sponsorship_plan')).n);

describe('a school drafts, edits and submits its plan; the commune approves it', () => {
  it('keeps the total exact in SQL, edits a draft, submits with a due date, and the commune approves', async () => {
    const need = await call(SCHOOL, 'POST', '/api/v1/needs', { schoolId: school, category: 'equipment', title: 'Bàn ghế lớp mẫu giáo', quantity: 10, unit: 'bộ', estimatedCost: 30_000_000, priority: 'normal' });
    ok(need, 201);
    const p = await create({ items: [1, 2, 3].map((n) => ({ description: `Nội dung lớn ${n}`, form: 'money', estimatedValue: BIG })), needIds: [need.json().id] });
    expect(p).toMatchObject({ state: 'draft', approver: 'commune', itemCount: 3, total: '3000000000000000', dueOn: null, overdue: false, can: { edit: true, submit: true, approve: false, return: false } });
    expect(p.needs.map((n) => n.id)).toEqual([need.json().id]);

    const edited = await call(SCHOOL, 'PATCH', `/api/v1/sponsorship-plans/${p.id}`, { items: plan().items, title: 'Kế hoạch vận động tài trợ (đã sửa)' });
    ok(edited);
    expect(edited.json()).toMatchObject({ title: 'Kế hoạch vận động tài trợ (đã sửa)', total: '85000000', itemCount: 2 });
    // a field the route does not change is refused, not ignored
    ok(await call(SCHOOL, 'PATCH', `/api/v1/sponsorship-plans/${p.id}`, { schoolId: committee }), 422);

    const submitted = await move(SCHOOL, p.id, { action: 'submit' });
    ok(submitted);
    expect(submitted.json()).toMatchObject({ state: 'submitted', dueOn: '2026-12-05', overdue: false });
    // the commune's People's Committee is told, with the due date
    expect((await notes(committee, 'sponsorship_submitted')).map((n) => n.params)).toContainEqual({ planTitle: 'Kế hoạch vận động tài trợ (đã sửa)', schoolName: p.schoolName, dueOn: '2026-12-05' });
    // its first approver only, as for its needs: the Department is not told of a preschool's plan
    expect(await notes(dept, 'sponsorship_submitted')).toEqual([]);
    // no more edits while it waits
    ok(await call(SCHOOL, 'PATCH', `/api/v1/sponsorship-plans/${p.id}`, { title: 'Sửa khi đang chờ' }), 409);
    // the school cannot approve its own plan
    ok(await move(SCHOOL, p.id, { action: 'approve' }), 403);

    const seen = await call(COMMUNE, 'GET', `/api/v1/sponsorship-plans/${p.id}`);
    ok(seen);
    expect(seen.json().can).toEqual({ edit: false, submit: false, approve: true, return: true });
    const approved = await move(COMMUNE, p.id, { action: 'approve', decisionNumber: '12/QĐ-UBND' });
    ok(approved);
    expect(approved.json()).toMatchObject({ state: 'approved', decisionNumber: '12/QĐ-UBND', overdue: false });
    expect(approved.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'approve']);
    expect((await notes(school, 'sponsorship_approved')).some((n) => n.link === `/ke-hoach-tai-tro/${p.id}`)).toBe(true);
    // approved once: a second approval is a conflict
    ok(await move(DEPT, p.id, { action: 'approve' }), 409);
    const audit = await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'sponsorship_plan' AND entity_id = $1 ORDER BY id`, [p.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'submit', 'approve']);
  });

  it('returns with a reason only; the school is told, edits and submits again', async () => {
    const p = await create();
    ok(await move(SCHOOL, p.id, { action: 'submit' }));
    ok(await move(COMMUNE, p.id, { action: 'return' }), 409);
    const returned = await move(DEPT, p.id, { action: 'return', reason: 'Cần tách dự toán sửa chữa' });
    ok(returned);
    expect(returned.json()).toMatchObject({ state: 'returned', returnReason: 'Cần tách dự toán sửa chữa' });
    expect((await notes(school, 'sponsorship_returned')).map((n) => n.params.reason)).toContain('Cần tách dự toán sửa chữa');
    ok(await call(SCHOOL, 'PATCH', `/api/v1/sponsorship-plans/${p.id}`, { purpose: 'Bổ sung bàn ghế; sửa chữa tách thành kế hoạch riêng' }));
    const again = await move(SCHOOL, p.id, { action: 'submit' });
    ok(again);
    expect(again.json()).toMatchObject({ state: 'submitted', returnReason: null });
  });
});

describe('bad input writes nothing', () => {
  it('refuses forbidden uses, a plan without items, another school\'s need, and an unknown form, with a Vietnamese 4xx', async () => {
    const before = await plansCount();
    const forbidden = await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ items: [{ description: 'Chi trả tiền lương giáo viên hợp đồng', form: 'money', estimatedValue: 10_000_000 }] }));
    ok(forbidden, 422);
    expect(forbidden.json().errors).toEqual([{ path: 'items.0.description', message: expect.stringContaining('tiền lương') }]);
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ purpose: 'Quy định mức đóng góp tối thiểu mỗi học sinh' })), 422);
    const empty = await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ items: [] }));
    ok(empty, 422);
    expect(empty.json().errors[0].message).toBe('Cần ít nhất một nội dung vận động');
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ items: [{ description: 'Bàn ghế', form: 'gold', estimatedValue: 1 }] })), 422);
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ items: [{ description: 'Bàn ghế', form: 'money', estimatedValue: BIG + 1 }] })), 422);
    const other = await ctx.db.one<{ id: string }>(`SELECT id FROM need WHERE school_id <> $1 LIMIT 1`, [school]);
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ needIds: [other.id] })), 422);
    // a school records plans of its own school only; a commune or a Department does not draft them
    const elsewhere = await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE organisation_id <> $1 LIMIT 1`, [school]);
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ schoolId: elsewhere.id })), 403);
    ok(await call(COMMUNE, 'POST', '/api/v1/sponsorship-plans', plan()), 403);
    ok(await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans/00000000-0000-4000-8000-000000000000/transitions', { action: 'submit' }), 404);
    ok(await call(SCHOOL, 'GET', '/api/v1/sponsorship-plans?cursor=nonsense'), 400);
    // in English on request
    const en = await call(SCHOOL, 'POST', '/api/v1/sponsorship-plans', plan({ items: [{ description: 'Khen thưởng cán bộ cuối năm', form: 'money', estimatedValue: 1 }] }), { 'accept-language': 'en' });
    ok(en, 422);
    expect(en.json().title).toMatch(/Circular 16\/2018/);
    expect(await plansCount()).toBe(before);
  });
});

describe('scope, lists, the 15-day deadline, the home and the export', () => {
  it('a commune sees only its schools\' plans; another province and donors see none', async () => {
    const p = await create();
    ok(await move(SCHOOL, p.id, { action: 'submit' }));
    ok(await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/sponsorship-plans/${p.id}`), 403);
    ok(await move('so.sonla@ketnoi.demo', p.id, { action: 'approve' }), 403);
    ok(await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/sponsorship-plans'), 403);
    ok(await call(null, 'GET', '/api/v1/sponsorship-plans'), 401);
    const sonla = (await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/sponsorship-plans?limit=200')).json();
    expect(sonla.items.every((x: { provinceCode: string }) => x.provinceCode === '14')).toBe(true);
    const mine = (await call(COMMUNE, 'GET', '/api/v1/sponsorship-plans?limit=200')).json();
    expect(mine.items.length).toBe(mine.total);
    expect(mine.items.every((x: { communeCode: string; approver: string }) => x.communeCode === p.communeCode && x.approver === 'commune')).toBe(true);
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('pages with a cursor, filters by state, flags plans past their 15 days, and the home counts what the list shows', async () => {
    clock.set('2026-11-20T03:00:00Z');
    const p = await create({ title: 'Kế hoạch sẽ quá hạn' });
    ok(await move(SCHOOL, p.id, { action: 'submit' }));
    clock.set('2026-12-06T03:00:00Z'); // the 16th day after submission
    const late = (await call(COMMUNE, 'GET', `/api/v1/sponsorship-plans/${p.id}`)).json();
    expect(late).toMatchObject({ dueOn: '2026-12-05', overdue: true });
    const overdue = (await call(COMMUNE, 'GET', '/api/v1/sponsorship-plans?overdue=true&limit=200')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(overdue.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);

    // cursor paging walks every submitted plan once
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { items: { id: string; state: string }[]; nextCursor: string | null; total: number } = (await call(COMMUNE, 'GET', `/api/v1/sponsorship-plans?state=submitted&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      seen.push(...page.items.map((x) => { expect(x.state).toBe('submitted'); return x.id; }));
      cursor = page.nextCursor;
      total = page.total;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);

    for (const who of [COMMUNE, DEPT]) {
      const h: Home = (await call(who, 'GET', '/api/v1/home')).json();
      const section = h.sections.find((s) => s.key === 'sponsorship')!;
      const c = section.counts.find((x) => x.key === 'plans_to_approve')!;
      expect(c.href).toBe('/ke-hoach-tai-tro?trang-thai=submitted');
      const list = (await call(who, 'GET', '/api/v1/sponsorship-plans?state=submitted&limit=1')).json();
      expect(c.count).toBe(list.total);
      expect(c.count).toBeGreaterThan(0);
      expect(section.items.some((i) => i.id === p.id && i.step === 'overdue' && i.date === '2026-12-05')).toBe(true);
    }
    clock.set('2026-11-20T03:00:00Z');
  });

  it('exports the same rows as the list, as CSV and XLSX', async () => {
    const list = (await call(DEPT, 'GET', '/api/v1/sponsorship-plans?limit=200')).json();
    const csv = (await call(DEPT, 'GET', '/api/v1/sponsorship-plans?format=csv')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.length - 1).toBe(list.total);
    expect(csv[0]).toContain('Dự toán (đồng)');
    const xlsx = await call(DEPT, 'GET', '/api/v1/sponsorship-plans?format=xlsx');
    ok(xlsx);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    ok(await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/sponsorship-plans?format=csv'), 403);
  });
});

describe('decisions under concurrency', () => {
  it(`two approvals at once: one 200, one 409 (${isPg() ? 'PostgreSQL' : 'PGlite'})`, async () => {
    for (let round = 0; round < 3; round++) {
      const p = await create({ title: `Kế hoạch duyệt đồng thời ${round}` });
      ok(await move(SCHOOL, p.id, { action: 'submit' }));
      const rs = await Promise.all([move(COMMUNE, p.id, { action: 'approve' }), move(DEPT, p.id, { action: 'approve' })]);
      expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const events = await ctx.db.query(`SELECT 1 FROM sponsorship_plan_event WHERE plan_id = $1 AND action = 'approve'`, [p.id]);
      expect(events.length).toBe(1);
      expect((await notes(school, 'sponsorship_approved')).filter((n) => n.link === `/ke-hoach-tai-tro/${p.id}`).length).toBe(1);
    }
  });

  it('an approval and a return at once: one wins, the other is a 409', async () => {
    const p = await create({ title: 'Kế hoạch duyệt hoặc trả lại' });
    ok(await move(SCHOOL, p.id, { action: 'submit' }));
    const rs = await Promise.all([move(COMMUNE, p.id, { action: 'approve' }), move(DEPT, p.id, { action: 'return', reason: 'Thiếu dự toán chi tiết' })]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
