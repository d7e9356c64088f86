import { APPROVAL_DAYS, type SponsorshipPlanAction, type SponsorshipPlanState } from '../../../../contracts/sponsorship.js';
import { fold } from '../../platform/text.js';

/** The states in which the school may still change its plan. */
export const EDITABLE_STATES: readonly SponsorshipPlanState[] = ['draft', 'returned'];

export const PLAN_STATE_LABELS: Record<SponsorshipPlanState, string> = {
  draft: 'Nháp', submitted: 'Chờ phê duyệt', returned: 'Bị trả lại', approved: 'Đã phê duyệt',
};
export const FORM_LABELS = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' } as const;

/**
 * The plan's lifecycle: the school submits a draft or returned plan (with at least one item);
 * the approver approves or returns (with a reason) a submitted one. Anything else is refused,
 * with the reason in Vietnamese.
 */
export function planTransition(state: SponsorshipPlanState, action: SponsorshipPlanAction, opts: { reason?: string | null; itemCount: number }): { to: SponsorshipPlanState } | { error: string } {
  switch (action) {
    case 'submit':
      if (!EDITABLE_STATES.includes(state)) return { error: `Chỉ trình được kế hoạch nháp hoặc bị trả lại (hiện: "${PLAN_STATE_LABELS[state]}")` };
      if (opts.itemCount < 1) return { error: 'Kế hoạch cần ít nhất một nội dung vận động trước khi trình' };
      return { to: 'submitted' };
    case 'approve':
      if (state !== 'submitted') return { error: `Chỉ phê duyệt được kế hoạch đang chờ phê duyệt (hiện: "${PLAN_STATE_LABELS[state]}")` };
      return { to: 'approved' };
    case 'return':
      if (state !== 'submitted') return { error: `Chỉ trả lại được kế hoạch đang chờ phê duyệt (hiện: "${PLAN_STATE_LABELS[state]}")` };
      if (!opts.reason?.trim()) return { error: 'Cần nêu lý do trả lại' };
      return { to: 'returned' };
  }
}

const addDays = (ymd: string, days: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The approver's deadline: 15 days after the day of submission (Art. 5), and whether it has passed on `today`. */
export function approvalDue(state: SponsorshipPlanState, submittedOn: string | null, today: string): { dueOn: string | null; overdue: boolean } {
  if (!submittedOn) return { dueOn: null, overdue: false };
  const dueOn = addDays(submittedOn, APPROVAL_DAYS);
  return { dueOn, overdue: state === 'submitted' && today > dueOn };
}

/**
 * Uses Art. 3 forbids for mobilised sponsorship (teaching pay, staff expenses and rewards,
 * guarding, watching vehicles, cleaning, the institution's management costs) and the levels
 * Art. 2 forbids setting (an average or minimum contribution), as folded phrases.
 */
const FORBIDDEN: { phrases: string[]; reason: string }[] = [
  { phrases: ['tien luong', 'tra luong', 'chi luong', 'luong giao vien', 'luong can bo', 'thu lao giang day', 'tien day'], reason: 'chi trả tiền lương, thù lao giảng dạy' },
  { phrases: ['khen thuong can bo', 'khen thuong giao vien', 'thuong giao vien', 'thuong can bo', 'chi cho can bo', 'chi cho giao vien'], reason: 'chi trực tiếp hoặc khen thưởng cho cán bộ, giáo viên, nhân viên' },
  { phrases: ['bao ve truong', 'bao ve nha truong', 'an ninh truong', 'trong giu xe', 'trong xe'], reason: 'bảo vệ, an ninh, trông giữ xe' },
  { phrases: ['don ve sinh', 'quet don', 'lao cong', 've sinh lop hoc', 've sinh truong lop'], reason: 'vệ sinh trường, lớp' },
  { phrases: ['ho tro cong tac quan ly', 'chi phi quan ly'], reason: 'chi phí hỗ trợ công tác quản lý' },
  { phrases: ['muc tai tro binh quan', 'muc tai tro toi thieu', 'muc dong gop binh quan', 'muc dong gop toi thieu', 'moi hoc sinh dong', 'moi phu huynh dong'], reason: 'quy định mức tài trợ bình quân hoặc tối thiểu' },
];

/** Why a text describes a use Thông tư 16/2018 forbids, or null. */
export function forbiddenUse(text: string | null | undefined): string | null {
  const f = ` ${fold(text ?? '')} `;
  for (const rule of FORBIDDEN) if (rule.phrases.some((p) => f.includes(` ${p} `))) return rule.reason;
  return null;
}
