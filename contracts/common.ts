/**
 * The API's shared vocabulary: enums used by several domains. Labels for people live in the web
 * app's i18n catalogue; the labels here are how the official lists write them (imports accept both).
 */
import { z } from 'zod';

/**
 * Roles. `commune`: an officer of a commune People's Committee, who since 1 July 2025 holds the
 * former district office's role for the preschools, primary and lower-secondary schools of its
 * commune. `unit`: staff of a unit that reports on plan tasks (a training institution, a
 * Department's office or club, a cluster of schools, the coordination board's secretariat).
 * `counsellor`: school counselling staff or a social worker (tổ tư vấn, Thông tư 18/2025/TT-BGDĐT),
 * of a school or of a provider; `provider`: the staff account of a social-work service provider
 * (a provincial social-work centre, a health service, an NGO), which receives referrals.
 * The roles before them gain nothing on support cases.
 */
export const ROLES = ['admin', 'ministry', 'department', 'school', 'donor', 'commune', 'unit', 'counsellor', 'provider'] as const;
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
  'training_institution', 'department_unit', 'provider',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Which kinds of organisation an account of each role may belong to (creation, role changes). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  admin: ['ministry', 'ministry_unit', 'other'],
  ministry: ['ministry', 'ministry_unit'],
  department: ['department'],
  school: ['school'],
  donor: ['donor'],
  commune: ['commune_committee'],
  unit: ['training_institution', 'department_unit', 'cluster', 'ministry_unit', 'other'],
  counsellor: ['school', 'provider'],
  provider: ['provider'],
};

/**
 * The school levels a commune People's Committee manages since 1 July 2025 (the former district
 * office's role): a school all of whose levels are among these is the commune's to follow.
 */
export const COMMUNE_LEVELS: readonly SchoolLevel[] = ['mam_non', 'tieu_hoc', 'thcs'];
export const isCommuneLevelSchool = (levels: readonly string[]) =>
  levels.length > 0 && levels.every((l) => (COMMUNE_LEVELS as readonly string[]).includes(l));

export const AREA_LEVELS = ['province', 'district', 'commune'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The date the 2025 reform took effect: 34 provinces, communes, no districts. */
export const REFORM_DATE = '2025-07-01';

export const ImportRowError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;
