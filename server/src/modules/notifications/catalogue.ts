import type { Lang } from '../../platform/i18n.js';

/**
 * The texts of every notification, by kind, in Vietnamese and English. A notification is stored
 * as its kind and parameters and rendered in the reader's language (the account's locale) when
 * listed or e-mailed; a template takes only the parameters it names.
 */

export interface Text {
  title: string;
  body: string;
}
type Template<P> = Record<Lang, (p: P) => Text>;

const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const money = (n: number, lang: Lang) => (lang === 'vi' ? `${n.toLocaleString('vi-VN')} đồng` : `VND ${n.toLocaleString('en-GB')}`);
const REFERRAL_STATE_VI: Record<string, string> = { accepted: 'đã tiếp nhận', declined: 'bị từ chối', reported: 'có phản hồi kết quả', closed: 'đã kết thúc' };
/** A moment as Vietnam's wall clock: 01/12/2026 11:00. */
const vnTime = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n)}…` : s);

export interface ReminderLine {
  planNumber: string;
  taskNumber: string;
  content: string;
  /** YYYY-MM-DD */
  deadline: string;
}

const line = (l: ReminderLine, lang: Lang) =>
  lang === 'vi'
    ? `- ${l.planNumber} – nhiệm vụ ${l.taskNumber}: ${clip(l.content)} (hạn ${dmy(l.deadline)})`
    : `- ${l.planNumber} – task ${l.taskNumber}: ${clip(l.content)} (due ${dmy(l.deadline)})`;

/** A late task as its plan's issuer reads it: which unit is late. */
export interface LateLine extends ReminderLine {
  unitName: string;
}

/** A campaign's deadline in an assessments reminder: the organisation's own self-assessment, or the reviews it owes. */
export interface AssessmentReminderLine {
  campaignTitle: string;
  deadline: 'self' | 'review';
  /** YYYY-MM-DD */
  dueOn: string;
  pending: number;
}

const lateLine = (l: LateLine, lang: Lang) => `${line(l, lang)} – ${l.unitName}`;

const CATALOGUE = {
  // ---------- plans ----------
  task_reminder: {
    vi: (p: { overdue: ReminderLine[]; dueSoon: ReminderLine[] }) => ({
      title: `Đôn đốc: ${[p.dueSoon.length ? `${p.dueSoon.length} nhiệm vụ sắp đến hạn` : '', p.overdue.length ? `${p.overdue.length} nhiệm vụ quá hạn` : ''].filter(Boolean).join(', ')}`,
      body: [
        ...(p.overdue.length ? ['Quá hạn:', ...p.overdue.map((l) => line(l, 'vi'))] : []),
        ...(p.dueSoon.length ? ['Sắp đến hạn:', ...p.dueSoon.map((l) => line(l, 'vi'))] : []),
        'Đề nghị đơn vị cập nhật tiến độ và minh chứng trên KếtNối.',
      ].join('\n'),
    }),
    en: (p) => ({
      title: `Reminder: ${[p.dueSoon.length ? `${p.dueSoon.length} task(s) due soon` : '', p.overdue.length ? `${p.overdue.length} task(s) overdue` : ''].filter(Boolean).join(', ')}`,
      body: [
        ...(p.overdue.length ? ['Overdue:', ...p.overdue.map((l) => line(l, 'en'))] : []),
        ...(p.dueSoon.length ? ['Due soon:', ...p.dueSoon.map((l) => line(l, 'en'))] : []),
        'Please update the progress and evidence on KếtNối.',
      ].join('\n'),
    }),
  } satisfies Template<{ overdue: ReminderLine[]; dueSoon: ReminderLine[] }>,

  task_late: {
    vi: (p: { lines: LateLine[] }) => ({
      title: `Báo cáo chậm: ${p.lines.length} nhiệm vụ quá hạn của kế hoạch do đơn vị ban hành`,
      body: ['Các đơn vị chủ trì chưa báo cáo hoàn thành đúng hạn:', ...p.lines.map((l) => lateLine(l, 'vi')), 'Đề nghị đơn vị đôn đốc các đơn vị chủ trì cập nhật tiến độ trên KếtNối.'].join('\n'),
    }),
    en: (p) => ({
      title: `Late reports: ${p.lines.length} overdue task(s) of plans your unit issued`,
      body: ['Lead units that have not reported completion on time:', ...p.lines.map((l) => lateLine(l, 'en')), 'Please follow up with the lead units on KếtNối.'].join('\n'),
    }),
  } satisfies Template<{ lines: LateLine[] }>,

  task_reported: {
    vi: (p: { planNumber: string; taskNumber: string; unitName: string; done: boolean }) => ({
      title: `Báo cáo tiến độ: ${p.planNumber} – nhiệm vụ ${p.taskNumber}`,
      body: `${p.unitName} đã báo cáo tiến độ nhiệm vụ ${p.taskNumber} của ${p.planNumber}${p.done ? ' (hoàn thành)' : ''}.`,
    }),
    en: (p) => ({
      title: `Progress report: ${p.planNumber} – task ${p.taskNumber}`,
      body: `${p.unitName} reported progress on task ${p.taskNumber} of ${p.planNumber}${p.done ? ' (done)' : ''}.`,
    }),
  } satisfies Template<{ planNumber: string; taskNumber: string; unitName: string; done: boolean }>,

  // ---------- resources: needs ----------
  need_submitted: {
    vi: (p: { needTitle: string; schoolName: string }) => ({ title: `Nhu cầu chờ xác minh: ${p.needTitle}`, body: `${p.schoolName} đã gửi nhu cầu "${p.needTitle}" và chờ Sở xác minh.` }),
    en: (p) => ({ title: `Need awaiting verification: ${p.needTitle}`, body: `${p.schoolName} submitted the need "${p.needTitle}", awaiting the Department's verification.` }),
  } satisfies Template<{ needTitle: string; schoolName: string }>,
  need_verify: {
    vi: (p: { needTitle: string }) => ({ title: `Nhu cầu đã được xác minh: ${p.needTitle}`, body: `Nhu cầu "${p.needTitle}" đã được Sở xác minh.` }),
    en: (p) => ({ title: `Need verified: ${p.needTitle}`, body: `The need "${p.needTitle}" was verified by the Department.` }),
  } satisfies Template<{ needTitle: string }>,
  need_return: {
    vi: (p: { needTitle: string; reason: string }) => ({ title: `Nhu cầu bị trả lại: ${p.needTitle}`, body: `Lý do: ${p.reason}` }),
    en: (p) => ({ title: `Need returned: ${p.needTitle}`, body: `Reason: ${p.reason}` }),
  } satisfies Template<{ needTitle: string; reason: string }>,
  need_publish: {
    vi: (p: { needTitle: string }) => ({ title: `Nhu cầu đã được công bố: ${p.needTitle}`, body: `Nhu cầu "${p.needTitle}" đã được công bố để kêu gọi hỗ trợ.` }),
    en: (p) => ({ title: `Need published: ${p.needTitle}`, body: `The need "${p.needTitle}" is now published to call for support.` }),
  } satisfies Template<{ needTitle: string }>,
  need_accepted: {
    vi: (p: { needTitle: string; schoolName: string }) => ({ title: `Đã nghiệm thu: ${p.needTitle}`, body: `${p.schoolName} đã nghiệm thu nhu cầu "${p.needTitle}" kèm minh chứng.` }),
    en: (p) => ({ title: `Accepted: ${p.needTitle}`, body: `${p.schoolName} accepted the need "${p.needTitle}" with evidence.` }),
  } satisfies Template<{ needTitle: string; schoolName: string }>,

  // ---------- sponsorship mobilisation plans ----------
  sponsorship_submitted: {
    vi: (p: { planTitle: string; schoolName: string; dueOn: string }) => ({
      title: `Kế hoạch vận động tài trợ chờ phê duyệt: ${p.planTitle}`,
      body: `${p.schoolName} đã trình kế hoạch vận động tài trợ "${p.planTitle}". Hạn thẩm định, phê duyệt: ${dmy(p.dueOn)} (15 ngày).`,
    }),
    en: (p) => ({
      title: `Sponsorship plan awaiting approval: ${p.planTitle}`,
      body: `${p.schoolName} submitted the sponsorship mobilisation plan "${p.planTitle}". Approval due by ${dmy(p.dueOn)} (15 days).`,
    }),
  } satisfies Template<{ planTitle: string; schoolName: string; dueOn: string }>,
  sponsorship_approved: {
    vi: (p: { planTitle: string }) => ({ title: `Kế hoạch vận động tài trợ đã được phê duyệt: ${p.planTitle}`, body: `Kế hoạch "${p.planTitle}" đã được phê duyệt; nhà trường có thể bắt đầu vận động tài trợ.` }),
    en: (p) => ({ title: `Sponsorship plan approved: ${p.planTitle}`, body: `The plan "${p.planTitle}" was approved; the school may start mobilising sponsorship.` }),
  } satisfies Template<{ planTitle: string }>,
  sponsorship_returned: {
    vi: (p: { planTitle: string; reason: string }) => ({ title: `Kế hoạch vận động tài trợ bị trả lại: ${p.planTitle}`, body: `Lý do: ${p.reason}` }),
    en: (p) => ({ title: `Sponsorship plan returned: ${p.planTitle}`, body: `Reason: ${p.reason}` }),
  } satisfies Template<{ planTitle: string; reason: string }>,

  // ---------- resources: contributions ----------
  pledge_received: {
    vi: (p: { description: string; donorName: string | null; quantity: number | null; unit: string | null; valueVnd: number; needTitle: string | null }) => ({
      title: `Có cam kết tài trợ mới: ${p.description}`,
      body: `${p.donorName ?? 'Một nhà hảo tâm (ẩn danh)'} cam kết ${p.quantity ? `${p.quantity} ${p.unit ?? ''} ` : ''}trị giá ${money(p.valueVnd, 'vi')}${p.needTitle ? ` cho nhu cầu "${p.needTitle}"` : ''}.`,
    }),
    en: (p) => ({
      title: `New pledge: ${p.description}`,
      body: `${p.donorName ?? 'An anonymous donor'} pledged ${p.quantity ? `${p.quantity} ${p.unit ?? ''} ` : ''}worth ${money(p.valueVnd, 'en')}${p.needTitle ? ` for the need "${p.needTitle}"` : ''}.`,
    }),
  } satisfies Template<{ description: string; donorName: string | null; quantity: number | null; unit: string | null; valueVnd: number; needTitle: string | null }>,
  delivery_marked: {
    vi: (p: { description: string; donorName: string | null }) => ({ title: `Đã bàn giao, chờ trường xác nhận: ${p.description}`, body: `${p.donorName ?? 'Một nhà hảo tâm (ẩn danh)'} báo đã bàn giao "${p.description}". Đề nghị trường xác nhận đã nhận kèm minh chứng.` }),
    en: (p) => ({ title: `Delivered, awaiting the school's receipt: ${p.description}`, body: `${p.donorName ?? 'An anonymous donor'} reports having delivered "${p.description}". Please confirm receipt with evidence.` }),
  } satisfies Template<{ description: string; donorName: string | null }>,
  delivery_confirmed: {
    vi: (p: { description: string; schoolName: string }) => ({ title: `Trường đã xác nhận nhận: ${p.description}`, body: `${p.schoolName} đã xác nhận nhận khoản đóng góp "${p.description}" kèm minh chứng.` }),
    en: (p) => ({ title: `School confirmed receipt: ${p.description}`, body: `${p.schoolName} confirmed receiving the contribution "${p.description}" with evidence.` }),
  } satisfies Template<{ description: string; schoolName: string }>,
  evidence_accepted: {
    vi: (p: { description: string; schoolName: string; to: 'donor' | 'school' }) => ({
      title: `Đã nghiệm thu: ${p.description}`,
      body: p.to === 'donor' ? `Khoản đóng góp "${p.description}" cho ${p.schoolName} đã được nghiệm thu.` : `Sở đã nghiệm thu khoản đóng góp "${p.description}".`,
    }),
    en: (p) => ({
      title: `Accepted: ${p.description}`,
      body: p.to === 'donor' ? `The contribution "${p.description}" to ${p.schoolName} was accepted.` : `The Department accepted the contribution "${p.description}".`,
    }),
  } satisfies Template<{ description: string; schoolName: string; to: 'donor' | 'school' }>,

  // ---------- resources: donors ----------
  donor_pending: {
    vi: (p: { donorName: string }) => ({ title: `Nhà tài trợ chờ thẩm định: ${p.donorName}`, body: `${p.donorName} vừa đăng ký và chờ thẩm định năng lực, uy tín trước khi ký kết.` }),
    en: (p) => ({ title: `Donor awaiting vetting: ${p.donorName}`, body: `${p.donorName} has registered and awaits vetting of its capacity and standing before signing.` }),
  } satisfies Template<{ donorName: string }>,
  donor_approved: {
    vi: (_p: Record<string, never>) => ({ title: 'Hồ sơ nhà tài trợ đã được phê duyệt', body: 'Đơn vị có thể cam kết tài trợ và ký kết văn bản.' }),
    en: () => ({ title: 'Donor profile approved', body: 'Your organisation may now pledge and sign agreements.' }),
  } satisfies Template<Record<string, never>>,
  donor_rejected: {
    vi: (p: { reason: string }) => ({ title: 'Hồ sơ nhà tài trợ chưa được phê duyệt', body: `Lý do: ${p.reason}` }),
    en: (p) => ({ title: 'Donor profile not approved', body: `Reason: ${p.reason}` }),
  } satisfies Template<{ reason: string }>,

  // ---------- twinning ----------
  pair_created: {
    vi: (p: { hanoiSide: string; borderSchoolName: string; startYear: number }) => ({ title: `Kết nghĩa: ${p.hanoiSide} – ${p.borderSchoolName}`, body: `Sở GDĐT Hà Nội đã ghép cặp kết nghĩa từ năm ${p.startYear}. Hãy xây dựng kế hoạch hoạt động của cặp.` }),
    en: (p) => ({ title: `Twinning: ${p.hanoiSide} – ${p.borderSchoolName}`, body: `The Hanoi Department of Education paired your schools from ${p.startYear}. Please draw up the pair's activity plan.` }),
  } satisfies Template<{ hanoiSide: string; borderSchoolName: string; startYear: number }>,
  twinning_activity: {
    vi: (p: { activityTitle: string; loggedBy: string; heldOn: string }) => ({ title: `Hoạt động kết nghĩa mới: ${p.activityTitle}`, body: `${p.loggedBy} đã ghi nhận hoạt động ngày ${dmy(p.heldOn)}. Đề nghị trường xác nhận.` }),
    en: (p) => ({ title: `New twinning activity: ${p.activityTitle}`, body: `${p.loggedBy} recorded an activity held on ${dmy(p.heldOn)}. Please confirm it.` }),
  } satisfies Template<{ activityTitle: string; loggedBy: string; heldOn: string }>,
  twinning_reminder: {
    vi: (p: { year: number; pairs: string[] }) => ({
      title: `Nhắc: ${p.pairs.length} cặp kết nghĩa chưa có hoạt động năm ${p.year}`,
      body: `Mỗi cặp kết nghĩa tổ chức ít nhất 01 hoạt động trong năm. Chưa có hoạt động: ${p.pairs.join('; ')}. Báo cáo sơ kết trước ngày 15/12/${p.year}.`,
    }),
    en: (p) => ({
      title: `Reminder: ${p.pairs.length} twinning pair(s) without an activity in ${p.year}`,
      body: `Each pair holds at least one activity a year. No activity yet: ${p.pairs.join('; ')}. The review report is due by 15/12/${p.year}.`,
    }),
  } satisfies Template<{ year: number; pairs: string[] }>,
  twinning_report_submitted: {
    vi: (p: { year: number; submittedOn: string }) => ({ title: `Cụm trường đã gửi báo cáo kết nghĩa năm ${p.year}`, body: `Báo cáo của cụm đã được gửi ngày ${dmy(p.submittedOn)}.` }),
    en: (p) => ({ title: `A school cluster submitted its ${p.year} twinning report`, body: `The cluster's report was submitted on ${dmy(p.submittedOn)}.` }),
  } satisfies Template<{ year: number; submittedOn: string }>,

  // ---------- school social work: only the case's reference, never the pupil, category or notes ----------
  cases_break_glass: {
    vi: (p: { reference: string; actorLabel: string }) => ({ title: `Truy cập khẩn cấp trường hợp ${p.reference}`, body: `${p.actorLabel} đã mở trường hợp ${p.reference} bằng truy cập khẩn cấp. Lý do được ghi trong nhật ký truy cập.` }),
    en: (p) => ({ title: `Break-glass access to case ${p.reference}`, body: `${p.actorLabel} opened case ${p.reference} through break-glass access. The reason is in the access log.` }),
  } satisfies Template<{ reference: string; actorLabel: string }>,
  cases_referral_received: {
    vi: (p: { reference: string; schoolName: string }) => ({ title: `Yêu cầu chuyển gửi mới ${p.reference}`, body: `${p.schoolName} chuyển gửi một trường hợp (${p.reference}). Hãy tiếp nhận hoặc từ chối có lý do.` }),
    en: (p) => ({ title: `New referral ${p.reference}`, body: `${p.schoolName} referred a case (${p.reference}). Accept it or decline with a reason.` }),
  } satisfies Template<{ reference: string; schoolName: string }>,
  cases_referral_answered: {
    vi: (p: { reference: string; providerName: string; state: string }) => ({ title: `Chuyển gửi ${p.reference}: ${REFERRAL_STATE_VI[p.state] ?? p.state}`, body: `${p.providerName} đã cập nhật yêu cầu chuyển gửi của trường hợp ${p.reference}.` }),
    en: (p) => ({ title: `Referral ${p.reference}: ${p.state}`, body: `${p.providerName} updated the referral of case ${p.reference}.` }),
  } satisfies Template<{ reference: string; providerName: string; state: string }>,
  cases_clock_alert: {
    vi: (p: { reference: string; schoolName: string; dueAt: string }) => ({ title: `Sắp hết hạn chuyển gửi: ${p.reference}`, body: `Trường hợp khẩn cấp ${p.reference} (${p.schoolName}) chưa được chuyển gửi; hạn 12 giờ làm việc: ${vnTime(p.dueAt)}.` }),
    en: (p) => ({ title: `Referral deadline near: ${p.reference}`, body: `Urgent case ${p.reference} (${p.schoolName}) has not been referred; the 12-working-hour deadline is ${vnTime(p.dueAt)} (Vietnam time).` }),
  } satisfies Template<{ reference: string; schoolName: string; dueAt: string }>,
  // ---------- assessments: one digest per organisation before a campaign's deadlines ----------
  assessments_reminder: {
    vi: (p: { lines: AssessmentReminderLine[] }) => ({
      title: `Sắp đến hạn đánh giá theo bộ chỉ số (${p.lines.length} đợt)`,
      body: p.lines.map((l) => (l.deadline === 'self'
        ? `- ${clip(l.campaignTitle)}: hạn gửi bản tự đánh giá ${dmy(l.dueOn)}; bản của đơn vị chưa được gửi.`
        : `- ${clip(l.campaignTitle)}: hạn thẩm định ${dmy(l.dueOn)}; còn ${l.pending} bản tự đánh giá chờ thẩm định.`)).join('\n'),
    }),
    en: (p) => ({
      title: `Indicator assessment deadlines near (${p.lines.length} campaign(s))`,
      body: p.lines.map((l) => (l.deadline === 'self'
        ? `- ${clip(l.campaignTitle)}: self-assessment due ${dmy(l.dueOn)}; yours has not been submitted.`
        : `- ${clip(l.campaignTitle)}: review due ${dmy(l.dueOn)}; ${l.pending} self-assessment(s) waiting for review.`)).join('\n'),
    }),
  } satisfies Template<{ lines: AssessmentReminderLine[] }>,
};

