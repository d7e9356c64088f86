import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { Organisation } from '../../../../contracts/organisations.js';

export type OrganisationTarget = Pick<Organisation, 'id' | 'kind' | 'provinceCode'>;

const admin = (a: Actor) => a.role === 'admin';

/**
 * The directory of organisations is public. Administrators create and edit any organisation
 * except schools (which have their own policy); a Department officer edits its own Department's
 * and its province's clusters' details.
 */
export const organisationPolicy = definePolicy<OrganisationTarget, 'read' | 'create' | 'update'>({
  read: () => true,
  create: (actor, o) => admin(actor) && o.kind !== 'school',
  update: (actor, o) =>
    o.kind !== 'school' &&
    (admin(actor) ||
      (actor.role === 'department' && (o.id === actor.organisationId || (o.kind === 'cluster' && o.provinceCode === actor.provinceCode)))),
});

/** Whether the actor may add organisations to the directory. */
export const organisationCapabilities = (a: Actor) => ({
  create: admin(a),
});
