/**
 * A campaign's spreadsheets and report, the reviewer's tools (Department for its province, the
 * Ministry for all): the answer template (one row per organisation in scope, one column per
 * answerable indicator, a row of codes and a row of texts, drop-down lists for yes/no and
 * choices), the import of many organisations' answers at once (every row checked, nothing written
 * unless the whole file is valid, only assessments still open for answers), the results workbook,
 * the Decree-30 summary report of a province, and completeness by reviewer with who is missing.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/lazy.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { auditMany } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized, type RowError } from '../../platform/errors.js';
import { afterKey, batches, page } from '../../platform/paging.js';
import type { Column, Sheet } from '../../platform/tabular.js';
import { cleanLongText, fold } from '../../platform/text.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { SCHOOL_LEVEL_LABELS, type SchoolLevel } from '../../../../contracts/common.js';
import type { AnswerValue, FrameworkDefinition, IndicatorDef } from '../../../../contracts/assessments.js';
import type { AnswerImportResult, OutstandingItem, OutstandingKind, ReviewerCompleteness } from '../../../../contracts/assessments-excel.js';
import { ASSESSMENT_STATE_LABELS, SCHOOL_EDITABLE, answerProblem, answerable, resultCodes, round2, scoreAssessment, selfPoints, type Answer } from './domain.js';
import * as repo from './repository.js';
import * as xrepo from './excel-repository.js';

const NOT_FOUND_CAMPAIGN = 'Không tìm thấy đợt đánh giá';
/** The most rows an answer import reads (a province has a few thousand schools). */
export const ANSWER_IMPORT_MAX_ROWS = 10_000;
/** The first cell of the template's second row: the indicators' texts, skipped on import. */
export const TEXT_ROW_MARK = 'Nội dung chỉ số →';
const FIXED = ['Mã bản đánh giá', 'Mã trường', 'Đơn vị', 'Xã/phường', 'Trạng thái'] as const;
const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/**
 * The reviewer's scope over a campaign: national accounts all of it (or one province), a Department
 * its own province; others are refused. `write`: the import, which administrators do not make.
 */
async function reviewerCampaign(db: Db, actor: Actor, id: string, provinceCode: string | undefined, write = false): Promise<{ c: repo.CampaignRow; provinceCode: string | null }> {
  if (!actor.userId) throw unauthorized();
  const national = actor.role === 'ministry' || (!write && actor.role === 'admin');
  const department = actor.role === 'department' && !!actor.provinceCode;
  if (!national && !department) throw forbidden();
  const c = await repo.campaign(db, id);
  if (!c) throw notFound(NOT_FOUND_CAMPAIGN);
  if (department) {
    if (provinceCode && provinceCode !== actor.provinceCode) throw forbidden();
    if (!(await repo.campaignVisible(db, { provinceCode: actor.provinceCode! }, id))) throw forbidden();
    return { c, provinceCode: actor.provinceCode! };
  }
  return { c, provinceCode: provinceCode ?? null };
}

/** The indicators a spreadsheet carries: every answerable one but those answered by evidence files alone. */
const sheetIndicators = (def: FrameworkDefinition) => answerable(def).filter((i) => i.type !== 'evidence');

const YES = new Set(['co', 'x', '1', 'yes', 'true', 'dung', 'dat']);
const NO = new Set(['khong', '0', 'no', 'false', 'sai']);

function typeHint(i: IndicatorDef): string {
  switch (i.type) {
    case 'yes_no': return 'Có/Không';
    case 'number': return 'số';
    case 'percentage': return 'tỉ lệ % từ 0 đến 100';
    case 'choice': return i.scoring.kind === 'choice' ? i.scoring.options.map((o) => o.label).join(' / ') : 'lựa chọn';
    case 'text': return 'nội dung';
    case 'evidence': return 'minh chứng';
  }
}

