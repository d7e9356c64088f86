import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { formData, parseFields, sendTable, uploadedFile } from '../../platform/http.js';
import { unauthorized } from '../../platform/errors.js';
import { readTable } from '../../platform/tabular.js';
import * as service from './service.js';
import { planReportDocx, planReportXlsx } from './report.js';
import { STATUS_LABELS, TASK_STATUSES } from './domain.js';
import { isValidIsoDate } from '../areas/domain.js';
import { runReminders } from './reminders.js';
import { forbidden } from '../../platform/errors.js';

const AsOf = z.string().refine(isValidIsoDate, 'Ngày phải có dạng YYYY-MM-DD').optional();
const IdOrKey = z.object({ id: z.string().min(1).max(100) });
const vn = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

const safeJson = (s: string): unknown => { try { return JSON.parse(s); } catch { return null; } };

type TaskRow = { section: string; number: string; content: string; leads: string; partners: string; time: string; deliverables: string; status: string; from: string; to: string };

export async function planRoutes(app: App): Promise<void> {
  const tags = ['Kế hoạch, nhiệm vụ'];
  const asOfOf = (q: { asOf?: string }) => q.asOf ?? service.today(app.clock);

  app.get('/api/v1/plans', {
    schema: { tags, summary: 'Các kế hoạch, quyết định và tình hình thực hiện (trạng thái tính tại ngày asOf, mặc định hôm nay)', querystring: z.object({ asOf: AsOf, format: z.enum(['json', 'csv', 'xlsx']).default('json') }) },
  }, async (req, reply) => {
    const plans = await service.listPlans(app.db, req.actor, asOfOf(req.query));
    if (req.query.format !== 'json') {
      return sendTable(reply, req.query.format, 'ke-hoach', 'Kế hoạch', [
        { header: 'Số, ký hiệu', value: (p: (typeof plans)[number]) => p.number, width: 18 },
        { header: 'Trích yếu', value: (p) => p.title, width: 70 },
        { header: 'Cơ quan ban hành', value: (p) => p.issuer.name, width: 30 },
        { header: 'Ngày ký', value: (p) => vn(p.signedOn), width: 12 },
        { header: 'Số nhiệm vụ', value: (p) => p.taskCount, width: 12 },
        ...TASK_STATUSES.map((s) => ({ header: STATUS_LABELS[s], value: (p: (typeof plans)[number]) => p.statusTally[s], width: 14 })),
      ], (async function* () { yield plans; })());
    }
    return { items: plans };
  });

  app.get('/api/v1/plans/:id', { schema: { tags, summary: 'Một kế hoạch: mục, mục tiêu – chỉ tiêu, tiến độ theo mục và theo đơn vị', params: IdOrKey, querystring: z.object({ asOf: AsOf }) } },
    async (req) => service.planDetail(app.db, req.actor, req.params.id, asOfOf(req.query)));

  app.get('/api/v1/plans/:id/tasks', {
    schema: {
      tags, summary: 'Nhiệm vụ của kế hoạch (JSON, hoặc CSV/XLSX: mỗi dòng một nhiệm vụ với mục, số, nội dung, đơn vị chủ trì, phối hợp, thời gian, sản phẩm, trạng thái)',
      params: IdOrKey,
      querystring: z.object({ asOf: AsOf, section: z.string().max(40).optional(), q: z.string().max(200).optional(), status: z.enum(TASK_STATUSES).optional(), unitId: z.string().uuid().optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
    },
  }, async (req, reply) => {
    const { asOf: _a, format, section, ...f } = req.query;
    const r = await service.planTasks(app.db, req.actor, req.params.id, { ...f, sectionCode: section }, asOfOf(req.query));
    if (format === 'json') return r;
    const rows: TaskRow[] = r.tasks.map((t) => {
      const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].join('\n');
      return {
        section: t.sectionCode ? `${t.sectionCode}. ${t.sectionTitle ?? ''}` : '', number: t.number, content: t.content,
        leads: uniq(t.assignments.map((a) => a.leadText)), partners: uniq(t.assignments.map((a) => a.partnerText)),
        time: uniq(t.assignments.map((a) => a.timeText)), deliverables: uniq(t.assignments.flatMap((a) => a.deliverables)),
        status: STATUS_LABELS[t.status], from: vn(t.assignments.map((a) => a.window.from).sort()[0]),
        to: vn(t.assignments.map((a) => a.window.due ?? a.window.to).sort().at(-1) ?? null),
      };
    });
    return sendTable(reply, format, `nhiem-vu-${r.plan.key}`, 'Nhiệm vụ', [
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
    ], (async function* () { yield rows; })());
  });

  app.post('/api/v1/plans/:id/tasks/import', {
    schema: { tags, summary: 'Nhập nhiệm vụ từ .xlsx/.csv với các cột của phụ lục (TT, Nội dung, Thời gian, Đơn vị chủ trì, Đơn vị phối hợp, Sản phẩm)', params: IdOrKey, consumes: ['multipart/form-data'] },
  }, async (req) => {
    const f = await uploadedFile(req);
    return service.importTasks(app.db, req.actor, req.params.id, await readTable(f.filename, f.data, 5000));
  });

  app.get('/api/v1/plans/:id/report', {
    schema: { tags, summary: 'Báo cáo tiến độ kế hoạch tại một ngày: .docx theo thể thức Nghị định 30/2020/NĐ-CP hoặc .xlsx', params: IdOrKey, querystring: z.object({ asOf: AsOf, format: z.enum(['docx', 'xlsx']).default('docx') }) },
  }, async (req, reply) => {
    const asOf = asOfOf(req.query);
    const r = req.query.format === 'xlsx' ? await planReportXlsx(app.db, req.actor, req.params.id, asOf) : await planReportDocx(app.db, req.actor, req.params.id, asOf);
    return reply
      .type(req.query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename="${r.filename}"`)
      .send(r.buffer);
  });

  app.get('/api/v1/tasks/mine', {
    schema: { tags, summary: 'Nhiệm vụ của đơn vị tôi trên mọi kế hoạch', querystring: z.object({ asOf: AsOf, role: z.enum(['lead', 'any']).default('lead'), organisationId: z.string().uuid().optional() }) },
  }, async (req) => {
    const orgId = req.query.organisationId ?? req.actor.organisationId;
    if (!orgId) throw unauthorized();
    return { items: await service.unitTasks(app.db, req.actor, orgId, req.query.role, asOfOf(req.query)) };
  });

  app.post('/api/v1/tasks/reminders/run', { schema: { tags, summary: 'Chạy đôn đốc ngay (quản trị): mỗi đơn vị chủ trì nhận một thông báo tổng hợp' } }, async (req) => {
    if (req.actor.role !== 'admin') throw req.actor.userId ? forbidden() : unauthorized();
    return runReminders(app.db, app.clock, app.mailer);
  });

  app.get('/api/v1/tasks/overdue', { schema: { tags, summary: 'Nhiệm vụ quá hạn', querystring: z.object({ asOf: AsOf, planId: z.string().uuid().optional() }) } },
    async (req) => ({ items: await service.overdue(app.db, req.actor, asOfOf(req.query), req.query.planId) }));

  app.get('/api/v1/tasks/:id', { schema: { tags, summary: 'Một nhiệm vụ, các dòng giao việc, tiến độ và minh chứng', params: z.object({ id: z.string().uuid() }), querystring: z.object({ asOf: AsOf }) } },
    async (req) => service.taskDetail(app.db, req.actor, req.params.id, asOfOf(req.query)));

  app.post('/api/v1/assignments/:id/updates', {
    schema: { tags, summary: 'Đơn vị chủ trì báo cáo tiến độ (multipart: state, percent, milestone, note, deliverables, period, và tệp minh chứng "files")', params: z.object({ id: z.string().uuid() }), consumes: ['multipart/form-data', 'application/json'] },
  }, async (req, reply) => {
    const { fields, files } = await formData(req);
    const Input = z.object({
      state: z.enum(['in_progress', 'done', 'blocked'], { message: 'Trạng thái phải là in_progress, done hoặc blocked' }),
      percent: z.coerce.number().int().min(0, 'Tỷ lệ từ 0 đến 100').max(100, 'Tỷ lệ từ 0 đến 100').nullable().optional(),
      milestone: z.string().max(500).nullable().optional(),
      note: z.string().max(5000).nullable().optional(),
      deliverables: z.union([z.array(z.string().max(500)), z.string().max(5000)]).optional(),
      period: z.string().max(10).nullable().optional(),
      organisationId: z.string().uuid().nullable().optional(),
    });
    const input = parseFields(Input, { ...fields, percent: fields.percent === '' || fields.percent === undefined ? undefined : fields.percent });
    // one per line from a form; a JSON body's array arrives as JSON text
    const raw = input.deliverables;
    const deliverables = typeof raw !== 'string' ? raw : raw.trim().startsWith('[') ? z.array(z.string().max(500)).catch([]).parse(safeJson(raw)) : raw.split('\n').filter(Boolean);
    const r = await service.postUpdate(app.db, req.actor, app.clock, req.params.id, { ...input, deliverables }, files);
    return reply.status(201).send(r);
  });

  app.post('/api/v1/targets/:id/measurements', {
    schema: { tags, summary: 'Ghi giá trị đo được của một chỉ tiêu', params: z.object({ id: z.string().uuid() }), body: z.object({ value: z.number(), measuredOn: z.string().refine(isValidIsoDate, 'Ngày phải có dạng YYYY-MM-DD'), note: z.string().max(1000).nullable().optional() }) },
  }, async (req, reply) => reply.status(201).send(await service.recordMeasurement(app.db, req.actor, req.params.id, req.body)));

  app.get('/api/v1/targets/:id/measurements', { schema: { tags, summary: 'Các giá trị đo của một chỉ tiêu theo thời gian', params: z.object({ id: z.string().uuid() }) } }, async (req) => {
    if (!req.actor.userId) throw unauthorized();
    return { items: await service.measurements(app.db, req.params.id) };
  });

}
