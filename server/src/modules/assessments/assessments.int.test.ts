import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { caller, multipart, PNG } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/auth.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { AssessmentDetail, Campaign, FrameworkVersion, PublicCampaign } from '../../../../contracts/assessments.js';

/**
 * Yearly assessments against an indicator framework (Quyết định 4725): the Department of Điện
 * Biên opens a digital-transformation campaign over its primary and lower-secondary schools; a
 * school answers, attaches evidence and submits; the Department comments, adjusts, returns,
 * approves; results are public from the publication date only, never the evidence.
 */

const clock = fixedClock('2026-05-10T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const DEPT = 'so.dienbien@ketnoi.demo';
const SONLA = 'so.sonla@ketnoi.demo';
const ADMIN = 'quantri@ketnoi.demo';
const MINISTRY = 'dieuphoi@ketnoi.demo';
const SCHOOL = 'thcs.assess@ketnoi.test';
const OTHER = 'tieuhoc.assess@ketnoi.test';
const SL_SCHOOL = 'sonla.assess@ketnoi.test';
let school = '', other = '';
let dx: FrameworkVersion, safe: FrameworkVersion;
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const WINDOW = { opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20' };

/** A school account for a general school of the province (the demo's school account is a preschool). */
async function schoolAccount(email: string, province: string, level: string, skip = 0): Promise<string> {
  const s = await ctx.db.one<{ organisation_id: string }>(
    `SELECT organisation_id FROM school WHERE province_code = $1 AND levels = ARRAY[$2]::text[] ORDER BY code OFFSET $3 LIMIT 1`, [province, level, skip]);
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Hiệu trưởng (thử)', $2, 'school', $3)`,
    [email, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N), s.organisation_id]);
  return s.organisation_id;
}

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  school = await schoolAccount(SCHOOL, '11', 'thcs');
  other = await schoolAccount(OTHER, '11', 'tieu_hoc');
  await schoolAccount(SL_SCHOOL, '14', 'thcs');
  const v = (await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[];
  dx = v.find((x) => x.key === 'cds-truong-4725')!;
  safe = v.find((x) => x.key === 'truong-an-toan-tt18')!;
});
afterAll(async () => { await ctx.close(); });

const open = (who: string, body: Record<string, unknown> = {}) => call(who, 'POST', '/api/v1/assessment-campaigns', {
  versionId: dx.id, year: 2026, title: 'Đánh giá chuyển đổi số năm 2026', provinceCode: '11', kinds: ['school'], schoolLevels: ['tieu_hoc', 'thcs'], ...WINDOW, ...body,
});
const ownAssessment = async (who: string, campaignId: string) => {
  const r = await call(who, 'GET', `/api/v1/assessments?campaignId=${campaignId}`);
  ok(r);
  return r.json().items[0].id as string;
};
const save = (who: string, id: string, answers: { code: string; value: unknown }[]) => call(who, 'PUT', `/api/v1/assessments/${id}/answers`, { answers });
const move = (who: string, id: string, action: string, reason?: string) => call(who, 'POST', `/api/v1/assessments/${id}/transitions`, { action, reason });

