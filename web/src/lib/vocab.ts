/**
 * The API's enums, repeated here as plain arrays so the web bundle does not pull zod in
 * through contracts/common.ts. The type assertions below fail to compile if they drift.
 */
import type { AreaFlag, Ownership, Role, SchoolLevel } from '../api/types';

export const SCHOOL_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'lien_cap', 'gdtx', 'ptdtnt', 'ptdtbt'] as const satisfies readonly SchoolLevel[];
export const OWNERSHIPS = ['public', 'private'] as const satisfies readonly Ownership[];
export const AREA_FLAGS = ['border', 'island', 'ethnic_minority', 'extremely_difficult', 'industrial_zone'] as const satisfies readonly AreaFlag[];
export const ROLES = ['admin', 'ministry', 'department', 'school', 'donor'] as const satisfies readonly Role[];

type Exhaustive<A extends readonly unknown[], U> = [U] extends [A[number]] ? true : never;
const _levels: Exhaustive<typeof SCHOOL_LEVELS, SchoolLevel> = true;
const _ownerships: Exhaustive<typeof OWNERSHIPS, Ownership> = true;
const _flags: Exhaustive<typeof AREA_FLAGS, AreaFlag> = true;
const _roles: Exhaustive<typeof ROLES, Role> = true;
void [_levels, _ownerships, _flags, _roles];

/** Bounds that show the whole country including Hoàng Sa and Trường Sa. */
export const VIETNAM_BOUNDS: [[number, number], [number, number]] = [
  [102.0, 7.0],
  [118.0, 23.6],
];
