import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { ORGANISATION_KINDS } from '../../../../contracts/common.js';
import { Organisation } from '../../../../contracts/organisations.js';
import { Page } from '../../../../contracts/http.js';
import * as service from './service.js';

const Input = z.object({
  kind: z.enum(ORGANISATION_KINDS).refine((k) => k !== 'school', 'Trường học được tạo ở mục Trường học'),
  code: z.string().trim().min(1).max(60).nullable().optional(),
  name: z.string().trim().min(2, 'Tên tổ chức là bắt buộc').max(300),
  shortName: z.string().trim().max(100).nullable().optional(),
  parentId: z.string().uuid().nullable().optional(),
  provinceCode: z.string().regex(/^\d{2}$/).nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/).nullable().optional(),
});

export async function organisationRoutes(app: App): Promise<void> {
  const tags = ['Tổ chức'];
  app.get('/api/v1/organisations', {
    schema: {
      tags, summary: 'Danh sách tổ chức (Bộ, đơn vị thuộc Bộ, Sở, cụm trường, UBND xã, trường, nhà tài trợ); lọc, tìm, phân trang, xuất',
      querystring: z.object({ kind: z.enum(ORGANISATION_KINDS).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional(), parentId: z.string().uuid().optional(), q: z.string().max(200).optional(), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
    },
  }, async (req, reply) => {
    const { format, ...f } = req.query;
    if (format !== 'json') {
      return sendTable(reply, format, 'to-chuc', 'Tổ chức', [
        { header: 'Loại', value: (o: Organisation) => o.kind, width: 18 },
        { header: 'Mã', value: (o) => o.code, width: 18 },
        { header: 'Tên', value: (o) => o.name, width: 60 },
        { header: 'Tên viết tắt', value: (o) => o.shortName, width: 20 },
        { header: 'Mã tỉnh', value: (o) => o.provinceCode, width: 10 },
        { header: 'Mã xã', value: (o) => o.communeCode, width: 10 },
      ], service.listAll(app.db, f));
    }
    return Page(Organisation).parse(await service.list(app.db, f));
  });
  app.get('/api/v1/organisations/:id', { schema: { tags, summary: 'Một tổ chức', params: z.object({ id: z.string().uuid() }), response: { 200: Organisation } } }, async (req) => service.get(app.db, req.params.id));
  app.post('/api/v1/organisations', { schema: { tags, summary: 'Tạo tổ chức — quản trị', body: Input, response: { 201: Organisation } } }, async (req, reply) => reply.status(201).send(await service.create(app.db, req.actor, req.body)));
  app.patch('/api/v1/organisations/:id', { schema: { tags, summary: 'Sửa tổ chức', params: z.object({ id: z.string().uuid() }), body: Input.omit({ kind: true }).partial(), response: { 200: Organisation } } }, async (req) => service.update(app.db, req.actor, req.params.id, req.body));
}
