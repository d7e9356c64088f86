import { loadExcelJS } from '../../platform/lazy.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import * as repo from './repository.js';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../../../contracts/activities.js';
import { planDetail, taskViews, type TaskView } from './service.js';
import { STATUS_LABELS, TASK_STATUSES, tally } from './domain.js';
import { planPolicy } from './policy.js';

/**
 * The plan progress report, for any plan at any date: as .docx in the Decree 30/2020 format and
 * as .xlsx. Figures come from the tasks' derived status on that date; evidence is listed by file.
 */

const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const vndText = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const pct = (n: number, d: number) => (d ? `${Math.round((n * 100) / d)}%` : '0%');

interface ReportData {
  detail: Awaited<ReturnType<typeof planDetail>>;
  tasks: TaskView[];
  evidence: Map<string, string[]>;
  /** the held records serving each task */
  records: Map<string, string[]>;
  issuer: { name: string; parent: string | null; abbreviation: string };
}

async function gather(db: Db, actor: Actor, idOrKey: string, asOf: string): Promise<ReportData> {
  const detail = await planDetail(db, actor, idOrKey, asOf);
  authorize(planPolicy, 'report', actor, { issuerId: detail.issuer.id, issuerKind: '' });
  const [tasks, ev, org, recs] = await Promise.all([
    taskViews(db, { planId: detail.id }, asOf),
    repo.evidenceNames(db, detail.id, asOf),
    repo.issuerOfReport(db, detail.issuer.id),
    repo.recordsOfPlan(db, detail.id, asOf),
  ]);
  const abbreviation = org.kind === 'ministry' ? 'BGDĐT' : org.kind === 'department' ? 'SGDĐT' : (org.short_name ?? 'VP').replace(/\s+/g, '');
  const parent = org.kind === 'department' ? `UBND ${org.name.includes('thành phố') ? 'THÀNH PHỐ' : 'TỈNH'} ${(org.province_name ?? '').toUpperCase()}` : org.parent_name;
  return { detail, tasks, evidence: new Map(ev.map((e) => [e.assignment_id, e.names])), records: new Map(recs.map((r) => [r.task_id, r.titles.map((title, i) => `${ACTIVITY_KIND_LABELS[r.kinds[i] as ActivityKind] ?? ''}: ${title}`)])), issuer: { name: org.name, parent, abbreviation } };
}

function leadsOf(t: TaskView): string {
  return t.assignments.map((a) => a.leadText).filter((v, i, arr) => arr.indexOf(v) === i).join('\n');
}
function timeOf(t: TaskView): string {
  return t.assignments.map((a) => a.timeText).filter((v, i, arr) => arr.indexOf(v) === i).join('\n');
}
/** A countable deliverable as reached ("Sản phẩm: 1/2 – 02 lớp …") and the records held toward the task. */
function recordsOf(t: TaskView, records: Map<string, string[]>): string[] {
  const parts: string[] = [];
  if (t.records) parts.push(`Sản phẩm: ${t.records.count}${t.records.target ? `/${t.records.target}` : ''} – ${t.records.text}`);
  const titles = records.get(t.id);
  if (titles?.length) parts.push(`Hoạt động, truyền thông: ${titles.join('; ')}`);
  return parts;
}
function resultOf(t: TaskView, evidence: Map<string, string[]>, records: Map<string, string[]>): string {
  const parts: string[] = recordsOf(t, records);
  for (const a of t.assignments) {
    for (const l of a.leads) if (l.lastReportedOn) parts.push(`${l.shortName ?? l.name}: ${l.percent ?? 0}% (${vnDate(l.lastReportedOn)})`);
    const ev = evidence.get(a.id);
    if (ev?.length) parts.push(`Minh chứng: ${ev.join(', ')}`);
  }
  return parts.join('\n');
}

