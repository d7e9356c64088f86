import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Db } from '../../platform/db.js';
import { dataPath, readJsonData } from '../../platform/data-files.js';
import { fold } from '../../platform/text.js';
import { groups, unitMatcher, type UnitMatcher } from './units.js';
import { countableTarget, type WindowKind } from './domain.js';
import * as repo from './repository.js';

/** A plan as shipped in data/plans/<key>.json (see data/plans/schema.ts and SOURCE.md). */
export interface PlanFile {
  key: string; number: string; type: 'ke_hoach' | 'quyet_dinh'; title: string; issuerKey: string;
  signedOn: string | null; place: string | null; signerTitle: string | null; period: { from: string; to: string } | null;
  legalBases: string[]; recipients: string[];
  goals: { code: string; text: string; targets: { label: string; targetValue: number | null; unit: string; targetDate: string | null; baselineValue?: number | null }[] }[];
  sections: { code: string; title: string; parentCode: string | null; kind: 'part' | 'project' | 'subproject' | 'heading' }[];
  tasks: {
    number: string; numberAsWritten?: string; sectionCode: string | null; content: string; legalBasis: string | null; notes: string | null; budget: string | null;
    assignments: { leadText: string; leadKeys: string[]; partnerText: string | null; partnerKeys: string[]; timeText: string;
      window: { kind: WindowKind; from: string; to: string; due: string | null }; deliverables: string[] }[];
  }[];
  calendar?: { label: string; from: string; to: string; recurring: boolean }[];
  rules?: unknown;
}

export function planFiles(): PlanFile[] {
  const dir = dataPath('plans');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^(kh|qd)-.+\.json$/.test(f)).sort().map((f) => readJsonData<PlanFile>('plans', f));
}

/** Resolve unit keys into organisation ids and group keys. */
export function resolveKeys(keys: string[], m: UnitMatcher, provinceCode?: string | null): { orgIds: string[]; groupKeys: string[] } {
  const groupKeys = new Set(groups().map((g) => g.key));
  const orgIds = new Set<string>();
  const gks: string[] = [];
  for (const k of keys) {
    if (groupKeys.has(k)) {
      gks.push(k);
      for (const id of m.expandGroup(k, provinceCode)) orgIds.add(id);
    } else {
      const id = m.idOfKey(k);
      if (id) orgIds.add(id);
    }
  }
  return { orgIds: [...orgIds], groupKeys: gks };
}

/** Write one plan (header, sections, goals, tasks, assignments, units) in bulk. Returns its id. */
export async function insertPlan(db: Db, p: PlanFile, m: UnitMatcher): Promise<string> {
  const issuer = m.idOfKey(p.issuerKey);
  if (!issuer) throw new Error(`Plan ${p.key}: unknown issuer ${p.issuerKey}`);
  const planId = crypto.randomUUID();
  await db.query(
    `INSERT INTO plan (id, key, number, type, title, issuer_id, signed_on, place, signer_title, period_from, period_to, legal_bases, recipients, calendar, rules, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb, $16)`,
    [planId, p.key, p.number, p.type, p.title, issuer, p.signedOn, p.place, p.signerTitle, p.period?.from ?? null, p.period?.to ?? null,
      JSON.stringify(p.legalBases ?? []), JSON.stringify(p.recipients ?? []), JSON.stringify(p.calendar ?? []), p.rules ? JSON.stringify(p.rules) : null, fold(`${p.number} ${p.title}`)],
  );
  const sectionIds = new Map<string, string>();
  const sections = p.sections.map((s, i) => {
    const id = crypto.randomUUID();
    sectionIds.set(s.code, id);
    return { id, plan_id: planId, code: s.code, title: s.title, parent_code: s.parentCode, kind: s.kind, position: i };
  });
  if (sections.length) {
    await db.query(
      `INSERT INTO plan_section (id, plan_id, code, title, parent_code, kind, position)
       SELECT id, plan_id, code, title, parent_code, kind, position FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, plan_id uuid, code text, title text, parent_code text, kind text, position int)`,
      [JSON.stringify(sections)],
    );
  }
  const goals: object[] = [];
  const targets: object[] = [];
  p.goals.forEach((g, i) => {
    const gid = crypto.randomUUID();
    goals.push({ id: gid, plan_id: planId, code: g.code, text: g.text, position: i });
    g.targets.forEach((t, j) => void targets.push({ id: crypto.randomUUID(), goal_id: gid, plan_id: planId, label: t.label, target_value: t.targetValue, unit: t.unit, target_date: t.targetDate, baseline_value: t.baselineValue ?? null, position: j }));
  });
  if (goals.length) {
    await db.query(`INSERT INTO plan_goal (id, plan_id, code, text, position) SELECT id, plan_id, code, text, position FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, plan_id uuid, code text, text text, position int)`, [JSON.stringify(goals)]);
  }
  if (targets.length) {
    await db.query(
      `INSERT INTO plan_target (id, goal_id, plan_id, label, target_value, unit, target_date, baseline_value, position)
       SELECT id, goal_id, plan_id, label, target_value, unit, target_date, baseline_value, position
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, goal_id uuid, plan_id uuid, label text, target_value numeric, unit text, target_date date, baseline_value numeric, position int)`,
      [JSON.stringify(targets)],
    );
  }
  const issuerProvince = await db.maybeOne<{ province_code: string | null }>('SELECT province_code FROM organisation WHERE id = $1', [issuer]);
  await insertTasks(db, planId, p.tasks, sectionIds, m, 0, issuerProvince?.province_code ?? null);
  return planId;
}

