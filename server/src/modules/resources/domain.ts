/**
 * Resource connection rules: WASH service levels on the WHO/UNICEF JMP ladders for schools, the
 * need and contribution state machines, and a need's open remainder, always derived from its
 * pledges in the ledger, never typed.
 */

export const NEED_CATEGORIES = [
  'classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport',
  'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  classroom: 'Xây mới, sửa chữa phòng học', subject_room: 'Phòng học bộ môn', toilet: 'Nhà vệ sinh', clean_water: 'Nước sạch',
  equipment: 'Thiết bị dạy học', boarding: 'Bán trú, nội trú', electricity: 'Điện', road: 'Đường đến trường', transport: 'Phương tiện đi lại',
  meals: 'Bữa ăn', books: 'Sách vở', warm_clothes: 'Áo ấm', scholarship: 'Học bổng', learning_software: 'Phần mềm học tập', teacher_training: 'Bồi dưỡng giáo viên',
};

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export const FORMS = ['money', 'in_kind', 'non_material'] as const;
export type ContributionForm = (typeof FORMS)[number];
export const FORM_LABELS: Record<ContributionForm, string> = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' };

// ---------- WASH service levels (JMP ladders for schools) ----------

export type ServiceLevel = 'basic' | 'limited' | 'none';
export const SERVICE_LABELS: Record<ServiceLevel, string> = { basic: 'Cơ bản', limited: 'Hạn chế', none: 'Không có dịch vụ' };

const IMPROVED_WATER = ['piped', 'protected_well', 'rainwater'];

/** Drinking water: basic = improved source with water available at the school now; limited = improved, not available; none otherwise. */
export function waterService(source: string, available: boolean): ServiceLevel {
  if (!IMPROVED_WATER.includes(source)) return 'none';
  return available ? 'basic' : 'limited';
}

/** Sanitation: basic = improved facilities, single-sex and usable; limited = improved but not both; none = unimproved or none. */
export function sanitationService(total: number, improved: boolean, singleSex: boolean, usable: boolean): ServiceLevel {
  if (total === 0 || !improved) return 'none';
  return singleSex && usable ? 'basic' : 'limited';
}

/** Hygiene: basic = handwashing with water and soap; limited = water without soap; none = no facility or no water. */
export function hygieneService(handwashing: string): ServiceLevel {
  return handwashing === 'water_soap' ? 'basic' : handwashing === 'water_only' ? 'limited' : 'none';
}

// ---------- needs ----------

export type NeedState = 'draft' | 'submitted' | 'returned' | 'verified' | 'published' | 'accepted' | 'closed' | 'withdrawn';
/** What people see: the stored state, refined by the ledger once published. */
export type NeedStatus = Exclude<NeedState, 'published'> | 'published' | 'partly_pledged' | 'fully_pledged' | 'delivered';
export type NeedAction = 'submit' | 'return' | 'verify' | 'publish' | 'accept' | 'close' | 'withdraw';

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  draft: 'Nháp', submitted: 'Chờ Sở xác minh', returned: 'Trả lại để bổ sung', verified: 'Đã xác minh', published: 'Đang kêu gọi',
  partly_pledged: 'Đã có cam kết một phần', fully_pledged: 'Đã đủ cam kết', delivered: 'Đã nhận đủ', accepted: 'Đã nghiệm thu',
  closed: 'Đã đóng', withdrawn: 'Đã rút',
};

export interface LedgerSums {
  /** quantity pledged and not cancelled (pledged, delivered, received, accepted) */
  pledgedQuantity: number;
  pledgedValue: number;
  /** quantity the school confirmed receiving (received, accepted) */
  receivedQuantity: number;
  receivedValue: number;
}

export function needStatus(state: NeedState, quantity: number, sums: LedgerSums): NeedStatus {
  if (state !== 'published') return state;
  if (sums.receivedQuantity >= quantity) return 'delivered';
  if (sums.pledgedQuantity >= quantity) return 'fully_pledged';
  if (sums.pledgedQuantity > 0) return 'partly_pledged';
  return 'published';
}