/** A cell as the answer it means, or the reason it is not one. */
export function parseCell(i: IndicatorDef, text: string): { value: AnswerValue } | { error: string } {
  let value: AnswerValue;
  switch (i.type) {
    case 'yes_no': {
      const f = fold(text);
      if (YES.has(f)) value = true;
      else if (NO.has(f)) value = false;
      else return { error: `"${text}" không hợp lệ: ghi Có hoặc Không` };
      break;
    }
    case 'number': case 'percentage': {
      const t = text.replace(/\s|%/g, '');
      const n = /^\d+(\.\d+)?$/.test(t) ? Number(t) : /^\d+(,\d+)?$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN;
      if (Number.isNaN(n)) return { error: `"${text}" không phải là số` };
      value = n;
      break;
    }
    case 'choice': {
      const opts = i.scoring.kind === 'choice' ? i.scoring.options : [];
      const o = opts.find((x) => x.value === text) ?? opts.find((x) => fold(x.label) === fold(text));
      if (!o) return { error: `"${text}" không có trong thang đánh giá (chọn: ${opts.map((x) => x.label).join('; ')})` };
      value = o.value;
      break;
    }
    default: {
      value = cleanLongText(text);
      if (value && value.length > 4000) return { error: 'Nội dung quá dài (tối đa 4.000 ký tự)' };
    }
  }
  const problem = answerProblem(i, value);
  return problem ? { error: problem } : { value };
}

/** An answer as it is written back in a cell. */
function cellOf(i: IndicatorDef, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (i.type === 'yes_no') return v === true ? 'Có' : 'Không';
  if (i.type === 'choice' && i.scoring.kind === 'choice') return i.scoring.options.find((o) => o.value === v)?.label ?? String(v);
  return typeof v === 'number' ? v : String(v);
}

/** A drop-down list's formula, when it fits Excel's 255 characters and no label holds a comma. */
function listFormula(labels: string[]): string | null {
  const joined = labels.join(',');
  return labels.some((l) => l.includes(',') || l.includes('"')) || joined.length > 250 ? null : `"${joined}"`;
}

// ---------------------------------------------------------------------------------------------
// Template and import

export async function template(db: Db, actor: Actor, id: string, q: { provinceCode?: string }): Promise<{ buffer: Buffer; filename: string }> {
  const { c, provinceCode } = await reviewerCampaign(db, actor, id, q.provinceCode);
  const inds = sheetIndicators(c.definition);
  const answers = new Map<string, Map<string, unknown>>();
  for (const a of await xrepo.openAnswers(db, id, provinceCode)) {
    const m = answers.get(a.assessment_id) ?? new Map<string, unknown>();
    m.set(a.code, a.value);
    answers.set(a.assessment_id, m);
  }
  const wb = new (await loadExcelJS()).Workbook();
  const ws = wb.addWorksheet('Trả lời');
  ws.columns = [{ width: 38 }, { width: 14 }, { width: 40 }, { width: 24 }, { width: 18 }, ...inds.map(() => ({ width: 16 }))];
  ws.addRow([...FIXED, ...inds.map((i) => i.code)]).font = { bold: true };
  const texts = ws.addRow([TEXT_ROW_MARK, '', '', '', '', ...inds.map((i) => `${i.text}${i.mandatory ? ' (bắt buộc)' : ''} [${typeHint(i)}]`)]);
  texts.alignment = { wrapText: true, vertical: 'top' };
  texts.font = { italic: true };
  texts.height = 90;
  let n = 2;
  for await (const rows of batches((after, limit) => xrepo.sheetRows(db, id, provinceCode, after, limit), (r) => [r.id])) {
    for (const r of rows) {
      const own = answers.get(r.id);
      const editable = SCHOOL_EDITABLE.includes(r.state);
      ws.addRow([r.id, r.school_code ?? '', r.organisation_name, r.commune_name ?? '', ASSESSMENT_STATE_LABELS[r.state], ...inds.map((i) => (editable ? cellOf(i, own?.get(i.code)) : null))]);
      n++;
    }
  }
  // drop-down lists and number bounds where Excel has them, on every data row of the indicator's column
  inds.forEach((ind, k) => {
    const col = FIXED.length + k + 1;
    const labels = ind.type === 'yes_no' ? ['Có', 'Không'] : ind.type === 'choice' && ind.scoring.kind === 'choice' ? ind.scoring.options.map((o) => o.label) : null;
    const formula = labels ? listFormula(labels) : null;
    const rule: ExcelJS.DataValidation | null = formula
      ? { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: 'Giá trị không hợp lệ', error: `Chọn: ${labels!.join(', ')}` }
      : ind.type === 'number' ? { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, error: 'Cần một số không âm' }
      : ind.type === 'percentage' ? { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, error: 'Tỉ lệ từ 0 đến 100' }
      : null;
    if (rule) for (let r = 3; r <= n; r++) ws.getRow(r).getCell(col).dataValidation = rule;
  });
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 2 }];
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 28 }, { width: 100 }];
  for (const line of [
    ['Đợt đánh giá', c.title],
    ['Bộ chỉ số', `${c.framework_name} (${c.basis})`],
    ['Thời hạn', `Tự đánh giá đến ${dmy(c.self_due_on)}; thẩm định đến ${dmy(c.review_due_on)}`],
    ['Cách điền', 'Dòng 1 là mã chỉ số, dòng 2 là nội dung; mỗi dòng từ dòng 3 là một đơn vị. Không sửa cột "Mã bản đánh giá" và dòng 1.'],
    ['Ô để trống', 'Giữ nguyên câu trả lời đã có.'],
    ['Có/Không', 'Ghi "Có" hoặc "Không".'],
    ['Minh chứng', 'Các chỉ số chỉ cần minh chứng không có trong tệp: đơn vị đính kèm minh chứng trên hệ thống.'],
    ['Quy tắc', 'Chỉ ghi khi mọi dòng đều hợp lệ; mọi dòng lỗi được liệt kê kèm lý do. Chỉ nhập được bản đang tự đánh giá hoặc bị trả lại; bản đã gửi hoặc đã phê duyệt bị từ chối.'],
    ...inds.filter((i) => i.type === 'choice').map((i) => [`Thang ${i.code}`, typeHint(i)]),
  ]) help.addRow(line);
  help.getColumn(2).alignment = { wrapText: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: `mau-nhap-danh-gia-${provinceCode ?? 'toan-quoc'}-${c.year}` };
}

