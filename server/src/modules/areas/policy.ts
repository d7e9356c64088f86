import { definePolicy } from '../../platform/policy.js';
import type { Area } from '../../../../contracts/index.js';

/** Areas are public reference data; only an administrator sets or imports their flags. */
export const areaPolicy = definePolicy<Area | null, 'read' | 'setFlags' | 'importFlags'>({
  read: () => true,
  setFlags: (actor) => actor.role === 'admin',
  importFlags: (actor) => actor.role === 'admin',
});
