/** Pure rules of startup-model proposals: deadlines and scores on the published criteria. */
import type { Criterion } from '../../../../contracts/startups.js';

/** A call is open through its deadline (Vietnam time, inclusive). */
export const isOpen = (deadline: string, today: string) => today <= deadline;

/**
 * A reviewer's scores checked against the criteria: one score per criterion, within 0..max;
 * answers the total or the problems by field.
 */
export function checkScores(criteria: readonly Criterion[], scores: Record<string, number>): { total: number } | { errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) errors.push({ path: `scores.${c.key}`, message: `Thiếu điểm tiêu chí "${c.label}"` });
    else if (s < 0 || s > c.max) errors.push({ path: `scores.${c.key}`, message: `Điểm tiêu chí "${c.label}" từ 0 đến ${c.max}` });
  }
  for (const k of Object.keys(scores)) if (!criteria.some((c) => c.key === k)) errors.push({ path: `scores.${k}`, message: 'Tiêu chí không có trong đợt' });
  if (errors.length) return { errors };
  return { total: Math.round(criteria.reduce((n, c) => n + scores[c.key], 0) * 10) / 10 };
}

/**
 * When an institution may still correct its proposal: it waits for its decision and no reviewer has
 * scored it yet (the reviewers score the text they read); the reason otherwise.
 */
export function editBlocked(state: 'submitted' | 'approved' | 'refused', scored: number): string | null {
  if (state !== 'submitted') return 'Đề xuất đã có quyết định; không sửa được nữa';
  if (scored > 0) return 'Đề xuất đã được chấm điểm; không sửa được nữa';
  return null;
}

/** How the exports write a proposal's state. */
export const PROPOSAL_STATE_LABELS: Record<'submitted' | 'approved' | 'refused', string> = { submitted: 'Chờ quyết định', approved: 'Được phê duyệt', refused: 'Không phê duyệt' };
