import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** The board's secretariat side, by organisation id: the board, its secretariat and Vụ GDTC (standing deputy, seed 000 §IV.3.1). */
export interface Secretariat { ids: readonly string[] }

const signedIn = (a: Actor) => a.userId !== null;

/**
 * The board: every account reads its members and documents (they are the programme's public
 * organisation inside the system); its secretariat side keeps them; the Ministry and the
 * secretariat side draw its yearly report.
 */
export const boardPolicy = definePolicy<Secretariat, 'read' | 'keep' | 'report'>({
  read: signedIn,
  keep: (a, s) => a.role === 'admin' || (!!a.organisationId && ['ministry', 'unit'].includes(a.role) && s.ids.includes(a.organisationId)),
  report: (a, s) => a.role === 'admin' || a.role === 'ministry' || (!!a.organisationId && a.role === 'unit' && s.ids.includes(a.organisationId)),
});

/** `pages`: the board's page in the navigation, for the Ministry's side (every account may still read it). */
export const boardCapabilities = (a: Actor) => ({ read: signedIn(a), report: a.role === 'admin' || a.role === 'ministry', pages: ['admin', 'ministry', 'unit'].includes(a.role) });