/**
 * Import answers for many organisations: the header must carry the template's columns, every row
 * names an assessment of this campaign within the importer's scope that is still open for answers,
 * every cell is a valid answer. Any error: every bad row is listed and nothing is written. The
 * assessments are locked (in id order) before their states are checked again and written, so a
 * submission at the same moment either lands first (the import is refused) or waits for it.
 */
export async function importAnswers(db: Db, actor: Actor, clock: Clock, id: string, sheet: Sheet): Promise<AnswerImportResult> {
  const { c, provinceCode } = await reviewerCampaign(db, actor, id, undefined, true);
  const today = vnDate(clock.now());
  if (today < c.opens_on) throw conflict(`Đợt đánh giá mở từ ngày ${dmy(c.opens_on)}`);
  if (today > c.publish_on) throw conflict('Đợt đánh giá đã kết thúc');
  const inds = sheetIndicators(c.definition);
  const byCode = new Map(inds.map((i) => [i.code, i]));
  const fixed = new Set(FIXED.map((h) => fold(h)));
  const idCol = sheet.headers.findIndex((h) => fold(h) === fold(FIXED[0]));
  const errors: RowError[] = [];
  const cols: { index: number; ind: IndicatorDef }[] = [];
  sheet.headers.forEach((h, index) => {
    if (!h || fixed.has(fold(h))) return;
    const ind = byCode.get(h);
    if (!ind) errors.push({ row: 1, column: h, message: `Cột "${h}" không phải mã chỉ số của bộ chỉ số này (hãy dùng tệp mẫu của đợt)` });
    else if (cols.some((x) => x.ind.code === h)) errors.push({ row: 1, column: h, message: `Cột "${h}" lặp lại` });
    else cols.push({ index, ind });
  });
  if (idCol < 0) errors.push({ row: 1, column: FIXED[0], message: `Thiếu cột "${FIXED[0]}" (hãy dùng tệp mẫu của đợt)` });
  if (errors.length) throw invalid('Tệp không đúng mẫu của đợt đánh giá; chưa ghi dữ liệu nào', errors);
  const rows = sheet.rows.filter((r) => r.values[idCol] !== TEXT_ROW_MARK);
  if (!rows.length) throw invalid('Tệp không có dòng dữ liệu nào', [{ row: 3, column: null, message: 'Không có dữ liệu' }]);

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = [...new Set(rows.map((r) => (r.values[idCol] ?? '').toLowerCase()).filter((x) => UUID.test(x)))];
  const targets = new Map((await xrepo.importTargets(db, id, ids)).map((t) => [t.id, t]));
  const seen = new Map<string, number>();
  const writes = new Map<string, { code: string; value: AnswerValue }[]>();
  for (const { line, values } of rows) {
    const err = (column: string | null, message: string) => errors.push({ row: line, column, message });
    const aid = (values[idCol] ?? '').toLowerCase();
    const t = targets.get(aid);
    if (!aid) { err(FIXED[0], 'Thiếu mã bản đánh giá'); continue; }
    if (!t || (provinceCode && t.province_code !== provinceCode)) { err(FIXED[0], 'Không có bản đánh giá này trong đợt, hoặc đơn vị ngoài phạm vi của bạn'); continue; }
    if (seen.has(aid)) { err(FIXED[0], `Đơn vị ${t.organisation_name} trùng với dòng ${seen.get(aid)}`); continue; }
    seen.set(aid, line);
    const answers: { code: string; value: AnswerValue }[] = [];
    for (const { index, ind } of cols) {
      const text = values[index] ?? '';
      if (text === '') continue;
      const p = parseCell(ind, text);
      if ('error' in p) err(ind.code, `${ind.code}: ${p.error}`);
      else answers.push({ code: ind.code, value: p.value });
    }
    if (!answers.length) continue;
    if (!SCHOOL_EDITABLE.includes(t.state)) { err(FIXED[4], `${t.organisation_name}: bản tự đánh giá ${ASSESSMENT_STATE_LABELS[t.state].toLowerCase()}, không nhập được`); continue; }
    writes.set(aid, answers);
  }
  if (errors.length) {
    const n = new Set(errors.map((e) => e.row)).size;
    throw invalid(`Tệp có ${n.toLocaleString('vi-VN')} dòng lỗi (${errors.length.toLocaleString('vi-VN')} lỗi); chưa ghi dữ liệu nào`, errors);
  }
  if (!writes.size) return { assessments: 0, answers: 0 };
  return db.tx(async (t) => {
    const wids = [...writes.keys()];
    const locked = await xrepo.lockForImport(t, wids);
    const moved = locked.filter((r) => !SCHOOL_EDITABLE.includes(r.state));
    if (moved.length) {
      throw invalid('Một số bản tự đánh giá vừa được gửi hoặc phê duyệt; chưa ghi dữ liệu nào',
        moved.map((r) => ({ row: seen.get(r.id) ?? 0, column: FIXED[4], message: `${targets.get(r.id)?.organisation_name ?? r.id}: bản tự đánh giá ${ASSESSMENT_STATE_LABELS[r.state].toLowerCase()}, không nhập được` })));
    }
    const at = clock.now();
    const current = new Map<string, Map<string, Answer>>();
    for (const a of await xrepo.answersOf(t, wids)) {
      const m = current.get(a.assessment_id) ?? new Map<string, Answer>();
      m.set(a.code, { value: (a.value ?? null) as AnswerValue, evidenceCount: 0, reviewedPoints: a.reviewed_points === null ? null : Number(a.reviewed_points) });
      current.set(a.assessment_id, m);
    }
    for (const e of await xrepo.evidenceCountsOf(t, wids)) {
      const m = current.get(e.assessment_id) ?? new Map<string, Answer>();
      const a = m.get(e.code);
      m.set(e.code, a ? { ...a, evidenceCount: e.n } : { value: null, evidenceCount: e.n });
      current.set(e.assessment_id, m);
    }
    const answerRows: { assessment_id: string; code: string; value: unknown; self_points: number }[] = [];
    const scoreRows: { id: string; self_points: number; self_result: string; reviewed_points: number; reviewed_result: string; group_results: unknown }[] = [];
    for (const [aid, answers] of writes) {
      const m = current.get(aid) ?? new Map<string, Answer>();
      for (const a of answers) {
        const prior = m.get(a.code);
        const next: Answer = { value: a.value, evidenceCount: prior?.evidenceCount ?? 0, reviewedPoints: prior?.reviewedPoints ?? null };
        m.set(a.code, next);
        answerRows.push({ assessment_id: aid, code: a.code, value: a.value, self_points: round2(selfPoints(byCode.get(a.code)!, next)) });
      }
      const self = scoreAssessment(c.definition, m);
      const reviewed = scoreAssessment(c.definition, m, { reviewed: true });
      scoreRows.push({
        id: aid, self_points: self.points, self_result: self.result.code, reviewed_points: reviewed.points, reviewed_result: reviewed.result.code,
        group_results: reviewed.groups.map((g) => ({ code: g.code, name: g.name, points: g.points, max: g.max, level: g.level })),
      });
    }
    await xrepo.upsertManyAnswers(t, answerRows, at);
    await xrepo.setManyScores(t, scoreRows, at);
    await auditMany(t, actor, [...writes].map(([aid, answers]) => ({
      entity: 'assessment', entityId: aid, action: 'import_answers', after: { campaignId: id, answers: answers.map((a) => ({ code: a.code, value: a.value })) },
    })));
    return { assessments: writes.size, answers: answerRows.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Results and report

const resultLabel = (def: FrameworkDefinition) => {
  const m = new Map(resultCodes(def.result).map((x) => [x.code, x.label]));
  return (code: string | null) => (code ? m.get(code) ?? code : '');
};
type GroupOut = { code: string; points: number; max: number; level: { label: string } | null };

/** The results of a campaign in the reviewer's scope, as a streamed workbook's columns and rows. */
export async function results(db: Db, actor: Actor, id: string, q: { provinceCode?: string }): Promise<{ columns: Column<xrepo.SheetRow>[]; rows: AsyncGenerator<xrepo.SheetRow[]>; filename: string }> {
  const { c, provinceCode } = await reviewerCampaign(db, actor, id, q.provinceCode);
  const label = resultLabel(c.definition);
  const group = (r: xrepo.SheetRow, code: string) => (r.group_results as GroupOut[]).find((g) => g.code === code);
  const submittedOrLater = (r: xrepo.SheetRow) => r.state === 'submitted' || r.state === 'approved';
  const columns: Column<xrepo.SheetRow>[] = [
    { header: 'Mã trường', value: (r) => r.school_code ?? '', width: 14 }, { header: 'Đơn vị', value: (r) => r.organisation_name, width: 40 },
    { header: 'Tỉnh', value: (r) => r.province_name, width: 16 }, { header: 'Xã/phường', value: (r) => r.commune_name ?? '', width: 22 },
    { header: 'Cấp học', value: (r) => r.school_levels.map((l) => SCHOOL_LEVEL_LABELS[l as SchoolLevel] ?? l).join('; '), width: 16 },
    { header: 'Trạng thái', value: (r) => ASSESSMENT_STATE_LABELS[r.state], width: 16 },
    { header: 'Điểm tự đánh giá', value: (r) => Number(r.self_points), width: 12 }, { header: 'Kết quả tự đánh giá', value: (r) => label(r.self_result), width: 18 },
    { header: 'Điểm thẩm định', value: (r) => (submittedOrLater(r) && r.reviewed_points !== null ? Number(r.reviewed_points) : ''), width: 12 },
    { header: 'Kết quả thẩm định', value: (r) => (r.state === 'approved' ? label(r.reviewed_result) : ''), width: 18 },
    ...c.definition.groups.flatMap((g): Column<xrepo.SheetRow>[] => [
      { header: `Nhóm ${g.code}: điểm`, value: (r) => group(r, g.code)?.points ?? '', width: 10 },
      { header: `Nhóm ${g.code}: mức`, value: (r) => group(r, g.code)?.level?.label ?? '', width: 16 },
    ]),
    { header: 'Ngày gửi', value: (r) => (r.submitted_at ? dmy(new Date(r.submitted_at).toISOString()) : ''), width: 12 },
  ];
  const rows = (async function* () {
    for await (const b of batches((after, limit) => xrepo.sheetRows(db, id, provinceCode, after, limit), (r) => [r.id])) yield b;
  })();
  return { columns, rows, filename: `ket-qua-danh-gia-${provinceCode ?? 'toan-quoc'}-${c.year}` };
}

/** How many of the not-submitted are listed in the report (the rest are counted). */
const REPORT_LIST_MAX = 300;

/**
 * The summary report of a campaign for a province (or the country) in the format of Decree
 * 30/2020/NĐ-CP: approved results by level and school level, completeness, the organisations that
 * have not submitted.
 */
export async function report(db: Db, actor: Actor, clock: Clock, id: string, q: { provinceCode?: string }): Promise<{ buffer: Buffer; filename: string }> {
  const { c, provinceCode } = await reviewerCampaign(db, actor, id, q.provinceCode);
  const today = vnDate(clock.now());
  const [counts, byLevel, missing] = [await xrepo.stateCounts(db, id, provinceCode, today), await xrepo.resultsByLevel(db, id, provinceCode),
    await xrepo.sheetRows(db, id, provinceCode, null, REPORT_LIST_MAX + 1, ['draft', 'returned'])];
  const province = provinceCode ? (await db.maybeOne<{ full_name: string }>(`SELECT full_name FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [provinceCode]))?.full_name ?? provinceCode : '';
  const dept = !!provinceCode;
  const codes = resultCodes(c.definition.result);
  const levels = [...new Set(byLevel.map((r) => r.level))];
  const cell = (level: string, code: string) => String(byLevel.filter((r) => r.level === level && r.result === code).reduce((n, r) => n + r.n, 0));
  const pct = (n: number) => (counts.total ? `${Math.round((n * 1000) / counts.total) / 10}%` : '0%');
  const submitted = counts.submitted + counts.approved;
  const notSubmitted = counts.draft + counts.returned;
  const buffer = await officialDocx({
    parentBody: dept ? `UBND ${province.toUpperCase()}` : null,
    issuer: dept ? 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' : 'BỘ GIÁO DỤC VÀ ĐÀO TẠO',
    number: null,
    symbol: dept ? 'BC-SGDĐT' : 'BC-BGDĐT',
    place: dept ? province.replace(/^Tỉnh |^Thành phố /, '') : 'Hà Nội',
    date: today,
    typeName: 'Báo cáo',
    subject: `Kết quả ${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}`,
    recipientsTo: dept ? ['Bộ Giáo dục và Đào tạo'] : undefined,
    body: [
      heading('I. TÌNH HÌNH TRIỂN KHAI'),
      bodyPara(`Thực hiện đánh giá theo ${c.framework_name} (${c.basis}), năm ${c.year}. Thời hạn tự đánh giá đến ngày ${dmy(c.self_due_on)}, thẩm định đến ngày ${dmy(c.review_due_on)}, công bố từ ngày ${dmy(c.publish_on)}.${c.complete ? '' : ' Bộ chỉ số còn một số chỉ số tạm thời, chờ văn bản chính thức.'}`),
      bodyPara(`Tổng số đơn vị thuộc phạm vi: ${counts.total}. Đã gửi bản tự đánh giá: ${submitted} (${pct(submitted)}), trong đó đã phê duyệt ${counts.approved} (${pct(counts.approved)}), đang chờ thẩm định ${counts.submitted}. Chưa gửi: ${notSubmitted} (đang tự đánh giá ${counts.draft}, bị trả lại ${counts.returned}).`),
      gridTable(['Chỉ tiêu', 'Số lượng', 'Tỉ lệ'], [
        ['Đã phê duyệt', String(counts.approved), pct(counts.approved)],
        ['Chờ thẩm định', String(counts.submitted), pct(counts.submitted)],
        ['Bị trả lại', String(counts.returned), pct(counts.returned)],
        ['Đang tự đánh giá', String(counts.draft), pct(counts.draft)],
        ['Chưa gửi, quá hạn tự đánh giá', String(counts.not_submitted_late), pct(counts.not_submitted_late)],
        ['Chưa thẩm định, quá hạn thẩm định', String(counts.not_reviewed_late), pct(counts.not_reviewed_late)],
      ], [90, 35, 35]),
      heading('II. KẾT QUẢ ĐÃ PHÊ DUYỆT THEO MỨC VÀ CẤP HỌC'),
      levels.length
        ? gridTable(['Cấp học', ...codes.map((x) => x.label)], levels.map((l) => [l ? SCHOOL_LEVEL_LABELS[l as SchoolLevel] ?? l : 'Cơ quan, đơn vị', ...codes.map((x) => cell(l, x.code))]), [50, ...codes.map(() => Math.floor(110 / codes.length))])
        : bodyPara('Chưa có bản tự đánh giá nào được phê duyệt.'),
      bodyPara('Một trường nhiều cấp học được tính ở mỗi cấp học của trường.', { italics: true }),
      heading('III. ĐƠN VỊ CHƯA GỬI BẢN TỰ ĐÁNH GIÁ'),
      missing.length
        ? gridTable(['TT', 'Đơn vị', 'Xã/phường', 'Trạng thái'], missing.slice(0, REPORT_LIST_MAX).map((r, k) => [String(k + 1), r.organisation_name, r.commune_name ?? '', ASSESSMENT_STATE_LABELS[r.state]]), [12, 80, 40, 30])
        : bodyPara('Tất cả đơn vị đã gửi bản tự đánh giá.'),
      ...(notSubmitted > REPORT_LIST_MAX ? [bodyPara(`Và ${notSubmitted - REPORT_LIST_MAX} đơn vị khác (xem danh sách đầy đủ trên hệ thống).`)] : []),
      heading('IV. ĐÁNH GIÁ, KIẾN NGHỊ'),
      bodyPara('…'),
    ],
    copiesTo: dept ? ['Như trên', 'Lưu: VT'] : ['Sở GDĐT các tỉnh, thành phố', 'Lưu: VT'],
    signer: { authority: dept ? ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] : ['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG'] },
  });
  return { buffer, filename: `bao-cao-danh-gia-${provinceCode ?? 'toan-quoc'}-${c.year}` };
}

// ---------------------------------------------------------------------------------------------
// Completeness by reviewer, and who is missing

export async function reviewers(db: Db, actor: Actor, clock: Clock, id: string): Promise<{ items: ReviewerCompleteness[] }> {
  const { provinceCode } = await reviewerCampaign(db, actor, id, undefined);
  const rows = await xrepo.byReviewer(db, id, provinceCode, vnDate(clock.now()));
  return {
    items: rows.map((r) => ({
      reviewerId: r.reviewer_id, reviewerName: r.reviewer_name, total: r.total, notSubmitted: r.not_submitted, notSubmittedLate: r.not_submitted_late,
      notReviewed: r.not_reviewed, notReviewedLate: r.not_reviewed_late, approved: r.approved,
    })),
  };
}

export async function outstanding(db: Db, actor: Actor, clock: Clock, id: string, q: { kind: OutstandingKind; provinceCode?: string; late?: 'true' | 'false'; cursor?: string; limit: number }) {
  const { provinceCode } = await reviewerCampaign(db, actor, id, q.provinceCode);
  const f = { campaignId: id, kind: q.kind, provinceCode, late: q.late === 'true', today: vnDate(clock.now()) };
  const after = afterKey(q.cursor, ['uuid']);
  const rows = await xrepo.outstanding(db, f, after, q.limit + 1);
  const total = await xrepo.outstandingCount(db, f);
  return page(rows, q, total, (r) => [r.id], (items): OutstandingItem[] => items.map((r) => ({
    assessmentId: r.id, organisationName: r.organisation_name, provinceCode: r.province_code, provinceName: r.province_name, communeName: r.commune_name,
    state: r.state, reviewerName: r.reviewer_name, late: r.late, submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  })));
}
