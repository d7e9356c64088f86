/**
 * The network of school social-work service providers (Decision 4969/QĐ-BGDĐT task 2b): each
 * school's counselling team, provincial social-work centres, health and psychological services,
 * commune police, commune People's Committees, the national child-protection hotline 111, NGOs.
 * A public directory of services (never of cases); a Department keeps its province's part.
 */
import { z } from 'zod';
import { endpoint, Id, Page, pageQuery, ProvinceCode, CommuneCode, uuid } from './http.js';

export const PROVIDER_KINDS = ['school_team', 'social_work_centre', 'health_service', 'commune_police', 'commune_committee', 'hotline', 'ngo'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Social-work services, following the list of Decree 110/2024/NĐ-CP on social work. */
export const PROVIDER_SERVICES = [
  'emergency_protection', 'assessment', 'case_management', 'counselling', 'psychological_therapy', 'health_care',
  'legal_aid', 'shelter', 'family_support', 'education_support', 'reintegration', 'hotline_guidance',
] as const;
export type ProviderService = (typeof PROVIDER_SERVICES)[number];

/** How a referral reaches a provider. `online`: through this platform (providers with accounts). */
export const REFERRAL_CHANNELS = ['online', 'phone', 'letter', 'in_person'] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];

export const Provider = z.object({
  id: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  /** whether referrals reach it through the platform (its staff have accounts) */
  receivesOnline: z.boolean(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  /** communes covered; empty: the whole province (or country) */
  communeCodes: z.array(z.string()),
  services: z.array(z.enum(PROVIDER_SERVICES)),
  channels: z.array(z.enum(REFERRAL_CHANNELS)),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  /** the role to ask for, never a person's name */
  focalRole: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Provider = z.infer<typeof Provider>;

export const ProviderDetail = Provider.extend({ can: z.object({ edit: z.boolean() }) });
export type ProviderDetail = z.infer<typeof ProviderDetail>;

const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const ProviderInput = z.object({
  kind: z.enum(PROVIDER_KINDS, { message: 'Loại cơ sở không hợp lệ' }),
  name: z.string().trim().min(3, 'Tên quá ngắn').max(300),
  /** null: a national service (administrators only) */
  provinceCode: ProvinceCode.nullable(),
  communeCodes: z.array(CommuneCode).max(200, 'Tối đa 200 xã').default([]),
  services: z.array(z.enum(PROVIDER_SERVICES, { message: 'Dịch vụ không hợp lệ' })).min(1, 'Cần ít nhất một dịch vụ').max(PROVIDER_SERVICES.length),
  channels: z.array(z.enum(REFERRAL_CHANNELS, { message: 'Cách chuyển gửi không hợp lệ' })).min(1, 'Cần ít nhất một cách chuyển gửi').max(REFERRAL_CHANNELS.length),
  /** the organisation whose accounts receive referrals online (a provider or a school) */
  organisationId: uuid().nullable().optional(),
  hours: text(200),
  phone: z.string().trim().max(40).regex(/^[0-9+().\s-]*$/, 'Số điện thoại không hợp lệ').nullable().optional(),
  email: z.email('Thư điện tử không hợp lệ').max(200).nullable().optional(),
  address: text(500),
  website: z.url('Địa chỉ trang web không hợp lệ').max(500).nullable().optional(),
  focalRole: text(200),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
});
export type ProviderInput = z.input<typeof ProviderInput>;
/** A change; the province never changes (a provider of another province is a new entry). */
export const ProviderPatch = ProviderInput.omit({ provinceCode: true }).extend({ active: z.boolean().optional() }).partial().strict();
export type ProviderPatch = z.input<typeof ProviderPatch>;

export const ProviderListQuery = z.object({
  /** words matched without diacritics across name, kind, services and places */
  q: z.string().trim().max(200).optional(),
  service: z.enum(PROVIDER_SERVICES).optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  provinceCode: ProvinceCode.optional(),
  /** providers covering this commune (those covering the whole province or country included) */
  communeCode: CommuneCode.optional(),
  /** `suspended`: the providers taken out of the directory, for their keepers (a Department its province's, administrators all) */
  state: z.enum(['active', 'suspended']).optional(),
  ...pageQuery(30, 200),
});
export type ProviderListQuery = z.input<typeof ProviderListQuery>;

const tags = ['Mạng lưới cung cấp dịch vụ công tác xã hội'] as const;

export const providersApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/providers', tags,
    summary: 'Danh bạ công khai các cơ sở cung cấp dịch vụ công tác xã hội trường học: tìm theo dịch vụ, địa bàn, từ khóa không dấu (cơ sở tạm ngừng: chỉ Sở GDĐT của tỉnh và quản trị)',
    query: ProviderListQuery, responses: { 200: Page(Provider) },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/providers/:id', tags,
    summary: 'Một cơ sở cung cấp dịch vụ: dịch vụ, địa bàn, giờ làm việc, cách chuyển gửi',
    params: Id, responses: { 200: ProviderDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/providers', tags,
    summary: 'Sở GDĐT thêm một cơ sở của tỉnh vào mạng lưới (quản trị: cả dịch vụ toàn quốc)',
    body: ProviderInput, responses: { 201: ProviderDetail },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/providers/:id', tags,
    summary: 'Sửa thông tin, tạm ngừng hoặc mở lại một cơ sở trong mạng lưới',
    params: Id, body: ProviderPatch, responses: { 200: ProviderDetail },
  }),
};
