import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** The units of the Ministry that run the call (Vụ GDCTHSSV) and give the budget opinion (Vụ KHTC), by organisation id. */
export interface Units { leadId: string | null; budgetId: string | null }
/** A proposal placed: its institution, the units, and the accounts assigned to review it. */
export interface PlacedProposal extends Units { institutionId: string; reviewerIds: readonly string[] }

const admin = (a: Actor) => a.role === 'admin';
const lead = (a: Actor, u: Units) => admin(a) || (a.role === 'ministry' && !!u.leadId && a.organisationId === u.leadId);
const budget = (a: Actor, u: Units) => admin(a) || (a.role === 'ministry' && !!u.budgetId && a.organisationId === u.budgetId);
const reviewer = (a: Actor, r: PlacedProposal) => !!a.userId && r.reviewerIds.includes(a.userId);
const institution = (a: Actor, r: PlacedProposal) => a.role === 'unit' && a.organisationKind === 'training_institution' && a.organisationId === r.institutionId;

/**
 * Proposals: the institution reads its own (without the reviewers' scores); an assigned reviewer
 * reads and scores those assigned to it; Vụ GDCTHSSV reads all, assigns reviewers and records the
 * Ministry's decision; Vụ KHTC reads all and gives its opinion on the budget.
 */
export const proposalPolicy = definePolicy<PlacedProposal, 'read' | 'readReviews' | 'assign' | 'score' | 'budgetOpinion' | 'decide' | 'report' | 'attachProposal' | 'attachDecision' | 'edit'>({
  read: (a, r) => lead(a, r) || budget(a, r) || reviewer(a, r) || institution(a, r),
  readReviews: (a, r) => lead(a, r) || budget(a, r),
  assign: (a, r) => lead(a, r),
  score: (a, r) => reviewer(a, r),
  budgetOpinion: (a, r) => budget(a, r),
  decide: (a, r) => lead(a, r),
  /** the institution reports on its own model (once approved: the service checks the state) */
  report: (a, r) => institution(a, r),
  /** files: the institution its proposal's (the service checks it is not decided yet), Vụ GDCTHSSV the decision's (once decided) */
  attachProposal: (a, r) => institution(a, r),
  attachDecision: (a, r) => lead(a, r),
  /** the institution corrects its own proposal (the service checks it is undecided and not scored yet) */
  edit: (a, r) => institution(a, r),
});

/** Who may send a proposal files at all, before a byte is read: a training institution or the Ministry's staff. */
export const mayAttach = (a: Actor) => admin(a) || a.role === 'ministry' || (a.role === 'unit' && a.organisationKind === 'training_institution');

/** Calls: every account reads them and their published criteria; Vụ GDCTHSSV opens them; a training institution submits. */
export const callPolicy = definePolicy<Units, 'read' | 'create' | 'submit'>({
  read: (a) => a.userId !== null,
  create: (a, u) => lead(a, u),
  submit: (a) => a.role === 'unit' && a.organisationKind === 'training_institution',
});

export const startupsCapabilities = (a: Actor) => ({
  read: a.userId !== null,
  submit: a.role === 'unit' && a.organisationKind === 'training_institution',
  /** the pages of the proposals: the Ministry's and units' staff (reviewers, Vụ GDCTHSSV, Vụ KHTC) and the institutions */
  pages: admin(a) || a.role === 'ministry' || a.role === 'unit',
});
