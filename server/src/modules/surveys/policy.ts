import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A survey's school and that school's province. */
export interface SurveyTarget { schoolId: string; provinceCode: string }

/** Facility surveys are public; the school itself, its Department and administrators write them. */
export const surveyPolicy = definePolicy<SurveyTarget, 'read' | 'write'>({
  read: () => true,
  write: (a, r) => a.role === 'admin' || (a.role === 'department' && a.provinceCode === r.provinceCode) || (a.role === 'school' && a.organisationId === r.schoolId),
});

/** Whether the actor writes surveys somewhere (its school, its province's schools, or any as administrator). */
export const surveyCapabilities = (a: Actor) => ({
  write: a.role === 'admin' || a.role === 'department' || a.role === 'school',
});
