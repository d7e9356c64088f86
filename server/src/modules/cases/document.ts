import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { getCaseForExport } from './service.js';
import { CASE_STEP_LABELS, CATEGORY_LABELS, OUTCOME_LABELS, RISK_LABELS } from './domain.js';
import { CHANNEL_LABELS, PROVIDER_KIND_LABELS } from '../providers/domain.js';
import type { CaseDetail, CaseStep } from '../../../../contracts/cases.js';
import type { ProviderKind, ReferralChannel } from '../../../../contracts/providers.js';

const SOURCE_LABELS: Record<string, string> = {
  screening: 'Sàng lọc', teacher: 'Giáo viên', parent: 'Cha mẹ', peer: 'Bạn học', self: 'Học sinh tự báo', hotline: 'Tổng đài', other: 'Khác',
};
const ENTRY_LABELS: Record<string, string> = { note: 'Ghi chép', session: 'Buổi làm việc', plan: 'Kế hoạch hỗ trợ' };
const REFERRAL_STATE_LABELS: Record<string, string> = {
  sent: 'Đã gửi', accepted: 'Đã tiếp nhận', declined: 'Từ chối', withdrawn: 'Đã rút', reported: 'Có phản hồi', closed: 'Đã kết thúc',
};
const SHARED_LABELS: Record<string, string> = { identity: 'Họ tên, lớp', category: 'Loại vấn đề', assessment: 'Đánh giá ban đầu' };
const BASIS_LABELS: Record<string, string> = { consent: 'Sự đồng ý của học sinh và cha mẹ', legal_obligation: 'Nghĩa vụ theo luật', vital_interest: 'Lợi ích sống còn của trẻ' };

/** A date and time in Vietnam (dd/mm/yyyy hh:mm). */
const vnTime = (iso: string | null) => {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
};
const yes = (b: boolean | null) => (b ? 'có' : 'không');

