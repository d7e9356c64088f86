import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { SURVEY_QUESTIONS, unanswered, type SurveyQuestion } from '../../../../contracts/surveys.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
let slSchool: string; // a Sơn La school
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  slSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM school WHERE province_code = '14' ORDER BY code LIMIT 1`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

describe('facility survey', () => {
  it('derives JMP service levels and shows them on the map layer', async () => {
    const body = { classroomsSolid: 6, classroomsSemiSolid: 2, classroomsTemporary: 1, classroomsLacking: 2, subjectRooms: 1, subjectRoomsLacking: 3, toiletsTotal: 2, toiletsStandard: 1, toiletsImproved: true, toiletsSingleSex: false, toiletsUsable: true, waterSource: 'protected_well', waterAvailable: true, handwashing: 'water_only', electricity: 'grid', roadAccess: 'seasonal', boardingPlaces: 0, semiBoardingPlaces: 120, kitchen: true, teachingEquipment: 'partial', computers: 4, internet: false };
    const r = await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${dbSchool}/surveys/2026-2027`, body);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ waterService: 'basic', sanitationService: 'limited', hygieneService: 'limited' });
    expect((await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${slSchool}/surveys/2026-2027`, body)).statusCode).toBe(403);
    expect((await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${dbSchool}/surveys/2026-2028`, body)).statusCode).toBe(422);
    const pts = (await call(null, 'GET', '/api/v1/surveys/points?provinceCode=11')).json();
    expect(pts.rows.find((x: string[]) => x[0] === dbSchool).slice(4)).toEqual(['2026-2027', 'basic', 'limited', 'limited']);
  });

  it('refuses an empty or partial survey by naming each unanswered question, and writes nothing', async () => {
    const rows = async () => (await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM facility_survey WHERE school_id = $1`, [dbSchool])).n;
    const audits = async () => (await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'facility_survey'`)).n;
    const before = [await rows(), await audits()];
    const url = `/api/v1/schools/${dbSchool}/surveys/2025-2026`;
    const questions = Object.keys(SURVEY_QUESTIONS) as SurveyQuestion[];

    const empty = await call('truong.dienbien@ketnoi.demo', 'PUT', url, {});
    expect(empty.statusCode).toBe(422);
    const errors = empty.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual([...questions].sort());
    expect(errors.find((e) => e.path === 'waterSource')?.message).toBe('Chưa trả lời: Nguồn nước');
    for (const e of errors) expect(e.message).toBe(unanswered(e.path as SurveyQuestion));

    // in English, the same questions named in English
    const en = await call('truong.dienbien@ketnoi.demo', 'PUT', url, {}, { 'accept-language': 'en' });
    expect((en.json().errors as { path: string; message: string }[]).find((e) => e.path === 'toiletsTotal')?.message).toBe('Not answered: Toilets in total');

    // nulls are no answer; a count of 0 is an answer only when sent
    const complete = { classroomsSolid: 0, classroomsSemiSolid: 0, classroomsTemporary: 3, classroomsLacking: 1, subjectRooms: 0, subjectRoomsLacking: 2, toiletsTotal: 0, toiletsStandard: 0, toiletsImproved: false, toiletsSingleSex: false, toiletsUsable: false, waterSource: 'surface', waterAvailable: false, handwashing: 'none', electricity: 'solar', roadAccess: 'dirt', boardingPlaces: 0, semiBoardingPlaces: 0, kitchen: false, teachingEquipment: 'lacking', computers: 0, internet: false };
    const partial = await call('truong.dienbien@ketnoi.demo', 'PUT', url, { ...complete, toiletsImproved: null, handwashing: null, computers: undefined });
    expect(partial.statusCode).toBe(422);
    expect((partial.json().errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['computers', 'handwashing', 'toiletsImproved']);
    expect((await call('truong.dienbien@ketnoi.demo', 'PUT', url, { ...complete, computers: -1 })).statusCode).toBe(422);
    expect([await rows(), await audits()]).toEqual(before);

    const ok = await call('truong.dienbien@ketnoi.demo', 'PUT', url, complete);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ schoolYear: '2025-2026', computers: 0, toiletsTotal: 0, waterService: 'none', sanitationService: 'none', hygieneService: 'none' });
    expect(await rows()).toBe(before[0] + 1);
  });

  it("shows the latest school year's survey on the school's public page, and none for a school without one", async () => {
    // the tests above saved 2026-2027 and then 2025-2026: the later school year is shown, not the last saved
    const page = (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).json();
    expect(page.survey).toMatchObject({ schoolYear: '2026-2027', computers: 4, waterService: 'basic' });
    const none = await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school s WHERE NOT EXISTS (SELECT 1 FROM facility_survey f WHERE f.school_id = s.organisation_id) ORDER BY code LIMIT 1`);
    expect((await call(null, 'GET', `/api/v1/public/schools/${none.id}`)).json().survey).toBeNull();
  });
});