export async function planReportDocx(db: Db, actor: Actor, idOrKey: string, asOf: string): Promise<{ buffer: Buffer; filename: string }> {
  const { detail: d, tasks, evidence, records, issuer } = await gather(db, actor, idOrKey, asOf);
  const total = tasks.length;
  const t = tally(tasks.map((x) => x.status));
  const body = [
    heading('I. KẾT QUẢ CHUNG'),
    bodyPara(`Tính đến ngày ${vnDate(asOf)}, ${d.type === 'quyet_dinh' ? 'Quyết định' : 'Kế hoạch'} số ${d.number}${d.signedOn ? ` ngày ${vnDate(d.signedOn)}` : ''} có ${total} nhiệm vụ: ${TASK_STATUSES.map((s) => `${t[s]} nhiệm vụ ${STATUS_LABELS[s].toLowerCase()} (${pct(t[s], total)})`).join('; ')}.`),
    gridTable(['Mục', 'Số nhiệm vụ', ...TASK_STATUSES.map((s) => STATUS_LABELS[s])],
      d.sections.filter((s) => s.taskCount > 0).map((s) => [`${s.code}. ${s.title}`, String(s.taskCount), ...TASK_STATUSES.map((k) => String(s.tally[k]))]),
      [55, 18, 18, 18, 18, 18, 20]),
  ];
  const targets = d.goals.flatMap((g) => g.targets.map((x) => ({ goal: g, x })));
  if (targets.length) {
    body.push(heading('II. MỤC TIÊU, CHỈ TIÊU'));
    body.push(gridTable(['Chỉ tiêu', 'Mục tiêu', 'Đạt được', 'Ngày đo'],
      targets.map(({ x }) => [x.label, x.targetValue == null ? '' : `${x.targetValue.toLocaleString('vi-VN')} ${x.unit}`, x.measuredValue == null ? 'Chưa có số liệu' : `${x.measuredValue.toLocaleString('vi-VN')} ${x.unit}${x.source === 'data' ? ' (tính từ dữ liệu)' : ''}`, vnDate(x.measuredOn)]),
      [85, 30, 30, 20]));
  }
  if (targets.some(({ x }) => x.computedFrom === 'startup_models_approved')) {
    const models = await repo.approvedStartupModels(db, asOf);
    body.push(bodyPara(models.length
      ? `Các mô hình khởi nghiệp đã được phê duyệt (${models.length}): ${models.map((m) => `${m.title} – ${m.institution}, ${m.locality} (Quyết định số ${m.decision_number ?? '…'} ngày ${m.decision_date})`).join('; ')}.`
      : 'Chưa có mô hình khởi nghiệp nào được phê duyệt.'));
  }
  const numerals = ['I', 'II', 'III', 'IV', 'V', 'VI'];
  let next = targets.length ? 2 : 1;
  const budget = await repo.budgetOfPlan(db, d.id, asOf);
  if (budget.length) {
    const sum = (k: 'estimate' | 'spent' | 'ledger') => budget.reduce((n, r) => n + BigInt(r[k]), 0n);
    body.push(heading(`${numerals[next++]}. KINH PHÍ THỰC HIỆN`));
    body.push(bodyPara(`Tính đến ngày ${vnDate(asOf)}: tổng dự toán ${vndText(sum('estimate'))} đồng; đã chi ${vndText(sum('spent') + sum('ledger'))} đồng, trong đó nguồn lực xã hội đã nghiệm thu (theo sổ đóng góp) ${vndText(sum('ledger'))} đồng.`));
    body.push(gridTable(['Mục', 'Dự toán (đồng)', 'Đã chi NSNN, kinh phí chương trình (đồng)', 'Nguồn lực xã hội đã nghiệm thu (đồng)', 'Tổng đã chi (đồng)'],
      [...budget.map((r) => [r.section_code ? `${r.section_code}. ${r.section_title ?? ''}` : 'Nhiệm vụ chung', vndText(BigInt(r.estimate)), vndText(BigInt(r.spent)), vndText(BigInt(r.ledger)), vndText(BigInt(r.spent) + BigInt(r.ledger))]),
        ['Tổng cộng', vndText(sum('estimate')), vndText(sum('spent')), vndText(sum('ledger')), vndText(sum('spent') + sum('ledger'))]],
      [55, 28, 30, 30, 28]));
  }
  const n = numerals[next++];
  body.push(heading(`${n}. TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ`));
  body.push(gridTable(['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời gian', 'Trạng thái', 'Kết quả, minh chứng'],
    tasks.map((x) => [x.number, x.content, leadsOf(x), timeOf(x), STATUS_LABELS[x.status], resultOf(x, evidence, records)]),
    [12, 55, 30, 22, 20, 26]));
  const late = tasks.filter((x) => x.status === 'overdue');
  body.push(heading(`${numerals[next]}. TỒN TẠI VÀ ĐỀ XUẤT`));
  body.push(bodyPara(late.length
    ? `Còn ${late.length} nhiệm vụ quá hạn cần đôn đốc: ${late.slice(0, 30).map((x) => `${x.number} (${leadsOf(x).replace(/\n/g, '; ')})`).join('; ')}${late.length > 30 ? '; …' : ''}. Đề nghị các đơn vị chủ trì khẩn trương hoàn thành và cập nhật kết quả, minh chứng trên hệ thống.`
    : 'Không có nhiệm vụ quá hạn. Đề nghị các đơn vị tiếp tục cập nhật kết quả và minh chứng trên hệ thống.'));
  const buffer = await officialDocx({
    parentBody: issuer.parent,
    issuer: issuer.name,
    number: null,
    symbol: `BC-${issuer.abbreviation}`,
    place: d.place ?? 'Hà Nội',
    date: asOf,
    typeName: 'Báo cáo',
    subject: `Tiến độ thực hiện ${d.type === 'quyet_dinh' ? 'Quyết định' : 'Kế hoạch'} số ${d.number}${d.signedOn ? ` ngày ${vnDate(d.signedOn)}` : ''}`,
    body,
    copiesTo: ['Lãnh đạo (để b/c)', 'Các đơn vị chủ trì, phối hợp', `Lưu: VT, ${issuer.abbreviation}`],
    signer: { authority: (d.signerTitle ?? 'THỦ TRƯỞNG ĐƠN VỊ').split(/\s*\/\s*|\n/) },
  });
  return { buffer, filename: `bao-cao-tien-do-${d.key}-${asOf}.docx` };
}

