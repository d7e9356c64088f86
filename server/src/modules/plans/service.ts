import { notifyMany } from '../notifications/service.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit, auditMany } from '../../platform/audit.js';
import { invalid, notFound, type RowError } from '../../platform/errors.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import { afterKey, page, type KeyPart, type PageRequest } from '../../platform/paging.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import type { Sheet } from '../../platform/tabular.js';
import type { Assignment, LeadUnit, PlanTarget as PlanTargetOut, Task, Unit, UpdateFields } from '../../../../contracts/plans.js';
import * as repo from './repository.js';
import { assignmentPolicy, planPolicy, taskListPolicy, type PlanTarget } from './policy.js';
import { isRecurring, parseTimeText, periodAt, periodsOf, recordCount, recordUpdates, rollUp, tally, unitStatus, type TaskStatus, type UpdateLite } from './domain.js';
import { unitMatcher } from './units.js';
import { fillCountableTargets, insertTasks, type TaskInput } from './load.js';

export type AssignmentView = Assignment;
type PlanTargetView = PlanTargetOut;
/** A task as answered, with the plan's signing date and the task's position (its paging key). */
export type TaskView = Task & { planSignedOn: string | null; position: number };

export const today = (clock: Clock) => vnDate(clock.now());

async function planOr404(db: Db, idOrKey: string) {
  const p = await repo.planByIdOrKey(db, idOrKey);
  if (!p) throw notFound('Không tìm thấy kế hoạch');
  return p;
}

const planTarget = (p: repo.PlanRow): PlanTarget => ({ issuerId: p.issuer_id, issuerKind: p.issuer_kind });
const ANY_PLAN: PlanTarget = { issuerId: '', issuerKind: '' };

/** Assemble tasks with their assignments, units and derived status, in three queries. */
export async function taskViews(db: Db, f: repo.AssignmentFilter, asOf: string): Promise<TaskView[]> {
  const rows = await repo.assignments(db, f);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const counted = [...new Set(rows.filter((r) => r.target_kinds).map((r) => r.task_id))];
  const [units, updates, held] = await Promise.all([repo.units(db, ids), repo.latestUpdates(db, ids, asOf), counted.length ? repo.recordDates(db, counted, asOf) : []]);
  const heldBy = new Map(held.map((h) => [h.task_id, h.held_on]));
  const unitsBy = new Map<string, typeof units>();
  for (const u of units) (unitsBy.get(u.assignment_id) ?? unitsBy.set(u.assignment_id, []).get(u.assignment_id)!).push(u);
  const updatesBy = new Map<string, typeof updates>();
  for (const u of updates) (updatesBy.get(u.assignment_id) ?? updatesBy.set(u.assignment_id, []).get(u.assignment_id)!).push(u);

  const tasks = new Map<string, TaskView>();
  for (const r of rows) {
    const window = { kind: r.window_kind, from: r.window_from, to: r.window_to, due: r.due };
    const ups = updatesBy.get(r.id) ?? [];
    // the records held toward a countable deliverable report progress by themselves, beside the units' updates
    const byRecords = recordUpdates(window, r.target_count, heldBy.get(r.task_id) ?? [], asOf);
    const lite = (orgId: string | null): UpdateLite[] => [
      ...ups.filter((u) => orgId === null || u.organisation_id === orgId).map((u) => ({ period: u.period, state: u.state, percent: u.percent, reportedOn: u.reported_on })),
      ...byRecords,
    ];
    const us = unitsBy.get(r.id) ?? [];
    const leads: LeadUnit[] = us.filter((u) => u.role === 'lead').map((u) => {
      const s = unitStatus(window, lite(u.organisation_id), asOf);
      const last = ups.filter((x) => x.organisation_id === u.organisation_id && x.period === s.period.key)[0];
      return { id: u.organisation_id, name: u.name, shortName: u.short_name, status: s.status, period: s.period.key, percent: last?.percent ?? null, lastReportedOn: last?.reported_on ?? null, periods: isRecurring(window.kind) ? s.periods : null };
    });
    const partners: Unit[] = us.filter((u) => u.role === 'partner').map((u) => ({ id: u.organisation_id, name: u.name, shortName: u.short_name }));
    // an assignment whose lead is only a collective without members is judged on any update
    const status = leads.length ? rollUp(leads.map((l) => l.status)) : unitStatus(window, lite(null), asOf).status;
    const a: AssignmentView = { id: r.id, leadText: r.lead_text, partnerText: r.partner_text, timeText: r.time_text, window, deliverables: r.deliverables, leadGroups: r.lead_groups, partnerGroups: r.partner_groups, leads, partners, status };
    let t = tasks.get(r.task_id);
    if (!t) {
      t = {
        id: r.task_id, planId: r.plan_id, planKey: r.plan_key, planNumber: r.plan_number, planTitle: r.plan_title, planSignedOn: r.plan_signed_on, position: r.task_position,
        sectionCode: r.section_code, sectionTitle: r.section_title, number: r.task_number, content: r.task_content, legalBasis: r.legal_basis, notes: r.notes, budget: r.budget, status: 'not_started',
        records: r.target_kinds ? { target: r.target_count, kinds: r.target_kinds, text: r.target_text ?? '', count: recordCount(window, heldBy.get(r.task_id) ?? [], asOf) } : null, assignments: [],
      };
      tasks.set(r.task_id, t);
    }
    t.assignments.push(a);
  }
  for (const t of tasks.values()) t.status = rollUp(t.assignments.map((a) => a.status));
  return [...tasks.values()];
}

