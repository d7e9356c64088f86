import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { PlanBudget, TaskBudget } from '../../../../contracts/budgets.js';

/**
 * Budgets of plan tasks: the lead unit (Vụ GDTC for plan 29's task) enters an estimate and a
 * spending with the approving document; social resources spent come from the ledger; the plan
 * shows estimate against spending by section and unit; others may not enter.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const LEAD = 'dieuphoi@ketnoi.demo';
const OTHER = 'vu.gdcthssv@ketnoi.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let taskId = '', planId = '', gdtc = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock });
  gdtc = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'vu-gdtc'`)).id;
  const t = await ctx.db.one<{ id: string; plan_id: string }>(
    `SELECT t.id, t.plan_id FROM plan_task t JOIN plan p ON p.id = t.plan_id JOIN task_assignment a ON a.task_id = t.id JOIN assignment_unit u ON u.assignment_id = a.id
      WHERE p.key = 'kh-29-bgddt-2021' AND u.role = 'lead' AND u.organisation_id = $1 AND t.section_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM assignment_unit x JOIN organisation o ON o.id = x.organisation_id WHERE x.assignment_id = a.id AND x.role = 'lead' AND o.code = 'vu-gdcthssv')
      ORDER BY t.position LIMIT 1`, [gdtc]);
  [taskId, planId] = [t.id, t.plan_id];
});
afterAll(async () => { await ctx.close(); });

const line = (fields: Record<string, string>, files = [{ filename: 'quyet-dinh-phe-duyet.pdf', type: 'application/pdf', data: PDF }]) => multipart(fields, files);

describe('task budgets', () => {
  it('the lead unit enters an estimate and a spending with the approving document; social resources spent come from the ledger', async () => {
    const [p1, h1] = line({ kind: 'estimate', source: 'state_budget', amountVnd: '1500000000', year: '2026', documentNumber: '15/QĐ-BGDĐT', note: 'Dự toán năm 2026' });
    const r1 = await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p1, h1);
    ok(r1, 201);
    const [p2, h2] = line({ kind: 'estimate', source: 'social_resources', amountVnd: '999999999999999', year: '2026', documentNumber: '15/QĐ-BGDĐT' });
    ok(await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p2, h2), 201);
    const [p3, h3] = line({ kind: 'spending', source: 'state_budget', amountVnd: '400000000', year: '2026', documentNumber: '20/QĐ-BGDĐT' });
    ok(await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p3, h3), 201);
    // a gift of the ledger accepted for the task counts as social resources spent, never typed
    const gift = await ctx.db.one<{ id: string; value_vnd: string }>(`SELECT id, value_vnd::text FROM contribution WHERE status = 'accepted' AND plan_task_id IS NULL ORDER BY id LIMIT 1`);
    await ctx.db.query('UPDATE contribution SET plan_task_id = $1 WHERE id = $2', [taskId, gift.id]);
    const b = (await call(OTHER, 'GET', `/api/v1/tasks/${taskId}/budget`)).json() as TaskBudget;
    expect(b.estimate).toEqual({ stateBudget: '1500000000', programmeFund: '0', socialResources: '999999999999999', total: '1000001499999999' });
    expect(b.spending).toEqual({ stateBudget: '400000000', programmeFund: '0', socialResources: gift.value_vnd, total: String(400000000n + BigInt(gift.value_vnd)) });
    expect(b.lines).toHaveLength(3);
    expect(b.lines[0]).toMatchObject({ kind: 'estimate', source: 'state_budget', amountVnd: 1500000000, unit: { id: gdtc }, documentNumber: '15/QĐ-BGDĐT', note: 'Dự toán năm 2026' });
    expect(b.lines[0].document?.name).toBe('quyet-dinh-phe-duyet.pdf');
    expect(b.can.enter).toBe(false);
    const doc = await call(OTHER, 'GET', `/api/v1/files/${b.lines[0].document!.id}`);
    ok(doc);
    expect((await call(null, 'GET', `/api/v1/files/${b.lines[0].document!.id}`)).statusCode).toBe(401);
  });

  it('typing social resources spent, a line without its document or with a bad amount is a 422 and writes nothing; only the lead unit enters', async () => {
    const before = (await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM budget_line')).n;
    const [p1, h1] = line({ kind: 'spending', source: 'social_resources', amountVnd: '1000', year: '2026', documentNumber: '21/QĐ-BGDĐT' });
    const social = await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p1, h1);
    expect(social.statusCode).toBe(422);
    expect(social.json().errors[0].path).toBe('source');
    const [p2, h2] = line({ kind: 'spending', source: 'state_budget', amountVnd: '1000', year: '2026', documentNumber: '21/QĐ-BGDĐT' }, []);
    expect((await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p2, h2)).statusCode).toBe(422);
    const [p3, h3] = line({ kind: 'spending', source: 'state_budget', amountVnd: '-5', year: '2026', documentNumber: '21/QĐ-BGDĐT' });
    const neg = await call(LEAD, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p3, h3);
    expect(neg.statusCode).toBe(422);
    expect(neg.json().errors[0].path).toBe('amountVnd');
    const [p4, h4] = line({ kind: 'spending', source: 'state_budget', amountVnd: '1000', year: '2026', documentNumber: '21/QĐ-BGDĐT' });
    expect((await call(OTHER, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p4, h4)).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p4, h4)).statusCode).toBe(403);
    expect((await call(null, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p4, h4)).statusCode).toBe(401);
    expect((await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM budget_line')).n).toBe(before);
    expect((await call(LEAD, 'GET', '/api/v1/tasks/00000000-0000-4000-8000-000000000000/budget')).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/tasks/${taskId}/budget`)).statusCode).toBe(401);
  });

  it('the plan shows estimate against spending by section and unit, and exports it', async () => {
    const r = await call(OTHER, 'GET', `/api/v1/plans/${planId}/budget`);
    ok(r);
    const b = r.json() as PlanBudget;
    const mine = b.rows.find((x) => x.unit?.id === gdtc)!;
    expect(mine.estimate.total).toBe('1000001499999999');
    expect(mine.spending.stateBudget).toBe('400000000');
    const ledger = b.rows.filter((x) => x.unit === null);
    const direct = await ctx.db.one<{ v: string }>(
      `SELECT COALESCE(sum(k.value_vnd), 0)::text AS v FROM contribution k JOIN plan_task t ON t.id = k.plan_task_id WHERE t.plan_id = $1 AND k.status = 'accepted'`, [planId]);
    expect(ledger.reduce((n, x) => n + BigInt(x.spending.socialResources), 0n).toString()).toBe(direct.v);
    expect(b.spending.total).toBe(String(400000000n + BigInt(direct.v)));
    ok(await call(OTHER, 'GET', '/api/v1/plans/kh-29-bgddt-2021/budget'));
    const csv = await call(OTHER, 'GET', `/api/v1/plans/${planId}/budget?format=csv`);
    ok(csv);
    expect(csv.body).toContain('1000001499999999');
    expect((await call(null, 'GET', `/api/v1/plans/${planId}/budget`)).statusCode).toBe(401);
    const unknown = await call(OTHER, 'GET', '/api/v1/plans/kh-khong-co/budget');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy');
  });

  it("the plan's .docx report shows estimate against spending by section, social resources from the ledger", async () => {
    const b = (await call(OTHER, 'GET', `/api/v1/plans/${planId}/budget`)).json() as PlanBudget;
    const report = await call(OTHER, 'GET', `/api/v1/plans/${planId}/report?format=docx`);
    ok(report);
    const plain = (await (await JSZip.loadAsync(report.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const dots = (v: string) => v.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(plain).toContain('KINH PHÍ THỰC HIỆN');
    expect(plain).toContain(`tổng dự toán ${dots(b.estimate.total)} đồng`);
    expect(plain).toContain(`đã chi ${dots(b.spending.total)} đồng, trong đó nguồn lực xã hội đã nghiệm thu (theo sổ đóng góp) ${dots(b.spending.socialResources)} đồng`);
    // the section of the task carries its own line, and the headings that follow are numbered on
    const section = b.rows.find((x) => x.unit?.id === gdtc)!;
    expect(plain).toContain(`${section.sectionCode}. ${section.sectionTitle}`);
    expect(plain).toMatch(/KINH PHÍ THỰC HIỆN.*TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ.*TỒN TẠI VÀ ĐỀ XUẤT/);
    // a report at a date before anything was entered has no budget section
    const before = await call(OTHER, 'GET', `/api/v1/plans/${planId}/report?format=docx&asOf=2021-01-01`);
    ok(before);
    expect((await (await JSZip.loadAsync(before.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).not.toContain('KINH PHÍ THỰC HIỆN');
  });
});

describe('budget routes by role', () => {
  const ROLES: [string | null, number, number][] = [
    // account, reading a task's budget, entering a line on the task Vụ GDTC leads
    ['quantri@ketnoi.demo', 200, 201],
    [LEAD, 200, 201],
    [OTHER, 200, 403],
    ['so.dienbien@ketnoi.demo', 200, 403],
    ['truong.dienbien@ketnoi.demo', 200, 403],
    ['nhataitro@ketnoi.demo', 200, 403],
    ['xa.sinthau@ketnoi.demo', 200, 403],
    ['daotao.dhsphn@ketnoi.demo', 200, 403],
    [null, 401, 401],
  ];
  it.each(ROLES)('%s reads a task budget (%i), enters a line (%i), reads the plan budget', async (who, read, enter) => {
    expect((await call(who, 'GET', `/api/v1/tasks/${taskId}/budget`)).statusCode).toBe(read);
    expect((await call(who, 'GET', `/api/v1/plans/${planId}/budget`)).statusCode).toBe(read);
    const before = (await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM budget_line')).n;
    const [p, h] = line({ kind: 'estimate', source: 'programme_fund', amountVnd: '1000000', year: '2026', documentNumber: '30/QĐ-BGDĐT' });
    expect((await call(who, 'POST', `/api/v1/tasks/${taskId}/budget-lines`, p, h)).statusCode).toBe(enter);
    const after = (await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM budget_line')).n;
    expect(Number(after) - Number(before)).toBe(enter === 201 ? 1 : 0);
    if (enter === 201) {
      const log = await ctx.db.one<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE entity = 'budget_line' AND action = 'create'`);
      expect(Number(log.n)).toBeGreaterThan(0);
    }
  });
});
