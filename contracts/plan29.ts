/**
 * Plan 29/KH-BGDĐT ("Điều ước cho em"): the 30 target provinces as written in 2021, counted
 * under today's provinces; each province's selection (one district, 20 schools) and its quota;
 * the pupils and staff receiving gifts, named only inside their school and its Department.
 */
import { z } from 'zod';
import { endpoint, Id, ItemList, uuid } from './http.js';

export const BENEFICIARY_KINDS = ['pupil', 'teacher', 'manager'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export const Plan29Province = z.object({
  asWritten: z.string(),
  oldCode: z.string(),
  oldName: z.string().nullable(),
  currentCode: z.string().nullable(),
  currentName: z.string().nullable(),
  selected2021: z.boolean(),
});
export type Plan29Province = z.infer<typeof Plan29Province>;

export const Plan29 = z.object({
  targets: z.array(Plan29Province),
  byCurrentProvince: z.array(z.object({ currentCode: z.string(), currentName: z.string(), oldProvinces: z.array(z.string()), selected2021: z.number() })),
});
export type Plan29 = z.infer<typeof Plan29>;

export const Gifts = z.object({ teacher: z.number(), manager: z.number(), pupil: z.number() });

export const QuotaRow = z.object({
  asWritten: z.string(),
  oldCode: z.string(),
  districts: z.array(z.object({ code: z.string(), name: z.string() })),
  schools: z.array(z.object({ id: z.string(), name: z.string(), levels: z.array(z.string()), gifts: Gifts })),
  complies: z.boolean(),
  missing: z.array(z.string()),
});
export type QuotaRow = z.infer<typeof QuotaRow>;

export const Plan29SelectionInput = z.object({
  year: z.number().int().min(2021).max(2030),
  oldProvinceCode: z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số'),
  oldDistrictCode: z.string().regex(/^\d{3}$/, 'Mã huyện gồm 3 chữ số'),
  schoolIds: z.array(uuid()).max(100),
});
export type Plan29SelectionInput = z.infer<typeof Plan29SelectionInput>;

/** A pupil or staff member receiving a gift (field names as stored). */
export const Beneficiary = z.object({
  id: z.string(),
  kind: z.enum(BENEFICIARY_KINDS),
  full_name: z.string(),
  birth_year: z.number().nullable(),
  grade: z.string().nullable(),
  consent_recorded: z.boolean(),
});
export type Beneficiary = z.infer<typeof Beneficiary>;

export const BeneficiaryInput = z.object({
  kind: z.enum(BENEFICIARY_KINDS),
  fullName: z.string().trim().min(2).max(200),
  birthYear: z.number().int().min(1940).max(2030).nullable().optional(),
  grade: z.string().max(20).nullable().optional(),
  consentRecorded: z.boolean(),
});
export type BeneficiaryInput = z.infer<typeof BeneficiaryInput>;

const tags = ['Kết nối nguồn lực'] as const;

export const plan29Api = {
  provinces: endpoint({
    method: 'GET', path: '/api/v1/programmes/plan29', tags, public: true,
    summary: '30 tỉnh mục tiêu của Kế hoạch 29 (như văn bản năm 2021) và 10 tỉnh chọn năm 2021, quy đổi sang tỉnh hiện hành',
    responses: { 200: Plan29 },
  }),
  quota: endpoint({
    method: 'GET', path: '/api/v1/programmes/plan29/quota', tags, public: true,
    summary: 'Kiểm tra định mức chọn: mỗi tỉnh 1 huyện, 20 trường (10 MN, 5 TH, 5 THCS), mỗi trường 1 GV, 1 CBQL, 10 HS nhận quà',
    query: z.object({ year: z.coerce.number().int().min(2021).max(2030).default(2021) }),
    responses: { 200: ItemList(QuotaRow) },
  }),
  select: endpoint({
    method: 'PUT', path: '/api/v1/programmes/plan29/selection', tags,
    summary: 'Chọn huyện và trường của một tỉnh cho một năm; trả lại định mức đã cập nhật',
    body: Plan29SelectionInput, responses: { 200: ItemList(QuotaRow) },
  }),
  beneficiaries: endpoint({
    method: 'GET', path: '/api/v1/schools/:id/beneficiaries', tags,
    summary: 'Học sinh, giáo viên nhận quà (chỉ trường và Sở xem được)',
    params: Id, responses: { 200: ItemList(Beneficiary) },
  }),
  addBeneficiary: endpoint({
    method: 'POST', path: '/api/v1/schools/:id/beneficiaries', tags,
    summary: 'Thêm người nhận quà (học sinh cần có sự đồng ý của cha mẹ)',
    params: Id, body: BeneficiaryInput, responses: { 201: z.object({ id: z.string() }) },
  }),
};