/** Units already resolved (imports match cells themselves); otherwise keys are resolved here. */
export interface ResolvedUnits { lead: { orgIds: string[]; groupKeys: string[] }; partner: { orgIds: string[]; groupKeys: string[] } }
export type TaskInput = Omit<PlanFile['tasks'][number], 'assignments'> & { assignments: (PlanFile['tasks'][number]['assignments'][number] & { resolved?: ResolvedUnits })[] };

export async function insertTasks(db: Db, planId: string, tasks: TaskInput[], sectionIds: Map<string, string>, m: UnitMatcher, startPosition: number, provinceCode: string | null = null): Promise<void> {
  const taskRows: object[] = [];
  const asgRows: object[] = [];
  const unitRows: object[] = [];
  tasks.forEach((t, i) => {
    const tid = crypto.randomUUID();
    taskRows.push({ id: tid, plan_id: planId, section_id: t.sectionCode ? sectionIds.get(t.sectionCode) ?? null : null, number: t.number, number_as_written: t.numberAsWritten ?? null, content: t.content, legal_basis: t.legalBasis, notes: t.notes, budget: t.budget, position: startPosition + i, search: fold(`${t.number} ${t.content}`) });
    t.assignments.forEach((a, j) => {
      const aid = crypto.randomUUID();
      const lead = a.resolved?.lead ?? resolveKeys(a.leadKeys, m, provinceCode);
      const partner = a.resolved?.partner ?? resolveKeys(a.partnerKeys, m, provinceCode);
      asgRows.push({ id: aid, task_id: tid, plan_id: planId, position: j, lead_text: a.leadText, partner_text: a.partnerText, time_text: a.timeText, window_kind: a.window.kind, window_from: a.window.from, window_to: a.window.to, due: a.window.due, deliverables: a.deliverables, lead_groups: lead.groupKeys, partner_groups: partner.groupKeys });
      for (const o of lead.orgIds) unitRows.push({ assignment_id: aid, organisation_id: o, role: 'lead' });
      for (const o of partner.orgIds) if (!lead.orgIds.includes(o)) unitRows.push({ assignment_id: aid, organisation_id: o, role: 'partner' });
    });
  });
  const CH = 1000;
  for (let i = 0; i < taskRows.length; i += CH) {
    await db.query(
      `INSERT INTO plan_task (id, plan_id, section_id, number, number_as_written, content, legal_basis, notes, budget, position, search)
       SELECT id, plan_id, section_id, number, number_as_written, content, legal_basis, notes, budget, position, search
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, plan_id uuid, section_id uuid, number text, number_as_written text, content text, legal_basis text, notes text, budget text, position int, search text)`,
      [JSON.stringify(taskRows.slice(i, i + CH))],
    );
  }
  for (let i = 0; i < asgRows.length; i += CH) {
    await db.query(
      `INSERT INTO task_assignment (id, task_id, plan_id, position, lead_text, partner_text, time_text, window_kind, window_from, window_to, due, deliverables, lead_groups, partner_groups)
       SELECT id, task_id, plan_id, position, lead_text, partner_text, time_text, window_kind, window_from, window_to, due, deliverables, lead_groups, partner_groups
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, task_id uuid, plan_id uuid, position int, lead_text text, partner_text text, time_text text, window_kind text, window_from date, window_to date, due date, deliverables jsonb, lead_groups text[], partner_groups text[])`,
      [JSON.stringify(asgRows.slice(i, i + CH))],
    );
  }
  for (let i = 0; i < unitRows.length; i += 5000) {
    await db.query(
      `INSERT INTO assignment_unit (assignment_id, organisation_id, role) SELECT assignment_id, organisation_id, role
       FROM jsonb_to_recordset($1::jsonb) AS r(assignment_id uuid, organisation_id uuid, role text) ON CONFLICT DO NOTHING`,
      [JSON.stringify(unitRows.slice(i, i + 5000))],
    );
  }
}

