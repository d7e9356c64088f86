import { definePolicy } from '../../platform/policy.js';
import type { Organisation } from '../../../../contracts/organisations.js';

/**
 * The directory of organisations is public. Administrators create and edit any organisation
 * except schools (which have their own policy); a Department officer edits its own Department's
 * and its province's clusters' details.
 */
export const organisationPolicy = definePolicy<Pick<Organisation, 'id' | 'kind' | 'provinceCode'>, 'read' | 'create' | 'update'>({
  read: () => true,
  create: (actor, o) => actor.role === 'admin' && o.kind !== 'school',
  update: (actor, o) =>
    o.kind !== 'school' &&
    (actor.role === 'admin' ||
      (actor.role === 'department' && (o.id === actor.organisationId || (o.kind === 'cluster' && o.provinceCode === actor.provinceCode)))),
});
