import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from '../../../../contracts/common.js';

interface AccountTarget {
  role: Role;
  organisationKind: string;
  organisationProvinceCode: string | null;
  userId?: string;
  active?: boolean;
}

/**
 * Administrators manage every account. A Department officer creates accounts for the schools
 * of its own province (school staff), nothing else.
 */
export const accountPolicy = definePolicy<AccountTarget, 'create' | 'list' | 'deactivate'>({
  list: (actor) => actor.role === 'admin',
  // an administrator ends an account (a leaked password, someone who left); never its own
  deactivate: (actor, t) => actor.role === 'admin' && t.userId !== actor.userId && t.active !== false,
  create: (actor, t) =>
    actor.role === 'admin' ||
    (actor.role === 'department' && t.role === 'school' && t.organisationKind === 'school' && t.organisationProvinceCode === actor.provinceCode),
});

/** Page-level abilities: the accounts list (and its deactivate buttons) is the administrators'. */
export const accountCapabilities = (actor: Actor) => ({ list: accountPolicy.list(actor, { role: 'admin', organisationKind: '', organisationProvinceCode: null }) });
