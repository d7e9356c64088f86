import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { formData, parseFields, sendTable } from '../../platform/http.js';
import { vnDate } from '../../platform/clock.js';
import { isValidIsoDate } from '../areas/domain.js';
import * as service from './service.js';
import { reportDocx, reportXlsx } from './report.js';
import { ACTIVITY_KINDS, calendar, reportDue } from './domain.js';

const Id = z.object({ id: z.string().uuid('Mã định danh không hợp lệ') });
const Year = z.coerce.number().int().min(2020).max(2100);
const ReportParams = z.object({ level: z.enum(['cluster', 'department']), orgId: z.string().uuid(), year: Year });
const STATUS_LABEL: Record<string, string> = { active: 'Đang kết nghĩa', paused: 'Tạm dừng', ended: 'Đã kết thúc' };

const ActivityFields = z.object({
  heldOn: z.string().refine(isValidIsoDate, 'Ngày phải có dạng YYYY-MM-DD'),
  kind: z.enum(Object.keys(ACTIVITY_KINDS) as [keyof typeof ACTIVITY_KINDS, ...(keyof typeof ACTIVITY_KINDS)[]]),
  subKind: z.string().min(1).max(60), mode: z.enum(['in_person', 'online']).nullable().optional(),
  title: z.string().trim().min(3, 'Cần tên hoạt động').max(300), description: z.string().max(5000).nullable().optional(),
  teachers: z.coerce.number().int().min(0).max(10000).default(0), pupils: z.coerce.number().int().min(0).max(100000).default(0),
  support: z.preprocess((v) => (typeof v === 'string' && v ? JSON.parse(v) : v || null), z.object({
    form: z.enum(['money', 'in_kind']), valueVnd: z.number().int().min(0).max(1e13), quantity: z.number().positive().nullable().optional(), unit: z.string().max(50).nullable().optional(), description: z.string().max(500).nullable().optional(),
  }).nullable()).optional(),
});

