/**
 * The API's shared vocabulary: enums and zod schemas used by the server (validation, OpenAPI)
 * and by the web app (types). Labels for people live in the web app's i18n catalogue.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'ministry', 'department', 'school', 'donor'] as const;
export type Role = (typeof ROLES)[number];

export const SCHOOL_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'lien_cap', 'gdtx', 'ptdtnt', 'ptdtbt'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
/** How the official lists write each level; used by imports to accept either form. */
export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = {
  mam_non: 'Mầm non',
  tieu_hoc: 'Tiểu học',
  thcs: 'THCS',
  thpt: 'THPT',
  lien_cap: 'Liên cấp',
  gdtx: 'GDTX',
  ptdtnt: 'PTDTNT',
  ptdtbt: 'PTDTBT',
};

export const OWNERSHIPS = ['public', 'private'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, string> = { public: 'Công lập', private: 'Ngoài công lập' };

export const AREA_FLAGS = ['border', 'island', 'ethnic_minority', 'extremely_difficult', 'industrial_zone'] as const;
export type AreaFlag = (typeof AREA_FLAGS)[number];
export const AREA_FLAG_LABELS: Record<AreaFlag, string> = {
  border: 'Xã biên giới',
  island: 'Hải đảo',
  ethnic_minority: 'Vùng đồng bào dân tộc thiểu số',
  extremely_difficult: 'Xã đặc biệt khó khăn',
  industrial_zone: 'Khu công nghiệp',
};

export const ORGANISATION_KINDS = [
  'ministry', 'ministry_unit', 'department', 'cluster', 'commune_committee', 'school', 'donor', 'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const AREA_LEVELS = ['province', 'district', 'commune'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The date the 2025 reform took effect: 34 provinces, communes, no districts. */
export const REFORM_DATE = '2025-07-01';

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
export const SchoolPatch = SchoolInput.partial();

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

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number() });

export const ImportRowError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const Me = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  organisation: Organisation,
});
export type Me = z.infer<typeof Me>;

export const SignIn = z.object({
  email: z.string().trim().email('E-mail không hợp lệ').max(200),
  password: z.string().min(1, 'Nhập mật khẩu').max(200),
});

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorLabel: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
