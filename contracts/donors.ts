/** Donors: self-registration, vetting by the Ministry's Project Management Board, profiles. */
import { z } from 'zod';
import { endpoint, HttpUrl, Id, Page, pageQuery, ProvinceCode } from './http.js';
import { CheckEmail } from './accounts.js';

export const DONOR_TYPES = ['business', 'individual', 'bank', 'international', 'university', 'media', 'other'] as const;
export type DonorType = (typeof DONOR_TYPES)[number];
export const VETTING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

export const Donor = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  donorType: z.enum(DONOR_TYPES),
  taxCode: z.string().nullable(),
  country: z.string(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  anonymousDefault: z.boolean(),
  vettingStatus: z.enum(VETTING_STATUSES),
  vettingReason: z.string().nullable(),
  vettedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Donor = z.infer<typeof Donor>;

export const DonorDetail = Donor.extend({ can: z.object({ edit: z.boolean(), vet: z.boolean() }) });
export type DonorDetail = z.infer<typeof DonorDetail>;

export const DonorRegistration = z.object({
  organisationName: z.string().trim().min(2, 'Cần tên tổ chức hoặc cá nhân').max(300),
  donorType: z.enum(DONOR_TYPES),
  taxCode: z.string().trim().max(20).nullable().optional(),
  country: z.string().length(2).optional(),
  website: HttpUrl.nullable().optional(),
  description: z.string().max(3000).nullable().optional(),
  provinceCode: ProvinceCode.nullable().optional(),
  anonymousDefault: z.boolean().optional(),
  email: z.string().trim().email('E-mail không hợp lệ').max(200),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200),
  displayName: z.string().trim().min(2).max(200),
});
export type DonorRegistration = z.infer<typeof DonorRegistration>;

export const DonorPatch = z.object({
  website: HttpUrl.nullable().optional(),
  description: z.string().max(3000).nullable().optional(),
  anonymousDefault: z.boolean().optional(),
});
export type DonorPatch = z.infer<typeof DonorPatch>;

export const VettingDecision = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(2000).nullable().optional(),
});
export type VettingDecision = z.infer<typeof VettingDecision>;

export const DonorListQuery = z.object({
  vetting: z.enum(VETTING_STATUSES).optional(),
  type: z.enum(DONOR_TYPES).optional(),
  q: z.string().max(200).optional(),
  ...pageQuery(50, 200),
});

const tags = ['Kết nối nguồn lực'] as const;

export const donorsApi = {
  register: endpoint({
    method: 'POST', path: '/api/v1/donors/register', tags, public: true,
    summary: 'Nhà tài trợ tự đăng ký (chờ thẩm định); kết quả gửi qua e-mail, câu trả lời như nhau dù e-mail đã có tài khoản hay chưa',
    body: DonorRegistration, responses: { 202: CheckEmail },
  }),
  list: endpoint({
    method: 'GET', path: '/api/v1/donors', tags,
    summary: 'Nhà tài trợ (Bộ, Sở): lọc theo trạng thái thẩm định, loại; chờ thẩm định trước, mới nhất trước; phân trang bằng cursor',
    query: DonorListQuery, responses: { 200: Page(Donor) },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/donors/:id', tags,
    summary: 'Hồ sơ nhà tài trợ', params: Id, responses: { 200: DonorDetail },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/donors/:id', tags,
    summary: 'Nhà tài trợ sửa hồ sơ (tên, tỉnh, thẩm định không do nhà tài trợ sửa: trường lạ bị từ chối)', params: Id, body: DonorPatch.strict(), responses: { 200: Donor },
  }),
  vet: endpoint({
    method: 'POST', path: '/api/v1/donors/:id/vetting', tags,
    summary: 'Thẩm định nhà tài trợ (Ban Quản lý các dự án, Cục Hợp tác quốc tế)',
    params: Id, body: VettingDecision, responses: { 200: Donor },
  }),
};