describe('frameworks as published versions', () => {
  it('lists the shipped frameworks to anyone, with what is provisional', async () => {
    const r = await call(null, 'GET', '/api/v1/assessment-frameworks');
    ok(r);
    const items = r.json().items as FrameworkVersion[];
    expect(items.map((i) => i.key).sort()).toEqual(['cds-so-3806', 'cds-truong-4725', 'ctxh-truong-hoc-4969', 'truong-an-toan-tt18']);
    expect(items.every((i) => i.state === 'published' && !i.complete && i.provisionalCount > 0)).toBe(true);
    const d = await call(null, 'GET', `/api/v1/assessment-frameworks/${dx.id}`);
    ok(d);
    expect(d.json().definition.groups.map((g: { max: number }) => g.max)).toEqual([100, 100]);
    expect(d.json().can).toEqual({ publish: false });
  });

  it('the administrator drafts a new version and publishes it; nobody else may; a published version never changes', async () => {
    const def = (await call(null, 'GET', `/api/v1/assessment-frameworks/${safe.id}`)).json().definition;
    ok(await call(DEPT, 'POST', '/api/v1/assessment-frameworks', { definition: def }), 403);
    ok(await call(null, 'POST', '/api/v1/assessment-frameworks', { definition: def }), 401);
    const bad = await call(ADMIN, 'POST', '/api/v1/assessment-frameworks', { definition: { ...def, result: { kind: 'pass', minMet: 99 } } });
    ok(bad, 422);
    const draft = await call(ADMIN, 'POST', '/api/v1/assessment-frameworks', { definition: { ...def, year: 2027 } });
    ok(draft, 201);
    expect(draft.json()).toMatchObject({ key: 'truong-an-toan-tt18', version: 2, year: 2027, state: 'draft', can: { publish: true } });
    // a draft is the administrator's alone
    ok(await call(DEPT, 'GET', `/api/v1/assessment-frameworks/${draft.json().id}`), 404);
    ok(await call(DEPT, 'POST', `/api/v1/assessment-frameworks/${draft.json().id}/publish`), 403);
    const pub = await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.json().id}/publish`);
    ok(pub);
    expect(pub.json().state).toBe('published');
    ok(await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.json().id}/publish`), 409);
    await expect(ctx.db.query(`UPDATE assessment_framework_version SET definition = '{}'::jsonb WHERE id = $1`, [dx.id])).rejects.toThrow();
    await expect(ctx.db.query(`UPDATE assessment_indicator SET max_points = 99 WHERE version_id = $1`, [dx.id])).rejects.toThrow();
  });
});

