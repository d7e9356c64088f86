import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { ProposalDetail } from '../../../../contracts/startups.js';

/**
 * A training institution corrects its startup-model proposal after submitting it, while it waits
 * for its decision and before any reviewer scores it; every change is audited with the proposal
 * before and after; nobody else may change it.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const LEAD = 'vu.gdcthssv@ketnoi.demo';
const UNIT = 'daotao.dhsphn@ketnoi.demo';
const REVIEWER = 'dieuphoi@ketnoi.demo';
let callId = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

const PROPOSAL = {
  title: 'Mô hình nuôi ong lấy mật', model: 'Sinh viên hướng dẫn hộ nghèo nuôi ong, chế biến và bán mật ong.', locality: 'Xã Sín Thầu, Điện Biên',
  provinceCode: '11', targetHouseholds: 20, budget: 300_000_000, expectedResults: '20 hộ có thu nhập thêm sau 1 năm',
};

beforeAll(async () => {
  ctx = await testApp({ clock });
  const c = await call(LEAD, 'POST', '/api/v1/startup-calls', { title: 'Đợt đề xuất (sửa đề xuất)', deadline: '2026-12-31', criteria: [{ key: 'feasibility', label: 'Tính khả thi', max: 100 }] });
  ok(c, 201);
  callId = c.json().id;
});
afterAll(async () => { await ctx.close(); });

async function submitted(): Promise<ProposalDetail> {
  const r = await call(UNIT, 'POST', `/api/v1/startup-calls/${callId}/proposals`, PROPOSAL);
  ok(r, 201);
  return r.json();
}

describe('correcting a submitted proposal', () => {
  it('the institution corrects the fields it sends, the rest stays; the change is audited before and after', async () => {
    const p = await submitted();
    expect(p.can.edit).toBe(true);
    const r = await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { budget: 280_000_000, targetHouseholds: 25, expectedResults: '  25 hộ có thu nhập thêm sau 1 năm  ' });
    ok(r);
    expect(r.json()).toMatchObject({ budget: 280_000_000, targetHouseholds: 25, expectedResults: '25 hộ có thu nhập thêm sau 1 năm', title: PROPOSAL.title, model: PROPOSAL.model, provinceCode: '11', state: 'submitted', can: { edit: true } });
    const log = await ctx.db.one<{ before: { budget: number; targetHouseholds: number }; after: { budget: number; targetHouseholds: number; title: string } }>(
      `SELECT before, after FROM audit_log WHERE entity = 'startup_proposal' AND entity_id = $1 AND action = 'edit' ORDER BY id DESC LIMIT 1`, [p.id]);
    expect(log.before).toMatchObject({ budget: 300_000_000, targetHouseholds: 20 });
    expect(log.after).toMatchObject({ budget: 280_000_000, targetHouseholds: 25, title: PROPOSAL.title });
    // the search follows the title
    ok(await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { title: 'Mô hình nuôi ong lấy mật rừng' }));
    expect((await call(LEAD, 'GET', `/api/v1/startup-proposals/${p.id}`)).json().title).toBe('Mô hình nuôi ong lấy mật rừng');
  });

  it('bad input is a 422 naming the field, an unknown or empty patch too; nothing is written', async () => {
    const p = await submitted();
    const bad = await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { budget: -1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('budget');
    expect((await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { institutionId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
    expect((await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { state: 'approved' })).statusCode).toBe(422);
    expect((await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, {})).statusCode).toBe(422);
    expect((await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { title: 'x' })).statusCode).toBe(422);
    const row = await ctx.db.one<{ budget: string; title: string }>('SELECT budget::text, title FROM startup_proposal WHERE id = $1', [p.id]);
    expect(row).toEqual({ budget: '300000000', title: PROPOSAL.title });
    expect((await ctx.db.one<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE entity_id = $1 AND action = 'edit'`, [p.id])).n).toBe('0');
    expect((await call(UNIT, 'PATCH', '/api/v1/startup-proposals/00000000-0000-4000-8000-000000000000', { budget: 1 })).statusCode).toBe(404);
  });

  it('once a reviewer has scored it, or once decided, it is a 409 and the page no longer offers it', async () => {
    const p = await submitted();
    const reviewer = (await ctx.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [REVIEWER])).id;
    ok(await call(LEAD, 'PUT', `/api/v1/startup-proposals/${p.id}/reviewers`, { reviewerIds: [reviewer] }));
    // assigned but not scored yet: still correctable
    expect((await call(UNIT, 'GET', `/api/v1/startup-proposals/${p.id}`)).json().can.edit).toBe(true);
    ok(await call(REVIEWER, 'PUT', `/api/v1/startup-proposals/${p.id}/score`, { scores: { feasibility: 70 } }));
    expect((await call(UNIT, 'GET', `/api/v1/startup-proposals/${p.id}`)).json().can.edit).toBe(false);
    const scored = await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { budget: 1 });
    expect(scored.statusCode).toBe(409);
    expect(scored.json().detail).toBe('Đề xuất đã được chấm điểm; không sửa được nữa');
    const q = await submitted();
    ok(await call(LEAD, 'POST', `/api/v1/startup-proposals/${q.id}/decision`, { decision: 'refuse', number: '09/QĐ-BGDĐT', date: '2026-11-19' }));
    const decided = await call(UNIT, 'PATCH', `/api/v1/startup-proposals/${q.id}`, { budget: 1 });
    expect(decided.statusCode).toBe(409);
    expect((await call(UNIT, 'GET', `/api/v1/startup-proposals/${q.id}`)).json().can.edit).toBe(false);
  });

  it.each([
    ['quantri@ketnoi.demo', 403], [LEAD, 403], [REVIEWER, 403], ['so.dienbien@ketnoi.demo', 403], ['truong.dienbien@ketnoi.demo', 403],
    ['nhataitro@ketnoi.demo', 403], ['xa.sinthau@ketnoi.demo', 403], ['vu.tdkt@ketnoi.demo', 403], [UNIT, 200], [null, 401],
  ] as [string | null, number][])('%s corrects the institution\'s proposal: %i', async (who, status) => {
    const p = await submitted();
    const r = await call(who, 'PATCH', `/api/v1/startup-proposals/${p.id}`, { locality: 'Xã Pa Tần, Điện Biên' });
    expect(r.statusCode).toBe(status);
    const row = await ctx.db.one<{ locality: string }>('SELECT locality FROM startup_proposal WHERE id = $1', [p.id]);
    expect(row.locality).toBe(status === 200 ? 'Xã Pa Tần, Điện Biên' : PROPOSAL.locality);
    if (who && status === 403) expect((await call(who, 'GET', `/api/v1/startup-proposals/${p.id}`)).json().can?.edit ?? false).toBe(false);
  });
});
