import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { OrganisationKind, Role } from '../../../../contracts/common.js';

export interface AccountTarget {
  role: Role;
  organisationKind: string;
  organisationProvinceCode: string | null;
  userId?: string;
  active?: boolean;
}

/** The kinds of organisation whose accounts a Department manages, within its own province. */
export const DEPARTMENT_MANAGED_KINDS: readonly OrganisationKind[] = ['school', 'commune_committee'];

/** Whether the actor manages accounts of this organisation: an administrator all, a Department its province's schools and communes. */
export function managesOrganisation(actor: Actor, kind: string, provinceCode: string | null): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'department' && actor.provinceCode !== null && provinceCode === actor.provinceCode
    && (DEPARTMENT_MANAGED_KINDS as readonly string[]).includes(kind);
}

const manages = (actor: Actor, t: AccountTarget) => managesOrganisation(actor, t.organisationKind, t.organisationProvinceCode);
const other = (actor: Actor, t: AccountTarget) => t.userId !== undefined && t.userId !== actor.userId;

/**
 * Administrators manage every account; a Department officer the accounts of its province's
 * schools and commune committees. Nobody changes, ends or resets its own account this way (its
 * own password is changed with the current one).
 */
export const accountPolicy = definePolicy<AccountTarget, 'create' | 'list' | 'deactivate' | 'reactivate' | 'update' | 'resetPassword' | 'viewSignIns' | 'import'>({
  list: (actor) => actor.role === 'admin' || actor.role === 'department',
  create: (actor, t) => manages(actor, t),
  import: (actor) => actor.role === 'admin' || actor.role === 'department',
  deactivate: (actor, t) => manages(actor, t) && other(actor, t) && t.active !== false,
  reactivate: (actor, t) => manages(actor, t) && other(actor, t) && t.active === false,
  update: (actor, t) => manages(actor, t) && other(actor, t),
  resetPassword: (actor, t) => manages(actor, t) && other(actor, t) && t.active !== false,
  // the sign-in history: the account's owner and the administrators
  viewSignIns: (actor, t) => actor.role === 'admin' || (actor.userId !== null && t.userId === actor.userId),
});

const NONE: AccountTarget = { role: 'admin', organisationKind: '', organisationProvinceCode: null };

/** Page-level abilities: the accounts page and the import of school accounts. */
export const accountCapabilities = (actor: Actor) => ({
  list: accountPolicy.list(actor, NONE),
  import: accountPolicy.import(actor, NONE),
});
