import type { Actor } from './actor.js';
import { forbidden, unauthorized } from './errors.js';

/**
 * Policies are declarations: for each entity, each action maps to a rule
 * `(actor, record) => boolean` that reads like the plans ("a Department officer edits the
 * schools of its province"). Services call `authorize`, which answers 401 to the anonymous
 * public and 403 to a signed-in account outside its scope.
 */
export type Rule<R> = (actor: Actor, record: R) => boolean;
export type Policy<R, A extends string> = Record<A, Rule<R>>;

export function definePolicy<R, A extends string>(rules: Policy<R, A>): Policy<R, A> {
  return rules;
}

export function can<R, A extends string>(policy: Policy<R, A>, action: A, actor: Actor, record: R): boolean {
  return policy[action](actor, record);
}

export function authorize<R, A extends string>(policy: Policy<R, A>, action: A, actor: Actor, record: R): void {
  if (policy[action](actor, record)) return;
  if (actor.userId === null) throw unauthorized();
  throw forbidden();
}

/**
 * What an actor may do that is not about one record (open a page, create a record, import):
 * each module's policy.ts exports such a function, and /auth/me carries their union, prefixed by
 * the module (`schools.import`), so the web shows a link or a button only when the server says so.
 */
export type Capabilities = (actor: Actor) => Record<string, boolean>;

/** The actions of `policy` the actor may take on `record`: what a detail response carries as `can`. */
export function allowed<R, A extends string>(policy: Policy<R, A>, actor: Actor, record: R, actions?: readonly A[]): Record<A, boolean> {
  const names = actions ?? (Object.keys(policy) as A[]);
  return Object.fromEntries(names.map((a) => [a, policy[a](actor, record)])) as Record<A, boolean>;
}
