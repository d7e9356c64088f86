import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG } from '../../../test/calls.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/auth.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { ProposalDetail } from '../../../../contracts/startups.js';

/**
 * Plan 237, Project 2: Vụ GDCTHSSV opens a call; a university submits a startup model; two
 * reviewers score it; Vụ KHTC gives its opinion on the budget; the Ministry approves it by a
 * decision, and plan 237's target II.2-a moves from 0 to 1.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const LEAD = 'vu.gdcthssv@ketnoi.demo';
const UNIT = 'daotao.dhsphn@ketnoi.demo';
const R1 = 'dieuphoi@ketnoi.demo';
const R2 = 'thamdinh@ketnoi.demo';
const KHTC = 'khtc.matran@ketnoi.test';
const DEPT = 'so.dienbien@ketnoi.demo';
/** staff of another training institution, made for this file */
const OTHER = 'daotao.khac@ketnoi.test';
const SCHOOL = 'truong.dienbien@ketnoi.demo';
const DONOR = 'nhataitro@ketnoi.demo';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const userOf = async (email: string) => (await ctx.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email])).id;
let callId = '';

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  // Vụ KHTC has no demo account: one for this file
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) SELECT $1, 'Chuyên viên Vụ KHTC', $2, 'ministry', id FROM organisation WHERE code = 'vu-khtc'`,
    [KHTC, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N)]);
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id)
    SELECT $1, 'Chuyên viên cơ sở đào tạo khác', $2, 'unit', id FROM organisation WHERE kind = 'training_institution' AND code <> 'dhsp-ha-noi' ORDER BY code LIMIT 1`,
    [OTHER, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N)]);
});
afterAll(async () => { await ctx.close(); });

const CALL = { title: 'Đợt đề xuất mô hình khởi nghiệp hỗ trợ đồng bào vùng khó', deadline: '2026-12-15', criteria: [
  { key: 'feasibility', label: 'Tính khả thi', max: 40 }, { key: 'impact', label: 'Hiệu quả giảm nghèo', max: 40 }, { key: 'budget', label: 'Kinh phí hợp lý', max: 20 },
] };
const PROPOSAL = {
  title: 'Mô hình trồng dược liệu dưới tán rừng', model: 'Sinh viên hướng dẫn hộ nghèo trồng và sơ chế dược liệu, liên kết tiêu thụ.', locality: 'Xã Sín Thầu, Điện Biên',
  provinceCode: '11', targetHouseholds: 40, budget: 450_000_000, expectedResults: '40 hộ có thu nhập thêm từ dược liệu sau 2 năm',
};
const target = async (asOf: string) => {
  const p = (await call(LEAD, 'GET', `/api/v1/plans/kh-237-bgddt-2023?asOf=${asOf}`)).json();
  return p.goals.find((g: { code: string }) => g.code === 'II.2-a').targets[0] as { measuredValue: number | null; targetValue: number; source: string };
};
async function submitted(): Promise<ProposalDetail> {
  const r = await call(UNIT, 'POST', `/api/v1/startup-calls/${callId}/proposals`, PROPOSAL);
  ok(r, 201);
  return r.json();
}

