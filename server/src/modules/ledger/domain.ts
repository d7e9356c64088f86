/**
 * The contributions ledger's rules: the state machine of a contribution, and a pledge against a
 * need set against its open remainder (the need's status comes from the needs' own rules).
 */
import type { ContributionAction, ContributionForm, ContributionStatus } from '../../../../contracts/ledger.js';
import { NEED_STATUS_LABELS, type NeedStatus } from '../needs/domain.js';

export type { ContributionAction, ContributionForm, ContributionStatus };

export const FORM_LABELS: Record<ContributionForm, string> = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' };

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

const dong = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const num = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/**
 * A pledge against a need: only while the need takes pledges, and never more than is still open,
 * by one rule whatever the pledge is in: a pledge that names a quantity is set against the
 * quantity still open; a pledge in money alone against the value still open (compared exactly,
 * as integers). Both remainders are the same share of the need, so either way the need is met
 * exactly once.
 */
export function checkPledge(status: NeedStatus, open: { quantity: number; value: number | string }, pledge: { quantity: number | null; valueVnd: number }): { message: string; path: 'quantity' | 'valueVnd' } | null {
  if (!['published', 'partly_pledged'].includes(status)) return { message: `Nhu cầu đang ở trạng thái "${NEED_STATUS_LABELS[status]}", không nhận thêm cam kết`, path: 'quantity' };
  if (pledge.quantity !== null) {
    if (pledge.quantity > open.quantity) return { message: `Số lượng cam kết (${num.format(pledge.quantity)}) vượt phần còn thiếu (${num.format(open.quantity)})`, path: 'quantity' };
    return null;
  }
  const left = BigInt(open.value);
  if (BigInt(pledge.valueVnd) > left) return { message: `Số tiền cam kết (${dong.format(BigInt(pledge.valueVnd))} đồng) vượt phần còn thiếu (${dong.format(left)} đồng)`, path: 'valueVnd' };
  return null;
}
