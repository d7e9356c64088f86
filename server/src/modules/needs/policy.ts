import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A need placed in the hierarchy: its school, that school's province, and whether the public sees it. */
export interface PlacedNeed { schoolId: string; provinceCode: string; isPublic: boolean }

const dept = (a: Actor, r: { provinceCode: string }) => a.role === 'department' && a.provinceCode === r.provinceCode;
const ownSchool = (a: Actor, r: { schoolId: string }) => a.role === 'school' && a.organisationId === r.schoolId;
const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/**
 * Needs: a school (or its Department for it) records and submits; the Department verifies,
 * returns, publishes and closes; the school confirms acceptance with evidence. Published needs
 * are public; drafts are seen by the school, its Department and the Ministry.
 */
export const needPolicy = definePolicy<PlacedNeed, 'read' | 'create' | 'edit' | 'submit' | 'return' | 'verify' | 'publish' | 'accept' | 'close' | 'withdraw'>({
  read: (a, r) => r.isPublic || national(a) || dept(a, r) || ownSchool(a, r),
  create: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  edit: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  submit: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
  return: (a, r) => a.role === 'admin' || dept(a, r),
  verify: (a, r) => a.role === 'admin' || dept(a, r),
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
export function needScope(a: Actor): { schoolId?: string; provinceCode?: string } | null {
  if (!a.userId) return null;
  if (a.role === 'school') return { schoolId: a.organisationId! };
  if (a.role === 'department') return { provinceCode: a.provinceCode! };
  if (national(a)) return {};
  return null;
}

/** Whether the school's needs in every state fall within the actor's scope ("mine" covers them). */
export function seesAllNeedsOf(a: Actor, school: { schoolId: string; provinceCode: string }): boolean {
  const scope = needScope(a);
  if (!scope) return false;
  return (scope.schoolId ?? school.schoolId) === school.schoolId && (scope.provinceCode ?? school.provinceCode) === school.provinceCode;
}

/** Page-level abilities: record a need, open the verification queue, verify. */
export const needCapabilities = (a: Actor) => ({
  create: a.role === 'admin' || a.role === 'department' || a.role === 'school',
  queue: national(a) || a.role === 'department',
  verify: a.role === 'admin' || a.role === 'department',
});