export async function planReportXlsx(db: Db, actor: Actor, idOrKey: string, asOf: string): Promise<{ buffer: Buffer; filename: string }> {
  const { detail: d, tasks, evidence, records } = await gather(db, actor, idOrKey, asOf);
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'KếtNối';
  const s = wb.addWorksheet('Tổng hợp');
  s.columns = [{ width: 60 }, { width: 14 }, ...TASK_STATUSES.map(() => ({ width: 16 }))];
  s.addRow([`Báo cáo tiến độ ${d.number}: ${d.title}`]).font = { bold: true };
  s.addRow([`Tính đến ngày ${vnDate(asOf)}`]);
  s.addRow([]);
  s.addRow(['Mục', 'Số nhiệm vụ', ...TASK_STATUSES.map((k) => STATUS_LABELS[k])]).font = { bold: true };
  for (const sec of d.sections) s.addRow([`${sec.code}. ${sec.title}`, sec.taskCount, ...TASK_STATUSES.map((k) => sec.tally[k])]);
  const all = tally(tasks.map((x) => x.status));
  s.addRow(['Tổng', tasks.length, ...TASK_STATUSES.map((k) => all[k])]).font = { bold: true };
  const w = wb.addWorksheet('Nhiệm vụ');
  w.columns = [
    { header: 'Mục', width: 10 }, { header: 'TT', width: 8 }, { header: 'Nội dung', width: 60 }, { header: 'Đơn vị chủ trì', width: 30 },
    { header: 'Đơn vị phối hợp', width: 30 }, { header: 'Thời gian', width: 18 }, { header: 'Từ ngày', width: 12 }, { header: 'Đến ngày', width: 12 },
    { header: 'Sản phẩm', width: 40 }, { header: 'Trạng thái', width: 16 }, { header: 'Kết quả, minh chứng', width: 40 },
  ];
  w.getRow(1).font = { bold: true };
  for (const t of tasks) {
    for (const a of t.assignments) {
      w.addRow([t.sectionCode, t.number, t.content, a.leadText, a.partnerText, a.timeText, vnDate(a.window.from), vnDate(a.window.due ?? a.window.to), a.deliverables.join('\n'), STATUS_LABELS[a.status],
        [...(a === t.assignments[0] ? recordsOf(t, records) : []), ...a.leads.filter((l) => l.lastReportedOn).map((l) => `${l.shortName ?? l.name}: ${l.percent ?? 0}%`), ...(evidence.get(a.id) ?? [])].join('\n')]);
    }
  }
  w.views = [{ state: 'frozen', ySplit: 1 }];
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `bao-cao-tien-do-${d.key}-${asOf}.xlsx` };
}
