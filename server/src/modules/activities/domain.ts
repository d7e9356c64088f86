/**
 * Pure rules of programme records: dates, participants, what a record's figures add up to.
 */
import type { ActivityState, ParticipantGroup } from '../../../../contracts/activities.js';

export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = { planned: 'Dự kiến', held: 'Đã tổ chức', cancelled: 'Đã hủy' };
export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
  officials: 'Lãnh đạo, đại biểu cơ quan', managers: 'Cán bộ quản lý', teachers: 'Giáo viên', pupils: 'Học sinh, sinh viên', parents: 'Cha mẹ học sinh',
  donors: 'Đại diện nhà tài trợ', press: 'Báo chí', other: 'Khác',
};

export interface FieldProblem { path: string; message: string }

/**
 * The problems of a record's dates and figures: its end before its start; a group counted twice;
 * a record held in the future (`today`, Vietnam time); an evaluation of a record not held.
 */
export function recordProblems(v: { state: ActivityState; startsOn: string; endsOn: string; participants: { group: string }[]; evaluated: boolean }, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (v.endsOn < v.startsOn) out.push({ path: 'endsOn', message: 'Ngày kết thúc trước ngày bắt đầu' });
  if (v.state === 'held' && v.startsOn > today) out.push({ path: 'state', message: 'Hoạt động chưa diễn ra không thể ghi là đã tổ chức' });
  const seen = new Set<string>();
  v.participants.forEach((p, i) => {
    if (seen.has(p.group)) out.push({ path: `participants.${i}.group`, message: 'Mỗi nhóm người tham dự chỉ ghi một lần' });
    seen.add(p.group);
  });
  if (v.evaluated && v.state !== 'held') out.push({ path: 'evaluation', message: 'Chỉ ghi đánh giá của người tham dự khi hoạt động đã tổ chức' });
  return out;
}
