import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { Organisation } from '../../../../contracts/organisations.js';

export type OrganisationTarget = Pick<Organisation, 'id' | 'kind' | 'provinceCode'>;

const admin = (a: Actor) => a.role === 'admin';

/**
 * The fields of an organisation that decide what its accounts may see and do: its code (vetting
 * units, the Hanoi Department and task leads are known by code), its parent (a Department's
 * clusters), its province and its commune. Its kind is set at creation and never changes.
 */
export const SCOPE_FIELDS = ['code', 'parentId', 'provinceCode', 'communeCode'] as const;

/**
 * The directory of organisations is public. Administrators create and edit any organisation
 * except schools (which have their own policy); a Department officer edits its own Department's
 * and its province's clusters' details (names), never what decides scope: only an administrator
 * changes an organisation's code, parent, province or commune.
 */
export const organisationPolicy = definePolicy<OrganisationTarget, 'read' | 'create' | 'update' | 'changeScope'>({
  read: () => true,
  create: (actor, o) => admin(actor) && o.kind !== 'school',
  update: (actor, o) =>
    o.kind !== 'school' &&
    (admin(actor) ||
      (actor.role === 'department' && (o.id === actor.organisationId || (o.kind === 'cluster' && o.provinceCode === actor.provinceCode)))),
  changeScope: (actor, o) => admin(actor) && o.kind !== 'school',
});

/** Whether the actor may add organisations to the directory. */
export const organisationCapabilities = (a: Actor) => ({
  create: admin(a),
});
