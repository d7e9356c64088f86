import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { isPg, testApp, type TestContext } from './harness.js';
import { caller, multipart, PNG, registerDonor } from './calls.js';
import { fixedClock } from '../src/platform/clock.js';

/**
 * Integrity under concurrency: decisions fired at the same time, as many requests in flight at
 * once (Promise.all of app.inject). On PostgreSQL they run on separate connections, so a
 * read-then-write without the right lock shows; PGlite runs one statement at a time and passes
 * anyway, so there the file only checks that the answers are the same.
 */

const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
let dbSchool: string;
const call = caller(() => ctx);
const ROUNDS = 3;
/** What the races gave, printed at the end of the file (figures for the record). */
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 12 });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  // sign in once before the races: sessions are not what is measured here
  for (const who of ['truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'nhataitro@ketnoi.demo', 'so.hanoi@ketnoi.demo', 'truong.hanoi@ketnoi.demo', 'thamdinh@ketnoi.demo']) await ctx.cookie(who);
});
afterAll(async () => {
  console.info(`concurrency (${isPg() ? 'PostgreSQL' : 'PGlite'}): ${JSON.stringify(figures)}`);
  await ctx.close();
});

function statuses(rs: { statusCode: number }[]): Record<number, number> {
  const m: Record<number, number> = {};
  for (const r of rs) m[r.statusCode] = (m[r.statusCode] ?? 0) + 1;
  return m;
}

/** A need of the demo school, submitted (and published when asked). */
async function newNeed(quantity: number, estimatedCost: number, publish = true, title = 'Sách giáo khoa cho học sinh'): Promise<string> {
  const c = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { schoolId: dbSchool, category: 'books', title, quantity, unit: 'bộ', estimatedCost, priority: 'high' });
  expect(c.statusCode).toBe(201);
  const id = c.json().id as string;
  expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
  if (publish) {
    for (const action of ['verify', 'publish']) expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action })).statusCode).toBe(200);
  }
  return id;
}

const pledgedOf = (needId: string) =>
  ctx.db.one<{ q: string; v: string; n: string }>(`SELECT COALESCE(sum(quantity), 0)::text AS q, COALESCE(sum(value_vnd), 0)::text AS v, count(*)::text AS n FROM contribution WHERE need_id = $1 AND status <> 'cancelled'`, [needId]);

describe('pledges against what is open', () => {
  it('40 parallel pledges of 5 units on a need of 100: exactly 20 accepted, the rest refused with a conflict', async () => {
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const needId = await newNeed(100, 100_000_000);
      const rs = await Promise.all(Array.from({ length: 40 }, (_, i) =>
        call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'in_kind', description: `Cam kết ${i}`, valueVnd: 1_000_000, quantity: 5 })));
      const s = statuses(rs);
      rounds.push(s);
      expect(s, JSON.stringify(s)).toEqual({ 201: 20, 409: 20 });
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json().title).toMatch(/vượt phần còn thiếu|không nhận thêm cam kết/);
      expect(await pledgedOf(needId)).toMatchObject({ q: '100', n: '20' });
      const n = (await call(null, 'GET', `/api/v1/needs/${needId}`)).json();
      expect(n).toMatchObject({ status: 'fully_pledged', remainingQuantity: 0 });
    }
    figures.unitPledges = rounds;
  });

  it('40 parallel money pledges never exceed the estimated cost', async () => {
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const needId = await newNeed(1, 10_000_000);
      const rs = await Promise.all(Array.from({ length: 40 }, (_, i) =>
        call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'money', description: `Ủng hộ ${i}`, valueVnd: 500_000 })));
      const s = statuses(rs);
      rounds.push(s);
      expect(s, JSON.stringify(s)).toEqual({ 201: 20, 409: 20 });
      for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json().title).toMatch(/vượt phần còn thiếu|không nhận thêm cam kết/);
      expect(await pledgedOf(needId)).toMatchObject({ v: '10000000', n: '20' });
    }
    figures.moneyPledges = rounds;
  });

  it('a money pledge of more than remains is refused (10^15 đồng on a need of 10^6)', async () => {
    const needId = await newNeed(1, 1_000_000);
    const r = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'money', description: 'Quá lớn', valueVnd: 1e15 });
    expect(r.statusCode).toBe(409);
    expect(r.json().title).toBe('Số tiền cam kết (1.000.000.000.000.000 đồng) vượt phần còn thiếu (1.000.000 đồng)');
    expect(r.json().errors[0].path).toBe('valueVnd');
    expect((await pledgedOf(needId)).n).toBe('0');
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'money', description: 'Vừa đủ', valueVnd: 1_000_000 })).statusCode).toBe(201);
  });
});

