import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

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
});
