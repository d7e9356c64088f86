import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** The home is read by any signed-in account, for its own organisation and scope. */
export const homePolicy = definePolicy<null, 'read'>({
  read: (a) => a.userId !== null,
});

/** Which home an account gets: by role; a role without one of its own gets none (the general links). */
export type HomeKind = 'school' | 'department' | 'commune' | 'unit' | 'donor' | 'ministry' | 'admin' | 'counsellor' | 'provider' | null;
export function homeKind(a: Actor): HomeKind {
  switch (a.role) {
    case 'school': case 'department': case 'commune': case 'unit': case 'donor': case 'ministry': case 'admin': return a.organisationId || a.role === 'admin' ? a.role : null;
    // the accounts that work on cases: their own cases and referrals (cases/service.ts homeSections)
    case 'counsellor': case 'provider': return a.organisationId ? a.role : null;
    default: return null;
  }
}
