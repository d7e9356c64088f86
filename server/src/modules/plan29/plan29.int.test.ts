import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

/** The pre-2025 districts a school's (current) commune descends from, in part or in whole. */
async function districtsOf(schoolId: string): Promise<string[]> {
  return (await ctx.db.query<{ code: string }>(
    `SELECT DISTINCT c.district_code AS code FROM school s JOIN area_succession su ON su.old_level = 'commune' AND su.new_commune_code = s.commune_code
       JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = su.old_code WHERE s.organisation_id = $1 ORDER BY 1`, [schoolId])).map((r) => r.code);
}

describe('plan 29 selection stays inside the chosen district', () => {
  it('refuses a school outside the chosen district by its name and writes nothing', async () => {
    const own = await districtsOf(dbSchool);
    expect(own.length).toBeGreaterThan(0);
    const other = (await ctx.db.one<{ code: string }>(
      `SELECT code FROM area WHERE era = 'legacy' AND level = 'district' AND province_code = '11' AND NOT (code = ANY($1::text[])) ORDER BY code LIMIT 1`, [own])).code;
    const name = (await ctx.db.one<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [dbSchool])).name;
    const before = await ctx.db.query('SELECT * FROM plan29_selection WHERE year = 2022 ORDER BY school_id');
    const res = await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2022, oldProvinceCode: '11', oldDistrictCode: other, schoolIds: [dbSchool] });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toBe(`Trường "${name}" ở ngoài huyện đã chọn`);
    expect(res.json().errors).toEqual([{ path: 'schoolIds.district', message: dbSchool }]);
    expect(await ctx.db.query('SELECT * FROM plan29_selection WHERE year = 2022 ORDER BY school_id')).toEqual(before);
    const ok = await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2022, oldProvinceCode: '11', oldDistrictCode: own[0], schoolIds: [dbSchool] });
    expect(ok.statusCode).toBe(200);
    expect((await ctx.db.query('SELECT school_id FROM plan29_selection WHERE year = 2022')).map((r) => (r as { school_id: string }).school_id)).toEqual([dbSchool]);
  });

  it('accepts a school whose merged commune descends from two old districts under either of them', async () => {
    // a commune formed in 2025 from communes of two old districts of the same old province
    const spanning = await ctx.db.maybeOne<{ commune: string; districts: string[] }>(
      `SELECT su.new_commune_code AS commune, array_agg(DISTINCT c.district_code ORDER BY c.district_code) AS districts
         FROM area_succession su JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = su.old_code
        WHERE su.old_level = 'commune' AND su.old_province_code = '11' AND su.new_commune_code IS NOT NULL
        GROUP BY su.new_commune_code HAVING count(DISTINCT c.district_code) >= 2 ORDER BY 1 LIMIT 1`);
    expect(spanning).toBeTruthy();
    const school = (await ctx.db.one<{ id: string }>(
      `SELECT organisation_id AS id FROM school WHERE province_code = (SELECT province_code FROM school WHERE organisation_id = $1) AND organisation_id <> $1 ORDER BY code LIMIT 1`, [dbSchool])).id;
    await ctx.db.query('UPDATE school SET commune_code = $2 WHERE organisation_id = $1', [school, spanning!.commune]);
    for (const d of spanning!.districts.slice(0, 2)) {
      const res = await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2023, oldProvinceCode: '11', oldDistrictCode: d, schoolIds: [school] });
      expect(res.statusCode, d).toBe(200);
    }
    const elsewhere = (await ctx.db.one<{ code: string }>(
      `SELECT code FROM area WHERE era = 'legacy' AND level = 'district' AND province_code = '11' AND NOT (code = ANY($1::text[])) ORDER BY code LIMIT 1`, [spanning!.districts])).code;
    expect((await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2023, oldProvinceCode: '11', oldDistrictCode: elsewhere, schoolIds: [school] })).statusCode).toBe(422);
  });
});

describe('plan 29 and gifts to people', () => {
  it('counts the 30 target provinces under today\'s provinces and checks the quota', async () => {
    const p = (await call(null, 'GET', '/api/v1/programmes/plan29')).json();
    expect(p.targets).toHaveLength(30);
    expect(p.targets.filter((t: { selected2021: boolean }) => t.selected2021)).toHaveLength(10);
    expect(p.targets.every((t: { currentCode: string | null }) => t.currentCode)).toBe(true);
    const q = (await call('admin', 'GET', '/api/v1/programmes/plan29/quota?year=2021')).json().items;
    expect(q).toHaveLength(10);
    expect(q.every((x: { complies: boolean; missing: string[] }) => !x.complies && x.missing.length > 0)).toBe(true);
  });

  it('keeps pupils\' names inside the school and its Department', async () => {
    const add = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: 'Học Sinh Thử', birthYear: 2015, consentRecorded: true });
    expect(add.statusCode).toBe(201);
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: 'Không Đồng Ý', consentRecorded: false })).statusCode).toBe(422);
    const giftBody = { schoolId: dbSchool, contributorId: (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id, beneficiaryId: add.json().id, category: 'warm_clothes', form: 'in_kind', valueVnd: 500_000 };
    // the description is read outside the school: naming the pupil in it is refused
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...giftBody, description: 'Áo ấm cho em Học Sinh Thử' })).statusCode).toBe(422);
    const gift = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...giftBody, description: 'Áo ấm mùa đông' });
    expect(gift.statusCode).toBe(201);
    for (const who of ['dieuphoi@ketnoi.demo', 'nhataitro@ketnoi.demo', 'so.sonla@ketnoi.demo', 'admin']) {
      expect((await call(who, 'GET', `/api/v1/schools/${dbSchool}/beneficiaries`)).statusCode, who).toBe(403);
    }
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/schools/${dbSchool}/beneficiaries`)).json().items[0].full_name).toBe('Học Sinh Thử');
    const json = (await call(null, 'GET', '/api/v1/public/contributions?format=json')).body;
    const csv = (await call(null, 'GET', '/api/v1/public/contributions?format=csv')).body;
    const school = (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).body;
    for (const body of [json, csv, school]) expect(body).not.toContain('Học Sinh Thử');
    const row = JSON.parse(json).items.find((c: { id: string }) => c.id === gift.json().id);
    expect(row).toMatchObject({ recipient: 'Học sinh', description: 'Quà tặng học sinh' });
  });

  it('counts gifts recorded for a past year toward that year\'s quota', async () => {
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    const district = (await districtsOf(dbSchool))[0];
    const sel = await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2021, oldProvinceCode: '11', oldDistrictCode: district, schoolIds: [dbSchool] });
    expect(sel.statusCode).toBe(200);
    const teacher = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'teacher', fullName: 'Giáo Viên Thử', consentRecorded: true });
    const body = { schoolId: dbSchool, contributorId: donor, beneficiaryId: teacher.json().id, category: 'warm_clothes', form: 'in_kind', description: 'Quà Tết 2021', valueVnd: 300_000, pledgedOn: '2021-02-01' };
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...body, pledgedOn: '2099-01-01' })).statusCode).toBe(422);
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', body)).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', body)).statusCode).toBe(201);
    const q = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/programmes/plan29/quota?year=2021')).json().items.find((p: { oldCode: string }) => p.oldCode === '11');
    expect(q.schools.find((s: { id: string }) => s.id === dbSchool).gifts).toMatchObject({ teacher: 1, manager: 0 });
    expect(q.missing).toContain(`${q.schools[0].name}: thiếu quà cho 1 cán bộ quản lý`);
  });
});