describe('decisions on a need', () => {
  it('simultaneous verify and return: one succeeds, the other is a conflict', async () => {
    const rounds = [];
    for (let round = 0; round < ROUNDS * 2; round++) {
      const needId = await newNeed(10, 1_000_000, false);
      const rs = await Promise.all([
        call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' }),
        call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'return', reason: 'Thiếu ảnh hiện trạng' }),
      ]);
      const s = statuses(rs);
      rounds.push(s);
      expect(s, JSON.stringify(s)).toEqual({ 200: 1, 409: 1 });
      expect(rs.find((r) => r.statusCode === 409)!.json().title).toMatch(/^Không thể (xác minh|trả lại) nhu cầu đang ở trạng thái/);
      const events = await ctx.db.query(`SELECT action FROM need_event WHERE need_id = $1 AND action IN ('verify', 'return')`, [needId]);
      expect(events).toHaveLength(1);
    }
    figures.verifyReturn = rounds;
  });

  it('10 parallel publishes of the same need: published once', async () => {
    const needId = await newNeed(10, 1_000_000, false);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' })).statusCode).toBe(200);
    const rs = await Promise.all(Array.from({ length: 10 }, () => call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'publish' })));
    const s = statuses(rs);
    figures.publish = s;
    expect(s).toEqual({ 200: 1, 409: 9 });
    expect(await ctx.db.query(`SELECT 1 FROM need_event WHERE need_id = $1 AND action = 'publish'`, [needId])).toHaveLength(1);
  });

  it('a pledge racing a withdrawal: never a pledge on a withdrawn need', async () => {
    const needId = await newNeed(10, 1_000_000);
    const rs = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'in_kind', description: `Cam kết ${i}`, valueVnd: 1000, quantity: 1 })),
      call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'withdraw', reason: 'Đã có nguồn khác' }),
    ]);
    const withdrawn = rs[5].statusCode === 200;
    const pledged = Number((await pledgedOf(needId)).n);
    if (withdrawn) expect(pledged).toBe(0);
    else expect(pledged).toBeGreaterThan(0);
    expect(rs.every((r) => r.statusCode < 500)).toBe(true);
  });
});

describe('contributions', () => {
  it('10 parallel acceptances of one received contribution: accepted once', async () => {
    const needId = await newNeed(10, 1_000_000);
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'in_kind', description: 'Mười bộ sách', valueVnd: 1_000_000, quantity: 10 });
    const id = p.json().id as string;
    const confirms = await Promise.all(Array.from({ length: 5 }, () =>
      call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${id}/transitions`, ...multipart({ action: 'confirm' }, [{ filename: 'nhan.png', type: 'image/png', data: PNG }]))));
    expect(statuses(confirms)).toEqual({ 200: 1, 409: 4 });
    const rs = await Promise.all(Array.from({ length: 10 }, () => call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${id}/transitions`, { action: 'accept' })));
    const s = statuses(rs);
    figures.contributionAccept = s;
    expect(s).toEqual({ 200: 1, 409: 9 });
    expect(await ctx.db.query(`SELECT 1 FROM contribution_event WHERE contribution_id = $1 AND status = 'accepted'`, [id])).toHaveLength(1);
  });
});

