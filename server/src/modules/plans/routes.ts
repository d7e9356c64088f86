import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router, theUpload } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { IMPORT_FILE_SIZE, readTable } from '../../platform/tabular.js';
import { authorize } from '../../platform/policy.js';
import { plansApi as api, type PlanSummary } from '../../../../contracts/plans.js';
import * as service from './service.js';
import { planReportDocx, planReportXlsx } from './report.js';
import { STATUS_LABELS, TASK_STATUSES } from './domain.js';
import { runReminders } from './reminders.js';
import { mayIssuePlans, taskListPolicy } from './policy.js';

const vn = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const safeJson = (s: string): unknown => { try { return JSON.parse(s); } catch { return null; } };

/** Deliverables arrive one per line from a form; a JSON body's array arrives as JSON text. */
function deliverablesOf(raw: string | string[] | undefined): string[] | undefined {
  if (typeof raw !== 'string') return raw;
  return raw.trim().startsWith('[') ? z.array(z.string().max(500)).catch([]).parse(safeJson(raw)) : raw.split('\n').filter(Boolean);
}

type TaskRow = { section: string; number: string; content: string; leads: string; partners: string; time: string; deliverables: string; status: string; from: string; to: string };

function taskRow(t: service.TaskView): TaskRow {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].join('\n');
  return {
    section: t.sectionCode ? `${t.sectionCode}. ${t.sectionTitle ?? ''}` : '', number: t.number, content: t.content,
    leads: uniq(t.assignments.map((a) => a.leadText)), partners: uniq(t.assignments.map((a) => a.partnerText)),
    time: uniq(t.assignments.map((a) => a.timeText)), deliverables: uniq(t.assignments.flatMap((a) => a.deliverables)),
    status: STATUS_LABELS[t.status], from: vn(t.assignments.map((a) => a.window.from).sort()[0]),
    to: vn(t.assignments.map((a) => a.window.due ?? a.window.to).sort().at(-1) ?? null),
  };
}

export async function planRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('task_update', (db, actor, id) => service.mayReadUpdateFile(db, actor, id));
  const asOfOf = (q: { asOf?: string }) => q.asOf ?? service.today(app.clock);

  r(api.list, async (req, reply) => {
    const plans = await service.listPlans(app.db, req.actor, asOfOf(req.query));
    if (req.query.format === 'json') return { items: plans };
    return sendTable(reply, req.query.format, 'ke-hoach', 'Kế hoạch', [
      { header: 'Số, ký hiệu', value: (p: PlanSummary) => p.number, width: 18 },
      { header: 'Trích yếu', value: (p) => p.title, width: 70 },
      { header: 'Cơ quan ban hành', value: (p) => p.issuer.name, width: 30 },
      { header: 'Ngày ký', value: (p) => vn(p.signedOn), width: 12 },
      { header: 'Số nhiệm vụ', value: (p) => p.taskCount, width: 12 },
      ...TASK_STATUSES.map((s) => ({ header: STATUS_LABELS[s], value: (p: PlanSummary) => p.statusTally[s], width: 14 })),
    ], (async function* () { yield plans as PlanSummary[]; })());
  });

  r(api.get, async (req) => service.planDetail(app.db, req.actor, req.params.id, asOfOf(req.query)));

  r(api.tasks, async (req, reply) => {
    const { asOf: _a, format, section, cursor, limit, ...f } = req.query;
    const { plan, tasks } = await service.planTasks(app.db, req.actor, req.params.id, { ...f, sectionCode: section }, asOfOf(req.query));
    if (format === 'json') return service.pageTasks(tasks, { cursor, limit });
    return sendTable(reply, format, `nhiem-vu-${plan.key}`, 'Nhiệm vụ', [
      { header: 'Mục', value: (x: TaskRow) => x.section, width: 30 },
      { header: 'TT', value: (x) => x.number, width: 8 },
      { header: 'Nội dung', value: (x) => x.content, width: 70 },
      { header: 'Đơn vị chủ trì', value: (x) => x.leads, width: 30 },
      { header: 'Đơn vị phối hợp', value: (x) => x.partners, width: 30 },
      { header: 'Thời gian', value: (x) => x.time, width: 18 },
      { header: 'Từ ngày', value: (x) => x.from, width: 12 },
      { header: 'Hạn', value: (x) => x.to, width: 12 },
      { header: 'Sản phẩm', value: (x) => x.deliverables, width: 40 },
      { header: 'Trạng thái', value: (x) => x.status, width: 16 },
    ], (async function* () { yield tasks.map(taskRow); })());
  });

  r(api.importTasks, async (req) => {
    const f = theUpload(req);
    return service.importTasks(app.db, req.actor, req.params.id, await readTable(f.filename, f.data, 5000));
  }, { allow: mayIssuePlans, files: 1, fileSize: IMPORT_FILE_SIZE });

  r(api.report, async (req, reply) => {
    const asOf = asOfOf(req.query);
    const xlsx = req.query.format === 'xlsx';
    const out = xlsx ? await planReportXlsx(app.db, req.actor, req.params.id, asOf) : await planReportDocx(app.db, req.actor, req.params.id, asOf);
    return reply
      .type(xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename="${out.filename}"`)
      .send(out.buffer);
  });

  r(api.mine, async (req) => {
    const { asOf: _a, role, organisationId, status, cursor, limit } = req.query;
    const tasks = await service.unitTasks(app.db, req.actor, organisationId, role, asOfOf(req.query));
    return service.pageTasks(status ? tasks.filter((t) => t.status === status) : tasks, { cursor, limit });
  });

  r(api.runReminders, async (req) => {
    authorize(taskListPolicy, 'runReminders', req.actor, null);
    return runReminders(app.db, app.clock);
  });

  r(api.overdue, async (req) => service.overdue(app.db, req.actor, asOfOf(req.query), req.query.planId, req.query));

  r(api.task, async (req) => service.taskDetail(app.db, req.actor, req.params.id, asOfOf(req.query)));

  r(api.postUpdate, async (req, reply) => {
    const input = { ...req.body, deliverables: deliverablesOf(req.body.deliverables) };
    return reply.status(201).send(await service.postUpdate(app.db, req.actor, app.clock, req.params.id, input, req.uploads));
  });

  r(api.recordMeasurement, async (req, reply) => reply.status(201).send(await service.recordMeasurement(app.db, req.actor, req.params.id, req.body)));

  r(api.measurements, async (req) => ({ items: await service.measurements(app.db, req.actor, req.params.id) }));

}
