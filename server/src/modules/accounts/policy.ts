import { definePolicy } from '../../platform/policy.js';
import type { Role } from '../../../../contracts/common.js';

interface AccountTarget {
  role: Role;
  organisationKind: string;
  organisationProvinceCode: string | null;
}

/**
 * Administrators manage every account. A Department officer creates accounts for the schools
 * of its own province (school staff), nothing else.
 */
export const accountPolicy = definePolicy<AccountTarget, 'create' | 'list'>({
  list: (actor) => actor.role === 'admin',
  create: (actor, t) =>
    actor.role === 'admin' ||
    (actor.role === 'department' && t.role === 'school' && t.organisationKind === 'school' && t.organisationProvinceCode === actor.provinceCode),
});
