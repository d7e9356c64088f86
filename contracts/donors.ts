/** Donors: self-registration, vetting by the Ministry's Project Management Board, profiles. */
import { z } from 'zod';
import { endpoint, HttpUrl, Id, ItemList, Page, pageQuery, ProvinceCode } from './http.js';
import { CheckEmail } from './accounts.js';

export const DONOR_TYPES = ['business', 'individual', 'bank', 'international', 'university', 'media', 'other'] as const;
export type DonorType = (typeof DONOR_TYPES)[number];
export const VETTING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

/**
 * A Vietnamese tax code (mã số thuế): 10 digits whose tenth is the check digit of the first nine
 * (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − (sum mod 11), no code where that is 10),
 * or 13 digits: those 10 and a 3-digit branch number (a dependent unit), written with or without a
 * dash. The canonical form: `0100109106` or `0100109106-001`; null if the code is not valid.
 */
export function normalizeTaxCode(input: string): string | null {
  const m = /^(\d{10})(?:[-\s]?(\d{3}))?$/.exec(input.trim().replace(/\s*-\s*/, '-'));
  if (!m) return null;
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(m[1][i]), 0);
  const check = 10 - (sum % 11);
  if (check === 10 || check !== Number(m[1][9])) return null;
  if (m[2] === '000') return null;
  return m[2] ? `${m[1]}-${m[2]}` : m[1];
}

/** What a vetting board reads to know a donor: registration papers. */
export const DONOR_DOCUMENT_KINDS = ['business_registration', 'establishment_decision', 'other'] as const;
export type DonorDocumentKind = (typeof DONOR_DOCUMENT_KINDS)[number];
export const DonorDocument = z.object({ id: z.string(), name: z.string(), mime: z.string(), kind: z.enum(DONOR_DOCUMENT_KINDS), uploadedAt: z.string() });
export type DonorDocument = z.infer<typeof DonorDocument>;

/** References: previous sponsorships, organisations that can vouch for the donor; at most 10 lines. */
export const MAX_REFERENCES = 10;
const References = z.array(z.string().trim().min(2, 'Mỗi dòng tham chiếu cần ít nhất 2 ký tự').max(300)).max(MAX_REFERENCES, 'Tối đa 10 dòng tham chiếu');
/** The function or title of the person who speaks for the donor (not their name). */
const ContactRole = z.string().trim().max(200);

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
  contactRole: z.string().nullable(),
  references: z.array(z.string()),
  anonymousDefault: z.boolean(),
  vettingStatus: z.enum(VETTING_STATUSES),
  vettingReason: z.string().nullable(),
  vettedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Donor = z.infer<typeof Donor>;

export const DonorDetail = Donor.extend({
  /** The registration papers: only for the donor itself and the vetting board (null for other readers). */
  documents: z.array(DonorDocument).nullable(),
  can: z.object({ edit: z.boolean(), vet: z.boolean() }),
});
export type DonorDetail = z.infer<typeof DonorDetail>;

export const DonorRegistration = z.object({
  organisationName: z.string().trim().min(2, 'Cần tên tổ chức hoặc cá nhân').max(300),
  donorType: z.enum(DONOR_TYPES),
  taxCode: z.string().trim().max(20).nullable().optional(),
  contactRole: ContactRole.nullable().optional(),
  references: References.optional(),
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
  contactRole: ContactRole.nullable().optional(),
  references: References.optional(),
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
  addDocuments: endpoint({
    method: 'POST', path: '/api/v1/donors/:id/documents', tags,
    summary: 'Nhà tài trợ tải giấy tờ đăng ký (giấy chứng nhận đăng ký doanh nghiệp, quyết định thành lập; PDF hoặc ảnh, tối đa 5 tệp 10 MB); chỉ nhà tài trợ và bộ phận thẩm định xem được',
    params: Id, form: z.object({ kind: z.enum(DONOR_DOCUMENT_KINDS) }), responses: { 201: ItemList(DonorDocument) },
  }),
  vet: endpoint({
    method: 'POST', path: '/api/v1/donors/:id/vetting', tags,
    summary: 'Thẩm định nhà tài trợ (Ban Quản lý các dự án, Cục Hợp tác quốc tế)',
    params: Id, body: VettingDecision, responses: { 200: Donor },
  }),
};
