/**
 * Twinning rules from the Hanoi Department's 2026 plan: the kinds of activity of §II, the
 * calendar of §IV (2026, then every year from 2027), and the figures of the report due 15/12.
 * A programme year is a calendar year: pairing, activities and the report all fall inside it.
 */

import { addVnd } from '../../../../contracts/http.js';
import { compareVi } from '../../platform/text.js';
import { ACTIVITY_KINDS, BORDER_PROVINCES, HANOI, type ActivityKind, type Phase } from '../../../../contracts/twinning.js';

export { ACTIVITY_KINDS, BORDER_PROVINCES, HANOI, type ActivityKind, type Phase };
export const KIND_LABELS: Record<ActivityKind, string> = {
  material_support: 'Hỗ trợ cơ sở vật chất, điều kiện học tập',
  professional: 'Hợp tác chuyên môn',
  exchange: 'Giao lưu giáo dục toàn diện',
  tradition: 'Giáo dục truyền thống, chủ quyền, kỹ năng sống, tư vấn',
};
export const SUB_KIND_LABELS: Record<string, string> = {
  equipment: 'Thiết bị dạy học', textbooks: 'Sách giáo khoa, sách tham khảo', learning_materials: 'Đồ dùng học tập', warm_clothes: 'Quần áo ấm',
  necessities: 'Nhu yếu phẩm', scholarships: 'Học bổng', repairs: 'Cải tạo, sửa chữa phòng học, công trình',
  school_management: 'Quản trị nhà trường', homeroom: 'Công tác chủ nhiệm lớp', political_ethical_education: 'Giáo dục chính trị tư tưởng, đạo đức, lối sống',
  teaching_methods: 'Phương pháp dạy học', assessment: 'Kiểm tra, đánh giá', safe_environment: 'Môi trường giáo dục an toàn, thân thiện',
  teacher_training_online: 'Bồi dưỡng giáo viên (trực tuyến)', culture_arts: 'Giao lưu văn hóa, văn nghệ', sports: 'Thể dục, thể thao',
  connected_classroom: '"Kết nối lớp học"', learning_materials_sharing: 'Trao đổi học liệu, mô hình hay', tradition_history: 'Sinh hoạt truyền thống, giáo dục lịch sử',
  sovereignty: 'Tuyên truyền chủ quyền, biên giới, biển đảo', life_skills: 'Giáo dục kỹ năng sống', counselling_career: 'Tư vấn tâm lý, hướng nghiệp',
};

export function isValidKind(kind: string, subKind: string): boolean {
  return kind in ACTIVITY_KINDS && (ACTIVITY_KINDS[kind as ActivityKind] as readonly string[]).includes(subKind);
}

/** Ledger category of a material support, so twinning gifts count with every other gift. */
export const SUPPORT_CATEGORY: Record<string, string> = {
  equipment: 'equipment', textbooks: 'books', learning_materials: 'books', warm_clothes: 'warm_clothes', necessities: 'meals', scholarships: 'scholarship', repairs: 'classroom',
};


/** The calendar of a programme year: 2026 as written, every year from 2027 as written. */
export function calendar(year: number): Phase[] {
  if (year <= 2026) {
    return [
      { key: 'pairing', label: 'Rà soát, kết nối, ghép cặp và xây dựng kế hoạch', from: `${year}-03-01`, to: `${year}-04-30` },
      { key: 'activities', label: 'Tổ chức các hoạt động kết nối, kết nghĩa, giao lưu, hỗ trợ', from: `${year}-05-01`, to: `${year}-11-30` },
      { key: 'report', label: 'Sơ kết, đánh giá và báo cáo', from: `${year}-12-01`, to: `${year}-12-15` },
    ];
  }
  return [
    { key: 'review', label: 'Rà soát, điều chỉnh, bổ sung các cặp kết nghĩa', from: `${year}-01-01`, to: `${year}-01-31` },
    { key: 'activities', label: 'Tổ chức hoạt động giao lưu, hỗ trợ, hợp tác chuyên môn', from: `${year}-02-01`, to: `${year}-11-30` },
    { key: 'report', label: 'Sơ kết, đánh giá và báo cáo kết quả', from: `${year}-12-01`, to: `${year}-12-15` },
  ];
}

