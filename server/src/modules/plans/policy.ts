import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

export interface PlanTarget { issuerId: string; issuerKind: string }
export interface AssignmentTarget { leadOrganisationIds: string[] }

const signedIn = (a: Actor) => a.userId !== null;
const isAdmin = (a: Actor) => a.role === 'admin';

/**
 * Those who issued a plan manage it: the Ministry's coordinators for Ministry plans, a
 * Department for its own plans; administrators for all.
 */
const issuerOf = (a: Actor, p: PlanTarget) =>
  isAdmin(a) || (a.role === 'ministry' && ['ministry', 'ministry_unit'].includes(p.issuerKind)) || (a.role === 'department' && a.organisationId === p.issuerId);

/** Who may issue plans at all (before the plan is known): the body of an import is read only for them. */
export const mayIssuePlans = (a: Actor) => a.role === 'admin' || a.role === 'ministry' || a.role === 'department';

/**
 * Plans: every account reads plans, tasks, progress, targets and reports (the public does not:
 * progress notes and evidence are working documents). The issuer imports tasks and records the
 * measured values of targets.
 */
export const planPolicy = definePolicy<PlanTarget, 'read' | 'report' | 'importTasks' | 'measure'>({
  read: signedIn,
  report: signedIn,
  importTasks: issuerOf,
  measure: issuerOf,
});

/** Progress is posted by the lead unit's own staff (or an administrator), never by a partner. */
export const assignmentPolicy = definePolicy<AssignmentTarget, 'postUpdate'>({
  postUpdate: (a, t) => isAdmin(a) || (a.organisationId !== null && t.leadOrganisationIds.includes(a.organisationId)),
});

/** Work on the task list as a whole: reminders are run by hand only by an administrator. */
export const taskListPolicy = definePolicy<null, 'read' | 'runReminders' | 'readOwnUnit'>({
  read: signedIn,
  runReminders: isAdmin,
  /** "my unit's tasks" needs an organisation (or another unit named). */
  readOwnUnit: (a) => signedIn(a) && a.organisationId !== null,
});

export const plansCapabilities = (a: Actor) => ({
  read: signedIn(a),
  myTasks: taskListPolicy.readOwnUnit(a, null),
  runReminders: taskListPolicy.runReminders(a, null),
});