// ---------- paging of task lists ----------

const TASK_KEY = ['nullable-string', 'string', 'number', 'string'] as const;
const taskKey = (t: TaskView): KeyPart[] => [t.planSignedOn, t.planId, t.position, t.id];

/** Whether a task comes after a key in list order (newest plan first, then plan id, position, task id). */
function isAfter(t: TaskView, k: KeyPart[]): boolean {
  const [signed, planId, position, id] = k as [string | null, string, number, string];
  if (t.planSignedOn !== signed) return t.planSignedOn === null ? true : signed === null ? false : t.planSignedOn < signed;
  if (t.planId !== planId) return t.planId > planId;
  if (t.position !== position) return t.position > position;
  return t.id > id;
}

/**
 * One page of a task list. Statuses are derived for the date asked, so a list filtered by status
 * is computed whole and cut here by the same keyset the SQL orders by.
 */
export function pageTasks(tasks: TaskView[], req: PageRequest) {
  const k = afterKey(req.cursor, TASK_KEY);
  const rest = k ? tasks.filter((t) => isAfter(t, k)) : tasks;
  return page(rest.slice(0, req.limit + 1), req, tasks.length, taskKey);
}

// ---------- plans ----------

/** The plans with their tasks counted by status at a date: statuses derived and counted in SQL (repository `taskStatusCte`). */
export async function listPlans(db: Db, actor: Actor, asOf: string) {
  authorize(planPolicy, 'read', actor, ANY_PLAN);
  const [plans, tallies] = await Promise.all([repo.listPlans(db), repo.planTallies(db, asOf)]);
  const byPlan = new Map(tallies.map((t) => [t.plan_id, t]));
  return plans.map((p) => {
    const t = byPlan.get(p.id);
    return {
      ...planHeader(p), taskCount: t ? Number(t.tasks) : 0, assignmentCount: t ? Number(t.assignments) : 0,
      statusTally: { not_started: Number(t?.not_started ?? 0), on_track: Number(t?.on_track ?? 0), at_risk: Number(t?.at_risk ?? 0), overdue: Number(t?.overdue ?? 0), done: Number(t?.done ?? 0) },
    };
  });
}

const planHeader = (p: repo.PlanRow) => ({
  id: p.id, key: p.key, number: p.number, type: p.type, title: p.title, issuer: { id: p.issuer_id, name: p.issuer_name, shortName: p.issuer_short_name },
  signedOn: p.signed_on, place: p.place, signerTitle: p.signer_title, periodFrom: p.period_from, periodTo: p.period_to,
  legalBases: p.legal_bases, recipients: p.recipients, calendar: (p.calendar ?? []) as { label: string; from: string; to: string; recurring: boolean }[], rules: (p.rules ?? null) as Record<string, unknown> | null,
});

