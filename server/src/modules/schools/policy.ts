import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** What a school rule needs to know about the record. */
export interface SchoolTarget {
  id: string | null;
  provinceCode: string;
}

const departmentOf = (a: Actor, s: SchoolTarget) => a.role === 'department' && a.provinceCode === s.provinceCode;
const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/**
 * Schools: anyone may read the registry (it is public information). The Ministry and
 * administrators act nationwide; a Department officer creates, edits, removes and imports
 * the schools of its own province; school staff edit their own school only. Donors read.
 * The change history is for those who may edit the record, and the Ministry. A school's code
 * and commune are changed by its Department or the Ministry only.
 */
export const schoolPolicy = definePolicy<SchoolTarget, 'read' | 'create' | 'update' | 'delete' | 'viewHistory' | 'import' | 'recode'>({
  read: () => true,
  create: (a, s) => national(a) || departmentOf(a, s),
  update: (a, s) => national(a) || departmentOf(a, s) || (a.role === 'school' && a.organisationId === s.id),
  delete: (a, s) => a.role === 'admin' || departmentOf(a, s),
  viewHistory: (a, s) => national(a) || departmentOf(a, s) || (a.role === 'school' && a.organisationId === s.id),
  import: (a, s) => national(a) || departmentOf(a, s),
  /** change a school's code or commune: the Department or the Ministry, not the school itself */
  recode: (a, s) => national(a) || departmentOf(a, s),
});

/** Whether the actor may create or import schools somewhere (its province, or nationwide). */
export const schoolCapabilities = (a: Actor) => ({
  create: national(a) || a.role === 'department',
  import: national(a) || a.role === 'department',
});
