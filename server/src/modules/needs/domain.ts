/**
 * Needs: the state machine, and a need's status and open remainder, always derived from its
 * pledges in the ledger, never typed.
 */
import type { NeedAction, NeedCategory, NeedState, NeedStatus, Priority } from '../../../../contracts/needs.js';

export type { NeedAction, NeedCategory, NeedState, NeedStatus, Priority };

/** Labels of the exports and of messages (the web has its own in its i18n catalogue). */
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  classroom: 'Xây mới, sửa chữa phòng học', subject_room: 'Phòng học bộ môn', toilet: 'Nhà vệ sinh', clean_water: 'Nước sạch',
  equipment: 'Thiết bị dạy học', boarding: 'Bán trú, nội trú', electricity: 'Điện', road: 'Đường đến trường', transport: 'Phương tiện đi lại',
  meals: 'Bữa ăn', books: 'Sách vở', warm_clothes: 'Áo ấm', scholarship: 'Học bổng', learning_software: 'Phần mềm học tập', teacher_training: 'Bồi dưỡng giáo viên',
};

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  draft: 'Nháp', submitted: 'Chờ Sở xác minh', returned: 'Trả lại để bổ sung', verified: 'Đã xác minh', published: 'Đang kêu gọi',
  partly_pledged: 'Đã có cam kết một phần', fully_pledged: 'Đã đủ cam kết', delivered: 'Đã nhận đủ', accepted: 'Đã nghiệm thu',
  closed: 'Đã đóng', withdrawn: 'Đã rút',
};

/** The states the public sees. */
export const PUBLIC_STATES: NeedState[] = ['published', 'accepted', 'closed'];

export interface LedgerSums {
  /** quantity pledged and not cancelled (pledged, delivered, received, accepted) */
  pledgedQuantity: number;
  /** đồng, a decimal string (an exact sum, may pass 2^53) */
  pledgedValue: string;
  /** quantity the school confirmed receiving (received, accepted) */
  receivedQuantity: number;
  receivedValue: string;
}

export function needStatus(state: NeedState, quantity: number, sums: LedgerSums): NeedStatus {
  if (state !== 'published') return state;
  if (sums.receivedQuantity >= quantity) return 'delivered';
  if (sums.pledgedQuantity >= quantity) return 'fully_pledged';
  if (sums.pledgedQuantity > 0) return 'partly_pledged';
  return 'published';
}

/** The open remainder of a need: what is still to be pledged, in quantity and value (never negative; the value is at most the estimated cost, a safe integer). */
export function remainder(quantity: number, estimatedCost: number, sums: LedgerSums): { quantity: number; value: number } {
  const value = BigInt(estimatedCost) - BigInt(sums.pledgedValue);
  return { quantity: Math.max(0, quantity - sums.pledgedQuantity), value: value > 0n ? Number(value) : 0 };
}

interface Transition { from: NeedStatus[]; to: NeedState; needsReason?: boolean }
export const NEED_TRANSITIONS: Record<NeedAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned', needsReason: true },
  verify: { from: ['submitted'], to: 'verified' },
  publish: { from: ['verified'], to: 'published' },
  accept: { from: ['delivered'], to: 'accepted' },
  close: { from: ['accepted'], to: 'closed' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'verified', 'published'], to: 'withdrawn', needsReason: true },
};

const ACTION_LABELS: Record<NeedAction, string> = {
  submit: 'gửi xác minh', return: 'trả lại', verify: 'xác minh', publish: 'công bố', accept: 'nghiệm thu', close: 'đóng', withdraw: 'rút',
};

/** The next state, or the reason in Vietnamese why the action is not allowed now. */
export function needTransition(status: NeedStatus, action: NeedAction, opts: { reason?: string | null; pledgedQuantity?: number; evidenceCount?: number } = {}): { to: NeedState } | { error: string } {
  const t = NEED_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { error: `Không thể ${ACTION_LABELS[action]} nhu cầu đang ở trạng thái "${NEED_STATUS_LABELS[status]}"` };
  }
  if (t.needsReason && !opts.reason?.trim()) return { error: `Cần nêu lý do khi ${ACTION_LABELS[action]} nhu cầu` };
  if (action === 'withdraw' && (opts.pledgedQuantity ?? 0) > 0) return { error: 'Nhu cầu đã có cam kết tài trợ; hãy huỷ các cam kết trước khi rút' };
  if (action === 'accept' && !(opts.evidenceCount && opts.evidenceCount > 0)) return { error: 'Nghiệm thu cần có minh chứng (ảnh hoặc biên bản)' };
  return { to: t.to };
}

/** Only drafts and returned needs are edited. */
export const EDITABLE_STATES: NeedState[] = ['draft', 'returned'];
/** A finished need takes no more photos. */
export const FINISHED_STATES: NeedState[] = ['accepted', 'closed', 'withdrawn'];