describe('a startup-model proposal from call to decision', () => {
  it('Vụ GDCTHSSV opens a call with published criteria; others may not', async () => {
    ok(await call(R1, 'POST', '/api/v1/startup-calls', CALL), 403);
    ok(await call(UNIT, 'POST', '/api/v1/startup-calls', CALL), 403);
    ok(await call(null, 'POST', '/api/v1/startup-calls', CALL), 401);
    ok(await call(LEAD, 'POST', '/api/v1/startup-calls', { ...CALL, deadline: '2026-01-01' }), 422);
    ok(await call(LEAD, 'POST', '/api/v1/startup-calls', { ...CALL, criteria: [CALL.criteria[0], CALL.criteria[0]] }), 422);
    const r = await call(LEAD, 'POST', '/api/v1/startup-calls', CALL);
    ok(r, 201);
    callId = r.json().id;
    // the criteria are published to every account, the training institution included
    const calls = (await call(UNIT, 'GET', '/api/v1/startup-calls')).json();
    expect(calls.items.find((c: { id: string }) => c.id === callId)).toMatchObject({ open: true, criteria: CALL.criteria });
  });

  it('a university submits, reviewers score, Vụ KHTC gives its opinion, the Ministry approves; the plan-237 target moves from 0 to 1', async () => {
    expect(await target('2026-11-20')).toMatchObject({ source: 'data', measuredValue: 0, targetValue: 6 });
    ok(await call(DEPT, 'POST', `/api/v1/startup-calls/${callId}/proposals`, PROPOSAL), 403);
    ok(await call(R1, 'POST', `/api/v1/startup-calls/${callId}/proposals`, PROPOSAL), 403);
    const p = await submitted();
    expect(p).toMatchObject({ state: 'submitted', institution: { name: expect.stringContaining('Sư phạm Hà Nội') }, budget: 450_000_000 });
    // a reviewer sees only what it was assigned; the institution its own
    expect((await call(R1, 'GET', '/api/v1/startup-proposals')).json().total).toBe(0);
    ok(await call(R1, 'GET', `/api/v1/startup-proposals/${p.id}`), 403);
    expect((await call(UNIT, 'GET', '/api/v1/startup-proposals')).json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    ok(await call(UNIT, 'PUT', `/api/v1/startup-proposals/${p.id}/reviewers`, { reviewerIds: [await userOf(R1)] }), 403);
    ok(await call(LEAD, 'PUT', `/api/v1/startup-proposals/${p.id}/reviewers`, { reviewerIds: [await userOf('truong.dienbien@ketnoi.demo')] }), 422);
    ok(await call(LEAD, 'PUT', `/api/v1/startup-proposals/${p.id}/reviewers`, { reviewerIds: [await userOf(R1), await userOf(R2)] }));
    expect((await call(R1, 'GET', '/api/v1/startup-proposals')).json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    // scores on the published criteria only, within their maximum
    ok(await call(UNIT, 'PUT', `/api/v1/startup-proposals/${p.id}/score`, { scores: { feasibility: 30, impact: 30, budget: 15 } }), 403);
    const bad = await call(R1, 'PUT', `/api/v1/startup-proposals/${p.id}/score`, { scores: { feasibility: 50, impact: 30, other: 1 } });
    ok(bad, 422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['scores.budget', 'scores.feasibility', 'scores.other']);
    ok(await call(R1, 'PUT', `/api/v1/startup-proposals/${p.id}/score`, { scores: { feasibility: 32, impact: 30, budget: 15 }, comment: 'Khả thi' }));
    // approval waits for every score and the budget opinion
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '123/QĐ-BGDĐT', date: '2026-11-20' }), 409);
    const r2 = await call(R2, 'PUT', `/api/v1/startup-proposals/${p.id}/score`, { scores: { feasibility: 36, impact: 34, budget: 18 } });
    ok(r2);
    // a reviewer sees its own review only
    expect(r2.json().reviewList.map((x: { total: number }) => x.total)).toEqual([88]);
    ok(await call(LEAD, 'PUT', `/api/v1/startup-proposals/${p.id}/budget-opinion`, { opinion: 'Kinh phí hợp lý' }), 403);
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '123/QĐ-BGDĐT', date: '2026-11-20' }), 409);
    ok(await call(KHTC, 'PUT', `/api/v1/startup-proposals/${p.id}/budget-opinion`, { opinion: 'Kinh phí phù hợp định mức; đề nghị cân đối từ nguồn Dự án 2' }));
    ok(await call(R1, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '123/QĐ-BGDĐT', date: '2026-11-20' }), 403);
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '123/QĐ-BGDĐT', date: '2026-12-01' }), 422);
    const d = await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'approve', number: '123/QĐ-BGDĐT', date: '2026-11-20' });
    ok(d);
    expect(d.json()).toMatchObject({ state: 'approved', decisionNumber: '123/QĐ-BGDĐT', decisionDate: '2026-11-20', averageScore: 82.5, reviews: 2 });
    expect(d.json().reviewList).toHaveLength(2);
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'refuse', number: '124/QĐ-BGDĐT', date: '2026-11-20' }), 409);
    // the institution sees the decision, not the reviewers' scores
    const seen = (await call(UNIT, 'GET', `/api/v1/startup-proposals/${p.id}`)).json();
    expect(seen).toMatchObject({ state: 'approved', reviewList: [] });
    expect(await target('2026-11-20')).toMatchObject({ measuredValue: 1 });
    expect(await target('2026-11-19')).toMatchObject({ measuredValue: 0 });
    // the approved model reports its results until its closing report
    expect(seen.can.report).toBe(true);
    const report = { householdsSupported: 12, jobs: 5, incomeNote: 'Thu nhập tăng khoảng 1 triệu đồng/tháng', averageIncomeVnd: 3_200_000 };
    ok(await call(R1, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, report), 403);
    // the average income is a whole, non-negative number of đồng: anything else is a 422 in Vietnamese, and nothing is written
    const rows = async () => Number((await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM startup_progress WHERE proposal_id = $1', [p.id])).n);
    for (const [bad, message] of [[-1, 'Thu nhập bình quân không âm'], [1500.5, 'Thu nhập bình quân là số nguyên (đồng)'], ['ba triệu', 'Thu nhập bình quân là một số (đồng)'], ['3200000', 'Thu nhập bình quân là một số (đồng)'],
      [2e9, 'Thu nhập bình quân tối đa 1.000.000.000 đồng/tháng']] as const) {
      const r = await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, { ...report, averageIncomeVnd: bad });
      expect(r.statusCode, String(bad)).toBe(422);
      expect(r.json().errors, String(bad)).toEqual([expect.objectContaining({ path: 'averageIncomeVnd', message })]);
    }
    expect(await rows()).toBe(0);
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, report), 201);
    // optional: a report without the figure keeps null
    const noFigure = await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, { householdsSupported: 20, jobs: 8, averageIncomeVnd: null });
    ok(noFigure, 201);
    const last = await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, { ...report, householdsSupported: 38, jobs: 14, averageIncomeVnd: 0, closed: true });
    ok(last, 201);
    expect(last.json().progress.map((x: { householdsSupported: number; averageIncomeVnd: number | null; closed: boolean }) => [x.householdsSupported, x.averageIncomeVnd, x.closed]))
      .toEqual([[12, 3_200_000, false], [20, null, false], [38, 0, true]]);
    expect((await ctx.db.query<{ v: string | null }>('SELECT average_income_vnd::text AS v FROM startup_progress WHERE proposal_id = $1 ORDER BY created_at', [p.id])).map((r) => r.v)).toEqual(['3200000', null, '0']);
    // the export gives each proposal's latest report beside it, the average income as a number
    const csv = (await call(LEAD, 'GET', '/api/v1/startup-proposals?format=csv')).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toMatch(/,Ngày báo cáo tiến độ gần nhất,Số hộ được hỗ trợ,Việc làm tạo ra,Thu nhập bình quân \(đồng\/hộ\/tháng\)$/);
    expect(csv.filter((l) => l.includes('123/QĐ-BGDĐT'))).toEqual([expect.stringMatching(/,20\/11\/2026,38,14,0$/)]);
    expect(last.json().can.report).toBe(false);
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, report), 409);
  });

  it('of two decisions at once, one wins and the other is a 409', async () => {
    const p = await submitted();
    const decisions = await Promise.all([
      call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'refuse', number: '201/QĐ-BGDĐT', date: '2026-11-20', note: 'Chưa phù hợp' }),
      call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'refuse', number: '202/QĐ-BGDĐT', date: '2026-11-20', note: 'Chưa phù hợp' }),
    ]);
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    // a refused model reports nothing
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/progress`, { householdsSupported: 1, jobs: 0 }), 409);
    if (isPg()) expect(Number((await ctx.db.one<{ n: string }>('SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = $2', [p.id, 'decide'])).n)).toBe(1);
  });

  it('the call closes after its deadline', async () => {
    clock.set('2026-12-16T03:00:00Z');
    try {
      ok(await call(UNIT, 'POST', `/api/v1/startup-calls/${callId}/proposals`, PROPOSAL), 409);
      expect((await call(UNIT, 'GET', '/api/v1/startup-calls')).json().items.find((c: { id: string }) => c.id === callId).open).toBe(false);
    } finally {
      clock.set('2026-11-20T03:00:00Z');
    }
    ok(await call(null, 'GET', '/api/v1/startup-proposals'), 401);
    ok(await call(null, 'GET', '/api/v1/startup-calls'), 401);
  });

  it('the list searches without diacritics (model, locality, institution) and exports CSV and XLSX, each account within its scope', async () => {
    const p = await submitted();
    const list = async (who: string, q: string) => { const r = await call(who, 'GET', `/api/v1/startup-proposals?limit=200&q=${encodeURIComponent(q)}`); ok(r); return r.json() as { items: { id: string; institution: { id: string } }[]; total: number }; };
    expect((await list(LEAD, 'duoc lieu duoi tan rung')).items.map((i) => i.id)).toContain(p.id);
    expect((await list(LEAD, 'SÍN THẦU')).items.map((i) => i.id)).toContain(p.id);
    const byInstitution = await list(LEAD, 'su pham ha noi');
    expect(byInstitution.items.map((i) => i.id)).toContain(p.id);
    expect(byInstitution.items.every((i) => i.institution.id === p.institution.id)).toBe(true);
    expect((await list(LEAD, 'duoc lieu khong co')).total).toBe(0);
    // the university finds its own; another institution and an account not assigned find none of them
    expect((await list(UNIT, 'duoc lieu')).items.map((i) => i.id)).toContain(p.id);
    expect((await list(OTHER, 'duoc lieu')).total).toBe(0);
    expect((await list(DEPT, 'duoc lieu')).total).toBe(0);

    const csv = await call(LEAD, 'GET', `/api/v1/startup-proposals?format=csv&q=${encodeURIComponent('dược liệu')}`);
    ok(csv);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('.csv');
    expect(csv.body).toContain('Tên mô hình, dự án');
    expect(csv.body).toContain('Mô hình trồng dược liệu dưới tán rừng');
    expect(csv.body).toContain('Chờ quyết định');
    const xlsx = await call(LEAD, 'GET', '/api/v1/startup-proposals?format=xlsx');
    ok(xlsx);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    // the export keeps the scope: another institution's holds none of the university's
    const other = await call(OTHER, 'GET', '/api/v1/startup-proposals?format=csv');
    ok(other);
    expect(other.body).toContain('Tên mô hình, dự án');
    expect(other.body).not.toContain('dược liệu');
    ok(await call(null, 'GET', '/api/v1/startup-proposals?format=csv'), 401);
  });

  it('files: the institution adds its proposal documents before the decision, Vụ GDCTHSSV the decision after it; each download is checked against the proposal', async () => {
    const p = await submitted();
    const form = (kind: string, name = 'du-an.png') => multipart({ kind }, [{ filename: name, type: 'image/png', data: PNG }]);
    // another institution, a school, a donor, the public and a reviewer not assigned may not attach
    for (const who of [OTHER, SCHOOL, DONOR, R1]) ok(await call(who, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('proposal')), 403);
    ok(await call(null, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('proposal')), 401);
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...multipart({ kind: 'proposal' }, [])), 422);
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...multipart({ kind: 'proposal' }, [{ filename: 'x.exe', type: 'application/octet-stream', data: Buffer.from('MZ') }])), 422);
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('other')), 422);
    // the decision's file waits for the decision, and is Vụ GDCTHSSV's
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('decision')), 403);
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('decision', 'qd.png')), 409);
    const att = await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('proposal', 'thuyet-minh.png'));
    ok(att, 201);
    expect(att.json().files).toMatchObject([{ kind: 'proposal', name: 'thuyet-minh.png', mime: 'image/png' }]);
    expect(att.json().can).toMatchObject({ attachProposal: true, attachDecision: false });
    const fileId = att.json().files[0].id as string;
    // who downloads: the institution, Vụ GDCTHSSV, Vụ KHTC, an assigned reviewer; not another institution, an unassigned reviewer, a school, the public
    ok(await call(UNIT, 'GET', `/api/v1/files/${fileId}`));
    ok(await call(LEAD, 'GET', `/api/v1/files/${fileId}`));
    ok(await call(KHTC, 'GET', `/api/v1/files/${fileId}`));
    for (const who of [OTHER, R1, SCHOOL, DONOR]) expect((await call(who, 'GET', `/api/v1/files/${fileId}`)).statusCode, who).toBeGreaterThanOrEqual(403);
    expect((await call(null, 'GET', `/api/v1/files/${fileId}`)).statusCode).toBeGreaterThanOrEqual(401);
    ok(await call(OTHER, 'GET', `/api/v1/startup-proposals/${p.id}`), 403);
    expect((await call(OTHER, 'GET', '/api/v1/startup-proposals')).json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    ok(await call(LEAD, 'PUT', `/api/v1/startup-proposals/${p.id}/reviewers`, { reviewerIds: [await userOf(R1)] }));
    ok(await call(R1, 'GET', `/api/v1/files/${fileId}`));
    // the decision: then the institution adds nothing, and Vụ GDCTHSSV attaches the decision's file
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/decision`, { decision: 'refuse', number: '301/QĐ-BGDĐT', date: '2026-11-20', note: 'Chưa phù hợp địa bàn' }));
    ok(await call(UNIT, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('proposal')), 409);
    ok(await call(KHTC, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('decision')), 403);
    const dec = await call(LEAD, 'POST', `/api/v1/startup-proposals/${p.id}/files`, ...form('decision', 'quyet-dinh-301.png'));
    ok(dec, 201);
    expect(dec.json().files.map((f: { kind: string; name: string }) => [f.kind, f.name])).toEqual([['proposal', 'thuyet-minh.png'], ['decision', 'quyet-dinh-301.png']]);
    const seen = (await call(UNIT, 'GET', `/api/v1/startup-proposals/${p.id}`)).json();
    expect(seen.files).toHaveLength(2);
    expect(seen.can).toMatchObject({ attachProposal: false, attachDecision: false });
    ok(await call(UNIT, 'GET', `/api/v1/files/${dec.json().files[1].id}`));
    expect((await call(OTHER, 'GET', `/api/v1/files/${dec.json().files[1].id}`)).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('Vụ GDCTHSSV lists the accounts it may assign as reviewers; nobody else does', async () => {
    const r = await call(LEAD, 'GET', '/api/v1/startup-reviewers');
    ok(r);
    const users = await ctx.db.query<{ id: string; email: string }>('SELECT id, email FROM app_user');
    const emails = Object.fromEntries(users.map((u) => [u.id, u.email]));
    const listed = r.json().items.map((x: { id: string }) => emails[x.id]);
    expect(listed).toEqual(expect.arrayContaining([R1, R2, KHTC]));
    expect(listed).not.toContain(SCHOOL);
    expect(listed).not.toContain(DONOR);
    for (const who of [R1, KHTC, UNIT, SCHOOL, DONOR, DEPT]) ok(await call(who, 'GET', '/api/v1/startup-reviewers'), 403);
    ok(await call(null, 'GET', '/api/v1/startup-reviewers'), 401);
  });
});
