import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';
import type { Area } from '../../../../contracts/areas.js';

/** Areas are public reference data; only an administrator sets or imports their flags. */
export const areaPolicy = definePolicy<Area | null, 'read' | 'setFlags' | 'importFlags'>({
  read: () => true,
  setFlags: (actor) => actor.role === 'admin',
  importFlags: (actor) => actor.role === 'admin',
});

export const areaCapabilities = (actor: Actor) => ({ importFlags: actor.role === 'admin', setFlags: actor.role === 'admin' });
