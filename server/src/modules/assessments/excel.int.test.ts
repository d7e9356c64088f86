import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { caller, multipart } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/auth.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { Campaign, FrameworkVersion } from '../../../../contracts/assessments.js';
import type { OutstandingItem, ReviewerCompleteness } from '../../../../contracts/assessments-excel.js';
import { recomputeCampaign } from './rescore.js';

/**
 * A campaign's spreadsheets and report: the Department of Điện Biên downloads the answer template
 * of its schools, fills it and imports it (all rows or none; only assessments still open for
 * answers), exports the results and the Decree-30 report, and sees who has not submitted or not
 * been reviewed. The Sơn La officer, schools, administrators (for the import) and the public get
 * nothing of it.
 */

const clock = fixedClock('2026-05-10T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const DEPT = 'so.dienbien@ketnoi.demo';
const SONLA = 'so.sonla@ketnoi.demo';
const ADMIN = 'quantri@ketnoi.demo';
const MINISTRY = 'dieuphoi@ketnoi.demo';
const SCHOOL = 'thcs.excel@ketnoi.test';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const WINDOW = { opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20' };
let campaign: Campaign;
let schoolOrg = '';
let own = ''; // the school account's assessment

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  const s = await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM school WHERE province_code = '11' AND levels = ARRAY['thcs']::text[] ORDER BY code LIMIT 1`);
  schoolOrg = s.organisation_id;
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Hiệu trưởng (thử)', $2, 'school', $3)`,
    [SCHOOL, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N), schoolOrg]);
  const dx = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'cds-truong-4725')!;
  const r = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', {
    versionId: dx.id, year: 2026, title: 'Đánh giá chuyển đổi số (nhập Excel)', provinceCode: '11', kinds: ['school'], schoolLevels: ['tieu_hoc', 'thcs'], ...WINDOW,
  });
  ok(r, 201);
  campaign = r.json();
  own = (await ctx.db.one<{ id: string }>('SELECT id FROM assessment WHERE campaign_id = $1 AND organisation_id = $2', [campaign.id, schoolOrg])).id;
});
afterAll(async () => { await ctx.close(); });

const base = () => `/api/v1/assessment-campaigns/${campaign.id}`;
async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const upload = (who: string | null, data: Buffer, name = 'tra-loi.xlsx') => {
  const [payload, headers] = multipart({}, [{ filename: name, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }]);
  return call(who, 'POST', `${base()}/import`, payload, headers);
};
const answerCount = async () => (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment_answer x JOIN assessment a ON a.id = x.assessment_id WHERE a.campaign_id = $1', [campaign.id])).n;
/** The template's data row of an assessment (rows from 3), and the column of an indicator code. */
function rowOf(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r);
  throw new Error(`no row for ${id}`);
}
const colOf = (ws: ExcelJS.Worksheet, code: string) => (ws.getRow(1).values as unknown[]).indexOf(code);

