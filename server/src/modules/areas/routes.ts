import fs from 'node:fs';
import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { sendTable, uploadedFile } from '../../platform/http.js';
import { readTable } from '../../platform/tabular.js';
import { dataPath } from '../../platform/data-files.js';
import { AREA_FLAGS, AREA_FLAG_LABELS, AREA_LEVELS, Area, AreaList, ResolveQuery, ResolveResult, SetFlags } from '../../../../contracts/index.js';
import * as service from './service.js';

export async function areaRoutes(app: App): Promise<void> {
  const tags = ['Đơn vị hành chính'];

  app.get('/api/v1/areas/provinces', {
    schema: { tags, summary: '34 tỉnh, thành phố hiện hành (từ 01/07/2025)', response: { 200: z.object({ items: z.array(Area.extend({ communeCount: z.number() })) }) } },
  }, async () => ({ items: await service.provinces(app.db) }));

  app.get('/api/v1/areas/provinces/:code/communes', {
    schema: { tags, summary: 'Các xã, phường, đặc khu của một tỉnh', params: z.object({ code: z.string().regex(/^\d{2}$/) }), querystring: z.object({ flag: z.enum(AREA_FLAGS).optional() }), response: { 200: AreaList } },
  }, async (req) => ({ items: await service.communes(app.db, req.params.code, req.query.flag) }));

  app.get('/api/v1/areas/legacy/provinces/:code/districts', {
    schema: { tags, summary: 'Các huyện của một tỉnh theo danh mục trước 01/07/2025 (hồ sơ 2021–2024)', params: z.object({ code: z.string().regex(/^\d{2}$/) }), response: { 200: AreaList } },
  }, async (req) => ({ items: await service.legacyDistricts(app.db, req.params.code) }));

  app.get('/api/v1/areas/search', {
    schema: {
      tags, summary: 'Tìm đơn vị hành chính, không phân biệt dấu và hoa thường ("dien bien" tìm được Điện Biên)',
      querystring: z.object({ q: z.string().max(200), level: z.enum(AREA_LEVELS).optional(), era: z.enum(['current', 'legacy']).optional(), provinceCode: z.string().regex(/^\d{2}$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: AreaList },
    },
  }, async (req) => ({ items: await service.search(app.db, req.query.q, req.query) }));

  app.get('/api/v1/areas/resolve', {
    schema: {
      tags, summary: 'Mã hoặc tên đơn vị tại một ngày → đơn vị hiện hành (nhiều đơn vị nếu đã bị chia tách)',
      querystring: ResolveQuery, response: { 200: ResolveResult },
    },
  }, async (req) => service.resolve(app.db, req.query));

  app.put('/api/v1/areas/:code/flags', {
    schema: { tags, summary: 'Đặt đặc điểm (biên giới, hải đảo, DTTS, ĐBKK, KCN) cho một đơn vị hiện hành — quản trị', params: z.object({ code: z.string().regex(/^\d{2}$|^\d{5}$/) }), body: SetFlags, response: { 200: Area } },
  }, async (req) => service.setFlags(app.db, req.actor, req.params.code, req.body.flags));

  app.post('/api/v1/areas/flags/import', {
    schema: { tags, summary: 'Nhập đặc điểm đơn vị từ tệp .xlsx/.csv (cột "Mã", "Đặc điểm") — quản trị', consumes: ['multipart/form-data'], response: { 200: z.object({ updated: z.number() }) } },
  }, async (req) => {
    const f = await uploadedFile(req);
    return service.importFlags(app.db, req.actor, await readTable(f.filename, f.data, 20_000));
  });

  app.get('/api/v1/areas/flags/export', {
    schema: { tags, summary: 'Tải danh sách đơn vị có đặc điểm (.csv/.xlsx), cùng định dạng với tệp nhập', querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
  }, async (req, reply) => {
    const rows = await service.flaggedCommunes(app.db);
    return sendTable(reply, req.query.format, 'dac-diem-don-vi', 'Đặc điểm', [
      { header: 'Mã', value: (a: Area) => a.code, width: 10 },
      { header: 'Tên', value: (a: Area) => a.fullName, width: 30 },
      { header: 'Mã tỉnh', value: (a: Area) => a.provinceCode, width: 10 },
      { header: 'Đặc điểm', value: (a: Area) => a.flags.join('|'), width: 40 },
      { header: 'Diễn giải', value: (a: Area) => a.flags.map((f) => AREA_FLAG_LABELS[f]).join('; '), width: 60 },
    ], (async function* () { yield rows; })());
  });

  const provincesGeo = dataPath('admin-units', 'geo', 'provinces-34.simplified.geojson');
  app.get('/api/v1/geo/provinces', {
    schema: { tags, summary: 'Ranh giới 34 tỉnh, thành phố (GeoJSON, gồm quần đảo Hoàng Sa và Trường Sa)' },
  }, async (_req, reply) => {
    reply.type('application/geo+json').header('Cache-Control', 'public, max-age=86400');
    return reply.send(fs.createReadStream(provincesGeo));
  });
}
