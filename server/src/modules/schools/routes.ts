import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { downloadName, sendTable, uploadedFile } from '../../platform/http.js';
import { readTable, xlsxBuffer } from '../../platform/tabular.js';
import { AuditEntry } from '../../../../contracts/audit.js';
import { OWNERSHIP_LABELS, SCHOOL_LEVEL_LABELS, AREA_FLAGS, OWNERSHIPS, SCHOOL_LEVELS } from '../../../../contracts/common.js';
import { Page } from '../../../../contracts/http.js';
import { School, SchoolInput, SchoolListQuery, SchoolPatch } from '../../../../contracts/schools.js';
import type { Column } from '../../platform/tabular.js';
import * as service from './service.js';

const COLUMNS: Column<School>[] = [
  { header: 'Mã trường', value: (s) => s.code, width: 14 },
  { header: 'Tên trường', value: (s) => s.name, width: 40 },
  { header: 'Cấp học', value: (s) => s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), width: 20 },
  { header: 'Loại hình', value: (s) => OWNERSHIP_LABELS[s.ownership], width: 16 },
  { header: 'Địa chỉ', value: (s) => s.address, width: 40 },
  { header: 'Mã xã', value: (s) => s.communeCode, width: 10 },
  { header: 'Xã/phường/đặc khu', value: (s) => s.communeName, width: 26 },
  { header: 'Mã tỉnh', value: (s) => s.provinceCode, width: 10 },
  { header: 'Tỉnh/thành phố', value: (s) => s.provinceName, width: 20 },
  { header: 'Vĩ độ', value: (s) => s.lat, width: 12 },
  { header: 'Kinh độ', value: (s) => s.lng, width: 12 },
  { header: 'Số học sinh', value: (s) => s.pupils, width: 12 },
  { header: 'Số cán bộ, giáo viên, nhân viên', value: (s) => s.staff, width: 14 },
  { header: 'Cụm trường', value: (s) => s.clusterName, width: 22 },
];

const Id = z.object({ id: z.string().uuid('Mã định danh không hợp lệ') });

export async function schoolRoutes(app: App): Promise<void> {
  const tags = ['Trường học'];

  app.get('/api/v1/schools', {
    schema: { tags, summary: 'Danh sách trường: lọc theo tỉnh, xã, cấp học, loại hình, đặc điểm địa bàn; tìm không dấu; phân trang bằng cursor; xuất CSV/XLSX', querystring: SchoolListQuery },
  }, async (req, reply) => {
    const { format, cursor, limit, ...filter } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'truong-hoc', 'Trường học', COLUMNS, service.listAll(app.db, filter));
    return Page(School).parse(await service.list(app.db, { ...filter, cursor, limit }));
  });

  app.get('/api/v1/schools/points', {
    schema: {
      tags, summary: 'Toạ độ các trường cho bản đồ (dạng gọn)',
      querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional(), level: z.enum(SCHOOL_LEVELS).optional(), ownership: z.enum(OWNERSHIPS).optional(), flag: z.enum(AREA_FLAGS).optional() }),
      response: { 200: z.object({ fields: z.array(z.string()), rows: z.array(z.tuple([z.string(), z.string(), z.number(), z.number(), z.string()])) }) },
    },
  }, async (req) => ({ fields: ['id', 'name', 'lat', 'lng', 'levels'], rows: await service.points(app.db, req.query) }));

  app.get('/api/v1/schools/import/template', { schema: { tags, summary: 'Tệp mẫu nhập danh sách trường (.xlsx)' } }, async (_req, reply) => {
    const buf = await xlsxBuffer(
      'Trường học',
      service.IMPORT_COLUMNS.map((c) => ({ header: c.required ? c.header + ' *' : c.header, width: c.width, note: 'note' in c ? c.note : undefined })),
      [['79000001', 'Trường Tiểu học Ví Dụ', 'Tiểu học', 'Công lập', 'Bản Ví Dụ, xã Mường Nhé', '03158', '22,1852', '102,4598', '1.200', '45', '']],
      [
        ['Cột có dấu *', 'bắt buộc'],
        ['Dòng ví dụ', 'Hãy xoá dòng ví dụ trước khi nhập.'],
        ...service.IMPORT_COLUMNS.filter((c) => 'note' in c).map((c) => [c.header, (c as { note: string }).note]),
        ['Quy tắc', 'Tệp chỉ được ghi khi mọi dòng đều hợp lệ; mọi dòng lỗi được liệt kê kèm lý do. Mã trường đã có sẽ được cập nhật.'],
      ],
    );
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${downloadName('mau-nhap-truong-hoc', 'xlsx')}"`)
      .send(buf);
  });

  app.post('/api/v1/schools/import', {
    schema: { tags, summary: 'Nhập danh sách trường từ .xlsx/.csv: kiểm tra mọi dòng, chỉ ghi khi toàn bộ tệp hợp lệ', consumes: ['multipart/form-data'], response: { 200: z.object({ created: z.number(), updated: z.number(), total: z.number() }) } },
  }, async (req) => {
    const f = await uploadedFile(req);
    return service.importSchools(app.db, req.actor, await readTable(f.filename, f.data, 60_000));
  });

  app.get('/api/v1/schools/:id', { schema: { tags, summary: 'Một trường', params: Id, response: { 200: School } } }, async (req) => service.get(app.db, req.params.id));

  app.get('/api/v1/schools/:id/permissions', {
    schema: { tags, summary: 'Quyền của người dùng hiện tại với trường này', params: Id, response: { 200: z.object({ update: z.boolean(), delete: z.boolean(), viewHistory: z.boolean() }) } },
  }, async (req) => service.permissions(req.actor, await service.get(app.db, req.params.id)));

  app.get('/api/v1/schools/:id/history', {
    schema: { tags, summary: 'Lịch sử thay đổi của trường', params: Id, response: { 200: z.object({ items: z.array(AuditEntry) }) } },
  }, async (req) => ({ items: await service.history(app.db, req.actor, req.params.id) }));

  app.post('/api/v1/schools', { schema: { tags, summary: 'Thêm trường', body: SchoolInput, response: { 201: School } } }, async (req, reply) =>
    reply.status(201).send(await service.create(app.db, req.actor, req.body)));

  app.patch('/api/v1/schools/:id', { schema: { tags, summary: 'Sửa thông tin trường', params: Id, body: SchoolPatch, response: { 200: School } } }, async (req) =>
    service.update(app.db, req.actor, req.params.id, req.body));

  app.delete('/api/v1/schools/:id', { schema: { tags, summary: 'Xoá trường', params: Id } }, async (req, reply) => {
    await service.remove(app.db, req.actor, req.params.id);
    return reply.status(204).send();
  });
}
