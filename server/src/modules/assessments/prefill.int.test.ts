import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { AssessmentDetail, AssessmentSummary } from '../../../../contracts/assessments.js';
import type { PrefillView } from '../../../../contracts/assessment-prefill.js';

/**
 * The safe-school self-assessment fills its empty facilities answers from the school's latest
 * facility survey (1.5 toilets: sanitation service basic; 1.6 clean water: water service basic):
 * never over an answer given, each filled answer says which survey it came from, only the school
 * while it may still answer; the survey is read, never written.
 */
const clock = fixedClock('2026-10-01T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';
const OTHER_SCHOOL = 'truong.dienbien@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const SONLA = 'so.sonla@ketnoi.demo';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
let id = '', org = '';
const SURVEY = {
  classroomsSolid: 6, classroomsSemiSolid: 0, classroomsTemporary: 0, classroomsLacking: 0, subjectRooms: 1, subjectRoomsLacking: 0,
  toiletsTotal: 4, toiletsStandard: 4, toiletsImproved: true, toiletsSingleSex: true, toiletsUsable: true,
  waterSource: 'surface', waterAvailable: true, handwashing: 'water_soap', electricity: 'grid', roadAccess: 'paved',
  boardingPlaces: 0, semiBoardingPlaces: 0, kitchen: true, teachingEquipment: 'sufficient', computers: 10, internet: true,
};

beforeAll(async () => {
  ctx = await testApp({ clock });
  const mine = (await call(SCHOOL, 'GET', '/api/v1/assessments')).json().items as AssessmentSummary[];
  const a = mine.find((x) => x.campaignTitle.includes('an toàn'))!;
  id = a.id; org = a.organisationId;
});
afterAll(async () => { await ctx.close(); });

const view = async (who: string) => { const r = await call(who, 'GET', `/api/v1/assessments/${id}/prefill`); ok(r); return r.json() as PrefillView; };
const detail = async () => (await call(SCHOOL, 'GET', `/api/v1/assessments/${id}`)).json() as AssessmentDetail;
const value = (a: AssessmentDetail, code: string) => a.answers.find((x) => x.code === code)?.value ?? null;

describe('prefill from the facility survey', () => {
  it('without a survey: nothing to offer, and filling is a Vietnamese 409 that writes nothing', async () => {
    await ctx.db.query('DELETE FROM facility_survey WHERE school_id = $1', [org]);
    expect(await view(SCHOOL)).toEqual({ survey: null, items: [], schools: [] });
    const r = await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/prefill`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().title).toMatch(/chưa có khảo sát cơ sở vật chất/);
  });

  it('fills only the empty answers, says where each came from, and forgets it when the school changes the answer', async () => {
    ok(await call(SCHOOL, 'PUT', `/api/v1/schools/${org}/surveys/2026-2027`, SURVEY));
    const surveyBefore = await ctx.db.one<{ updated_at: Date }>('SELECT updated_at FROM facility_survey WHERE school_id = $1', [org]);
    // the school has typed 1.6 itself; 1.5 is empty
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '1.5', value: null }, { code: '1.6', value: true }] }));
    const offered = await view(SCHOOL);
    expect(offered.survey?.schoolYear).toBe('2026-2027');
    expect(offered.items).toEqual([
      { code: '1.5', question: 'sanitationService', answer: 'basic', value: true, filledAt: null, filledFrom: null },
      // surface water is not an improved source: no basic drinking-water service
      { code: '1.6', question: 'waterService', answer: 'none', value: false, filledAt: null, filledFrom: null },
    ]);
    const before = await detail();
    const r = await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/prefill`, {});
    ok(r);
    const filled = r.json() as PrefillView;
    expect(filled.items.find((i) => i.code === '1.5')).toMatchObject({ filledFrom: '2026-2027', filledAt: clock.now().toISOString() });
    expect(filled.items.find((i) => i.code === '1.6')).toMatchObject({ filledFrom: null, filledAt: null });
    const after = await detail();
    expect(value(after, '1.5')).toBe(true);
    expect(value(after, '1.6')).toBe(true);
    expect(after.selfScore.criteria!.met).toBe(before.selfScore.criteria!.met + 1);
    // a second click changes nothing
    ok(await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/prefill`, {}));
    expect((await detail()).answers).toEqual(after.answers);
    const audit = await ctx.db.query<{ after: { filled: { code: string }[] } }>(`SELECT after FROM audit_log WHERE entity = 'assessment' AND entity_id = $1 AND action = 'prefill'`, [id]);
    expect(audit.map((x) => x.after.filled.map((f) => f.code))).toEqual([['1.5']]);
    // the survey was only read
    expect((await ctx.db.one<{ updated_at: Date }>('SELECT updated_at FROM facility_survey WHERE school_id = $1', [org])).updated_at).toEqual(surveyBefore.updated_at);
    // the school changes its mind: the answer is its own now
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '1.5', value: false }] }));
    expect((await view(SCHOOL)).items.find((i) => i.code === '1.5')).toMatchObject({ filledFrom: null });
    // the reviewer sees where the answers came from
    expect((await view(DEPT)).survey?.schoolYear).toBe('2026-2027');
  });

  it('only the school fills, while it may still answer; others are refused and nothing is written', async () => {
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '1.5', value: null }] }));
    for (const [who, code] of [[null, 401], [OTHER_SCHOOL, 403], [SONLA, 403], [DEPT, 403]] as const) {
      expect((await call(who, 'POST', `/api/v1/assessments/${id}/prefill`, {})).statusCode, String(who)).toBe(code);
    }
    for (const [who, code] of [[null, 401], [OTHER_SCHOOL, 403], [SONLA, 403]] as const) {
      expect((await call(who, 'GET', `/api/v1/assessments/${id}/prefill`)).statusCode, String(who)).toBe(code);
    }
    expect((await call(SCHOOL, 'POST', '/api/v1/assessments/00000000-0000-4000-8000-000000000000/prefill', {})).statusCode).toBe(404);
    expect((await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/prefill`, { extra: 1 })).statusCode).toBe(422);
    expect(value(await detail(), '1.5')).toBe(null);
    // a submitted assessment is read-only to the school
    const all = Object.fromEntries((await detail()).framework.groups.flatMap((g) => g.indicators).map((i) => [i.code, true]));
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: Object.entries(all).filter(([c]) => c !== '1.5').map(([code, v]) => ({ code, value: v })) }));
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: '1.5', value: true }] }));
    ok(await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/transitions`, { action: 'submit' }));
    expect((await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [] })).statusCode).toBe(409);
    const r = await call(SCHOOL, 'POST', `/api/v1/assessments/${id}/prefill`, {});
    expect(r.statusCode).toBe(409);
    expect(await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment_prefill WHERE assessment_id = $1', [id])).toEqual({ n: 1 });
  });
});