export type NotificationKind = keyof typeof CATALOGUE;
export type ParamsOf<K extends NotificationKind> = Parameters<(typeof CATALOGUE)[K]['vi']>[0];
/** A notification's content: its kind and the parameters its templates take. */
export type Message = { [K in NotificationKind]: { kind: K; params: ParamsOf<K> } }[NotificationKind];

export const KINDS = Object.keys(CATALOGUE) as NotificationKind[];
export const isKind = (k: string): k is NotificationKind => Object.hasOwn(CATALOGUE, k);

/** A notification's title and body in a language; null for a kind the catalogue does not know. */
export function render(kind: string, params: unknown, lang: Lang): Text | null {
  if (!isKind(kind) || params === null || typeof params !== 'object') return null;
  return (CATALOGUE[kind][lang] as (p: unknown) => Text)(params);
}

/** One e-mail with a day's notifications, for an account that chose the daily digest. */
export function renderDigest(items: Text[], lang: Lang): Text {
  const title = lang === 'vi' ? `KếtNối: ${items.length} thông báo trong ngày` : `KếtNối: ${items.length} notification(s) today`;
  const body = items.map((t) => `- ${t.title}\n  ${t.body.split('\n').join('\n  ')}`).join('\n\n');
  return { title, body };
}

export const langOf = (locale: string | null | undefined): Lang => (locale?.toLowerCase().startsWith('en') ? 'en' : 'vi');
