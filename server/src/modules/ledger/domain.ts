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

/** A pledge against a need may not exceed what is still open. */
export function checkPledge(status: NeedStatus, openQuantity: number, quantity: number | null): string | null {
  if (!['published', 'partly_pledged'].includes(status)) return `Nhu cầu đang ở trạng thái "${NEED_STATUS_LABELS[status]}", không nhận thêm cam kết`;
  if (quantity !== null && quantity > openQuantity) return `Số lượng cam kết (${quantity}) vượt phần còn thiếu (${openQuantity})`;
  return null;
}

const dong = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** A money pledge against a need may not exceed what is still open in đồng (compared exactly, as integers). */
export function checkMoneyPledge(openValue: string | number | bigint, valueVnd: number): string | null {
  const open = BigInt(openValue);
  if (BigInt(valueVnd) <= open) return null;
  return `Số tiền cam kết (${dong.format(BigInt(valueVnd))} đồng) vượt phần còn thiếu (${dong.format(open)} đồng)`;
}
