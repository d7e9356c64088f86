import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** The system-wide audit trail is the administrators'; each record's own history follows its module's policy. */
export const auditPolicy = definePolicy<null, 'log'>({
  log: (actor) => actor.role === 'admin',
});

export const auditCapabilities = (actor: Actor) => ({ log: auditPolicy.log(actor, null) });
