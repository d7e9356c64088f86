/**
 * Pure rules of assessments: an assessment's lifecycle and a campaign's window. How answers score
 * (points, levels, pass rules) lives in contracts/assessment-scoring.ts, shared with the web so
 * that the self-assessment page scores exactly as the server; it is re-exported here for the
 * module. No I/O: the service loads, this decides.
 */
export * from '../../../../contracts/assessment-scoring.js';

// ---------------------------------------------------------------------------------------------
// The assessment's lifecycle

export const ASSESSMENT_STATE_LABELS = { draft: 'Đang tự đánh giá', submitted: 'Chờ thẩm định', returned: 'Bị trả lại', approved: 'Đã phê duyệt' } as const;
export type AssessmentState = keyof typeof ASSESSMENT_STATE_LABELS;
export type AssessmentAction = 'submit' | 'return' | 'approve' | 'unlock';

/** The states in which the school may still change its answers. */
export const SCHOOL_EDITABLE: readonly AssessmentState[] = ['draft', 'returned'];

/**
 * The school submits a draft or returned assessment (every mandatory condition answered); the
 * reviewer returns (with a reason) or approves a submitted one; an approved one is unlocked (with a
 * reason) back to review. Anything else is refused, with the reason in Vietnamese.
 */
export function assessmentTransition(state: AssessmentState, action: AssessmentAction, opts: { reason?: string | null; unanswered?: number } = {}): { to: AssessmentState } | { error: string } {
  const now = ASSESSMENT_STATE_LABELS[state];
  switch (action) {
    case 'submit':
      if (!SCHOOL_EDITABLE.includes(state)) return { error: `Chỉ gửi được bản tự đánh giá đang làm hoặc bị trả lại (hiện: "${now}")` };
      if ((opts.unanswered ?? 0) > 0) return { error: `Còn ${opts.unanswered} chỉ số bắt buộc chưa trả lời` };
      return { to: 'submitted' };
    case 'return':
      if (state !== 'submitted') return { error: `Chỉ trả lại được bản tự đánh giá đang chờ thẩm định (hiện: "${now}")` };
      if (!opts.reason?.trim()) return { error: 'Cần nêu lý do trả lại' };
      return { to: 'returned' };
    case 'approve':
      if (state !== 'submitted') return { error: `Chỉ phê duyệt được bản tự đánh giá đang chờ thẩm định (hiện: "${now}")` };
      return { to: 'approved' };
    case 'unlock':
      if (state !== 'approved') return { error: `Chỉ mở khóa được bản đã phê duyệt (hiện: "${now}")` };
      if (!opts.reason?.trim()) return { error: 'Cần nêu lý do mở khóa' };
      return { to: 'submitted' };
  }
}

/** A campaign's window: opens ≤ self-assessment deadline ≤ review deadline ≤ publication. */
export interface CampaignWindow { opensOn: string; selfDueOn: string; reviewDueOn: string; publishOn: string }
export function windowProblem(w: CampaignWindow): string | null {
  if (!(w.opensOn <= w.selfDueOn)) return 'Hạn tự đánh giá phải sau ngày mở';
  if (!(w.selfDueOn <= w.reviewDueOn)) return 'Hạn thẩm định phải sau hạn tự đánh giá';
  if (!(w.reviewDueOn <= w.publishOn)) return 'Ngày công bố phải sau hạn thẩm định';
  return null;
}
/** Whether the campaign's results are public on this day (YYYY-MM-DD, Vietnam time). */
export const isPublished = (w: Pick<CampaignWindow, 'publishOn'>, today: string) => today >= w.publishOn;
/**
 * Whether the school may still answer: from the opening day to the publication day included (a
 * returned assessment may be corrected until then; only approved results are ever published).
 */
export const isOpen = (w: CampaignWindow, today: string) => today >= w.opensOn && today <= w.publishOn;