/** The document's paragraphs and tables from the case as its assigned staff read it. */
function body(c: CaseDetail) {
  const out = [
    bodyPara('TÀI LIỆU MẬT: chỉ dành cho cán bộ được phân công hỗ trợ học sinh; không sao chép, chuyển tiếp (Nghị định 13/2023/NĐ-CP, Luật Bảo vệ dữ liệu cá nhân 2025). Lần xuất này đã được ghi vào nhật ký truy cập của trường hợp.', { italics: true }),
    heading('I. THÔNG TIN CHUNG'),
    gridTable(['Mục', 'Nội dung'], [
      ['Mã trường hợp', c.reference],
      ['Trường', c.schoolName],
      ['Học sinh', c.pupil ? `${c.pupil.fullName}${c.pupil.className ? `, lớp ${c.pupil.className}` : ''}${c.pupil.recordCode ? ` (mã hồ sơ ${c.pupil.recordCode})` : ''}` : '—'],
      ['Loại vấn đề', c.category ? CATEGORY_LABELS[c.category] ?? c.category : '—'],
      ['Mức độ nguy cơ', c.risk ? RISK_LABELS[c.risk] ?? c.risk : '—'],
      ['Nguồn thông tin', SOURCE_LABELS[c.source] ?? c.source],
      ['Thời điểm tiếp nhận', vnTime(c.reportedAt)],
      ['Bước hiện tại', CASE_STEP_LABELS[c.step]],
      ['Khẩn cấp (12 giờ làm việc)', c.urgent ? `có${c.clock ? `, hạn ${vnTime(c.clock.dueAt)}` : ''}${c.firstReferralAt ? `, chuyển gửi lúc ${vnTime(c.firstReferralAt)}` : ''}` : 'không'],
      ['Cán bộ được phân công', c.assigned.map((a) => `${a.name}${a.lead ? ' (phụ trách)' : ''}`).join('; ') || '—'],
      ['Kết quả', c.outcome ? `${OUTCOME_LABELS[c.outcome] ?? c.outcome}${c.closedAt ? `, kết thúc ${vnTime(c.closedAt)}` : ''}` : '—'],
    ], [55, 110]),
    heading('II. ĐÁNH GIÁ BAN ĐẦU'),
    bodyPara(c.initialAssessment ?? '—'),
    heading('III. CÁC BƯỚC'),
    gridTable(['Thời điểm', 'Bước', 'Người thực hiện', 'Lý do'],
      c.steps.map((s) => [vnTime(s.at), CASE_STEP_LABELS[s.to as CaseStep] ?? s.to, s.actor ?? '—', s.reason ?? '']), [35, 60, 40, 30]),
    heading('IV. KẾ HOẠCH HỖ TRỢ, GHI CHÉP VÀ BUỔI LÀM VIỆC'),
  ];
  if (!c.entries.length) out.push(bodyPara('Chưa có ghi chép.'));
  for (const e of c.entries) {
    const head = `${ENTRY_LABELS[e.kind] ?? e.kind}, ${vnTime(e.createdAt)}${e.occurredOn ? ` (ngày ${e.occurredOn.split('-').reverse().join('/')})` : ''}${e.author ? `, ${e.author}` : ''}`;
    out.push(bodyPara(head, { bold: true }));
    if (e.plan) {
      out.push(bodyPara(`Mục tiêu: ${e.plan.goals}`));
      out.push(gridTable(['Hoạt động', 'Người thực hiện', 'Thời gian'], e.plan.actions.map((a) => [a.what, a.who, a.when ?? '']), [80, 50, 35]));
    }
    if (e.body) out.push(bodyPara(e.body));
    out.push(bodyPara(`Học sinh tham gia: ${yes(e.pupilParticipated)}; cha mẹ tham gia: ${yes(e.parentParticipated)}.`, { italics: true }));
  }
  out.push(heading('V. CHUYỂN GỬI'));
  if (!c.referrals.length) out.push(bodyPara('Chưa chuyển gửi.'));
  for (const r of c.referrals) {
    out.push(bodyPara(`${r.providerName} (${PROVIDER_KIND_LABELS[r.providerKind as ProviderKind] ?? r.providerKind}): ${REFERRAL_STATE_LABELS[r.state] ?? r.state}`, { bold: true }));
    out.push(gridTable(['Mục', 'Nội dung'], [
      ['Gửi lúc', vnTime(r.sentAt)],
      ['Kênh', CHANNEL_LABELS[r.channel as ReferralChannel] ?? r.channel],
      ['Thông tin chia sẻ', [...r.sharedFields.map((f) => SHARED_LABELS[f] ?? f), 'bản tóm tắt'].join(', ')],
      ['Căn cứ chia sẻ', `${BASIS_LABELS[r.legalBasis] ?? r.legalBasis}; học sinh đồng ý: ${yes(r.pupilConsent)}; cha mẹ đồng ý: ${yes(r.parentConsent)}${r.consentNote ? `; ${r.consentNote}` : ''}`],
      ['Tóm tắt', r.sharedSummary ?? '—'],
      ['Quyết định', r.decidedAt ? `${vnTime(r.decidedAt)}${r.declineReason ? `: ${r.declineReason}` : ''}` : '—'],
      ['Phản hồi', r.report ? `${vnTime(r.reportedAt)}: ${r.report}` : '—'],
      ['Kết thúc', vnTime(r.closedAt)],
    ], [45, 120]));
  }
  return out;
}

/**
 * One case as a .docx for the staff assigned to it (casePolicy `export`): its record, steps, plan,
 * notes, sessions and referrals. The export is written to the case's access log (who, when, what)
 * and audited by reference before the document is made; anyone else is refused as for a read.
 */
export async function caseDocument(db: Db, actor: Actor, clock: Clock, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const c = await getCaseForExport(db, actor, clock, id);
  const buffer = await officialDocx({
    parentBody: null,
    issuer: c.schoolName,
    number: null,
    symbol: 'HS-CTXH',
    place: '……',
    date: vnDate(clock.now()),
    typeName: 'Hồ sơ',
    subject: `Trường hợp hỗ trợ ${c.reference}`,
    body: body(c),
    copiesTo: ['Lưu: hồ sơ công tác xã hội trường học'],
    signer: { authority: ['NGƯỜI LẬP'], name: null },
  });
  return { buffer, filename: `ho-so-${c.reference.toLowerCase()}.docx` };
}
