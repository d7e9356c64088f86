import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { xlsxBuffer } from '../../platform/tabular.js';
import { SCHOOL_LEVEL_LABELS, type SchoolLevel } from '../../../../contracts/common.js';
import type { CaseStatistics, CaseStep, Count } from '../../../../contracts/cases.js';
import { PROVIDER_KIND_LABELS } from '../providers/domain.js';
import { CASE_STEP_LABELS, CATEGORY_LABELS, OUTCOME_LABELS, RISK_LABELS } from './domain.js';
import { caseStatistics } from './statistics.js';

/** The statistics as rows (group, item, count), with Vietnamese labels; small counts stay "<5". */
function rows(s: CaseStatistics): [string, string, string][] {
  const out: [string, string, string][] = [['Tổng số', 'Trường hợp', String(s.total)]];
  const add = (group: string, items: { key: string; count: Count; name?: string }[], label: (k: string) => string) => {
    for (const i of items) out.push([group, i.name ?? label(i.key), String(i.count)]);
  };
  add('Loại vấn đề', s.byCategory, (k) => CATEGORY_LABELS[k] ?? k);
  add('Mức độ nguy cơ', s.byRisk, (k) => RISK_LABELS[k] ?? k);
  add('Bước', s.byStep, (k) => CASE_STEP_LABELS[k as CaseStep] ?? k);
  add('Kết quả', s.byOutcome, (k) => OUTCOME_LABELS[k] ?? k);
  add('Cấp học', s.bySchoolLevel, (k) => SCHOOL_LEVEL_LABELS[k as SchoolLevel] ?? k);
  add('Tỉnh', s.byProvince, (k) => k);
  add('Chuyển gửi theo loại cơ sở', s.referralsByProviderKind, (k) => PROVIDER_KIND_LABELS[k as keyof typeof PROVIDER_KIND_LABELS] ?? k);
  out.push(['Thời gian (giờ làm việc, trung vị)', 'Từ tiếp nhận đến thao tác đầu tiên', s.hoursToFirstAction.median === null ? '—' : String(s.hoursToFirstAction.median)]);
  out.push(['Thời gian (giờ làm việc, trung vị)', 'Từ tiếp nhận đến chuyển gửi', s.hoursToReferral.median === null ? '—' : String(s.hoursToReferral.median)]);
  out.push(['Trường hợp khẩn cấp', 'Chuyển gửi trong 12 giờ làm việc', String(s.urgentWithinClock.within)]);
  out.push(['Trường hợp khẩn cấp', 'Quá 12 giờ làm việc', String(s.urgentWithinClock.late)]);
  return out;
}

/**
 * The yearly statistics of school social work as a document: .xlsx, or a .docx report in the
 * format of Decree 30/2020/NĐ-CP (the Department's to the Ministry, or the Ministry's). Counts
 * only, small ones suppressed: the same figures as the statistics page, never an identity.
 */
export async function statisticsDocument(db: Db, actor: Actor, clock: Clock, q: { year?: number; format: 'docx' | 'xlsx' }): Promise<{ buffer: Buffer; filename: string }> {
  const s = await caseStatistics(db, actor, clock, { year: q.year });
  const r = rows(s);
  const base = `thong-ke-cong-tac-xa-hoi-${s.provinceCode ?? 'toan-quoc'}-${s.year}`;
  if (q.format === 'xlsx') {
    const buffer = await xlsxBuffer(`Thống kê CTXH ${s.year}`, [{ header: 'Nhóm', width: 36 }, { header: 'Chỉ tiêu', width: 44 }, { header: 'Số lượng', width: 12 }], r,
      [['Ghi chú', 'Số từ 1 đến 4 được ghi "<5" để không ai bị nhận ra; "x" là số được ẩn thêm để số "<5" không thể tính ra bằng phép trừ từ tổng; trung vị chỉ tính khi có từ 5 trường hợp.']]);
    return { buffer, filename: `${base}.xlsx` };
  }
  const province = s.provinceCode ? (await db.maybeOne<{ full_name: string }>(`SELECT full_name FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [s.provinceCode]))?.full_name ?? '' : '';
  const dept = !!s.provinceCode;
  const buffer = await officialDocx({
    parentBody: dept ? `UBND ${province.toUpperCase()}` : null,
    issuer: dept ? 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' : 'BỘ GIÁO DỤC VÀ ĐÀO TẠO',
    number: null,
    symbol: dept ? 'BC-SGDĐT' : 'BC-BGDĐT',
    place: dept ? province.replace(/^Tỉnh |^Thành phố /, '') : 'Hà Nội',
    date: vnDate(clock.now()),
    typeName: 'Báo cáo',
    subject: `Tình hình công tác xã hội trong trường học năm ${s.year}`,
    recipientsTo: dept ? ['Bộ Giáo dục và Đào tạo'] : undefined,
    body: [
      heading('I. SỐ LIỆU TRƯỜNG HỢP HỖ TRỢ'),
      bodyPara('Số liệu không định danh, tổng hợp từ hệ thống KếtNối; số từ 1 đến 4 được ghi "<5" và "x" là số được ẩn thêm để số "<5" không thể tính ra bằng phép trừ từ tổng, bảo đảm không học sinh nào bị nhận ra (Nghị định 13/2023/NĐ-CP; Luật Bảo vệ dữ liệu cá nhân 2025).'),
      gridTable(['Nhóm', 'Chỉ tiêu', 'Số lượng'], r, [55, 80, 30]),
      heading('II. ĐÁNH GIÁ, KIẾN NGHỊ'),
      bodyPara('…'),
    ],
    copiesTo: dept ? ['Như trên', 'Lưu: VT'] : ['Sở GDĐT các tỉnh, thành phố', 'Lưu: VT, Vụ GDCTHSSV'],
    signer: { authority: dept ? ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] : ['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG'] },
  });
  return { buffer, filename: `${base}.docx` };
}