describe('a digital-transformation campaign of Điện Biên, from self-assessment to publication', () => {
  let campaign: Campaign;
  let id = '';

  it('only the province\'s Department (or the Ministry) opens it; one assessment per school in scope, made in SQL', async () => {
    ok(await open(SONLA), 403);
    ok(await open(SCHOOL), 403);
    ok(await open(null as never), 401);
    ok(await open(DEPT, { selfDueOn: '2026-03-01' }), 422);
    ok(await open(DEPT, { schoolLevels: ['mam_non'] }), 422);
    ok(await open(DEPT, { kinds: ['department'] }), 403);
    const r = await open(DEPT);
    ok(r, 201);
    campaign = r.json();
    const n = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM school WHERE province_code = '11' AND levels && ARRAY['tieu_hoc', 'thcs']`);
    expect(campaign.counts).toMatchObject({ total: n.n, draft: n.n });
    expect(campaign).toMatchObject({ provinceCode: '11', published: false, frameworkKey: 'cds-truong-4725', complete: false });
    // Sơn La sees nothing of it
    ok(await call(SONLA, 'GET', `/api/v1/assessment-campaigns/${campaign.id}`), 403);
    expect((await call(SONLA, 'GET', '/api/v1/assessment-campaigns')).json().items.some((c: Campaign) => c.id === campaign.id)).toBe(false);
    ok(await call(SL_SCHOOL, 'GET', `/api/v1/assessment-campaigns/${campaign.id}`), 403);
    ok(await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/assessment-campaigns'), 403);
    ok(await call(null, 'GET', '/api/v1/assessment-campaigns'), 401);
  });

  it('the school sees its own assessment, answers, and its score is computed live', async () => {
    const c = await call(SCHOOL, 'GET', `/api/v1/assessment-campaigns/${campaign.id}`);
    ok(c);
    expect(c.json().counts.total).toBe(1);
    id = c.json().ownAssessmentId;
    expect(id).toBe(await ownAssessment(SCHOOL, campaign.id));
    const d = await call(SCHOOL, 'GET', `/api/v1/assessments/${id}`);
    ok(d);
    expect(d.json()).toMatchObject({ state: 'draft', organisationId: school, can: { answer: true, submit: true, review: false, approve: false } });
    const s = await save(SCHOOL, id, [{ code: '1.3.a', value: true }, { code: '1.4', value: 55 }, { code: '2.2', value: true }, { code: '2.4', value: 'toan_bo' }]);
    ok(s);
    const a: AssessmentDetail = s.json();
    expect(a.selfScore.groups.map((g) => g.points)).toEqual([26, 45]);
    // the mandatory conditions 1.1 and 1.2 are not met: group 1 stays at the lowest level whatever its points
    expect(a.selfScore.mandatoryFailed).toEqual(['1.1', '1.2']);
    expect(a.selfScore.result.label).toBe('Chưa đáp ứng');
    expect(a.answers.find((x) => x.code === '1.4')).toMatchObject({ value: 55, selfPoints: 20 });
  });

  it('refuses bad answers with Vietnamese reasons and writes nothing', async () => {
    const before = await ctx.db.query('SELECT code, value FROM assessment_answer WHERE assessment_id = $1 ORDER BY code', [id]);
    const r = await save(SCHOOL, id, [{ code: '1.4', value: 140 }, { code: '9.9', value: true }, { code: '2.4', value: 'mot_it' }, { code: '1.1', value: 'có' }]);
    ok(r, 422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors.map((e: { message: string }) => e.message)).toEqual([
      '1.4: Tỉ lệ phải từ 0 đến 100', 'Không có chỉ số 9.9 trong bộ chỉ số', '2.4: Lựa chọn không có trong thang đánh giá', '1.1: Cần chọn Có hoặc Không',
    ]);
    expect(await ctx.db.query('SELECT code, value FROM assessment_answer WHERE assessment_id = $1 ORDER BY code', [id])).toEqual(before);
    const en = await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '1.4', value: 140 }] }, { 'accept-language': 'en' });
    ok(en, 422);
    expect(en.json().errors[0].message).toBe('1.4: a percentage is between 0 and 100');
  });

  it('another school cannot read or change it; Sơn La cannot read it', async () => {
    ok(await call(OTHER, 'GET', `/api/v1/assessments/${id}`), 403);
    ok(await save(OTHER, id, [{ code: '1.1', value: true }]), 403);
    ok(await call(SL_SCHOOL, 'GET', `/api/v1/assessments/${id}`), 403);
    ok(await call(SONLA, 'GET', `/api/v1/assessments/${id}`), 403);
    ok(await call(null, 'GET', `/api/v1/assessments/${id}`), 401);
    ok(await call('xa.sinthau@ketnoi.demo', 'GET', `/api/v1/assessments/${id}`), 403);
    ok(await call(DEPT, 'GET', `/api/v1/assessments/${id}`));
    ok(await call(MINISTRY, 'GET', `/api/v1/assessments/${id}`));
    // the Department may read, not answer
    ok(await save(DEPT, id, [{ code: '1.1', value: true }]), 403);
    const list = await call(OTHER, 'GET', `/api/v1/assessments?campaignId=${campaign.id}`);
    expect(list.json().items.map((x: { organisationId: string }) => x.organisationId)).toEqual([other]);
  });

  it('attaches evidence as a link or a file; evidence scores where the rule says; files are never public', async () => {
    const link = await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/evidence`, ...multipart({ code: '2.5', label: 'Trang thông tin của trường', url: 'https://truong.example.edu.vn' }, []));
    ok(link, 201);
    expect((link.json() as AssessmentDetail).answers.find((x) => x.code === '2.5')).toMatchObject({ selfPoints: 20 });
    const file = await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/evidence`, ...multipart({ code: '1.1', label: 'Kế hoạch dạy học trực tuyến' }, [{ filename: 'ke-hoach.png', type: 'image/png', data: PNG }]));
    ok(file, 201);
    const ev = (file.json() as AssessmentDetail).evidence.find((e) => e.code === '1.1')!;
    expect(ev.fileName).toMatch(/^minh-chung-/);
    ok(await call(null, 'GET', `/api/v1/files/${ev.fileId}`), 401);
    ok(await call(SL_SCHOOL, 'GET', `/api/v1/files/${ev.fileId}`), 403);
    ok(await call(DEPT, 'GET', `/api/v1/files/${ev.fileId}`));
    ok(await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/evidence`, ...multipart({ code: '1.1', label: 'Không có gì' }, [])), 422);
    ok(await call(OTHER, 'POST', `/api/v1/assessments/${id}/evidence`, ...multipart({ code: '1.1', label: 'Của trường khác', url: 'https://x.example' }, [])), 403);
    const removed = await call(SCHOOL, 'DELETE', `/api/v1/assessments/${id}/evidence/${(link.json() as AssessmentDetail).evidence.find((e) => e.code === '2.5')!.id}`);
    ok(removed);
    expect((removed.json() as AssessmentDetail).answers.find((x) => x.code === '2.5')).toMatchObject({ selfPoints: 0 });
  });

  it('submits once the mandatory conditions are answered; read-only to the school after', async () => {
    const early = await move(SCHOOL, id, 'submit');
    ok(early, 409);
    expect(early.json().detail).toBe('Còn 2 chỉ số bắt buộc chưa trả lời');
    ok(await save(SCHOOL, id, [{ code: '1.1', value: true }, { code: '1.2', value: true }, { code: '1.5', value: 'thuong_xuyen' }]));
    ok(await move(OTHER, id, 'submit'), 403);
    const s = await move(SCHOOL, id, 'submit');
    ok(s);
    expect(s.json()).toMatchObject({ state: 'submitted', can: { answer: false, submit: false } });
    expect(s.json().selfScore.groups.map((g: { points: number; level: { label: string } }) => [g.points, g.level.label])).toEqual([[51, 'Đáp ứng cơ bản'], [45, 'Chưa đáp ứng']]);
    ok(await save(SCHOOL, id, [{ code: '1.4', value: 90 }]), 409);
    ok(await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/evidence`, ...multipart({ code: '1.4', label: 'Thêm', url: 'https://x.example' }, [])), 409);
    ok(await move(SCHOOL, id, 'submit'), 409);
  });

  it('the Department comments and adjusts the reviewed points (the claim is kept), returns with a reason; Sơn La cannot review', async () => {
    ok(await call(SONLA, 'PUT', `/api/v1/assessments/${id}/review`, { items: [{ code: '1.4', reviewedPoints: 0, comment: 'x' }] }), 403);
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/review`, { items: [{ code: '1.4', reviewedPoints: 30, comment: null }] }), 403);
    ok(await move(SONLA, id, 'approve'), 403);
    ok(await move(SONLA, id, 'return', 'Không'), 403);
    ok(await call(DEPT, 'PUT', `/api/v1/assessments/${id}/review`, { items: [{ code: '1.4', reviewedPoints: 31, comment: null }] }), 422);
    const r = await call(DEPT, 'PUT', `/api/v1/assessments/${id}/review`, { items: [{ code: '1.4', reviewedPoints: 10, comment: 'Minh chứng chỉ cho thấy khoảng 30% giáo viên' }] });
    ok(r);
    const a: AssessmentDetail = r.json();
    expect(a.answers.find((x) => x.code === '1.4')).toMatchObject({ selfPoints: 20, reviewedPoints: 10, reviewerComment: 'Minh chứng chỉ cho thấy khoảng 30% giáo viên' });
    expect(a.selfScore.groups[0]!.points).toBe(51);
    expect(a.reviewedScore.groups[0]).toMatchObject({ points: 41, level: { label: 'Chưa đáp ứng' } });
    expect(a).toMatchObject({ selfPoints: 96, reviewedPoints: 86 });
    ok(await move(DEPT, id, 'return'), 409);
    const back = await move(DEPT, id, 'return', 'Bổ sung minh chứng chỉ số 1.4');
    ok(back);
    expect(back.json()).toMatchObject({ state: 'returned', returnReason: 'Bổ sung minh chứng chỉ số 1.4', can: { answer: false } });
    const mine = await call(SCHOOL, 'GET', `/api/v1/assessments/${id}`);
    expect(mine.json().can).toMatchObject({ answer: true, submit: true });
  });

  it('the school fixes it and resubmits; the Department approves and it is locked; unlocking needs a reason and is audited', async () => {
    ok(await save(SCHOOL, id, [{ code: '1.4', value: 85 }]));
    ok(await move(SCHOOL, id, 'submit'));
    ok(await call(DEPT, 'PUT', `/api/v1/assessments/${id}/review`, { items: [{ code: '1.4', reviewedPoints: null, comment: 'Đã bổ sung' }] }));
    const a = await move(DEPT, id, 'approve');
    ok(a);
    expect(a.json()).toMatchObject({ state: 'approved', locked: true, reviewedResult: '1', can: { unlock: true, approve: false } });
    ok(await move(DEPT, id, 'approve'), 409);
    ok(await save(SCHOOL, id, [{ code: '1.4', value: 10 }]), 409);
    ok(await move(DEPT, id, 'unlock'), 409);
    ok(await move(SCHOOL, id, 'unlock', 'x'), 403);
    const u = await move(DEPT, id, 'unlock', 'Sai số liệu nhóm 2');
    ok(u);
    expect(u.json()).toMatchObject({ state: 'submitted', locked: false });
    const log = await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'assessment' AND entity_id = $1 ORDER BY id`, [id]);
    expect(log.map((l) => l.action)).toContain('unlock');
    ok(await move(DEPT, id, 'approve'));
    expect((await call(SCHOOL, 'GET', `/api/v1/assessments/${id}`)).json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'unlock', 'approve']);
  });

  it('completeness by province for the Department and the Ministry, not for schools', async () => {
    const d = await call(DEPT, 'GET', `/api/v1/assessment-campaigns/${campaign.id}/completeness`);
    ok(d);
    expect(d.json().items).toHaveLength(1);
    expect(d.json().items[0]).toMatchObject({ provinceCode: '11', approved: 1, notSubmittedLate: 0 });
    ok(await call(MINISTRY, 'GET', `/api/v1/assessment-campaigns/${campaign.id}/completeness`));
    ok(await call(SCHOOL, 'GET', `/api/v1/assessment-campaigns/${campaign.id}/completeness`), 403);
    const late = await call(DEPT, 'GET', `/api/v1/assessments?campaignId=${campaign.id}&late=true`);
    ok(late);
    expect(late.json().total).toBe(0);
    const csv = await call(DEPT, 'GET', `/api/v1/assessments?campaignId=${campaign.id}&format=csv`);
    ok(csv);
    expect(csv.body).toContain('Đã phê duyệt');
  });

  it('the public sees nothing before the publication date, then the distribution, the school\'s result and open data, never evidence', async () => {
    const early = await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}`);
    ok(early, 404);
    // nothing about it is cached before the publication date
    expect(early.headers['cache-control']).toBe('no-store');
    expect(early.headers.etag).toBeUndefined();
    ok(await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}/results`), 404);
    ok(await call(null, 'GET', `/api/v1/public/assessments/${id}`), 404);
    expect((await call(null, 'GET', '/api/v1/public/assessment-campaigns')).json().items.some((c: { id: string }) => c.id === campaign.id)).toBe(false);
    clock.set('2026-06-20T01:00:00Z');
    try {
      const p = await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}`);
      ok(p);
      const pc: PublicCampaign = p.json();
      expect(pc.results.map((x) => x.label)).toEqual(['Chưa đáp ứng', 'Đáp ứng cơ bản', 'Đáp ứng tốt']);
      expect(pc.byProvince).toEqual([{ provinceCode: '11', provinceName: expect.any(String), counts: { 1: 1 }, total: 1 }]);
      expect(pc.bySchoolLevel).toEqual([{ level: 'thcs', counts: { 1: 1 }, total: 1 }]);
      // the map's figures by province are a direct count of the approved results
      const direct = await ctx.db.query<{ province_code: string; result: string; n: number }>(
        `SELECT province_code, reviewed_result AS result, count(*)::int AS n FROM assessment WHERE campaign_id = $1 AND state = 'approved' GROUP BY 1, 2 ORDER BY 1, 2`, [campaign.id]);
      expect(pc.byProvince.flatMap((x) => Object.entries(x.counts).map(([result, n]) => ({ province_code: x.provinceCode, result, n })))).toEqual(direct);
      // a public aggregate: cached briefly, then revalidated by its ETag
      expect(p.headers['cache-control']).toBe('public, max-age=30');
      const etag = String(p.headers.etag);
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      const again = await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}`, undefined, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const one = await call(null, 'GET', `/api/v1/public/assessments/${id}`);
      ok(one);
      expect(one.json()).toMatchObject({ organisationId: school, result: '1', resultLabel: 'Chưa đáp ứng' });
      expect(one.body).not.toContain('minh-chung');
      const rows = await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}/results`);
      ok(rows);
      expect(rows.json().items.map((x: { assessmentId: string }) => x.assessmentId)).toEqual([id]);
      const csv = await call(null, 'GET', `/api/v1/public/assessment-campaigns/${campaign.id}/results?format=csv`);
      ok(csv);
      expect(csv.body.split('\n')[0]).toContain('ma_truong');
      // an assessment not approved is not published
      const draftOne = await ownAssessment(OTHER, campaign.id);
      ok(await call(null, 'GET', `/api/v1/public/assessments/${draftOne}`), 404);
      // the window closes after the publication day
      clock.set('2026-06-21T01:00:00Z');
      ok(await save(OTHER, draftOne, [{ code: '1.1', value: true }]), 409);
    } finally {
      clock.set('2026-05-10T03:00:00Z');
    }
  });
});