/** Load every shipped plan not yet in the database (never overwrites a plan and its progress). */
export async function loadPlans(db: Db): Promise<string[]> {
  const files = planFiles();
  if (!files.length) return [];
  const existing = new Set((await db.query<{ key: string }>('SELECT key FROM plan')).map((r) => r.key));
  const todo = files.filter((f) => !existing.has(f.key));
  const m = await unitMatcher(db);
  await db.tx(async (t) => {
    for (const p of todo) await insertPlan(t, p, m);
    await fanOutUnassigned(t, m);
    // tasks loaded now, or before deliverables counted themselves, get their countable targets
    await fillCountableTargets(t);
    await repo.markComputed(t, COMPUTED_TARGETS);
  });
  return todo.map((p) => p.key);
}

/**
 * Assignments written to a collective ("Các đơn vị Vụ, Cục", "Các phòng chuyên môn thuộc Sở")
 * that no organisation leads yet (plans loaded before the group's members existed) get the
 * group's members as leads. Assignments that already have a lead are left as their issuer made them.
 */
export async function fanOutUnassigned(db: Db, m: UnitMatcher): Promise<number> {
  const rows = await db.query<{ id: string; lead_groups: string[]; partner_groups: string[]; province_code: string | null }>(
    `SELECT a.id, a.lead_groups, a.partner_groups, o.province_code FROM task_assignment a JOIN plan p ON p.id = a.plan_id JOIN organisation o ON o.id = p.issuer_id
      WHERE cardinality(a.lead_groups) > 0 AND NOT EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = a.id AND u.role = 'lead')`,
  );
  const units: { assignment_id: string; organisation_id: string }[] = [];
  for (const r of rows) {
    for (const id of new Set(r.lead_groups.flatMap((g) => m.expandGroup(g, r.province_code)))) units.push({ assignment_id: r.id, organisation_id: id });
  }
  if (!units.length) return 0;
  await db.query(
    `INSERT INTO assignment_unit (assignment_id, organisation_id, role)
     SELECT r.assignment_id, r.organisation_id, 'lead' FROM jsonb_to_recordset($1::jsonb) AS r(assignment_id uuid, organisation_id uuid)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(units)],
  );
  // a unit now leading an assignment is no longer also its partner
  await db.query(
    `DELETE FROM assignment_unit p USING assignment_unit l
      WHERE p.assignment_id = l.assignment_id AND p.organisation_id = l.organisation_id AND p.role = 'partner' AND l.role = 'lead' AND p.assignment_id = ANY($1::uuid[])`,
    [[...new Set(units.map((u) => u.assignment_id))]],
  );
  return units.length;
}

/**
 * Read the countable target of every task whose deliverables were never read ("02 lớp bồi dưỡng,
 * tập huấn" = 2 trainings; `domain.countableTarget`). Answers how many tasks have one.
 */
export async function fillCountableTargets(db: Db): Promise<number> {
  const rows = (await repo.tasksToCount(db)).map((t) => {
    const c = countableTarget(t.deliverables);
    return { id: t.id, count: c?.count ?? null, kinds: c?.kinds ?? null, text: c?.text ?? '' };
  });
  await repo.setTargets(db, rows);
  return rows.filter((r) => r.kinds).length;
}

/** The seed plans' targets measured from the platform's data rather than entered by hand (`repository.COMPUTED`). */
export const COMPUTED_TARGETS = [
  { planKey: 'kh-ketnghia-hanoi-2026', goalCode: 'III.3-b', position: 0, computed: 'twinning_min_activities_school_year' },
  { planKey: 'kh-237-bgddt-2023', goalCode: 'II.2-a', position: 0, computed: 'startup_models_approved' },
];
