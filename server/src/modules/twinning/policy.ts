import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import { BORDER_PROVINCES, HANOI } from './domain.js';

/** A pair as the rules see it: its two sides and their provinces. */
export interface PairTarget { hanoiSchoolId: string | null; hanoiClusterId: string | null; hanoiClusterOfSchool: string | null; borderSchoolId: string; borderProvince: string }

const hanoiDept = (a: Actor) => a.role === 'department' && a.provinceCode === HANOI;
const isHanoiSide = (a: Actor, p: PairTarget) => a.role === 'school' && a.organisationId !== null && a.organisationId === p.hanoiSchoolId;
const isBorderSide = (a: Actor, p: PairTarget) => a.role === 'school' && a.organisationId === p.borderSchoolId;

/**
 * The Hanoi Department pairs schools and manages pairs; both schools of a pair see it, plan it
 * and log activities (each edits only what it logged; the receiving school confirms); the
 * Departments of Sơn La, Lai Châu and Điện Biên follow their schools' pairs; the Ministry reads.
 */
export const pairPolicy = definePolicy<PairTarget, 'read' | 'manage' | 'plan' | 'log'>({
  read: (a, p) => a.role === 'admin' || a.role === 'ministry' || hanoiDept(a) || (a.role === 'department' && a.provinceCode === p.borderProvince) || isHanoiSide(a, p) || isBorderSide(a, p),
  manage: (a) => a.role === 'admin' || hanoiDept(a),
  plan: (a, p) => a.role === 'admin' || hanoiDept(a) || isHanoiSide(a, p) || isBorderSide(a, p),
  log: (a, p) => a.role === 'admin' || isHanoiSide(a, p) || isBorderSide(a, p),
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
    (r.level === 'department' && (hanoiDept(a) || (r.status === 'submitted' && (a.role === 'ministry' || (a.role === 'department' && BORDER_PROVINCES.includes(a.provinceCode ?? '')))))),
  write: (a, r) => a.role === 'admin' || (r.level === 'cluster' ? a.role === 'school' && a.organisationId === r.leadSchoolId : hanoiDept(a)),
});
