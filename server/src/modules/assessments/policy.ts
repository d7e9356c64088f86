import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import { isCommuneLevelSchool } from '../../../../contracts/common.js';

/** An assessment placed in the hierarchy: whose it is, its province, and whether it is a school's (reviewed by the Department) or a Department's (by the Ministry). */
export interface PlacedAssessment {
  organisationId: string; provinceCode: string; subject: 'school' | 'department' | 'commune';
  /** the campaign's reviewer level, the school's commune and levels (commune review) */
  reviewer?: 'department' | 'commune'; communeCode?: string | null; levels?: readonly string[];
}

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
const own = (a: Actor, r: PlacedAssessment) => !!a.userId && !!a.organisationId && a.organisationId === r.organisationId && (a.role === 'school' || a.role === 'department' || a.role === 'commune');
/**
 * The reviewer above: the Department for the schools and communes of its province (Quyết định
 * 4725: the Sở checks, approves or returns and publishes), the Ministry for the Departments
 * (Quyết định 3806).
 */
export const reviews = (a: Actor, r: PlacedAssessment) =>
  r.subject === 'department' ? a.role === 'ministry'
  : communeReviewed(r) ? a.role === 'commune' && !!a.communeCode && a.communeCode === r.communeCode && a.provinceCode === r.provinceCode
  : a.role === 'department' && !!a.provinceCode && a.provinceCode === r.provinceCode;
/** A school reviewed by its commune: the campaign says so and the school is a preschool, primary or lower-secondary one. */
export const communeReviewed = (r: PlacedAssessment) => r.subject === 'school' && r.reviewer === 'commune' && !!r.communeCode && isCommuneLevelSchool(r.levels ?? []);
/** The Department keeps reading its province's assessments when the communes review them. */
const provinceReads = (a: Actor, r: PlacedAssessment) => a.role === 'department' && !!a.provinceCode && a.provinceCode === r.provinceCode && r.subject !== 'department';

/**
 * Assessments: the organisation answers, attaches evidence and submits its own; the reviewer above
 * comments, adjusts the reviewed points, returns, approves and unlocks. Administrators and the
 * Ministry read all; nobody else reads an assessment before it is published (and then only its
 * result, never its evidence).
 */
export const assessmentPolicy = definePolicy<PlacedAssessment, 'read' | 'answer' | 'submit' | 'review' | 'return' | 'approve' | 'unlock'>({
  read: (a, r) => national(a) || own(a, r) || reviews(a, r) || provinceReads(a, r),
  answer: own,
  submit: own,
  review: reviews,
  return: reviews,
  approve: reviews,
  unlock: reviews,
});

/** A campaign's scope for opening: a Department its province's schools and communes; the Ministry the Departments, or any scope. */
export interface CampaignScope { provinceCode: string | null; kinds: readonly string[] }
export const campaignPolicy = definePolicy<CampaignScope, 'open'>({
  open: (a, r) => a.role === 'ministry' || (a.role === 'department' && !!a.provinceCode && r.provinceCode === a.provinceCode && !r.kinds.includes('department')),
});

/** Which campaigns and assessments an actor may list: national all, a Department its province's, an organisation its own; null: none. */
export type AssessmentScope = { provinceCode?: string; organisationId?: string; communeReview?: { provinceCode: string; communeCode: string } };
export function assessmentScope(a: Actor): AssessmentScope | null {
  if (!a.userId) return null;
  if (national(a)) return {};
  if (a.role === 'department' && a.provinceCode) return { provinceCode: a.provinceCode };
  // a commune: its own assessments, and the schools it reviews in campaigns reviewed by the communes
  if (a.role === 'commune' && a.organisationId && a.provinceCode && a.communeCode) return { organisationId: a.organisationId, communeReview: { provinceCode: a.provinceCode, communeCode: a.communeCode } };
  if ((a.role === 'school' || a.role === 'commune') && a.organisationId) return { organisationId: a.organisationId };
  return null;
}

/** Framework versions: the administrator drafts and publishes them. */
export const frameworkPolicy = definePolicy<{ state: string }, 'publish' | 'readDraft'>({
  publish: (a, r) => a.role === 'admin' && r.state === 'draft',
  readDraft: (a) => a.role === 'admin',
});

/** Page-level abilities. */
export const assessmentCapabilities = (a: Actor) => ({
  list: assessmentScope(a) !== null,
  open: a.role === 'department' || a.role === 'ministry',
  frameworks: a.role === 'admin',
});

/** A plan task's indicator sets and the state of their campaigns (counts only): whoever reads the task, that is anyone signed in. */
export const mayReadPlanLinks = (a: Actor) => !!a.userId;