export const reportDue = (year: number) => `${year}-12-15`;

/**
 * The school year a date falls in (1 September to 31 August): the rule "ít nhất 01 hoạt động
 * trong 01 năm học" (seed 001 §III.3) is checked per school year, not per calendar year.
 */
export function schoolYearOf(date: string): { start: number; label: string; from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const start = date.slice(5) >= '09-01' ? y : y - 1;
  return schoolYear(start);
}
export const schoolYear = (start: number) => ({ start, label: `${start}-${start + 1}`, from: `${start}-09-01`, to: `${start + 1}-08-31` });

/** The school year a programme year's compliance is checked in: the one in progress today, within that year up to its report (15/12). */
export function complianceSchoolYear(year: number, today: string) {
  const from = `${year}-01-01`;
  const to = reportDue(year);
  return schoolYearOf(today < from ? from : today > to ? to : today);
}

/** The phase a date falls in, or null between phases. */
export function phaseAt(date: string): Phase | null {
  return calendar(Number(date.slice(0, 4))).find((p) => date >= p.from && date <= p.to) ?? null;
}

/** Rank border schools as partners: level match first, then the fewest partners already. */
export function rankPartners<T extends { levels: string[]; partners: number; name: string }>(hanoiLevels: string[], candidates: T[]): (T & { levelMatch: boolean })[] {
  return candidates
    .map((c) => ({ ...c, levelMatch: c.levels.some((l) => hanoiLevels.includes(l)) }))
    .sort((a, b) => Number(b.levelMatch) - Number(a.levelMatch) || a.partners - b.partners || compareVi(a.name, b.name));
}

export interface ActivityLite { pairId: string; heldOn: string; kind: ActivityKind; teachers: number; pupils: number; confirmed: boolean }
export interface PairLite { id: string; startYear: number; status: string; hanoiSchoolId: string | null; hanoiClusterId: string | null; createdAt: string }
export interface SupportLite { form: string; valueVnd: number | string; status: string }

/** The figures of the yearly report, from the data: pairs, activities by kind, participants, support, spread. */
export function reportFigures(year: number, pairs: PairLite[], activities: ActivityLite[], support: SupportLite[]) {
  const inYear = activities.filter((a) => a.heldOn.startsWith(String(year)));
  const live = pairs.filter((p) => p.status !== 'ended' && p.startYear <= year);
  const withActivity = new Set(inYear.map((a) => a.pairId));
  const byKind = Object.fromEntries((Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => [k, inYear.filter((a) => a.kind === k).length])) as Record<ActivityKind, number>;
  const given = support.filter((s) => s.status !== 'cancelled');
  // sums of đồng exactly, as decimal strings (they may pass 2^53)
  const sumOf = (form: string) => addVnd(...given.filter((s) => s.form === form).map((s) => s.valueVnd));
  const byForm = { money: sumOf('money'), in_kind: sumOf('in_kind'), non_material: sumOf('non_material') };
  return {
    year,
    pairs: live.length,
    pairsActive: live.filter((p) => p.status === 'active').length,
    newPairs: live.filter((p) => p.startYear === year).length,
    pairsWithoutActivity: live.filter((p) => p.status === 'active' && !withActivity.has(p.id)).length,
    activities: inYear.length,
    activitiesConfirmed: inYear.filter((a) => a.confirmed).length,
    byKind,
    teachers: inYear.reduce((n, a) => n + a.teachers, 0),
    pupils: inYear.reduce((n, a) => n + a.pupils, 0),
    supportValue: addVnd(...given.map((s) => s.valueVnd)),
    supportByForm: byForm,
  };
}
export type ReportFigures = ReturnType<typeof reportFigures>;
