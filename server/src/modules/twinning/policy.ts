import { allowed, definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import { BORDER_PROVINCES, HANOI } from '../../../../contracts/twinning.js';
import { isCommuneLevelSchool } from '../../../../contracts/common.js';

/** A pair as the rules see it: its two sides and their provinces. */
export interface PairTarget {
  hanoiSchoolId: string | null; hanoiClusterId: string | null; hanoiClusterOfSchool: string | null; borderSchoolId: string; borderProvince: string;
  /** the border school's commune and levels: its commune's People's Committee follows a preschool, primary or lower-secondary school's pair */
  borderCommune?: string; borderLevels?: readonly string[];
}

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
const hanoiDept = (a: Actor) => a.role === 'department' && a.provinceCode === HANOI;
const borderDept = (a: Actor) => a.role === 'department' && (BORDER_PROVINCES as readonly string[]).includes(a.provinceCode ?? '');
const isHanoiSide = (a: Actor, p: PairTarget) => a.role === 'school' && a.organisationId !== null && a.organisationId === p.hanoiSchoolId;
const isBorderSide = (a: Actor, p: PairTarget) => a.role === 'school' && a.organisationId === p.borderSchoolId;
const borderCommune = (a: Actor, p: PairTarget) =>
  a.role === 'commune' && !!a.communeCode && a.communeCode === p.borderCommune && a.provinceCode === p.borderProvince && isCommuneLevelSchool(p.borderLevels ?? []);

/** The school an activity is logged in the name of: a school account's own; for an administrator, the Hanoi school (else the border school). */
export function loggingSchool(a: Actor, p: PairTarget): string {
  return a.role === 'school' && a.organisationId ? a.organisationId : (p.hanoiSchoolId ?? p.borderSchoolId);
}

const logActivity = (a: Actor, p: PairTarget) => a.role === 'admin' || isHanoiSide(a, p) || isBorderSide(a, p);

/**
 * The Hanoi Department pairs schools and manages pairs; both schools of a pair see it, plan it
 * and log activities (each edits only what it logged; the receiving school confirms, and only
 * the giving side records a material support); the Departments of Sơn La, Lai Châu and Điện Biên
 * follow their schools' pairs; the Ministry reads; a commune's People's Committee follows the
 * pairs of its preschools, primary and lower-secondary schools.
 */
export const pairPolicy = definePolicy<PairTarget, 'read' | 'changeStatus' | 'editPlan' | 'logActivity' | 'logSupport'>({
  read: (a, p) => national(a) || hanoiDept(a) || (a.role === 'department' && a.provinceCode === p.borderProvince) || isHanoiSide(a, p) || isBorderSide(a, p) || borderCommune(a, p),
  changeStatus: (a) => a.role === 'admin' || hanoiDept(a),
  editPlan: (a, p) => a.role === 'admin' || hanoiDept(a) || isHanoiSide(a, p) || isBorderSide(a, p),
  logActivity,
  // the receiving school does not write support to the ledger: the Hanoi side gives, the border school confirms
  logSupport: (a, p) => logActivity(a, p) && loggingSchool(a, p) !== p.borderSchoolId,
});

export const activityPolicy = definePolicy<PairTarget & { loggedBy: string }, 'edit' | 'confirm'>({
  edit: (a, t) => a.role === 'admin' || (a.role === 'school' && a.organisationId === t.loggedBy),
  // the other school of the pair confirms (the receiving one)
  confirm: (a, t) => a.role === 'admin' || (a.role === 'school' && a.organisationId !== t.loggedBy && (a.organisationId === t.borderSchoolId || a.organisationId === t.hanoiSchoolId)),
});

export interface ReportTarget { level: 'cluster' | 'department'; organisationId: string; status: 'draft' | 'submitted'; leadSchoolId: string | null }

/** A cluster's report is written by its lead school; the Hanoi Department sees it once submitted. One cluster never sees another's draft. */
export const reportPolicy = definePolicy<ReportTarget, 'read' | 'write'>({
  read: (a, r) => a.role === 'admin' ||
    (r.level === 'cluster' && ((a.role === 'school' && a.organisationId === r.leadSchoolId) || (r.status === 'submitted' && (hanoiDept(a) || a.role === 'ministry')))) ||
    (r.level === 'department' && (hanoiDept(a) || (r.status === 'submitted' && (a.role === 'ministry' || borderDept(a))))),
  write: (a, r) => a.role === 'admin' || (r.level === 'cluster' ? a.role === 'school' && a.organisationId === r.leadSchoolId : hanoiDept(a)),
});

/**
 * What is not about one record: the Hanoi Department pairs schools and reminds idle pairs; it
 * writes the Department's report and, with the Ministry, follows who has submitted; a school
 * reads its cluster's report (written by the lead school); the Ministry and the Departments open
 * the dashboard.
 */
export const programmePolicy = definePolicy<null, 'createPair' | 'remind' | 'departmentReport' | 'clusterReport' | 'submissions' | 'reports' | 'dashboard'>({
  createPair: (a) => a.role === 'admin' || hanoiDept(a),
  remind: (a) => a.role === 'admin' || hanoiDept(a),
  departmentReport: (a) => hanoiDept(a),
  clusterReport: (a) => a.role === 'school',
  submissions: (a) => national(a) || hanoiDept(a),
  reports: (a) => national(a) || hanoiDept(a) || a.role === 'school',
  dashboard: (a) => national(a) || a.role === 'department',
});

/** The twinning pages and actions the account may open (/auth/me: `twinning.createPair` …). */
export const twinningCapabilities = (a: Actor) => allowed(programmePolicy, a, null);

/**
 * A Department's focal point for the programme (seed 001 §III.6): the Department edits its own;
 * administrators any. Everyone reads them (they are published in the plan).
 */
export const focalPointPolicy = definePolicy<{ departmentId: string }, 'edit'>({
  edit: (a, f) => a.role === 'admin' || (a.role === 'department' && a.organisationId === f.departmentId),
});
