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

/** The list is for signed-in accounts, each seeing the agreements it may read. */
export const listsAgreements = (a: Actor) => !!a.userId;

export const agreementCapabilities = (a: Actor) => ({
  list: listsAgreements(a),
  create: national(a) || a.role === 'department',
});
