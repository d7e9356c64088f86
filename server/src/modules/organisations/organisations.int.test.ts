import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { readCsv } from '../../platform/tabular.js';
import { ORG_COUNT_CAP } from './service.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

type Org = { id: string; kind: string; code: string | null; name: string; shortName: string | null; parentId: string | null; provinceCode: string | null; communeCode: string | null };
type OrgPage = { items: Org[]; nextCursor: string | null; total: number; totalCapped: boolean };

const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, cookie?: string) =>
  ctx.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });
async function list(qs: string): Promise<OrgPage> {
  const r = await get(`/api/v1/organisations?${qs}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function walk(qs: string, limit: number): Promise<{ items: Org[]; total: number; pages: number }> {
  const items: Org[] = [];
  let cursor: string | null = null;
  let total = 0;
  let pages = 0;
  do {
    const p = await list(`${qs}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...p.items);
    total = p.total;
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 500);
  return { items, total, pages };
}
const byCode = async (code: string) => (await ctx.db.one<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [code])).id;

describe('organisations: reference data', () => {
  it('has the Ministry and its units', async () => {
    const ministry = await list('kind=ministry');
    expect(ministry.items.map((o) => o.code)).toContain('bgddt');
    const bgddt = ministry.items.find((o) => o.code === 'bgddt')!;
    const units = await walk(`kind=ministry_unit&parentId=${bgddt.id}`, 200);
    const vu = units.items.find((o) => o.code === 'vu-gdcthssv');
    expect(vu).toMatchObject({ kind: 'ministry_unit', name: 'Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên', shortName: 'Vụ GDCTHSSV', parentId: bgddt.id });
    expect(units.items.map((o) => o.code)).toEqual(expect.arrayContaining(['vu-gdtc', 'vu-gdth', 'cuc-csvc']));
  });

  it('has one Department per current province, coded so-<province>', async () => {
    const provinces = (await get('/api/v1/areas/provinces')).json().items as { code: string; name: string }[];
    const depts = await walk('kind=department', 200);
    expect(depts.total).toBe(34);
    expect(depts.items.map((o) => o.code).sort()).toEqual(provinces.map((p) => `so-${p.code}`).sort());
    for (const d of depts.items) expect(d.provinceCode).toBe(d.code!.slice(3));
    const db = depts.items.find((o) => o.code === 'so-11')!;
    expect(db.name).toBe('Sở Giáo dục và Đào tạo tỉnh Điện Biên');
    expect(depts.items.find((o) => o.code === 'so-01')!.name).toBe('Sở Giáo dục và Đào tạo thành phố Hà Nội');
  });

  it("has Hanoi's high-school clusters under the Hanoi Department", async () => {
    const so01 = await byCode('so-01');
    const clusters = await walk('kind=cluster', 200);
    expect(clusters.total).toBeGreaterThan(0);
    expect(clusters.items.map((o) => o.code)).toContain('cum-thpt-01');
    for (const c of clusters.items) expect(c).toMatchObject({ kind: 'cluster', provinceCode: '01', parentId: so01 });
  });

  it("has every commune's People's Committee", async () => {
    const all = await list('kind=commune_committee&limit=1');
    expect(all.total).toBe(3321);
    const db = await walk('kind=commune_committee&provinceCode=11', 200);
    const communes = (await get('/api/v1/areas/provinces/11/communes')).json().items as { code: string; fullName: string }[];
    expect(db.total).toBe(communes.length);
    expect(db.items.map((o) => o.communeCode).sort()).toEqual(communes.map((c) => c.code).sort());
    const first = db.items.find((o) => o.communeCode === communes[0].code)!;
    expect(first.code).toBe(`ubnd-${communes[0].code}`);
    expect(first.name.startsWith('Ủy ban nhân dân ')).toBe(true);
  });
});

