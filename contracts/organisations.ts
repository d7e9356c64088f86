import { z } from 'zod';
import { ORGANISATION_KINDS } from './common.js';
import { endpoint, ExportFormat, Id, Page, pageQuery, ProvinceCode } from './http.js';

export const Organisation = z.object({
  id: z.string().uuid(),
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  parentId: z.string().uuid().nullable(),
  provinceCode: z.string().nullable(),
  communeCode: z.string().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

/** What the current account may do with an organisation (the same policy the routes enforce). */
export const OrganisationDetail = Organisation.extend({
  can: z.object({
    update: z.boolean(),
    /** change what decides scope: code, parent, province, commune (administrators only) */
    changeScope: z.boolean(),
  }),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const OrganisationInput = z.object({
  kind: z.enum(ORGANISATION_KINDS).refine((k) => k !== 'school', 'Trường học được tạo ở mục Trường học'),
  code: z.string().trim().min(1).max(60).nullable().optional(),
  name: z.string().trim().min(2, 'Tên tổ chức là bắt buộc').max(300),
  shortName: z.string().trim().max(100).nullable().optional(),
  parentId: z.string().uuid().nullable().optional(),
  provinceCode: ProvinceCode.nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số').nullable().optional(),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;
/** A change to an organisation; a field the route does not change (its kind) is refused, not ignored. */
export const OrganisationPatch = OrganisationInput.omit({ kind: true }).partial().strict();

export const OrganisationListQuery = z.object({
  kind: z.enum(ORGANISATION_KINDS).optional(),
  provinceCode: ProvinceCode.optional(),
  parentId: z.string().uuid().optional(),
  q: z.string().max(200).optional(),
  ...pageQuery(),
  format: ExportFormat,
});

// ---------- endpoints ----------

const tags = ['Tổ chức'] as const;

export const organisationsApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/organisations', tags, public: true,
    summary: 'Danh sách tổ chức (Bộ, đơn vị thuộc Bộ, Sở, cụm trường, UBND xã, trường, nhà tài trợ); lọc, tìm, phân trang, xuất',
    query: OrganisationListQuery,
    responses: { 200: Page(Organisation).extend({ totalCapped: z.boolean() }) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/organisations/:id', tags, public: true,
    summary: 'Một tổ chức, kèm các quyền của người dùng hiện tại với tổ chức này',
    params: Id, responses: { 200: OrganisationDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/organisations', tags,
    summary: 'Tạo tổ chức — quản trị', body: OrganisationInput, responses: { 201: Organisation },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/organisations/:id', tags,
    summary: 'Sửa tổ chức (mã, cấp trên, tỉnh, xã: chỉ quản trị, có ghi nhật ký)', params: Id, body: OrganisationPatch, responses: { 200: Organisation },
  }),
};