export async function twinningRoutes(app: App): Promise<void> {
  const tags = ['Kết nghĩa'];
  const thisYear = () => Number(vnDate(app.clock.now()).slice(0, 4));

  app.get('/api/v1/twinning/pairs', {
    schema: { tags, summary: 'Các cặp kết nghĩa với hai trường, tỉnh, trạng thái và số hoạt động năm nay (JSON hoặc CSV)', querystring: z.object({ year: Year.optional(), status: z.enum(['active', 'paused', 'ended']).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional(), clusterId: z.string().uuid().optional(), schoolId: z.string().uuid().optional(), format: z.enum(['json', 'csv']).default('json') }) },
  }, async (req, reply) => {
    const { format, year, ...f } = req.query;
    const y = year ?? thisYear();
    const items = await service.listPairs(app.db, { ...f, year: y });
    if (format === 'csv') {
      return sendTable(reply, 'csv', 'cap-ket-nghia', 'Cặp kết nghĩa', [
        { header: 'Mã cặp', value: (p: service.Pair) => p.id }, { header: 'Đơn vị Hà Nội', value: (p) => p.hanoiSide }, { header: 'Tỉnh (Hà Nội)', value: () => 'Hà Nội' },
        { header: 'Cụm trường', value: (p) => p.hanoiClusterName }, { header: 'Trường kết nghĩa', value: (p) => p.borderSchoolName }, { header: 'Xã', value: (p) => p.borderCommuneName },
        { header: 'Tỉnh', value: (p) => p.borderProvinceName }, { header: 'Mã tỉnh', value: (p) => p.borderProvinceCode }, { header: 'Từ năm', value: (p) => p.startYear },
        { header: 'Trạng thái', value: (p) => STATUS_LABEL[p.status] }, { header: `Số hoạt động năm ${y}`, value: (p) => p.activitiesThisYear },
      ], (async function* () { yield items; })());
    }
    return { year: y, items };
  });
  app.post('/api/v1/twinning/pairs', {
    schema: { tags, summary: 'Sở GDĐT Hà Nội ghép cặp một trường (hoặc một cụm) Hà Nội với một trường ở xã biên giới', body: z.object({ hanoiSchoolId: z.string().uuid().nullable().optional(), hanoiClusterId: z.string().uuid().nullable().optional(), borderSchoolId: z.string().uuid(), startYear: Year, note: z.string().max(1000).nullable().optional() }) },
  }, async (req, reply) => reply.status(201).send(await service.createPair(app.db, req.actor, req.body)));
  app.get('/api/v1/twinning/pairs/:id', { schema: { tags, summary: 'Một cặp: lịch sử, kế hoạch năm, hoạt động', params: Id, querystring: z.object({ year: Year.optional() }) } },
    async (req) => service.getPair(app.db, req.actor, app.clock, req.params.id, req.query.year));
  app.post('/api/v1/twinning/pairs/:id/status', { schema: { tags, summary: 'Tạm dừng, tiếp tục hoặc kết thúc cặp kết nghĩa', params: Id, body: z.object({ status: z.enum(['active', 'paused', 'ended']), reason: z.string().max(1000).nullable().optional() }) } },
    async (req) => service.setPairStatus(app.db, req.actor, app.clock, req.params.id, req.body.status, req.body.reason ?? null));
  app.get('/api/v1/twinning/suggestions', { schema: { tags, summary: 'Gợi ý trường kết nghĩa: cùng cấp học trước, ít cặp kết nghĩa trước', querystring: z.object({ hanoiSchoolId: z.string().uuid(), provinceCode: z.string().regex(/^\d{2}$/).optional() }) } },
    async (req) => ({ items: await service.suggestions(app.db, req.query.hanoiSchoolId, req.query.provinceCode) }));
  app.put('/api/v1/twinning/pairs/:id/plans/:year', {
    schema: { tags, summary: 'Kế hoạch năm của cặp, theo các nội dung của mục II', params: z.object({ id: z.string().uuid(), year: Year }), body: z.object({ items: z.array(z.object({ kind: z.string(), subKind: z.string(), description: z.string().max(1000), month: z.number().int().min(1).max(12).nullable().optional() })).max(50), note: z.string().max(3000).nullable().optional() }) },
  }, async (req) => service.savePlan(app.db, req.actor, req.params.id, req.params.year, req.body.items, req.body.note ?? null));
  app.post('/api/v1/twinning/pairs/:id/activities', {
    schema: { tags, summary: 'Ghi hoạt động của cặp (kèm ảnh, tệp); hỗ trợ vật chất có giá trị được ghi vào sổ đóng góp', params: Id, consumes: ['application/json', 'multipart/form-data'] },
  }, async (req, reply) => {
    const { fields, files } = await formData(req);
    return reply.status(201).send(await service.logActivity(app.db, req.actor, req.params.id, parseFields(ActivityFields, fields), files));
  });
  app.post('/api/v1/twinning/activities/:id/confirm', { schema: { tags, summary: 'Trường nhận xác nhận hoạt động (kèm ảnh); khoản hỗ trợ chuyển sang "trường đã nhận"', params: Id, consumes: ['application/json', 'multipart/form-data'] } }, async (req) => {
    const { fields, files } = await formData(req);
    return service.confirmActivity(app.db, req.actor, req.params.id, fields.note ?? null, files);
  });
  app.get('/api/v1/twinning/compliance', { schema: { tags, summary: 'Các cặp chưa có hoạt động trong năm, theo cụm và theo tỉnh; lịch của năm', querystring: z.object({ year: Year.optional() }) } },
    async (req) => service.compliance(app.db, req.query.year ?? thisYear()));
  app.post('/api/v1/twinning/compliance/remind', { schema: { tags, summary: 'Nhắc các trường có cặp chưa có hoạt động', body: z.object({ year: Year }) } },
    async (req) => service.remind(app.db, req.actor, req.body.year));
  app.get('/api/v1/twinning/calendar', { schema: { tags, summary: 'Lộ trình của năm (mục IV kế hoạch)', querystring: z.object({ year: Year.optional() }) } }, async (req) => {
    const y = req.query.year ?? thisYear();
    return { year: y, phases: calendar(y), reportDue: reportDue(y) };
  });
  app.get('/api/v1/twinning/reports/:level/:orgId/:year', { schema: { tags, summary: 'Báo cáo năm của cụm trường hoặc của Sở: số liệu tự tổng hợp và phần nhận định', params: ReportParams } },
    async (req) => service.getReport(app.db, req.actor, req.params.level, req.params.orgId, req.params.year));
  app.put('/api/v1/twinning/reports/:level/:orgId/:year', {
    schema: { tags, summary: 'Lưu (hoặc gửi, submit=true) báo cáo năm', params: ReportParams, body: z.object({ narrative: z.object({ results: z.string().max(10000).default(''), quality: z.string().max(10000).default(''), difficulties: z.string().max(10000).default(''), proposals: z.string().max(10000).default('') }), submit: z.boolean().default(false) }) },
  }, async (req) => service.saveReport(app.db, req.actor, app.clock, req.params.level, req.params.orgId, req.params.year, req.body.narrative, req.body.submit));
  app.get('/api/v1/twinning/reports/:level/:orgId/:year/document', { schema: { tags, summary: 'Báo cáo .docx (Nghị định 30/2020) hoặc .xlsx', params: ReportParams, querystring: z.object({ format: z.enum(['docx', 'xlsx']).default('docx') }) } }, async (req, reply) => {
    const { level, orgId, year } = req.params;
    const r = req.query.format === 'xlsx' ? await reportXlsx(app.db, req.actor, level, orgId, year) : await reportDocx(app.db, req.actor, level, orgId, year, vnDate(app.clock.now()));
    return reply.type(req.query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('Content-Disposition', `attachment; filename="${r.filename}"`).send(r.buffer);
  });
  app.get('/api/v1/twinning/submissions', { schema: { tags, summary: 'Tình hình gửi báo cáo: ai đã gửi, ai chậm', querystring: z.object({ year: Year.optional() }) } },
    async (req) => ({ items: await service.submissions(app.db, req.actor, app.clock, req.query.year ?? thisYear()) }));
  app.get('/api/v1/twinning/dashboard', { schema: { tags, summary: 'Bảng theo dõi của Sở: cặp trên bản đồ, theo cụm và tỉnh, hoạt động theo loại, hỗ trợ, tuân thủ, báo cáo', querystring: z.object({ year: Year.optional() }) } },
    async (req) => service.dashboard(app.db, req.actor, app.clock, req.query.year ?? thisYear()));
  app.get('/api/v1/twinning/focal-points', { schema: { tags, summary: 'Đầu mối liên hệ của bốn Sở (vai trò, không phải cá nhân)' } }, async () => ({ items: await service.focalPoints(app.db) }));
}
