import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A contribution placed in the hierarchy: the receiving school, its province, and the giver. */
export interface PlacedContribution { schoolId: string; provinceCode: string; contributorId: string }

const dept = (a: Actor, r: { provinceCode: string }) => a.role === 'department' && a.provinceCode === r.provinceCode;
const ownSchool = (a: Actor, r: { schoolId: string }) => a.role === 'school' && a.organisationId === r.schoolId;
const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/**
 * The ledger: the contributor marks delivery, the receiving school confirms receipt with
 * evidence, the Department accepts (nghiệm thu); each sees the rows it takes part in.
 */
export const contributionPolicy = definePolicy<PlacedContribution, 'read' | 'deliver' | 'confirm' | 'accept' | 'cancel'>({
  read: (a, c) => national(a) || dept(a, c) || ownSchool(a, c) || a.organisationId === c.contributorId,
  deliver: (a, c) => a.role === 'admin' || dept(a, c) || a.organisationId === c.contributorId,
  confirm: (a, c) => a.role === 'admin' || dept(a, c) || ownSchool(a, c),
  accept: (a, c) => a.role === 'admin' || dept(a, c),
  cancel: (a, c) => a.role === 'admin' || dept(a, c) || a.organisationId === c.contributorId,
});

/**
 * Recording a contribution. A donor pledges in its own name once the Ministry's board has
 * approved it; the Ministry, administrators and Departments record on a giver's behalf
 * (agreements, campaigns), a Department only for the schools of its province; a school records
 * only its own gifts (twinning). Only the Ministry and Departments record past gifts with their date.
 */
export const pledgeRules = {
  /** Pledges in its own name (a donor organisation). */
  inOwnName: (a: Actor) => a.role === 'donor',
  /** Records on a giver's behalf (agreements, campaigns): the Ministry, administrators and Departments. */
  onBehalf: (a: Actor) => national(a) || a.role === 'department',
  /** The donor's pledge needs its vetting approved. */
  donorMayPledge: (vetting: string | null) => vetting === 'approved',
  /** Names the giver of the row it records: on a donor's behalf, or a school for itself. */
  namesGiver: (a: Actor) => national(a) || a.role === 'department' || a.role === 'school',
  /** A school gives only in its own name. */
  givesAs: (a: Actor, contributorId: string) => a.role !== 'school' || a.organisationId === contributorId,
  /** A Department records for the schools of its own province. */
  forSchoolIn: (a: Actor, provinceCode: string) => a.role !== 'department' || a.provinceCode === provinceCode,
  /** Records a gift given before today, with its date. */
  recordsPast: (a: Actor) => national(a) || a.role === 'department',
};

/**
 * What the actor may record against one need of the school's province: pledge in its own name,
 * or record on a giver's behalf (a Department only for the schools of its own province).
 */
export const needPledging = (a: Actor, need: { provinceCode: string }) => ({
  pledge: pledgeRules.inOwnName(a),
  recordOnBehalf: pledgeRules.onBehalf(a) && pledgeRules.forSchoolIn(a, need.provinceCode),
});

/** The rows of the ledger an actor's list covers (SQL conditions built by the repository). */
export type LedgerScope = { all: true } | { provinceCode: string } | { schoolOrGiver: string } | { giver: string };

export function ledgerScope(a: Actor): LedgerScope | null {
  if (!a.userId) return null;
  if (a.role === 'department') return { provinceCode: a.provinceCode! };
  if (a.role === 'school') return { schoolOrGiver: a.organisationId! };
  if (a.role === 'donor') return { giver: a.organisationId! };
  return { all: true };
}

/** Page-level abilities of the ledger. */
export const ledgerCapabilities = (a: Actor) => ({
  list: !!a.userId,
  pledge: pledgeRules.inOwnName(a),
  recordOnBehalf: pledgeRules.onBehalf(a),
  recordOwnGift: a.role === 'school',
  recordPast: pledgeRules.recordsPast(a),
});
