import type { Db } from '../../platform/db.js';
import { invalid } from '../../platform/errors.js';

/**
 * A campaign's reviewer level. "commune": the commune People's Committee reviews the preschools,
 * primary and lower-secondary schools it manages (as it approves their needs and sponsorship
 * plans); the other schools, the communes' and the Departments' own assessments keep their
 * reviewer above. Only a campaign over schools can say so.
 */
export async function setReviewerLevel(t: Db, campaignId: string, level: 'department' | 'commune', kinds: readonly string[]): Promise<void> {
  if (level === 'department') return;
  if (!kinds.includes('school')) throw invalid('Chỉ đợt đánh giá các trường mới giao cho UBND xã thẩm định', [{ path: 'reviewerLevel', message: 'Phạm vi không có trường học' }]);
  await t.query(`UPDATE assessment_campaign SET reviewer_level = $2 WHERE id = $1`, [campaignId, level]);
}