export async function planDetail(db: Db, actor: Actor, idOrKey: string, asOf: string) {
  const p = await planOr404(db, idOrKey);
  authorize(planPolicy, 'read', actor, planTarget(p));
  const [sections, goalRows, tasks] = await Promise.all([repo.sections(db, p.id), repo.goals(db, p.id, asOf), taskViews(db, { planId: p.id }, asOf)]);
  const goals: { id: string; code: string; text: string; targets: PlanTargetView[] }[] = [];
  for (const g of goalRows) {
    let goal = goals.find((x) => x.id === g.goal_id);
    if (!goal) {
      goal = { id: g.goal_id, code: g.goal_code, text: g.goal_text, targets: [] };
      goals.push(goal);
    }
    if (!g.target_id) continue;
    // a target measured from data is measured at the date asked; one entered by hand shows its latest measurement
    const computed = g.computed ? await repo.computedValue(db, g.computed, asOf) : null;
    goal.targets.push({
      id: g.target_id, label: g.label!, targetValue: g.target_value === null ? null : Number(g.target_value), unit: g.unit!, targetDate: g.target_date,
      baselineValue: g.baseline_value === null ? null : Number(g.baseline_value),
      measuredValue: g.computed ? computed : g.measured_value === null ? null : Number(g.measured_value), measuredOn: g.computed ? (computed === null ? null : asOf) : g.measured_on,
      source: g.computed ? 'data' : 'hand', computedFrom: g.computed,
    });
  }
  const bySection = sections.map((s) => {
    const ts = tasks.filter((t) => t.sectionCode === s.code);
    return { code: s.code, title: s.title, kind: s.kind, parentCode: s.parent_code, taskCount: ts.length, tally: tally(ts.map((t) => t.status)) };
  });
  const unitTally = new Map<string, { id: string; name: string; statuses: TaskStatus[] }>();
  for (const t of tasks) for (const a of t.assignments) for (const l of a.leads) {
    const u = unitTally.get(l.id) ?? unitTally.set(l.id, { id: l.id, name: l.shortName ?? l.name, statuses: [] }).get(l.id)!;
    u.statuses.push(l.status);
  }
  return {
    ...planHeader(p), asOf, sections: bySection, goals,
    byUnit: [...unitTally.values()].map((u) => ({ id: u.id, name: u.name, count: u.statuses.length, tally: tally(u.statuses) })).sort((a, b) => b.count - a.count),
    tally: tally(tasks.map((t) => t.status)), taskCount: tasks.length,
    can: allowed(planPolicy, actor, planTarget(p), ['importTasks', 'measure', 'report']),
  };
}

/** A plan the actor may read, by id or key (404 unknown, 403 not theirs): its header only, for another module's page about it. */
export async function readablePlan(db: Db, actor: Actor, idOrKey: string) {
  const p = await planOr404(db, idOrKey);
  authorize(planPolicy, 'read', actor, planTarget(p));
  return planHeader(p);
}

export interface PlanTaskFilter { sectionCode?: string; q?: string; status?: TaskStatus; unitId?: string }

/** Every task of a plan matching the filters, in plan order (exports and pages). */
export async function planTasks(db: Db, actor: Actor, idOrKey: string, f: PlanTaskFilter, asOf: string) {
  const p = await planOr404(db, idOrKey);
  authorize(planPolicy, 'read', actor, planTarget(p));
  let tasks = await taskViews(db, { planId: p.id, sectionCode: f.sectionCode, q: f.q ? fold(f.q) : undefined }, asOf);
  if (f.unitId) tasks = tasks.filter((t) => t.assignments.some((a) => a.leads.some((l) => l.id === f.unitId) || a.partners.some((x) => x.id === f.unitId)));
  if (f.status) tasks = tasks.filter((t) => t.status === f.status);
  return { plan: planHeader(p), tasks };
}

/** A unit's tasks across every plan (lead, or also partner); the actor's own unit when none is named. */
export async function unitTasks(db: Db, actor: Actor, organisationId: string | undefined, role: 'lead' | 'any', asOf: string) {
  if (organisationId) authorize(taskListPolicy, 'read', actor, null);
  else authorize(taskListPolicy, 'readOwnUnit', actor, null);
  return taskViews(db, { organisationId: organisationId ?? actor.organisationId!, role }, asOf);
}

/**
 * One page of the overdue tasks at a date (of one plan or all): chosen, counted and paged in SQL
 * (repository `overdueTaskIds`), then only that page's tasks assembled.
 */
export async function overdue(db: Db, actor: Actor, asOf: string, planId: string | undefined, req: PageRequest) {
  authorize(taskListPolicy, 'read', actor, null);
  const k = afterKey(req.cursor, TASK_KEY) as repo.TaskKey | null;
  const { ids, total } = await repo.overdueTaskIds(db, asOf, planId, k, req.limit + 1);
  const tasks = ids.length ? await taskViews(db, { taskIds: ids }, asOf) : [];
  return page(tasks, req, total, taskKey);
}