describe('the answer template', () => {
  it('has one row per school of the campaign, a row of codes and one of texts, and drop-down lists', async () => {
    const r = await call(DEPT, 'GET', `${base()}/template`);
    ok(r);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toMatch(/mau-nhap-danh-gia-11-2026-[\d-]+\.xlsx/);
    const ws = (await workbook(r.rawPayload)).worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã bản đánh giá');
    expect(ws.getRow(1).getCell(6).value).toBe('1.1');
    expect(String(ws.getRow(2).getCell(6).value)).toContain('[Có/Không]');
    expect(ws.rowCount - 2).toBe(campaign.counts.total);
    const yes = colOf(ws, '1.1');
    expect(rowOf(ws, own).getCell(yes).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
  });

  it('is the reviewer\'s only: the Sơn La officer, schools and the public are refused; the Ministry and administrators read it', async () => {
    ok(await call(SONLA, 'GET', `${base()}/template`), 403);
    ok(await call(DEPT, 'GET', `${base()}/template?provinceCode=14`), 403);
    ok(await call(SCHOOL, 'GET', `${base()}/template`), 403);
    ok(await call(null, 'GET', `${base()}/template`), 401);
    ok(await call(MINISTRY, 'GET', `${base()}/template`));
    ok(await call(ADMIN, 'GET', `${base()}/template?provinceCode=11`));
    ok(await call(DEPT, 'GET', '/api/v1/assessment-campaigns/00000000-0000-4000-8000-000000000000/template'), 404);
  });
});

describe('the import of many schools\' answers', () => {
  it('a file with one bad row writes nothing and names the row and the reason', async () => {
    const wb = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const rows = [3, 4, 5].map((n) => ws.getRow(n));
    for (const row of rows) row.getCell(colOf(ws, '1.1')).value = 'Có';
    rows[1]!.getCell(colOf(ws, '1.2')).value = 'Có lẽ';
    const before = await answerCount();
    const r = await upload(DEPT, await bufferOf(wb));
    ok(r, 422);
    expect(r.json().title).toContain('1 dòng lỗi');
    expect(r.json().errors).toEqual([expect.objectContaining({ row: 4, column: '1.2', message: expect.stringContaining('Có hoặc Không') })]);
    expect(await answerCount()).toBe(before);
  });

  it('writes every row of a valid file, scores it, and leaves empty cells as they were', async () => {
    const wb = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const row = rowOf(ws, own);
    row.getCell(colOf(ws, '1.1')).value = 'Có';
    row.getCell(colOf(ws, '1.2')).value = 'không';
    ws.getRow(3).getCell(colOf(ws, '1.1')).value = 'x';
    const r = await upload(DEPT, await bufferOf(wb));
    ok(r);
    expect(r.json()).toEqual({ assessments: ws.getRow(3).getCell(1).value === own ? 1 : 2, answers: ws.getRow(3).getCell(1).value === own ? 2 : 3 });
    const a = await call(SCHOOL, 'GET', `/api/v1/assessments/${own}`);
    ok(a);
    expect(a.json().answers.filter((x: { code: string }) => ['1.1', '1.2'].includes(x.code)).map((x: { value: unknown }) => x.value)).toEqual([true, false]);
    expect(a.json().selfPoints).toBe(a.json().selfScore.points);
    // the school's own answers are in the next template, and a file sent back unchanged writes the same
    const again = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    expect(rowOf(again.worksheets[0]!, own).getCell(colOf(again.worksheets[0]!, '1.2')).value).toBe('Không');
    const audit = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'assessment' AND entity_id = $1 AND action = 'import_answers'`, [own]);
    expect(audit.n).toBe(1);
  });

  it('refuses a submitted assessment with a row error, and a row of another campaign or province', async () => {
    const wb = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const [submitted, other] = [ws.getRow(5).getCell(1).value as string, ws.getRow(6).getCell(1).value as string];
    await ctx.db.query(`UPDATE assessment SET state = 'submitted', submitted_at = now() WHERE id = $1`, [submitted]);
    rowOf(ws, submitted).getCell(colOf(ws, '1.1')).value = 'Có';
    rowOf(ws, other).getCell(colOf(ws, '1.1')).value = 'Có';
    const sl = await ctx.db.one<{ id: string }>(`SELECT a.id FROM assessment a WHERE a.province_code <> '11' LIMIT 1`).catch(() => null);
    const extra = ws.addRow([sl?.id ?? '00000000-0000-4000-8000-000000000001', '', '', '', '']);
    extra.getCell(colOf(ws, '1.1')).value = 'Có';
    const before = await answerCount();
    const r = await upload(DEPT, await bufferOf(wb));
    ok(r, 422);
    const errors = r.json().errors as { row: number; column: string; message: string }[];
    expect(errors).toContainEqual(expect.objectContaining({ row: rowOf(ws, submitted).number, column: 'Trạng thái', message: expect.stringContaining('chờ thẩm định') }));
    expect(errors).toContainEqual(expect.objectContaining({ row: extra.number, column: 'Mã bản đánh giá' }));
    expect(errors.some((e) => e.row === rowOf(ws, other).number)).toBe(false);
    expect(await answerCount()).toBe(before);
    await ctx.db.query(`UPDATE assessment SET state = 'draft', submitted_at = NULL WHERE id = $1`, [submitted]);
  });

  it('refuses a file that is not the template, and a column that is not an indicator', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Mã trường', 'Tên', '9.9']);
    ws.addRow(['X', 'Y', 'Có']);
    const r = await upload(DEPT, await bufferOf(wb));
    ok(r, 422);
    expect(r.json().errors.map((e: { column: string }) => e.column).sort()).toEqual(['9.9', 'Mã bản đánh giá', 'Tên']);
    ok(await upload(DEPT, Buffer.from('not a spreadsheet'), 'x.pdf'), 422);
  });

  it('the Sơn La officer, schools, administrators and the public cannot import into Điện Biên', async () => {
    const wb = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    wb.worksheets[0]!.getRow(3).getCell(6).value = 'Có';
    const buf = await bufferOf(wb);
    const before = await answerCount();
    ok(await upload(SONLA, buf), 403);
    ok(await upload(SCHOOL, buf), 403);
    ok(await upload(ADMIN, buf), 403);
    ok(await upload(null, buf), 401);
    expect(await answerCount()).toBe(before);
  });

  it('an import racing a submission: the submission is never overwritten', async () => {
    const wb = await workbook((await call(DEPT, 'GET', `${base()}/template`)).rawPayload);
    const ws = wb.worksheets[0]!;
    rowOf(ws, own).getCell(colOf(ws, '1.1')).value = 'Có';
    rowOf(ws, own).getCell(colOf(ws, '1.2')).value = 'Có';
    const buf = await bufferOf(wb);
    const [imp, sub] = await Promise.all([upload(DEPT, buf), call(SCHOOL, 'POST', `/api/v1/assessments/${own}/transitions`, { action: 'submit' })]);
    expect([200, 422]).toContain(imp.statusCode);
    ok(sub);
    const a = await ctx.db.one<{ value: unknown; updated_at: Date; submitted_at: Date }>(
      `SELECT x.value, x.updated_at, a.submitted_at FROM assessment a JOIN assessment_answer x ON x.assessment_id = a.id AND x.code = '1.2' WHERE a.id = $1`, [own]);
    // an import that was written landed before the submission; one refused left the answer as it was
    if (imp.statusCode === 200) expect(a.value).toBe(true);
    else expect(a.value).toBe(false);
    ok(await call(DEPT, 'POST', `/api/v1/assessments/${own}/transitions`, { action: 'return', reason: 'Bổ sung minh chứng' }));
  });
});

describe('results, report and completeness', () => {
  it('exports the results of the reviewer\'s scope with levels per group', async () => {
    const r = await call(DEPT, 'GET', `${base()}/results.xlsx`);
    ok(r);
    const ws = (await workbook(r.rawPayload)).worksheets[0]!;
    const headers = ws.getRow(1).values as unknown[];
    expect(headers).toContain('Kết quả thẩm định');
    expect(headers).toContain('Nhóm 1: mức');
    expect(ws.rowCount - 1).toBe(campaign.counts.total);
    ok(await call(SONLA, 'GET', `${base()}/results.xlsx`), 403);
    ok(await call(SCHOOL, 'GET', `${base()}/results.xlsx`), 403);
    ok(await call(null, 'GET', `${base()}/results.xlsx`), 401);
    ok(await call(MINISTRY, 'GET', `${base()}/results.xlsx`));
  });

  it('writes the Decree-30 report of the province: counts, completeness and who has not submitted', async () => {
    const r = await call(DEPT, 'GET', `${base()}/report.docx`);
    ok(r);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const { default: JSZip } = await import('jszip');
    const text = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(text).toContain(`Tổng số đơn vị thuộc phạm vi: ${campaign.counts.total}`);
    expect(text).toContain('ĐƠN VỊ CHƯA GỬI BẢN TỰ ĐÁNH GIÁ');
    ok(await call(SONLA, 'GET', `${base()}/report.docx`), 403);
    ok(await call(null, 'GET', `${base()}/report.docx`), 401);
    ok(await call(SCHOOL, 'GET', `${base()}/report.docx`), 403);
  });

  it('counts by reviewer and lists who has not submitted, with paging and late after the deadline', async () => {
    const r = await call(DEPT, 'GET', `${base()}/reviewers`);
    ok(r);
    const items = r.json().items as ReviewerCompleteness[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ total: campaign.counts.total, notReviewedLate: 0, notSubmittedLate: 0 });
    const first = await call(DEPT, 'GET', `${base()}/outstanding?kind=not_submitted&limit=2`);
    ok(first);
    expect(first.json().total).toBe(items[0]!.notSubmitted);
    expect(first.json().items).toHaveLength(2);
    const second = await call(DEPT, 'GET', `${base()}/outstanding?kind=not_submitted&limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`);
    ok(second);
    const ids = [...first.json().items, ...second.json().items].map((x: OutstandingItem) => x.assessmentId);
    expect(new Set(ids).size).toBe(ids.length);
    ok(await call(SONLA, 'GET', `${base()}/reviewers`), 403);
    ok(await call(SONLA, 'GET', `${base()}/outstanding`), 403);
    ok(await call(null, 'GET', `${base()}/outstanding`), 401);
    ok(await call(SCHOOL, 'GET', `${base()}/reviewers`), 403);
    // after the self-assessment deadline every one not submitted is late
    const late = await ctx.db.one<{ id: string }>(
      `INSERT INTO assessment_campaign (version_id, year, title, province_code, scope_kinds, scope_levels, owner_id, opens_on, self_due_on, review_due_on, publish_on)
       SELECT version_id, year, 'Đợt đã quá hạn', province_code, scope_kinds, scope_levels, owner_id, '2026-01-01', '2026-02-01', '2026-03-01', '2026-12-01' FROM assessment_campaign WHERE id = $1 RETURNING id`, [campaign.id]);
    await ctx.db.query(`INSERT INTO assessment (campaign_id, organisation_id, province_code, commune_code, school_levels, state, locked) VALUES ($1, $2, '11', NULL, '{thcs}', 'draft', false)`, [late.id, schoolOrg]);
    const lr = await call(DEPT, 'GET', `/api/v1/assessment-campaigns/${late.id}/outstanding?kind=not_submitted&late=true`);
    ok(lr);
    expect(lr.json().items).toEqual([expect.objectContaining({ late: true, state: 'draft' })]);
    expect((await call(MINISTRY, 'GET', `/api/v1/assessment-campaigns/${late.id}/reviewers`)).json().items[0]).toMatchObject({ total: 1, notSubmittedLate: 1 });
  });

  it('recomputing every score of the campaign by the rules gives back the scores kept on each row', async () => {
    // the reviewed result of an assessment never scored since the campaign opened is filled in too, so the school's own score is compared
    const stored = () => ctx.db.query<{ id: string; self_points: string; self_result: string }>(
      'SELECT id, self_points::text AS self_points, self_result FROM assessment WHERE campaign_id = $1 ORDER BY id', [campaign.id]);
    const before = await stored();
    await ctx.db.query(`UPDATE assessment SET self_points = 0, self_result = 'x' WHERE campaign_id = $1`, [campaign.id]);
    const r = await recomputeCampaign(ctx.db, campaign.id, 3);
    expect(r.assessments).toBe(before.length);
    expect(await stored()).toEqual(before);
    expect(r.points).toBe(before.reduce((n, x) => n + Number(x.self_points), 0));
  });
});
