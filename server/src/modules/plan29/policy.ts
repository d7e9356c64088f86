import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
const dept = (a: Actor, r: { provinceCode: string }) => a.role === 'department' && a.provinceCode === r.provinceCode;

/** Pupils and staff receiving gifts: named only inside their school and its Department. */
export const beneficiaryPolicy = definePolicy<{ schoolId: string; provinceCode: string }, 'read' | 'write'>({
  read: (a, r) => dept(a, r) || (a.role === 'school' && a.organisationId === r.schoolId),
  write: (a, r) => dept(a, r) || (a.role === 'school' && a.organisationId === r.schoolId),
});

/** Plan-29 selection: the Ministry's coordinators, and each Department for its own province. */
export const selectionPolicy = definePolicy<{ provinceCode: string }, 'write'>({
  write: (a, r) => national(a) || dept(a, r),
});

export const plan29Capabilities = (a: Actor) => ({
  select: national(a) || a.role === 'department',
  beneficiaries: a.role === 'department' || a.role === 'school',
});