export async function taskDetail(db: Db, actor: Actor, taskId: string, asOf: string) {
  authorize(taskListPolicy, 'read', actor, null);
  const [task] = await taskViews(db, { taskId }, asOf);
  if (!task) throw notFound('Không tìm thấy nhiệm vụ');
  const updates = await repo.updatesOfTask(db, taskId);
  const assignments = task.assignments.map((a) => ({ ...a, can: allowed(assignmentPolicy, actor, { leadOrganisationIds: a.leads.map((l) => l.id) }, ['postUpdate']) }));
  return {
    task: { ...task, assignments },
    updates: updates.map((u) => ({
      id: u.id, assignmentId: u.assignment_id, organisationId: u.organisation_id, organisationName: u.organisation_name, period: u.period, state: u.state,
      percent: u.percent, milestone: u.milestone, note: u.note, deliverables: u.deliverables, reportedOn: u.reported_on,
      createdAt: new Date(u.created_at).toISOString(), author: u.author, files: u.files,
    })),
    can: { postUpdate: assignments.some((a) => a.can.postUpdate) },
  };
}

export type UpdateInput = Omit<UpdateFields, 'deliverables'> & { deliverables?: string[] };

export async function postUpdate(db: Db, actor: Actor, clock: Clock, assignmentId: string, input: UpdateInput, files: { filename: string; data: Buffer }[]) {
  await checkUploads(files, {});
  return db.tx(async (t) => {
    const [task] = await taskViews(t, { assignmentIds: [assignmentId] }, today(clock));
    const a = task?.assignments[0];
    if (!a) throw notFound('Không tìm thấy nhiệm vụ được giao');
    const leadIds = a.leads.map((l) => l.id);
    authorize(assignmentPolicy, 'postUpdate', actor, { leadOrganisationIds: leadIds });
    // the unit reporting: the actor's own organisation, or (administrator) the unit named
    const orgId = leadIds.includes(actor.organisationId ?? '') ? actor.organisationId! : input.organisationId ?? leadIds[0];
    if (!orgId || (leadIds.length && !leadIds.includes(orgId))) throw invalid('Đơn vị báo cáo không chủ trì nhiệm vụ này', [{ path: 'organisationId', message: 'Không phải đơn vị chủ trì' }]);
    const d = today(clock);
    let period = '';
    if (isRecurring(a.window.kind)) {
      // default: the period (year or school year) of today, or the window's nearest one when today is outside it
      const keys = periodsOf(a.window).map((x) => x.key);
      period = input.period ?? periodAt(a.window, d).key;
      if (!keys.includes(period)) {
        const [first, last] = [keys[0], keys[keys.length - 1]];
        throw invalid('Kỳ báo cáo không hợp lệ', [{ path: 'period', message: a.window.kind === 'every_school_year' ? `Kỳ phải là một năm học từ ${first} đến ${last}` : `Kỳ phải là một năm từ ${first} đến ${last}` }]);
      }
    }
    const percent = input.state === 'done' ? 100 : input.percent ?? null;
    const u = await repo.insertUpdate(t, {
      assignmentId, organisationId: orgId, period, state: input.state, percent, milestone: cleanText(input.milestone ?? null), note: cleanLongText(input.note ?? null),
      deliverables: (input.deliverables ?? []).map((x) => cleanText(x)).filter((x): x is string => !!x), reportedOn: d, createdBy: actor.userId,
    });
    const stored = [];
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'task_update', id: u.id } });
      await repo.attachUpdateFile(t, u.id, sf.id);
      stored.push(sf);
    }
    // the plan's issuer follows its reports (unless it reports on its own task)
    const plan = await repo.planByIdOrKey(t, task.planId);
    if (plan && plan.issuer_id !== orgId) {
      const unit = a.leads.find((l) => l.id === orgId);
      await notifyMany(t, [{ organisationId: plan.issuer_id, kind: 'task_reported', params: { planNumber: task.planNumber, taskNumber: task.number, unitName: unit?.shortName ?? unit?.name ?? '', done: input.state === 'done' }, link: `/nhiem-vu/${task.id}` }]);
    }
    await audit(t, actor, { entity: 'task_update', entityId: u.id, action: 'create', after: { assignmentId, organisationId: orgId, period, state: input.state, percent, milestone: input.milestone ?? null, note: input.note ?? null, files: stored.map((s) => s.name) } });
    return { id: u.id, files: stored };
  });
}

