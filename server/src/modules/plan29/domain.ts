/** The selection quota of plan 29: per province one district, 20 schools by level, gifts per school. */

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
