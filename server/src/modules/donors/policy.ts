import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/** Vetting donors is the Ministry's Project Management Board with International Cooperation (plan 29 §IV.3.9). */
export const VETTING_UNITS = ['ban-qlcda', 'cuc-htqt'];

/** A donor profile, and the code of the actor's own organisation (vetting units are known by code). */
export interface DonorTarget { organisationId: string; actorOrgCode: string | null }

export const donorPolicy = definePolicy<DonorTarget, 'read' | 'edit' | 'vet'>({
  read: (a, d) => national(a) || a.role === 'department' || a.organisationId === d.organisationId,
  edit: (a, d) => a.role === 'admin' || a.organisationId === d.organisationId,
  vet: (a, d) => a.role === 'admin' || (a.role === 'ministry' && VETTING_UNITS.includes(d.actorOrgCode ?? '')),
});

/** Who lists donors: the Ministry, administrators and Departments. */
export const listsDonors = (a: Actor) => national(a) || a.role === 'department';

export const donorCapabilities = (a: Actor) => ({
  list: listsDonors(a),
});