describe('twinning', () => {
  it('a report sent by 10 parallel requests is submitted once', async () => {
    const h = await ctx.db.one<{ cluster_id: string }>(`SELECT s.cluster_id FROM app_user u JOIN school s ON s.organisation_id = u.organisation_id WHERE u.email = 'truong.hanoi@ketnoi.demo'`);
    const rounds = [];
    for (const year of [2024, 2025, 2026]) {
      const url = `/api/v1/twinning/reports/cluster/${h.cluster_id}/${year}`;
      const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => call('truong.hanoi@ketnoi.demo', 'PUT', url, { narrative: { results: `Kết quả ${i}` }, submit: true })));
      const s = statuses(rs);
      rounds.push(s);
      expect(s, JSON.stringify(s)).toEqual({ 200: 1, 409: 9 });
      expect(rs.find((r) => r.statusCode === 409)!.json().title).toBe('Báo cáo đã gửi, không sửa được');
      const audits = await ctx.db.query(`SELECT 1 FROM audit_log WHERE entity = 'twinning_report' AND entity_id = $1 AND action = 'submit'`, [`cluster:${h.cluster_id}:${year}`]);
      expect(audits).toHaveLength(1);
    }
    figures.reportSubmit = rounds;
  });

  it('the same pair created by 10 parallel requests exists once', async () => {
    const hanoi = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE email = 'truong.hanoi@ketnoi.demo'`)).id;
    const border = await ctx.db.query<{ id: string }>(
      `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
        WHERE s.province_code = '12' AND 'border' = ANY(c.flags)
          AND NOT EXISTS (SELECT 1 FROM twinning_pair p WHERE p.border_school_id = s.organisation_id) ORDER BY s.code LIMIT ${ROUNDS}`);
    const rounds = [];
    for (const b of border) {
      const rs = await Promise.all(Array.from({ length: 10 }, () => call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { hanoiSchoolId: hanoi, borderSchoolId: b.id, startYear: 2026 })));
      const s = statuses(rs);
      rounds.push(s);
      expect(s, JSON.stringify(s)).toEqual({ 201: 1, 409: 9 });
      expect(rs.find((r) => r.statusCode === 409)!.json().title).toBe('Hai đơn vị này đã kết nghĩa');
      expect(await ctx.db.query(`SELECT 1 FROM twinning_pair WHERE border_school_id = $1 AND hanoi_school_id = $2`, [b.id, hanoi])).toHaveLength(1);
    }
    figures.pairCreate = rounds;
  });
});

describe('donors', () => {
  it('10 parallel approvals of a donor awaiting vetting: decided once, told once', async () => {
    const { id } = await registerDonor(ctx, { organisationName: 'Công ty TNHH Song Song', donorType: 'business', taxCode: '0100000010', email: 'songsong@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách CSR' });
    const rs = await Promise.all(Array.from({ length: 10 }, () => call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' })));
    const s = statuses(rs);
    figures.donorVetting = s;
    expect(s).toEqual({ 200: 1, 409: 9 });
    expect(rs.find((x) => x.statusCode === 409)!.json().title).toBe('Nhà tài trợ đã ở trạng thái này');
    expect(await ctx.db.query(`SELECT 1 FROM notification WHERE organisation_id = $1 AND kind = 'donor_approved'`, [id])).toHaveLength(1);
  });
});

describe('plan 29', () => {
  it('parallel picks of a province\'s district never leave more than the one district of the quota', async () => {
    // each old district with the schools whose commune descends from it (a selection stays inside its district)
    const pairs = await ctx.db.query<{ code: string; id: string }>(
      `SELECT DISTINCT c.district_code AS code, s.organisation_id AS id FROM school s
         JOIN area_succession su ON su.old_level = 'commune' AND su.new_commune_code = s.commune_code
         JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = su.old_code
        WHERE s.province_code = '11' AND c.province_code = '11' ORDER BY 1, 2`);
    const byDistrict = new Map<string, string[]>();
    for (const p of pairs) byDistrict.set(p.code, [...(byDistrict.get(p.code) ?? []), p.id].slice(0, 5));
    const districts = [...byDistrict.keys()].slice(0, 8).map((code) => ({ code, schools: byDistrict.get(code)! }));
    expect(districts.length).toBeGreaterThan(3);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rs = await Promise.all(districts.map((d) =>
        call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2022, oldProvinceCode: '11', oldDistrictCode: d.code, schoolIds: d.schools })));
      const s = statuses(rs);
      rounds.push(s);
      expect(rs.every((r) => r.statusCode === 200 || r.statusCode === 409), JSON.stringify(s)).toBe(true);
      expect(s[200]).toBeGreaterThanOrEqual(1);
      const sel = await ctx.db.query<{ old_district_code: string; school_id: string }>(`SELECT old_district_code, school_id FROM plan29_selection WHERE year = 2022 AND old_province_code = '11'`);
      const picked = [...new Set(sel.map((x) => x.old_district_code))];
      expect(picked).toHaveLength(1);
      expect(sel.map((x) => x.school_id).sort()).toEqual([...byDistrict.get(picked[0])!].sort());
    }
    figures.plan29Picks = rounds;
  });
});

describe('sums of money past 2^53', () => {
  // ten gifts of 10^15 đồng and one of 1: 10 000 000 000 000 001, which a double cannot hold
  const BIG = '10000000000000001';
  it('come out exact in JSON, in the open data, in the dashboard and in the exports', async () => {
    expect(String(Number(BIG))).not.toBe(BIG); // a double rounds it
    const needId = await newNeed(1, 1_000_000, true, 'Bếp ăn bán trú tổng rất lớn');
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    await ctx.db.query(
      `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, pledged_on, need_id)
       SELECT $1, $2, '11', 'in_kind', 'books', 'Quà lớn', v, '2026-06-01', $3 FROM unnest(array_fill(1000000000000000::bigint, ARRAY[10]) || ARRAY[1::bigint]) AS v`,
      [donor, dbSchool, needId]);
    // the need: its sums as decimal strings, its remainder exact (nothing left)
    const need = await call(null, 'GET', `/api/v1/needs/${needId}`);
    expect(need.body).toContain(`"pledgedValue":"${BIG}"`);
    expect(need.json()).toMatchObject({ pledgedValue: BIG, remainingValue: 0, receivedValue: '0' });
    // the public figures
    const stats = (await call(null, 'GET', `/api/v1/public/stats?needId=${needId}`)).json();
    expect(stats.totals).toMatchObject({ count: 11, valueVnd: BIG });
    expect(stats.byForm).toEqual([expect.objectContaining({ form: 'in_kind', valueVnd: BIG })]);
    const open = await call(null, 'GET', `/api/v1/public/contributions?format=json&needId=${needId}`);
    expect(open.body).toContain(`"totalVnd":"${BIG}"`);
    const csv = (await call(null, 'GET', `/api/v1/public/contributions?format=csv&needId=${needId}`)).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const col = csv[0].split(',').indexOf('valueVnd');
    expect(csv.slice(1).reduce((n, line) => n + BigInt(line.split(',')[col]), 0n).toString()).toBe(BIG);
    // the coordination dashboard agrees with SQL to the đồng
    const dash = (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).json();
    const sql = await ctx.db.one<{ pledged: string }>(`SELECT sum(value_vnd)::text AS pledged FROM contribution WHERE status = 'pledged'`);
    expect(dash.ledger.pledged).toBe(sql.pledged);
    expect(BigInt(dash.ledger.pledged) > BigInt(BIG)).toBe(true);
    // the needs' export: the sum in CSV as digits, in XLSX as text past 2^53 (a number cell would round it)
    const q = encodeURIComponent('Bếp ăn bán trú tổng rất lớn');
    const needsCsv = (await call(null, 'GET', `/api/v1/needs?format=csv&q=${q}`)).body;
    expect(needsCsv).toContain(`,${BIG},`);
    const x = await call(null, 'GET', `/api/v1/needs?format=xlsx&q=${q}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).indexOf('Đã cam kết (đồng)');
    expect(ws.getRow(2).getCell(header).value).toBe(BIG);
  });
});
