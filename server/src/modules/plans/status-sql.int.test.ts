import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import type { Db } from '../../platform/db.js';
import * as repo from './repository.js';
import { taskViews } from './service.js';

/**
 * Task status derived in SQL (repository `taskStatusCte`) against domain.ts, the reference: on
 * the demo's plans and on a plan built here with every kind of window (each calendar year, each
 * school year, a quarter, a one-off date, a range with an earlier due date, a whole period, a year
 * whose lead is a collective without members), updates on time, late, none, blocked, without a
 * percentage, several units, two units on one day, records counting toward a deliverable (once
 * and each year, one on the day of a unit's update), at many dates before, across and after the
 * windows: every task's and every assignment's status agrees.
 */
let ctx: TestContext;
beforeAll(async () => { ctx = await testApp({ config: { demoData: true } }); }, 300_000);
afterAll(async () => { await ctx.close(); });

interface AsgSpec {
  kind: string; from: string; to: string; due?: string; leads: number[];
  updates?: { unit: number; period?: string; state: 'in_progress' | 'done' | 'blocked'; percent?: number | null; on: string; at?: number }[];
}
interface TaskSpec { target?: { count: number; kinds: string[]; held: string[] }; assignments: AsgSpec[] }

const TASKS: TaskSpec[] = [
  // each calendar year, two leads: one reports each year (once late), the other blocked in one year
  { assignments: [{ kind: 'every_year', from: '2024-03-01', to: '2027-10-31', leads: [0, 1], updates: [
    { unit: 0, period: '2024', state: 'in_progress', percent: 30, on: '2024-05-02' },
    { unit: 0, period: '2024', state: 'done', on: '2025-01-10' },
    { unit: 0, period: '2025', state: 'in_progress', percent: 60, on: '2025-06-30' },
    { unit: 0, period: '2025', state: 'done', on: '2025-12-20' },
    { unit: 1, period: '2025', state: 'blocked', percent: 10, on: '2025-04-01' },
    { unit: 1, period: '2026', state: 'in_progress', percent: null, on: '2026-02-01' },
    { unit: 0, period: '2026', state: 'in_progress', percent: 90, on: '2026-12-10' },
  ] }] },
  // each school year (1/9–31/8), one lead
  { assignments: [{ kind: 'every_school_year', from: '2024-09-01', to: '2027-08-31', leads: [2], updates: [
    { unit: 2, period: '2024-2025', state: 'in_progress', percent: 50, on: '2025-01-15' },
    { unit: 2, period: '2024-2025', state: 'done', on: '2025-08-31' },
    { unit: 2, period: '2025-2026', state: 'in_progress', percent: 20, on: '2025-10-01' },
    { unit: 2, period: '2026-2027', state: 'done', on: '2027-09-05' },
  ] }] },
  // a school year window cut mid-year on both ends
  { assignments: [{ kind: 'every_school_year', from: '2025-01-15', to: '2026-05-31', leads: [0], updates: [
    { unit: 0, period: '2024-2025', state: 'in_progress', percent: 80, on: '2025-07-01' },
  ] }] },
  // a quarter: on time, progressing
  { assignments: [{ kind: 'quarter', from: '2026-04-01', to: '2026-06-30', leads: [1], updates: [
    { unit: 1, state: 'in_progress', percent: 40, on: '2026-05-01' },
    { unit: 1, state: 'in_progress', percent: 80, on: '2026-06-20' },
    { unit: 1, state: 'in_progress', percent: 10, on: '2026-06-20', at: 5 },
  ] }] },
  // a one-off date, never reported
  { assignments: [{ kind: 'day', from: '2026-02-01', to: '2026-03-15', due: '2026-03-15', leads: [2] }] },
  { assignments: [{ kind: 'day', from: '2026-03-10', to: '2026-03-10', due: '2026-03-10', leads: [0], updates: [{ unit: 0, state: 'done', on: '2026-03-09' }] }] },
  // a range with an earlier due date, done late
  { assignments: [{ kind: 'range', from: '2025-01-01', to: '2026-12-31', due: '2026-06-30', leads: [1], updates: [
    { unit: 1, state: 'in_progress', percent: 70, on: '2026-04-01' },
    { unit: 1, state: 'done', on: '2026-07-05' },
  ] }] },
  // open-ended: the whole plan period, slowly
  { assignments: [{ kind: 'all_year', from: '2021-01-01', to: '2030-12-31', leads: [0, 2], updates: [
    { unit: 0, state: 'in_progress', percent: 20, on: '2023-01-01' },
    { unit: 2, state: 'in_progress', percent: 60, on: '2026-01-01' },
  ] }] },
  // a year whose lead is a collective without members: any unit's update, two on one day
  { assignments: [{ kind: 'year', from: '2026-01-01', to: '2026-12-31', leads: [], updates: [
    { unit: 0, state: 'in_progress', percent: 90, on: '2026-03-01' },
    { unit: 1, state: 'blocked', on: '2026-03-01' },
    { unit: 2, state: 'in_progress', percent: 5, on: '2026-08-01' },
  ] }] },
  // months with a countable deliverable: three trainings, one on the day of the unit's update
  { target: { count: 3, kinds: ['training'], held: ['2026-03-05', '2026-04-10', '2026-05-20'] },
    assignments: [{ kind: 'months', from: '2026-03-01', to: '2026-06-30', leads: [0], updates: [
      { unit: 0, state: 'in_progress', percent: 90, on: '2026-04-10' },
      { unit: 0, state: 'in_progress', percent: 95, on: '2026-06-01' },
    ] }] },
  // each year with a countable deliverable counted per year
  { target: { count: 2, kinds: ['workshop'], held: ['2025-02-01', '2025-11-01', '2026-05-05', '2027-01-10', '2027-02-10'] },
    assignments: [{ kind: 'every_year', from: '2025-01-01', to: '2027-12-31', leads: [1] }] },
  // a task of two assignments (two years, two leads): the most pressing wins
  { assignments: [
    { kind: 'year', from: '2025-01-01', to: '2025-12-31', leads: [0], updates: [{ unit: 0, state: 'done', on: '2025-12-01' }] },
    { kind: 'year', from: '2026-01-01', to: '2026-12-31', leads: [1], updates: [{ unit: 1, state: 'in_progress', percent: 30, on: '2026-06-01' }] },
  ] },
  // a short window (under the 14 days of warning), a month, reported without a percentage
  { assignments: [{ kind: 'day', from: '2026-09-01', to: '2026-09-10', leads: [2] }] },
  { assignments: [{ kind: 'month', from: '2026-10-01', to: '2026-10-31', leads: [0], updates: [{ unit: 0, state: 'in_progress', percent: null, on: '2026-10-02' }] }] },
  { assignments: [{ kind: 'years', from: '2025-01-01', to: '2027-12-31', leads: [1], updates: [{ unit: 1, state: 'in_progress', percent: 25, on: '2025-02-01' }, { unit: 1, state: 'in_progress', percent: 75, on: '2027-11-01' }] }] },
];

