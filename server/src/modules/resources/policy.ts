import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A record placed in the hierarchy: the school it concerns and that school's province. */
export interface Placed { schoolId: string; provinceCode: string }

const dept = (a: Actor, r: Placed) => a.role === 'department' && a.provinceCode === r.provinceCode;
const ownSchool = (a: Actor, r: Placed) => a.role === 'school' && a.organisationId === r.schoolId;
const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/** Facility surveys are public; the school itself, its Department and administrators write them. */
export const surveyPolicy = definePolicy<Placed, 'read' | 'write'>({
  read: () => true,
  write: (a, r) => a.role === 'admin' || dept(a, r) || ownSchool(a, r),
});

/**
 * Needs: a school (or its Department for it) records and submits; the Department verifies,
 * returns, publishes and closes; the school confirms acceptance with evidence. Published needs
 * are public; drafts are seen by the school, its Department and the Ministry.
 */
export const needPolicy = definePolicy<Placed & { isPublic: boolean }, 'read' | 'create' | 'edit' | 'submit' | 'return' | 'verify' | 'publish' | 'accept' | 'close' | 'withdraw'>({
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

/** Vetting donors is the Ministry's Project Management Board with International Cooperation (plan 29 §IV.3.9). */
export const VETTING_UNITS = ['ban-qlcda', 'cuc-htqt'];
export const donorPolicy = definePolicy<{ organisationId: string; actorOrgCode: string | null }, 'read' | 'edit' | 'vet' | 'list'>({
  read: (a, d) => national(a) || a.role === 'department' || a.organisationId === d.organisationId,
  edit: (a, d) => a.role === 'admin' || a.organisationId === d.organisationId,
  vet: (a, d) => a.role === 'admin' || (a.role === 'ministry' && VETTING_UNITS.includes(d.actorOrgCode ?? '')),
  list: (a) => national(a) || a.role === 'department',
});

/** Agreements: signed by the Ministry or a Department (or a school, through its Department) with a donor. */
export const agreementPolicy = definePolicy<{ donorId: string; counterpartId: string; counterpartProvince: string | null }, 'read' | 'create' | 'edit'>({
  read: (a, g) => national(a) || a.organisationId === g.donorId || a.organisationId === g.counterpartId || (a.role === 'department' && a.provinceCode === g.counterpartProvince),
  create: (a, g) => national(a) || (a.role === 'department' && (a.organisationId === g.counterpartId || a.provinceCode === g.counterpartProvince)),
  edit: (a, g) => national(a) || (a.role === 'department' && (a.organisationId === g.counterpartId || a.provinceCode === g.counterpartProvince)),
});

/**
 * The ledger: an approved donor pledges in its own name; the Ministry and Departments record
 * contributions on a donor's behalf (agreements, campaigns). The contributor marks delivery, the
 * receiving school confirms receipt with evidence, the Department accepts (nghiệm thu).
 */
export const contributionPolicy = definePolicy<Placed & { contributorId: string }, 'read' | 'deliver' | 'confirm' | 'accept' | 'cancel'>({
  read: (a, c) => national(a) || dept(a, c) || ownSchool(a, c) || a.organisationId === c.contributorId,
  deliver: (a, c) => a.role === 'admin' || dept(a, c) || a.organisationId === c.contributorId,
  confirm: (a, c) => a.role === 'admin' || dept(a, c) || ownSchool(a, c),
  accept: (a, c) => a.role === 'admin' || dept(a, c),
  cancel: (a, c) => a.role === 'admin' || dept(a, c) || a.organisationId === c.contributorId,
});

/** Pupils and staff receiving gifts: named only inside their school and its Department. */
export const beneficiaryPolicy = definePolicy<Placed, 'read' | 'write'>({
  read: (a, r) => dept(a, r) || ownSchool(a, r),
  write: (a, r) => dept(a, r) || ownSchool(a, r),
});

/** Plan-29 selection: the Ministry's coordinators, and each Department for its own province. */
export const selectionPolicy = definePolicy<{ provinceCode: string }, 'write'>({
  write: (a, r) => national(a) || (a.role === 'department' && a.provinceCode === r.provinceCode),
});
