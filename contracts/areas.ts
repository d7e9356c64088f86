/** Administrative units: the 34 provinces and 3,321 communes since 1 July 2025, and the units before. */
import { z } from 'zod';
import { AREA_FLAGS, AREA_LEVELS } from './common.js';
import { endpoint, FileDownload, ItemList, ProvinceCode } from './http.js';

const code = z.string().regex(/^\d{2,5}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

export const Area = z.object({
  code: z.string(),
  level: z.enum(AREA_LEVELS),
  era: z.enum(['current', 'legacy']),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  unitType: z.string(),
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  parentCode: z.string().nullable(),
  flags: z.array(z.enum(AREA_FLAGS)),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export type Area = z.infer<typeof Area>;

export const AreaList = z.object({ items: z.array(Area) });

export const ResolveQuery = z
  .object({
    code: code.optional(),
    name: z.string().min(1).max(200).optional(),
    level: z.enum(AREA_LEVELS).optional(),
    asOf: isoDate.optional(),
  })
  .refine((q) => q.code || q.name, { message: 'Cần mã (code) hoặc tên (name) đơn vị' });

export const ResolveMatch = z.object({
  /** The unit as it stood on asOf. */
  source: Area,
  /** Today's unit(s) it corresponds to: several when an old commune or district was split. */
  current: z.array(Area.extend({ kind: z.string().nullable(), note: z.string().nullable() })),
  /** Today's province, always exactly one for a province, district or commune. */
  currentProvince: Area,
});
export const ResolveResult = z.object({
  asOf: isoDate,
  era: z.enum(['current', 'legacy']),
  matches: z.array(ResolveMatch),
  /** Unverified community suggestions for communes abolished in 2023–2025 (name look-ups only). */
  suggestions: z.array(z.object({ oldName: z.string(), oldDistrictName: z.string().nullable(), current: Area })),
});
export type ResolveResult = z.infer<typeof ResolveResult>;

export const SetFlags = z.object({ flags: z.array(z.enum(AREA_FLAGS)) });

// ---------- endpoints ----------

const tags = ['Đơn vị hành chính'] as const;
const ProvinceParam = z.object({ code: ProvinceCode });

export const AreaWithCount = Area.extend({ communeCount: z.number() });
export type AreaWithCount = z.infer<typeof AreaWithCount>;

export const areasApi = {
  provinces: endpoint({
    method: 'GET', path: '/api/v1/areas/provinces', tags, public: true,
    summary: '34 tỉnh, thành phố hiện hành (từ 01/07/2025)',
    responses: { 200: ItemList(AreaWithCount) },
  }),
  communes: endpoint({
    method: 'GET', path: '/api/v1/areas/provinces/:code/communes', tags, public: true,
    summary: 'Các xã, phường, đặc khu của một tỉnh',
    params: ProvinceParam, query: z.object({ flag: z.enum(AREA_FLAGS).optional() }),
    responses: { 200: AreaList },
  }),
  legacyDistricts: endpoint({
    method: 'GET', path: '/api/v1/areas/legacy/provinces/:code/districts', tags, public: true,
    summary: 'Các huyện của một tỉnh theo danh mục trước 01/07/2025 (hồ sơ 2021–2024)',
    params: ProvinceParam, responses: { 200: AreaList },
  }),
  search: endpoint({
    method: 'GET', path: '/api/v1/areas/search', tags, public: true,
    summary: 'Tìm đơn vị hành chính, không phân biệt dấu và hoa thường ("dien bien" tìm được Điện Biên)',
    query: z.object({
      q: z.string().max(200), level: z.enum(AREA_LEVELS).optional(), era: z.enum(['current', 'legacy']).optional(),
      provinceCode: ProvinceCode.optional(), limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: { 200: AreaList },
  }),
  resolve: endpoint({
    method: 'GET', path: '/api/v1/areas/resolve', tags, public: true,
    summary: 'Mã hoặc tên đơn vị tại một ngày → đơn vị hiện hành (nhiều đơn vị nếu đã bị chia tách)',
    query: ResolveQuery, responses: { 200: ResolveResult },
  }),
  setFlags: endpoint({
    method: 'PUT', path: '/api/v1/areas/:code/flags', tags,
    summary: 'Đặt đặc điểm (biên giới, hải đảo, DTTS, ĐBKK, KCN) cho một đơn vị hiện hành — quản trị',
    params: z.object({ code: z.string().regex(/^\d{2}$|^\d{5}$/, 'Mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số)') }), body: SetFlags,
    responses: { 200: Area },
  }),
  importFlags: endpoint({
    method: 'POST', path: '/api/v1/areas/flags/import', tags,
    summary: 'Nhập đặc điểm đơn vị từ tệp .xlsx/.csv (cột "Mã", "Đặc điểm") — quản trị',
    form: z.object({}), responses: { 200: z.object({ updated: z.number() }) },
  }),
  exportFlags: endpoint({
    method: 'GET', path: '/api/v1/areas/flags/export', tags, public: true,
    summary: 'Tải danh sách đơn vị có đặc điểm (.csv/.xlsx), cùng định dạng với tệp nhập',
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responses: { 200: FileDownload }, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  provinceShapes: endpoint({
    method: 'GET', path: '/api/v1/geo/provinces', tags, public: true,
    summary: 'Ranh giới 34 tỉnh, thành phố (GeoJSON, gồm quần đảo Hoàng Sa và Trường Sa)',
    responses: { 200: FileDownload }, produces: ['application/geo+json'],
  }),
};
