import { z } from 'zod';
import { AuditEntry } from './audit.js';
import { AREA_FLAGS, OWNERSHIPS, SCHOOL_LEVELS } from './common.js';
import { endpoint, FileDownload, Id, ItemList, MapBox, MapZoom, NoContent, Page, ProvinceCode } from './http.js';

export const SchoolInput = z.object({
  code: z.string().trim().min(1, 'Mã trường là bắt buộc').max(40),
  name: z.string().trim().min(2, 'Tên trường là bắt buộc').max(300),
  levels: z.array(z.enum(SCHOOL_LEVELS)).min(1, 'Cần ít nhất một cấp học'),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().trim().max(500).nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số'),
  lat: z.number().min(8.0).max(23.5).nullable().optional(),
  lng: z.number().min(102.0).max(117.9).nullable().optional(),
  pupils: z.number().int().min(0).max(20000).nullable().optional(),
  staff: z.number().int().min(0).max(2000).nullable().optional(),
  clusterId: z.string().uuid().nullable().optional(),
});
export type SchoolInput = z.infer<typeof SchoolInput>;
/** A change to a school; a field the route does not change (its province: it follows the commune) is refused, not ignored. */
export const SchoolPatch = SchoolInput.partial().strict();

export const School = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  levels: z.array(z.enum(SCHOOL_LEVELS)),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().nullable(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  communeFlags: z.array(z.enum(AREA_FLAGS)),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  pupils: z.number().nullable(),
  staff: z.number().nullable(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  updatedAt: z.string(),
});
export type School = z.infer<typeof School>;

export const SchoolListQuery = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  communeCode: z.string().regex(/^\d{5}$/).optional(),
  level: z.enum(SCHOOL_LEVELS).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  flag: z.enum(AREA_FLAGS).optional(),
  clusterId: z.string().uuid().optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;

// ---------- endpoints ----------

const tags = ['Trường học'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the current account may do with a school (the same policy the routes enforce). */
export const SchoolCan = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  viewHistory: z.boolean(),
  /** change the school's code, commune and cluster (a school's own staff may not) */
  recode: z.boolean(),
  /** see the pupils and staff receiving gifts (the school itself and its Department) */
  viewBeneficiaries: z.boolean(),
  /** record a need for this school (the school itself, its Department, an administrator) */
  createNeed: z.boolean(),
  /** write the school's facility surveys (the school itself, its Department, an administrator) */
  manageResources: z.boolean(),
  /** see the school's needs in every state, not only the published ones (its needs scope, the Ministry) */
  seeAllNeeds: z.boolean(),
});
export type SchoolCan = z.infer<typeof SchoolCan>;
export const SchoolDetail = School.extend({ can: SchoolCan });
export type SchoolDetail = z.infer<typeof SchoolDetail>;

/** The zoom from which the map shows every school on its own (the web map's deepest zoom). */
export const SCHOOL_MAP_SINGLE_ZOOM = 16;

export const SchoolPointsQuery = z.object({
  provinceCode: ProvinceCode.optional(),
  level: z.enum(SCHOOL_LEVELS).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  flag: z.enum(AREA_FLAGS).optional(),
  /** the map's zoom: schools are grouped in cells of about 40 pixels at it (default 5, the whole country); from 16 each school is on its own */
  zoom: MapZoom.optional(),
  /** the box on screen, "west,south,east,north" in degrees */
  bbox: MapBox.optional(),
});
/**
 * Schools on the map, grouped on the server: `fields` names the columns of each row (id, name,
 * lat, lng, levels joined by commas, count). A row is a square cell of the map: its centre of mass
 * and how many schools; a cell of one school is that school (its id, name, levels and place), a
 * larger one has no id, name or levels.
 */
export const SchoolPoints = z.object({
  fields: z.array(z.string()),
  rows: z.array(z.tuple([z.string().nullable(), z.string().nullable(), z.number(), z.number(), z.string().nullable(), z.number()])),
});
export type SchoolPoints = z.infer<typeof SchoolPoints>;

export const SchoolImportResult = z.object({ created: z.number(), updated: z.number(), total: z.number() });
export type SchoolImportResult = z.infer<typeof SchoolImportResult>;

export const schoolsApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/schools', tags, public: true,
    summary: 'Danh sách trường: lọc theo tỉnh, xã, cấp học, loại hình, đặc điểm địa bàn; tìm không dấu; phân trang bằng cursor; xuất CSV/XLSX',
    query: SchoolListQuery,
    responses: { 200: Page(School) }, produces: ['text/csv', XLSX],
  }),
  points: endpoint({
    method: 'GET', path: '/api/v1/schools/points', tags, public: true,
    summary: 'Các trường trên bản đồ, gộp theo ô vuông ở mức thu phóng và khung nhìn đã cho (ô một trường mang mã, tên, cấp học)',
    query: SchoolPointsQuery, responses: { 200: SchoolPoints },
  }),
  importTemplate: endpoint({
    method: 'GET', path: '/api/v1/schools/import/template', tags, public: true,
    summary: 'Tệp mẫu nhập danh sách trường (.xlsx)',
    responses: { 200: FileDownload }, produces: [XLSX],
  }),
  import: endpoint({
    method: 'POST', path: '/api/v1/schools/import', tags,
    summary: 'Nhập danh sách trường từ .xlsx/.csv: kiểm tra mọi dòng, chỉ ghi khi toàn bộ tệp hợp lệ',
    form: z.object({}), responses: { 200: SchoolImportResult },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/schools/:id', tags, public: true,
    summary: 'Một trường, kèm các quyền của người dùng hiện tại với trường này',
    params: Id, responses: { 200: SchoolDetail },
  }),
  history: endpoint({
    method: 'GET', path: '/api/v1/schools/:id/history', tags,
    summary: 'Lịch sử thay đổi của trường',
    params: Id, responses: { 200: ItemList(AuditEntry) },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/schools', tags,
    summary: 'Thêm trường', body: SchoolInput, responses: { 201: School },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/schools/:id', tags,
    summary: 'Sửa thông tin trường', params: Id, body: SchoolPatch, responses: { 200: School },
  }),
  remove: endpoint({
    method: 'DELETE', path: '/api/v1/schools/:id', tags,
    summary: 'Xoá trường', params: Id, responses: { 204: NoContent },
  }),
};
