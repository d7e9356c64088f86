import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { formData, parseFields, sendTable } from '../../platform/http.js';
import { setSessionCookie } from '../../platform/auth.js';
import { fold } from '../../platform/text.js';
import { AREA_FLAGS, SCHOOL_LEVELS } from '../../../../contracts/common.js';
import { FORMS, NEED_CATEGORIES, PRIORITIES, NEED_STATUS_LABELS, FORM_LABELS, NEED_CATEGORY_LABELS, type NeedCategory, type ContributionForm } from './domain.js';
import * as needs from './needs.js';
import * as ledger from './ledger.js';
import * as donors from './donors.js';
import * as agreements from './agreements.js';
import * as portal from './portal.js';
import * as plan29 from './plan29.js';
import { isValidIsoDate } from '../areas/domain.js';

const Id = z.object({ id: z.string().uuid('Mã định danh không hợp lệ') });
const IsoDate = z.string().refine(isValidIsoDate, 'Ngày phải có dạng YYYY-MM-DD');
const vnd = z.number().int('Số tiền là số nguyên (đồng)').min(0).max(1e15);


const NeedQuery = z.object({
  scope: z.enum(['public', 'mine']).default('public'),
  status: z.enum(['draft', 'submitted', 'returned', 'verified', 'published', 'accepted', 'closed', 'withdrawn']).optional(),
  open: z.enum(['true', 'false']).optional(),
  provinceCode: z.string().regex(/^\d{2}$/).optional(), communeCode: z.string().regex(/^\d{5}$/).optional(), category: z.enum(NEED_CATEGORIES).optional(),
  level: z.enum(SCHOOL_LEVELS).optional(), flag: z.enum(AREA_FLAGS).optional(), schoolId: z.string().uuid().optional(), q: z.string().max(200).optional(),
  sort: z.enum(['urgency', 'remaining', 'recent']).default('urgency'), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(30),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

const SurveyBody = z.object({
  classroomsSolid: z.number().int().min(0), classroomsSemiSolid: z.number().int().min(0), classroomsTemporary: z.number().int().min(0), classroomsLacking: z.number().int().min(0),
  subjectRooms: z.number().int().min(0), subjectRoomsLacking: z.number().int().min(0), toiletsTotal: z.number().int().min(0), toiletsStandard: z.number().int().min(0),
  toiletsImproved: z.boolean(), toiletsSingleSex: z.boolean(), toiletsUsable: z.boolean(),
  waterSource: z.enum(['piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none']), waterAvailable: z.boolean(),
  handwashing: z.enum(['water_soap', 'water_only', 'none']), electricity: z.enum(['grid', 'solar', 'none']), roadAccess: z.enum(['paved', 'dirt', 'seasonal', 'none']),
  boardingPlaces: z.number().int().min(0), semiBoardingPlaces: z.number().int().min(0), kitchen: z.boolean(), teachingEquipment: z.enum(['sufficient', 'partial', 'lacking']),
  computers: z.number().int().min(0), internet: z.boolean(), note: z.string().max(2000).nullable().optional(),
});

export async function resourceRoutes(app: App): Promise<void> {
  const tags = ['Kết nối nguồn lực'];

  // ---------- facility surveys ----------
  app.get('/api/v1/schools/:id/surveys', { schema: { tags, summary: 'Khảo sát cơ sở vật chất của trường theo năm học (mức dịch vụ nước, vệ sinh, rửa tay theo thang JMP)', params: Id } },
    async (req) => ({ items: await needs.surveys(app.db, req.params.id) }));
  app.put('/api/v1/schools/:id/surveys/:schoolYear', {
    schema: { tags, summary: 'Ghi khảo sát cơ sở vật chất của một năm học', params: z.object({ id: z.string().uuid(), schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'Năm học có dạng 2026-2027') }), body: SurveyBody },
  }, async (req) => needs.saveSurvey(app.db, req.actor, req.params.id, req.params.schoolYear, req.body));
  app.get('/api/v1/surveys/points', { schema: { tags, summary: 'Lớp bản đồ: mức dịch vụ nước, vệ sinh, rửa tay của các trường', querystring: z.object({ schoolYear: z.string().regex(/^\d{4}-\d{4}$/).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional() }) } },
    async (req) => needs.surveyPoints(app.db, req.query));

  // ---------- needs ----------
  app.get('/api/v1/needs', { schema: { tags, summary: 'Nhu cầu ("điều ước"): công khai với mọi người khi đã công bố; lọc theo tỉnh, xã, hạng mục, cấp học, đặc điểm địa bàn; tìm không dấu; sắp theo mức cấp thiết hoặc giá trị còn thiếu', querystring: NeedQuery } }, async (req, reply) => {
    const { format, status, open, cursor, limit, sort, ...f } = req.query;
    const filter = { ...f, states: status ? [status] : undefined, open: open === 'true' };
    if (format !== 'json') {
      return sendTable(reply, format, 'nhu-cau', 'Nhu cầu', [
        { header: 'Trường', value: (n: needs.Need) => n.schoolName, width: 36 }, { header: 'Tỉnh', value: (n) => n.provinceName, width: 16 },
        { header: 'Xã', value: (n) => n.communeName, width: 22 }, { header: 'Hạng mục', value: (n) => NEED_CATEGORY_LABELS[n.category as NeedCategory], width: 24 },
        { header: 'Nội dung', value: (n) => n.title, width: 40 }, { header: 'Số lượng', value: (n) => n.quantity, width: 10 }, { header: 'Đơn vị', value: (n) => n.unit, width: 10 },
        { header: 'Kinh phí ước tính (đồng)', value: (n) => n.estimatedCost, width: 18 }, { header: 'Đã cam kết (đồng)', value: (n) => n.pledgedValue, width: 18 },
        { header: 'Còn thiếu (số lượng)', value: (n) => n.remainingQuantity, width: 14 }, { header: 'Còn thiếu (đồng)', value: (n) => n.remainingValue, width: 18 },
        { header: 'Trạng thái', value: (n) => NEED_STATUS_LABELS[n.status], width: 20 },
      ], needs.allNeeds(app.db, req.actor, filter));
    }
    return needs.listNeeds(app.db, req.actor, { ...filter, sort, cursor, limit });
  });
  app.get('/api/v1/needs/points', { schema: { tags, summary: 'Nhu cầu trên bản đồ (đang kêu gọi, đã có cam kết, đã đáp ứng)', querystring: NeedQuery.pick({ provinceCode: true, communeCode: true, category: true, level: true, flag: true, status: true, q: true, open: true }) } },
    async (req) => {
      const { status, open, q, ...f } = req.query;
      return needs.needPoints(app.db, req.actor, { ...f, q: q ? fold(q) || undefined : undefined, open: open === 'true', states: status ? [status] : undefined });
    });
  app.get('/api/v1/needs/:id', { schema: { tags, summary: 'Một nhu cầu: ảnh, tiến độ, cam kết, lịch sử', params: Id } }, async (req) => needs.getNeed(app.db, req.actor, req.params.id));
  const NeedBody = z.object({
    schoolId: z.string().uuid(), category: z.enum(NEED_CATEGORIES), title: z.string().trim().min(3, 'Nội dung quá ngắn').max(300), description: z.string().max(5000).nullable().optional(),
    quantity: z.number().positive('Số lượng phải lớn hơn 0').max(1e9), unit: z.string().trim().min(1, 'Cần đơn vị tính').max(50), estimatedCost: vnd, priority: z.enum(PRIORITIES),
  });
  app.post('/api/v1/needs', { schema: { tags, summary: 'Trường (hoặc Sở thay trường) ghi nhu cầu, ở trạng thái nháp', body: NeedBody } }, async (req, reply) => reply.status(201).send(await needs.createNeed(app.db, req.actor, req.body)));
  app.patch('/api/v1/needs/:id', { schema: { tags, summary: 'Sửa nhu cầu nháp hoặc bị trả lại', params: Id, body: NeedBody.omit({ schoolId: true }).partial() } }, async (req) => needs.editNeed(app.db, req.actor, req.params.id, req.body));
  app.post('/api/v1/needs/:id/photos', { schema: { tags, summary: 'Thêm ảnh (JPG, PNG, WEBP; tối đa 5 MB mỗi ảnh, 10 ảnh)', params: Id, consumes: ['multipart/form-data'] } }, async (req, reply) => {
    const { files } = await formData(req);
    return reply.status(201).send({ items: await needs.addPhotos(app.db, req.actor, req.params.id, files) });
  });
  app.post('/api/v1/needs/:id/transitions', {
    schema: { tags, summary: 'Chuyển trạng thái nhu cầu: submit, verify, return (kèm lý do), publish, accept (nghiệm thu, kèm minh chứng), close, withdraw (kèm lý do)', params: Id, consumes: ['application/json', 'multipart/form-data'] },
  }, async (req) => {
    const { fields, files } = await formData(req);
    const body = parseFields(z.object({ action: z.enum(['submit', 'return', 'verify', 'publish', 'accept', 'close', 'withdraw'], { message: 'Thao tác không hợp lệ' }), reason: z.string().max(2000).nullable().optional(), note: z.string().max(2000).nullable().optional() }), fields);
    return needs.transitionNeed(app.db, req.actor, req.params.id, body.action, { reason: body.reason, note: body.note, files });
  });

  // ---------- the ledger ----------
  app.post('/api/v1/contributions', {
    schema: {
      tags, summary: 'Cam kết đóng góp (nhà tài trợ đã thẩm định; Bộ, Sở ghi nhận thay nhà tài trợ). Cam kết cho nhu cầu trừ vào phần còn thiếu',
      body: z.object({
        needId: z.string().uuid().nullable().optional(), schoolId: z.string().uuid().nullable().optional(), contributorId: z.string().uuid().nullable().optional(),
        anonymous: z.boolean().optional(), form: z.enum(FORMS), category: z.enum(NEED_CATEGORIES).nullable().optional(), description: z.string().trim().min(3, 'Cần mô tả').max(1000),
        valueVnd: vnd, quantity: z.number().positive().max(1e9).nullable().optional(), unit: z.string().max(50).nullable().optional(), agreementId: z.string().uuid().nullable().optional(),
        planTaskId: z.string().uuid().nullable().optional(), recipientGroup: z.string().max(200).nullable().optional(), beneficiaryId: z.string().uuid().nullable().optional(),
        pledgedOn: IsoDate.nullable().optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await ledger.pledge(app.db, req.actor, app.clock, req.body)));
  app.get('/api/v1/contributions', {
    schema: { tags, summary: 'Sổ đóng góp trong phạm vi của tôi', querystring: z.object({ needId: z.string().uuid().optional(), schoolId: z.string().uuid().optional(), contributorId: z.string().uuid().optional(), agreementId: z.string().uuid().optional(), status: z.enum(['pledged', 'delivered', 'received', 'accepted', 'cancelled']).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional() }) },
  }, async (req) => ({ items: await ledger.listContributions(app.db, req.actor, req.query) }));
  app.get('/api/v1/contributions/:id', { schema: { tags, summary: 'Một khoản đóng góp và lịch sử trạng thái', params: Id } }, async (req) => ledger.getContribution(app.db, req.actor, req.params.id));
  app.post('/api/v1/contributions/:id/transitions', {
    schema: { tags, summary: 'deliver (bên đóng góp bàn giao), confirm (trường xác nhận đã nhận, kèm ảnh/biên bản), accept (Sở nghiệm thu), cancel (kèm lý do)', params: Id, consumes: ['application/json', 'multipart/form-data'] },
  }, async (req) => {
    const { fields, files } = await formData(req);
    const body = parseFields(z.object({ action: z.enum(['deliver', 'confirm', 'accept', 'cancel'], { message: 'Thao tác không hợp lệ' }), note: z.string().max(2000).nullable().optional(), reason: z.string().max(2000).nullable().optional() }), fields);
    return ledger.transitionContribution(app.db, req.actor, req.params.id, body.action, { note: body.note, reason: body.reason, files });
  });

  // ---------- donors ----------
  app.post('/api/v1/donors/register', {
    schema: {
      tags, summary: 'Nhà tài trợ tự đăng ký (chờ thẩm định); tạo tài khoản và đăng nhập',
      body: z.object({
        organisationName: z.string().trim().min(2, 'Cần tên tổ chức hoặc cá nhân').max(300), donorType: z.enum(donors.DONOR_TYPES), taxCode: z.string().trim().max(20).nullable().optional(),
        country: z.string().length(2).optional(), website: z.string().url('Địa chỉ web không hợp lệ').max(300).nullable().optional(), description: z.string().max(3000).nullable().optional(),
        provinceCode: z.string().regex(/^\d{2}$/).nullable().optional(), anonymousDefault: z.boolean().optional(), email: z.string().trim().email('E-mail không hợp lệ').max(200),
        password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200), displayName: z.string().trim().min(2).max(200),
      }),
    },
  }, async (req, reply) => {
    const { donor, session } = await donors.register(app.db, req.body, req.headers['user-agent']);
    setSessionCookie(reply, session.token, session.expiresAt, (app.config.publicUrl ?? '').startsWith('https://'));
    return reply.status(201).send(donor);
  });
  app.get('/api/v1/donors', { schema: { tags, summary: 'Nhà tài trợ (Bộ, Sở): lọc theo trạng thái thẩm định, loại', querystring: z.object({ vetting: z.enum(['pending', 'approved', 'rejected']).optional(), type: z.enum(donors.DONOR_TYPES).optional(), q: z.string().max(200).optional() }) } },
    async (req) => ({ items: await donors.listDonors(app.db, req.actor, req.query) }));
  app.get('/api/v1/donors/:id', { schema: { tags, summary: 'Hồ sơ nhà tài trợ', params: Id } }, async (req) => donors.getDonor(app.db, req.actor, req.params.id));
  app.patch('/api/v1/donors/:id', { schema: { tags, summary: 'Nhà tài trợ sửa hồ sơ', params: Id, body: z.object({ website: z.string().url().max(300).nullable().optional(), description: z.string().max(3000).nullable().optional(), anonymousDefault: z.boolean().optional() }) } },
    async (req) => donors.editDonor(app.db, req.actor, req.params.id, req.body));
  app.post('/api/v1/donors/:id/vetting', { schema: { tags, summary: 'Thẩm định nhà tài trợ (Ban Quản lý các dự án, Cục Hợp tác quốc tế)', params: Id, body: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string().max(2000).nullable().optional() }) } },
    async (req) => donors.vet(app.db, req.actor, req.params.id, req.body.decision, req.body.reason ?? null));

  // ---------- agreements ----------
  app.get('/api/v1/agreements', { schema: { tags, summary: 'Văn bản ký kết và theo dõi thực hiện: cam kết, đã bàn giao, đã nghiệm thu, chậm tiến độ', querystring: z.object({ donorId: z.string().uuid().optional(), behind: z.enum(['true', 'false']).optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }) } }, async (req, reply) => {
    const items = await agreements.listAgreements(app.db, req.actor, app.clock, { donorId: req.query.donorId, behind: req.query.behind === 'true' });
    if (req.query.format !== 'json') {
      return sendTable(reply, req.query.format, 'van-ban-ky-ket', 'Văn bản ký kết', [
        { header: 'Số', value: (a: agreements.Agreement) => a.code, width: 14 }, { header: 'Tên', value: (a) => a.title, width: 40 }, { header: 'Nhà tài trợ', value: (a) => a.donorName, width: 30 },
        { header: 'Bên ký', value: (a) => a.counterpartName, width: 30 }, { header: 'Ngày ký', value: (a) => a.signedOn, width: 12 }, { header: 'Cam kết (đồng)', value: (a) => a.committedValue, width: 18 },
        { header: 'Đã bàn giao (đồng)', value: (a) => a.deliveredValue, width: 18 }, { header: 'Đã nghiệm thu (đồng)', value: (a) => a.acceptedValue, width: 18 }, { header: 'Chậm tiến độ', value: (a) => (a.behindSchedule ? 'Có' : ''), width: 12 },
      ], (async function* () { yield items; })());
    }
    return { items };
  });
  app.get('/api/v1/agreements/:id', { schema: { tags, summary: 'Một văn bản ký kết', params: Id } }, async (req) => agreements.getAgreement(app.db, req.actor, app.clock, req.params.id));
  app.post('/api/v1/agreements', { schema: { tags, summary: 'Ghi văn bản ký kết với nhà tài trợ đã thẩm định (kèm bản quét, multipart trường "document")', consumes: ['application/json', 'multipart/form-data'] } }, async (req, reply) => {
    const { fields, files } = await formData(req);
    const body = parseFields(z.object({
      code: z.string().max(60).nullable().optional(), title: z.string().trim().min(3).max(300), donorId: z.string().uuid(), counterpartId: z.string().uuid(), scope: z.string().max(3000).nullable().optional(),
      committedValue: z.coerce.number().int().min(0).max(1e15), periodFrom: IsoDate, periodTo: IsoDate, signedOn: IsoDate,
    }), fields);
    return reply.status(201).send(await agreements.createAgreement(app.db, req.actor, app.clock, body, files[0]));
  });

  // ---------- plan 29 ----------
  app.get('/api/v1/programmes/plan29', { schema: { tags, summary: '30 tỉnh mục tiêu của Kế hoạch 29 (như văn bản năm 2021) và 10 tỉnh chọn năm 2021, quy đổi sang tỉnh hiện hành' } }, async () => plan29.provinces(app.db));
  app.get('/api/v1/programmes/plan29/quota', { schema: { tags, summary: 'Kiểm tra định mức chọn: mỗi tỉnh 1 huyện, 20 trường (10 MN, 5 TH, 5 THCS), mỗi trường 1 GV, 1 CBQL, 10 HS nhận quà', querystring: z.object({ year: z.coerce.number().int().min(2021).max(2030).default(2021) }) } },
    async (req) => ({ items: await plan29.quota(app.db, req.query.year) }));
  app.put('/api/v1/programmes/plan29/selection', { schema: { tags, summary: 'Chọn huyện và trường của một tỉnh cho một năm', body: z.object({ year: z.number().int().min(2021).max(2030), oldProvinceCode: z.string().regex(/^\d{2}$/), oldDistrictCode: z.string().regex(/^\d{3}$/), schoolIds: z.array(z.string().uuid()).max(100) }) } },
    async (req) => ({ items: await plan29.select(app.db, req.actor, req.body) }));
  app.get('/api/v1/schools/:id/beneficiaries', { schema: { tags, summary: 'Học sinh, giáo viên nhận quà (chỉ trường và Sở xem được)', params: Id } }, async (req) => ({ items: await plan29.listBeneficiaries(app.db, req.actor, req.params.id) }));
  app.post('/api/v1/schools/:id/beneficiaries', { schema: { tags, summary: 'Thêm người nhận quà (học sinh cần có sự đồng ý của cha mẹ)', params: Id, body: z.object({ kind: z.enum(['pupil', 'teacher', 'manager']), fullName: z.string().trim().min(2).max(200), birthYear: z.number().int().min(1940).max(2030).nullable().optional(), grade: z.string().max(20).nullable().optional(), consentRecorded: z.boolean() }) } },
    async (req, reply) => reply.status(201).send(await plan29.addBeneficiary(app.db, req.actor, req.params.id, req.body)));

  // ---------- coordination dashboard ----------
  app.get('/api/v1/dashboard/resources', { schema: { tags, summary: 'Bảng điều phối: nhu cầu theo tỉnh và hạng mục, cam kết, bàn giao, nghiệm thu, văn bản ký kết, nhà tài trợ chờ thẩm định', querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional() }) } },
    async (req) => portal.dashboard(app.db, req.actor, app.clock, req.query.provinceCode));

  // ---------- the public portal (no account) ----------
  const PublicQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional(), category: z.enum(NEED_CATEGORIES).optional(), needId: z.string().uuid().optional() });
  const ptags = ['Cổng công khai'];
  app.get('/api/v1/public/stats', { schema: { tags: ptags, summary: 'Tổng đóng góp theo năm, tỉnh, hạng mục, hình thức (tổng của đúng các dòng trong /public/contributions)', querystring: PublicQuery } }, async (req, reply) => {
    reply.header('Cache-Control', 'public, max-age=60');
    return portal.stats(app.db, req.query);
  });
  app.get('/api/v1/public/contributions', {
    schema: { tags: ptags, summary: 'Dữ liệu mở: các khoản đóng góp (JSON hoặc CSV), không có tên trẻ em; lược đồ tại /api/v1/public/schema', querystring: PublicQuery.extend({ format: z.enum(['json', 'csv']).default('json'), limit: z.coerce.number().int().min(1).max(100_000).optional() }) },
  }, async (req, reply) => {
    const { format, limit, ...f } = req.query;
    if (format === 'csv') {
      return sendTable(reply, 'csv', 'dong-gop', 'Đóng góp', [
        { header: 'id', value: (c: portal.PublicContribution) => c.id }, { header: 'pledgedOn', value: (c) => c.pledgedOn }, { header: 'year', value: (c) => c.year },
        { header: 'contributor', value: (c) => c.contributor }, { header: 'contributorType', value: (c) => c.contributorType }, { header: 'schoolCode', value: (c) => c.schoolCode },
        { header: 'schoolName', value: (c) => c.schoolName }, { header: 'provinceCode', value: (c) => c.provinceCode }, { header: 'provinceName', value: (c) => c.provinceName },
        { header: 'recipient', value: (c) => c.recipient }, { header: 'category', value: (c) => c.category }, { header: 'form', value: (c) => c.form },
        { header: 'description', value: (c) => c.description }, { header: 'valueVnd', value: (c) => c.valueVnd }, { header: 'quantity', value: (c) => c.quantity },
        { header: 'unit', value: (c) => c.unit }, { header: 'status', value: (c) => c.status }, { header: 'needId', value: (c) => c.needId }, { header: 'evidence', value: (c) => c.evidence.join(' ') },
      ], portal.publicContributions(app.db, f, 2000, limit ?? Infinity));
    }
    const items: portal.PublicContribution[] = [];
    for await (const b of portal.publicContributions(app.db, f, 2000, limit ?? Infinity)) items.push(...b);
    reply.header('Cache-Control', 'public, max-age=60');
    return { items, count: items.length, totalVnd: items.reduce((n, c) => n + c.valueVnd, 0) };
  });
  app.get('/api/v1/public/schema', { schema: { tags: ptags, summary: 'Lược đồ dữ liệu mở của các khoản đóng góp (JSON Schema)' } }, async () => portal.CONTRIBUTION_SCHEMA);
  app.get('/api/v1/public/schools/:id', { schema: { tags: ptags, summary: 'Trang công khai của một trường: nhu cầu, đóng góp đã nhận, khảo sát cơ sở vật chất', params: Id } }, async (req) => portal.publicSchool(app.db, req.actor, req.params.id));
  app.get('/api/v1/public/donors/:id', { schema: { tags: ptags, summary: 'Trang công khai của một nhà tài trợ đã được thẩm định: các khoản đóng góp không ẩn danh', params: Id } }, async (req) => portal.publicDonor(app.db, req.params.id));
  app.get('/api/v1/public/vocabulary', { schema: { tags: ptags, summary: 'Nhãn tiếng Việt của hạng mục, hình thức, trạng thái' } }, async () => ({ categories: NEED_CATEGORY_LABELS, forms: FORM_LABELS as Record<ContributionForm, string>, needStatuses: NEED_STATUS_LABELS }));
}
