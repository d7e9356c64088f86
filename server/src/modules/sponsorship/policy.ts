import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import { COMMUNE_LEVELS } from '../../../../contracts/common.js';
import { needVerifier } from '../needs/policy.js';

/** A plan placed in the hierarchy: its school, the school's province, commune and levels. */
export interface PlacedPlan { schoolId: string; provinceCode: string; communeCode: string; levels: readonly string[] }

/**
 * Who approves a school's sponsorship mobilisation plan (Thông tư 16/2018 Art. 5, since 1 July
 * 2025): the commune's People's Committee for its preschools, primary and lower-secondary schools
 * (the former district office's role), the Department for the others. The same rule as who
 * verifies a school's needs first (`needs/policy.ts` `needVerifier`).
 */
export const planApprover = (school: { levels: readonly string[] }): 'commune' | 'department' => needVerifier(school);

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
const dept = (a: Actor, r: PlacedPlan) => a.role === 'department' && a.provinceCode === r.provinceCode;
const ownSchool = (a: Actor, r: PlacedPlan) => a.role === 'school' && a.organisationId === r.schoolId;
/** The commune People's Committee of the plan's school, when that school is of the commune's levels. */
const commune = (a: Actor, r: PlacedPlan) =>
  a.role === 'commune' && !!a.communeCode && a.communeCode === r.communeCode && a.provinceCode === r.provinceCode && planApprover({ levels: r.levels }) === 'commune';

/**
 * Sponsorship plans: the school drafts, edits (draft or returned) and submits its own; its approver
 * (the commune for commune-level schools) approves or returns it; the Department may act for any
 * school of its province. The Ministry and administrators read; nobody else sees a plan.
 */
export const planPolicy = definePolicy<PlacedPlan, 'read' | 'create' | 'edit' | 'submit' | 'approve' | 'return'>({
  read: (a, r) => national(a) || dept(a, r) || ownSchool(a, r) || commune(a, r),
  create: (a, r) => ownSchool(a, r),
  edit: (a, r) => ownSchool(a, r),
  submit: (a, r) => ownSchool(a, r),
  approve: (a, r) => dept(a, r) || commune(a, r),
  return: (a, r) => dept(a, r) || commune(a, r),
});

/** The read rule as a filter: a school its own plans, a commune its schools', a Department its province's, national accounts all; null: none. */
export type PlanScope = { schoolId?: string; provinceCode?: string; communeCode?: string; schoolLevelsWithin?: readonly string[] };
export function planScope(a: Actor): PlanScope | null {
  if (!a.userId) return null;
  if (a.role === 'school' && a.organisationId) return { schoolId: a.organisationId };
  if (a.role === 'department' && a.provinceCode) return { provinceCode: a.provinceCode };
  if (a.role === 'commune' && a.provinceCode && a.communeCode) return { provinceCode: a.provinceCode, communeCode: a.communeCode, schoolLevelsWithin: COMMUNE_LEVELS };
  if (national(a)) return {};
  return null;
}

/** Page-level abilities: list plans, draft one (a school), work the approval queue. */
export const sponsorshipCapabilities = (a: Actor) => ({
  list: planScope(a) !== null,
  create: a.role === 'school',
  approve: a.role === 'department' || a.role === 'commune',
});
