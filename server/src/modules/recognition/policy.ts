import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/**
 * The Ministry's units in the recognition procedure, by organisation id (resolved from their codes):
 * the coordination board's side that proposes (the board, its secretariat, Vụ GDTC as standing
 * deputy, Vụ GDCTHSSV which compiles the donors' list with it: seed 000 §IV.3.2), and Vụ Thi đua -
 * Khen thưởng, which appraises and records the decision (§IV.3.6).
 */
export interface Units { boardIds: readonly string[]; tdktId: string | null }
/** A nominee placed: the units and the contributor honoured. */
export interface PlacedNominee extends Units { contributorId: string }

const admin = (a: Actor) => a.role === 'admin';
const board = (a: Actor, u: Units) => admin(a) || (['ministry', 'unit'].includes(a.role) && !!a.organisationId && u.boardIds.includes(a.organisationId));
const tdkt = (a: Actor, u: Units) => admin(a) || (a.role === 'ministry' && !!u.tdktId && a.organisationId === u.tdktId);
/** Nominations are internal to the Ministry: every Ministry account (the board's members are its units), the board's secretariat. */
const internal = (a: Actor, u: Units) => admin(a) || a.role === 'ministry' || board(a, u);

/**
 * Nomination lists: the Ministry reads them; the board proposes, adds nominees, submits and answers
 * a request for more; Vụ TĐKT appraises and decides. The public and the others read none.
 */
export const recognitionPolicy = definePolicy<Units, 'read' | 'nominate' | 'appraise' | 'decide'>({
  read: internal,
  nominate: board,
  appraise: tdkt,
  decide: tdkt,
});

/** A certificate: those who read nominations, and the honoured contributor's own accounts. */
export const certificatePolicy = definePolicy<PlacedNominee, 'read'>({
  read: (a, r) => internal(a, r) || (a.role === 'donor' && a.organisationId === r.contributorId),
});

/**
 * Page-level abilities. The exact units are checked per record (`can` on each answer); these are
 * what a page may offer: Ministry accounts and the board's secretariat read nominations.
 */
export const recognitionCapabilities = (a: Actor) => ({
  read: admin(a) || a.role === 'ministry' || (a.role === 'unit' && a.organisationKind === 'ministry_unit'),
});
