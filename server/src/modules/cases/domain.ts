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

/** A count as published: the number, "<5" (1–4), or "x" (hidden so that a "<5" beside it cannot be worked out). */
export type Shown = number | '<5' | 'x';

/**
 * The range a reader can deduce for each hidden cell of a breakdown whose total is published:
 * a "<5" is 1–4, an "x" is 5 or more, and the hidden cells add up to the total less the shown ones.
 */
function ranges(hidden: { n: number; small: boolean }[], sum: number): [number, number][] {
  const lo = hidden.map((h) => (h.small ? 1 : SMALL_COUNT));
  const hi = hidden.map((h) => (h.small ? SMALL_COUNT - 1 : Number.POSITIVE_INFINITY));
  const loAll = lo.reduce((a, b) => a + b, 0);
  const hiAll = hi.reduce((a, b) => a + b, 0);
  return hidden.map((_, i) => [Math.max(lo[i], sum - (hiAll - hi[i])), Math.min(hi[i], sum - (loAll - lo[i]))]);
}

/**
 * Complementary suppression of one breakdown (a row or column of the statistics) whose total is
 * published: counts of 1–4 are "<5" (primary), and while any hidden cell could be worked out by
 * subtracting the shown cells from the total (one hidden cell alone; or hidden cells whose sum
 * leaves one of them a single possible value, e.g. two "<5" adding up to 2), the smallest cell
 * still shown (not 0: a 0 reveals no one) is hidden too, as "x". `total`: the published total the
 * cells add up to, or null when none is published (primary suppression only). `hideOne`: hide at
 * least one non-zero cell even when none is small (the total is itself hidden elsewhere and could
 * otherwise be rebuilt by adding these cells up). Null when even hiding every cell leaves one
 * exact (e.g. 5 and 1 of a total 6: "x" ≥ 5 and "<5" ≥ 1 add up to 6 only one way): the
 * breakdown is then withheld whole.
 */
export function protectBreakdown<K extends { key: string; n: number }>(cells: readonly K[], total: number | null, hideOne = false): (K & { count: Shown })[] | null {
  const hidden = new Map<string, 'small' | 'x'>();
  for (const c of cells) if (c.n > 0 && c.n < SMALL_COUNT) hidden.set(c.key, 'small');
  const order = [...cells].sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hideNext = () => {
    const next = order.find((c) => c.n > 0 && !hidden.has(c.key));
    if (!next) return false;
    hidden.set(next.key, 'x');
    return true;
  };
  if (hideOne && hidden.size === 0) hideNext();
  if (total !== null) {
    for (;;) {
      const h = cells.filter((c) => hidden.has(c.key));
      if (!h.length) break;
      const sum = h.reduce((a, c) => a + c.n, 0);
      const r = ranges(h.map((c) => ({ n: c.n, small: hidden.get(c.key) === 'small' })), sum);
      if (!r.some(([lo, hi]) => lo >= hi)) break;
      if (!hideNext()) return null;
    }
  }
  return cells.map((c) => ({ ...c, count: hidden.get(c.key) === 'small' ? '<5' : hidden.has(c.key) ? 'x' : c.n }));
}

export const CATEGORY_LABELS: Record<string, string> = {
  abuse: 'Xâm hại', violence: 'Bạo lực', bullying: 'Bắt nạt', online_bullying: 'Bắt nạt trực tuyến', dropout_risk: 'Nguy cơ bỏ học',
  psychological: 'Khó khăn tâm lý', family_hardship: 'Hoàn cảnh gia đình khó khăn', law_breaking: 'Vi phạm pháp luật', other: 'Khác',
};
export const RISK_LABELS: Record<string, string> = { low: 'Thấp', medium: 'Trung bình', high: 'Cao' };
export const OUTCOME_LABELS: Record<string, string> = {
  resolved: 'Đã giải quyết', improved: 'Tiến triển tốt', referred_on: 'Chuyển tiếp cơ sở khác', moved_away: 'Học sinh chuyển đi', no_action_needed: 'Không cần hỗ trợ thêm', other: 'Khác',
};
