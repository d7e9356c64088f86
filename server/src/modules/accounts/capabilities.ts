import type { Actor } from '../../platform/actor.js';
import type { Capabilities } from '../../platform/policy.js';
import { areaCapabilities } from '../areas/policy.js';
import { schoolCapabilities } from '../schools/policy.js';
import { plansCapabilities } from '../plans/policy.js';

/**
 * Every module's capabilities (policy.ts), by module name. A module adds its line here; the web
 * reads them from /auth/me as `can['<module>.<action>']`.
 */
const MODULES: Record<string, Capabilities> = {
  areas: areaCapabilities,
  schools: schoolCapabilities,
  plans: plansCapabilities,
};

export function capabilitiesOf(actor: Actor): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [module, fn] of Object.entries(MODULES)) for (const [action, ok] of Object.entries(fn(actor))) out[`${module}.${action}`] = ok;
  return out;
}
