import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/**
 * A case as the rules see it: its school and province, who is assigned to it now (and who leads),
 * and whether the asking account holds a break-glass grant on it.
 */
export interface PlacedCase {
  schoolId: string; provinceCode: string; assigned: readonly string[]; leads: readonly string[]; granted: boolean;
  /** the asking account is its Department's focal point for school social work (or the Department named none) */
  focal?: boolean;
}

const assigned = (a: Actor, c: PlacedCase) => !!a.userId && c.assigned.includes(a.userId);
/** The school's head: the school account of the case's school (Thông tư 18/2025: the principal sets up the counselling team). */
const head = (a: Actor, c: PlacedCase) => a.role === 'school' && a.organisationId === c.schoolId;
/** A counsellor of the case's school, not (yet) assigned. */
const schoolCounsellor = (a: Actor, c: PlacedCase) => a.role === 'counsellor' && a.organisationId === c.schoolId;
/** The Department of the case's province (its focal point for school social work). */
const department = (a: Actor, c: PlacedCase) => a.role === 'department' && !!a.provinceCode && a.provinceCode === c.provinceCode;

/**
 * Need-to-know. Only the staff assigned to a case read it and work on it; an account holding a
 * break-glass grant reads it for the grant's time. The school's head sees that it exists and its
 * deadlines (the summary) and may assign staff; the head and the Department's focal point read
 * its access log. Nobody else, administrators and the Ministry included, learns anything of it.
 */
export const casePolicy = definePolicy<PlacedCase, 'read' | 'readSummary' | 'edit' | 'move' | 'addEntry' | 'refer' | 'assign' | 'unassign' | 'viewLog' | 'breakGlass' | 'export'>({
  read: (a, c) => assigned(a, c) || c.granted,
  readSummary: (a, c) => assigned(a, c) || c.granted || head(a, c),
  edit: (a, c) => assigned(a, c),
  move: (a, c) => assigned(a, c),
  addEntry: (a, c) => assigned(a, c),
  refer: (a, c) => assigned(a, c),
  assign: (a, c) => (!!a.userId && c.leads.includes(a.userId)) || head(a, c),
  /** take someone off the case: a member of the assignment (themselves included) or the school's head */
  unassign: (a, c) => assigned(a, c) || head(a, c),
  viewLog: (a, c) => head(a, c) || (department(a, c) && !!c.focal),
  breakGlass: (a, c) => !assigned(a, c) && (head(a, c) || schoolCounsellor(a, c) || department(a, c)),
  /** the whole case as a document: the staff assigned only (a break-glass reader reads, it does not take a copy away) */
  export: (a, c) => assigned(a, c),
});

/** A referral as the rules see it: the receiving organisation (null: referred outside the platform) and the case's assignment. */
export interface PlacedReferral { providerOrgId: string | null; caseAssigned: readonly string[] }
const receiving = (a: Actor, r: PlacedReferral) =>
  !!r.providerOrgId && (a.role === 'provider' || a.role === 'counsellor') && a.organisationId === r.providerOrgId;
const caseStaff = (a: Actor, r: PlacedReferral) => !!a.userId && r.caseAssigned.includes(a.userId);

/**
 * A referral is read by the receiving provider's staff (only what was shared) and by the case's
 * staff. The provider answers it; when the provider has no account (phone, letter), the case's
 * staff record its answer. The case's staff may withdraw it.
 */
export const referralPolicy = definePolicy<PlacedReferral, 'read' | 'answer' | 'withdraw'>({
  read: (a, r) => receiving(a, r) || caseStaff(a, r),
  answer: (a, r) => receiving(a, r) || (!r.providerOrgId && caseStaff(a, r)),
  withdraw: (a, r) => caseStaff(a, r),
});

/** Where an account may list cases: its assignments (counsellors), its school's cases as summaries (heads); null: nowhere. */
export function caseListScope(a: Actor): { assignedTo?: string; schoolId?: string } | null {
  if (!a.userId) return null;
  if (a.role === 'counsellor') return { assignedTo: a.userId };
  if (a.role === 'school' && a.organisationId) return { schoolId: a.organisationId, assignedTo: a.userId };
  return null;
}

/** Where an account reads the access log: its school (head) or its province (Department). */
export function accessLogScope(a: Actor): { schoolId?: string; provinceCode?: string } | null {
  if (a.role === 'school' && a.organisationId) return { schoolId: a.organisationId };
  if (a.role === 'department' && a.provinceCode) return { provinceCode: a.provinceCode };
  return null;
}

/** Statistics without identities: a Department its province, the Ministry every province. */
export function statisticsScope(a: Actor): { provinceCode?: string } | null {
  if (a.role === 'department' && a.provinceCode) return { provinceCode: a.provinceCode };
  if (a.role === 'ministry') return {};
  return null;
}

/** A counsellor of a school opens its cases. */
export const mayOpenCase = (a: Actor, schoolId: string) => a.role === 'counsellor' && a.organisationKind === 'school' && a.organisationId === schoolId;

/** Page-level abilities. */
export const caseCapabilities = (a: Actor) => ({
  list: caseListScope(a) !== null,
  create: a.role === 'counsellor' && a.organisationKind === 'school',
  inbox: a.role === 'provider' || a.role === 'counsellor',
  accessLog: accessLogScope(a) !== null,
  statistics: statisticsScope(a) !== null,
});