/** Dates across the windows: every 41 days from mid-2023 to 2028, and the edges of periods and warnings. */
function dates(): string[] {
  const out = new Set<string>();
  for (let t = Date.parse('2023-06-01'); t <= Date.parse('2028-03-01'); t += 41 * 86_400_000) out.add(new Date(t).toISOString().slice(0, 10));
  for (const d of ['2024-12-31', '2025-01-01', '2025-08-31', '2025-09-01', '2025-12-17', '2025-12-18', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-15', '2026-03-16',
    '2026-04-10', '2026-05-15', '2026-05-16', '2026-06-16', '2026-06-17', '2026-06-30', '2026-07-01', '2026-09-05', '2026-10-02', '2026-12-31', '2027-08-31', '2027-09-05']) out.add(d);
  return [...out].sort();
}

async function buildPlan(db: Db) {
  const orgs = (await db.query<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'ministry_unit' ORDER BY code LIMIT 3`)).map((o) => o.id);
  expect(orgs.length).toBe(3);
  const plan = await db.one<{ id: string }>(
    `INSERT INTO plan (key, number, type, title, issuer_id, signed_on, search) VALUES ('status-sql', '1/KH-TEST', 'ke_hoach', 'Kiểm tra trạng thái', $1, '2024-01-15', 'kiem tra') RETURNING id`, [orgs[0]]);
  const ids: string[] = [];
  for (const [i, spec] of TASKS.entries()) {
    const task = await db.one<{ id: string }>(
      `INSERT INTO plan_task (plan_id, number, content, position, search, target_count, target_kinds, target_text) VALUES ($1, $2, $3, $4, '', $5, $6, $7) RETURNING id`,
      [plan.id, String(i + 1), `Nhiệm vụ ${i + 1}`, i, spec.target?.count ?? null, spec.target?.kinds ?? null, spec.target ? 'x' : '']);
    ids.push(task.id);
    for (const [j, h] of (spec.target?.held ?? []).entries()) {
      const a = await db.one<{ id: string }>(
        `INSERT INTO activity (kind, state, title, starts_on, ends_on, organiser_id) VALUES ($1, 'held', $2, $3, $3, $4) RETURNING id`, [spec.target!.kinds[0], `Hoạt động ${i}-${j}`, h, orgs[0]]);
      await db.query('INSERT INTO activity_task (activity_id, task_id) VALUES ($1, $2)', [a.id, task.id]);
    }
    // a record of another kind and one not held count for nothing
    if (spec.target) {
      const x = await db.one<{ id: string }>(`INSERT INTO activity (kind, state, title, starts_on, ends_on, organiser_id) VALUES ('clip', 'held', 'Khác', '2026-03-20', '2026-03-20', $1) RETURNING id`, [orgs[0]]);
      const y = await db.one<{ id: string }>(`INSERT INTO activity (kind, state, title, starts_on, ends_on, organiser_id) VALUES ($1, 'planned', 'Dự kiến', '2026-03-21', '2026-03-21', $2) RETURNING id`, [spec.target.kinds[0], orgs[0]]);
      await db.query('INSERT INTO activity_task (activity_id, task_id) VALUES ($1, $3), ($2, $3)', [x.id, y.id, task.id]);
    }
    for (const [j, a] of spec.assignments.entries()) {
      const asg = await db.one<{ id: string }>(
        `INSERT INTO task_assignment (task_id, plan_id, position, lead_text, time_text, window_kind, window_from, window_to, due) VALUES ($1, $2, $3, 'x', 'x', $4, $5, $6, $7) RETURNING id`,
        [task.id, plan.id, j, a.kind, a.from, a.to, a.due ?? null]);
      for (const l of a.leads) await db.query(`INSERT INTO assignment_unit (assignment_id, organisation_id, role) VALUES ($1, $2, 'lead')`, [asg.id, orgs[l]]);
      for (const u of a.updates ?? []) {
        await db.query(`INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, reported_on, created_at) VALUES ($1, $2, $3, $4, $5, $6::date, $6::date + make_interval(secs => $7))`,
          [asg.id, orgs[u.unit], u.period ?? '', u.state, u.state === 'done' ? 100 : u.percent ?? null, u.on, u.at ?? 0]);
      }
    }
  }
  return ids;
}

describe('task status derived in SQL', () => {
  it('agrees with domain.ts for every task and assignment, of the demo and of varied windows, at many dates', async () => {
    const db = ctx.db;
    const built = await buildPlan(db);
    const all = (await db.query<{ id: string }>('SELECT DISTINCT task_id AS id FROM task_assignment')).map((r) => r.id);
    const ds = dates();
    expect(ds.length).toBeGreaterThanOrEqual(30);
    const seen = new Set<string>();
    for (const asOf of ds) {
      const views = await taskViews(db, {}, asOf);
      const ts = new Map(views.map((t) => [t.id, t.status]));
      const sql = new Map((await repo.taskStatuses(db, asOf)).map((r) => [r.task_id, repo.STATUS_BY_RANK[Number(r.r)]]));
      expect(sql.size, asOf).toBe(all.length);
      for (const id of all) expect(`${asOf} ${id} ${sql.get(id)}`).toBe(`${asOf} ${id} ${ts.get(id)}`);
      const tsAsg = new Map(views.filter((t) => built.includes(t.id)).flatMap((t) => t.assignments.map((a) => [a.id, a.status] as const)));
      const sqlAsg = await repo.assignmentStatuses(db, asOf, built);
      expect(sqlAsg.length).toBe(tsAsg.size);
      for (const a of sqlAsg) expect(`${asOf} ${a.id} ${repo.STATUS_BY_RANK[Number(a.r)]}`).toBe(`${asOf} ${a.id} ${tsAsg.get(a.id)}`);
      for (const id of built) seen.add(ts.get(id)!);
    }
    // the cases reach every status
    expect([...seen].sort()).toEqual(['at_risk', 'done', 'not_started', 'on_track', 'overdue']);
  }, 900_000);

  it('counts the plans list and pages the overdue tasks as the statuses of domain.ts do', async () => {
    const db = ctx.db;
    for (const asOf of ['2025-06-01', '2026-03-16', '2026-07-01', '2027-09-05']) {
      const views = await taskViews(db, {}, asOf);
      const tallies = await repo.planTallies(db, asOf);
      for (const t of tallies) {
        const mine = views.filter((v) => v.planId === t.plan_id);
        const count = (s: string) => mine.filter((v) => v.status === s).length;
        expect({ tasks: t.tasks, assignments: t.assignments, done: t.done, not_started: t.not_started, on_track: t.on_track, at_risk: t.at_risk, overdue: t.overdue })
          .toEqual({ tasks: mine.length, assignments: mine.reduce((n, v) => n + v.assignments.length, 0), done: count('done'), not_started: count('not_started'), on_track: count('on_track'), at_risk: count('at_risk'), overdue: count('overdue') });
      }
      const overdue = views.filter((v) => v.status === 'overdue').map((v) => v.id);
      // page by 7 through the keyset: the same tasks in the same order
      const paged: string[] = [];
      let after: repo.TaskKey | null = null;
      for (;;) {
        const { ids, total } = await repo.overdueTaskIds(db, asOf, undefined, after, 7);
        expect(total, asOf).toBe(overdue.length);
        paged.push(...ids);
        if (ids.length < 7) break;
        const last = views.find((v) => v.id === ids[ids.length - 1])!;
        after = [last.planSignedOn, last.planId, last.position, last.id];
      }
      expect(paged, asOf).toEqual(overdue);
    }
  }, 900_000);
});
