import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { Actor } from '../../platform/actor.js';
import type { PlanTaskAssessments } from '../../../../contracts/assessments.js';
import * as service from './service.js';

/**
 * The plan tasks that ask for indicator sets (seed 004 task 1.5, seed 000 §IV.3.10-b, seed 003
 * task 2d) show the framework that answers them and the real state of its campaigns.
 */

const clock = fixedClock('2026-11-30T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const MINISTRY = 'dieuphoi@ketnoi.demo';

beforeAll(async () => { ctx = await testApp({ clock }); });
afterAll(async () => { await ctx.close(); });

const taskId = async (plan: string, number: string) =>
  (await ctx.db.one<{ id: string }>('SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.key = $1 AND t.number = $2', [plan, number])).id;
const links = async (id: string, who: string | null = MINISTRY) => {
  const r = await call(who, 'GET', `/api/v1/plan-tasks/${id}/assessments`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PlanTaskAssessments;
};
/** Each campaign's assessments by state, counted directly. */
const direct = async (ids: string[]) => new Map((await ctx.db.query<{ campaign_id: string; total: number; draft: number; submitted: number; returned: number; approved: number }>(
  `SELECT campaign_id, count(*)::int AS total, count(*) FILTER (WHERE state = 'draft')::int AS draft, count(*) FILTER (WHERE state = 'submitted')::int AS submitted,
     count(*) FILTER (WHERE state = 'returned')::int AS returned, count(*) FILTER (WHERE state = 'approved')::int AS approved
   FROM assessment WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`, [ids])).map(({ campaign_id, ...n }) => [campaign_id, n]));

describe('plan tasks and the indicator sets they ask for', () => {
  it('task 1.5 of the digital-transformation decision: the frameworks of Quyết định 3806 (Departments) and 4725 (schools), and the 2026 and 2025 campaigns, published, with their real counts', async () => {
    const l = await links(await taskId('qd-cds-bgddt-2022', '1.5'));
    expect(l.frameworks.map((f) => f.key)).toEqual(['cds-so-3806', 'cds-truong-4725']);
    expect(l.frameworks.every((f) => !!f.versionId)).toBe(true);
    expect(l.campaigns.map((c) => c.year)).toEqual([2026, 2026, 2026, 2025, 2025, 2025]);
    expect(l.campaignTotal).toBe(6);
    expect(l.campaigns.every((c) => c.frameworkKey === 'cds-truong-4725' && c.phase === 'published')).toBe(true);
    const d = await direct(l.campaigns.map((c) => c.id));
    for (const c of l.campaigns) expect(c.counts, c.title).toEqual(d.get(c.id));
    expect(l.campaigns.every((c) => c.counts.approved > 0)).toBe(true);
  });

  it('§IV.3.10-b of Plan 29: the safe-school framework, its 2026 campaigns open; an approval shows at once', async () => {
    const id = await taskId('kh-29-bgddt-2021', 'IV.3.10-b');
    const l = await links(id);
    expect(l.frameworks.map((f) => f.key)).toEqual(['truong-an-toan-tt18']);
    expect(l.campaigns.length).toBe(3);
    expect(l.campaigns.map((c) => c.phase)).toEqual(['open', 'open', 'open']);
    // the Department of Điện Biên approves a submitted assessment: the task's page counts it
    const c = l.campaigns.find((x) => x.provinceCode === '11')!;
    const a = await ctx.db.one<{ id: string }>(`SELECT id FROM assessment WHERE campaign_id = $1 AND state = 'submitted' ORDER BY id LIMIT 1`, [c.id]);
    const officer = await ctx.db.one<{ id: string; organisation_id: string }>(
      `SELECT u.id, u.organisation_id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE o.code = 'so-11' AND u.role = 'department' ORDER BY u.email LIMIT 1`);
    const dept: Actor = { userId: officer.id, role: 'department', label: 'Sở', organisationId: officer.organisation_id, organisationKind: 'department', provinceCode: '11', communeCode: null };
    await service.transition(ctx.db, dept, clock, a.id, 'approve', null);
    const after = (await links(id)).campaigns.find((x) => x.id === c.id)!;
    expect(after.counts).toEqual({ ...c.counts, submitted: c.counts.submitted - 1, approved: c.counts.approved + 1 });
  });

  it('task 2d of Decision 4969: the school social-work framework, no campaign yet; another task links to nothing', async () => {
    const l = await links(await taskId('qd-4969-bgddt-2021', '2d'));
    expect(l.frameworks.map((f) => f.key)).toEqual(['ctxh-truong-hoc-4969']);
    expect(l).toMatchObject({ campaigns: [], campaignTotal: 0 });
    expect(await links(await taskId('qd-cds-bgddt-2022', '1.4'))).toEqual({ frameworks: [], campaigns: [], campaignTotal: 0 });
  });

  it('signed in only; an unknown task is a 404 with a Vietnamese message', async () => {
    const id = await taskId('qd-cds-bgddt-2022', '1.5');
    expect((await call(null, 'GET', `/api/v1/plan-tasks/${id}/assessments`)).statusCode).toBe(401);
    expect((await links(id, 'truong.dienbien@ketnoi.demo')).frameworks.length).toBe(2);
    const r = await call(MINISTRY, 'GET', '/api/v1/plan-tasks/00000000-0000-4000-8000-000000000000/assessments');
    expect(r.statusCode).toBe(404);
    expect(r.json().title).toBe('Không tìm thấy nhiệm vụ');
  });
});