describe('demo data', () => {
  it('a published 2026 digital campaign and a 2026 safe-school campaign under way in each demo province, with assessments at every stage, dated in order', async () => {
    const rows = await ctx.db.query<{ key: string; province_code: string; publish_on: string; states: string[] }>(
      `SELECT f.key, c.province_code, c.publish_on::text AS publish_on, array_agg(DISTINCT a.state ORDER BY a.state) AS states
         FROM assessment_campaign c JOIN assessment_framework_version v ON v.id = c.version_id JOIN assessment_framework f ON f.id = v.framework_id
         JOIN assessment a ON a.campaign_id = c.id WHERE c.title NOT LIKE 'Đánh giá chuyển đổi số năm 2026' AND c.title <> 'Trường học an toàn 2026' AND c.year = 2026
        GROUP BY f.key, c.province_code, c.publish_on ORDER BY f.key, c.province_code`);
    expect(rows.map((r) => `${r.key} ${r.province_code}`)).toEqual(['cds-truong-4725 11', 'cds-truong-4725 12', 'cds-truong-4725 14', 'truong-an-toan-tt18 11', 'truong-an-toan-tt18 12', 'truong-an-toan-tt18 14']);
    for (const r of rows) expect(r.states).toEqual(['approved', 'draft', 'returned', 'submitted']);
    const bad = await ctx.db.query(
      `SELECT e.assessment_id FROM assessment_event e JOIN assessment_event p ON p.assessment_id = e.assessment_id AND p.id < e.id WHERE p.at > e.at OR e.at > now() LIMIT 5`);
    expect(bad).toEqual([]);
    const dx = rows.find((r) => r.key === 'cds-truong-4725')!;
    clock.set('2026-11-30T03:00:00Z');
    try {
      const pub = (await call(null, 'GET', '/api/v1/public/assessment-campaigns')).json().items as { title: string; provinceCode: string }[];
      expect(pub.filter((c) => c.title.startsWith('Đánh giá mức độ chuyển đổi số') && c.title.endsWith('2026')).map((c) => c.provinceCode).sort()).toEqual(['11', '12', '14']);
      // and the same framework's 2025 campaign of each demo province, published (the year-over-year comparison)
      expect(pub.filter((c) => c.title === 'Đánh giá mức độ chuyển đổi số của trường phổ thông năm 2025').map((c) => c.provinceCode).sort()).toEqual(['11', '12', '14']);
      expect(dx.publish_on).toBe('2026-06-20');
    } finally {
      clock.set('2026-05-10T03:00:00Z');
    }
  });
});

describe('decisions under concurrency', () => {
  it('two decisions on one submitted assessment at once: one succeeds, the other is a 409', async () => {
    const r = await open(DEPT, { versionId: safe.id, title: 'Trường học an toàn 2026', schoolLevels: ['tieu_hoc'] });
    ok(r, 201);
    const id = await ownAssessment(OTHER, r.json().id);
    const def = (await call(OTHER, 'GET', `/api/v1/assessments/${id}`)).json().framework;
    const all = def.groups.flatMap((g: { indicators: { code: string }[] }) => g.indicators.map((i) => ({ code: i.code, value: true })));
    const saved = await save(OTHER, id, all);
    ok(saved);
    expect(saved.json().selfScore).toMatchObject({ result: { label: 'Đạt' }, criteria: { percent: 100 } });
    ok(await move(OTHER, id, 'submit'));
    const [a, b] = await Promise.all([move(DEPT, id, 'approve'), move(DEPT, id, 'return', 'Thiếu minh chứng')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await ctx.db.query<{ action: string }>(`SELECT action FROM assessment_event WHERE assessment_id = $1 AND action IN ('approve', 'return')`, [id]);
    expect(events).toHaveLength(1);
  });
});
