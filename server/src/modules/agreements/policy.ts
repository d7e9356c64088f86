import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/** An agreement's parties: the donor, the counterpart that signed, and the counterpart's province. */
export interface AgreementTarget { donorId: string; counterpartId: string; counterpartProvince: string | null }

/** Agreements: signed by the Ministry or a Department (or a school, through its Department) with a donor. */
export const agreementPolicy = definePolicy<AgreementTarget, 'read' | 'create' | 'edit'>({
  read: (a, g) => national(a) || a.organisationId === g.donorId || a.organisationId === g.counterpartId || (a.role === 'department' && a.provinceCode === g.counterpartProvince),
  create: (a, g) => national(a) || (a.role === 'department' && (a.organisationId === g.counterpartId || a.provinceCode === g.counterpartProvince)),
  edit: (a, g) => national(a) || (a.role === 'department' && (a.organisationId === g.counterpartId || a.provinceCode === g.counterpartProvince)),
});

/**
 * The read rule as a scope the list can filter on in SQL (the same rule as `read`): national
 * accounts see all; others the agreements their organisation is party to, and a Department also
 * those signed by a counterpart of its province.
 */
export type AgreementScope = { all: true } | { organisationId: string; provinceCode: string | null };
export function agreementScope(a: Actor): AgreementScope | null {
  if (!a.userId || !a.organisationId) return national(a) ? { all: true } : null;
  if (national(a)) return { all: true };
  return { organisationId: a.organisationId, provinceCode: a.role === 'department' ? a.provinceCode : null };
}

/** The list is for signed-in accounts, each seeing the agreements it may read. */
export const listsAgreements = (a: Actor) => !!a.userId;

export const agreementCapabilities = (a: Actor) => ({
  list: listsAgreements(a),
  create: national(a) || a.role === 'department',
});
