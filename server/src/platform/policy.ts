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
