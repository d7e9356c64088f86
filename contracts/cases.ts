/**
 * School social work: confidential support cases (Thông tư 33/2018/TT-BGDĐT, replaced from
 * 31/10/2025 by Thông tư 18/2025/TT-BGDĐT). A school's counselling staff open a case from a report;
 * only the staff assigned to it read it; a referral to a provider shares what the pupil and parent
 * agreed to (or the law allows). Every read is logged.
 */

/** The steps of a case (Thông tư 33/2018 Art. 5–8; suggested workflow in the research notes §2.3). */
export const CASE_STEPS = ['screening', 'assessment', 'plan', 'intervention', 'referral', 'follow_up', 'closed'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const CASE_CATEGORIES = [
  'abuse', 'violence', 'bullying', 'online_bullying', 'dropout_risk', 'psychological', 'family_hardship', 'law_breaking', 'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
/** Categories whose cases run the 12-working-hour referral clock. */
export const URGENT_CATEGORIES: readonly CaseCategory[] = ['abuse', 'violence'];

export const CASE_SOURCES = ['screening', 'teacher', 'parent', 'peer', 'self', 'hotline', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CASE_OUTCOMES = ['resolved', 'improved', 'referred_on', 'moved_away', 'no_action_needed', 'other'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
