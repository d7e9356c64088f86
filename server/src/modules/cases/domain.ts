/**
 * Pure rules of support cases: the steps and their moves, which cases are urgent, and the
 * pseudonymous reference. No clock, no database.
 */
import { CASE_STEPS, URGENT_CATEGORIES, type CaseCategory, type CaseOutcome, type CaseStep } from '../../../../contracts/cases.js';

export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  screening: 'Phát hiện, tiếp nhận thông tin',
  assessment: 'Tiếp nhận thông báo và đánh giá ban đầu',
  plan: 'Lập kế hoạch hỗ trợ',
  intervention: 'Can thiệp, trợ giúp',
  referral: 'Chuyển gửi',
  follow_up: 'Theo dõi, hỗ trợ phát triển và hòa nhập',
  closed: 'Kết thúc',
};

/**
 * Where each step may go. Forward along the circular's order, with the loops practice needs: an
 * assessment may close a report that needs nothing more or go straight to referral (abuse,
 * violence: within 12 working hours); a referral or follow-up may return to intervention; a closed
 * case may be reopened into follow-up (with a reason).
 */
export const STEP_MOVES: Record<CaseStep, readonly CaseStep[]> = {
  screening: ['assessment'],
  assessment: ['plan', 'referral', 'closed'],
  plan: ['intervention', 'referral'],
  intervention: ['referral', 'follow_up'],
  referral: ['intervention', 'follow_up'],
  follow_up: ['intervention', 'closed'],
  closed: ['follow_up'],
};

export const isUrgentCategory = (c: CaseCategory) => URGENT_CATEGORIES.includes(c);

/**
 * A move of a case's step: allowed only along `STEP_MOVES`; closing needs an outcome, reopening a
 * reason. The refusal is worded in Vietnamese for the 409.
 */
export function stepMove(from: CaseStep, to: CaseStep, opts: { outcome?: CaseOutcome | null; reason?: string | null } = {}): { to: CaseStep } | { error: string } {
  if (!STEP_MOVES[from].includes(to)) return { error: `Không chuyển được từ bước "${CASE_STEP_LABELS[from]}" sang bước "${CASE_STEP_LABELS[to]}"` };
  if (to === 'closed' && !opts.outcome) return { error: 'Cần ghi kết quả khi kết thúc trường hợp' };
  if (from === 'closed' && !opts.reason?.trim()) return { error: 'Cần nêu lý do mở lại trường hợp' };
  return { to };
}

/** The order of a step (for "has reached" checks and statistics). */
export const stepIndex = (s: CaseStep) => CASE_STEPS.indexOf(s);

/**
 * A case's pseudonymous reference: the year and a sequence number within its school
 * ("CTXH-2026-0007"). It names neither the pupil nor the category.
 */
export const caseReference = (year: number, seq: number) => `CTXH-${year}-${String(seq).padStart(4, '0')}`;

/** Referral states and their moves: the receiving provider accepts or declines (with a reason), reports back, closes its part. */
export const REFERRAL_MOVES = {
  sent: ['accepted', 'declined', 'withdrawn'],
  accepted: ['reported', 'closed'],
  reported: ['reported', 'closed'],
  declined: [],
  withdrawn: [],
  closed: [],
} as const satisfies Record<string, readonly string[]>;
export type ReferralState = keyof typeof REFERRAL_MOVES;

export function referralMove(from: ReferralState, to: ReferralState, opts: { reason?: string | null } = {}): { to: ReferralState } | { error: string } {
  if (!(REFERRAL_MOVES[from] as readonly string[]).includes(to)) return { error: 'Thao tác không phù hợp với trạng thái hiện tại của yêu cầu chuyển gửi' };
  if ((to === 'declined' || to === 'withdrawn') && !opts.reason?.trim()) return { error: to === 'declined' ? 'Cần nêu lý do từ chối' : 'Cần nêu lý do rút yêu cầu' };
  if (to === 'reported' && !opts.reason?.trim()) return { error: 'Cần nội dung phản hồi kết quả' };
  return { to };
}

/**
 * Small counts are suppressed in statistics so no child can be singled out: a count of 1–4 is
 * shown as "<5" (0 stays 0: it reveals no one).
 */
export const SMALL_COUNT = 5;
export const suppress = (n: number): number | '<5' => (n > 0 && n < SMALL_COUNT ? '<5' : n);

export const CATEGORY_LABELS: Record<string, string> = {
  abuse: 'Xâm hại', violence: 'Bạo lực', bullying: 'Bắt nạt', online_bullying: 'Bắt nạt trực tuyến', dropout_risk: 'Nguy cơ bỏ học',
  psychological: 'Khó khăn tâm lý', family_hardship: 'Hoàn cảnh gia đình khó khăn', law_breaking: 'Vi phạm pháp luật', other: 'Khác',
};
export const RISK_LABELS: Record<string, string> = { low: 'Thấp', medium: 'Trung bình', high: 'Cao' };
export const OUTCOME_LABELS: Record<string, string> = {
  resolved: 'Đã giải quyết', improved: 'Tiến triển tốt', referred_on: 'Chuyển tiếp cơ sở khác', moved_away: 'Học sinh chuyển đi', no_action_needed: 'Không cần hỗ trợ thêm', other: 'Khác',
};