export async function recordMeasurement(db: Db, actor: Actor, targetId: string, input: { value: number; measuredOn: string; note?: string | null }) {
  return db.tx(async (t) => {
    const target = await repo.targetWithIssuer(t, targetId);
    if (!target) throw notFound('Không tìm thấy chỉ tiêu');
    authorize(planPolicy, 'measure', actor, { issuerId: target.issuer_id, issuerKind: target.issuer_kind });
    const r = await repo.insertMeasurement(t, targetId, input.value, input.measuredOn, cleanText(input.note ?? null), actor.userId);
    await audit(t, actor, { entity: 'plan_target', entityId: targetId, action: 'measure', after: input });
    return { id: r.id };
  });
}

export async function measurements(db: Db, actor: Actor, targetId: string) {
  authorize(planPolicy, 'read', actor, ANY_PLAN);
  return (await repo.measurements(db, targetId)).map((m) => ({ id: m.id, value: m.value, measuredOn: m.measured_on, note: m.note, recordedAt: new Date(m.recorded_at).toISOString() }));
}

// ---------- import of tasks ----------

const IMPORT_HEADERS: Record<string, 'number' | 'content' | 'time' | 'lead' | 'partner' | 'deliverables' | 'section' | 'legal' | 'notes'> = {
  tt: 'number', stt: 'number', 'so tt': 'number', 'noi dung': 'content', 'nhiem vu': 'content', 'noi dung nhiem vu': 'content', 'thoi gian': 'time', 'thoi gian thuc hien': 'time', 'thoi han': 'time',
  'don vi chu tri': 'lead', 'chu tri': 'lead', 'don vi phoi hop': 'partner', 'phoi hop': 'partner', 'san pham': 'deliverables', 'san pham chu yeu': 'deliverables', 'ket qua san pham': 'deliverables',
  muc: 'section', 'phan muc': 'section', 'can cu': 'legal', 'can cu phap ly': 'legal', 'ghi chu': 'notes',
};

/**
 * Import a plan's tasks from a sheet with the appendix columns (TT, Nội dung, Thời gian, Đơn vị
 * chủ trì, Đơn vị phối hợp, Sản phẩm). Units are matched by name or abbreviation without
 * diacritics; every bad row is reported; nothing is written unless all rows are valid. A row
 * whose TT repeats the previous task's is another assignment of that task (another lead or year).
 */
