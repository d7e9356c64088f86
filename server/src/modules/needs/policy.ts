import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import { COMMUNE_LEVELS, isCommuneLevelSchool } from '../../../../contracts/common.js';

/**
 * A need placed in the hierarchy: its school, that school's province, and whether the public sees
 * it; its commune and the school's levels decide whether the commune's People's Committee follows it.
 */
export interface PlacedNeed { schoolId: string; provinceCode: string; isPublic: boolean; communeCode?: string; levels?: readonly string[] }

/**
 * Who verifies a school's submitted needs first. Since 1 July 2025 the commune's People's
 * Committee holds the former district office's role for the preschools, primary and
 * lower-secondary schools of its commune: it verifies (or returns) their needs. Other schools
 * (upper-secondary, continuing education, boarding, mixed levels reaching THPT) are the
 * Department's. The Department keeps the power for every school of its province (it may act
 * when a commune does not); notifications address the first verifier.
 */
export function needVerifier(school: { levels: readonly string[] }): 'commune' | 'department' {
  return isCommuneLevelSchool(school.levels) ? 'commune' : 'department';
}

const dept = (a: Actor, r: { provinceCode: string }) => a.role === 'department' && a.provinceCode === r.provinceCode;
const ownSchool = (a: Actor, r: { schoolId: string }) => a.role === 'school' && a.organisationId === r.schoolId;
const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
/** The commune People's Committee of the need's school, when that school is of the commune's levels. */
const commune = (a: Actor, r: PlacedNeed) =>
  a.role === 'commune' && !!a.communeCode && a.communeCode === r.communeCode && a.provinceCode === r.provinceCode && !!r.levels && needVerifier({ levels: r.levels }) === 'commune';

/**
 * Needs: a school (or its Department for it) records and submits; the Department verifies,
 * returns, publishes and closes; the school confirms acceptance with evidence. Published needs
 * are public; drafts are seen by the school, its Department and the Ministry. For preschools,
 * primary and lower-secondary schools the commune's People's Committee sees their needs and
 * verifies or returns the submitted ones (`needVerifier`); publishing stays with the Department.
 */
export const needPolicy = definePolicy<PlacedNeed, 'read' | 'create' | 'edit' | 'submit' | 'return' | 'verify' | 'publish' | 'accept' | 'close' | 'withdraw'>({
  read: (a, r) => r.isPublic || national(a) || dept(a, r) || ownSchool(a, r) || commune(a, r),
  create: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  edit: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  submit: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  return: (a, r) => a.role === 'admin' || dept(a, r) || commune(a, r),
  verify: (a, r) => a.role === 'admin' || dept(a, r) || commune(a, r),
  publish: (a, r) => a.role === 'admin' || dept(a, r),
  accept: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  close: (a, r) => a.role === 'admin' || dept(a, r),
  withdraw: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
});

/**
 * The needs "mine" covers beyond the published ones: a school's own, a Department's province,
 * everything for the Ministry and administrators; null when the actor has no such scope (the
 * public, donors), who then see published needs only.
 */
export function needScope(a: Actor): { schoolId?: string; provinceCode?: string; communeCode?: string; schoolLevelsWithin?: readonly string[] } | null {
  if (!a.userId) return null;
  if (a.role === 'school') return { schoolId: a.organisationId! };
  if (a.role === 'department') return { provinceCode: a.provinceCode! };
  if (a.role === 'commune' && a.provinceCode && a.communeCode) return { provinceCode: a.provinceCode, communeCode: a.communeCode, schoolLevelsWithin: COMMUNE_LEVELS };
  if (national(a)) return {};
  return null;
}

/** Whether the school's needs in every state fall within the actor's scope ("mine" covers them). */
export function seesAllNeedsOf(a: Actor, school: { schoolId: string; provinceCode: string; communeCode?: string; levels?: readonly string[] }): boolean {
  const scope = needScope(a);
  if (!scope) return false;
  if (scope.communeCode) return commune(a, { ...school, isPublic: false });
  return (scope.schoolId ?? school.schoolId) === school.schoolId && (scope.provinceCode ?? school.provinceCode) === school.provinceCode;
}

/** Page-level abilities: record a need, open the verification queue, verify. */
export const needCapabilities = (a: Actor) => ({
  create: a.role === 'admin' || a.role === 'department' || a.role === 'school',
  queue: national(a) || a.role === 'department' || a.role === 'commune',
  verify: a.role === 'admin' || a.role === 'department' || a.role === 'commune',
  /** publishing stays with the Department (a commune verifies only) */
  publish: a.role === 'admin' || a.role === 'department',
});
