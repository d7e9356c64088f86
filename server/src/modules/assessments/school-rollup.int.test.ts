import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { AssessmentDetail, AssessmentSummary, FrameworkVersion } from '../../../../contracts/assessments.js';
import type { PrefillView } from '../../../../contracts/assessment-prefill.js';

/**
 * A Department's digital-transformation index (Quyết định 3806): the schools' results count in its
 * score. Its group-2 shares fill from the approved results of the schools of its province in the
 * schools' 4725 campaigns of the same year ("x of y schools"), only into empty answers, only by
 * the Department itself while it may still answer; the schools' assessments are read, never written.
 */
const clock = fixedClock('2026-10-01T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const MINISTRY = 'dieuphoi@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const SONLA = 'so.sonla@ketnoi.demo';
const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
let id = '';

beforeAll(async () => {
  ctx = await testApp({ clock });
  const v = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'cds-so-3806')!;
  const opened = await call(MINISTRY, 'POST', '/api/v1/assessment-campaigns', {
    versionId: v.id, year: 2026, title: 'Chuyển đổi số của các sở 2026', kinds: ['department'],
    opensOn: '2026-09-01', selfDueOn: '2026-11-30', reviewDueOn: '2026-12-15', publishOn: '2026-12-31',
  });
  ok(opened, 201);
  // the Department's own assessment in that campaign (its list also holds its province's schools)
  const mine = (await call(DEPT, 'GET', `/api/v1/assessments?campaignId=${opened.json().id}`)).json().items as AssessmentSummary[];
  id = mine.find((x) => x.provinceCode === '11')!.id;
});
afterAll(async () => { await ctx.close(); });

const view = async (who: string) => { const r = await call(who, 'GET', `/api/v1/assessments/${id}/prefill`); ok(r); return r.json() as PrefillView; };
const detail = async () => (await call(DEPT, 'GET', `/api/v1/assessments/${id}`)).json() as AssessmentDetail;
const value = (a: AssessmentDetail, code: string) => a.answers.find((x) => x.code === code)?.value ?? null;

/** The same figures counted another way: every school assessment of the province in 2026's 4725 campaigns, one row per school. */
async function direct(results: string[]) {
  const rows = await ctx.db.query<{ organisation_id: string; state: string; reviewed_result: string | null }>(
    `SELECT a.organisation_id, a.state, a.reviewed_result FROM assessment a
      WHERE a.province_code = '11' AND a.campaign_id IN (
        SELECT c.id FROM assessment_campaign c WHERE c.year = 2026 AND c.version_id IN (
          SELECT v.id FROM assessment_framework_version v WHERE v.framework_id = (SELECT id FROM assessment_framework WHERE key = 'cds-truong-4725')))`);
  const schools = new Map<string, boolean>();
  for (const r of rows) schools.set(r.organisation_id, (schools.get(r.organisation_id) ?? false) || (r.state === 'approved' && results.includes(r.reviewed_result ?? '')));
  return { total: schools.size, count: [...schools.values()].filter(Boolean).length };
}
const share = (c: { count: number; total: number }) => Math.round((10000 * c.count) / c.total) / 100;