describe('organisations: list, search, paging, export', () => {
  it('searches without diacritics, by name, short name or code', async () => {
    for (const q of ['so giao duc va dao tao tinh dien bien', 'SỞ GDĐT ĐIỆN BIÊN', 'so gddt dien bien', 'so-11']) {
      const r = await list(`q=${encodeURIComponent(q)}&kind=department`);
      expect(r.items.map((o) => o.code), q).toEqual(['so-11']);
    }
    expect((await list('q=gdcthssv')).items.map((o) => o.code)).toContain('vu-gdcthssv');
    expect((await list(`q=${encodeURIComponent('Vụ Giáo dục Chính trị'.normalize('NFD'))}`)).items.map((o) => o.code)).toContain('vu-gdcthssv');
    const none = await list('q=khong-co-to-chuc-nay-xyz');
    expect(none).toEqual({ items: [], nextCursor: null, total: 0, totalCapped: false });
  });

  it('counts a list up to 10,000 and says "more than" beyond, exactly below', async () => {
    // 10,001 donors of one name and 9,999 of another, written straight into the register
    const tag = `dem${process.pid}x`;
    await ctx.db.exec(`INSERT INTO organisation (kind, name, search) SELECT 'donor', 'Nhà tài trợ ${tag}a ' || g, 'nha tai tro ${tag}a ' || g FROM generate_series(1, 10001) g`);
    await ctx.db.exec(`INSERT INTO organisation (kind, name, search) SELECT 'donor', 'Nhà tài trợ ${tag}b ' || g, 'nha tai tro ${tag}b ' || g FROM generate_series(1, 9999) g`);
    const over = await list(`q=${tag}a&limit=3`);
    expect(over).toMatchObject({ total: ORG_COUNT_CAP, totalCapped: true });
    expect(over.items).toHaveLength(3);
    expect(await list(`q=${tag}b&limit=3`)).toMatchObject({ total: 9_999, totalCapped: false });
    expect(await list(`q=${tag}a%2010001&kind=donor`)).toMatchObject({ total: 1, totalCapped: false });
    await ctx.db.exec(`DELETE FROM organisation WHERE search LIKE 'nha tai tro ${tag}%'`);
  });

  it('filters by province and pages with a cursor without duplicates', async () => {
    const all = await walk('provinceCode=11', 13);
    expect(all.items.every((o) => o.provinceCode === '11')).toBe(true);
    expect(new Set(all.items.map((o) => o.id)).size).toBe(all.items.length);
    expect(all.items.length).toBe(all.total);
    expect(all.pages).toBe(Math.ceil(all.total / 13));
    const kinds = new Set(all.items.map((o) => o.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['department', 'commune_committee', 'school']));
    const collator = new Intl.Collator('und');
    for (let i = 1; i < all.items.length; i++) expect(collator.compare(all.items[i - 1].name, all.items[i].name)).toBeLessThanOrEqual(0);
    expect((await get('/api/v1/organisations?limit=500')).statusCode).toBe(422);
    expect((await get('/api/v1/organisations?kind=bo')).statusCode).toBe(422);
    expect((await get('/api/v1/organisations?cursor=abc')).statusCode).toBe(400);
  });

  it('exports the filtered list as CSV and XLSX', async () => {
    const csv = await get('/api/v1/organisations?kind=department&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const sheet = readCsv(csv.body);
    expect(sheet.headers).toEqual(['Loại', 'Mã', 'Tên', 'Tên viết tắt', 'Mã tỉnh', 'Mã xã']);
    expect(sheet.rows).toHaveLength(34);
    expect(sheet.rows.find((r) => r.values[1] === 'so-11')!.values).toEqual(['department', 'so-11', 'Sở Giáo dục và Đào tạo tỉnh Điện Biên', 'Sở GDĐT Điện Biên', '11', '']);

    const xlsx = await get('/api/v1/organisations?kind=cluster&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const clusters = await list('kind=cluster&limit=1');
    expect(wb.worksheets[0].actualRowCount - 1).toBe(clusters.total);
    expect(wb.worksheets[0].getRow(1).getCell(3).value).toBe('Tên');
  });

  it('reads one organisation, 404 when unknown', async () => {
    const id = await byCode('vu-gdcthssv');
    const r = await get(`/api/v1/organisations/${id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().code).toBe('vu-gdcthssv');
    expect(r.json().can).toEqual({ update: false, changeScope: false });
    expect((await get(`/api/v1/organisations/${id}`, await ctx.cookie('admin'))).json().can).toEqual({ update: true, changeScope: true });
    const missing = await get('/api/v1/organisations/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().title).toBe('Không tìm thấy tổ chức');
  });
});

describe('organisations: writes', () => {
  it('only an administrator creates an organisation, and it is audited', async () => {
    const body = { kind: 'donor', code: 'kt-donor-1', name: 'Quỹ Khuyến học Thử Nghiệm', shortName: 'Quỹ Thử', provinceCode: '11' };
    expect((await send('POST', '/api/v1/organisations', body)).statusCode).toBe(401);
    for (const who of ['ministry', 'department', 'school', 'donor']) {
      expect((await send('POST', '/api/v1/organisations', body, await ctx.cookie(who))).statusCode, who).toBe(403);
    }
    const admin = await ctx.cookie('admin');
    const r = await send('POST', '/api/v1/organisations', body, admin);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'donor', code: 'kt-donor-1', name: 'Quỹ Khuyến học Thử Nghiệm', provinceCode: '11' });
    expect((await list('q=quy khuyen hoc thu nghiem')).items.map((o) => o.id)).toEqual([r.json().id]);

    const dup = await send('POST', '/api/v1/organisations', { ...body, name: 'Khác' }, admin);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('code');
    const school = await send('POST', '/api/v1/organisations', { ...body, kind: 'school', code: 'kt-x' }, admin);
    expect(school.statusCode).toBe(422);
    expect(school.json().errors[0]).toMatchObject({ path: 'kind', message: 'Trường học được tạo ở mục Trường học' });
    const badProvince = await send('POST', '/api/v1/organisations', { ...body, code: 'kt-y', provinceCode: '99' }, admin);
    expect(badProvince.statusCode).toBe(422);
    expect(badProvince.json().errors[0].path).toBe('provinceCode');
    const noName = await send('POST', '/api/v1/organisations', { kind: 'donor' }, admin);
    expect(noName.statusCode).toBe(422);
    expect(noName.json().errors).toContainEqual({ path: 'name', message: 'Trường này là bắt buộc' });

    const hist = await get(`/api/v1/audit?entity=organisation&entityId=${r.json().id}`, admin);
    expect(hist.statusCode).toBe(200);
    expect(hist.json().items[0]).toMatchObject({ action: 'create', actorRole: 'admin', after: { code: 'kt-donor-1' } });
  });

  it('a Department edits its own Department only; the change is audited', async () => {
    const dept = await ctx.cookie('so.dienbien@ketnoi.demo');
    const own = await byCode('so-11');
    const other = await byCode('so-14');
    const r = await send('PATCH', `/api/v1/organisations/${own}`, { shortName: 'Sở GD&ĐT Điện Biên' }, dept);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ code: 'so-11', shortName: 'Sở GD&ĐT Điện Biên', provinceCode: '11' });
    expect((await send('PATCH', `/api/v1/organisations/${other}`, { shortName: 'X' }, dept)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/v1/organisations/${own}`, { shortName: 'X' })).statusCode).toBe(401);
    expect((await send('PATCH', `/api/v1/organisations/${own}`, { shortName: 'X' }, await ctx.cookie('donor'))).statusCode).toBe(403);
    expect((await get(`/api/v1/organisations/${other}`)).json().shortName).toBe('Sở GDĐT Sơn La');
    expect((await get(`/api/v1/organisations/${own}`, dept)).json().can).toEqual({ update: true, changeScope: false });
    expect((await get(`/api/v1/organisations/${other}`, dept)).json().can).toEqual({ update: false, changeScope: false });

    const hist = await get(`/api/v1/audit?entity=organisation&entityId=${own}`, dept);
    expect(hist.statusCode).toBe(200);
    expect(hist.json().items[0]).toMatchObject({ action: 'update', before: { shortName: 'Sở GDĐT Điện Biên' }, after: { shortName: 'Sở GD&ĐT Điện Biên' } });
    expect((await get(`/api/v1/audit?entity=organisation&entityId=${other}`, dept)).statusCode).toBe(403);
    expect((await get(`/api/v1/audit?entity=organisation&entityId=${own}`)).statusCode).toBe(401);

    // the Hanoi Department edits its clusters; schools are not edited here
    const hanoi = await ctx.cookie('so.hanoi@ketnoi.demo');
    const cluster = await byCode('cum-thpt-01');
    expect((await send('PATCH', `/api/v1/organisations/${cluster}`, { shortName: 'Cụm số 1' }, hanoi)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/v1/organisations/${cluster}`, { shortName: 'Cụm số 1' }, dept)).statusCode).toBe(403);
    const aSchool = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE province_code = '11' LIMIT 1`)).id;
    expect((await send('PATCH', `/api/v1/organisations/${aSchool}`, { shortName: 'X' }, await ctx.cookie('admin'))).statusCode).toBe(403);
  });
});