/** The open remainder of a need: what is still to be pledged, in quantity and value (never negative). */
export function remainder(quantity: number, estimatedCost: number, sums: LedgerSums): { quantity: number; value: number } {
  return { quantity: Math.max(0, quantity - sums.pledgedQuantity), value: Math.max(0, estimatedCost - sums.pledgedValue) };
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

// ---------- contributions ----------

export type ContributionStatus = 'pledged' | 'delivered' | 'received' | 'accepted' | 'cancelled';
export type ContributionAction = 'deliver' | 'confirm' | 'accept' | 'cancel';
export const CONTRIBUTION_STATUS_LABELS: Record<ContributionStatus, string> = {
  pledged: 'Đã cam kết', delivered: 'Đã bàn giao', received: 'Trường đã nhận', accepted: 'Đã nghiệm thu', cancelled: 'Đã huỷ',
};
const C_TRANSITIONS: Record<ContributionAction, { from: ContributionStatus[]; to: ContributionStatus; label: string }> = {
  deliver: { from: ['pledged'], to: 'delivered', label: 'ghi nhận bàn giao' },
  confirm: { from: ['pledged', 'delivered'], to: 'received', label: 'xác nhận đã nhận' },
  accept: { from: ['received'], to: 'accepted', label: 'nghiệm thu' },
  cancel: { from: ['pledged', 'delivered'], to: 'cancelled', label: 'huỷ' },
};

export function contributionTransition(status: ContributionStatus, action: ContributionAction, opts: { reason?: string | null; evidenceCount?: number } = {}): { to: ContributionStatus } | { error: string } {
  const t = C_TRANSITIONS[action];
  if (!t.from.includes(status)) return { error: `Không thể ${t.label} khoản đóng góp đang ở trạng thái "${CONTRIBUTION_STATUS_LABELS[status]}"` };
  if (action === 'cancel' && !opts.reason?.trim()) return { error: 'Cần nêu lý do huỷ' };
  if (action === 'confirm' && !(opts.evidenceCount && opts.evidenceCount > 0)) return { error: 'Xác nhận đã nhận cần có minh chứng (ảnh, biên bản bàn giao)' };
  return { to: t.to };
}

/** A pledge against a need may not exceed what is still open. */
export function checkPledge(status: NeedStatus, openQuantity: number, quantity: number | null): string | null {
  if (!['published', 'partly_pledged'].includes(status)) return `Nhu cầu đang ở trạng thái "${NEED_STATUS_LABELS[status]}", không nhận thêm cam kết`;
  if (quantity !== null && quantity > openQuantity) return `Số lượng cam kết (${quantity}) vượt phần còn thiếu (${openQuantity})`;
  return null;
}

// ---------- agreements ----------

/** Behind schedule: past its end with less than committed delivered, or delivery lagging time elapsed by more than 25 points. */
export function agreementBehind(today: string, from: string, to: string, committed: number, delivered: number): boolean {
  if (committed <= 0) return false;
  const share = delivered / committed;
  if (today > to) return share < 1;
  if (today < from) return false;
  const total = Date.parse(to) - Date.parse(from) + 86_400_000;
  const elapsed = (Date.parse(today) - Date.parse(from) + 86_400_000) / total;
  return elapsed - share > 0.25;
}

// ---------- plan 29 quota ----------

export const PLAN29_QUOTA = { districts: 1, schools: 20, byLevel: { mam_non: 10, tieu_hoc: 5, thcs: 5 }, perSchool: { teacher: 1, manager: 1, pupil: 10 } } as const;

export interface QuotaInput { districts: number; schoolsByLevel: Record<'mam_non' | 'tieu_hoc' | 'thcs', number>; schools: { name: string; gifts: Record<'teacher' | 'manager' | 'pupil', number> }[] }

/** Which rules of the plan-29 quota a province meets, and what is missing, in Vietnamese. */
export function checkQuota(q: QuotaInput): { complies: boolean; missing: string[] } {
  const missing: string[] = [];
  if (q.districts !== PLAN29_QUOTA.districts) missing.push(q.districts === 0 ? 'Chưa chọn huyện' : `Chọn ${q.districts} huyện (quy định 1 huyện)`);
  const labels = { mam_non: 'trường mầm non', tieu_hoc: 'trường tiểu học', thcs: 'trường THCS' } as const;
  for (const [level, want] of Object.entries(PLAN29_QUOTA.byLevel) as [keyof typeof labels, number][]) {
    const have = q.schoolsByLevel[level] ?? 0;
    if (have < want) missing.push(`Thiếu ${want - have} ${labels[level]} (cần ${want})`);
    if (have > want) missing.push(`Thừa ${have - want} ${labels[level]} (quy định ${want})`);
  }
  const giftLabels = { teacher: 'giáo viên', manager: 'cán bộ quản lý', pupil: 'học sinh' } as const;
  for (const s of q.schools) {
    for (const [k, want] of Object.entries(PLAN29_QUOTA.perSchool) as [keyof typeof giftLabels, number][]) {
      const have = s.gifts[k] ?? 0;
      if (have < want) missing.push(`${s.name}: thiếu quà cho ${want - have} ${giftLabels[k]}`);
    }
  }
  return { complies: missing.length === 0, missing };
}