describe("a Department's shares of its schools' results", () => {
  it('offers 2.1 and 2.2 as "x of y schools", equal to a direct count', async () => {
    const good = await direct(['3']);
    const basic = await direct(['2', '3']);
    expect(good.total).toBeGreaterThan(0);
    expect(basic.count).toBeGreaterThan(0);
    const v = await view(DEPT);
    expect(v.survey).toBe(null);
    expect(v.schools).toEqual([
      { code: '2.1', framework: 'cds-truong-4725', year: 2026, results: ['3'], ...good, value: share(good), filledAt: null, filledFrom: null },
      { code: '2.2', framework: 'cds-truong-4725', year: 2026, results: ['2', '3'], ...basic, value: share(basic), filledAt: null, filledFrom: null },
    ]);
    // the Ministry, which reviews the Departments, sees it too
    expect((await view(MINISTRY)).schools.map((s) => s.count)).toEqual([good.count, basic.count]);
  });

  it('fills only the empty answers, says where each came from, and the score counts them', async () => {
    const basic = await direct(['2', '3']);
    const good = await direct(['3']);
    ok(await call(DEPT, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '2.2', value: 12.5 }] }));
    const schoolsBefore = await ctx.db.query('SELECT id, state, updated_at FROM assessment WHERE province_code = $1 ORDER BY id', ['11']);
    const r = await call(DEPT, 'POST', `/api/v1/assessments/${id}/prefill`, {});
    ok(r);
    const after = r.json() as PrefillView;
    expect(after.schools.map((s) => [s.code, s.filledFrom])).toEqual([['2.1', '2026'], ['2.2', null]]);
    expect(after.schools[0]!.filledAt).toBe(clock.now().toISOString());
    const a = await detail();
    expect(value(a, '2.1')).toBe(share(good));
    expect(value(a, '2.2')).toBe(12.5);
    expect(basic.total).toBe(good.total);
    const group2 = a.selfScore.groups.find((g) => g.code === '2')!;
    const bandOf = (x: number, bands: [number, number][]) => bands.filter(([from]) => x >= from).at(-1)![1];
    expect(group2.points).toBe(bandOf(share(good), [[0, 0], [20, 8], [40, 15], [60, 20], [80, 25]]) + bandOf(12.5, [[0, 0], [50, 10], [70, 18], [90, 25]]));
    const audit = await ctx.db.query<{ after: { schools: { code: string; count: number; total: number }[] } }>(`SELECT after FROM audit_log WHERE entity = 'assessment' AND entity_id = $1 AND action = 'prefill'`, [id]);
    expect(audit.map((x) => x.after.schools.map((s) => [s.code, s.count, s.total]))).toEqual([[['2.1', good.count, good.total]]]);
    // the schools' assessments were only read
    expect(await ctx.db.query('SELECT id, state, updated_at FROM assessment WHERE province_code = $1 ORDER BY id', ['11'])).toEqual(schoolsBefore);
    // a second click changes nothing
    ok(await call(DEPT, 'POST', `/api/v1/assessments/${id}/prefill`, {}));
    expect((await detail()).answers).toEqual(a.answers);
  });

  it('another Department, a school and the Ministry cannot fill it; nothing is written; a submitted one is not changed', async () => {
    ok(await call(DEPT, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '2.1', value: null }] }));
    const rows = async () => ctx.db.query('SELECT code, value FROM assessment_prefill WHERE assessment_id = $1 ORDER BY code', [id]);
    const before = await rows();
    for (const [who, code] of [[null, 401], [SONLA, 403], [SCHOOL, 403], [MINISTRY, 403]] as const) {
      expect((await call(who, 'POST', `/api/v1/assessments/${id}/prefill`, {})).statusCode, String(who)).toBe(code);
    }
    for (const [who, code] of [[null, 401], [SONLA, 403], [SCHOOL, 403]] as const) {
      expect((await call(who, 'GET', `/api/v1/assessments/${id}/prefill`)).statusCode, String(who)).toBe(code);
    }
    expect(value(await detail(), '2.1')).toBe(null);
    expect(await rows()).toEqual(before);
    // answered in full and submitted: read-only, the prefill is refused and changes nothing
    const all = { '1.1': true, '1.2': true, '1.3': 60, '1.4': 'mot_phan', '2.1': 5 };
    ok(await call(DEPT, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: Object.entries(all).map(([code, v]) => ({ code, value: v })) }));
    ok(await call(DEPT, 'POST', `/api/v1/assessments/${id}/transitions`, { action: 'submit' }));
    const submitted = await detail();
    expect((await call(DEPT, 'POST', `/api/v1/assessments/${id}/prefill`, {})).statusCode).toBe(409);
    expect((await detail()).answers).toEqual(submitted.answers);
    expect(await rows()).toEqual(before);
  });
});

describe("who may open a campaign of the Departments' framework", () => {
  it('the list says whom each version assesses; a Department is refused it for its schools or for Departments, and nothing is opened', async () => {
    const items = (await call(DEPT, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[];
    const v = items.find((x) => x.key === 'cds-so-3806')!;
    expect(v.appliesTo).toEqual({ kinds: ['department'], schoolLevels: [] });
    expect(items.find((x) => x.key === 'cds-truong-4725')!.appliesTo.kinds).toEqual(['school']);
    const count = async () => (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment_campaign')).n;
    const before = await count();
    const window = { opensOn: '2026-09-01', selfDueOn: '2026-11-30', reviewDueOn: '2026-12-15', publishOn: '2026-12-31' };
    const asSchools = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', { versionId: v.id, year: 2026, title: 'Đợt thử của Sở', kinds: ['school'], ...window });
    expect(asSchools.statusCode, asSchools.body).toBe(422);
    expect(asSchools.json().detail).toBe('Bộ chỉ số không áp dụng cho loại đơn vị này');
    expect(asSchools.json().errors[0].path).toBe('kinds');
    const asDepartments = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', { versionId: v.id, year: 2026, title: 'Đợt thử của Sở', kinds: ['department'], ...window });
    expect(asDepartments.statusCode, asDepartments.body).toBe(403);
    expect(await count()).toBe(before);
  });
});