export async function importTasks(db: Db, actor: Actor, idOrKey: string, sheet: Sheet) {
  const p = await planOr404(db, idOrKey);
  authorize(planPolicy, 'importTasks', actor, planTarget(p));
  const col = new Map<string, number>();
  sheet.headers.forEach((h, i) => { const k = IMPORT_HEADERS[fold(h).replace(/ \*$/, '')]; if (k && !col.has(k)) col.set(k, i); });
  const required = [['number', 'TT'], ['content', 'Nội dung'], ['time', 'Thời gian'], ['lead', 'Đơn vị chủ trì']] as const;
  const missing = required.filter(([k]) => !col.has(k));
  if (missing.length) throw invalid('Tệp thiếu cột bắt buộc', missing.map(([, h]) => ({ row: 1, column: h, message: `Thiếu cột "${h}"` })));
  const m = await unitMatcher(db);
  const issuerProvince = await repo.provinceOf(db, p.issuer_id);
  const existingNumbers = await repo.existingTaskNumbers(db, p.id);
  const sections = new Map((await repo.sections(db, p.id)).map((s) => [fold(s.code), s]));
  const errors: RowError[] = [];
  const tasks: TaskInput[] = [];
  const period = p.period_from && p.period_to ? { from: p.period_from, to: p.period_to } : null;
  const cell = (v: string[], k: string) => (col.has(k) ? (v[col.get(k)!] ?? '').trim() : '');
  for (const { line, values } of sheet.rows) {
    const err = (column: string, message: string) => errors.push({ row: line, column, message });
    const number = cell(values, 'number');
    const content = cleanText(cell(values, 'content'));
    const timeText = cell(values, 'time');
    const leadText = cell(values, 'lead');
    const partnerText = cell(values, 'partner');
    const sectionText = cell(values, 'section');
    const prev = tasks[tasks.length - 1];
    const continues = prev && number === prev.number;
    if (!number) err('TT', 'Thiếu số thứ tự (TT)');
    else if (!continues && existingNumbers.has(number)) err('TT', `Nhiệm vụ số ${number} đã có trong kế hoạch`);
    else if (!continues && tasks.some((t) => t.number === number)) err('TT', `Số thứ tự ${number} lặp lại, không liền với dòng trước`);
    if (!content && !continues) err('Nội dung', 'Thiếu nội dung nhiệm vụ');
    const window = timeText ? parseTimeText(timeText, period, p.signed_on) : null;
    if (!timeText) err('Thời gian', 'Thiếu thời gian thực hiện');
    else if (!window) err('Thời gian', `Không hiểu thời gian "${timeText}" (ví dụ: Quý I/2025, Tháng 3/2025, Năm 2025, 2025-2026, Hằng năm, Trước ngày 15/01/2025)`);
    // collectives placed by the issuer's province ("UBND các phường, xã" of a Department's plan) fan out to their members, as the seed plans do
    const lead = m.matchCell(leadText, issuerProvince);
    const partner = m.matchCell(partnerText, issuerProvince);
    if (!leadText) err('Đơn vị chủ trì', 'Thiếu đơn vị chủ trì');
    else if (lead.unknown.length) err('Đơn vị chủ trì', `Không nhận ra đơn vị: ${lead.unknown.map((u) => `"${u}"`).join(', ')}`);
    else if (!lead.orgIds.length) err('Đơn vị chủ trì', `Chưa có đơn vị nào trên hệ thống thuộc "${leadText}" để báo cáo tiến độ`);
    if (partner.unknown.length) err('Đơn vị phối hợp', `Không nhận ra đơn vị: ${partner.unknown.map((u) => `"${u}"`).join(', ')}`);
    const section = sectionText ? sections.get(fold(sectionText)) : undefined;
    if (sectionText && !section) err('Mục', `Kế hoạch không có mục "${sectionText}"`);
    if (errors.length) continue;
    const asg = {
      leadText, leadKeys: [], partnerText: partnerText || null, partnerKeys: [], timeText,
      window: window!, deliverables: cell(values, 'deliverables').split(/\n|;/).map((x) => x.trim()).filter(Boolean),
      resolved: { lead: { orgIds: lead.orgIds, groupKeys: lead.groupKeys }, partner: { orgIds: partner.orgIds, groupKeys: partner.groupKeys } },
    };
    if (continues) prev.assignments.push(asg);
    else tasks.push({ number, sectionCode: section?.code ?? null, content: content!, legalBasis: cleanText(cell(values, 'legal')), notes: cleanText(cell(values, 'notes')), budget: null, assignments: [asg] });
  }
  if (errors.length) throw invalid(`Tệp có ${new Set(errors.map((e) => e.row)).size} dòng lỗi; chưa ghi dữ liệu nào`, errors);
  if (!tasks.length) throw invalid('Tệp không có dòng dữ liệu nào', [{ row: 2, column: null, message: 'Không có dữ liệu' }]);
  const pos = await repo.nextTaskPosition(db, p.id);
  await db.tx(async (t) => {
    const sectionIds = new Map((await repo.sections(t, p.id)).map((s) => [s.code, s.id]));
    await insertTasks(t, p.id, tasks, sectionIds, m, pos);
    await fillCountableTargets(t);
    await auditMany(t, actor, tasks.map((tk) => ({ entity: 'plan_task', entityId: `${p.key}:${tk.number}`, action: 'import_create', after: { number: tk.number, content: tk.content, assignments: tk.assignments.map((a) => ({ lead: a.leadText, partner: a.partnerText, time: a.timeText })) } })));
  });
  return { created: tasks.length, assignments: tasks.reduce((n, t) => n + t.assignments.length, 0) };
}

/** The evidence of a progress update is read by whoever may read the plan of its task (working documents: accounts only). */
export async function mayReadUpdateFile(db: Db, actor: Actor, updateId: string): Promise<boolean> {
  const p = await repo.planOfUpdate(db, updateId);
  return !!p && can(planPolicy, 'read', actor, { issuerId: p.issuer_id, issuerKind: p.issuer_kind });
}

/**
 * Progress reported before the platform (an import of past reports, the demo), dated as it was
 * reported. Only an organisation that leads the assignment reports on it: other rows are not
 * written. Answers how many were.
 */
export async function recordPastProgress(t: Db, rows: Parameters<typeof repo.insertPastUpdates>[1]): Promise<number> {
  return repo.insertPastUpdates(t, rows.map((u) => ({ ...u, milestone: cleanText(u.milestone), note: cleanLongText(u.note) })));
}

/** Every assignment's window and lead organisations. */
export const assignmentsWithLeads = (db: Db) => repo.assignmentLeads(db);
