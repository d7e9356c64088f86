import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

export interface PlanTarget { issuerId: string; issuerKind: string }
export interface AssignmentTarget { leadOrganisationIds: string[] }

const signedIn = (a: Actor) => a.userId !== null;

/**
 * Plans: every account reads plans, tasks, progress and reports (the public does not: progress
 * notes and evidence are working documents). Those who issued a plan manage it: the Ministry's
 * coordinators for Ministry plans, a Department for its own plans; administrators for all.
 */
export const planPolicy = definePolicy<PlanTarget, 'read' | 'manage' | 'report'>({
  read: signedIn,
  report: signedIn,
  manage: (a, p) => a.role === 'admin' || (a.role === 'ministry' && ['ministry', 'ministry_unit'].includes(p.issuerKind)) || (a.role === 'department' && a.organisationId === p.issuerId),
});

/** Progress is posted by the lead unit's own staff (or an administrator), never by a partner. */
export const assignmentPolicy = definePolicy<AssignmentTarget, 'postUpdate'>({
  postUpdate: (a, t) => a.role === 'admin' || (a.organisationId !== null && t.leadOrganisationIds.includes(a.organisationId)),
});
