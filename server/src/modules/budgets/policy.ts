import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A task placed by its lead units (from the plans service). */
export interface PlacedTask { leadIds: readonly string[] }

const signedIn = (a: Actor) => a.userId !== null;

/**
 * Budgets: every account reads them, as it reads the plans' tasks (the public does not); the
 * task's lead unit (its own staff) enters estimates and spending, as it posts progress; administrators.
 */
export const budgetPolicy = definePolicy<PlacedTask, 'read' | 'enter'>({
  read: signedIn,
  enter: (a, t) => a.role === 'admin' || (a.organisationId !== null && t.leadIds.includes(a.organisationId)),
});

export const budgetsCapabilities = (a: Actor) => ({ read: signedIn(a) });
