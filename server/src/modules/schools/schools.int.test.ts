import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, isPg, type TestContext } from '../../../test/harness.js';
import { readCsv } from '../../platform/tabular.js';
import { IMPORT_COLUMNS } from './service.js';

let ctx: TestContext;
let dbCommunes: { code: string; name: string; flags: string[] }[]; // Điện Biên (11)
let slCommunes: { code: string; name: string; flags: string[] }[]; // Sơn La (14)
const DIEN_BIEN = 'so.dienbien@ketnoi.demo';
const SON_LA = 'so.sonla@ketnoi.demo';
const SCHOOL = 'truong.dienbien@ketnoi.demo';

beforeAll(async () => {
  ctx = await testApp();
  dbCommunes = (await get('/api/v1/areas/provinces/11/communes')).json().items;
  slCommunes = (await get('/api/v1/areas/provinces/14/communes')).json().items;
});
afterAll(async () => { await ctx.close(); });

const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, cookie?: string) =>
  ctx.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });

let seq = 0;
const uniq = (p = 'KT') => `${p}-${process.pid}-${++seq}`;

function schoolBody(over: Record<string, unknown> = {}) {
  return {
    code: uniq(), name: `Trường Tiểu học Thử Nghiệm ${seq}`, levels: ['tieu_hoc'], ownership: 'public',
    address: 'Bản Thử', communeCode: dbCommunes[0].code, lat: 21.386, lng: 103.023, pupils: 300, staff: 25, ...over,
  };
}

async function createSchool(who: string, over: Record<string, unknown> = {}) {
  const r = await send('POST', '/api/v1/schools', schoolBody(over), await ctx.cookie(who));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const list = async (qs: string) => {
  const r = await get(`/api/v1/schools?${qs}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: { id: string; name: string; provinceCode: string; communeCode: string; levels: string[]; ownership: string; communeFlags: string[] }[]; total: number; nextCursor: string | null };
};


const schoolCount = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM school')).n);

function upload(url: string, filename: string, data: string | Buffer, cookie?: string) {
  const boundary = '----kn' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const payload = Buffer.concat([head, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, tail]);
  return ctx.app.inject({ method: 'POST', url, payload, headers: { ...(cookie ? { cookie } : {}), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const HEADER = IMPORT_COLUMNS.map((c) => c.header);
const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
/** One import row: code, name, levels, ownership, address, commune, lat, lng, pupils, staff, cluster. */
const row = (code: string, name: string, commune: string, over: Partial<Record<'levels' | 'ownership' | 'lat' | 'lng' | 'pupils' | 'staff', string>> = {}) => [
  code, name, over.levels ?? 'Tiểu học, THCS', over.ownership ?? 'Công lập', 'Bản Nhập', commune,
  over.lat ?? '21,3860', over.lng ?? '103,0230', over.pupils ?? '250', over.staff ?? '20', '',
];

describe('schools: create, edit, delete, audit', () => {
  it('a Department creates, edits and deletes a school of its province; every step is audited with before and after', async () => {
    const dept = await ctx.cookie(DIEN_BIEN);
    const created = await createSchool(DIEN_BIEN, { name: '  Trường  PTDTBT THCS Thử Audit ', levels: ['thcs', 'ptdtbt'] });
    expect(created).toMatchObject({ name: 'Trường PTDTBT THCS Thử Audit', provinceCode: '11', communeCode: dbCommunes[0].code, levels: ['thcs', 'ptdtbt'] });
    expect(created.provinceName).toBe('Điện Biên');

    const patched = await send('PATCH', `/api/v1/schools/${created.id}`, { pupils: 420, name: 'Trường PTDTBT THCS Thử Audit Mới' }, dept);
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ pupils: 420, name: 'Trường PTDTBT THCS Thử Audit Mới', code: created.code });

    const hist = await get(`/api/v1/schools/${created.id}/history`, dept);
    expect(hist.statusCode).toBe(200);
    const items = hist.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['update', 'create']);
    expect(items[0].before).toMatchObject({ pupils: 300, name: 'Trường PTDTBT THCS Thử Audit' });
    expect(items[0].after).toMatchObject({ pupils: 420, name: 'Trường PTDTBT THCS Thử Audit Mới' });
    expect(items[0].actorRole).toBe('department');
    expect(items[0].actorLabel).toContain(DIEN_BIEN);
    expect(items[1].before).toBeNull();
    expect(items[1].after).toMatchObject({ code: created.code, pupils: 300 });

    const viaAudit = await get(`/api/v1/audit?entity=school&entityId=${created.id}`, await ctx.cookie('ministry'));
    expect(viaAudit.statusCode).toBe(200);
    expect(viaAudit.json().items).toEqual(items);

    const del = await send('DELETE', `/api/v1/schools/${created.id}`, undefined, dept);
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/v1/schools/${created.id}`)).statusCode).toBe(404);
    const log = await ctx.db.query<{ action: string; before: { code: string } | null; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'school' AND entity_id = $1 ORDER BY id`, [created.id]);
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'delete']);
    expect(log[2].before?.code).toBe(created.code);
    expect(log[2].after).toBeNull();
  });

  it('shows history to those allowed and refuses everyone else', async () => {
    const s = await createSchool('admin');
    const own = (await get('/api/v1/auth/me', await ctx.cookie(SCHOOL))).json().user.organisation.id;
    for (const url of [`/api/v1/schools/${s.id}/history`, `/api/v1/audit?entity=school&entityId=${s.id}`]) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, await ctx.cookie('donor'))).statusCode, url).toBe(403);
      expect((await get(url, await ctx.cookie(SON_LA))).statusCode, url).toBe(403);
      expect((await get(url, await ctx.cookie(SCHOOL))).statusCode, url).toBe(403); // another school
      for (const who of ['admin', 'ministry', DIEN_BIEN]) {
        const r = await get(url, await ctx.cookie(who));
        expect(r.statusCode, `${who} ${url}`).toBe(200);
        expect(r.json().items[0]).toMatchObject({ action: 'create', actorRole: 'admin' });
      }
    }
    // a school sees its own history
    expect((await get(`/api/v1/schools/${own}/history`, await ctx.cookie(SCHOOL))).statusCode).toBe(200);
    const unauth = (await get(`/api/v1/schools/${s.id}/history`)).json();
    expect(unauth.title).toBe('Bạn cần đăng nhập để thực hiện thao tác này');
  });

  it('the detail tells the web app what the current account may do', async () => {
    const s = await createSchool(DIEN_BIEN);
    const can = async (cookie?: string) => (await get(`/api/v1/schools/${s.id}`, cookie)).json().can;
    expect(await can()).toEqual({ update: false, delete: false, viewHistory: false, recode: false, viewBeneficiaries: false, createNeed: false, manageResources: false, seeAllNeeds: false });
    expect(await can(await ctx.cookie(DIEN_BIEN))).toEqual({ update: true, delete: true, viewHistory: true, recode: true, viewBeneficiaries: true, createNeed: true, manageResources: true, seeAllNeeds: true });
    // the Ministry sees every need but records none and writes no survey; an administrator does all three
    expect(await can(await ctx.cookie('ministry'))).toEqual({ update: true, delete: false, viewHistory: true, recode: true, viewBeneficiaries: false, createNeed: false, manageResources: false, seeAllNeeds: true });
    expect(await can(await ctx.cookie('admin'))).toEqual({ update: true, delete: true, viewHistory: true, recode: true, viewBeneficiaries: false, createNeed: true, manageResources: true, seeAllNeeds: true });
    expect(await can(await ctx.cookie(SON_LA))).toEqual({ update: false, delete: false, viewHistory: false, recode: false, viewBeneficiaries: false, createNeed: false, manageResources: false, seeAllNeeds: false });
    expect(await can(await ctx.cookie('donor'))).toEqual({ update: false, delete: false, viewHistory: false, recode: false, viewBeneficiaries: false, createNeed: false, manageResources: false, seeAllNeeds: false });
    // another school: nothing
    expect(await can(await ctx.cookie(SCHOOL))).toEqual({ update: false, delete: false, viewHistory: false, recode: false, viewBeneficiaries: false, createNeed: false, manageResources: false, seeAllNeeds: false });
    // a school's own staff edit its details but not its code or commune; they record its needs and surveys and see all its needs
    const own = (await get('/api/v1/auth/me', await ctx.cookie(SCHOOL))).json().user.organisation.id;
    expect((await get(`/api/v1/schools/${own}`, await ctx.cookie(SCHOOL))).json().can).toEqual({ update: true, delete: false, viewHistory: true, recode: false, viewBeneficiaries: true, createNeed: true, manageResources: true, seeAllNeeds: true });
    expect((await get(`/api/v1/schools/${s.id}/permissions`)).statusCode).toBe(404);
  });
});

describe('schools: scope', () => {
  it('a Sơn La officer can neither create nor edit nor delete a school in Điện Biên', async () => {
    const sl = await ctx.cookie(SON_LA);
    const before = await schoolCount();
    const body = schoolBody();
    const r = await send('POST', '/api/v1/schools', body, sl);
    expect(r.statusCode).toBe(403);
    expect(r.json().title).toBe('Bạn không có quyền thực hiện thao tác này');
    expect(await schoolCount()).toBe(before);

    const s = await createSchool(DIEN_BIEN);
    expect((await send('PATCH', `/api/v1/schools/${s.id}`, { pupils: 1 }, sl)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/v1/schools/${s.id}`, undefined, sl)).statusCode).toBe(403);
    expect((await get(`/api/v1/schools/${s.id}`)).json().pupils).toBe(300);

    // its own province works, and moving a Sơn La school into Điện Biên is refused
    const mine = await send('POST', '/api/v1/schools', schoolBody({ communeCode: slCommunes[0].code, lat: 21.327, lng: 103.914 }), sl);
    expect(mine.statusCode, mine.body).toBe(201);
    const move = await send('PATCH', `/api/v1/schools/${mine.json().id}`, { communeCode: dbCommunes[1].code }, sl);
    expect(move.statusCode).toBe(403);
    expect((await get(`/api/v1/schools/${mine.json().id}`)).json().provinceCode).toBe('14');
  });

  it('a school account edits its own school only, and not its code or commune', async () => {
    const c = await ctx.cookie(SCHOOL);
    const me = (await get('/api/v1/auth/me', c)).json().user;
    expect(me.role).toBe('school');
    const own = (await get(`/api/v1/schools/${me.organisation.id}`)).json();
    expect(own.provinceCode).toBe('11');

    const ok = await send('PATCH', `/api/v1/schools/${own.id}`, { staff: 33, address: 'Bản Mới' }, c);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ staff: 33, address: 'Bản Mới', code: own.code });

    const code = await send('PATCH', `/api/v1/schools/${own.id}`, { code: 'DOI-MA-1' }, c);
    expect(code.statusCode).toBe(403);
    expect(code.json().title).toBe('Mã trường và xã chỉ do Sở hoặc Bộ thay đổi');
    const otherCommune = dbCommunes.find((x) => x.code !== own.communeCode)!.code;
    expect((await send('PATCH', `/api/v1/schools/${own.id}`, { communeCode: otherCommune }, c)).statusCode).toBe(403);
    const after = (await get(`/api/v1/schools/${own.id}`)).json();
    expect(after).toMatchObject({ code: own.code, communeCode: own.communeCode });

    const other = await createSchool(DIEN_BIEN);
    expect((await send('PATCH', `/api/v1/schools/${other.id}`, { staff: 1 }, c)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/schools', schoolBody(), c)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/v1/schools/${own.id}`, undefined, c)).statusCode).toBe(403);
  });

  it('a donor reads but does not write; the public must sign in to write', async () => {
    const s = await createSchool(DIEN_BIEN);
    expect((await get(`/api/v1/schools/${s.id}`)).statusCode).toBe(200);
    expect((await send('POST', '/api/v1/schools', schoolBody(), await ctx.cookie('donor'))).statusCode).toBe(403);
    expect((await send('PATCH', `/api/v1/schools/${s.id}`, { staff: 1 }, await ctx.cookie('donor'))).statusCode).toBe(403);
    const anon = await send('POST', '/api/v1/schools', schoolBody());
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses to delete a school that still has accounts', async () => {
    const own = (await get('/api/v1/auth/me', await ctx.cookie(SCHOOL))).json().user.organisation.id;
    const r = await send('DELETE', `/api/v1/schools/${own}`, undefined, await ctx.cookie('admin'));
    expect(r.statusCode).toBe(409);
    expect((await get(`/api/v1/schools/${own}`)).statusCode).toBe(200);
  });
});

describe('schools: validation', () => {
  it('answers 422 with Vietnamese per-field errors and writes nothing', async () => {
    const admin = await ctx.cookie('admin');
    const before = await schoolCount();
    const auditBefore = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'school'`)).n);

    const commune = await send('POST', '/api/v1/schools', schoolBody({ communeCode: '99999' }), admin);
    expect(commune.statusCode).toBe(422);
    expect(commune.headers['content-type']).toContain('application/problem+json');
    expect(commune.json().errors).toEqual([{ path: 'communeCode', message: 'Không có xã/phường/đặc khu hiện hành mã 99999' }]);

    const badFormat = await send('POST', '/api/v1/schools', schoolBody({ communeCode: '123' }), admin);
    expect(badFormat.statusCode).toBe(422);
    expect(badFormat.json().errors).toContainEqual({ path: 'communeCode', message: 'Mã xã gồm 5 chữ số' });

    const laos = await send('POST', '/api/v1/schools', schoolBody({ lat: 19.9, lng: 102.6 }), admin);
    expect(laos.statusCode).toBe(422);
    expect(laos.json().errors).toEqual([{ path: 'lat', message: 'Toạ độ nằm ngoài lãnh thổ Việt Nam' }]);

    const half = await send('POST', '/api/v1/schools', schoolBody({ lat: 21.38, lng: null }), admin);
    expect(half.statusCode).toBe(422);
    expect(half.json().errors[0]).toMatchObject({ path: 'lng', message: 'Cần nhập cả vĩ độ và kinh độ' });

    const { name: _n, ...noName } = schoolBody();
    const missing = await send('POST', '/api/v1/schools', noName, admin);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().title).toBe('Dữ liệu không hợp lệ');
    expect(missing.json().errors).toContainEqual({ path: 'name', message: 'Trường này là bắt buộc' });

    const several = await send('POST', '/api/v1/schools', schoolBody({ levels: [], ownership: 'ban_cong', pupils: -1 }), admin);
    expect(several.statusCode).toBe(422);
    const paths = several.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['levels', 'ownership', 'pupils']));
    expect(several.json().errors.find((e: { path: string }) => e.path === 'levels').message).toBe('Cần ít nhất một cấp học');
    expect(several.json().errors.find((e: { path: string }) => e.path === 'ownership').message).toBe('Giá trị không nằm trong danh sách cho phép');

    const existing = await createSchool('admin');
    const dup = await send('POST', '/api/v1/schools', schoolBody({ code: existing.code.toLowerCase() }), admin);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ path: 'code' });

    const badPatch = await send('PATCH', `/api/v1/schools/${existing.id}`, { lat: 10.0, lng: 110.0 }, admin);
    expect(badPatch.statusCode).toBe(422);
    expect((await get(`/api/v1/schools/${existing.id}`)).json()).toMatchObject({ lat: 21.386, lng: 103.023 });

    expect(await schoolCount()).toBe(before + 1);
    const auditAfter = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'school'`)).n);
    expect(auditAfter).toBe(auditBefore + 1);
  });

  it('answers 404 for an unknown school and 422 for a malformed id', async () => {
    const r = await get('/api/v1/schools/00000000-0000-4000-8000-000000000000');
    expect(r.statusCode).toBe(404);
    expect(r.json().title).toBe('Không tìm thấy trường');
    expect((await get('/api/v1/schools/not-a-uuid')).statusCode).toBe(422);
  });
});

describe('schools: lists, search, paging, exports, points', () => {
  let commune: string;
  const mine: { id: string; name: string }[] = [];
  beforeAll(async () => {
    commune = dbCommunes.find((c) => !c.flags.includes('industrial_zone'))!.code;
    const specs: [string, string[], string][] = [
      ['Trường Mầm non Xuyên Khướu', ['mam_non'], 'private'],
      ['Trường PTDTBT Tiểu học Đồi Khướu', ['tieu_hoc', 'ptdtbt'], 'public'],
      ['Trường THCS Gia Khướu', ['thcs'], 'public'],
      ['Trường THCS Dân Khướu', ['thcs'], 'private'],
    ];
    for (const [name, levels, ownership] of specs) mine.push(await createSchool(DIEN_BIEN, { name, levels, ownership, communeCode: commune }));
  });

  it('filters by province, commune, level and ownership', async () => {
    const prov = await list('provinceCode=11&limit=200');
    expect(prov.items.every((s) => s.provinceCode === '11')).toBe(true);
    for (const m of mine) expect(prov.items.map((s) => s.id)).toContain(m.id);
    expect((await list('provinceCode=14&limit=200')).items.map((s) => s.id)).not.toContain(mine[0].id);

    const com = await list(`communeCode=${commune}&limit=200`);
    expect(com.items.every((s) => s.communeCode === commune)).toBe(true);
    expect(com.items.map((s) => s.id)).toEqual(expect.arrayContaining(mine.map((m) => m.id)));

    const lvl = await list(`communeCode=${commune}&level=ptdtbt&limit=200`);
    expect(lvl.items.every((s) => s.levels.includes('ptdtbt'))).toBe(true);
    expect(lvl.items.map((s) => s.id)).toContain(mine[1].id);
    expect(lvl.items.map((s) => s.id)).not.toContain(mine[2].id);

    const priv = await list(`communeCode=${commune}&ownership=private&limit=200`);
    expect(priv.items.every((s) => s.ownership === 'private')).toBe(true);
    expect(priv.items.map((s) => s.id).sort()).toEqual(expect.arrayContaining([mine[0].id, mine[3].id]));
    expect(priv.items.map((s) => s.id)).not.toContain(mine[1].id);
    expect(priv.total).toBe(priv.items.length);

    expect((await get('/api/v1/schools?level=dai_hoc')).statusCode).toBe(422);
  });

  it('filters by an area flag once an administrator sets it', async () => {
    const before = await list('provinceCode=11&flag=industrial_zone&limit=200');
    expect(before.items.map((s) => s.id)).not.toContain(mine[0].id);
    const set = await ctx.app.inject({ method: 'PUT', url: `/api/v1/areas/${commune}/flags`, payload: { flags: ['industrial_zone'] }, headers: { cookie: await ctx.cookie('admin') } });
    expect(set.statusCode).toBe(200);
    const after = await list('provinceCode=11&flag=industrial_zone&limit=200');
    expect(after.items.map((s) => s.id)).toEqual(expect.arrayContaining(mine.map((m) => m.id)));
    expect(after.items.every((s) => s.communeFlags.includes('industrial_zone'))).toBe(true);
    expect(after.total).toBe(after.items.length);
  });

  it('searches without diacritics or case', async () => {
    for (const q of ['xuyen khuou', 'XUYÊN KHƯỚU', 'Xuyên Khướu'.normalize('NFD'), 'mam non xuyen']) {
      const r = await list(`q=${encodeURIComponent(q)}`);
      expect(r.items.map((s) => s.id), q).toEqual([mine[0].id]);
    }
    const all = await list('q=khuou&limit=200');
    expect(all.items.map((s) => s.id).sort()).toEqual(mine.map((m) => m.id).sort());
    expect(all.total).toBe(4);
    // by code as well
    const code = (await get(`/api/v1/schools/${mine[2].id}`)).json().code as string;
    expect((await list(`q=${encodeURIComponent(code.toLowerCase())}`)).items.map((s) => s.id)).toEqual([mine[2].id]);
    // a query of punctuation only folds to nothing and does not filter
    expect((await list('q=%25%25')).total).toBe((await list('')).total);
    expect((await list('q=khuou%25')).total).toBe(4);
  });

  it('sorts in Vietnamese order: D, Đ, G', async () => {
    const names = (await list('q=khuou&limit=200')).items.map((s) => s.name);
    expect(names).toEqual(['Trường Mầm non Xuyên Khướu', 'Trường PTDTBT Tiểu học Đồi Khướu', 'Trường THCS Dân Khướu', 'Trường THCS Gia Khướu']);
  });

  it('walks every page with a cursor: no duplicates, no gaps, total matches, ordered', async () => {
    const ids: string[] = [];
    const names: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    let pages = 0;
    do {
      const page = await list(`provinceCode=11&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (total === -1) total = page.total;
      expect(page.total).toBe(total);
      expect(page.items.length).toBeLessThanOrEqual(7);
      if (page.nextCursor) expect(page.items.length).toBe(7);
      ids.push(...page.items.map((s) => s.id));
      names.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(pages).toBe(Math.max(1, Math.ceil(total / 7)));
    expect(total).toBe(Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM school WHERE province_code = '11'`)).n));
    const collator = new Intl.Collator('und');
    for (let i = 1; i < names.length; i++) expect(collator.compare(names[i - 1], names[i]), `${names[i - 1]} / ${names[i]}`).toBeLessThanOrEqual(0);
    expect((await get('/api/v1/schools?cursor=bm90LWpzb24')).statusCode).toBe(400);
  });

  it('exports the filtered list as CSV and XLSX', async () => {
    const json = await list('provinceCode=11&limit=1');
    const csv = await get('/api/v1/schools?provinceCode=11&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="truong-hoc-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const sheet = readCsv(csv.body);
    expect(sheet.headers.slice(0, 4)).toEqual(['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình']);
    expect(sheet.rows.length).toBe(json.total);
    const dan = sheet.rows.find((r) => r.values[1] === 'Trường THCS Dân Khướu')!;
    expect(dan.values[2]).toBe('THCS');
    expect(dan.values[3]).toBe('Ngoài công lập');
    expect(dan.values[7]).toBe('11');
    expect(sheet.rows.every((r) => r.values[7] === '11')).toBe(true);

    const xlsx = await get('/api/v1/schools?provinceCode=11&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Trường học');
    expect(ws.getRow(1).getCell(1).value).toBe('Mã trường');
    expect(ws.actualRowCount - 1).toBe(json.total);
    const names: string[] = [];
    ws.eachRow((r, n) => { if (n > 1) names.push(String(r.getCell(2).value)); });
    expect(names).toContain('Trường PTDTBT Tiểu học Đồi Khướu');
  });

  it('gives compact points for the map, only of schools with coordinates', async () => {
    const noPoint = await createSchool(DIEN_BIEN, { lat: null, lng: null, communeCode: commune, name: 'Trường Tiểu học Không Toạ Độ' });
    // at the deepest zoom every school is on its own
    const r = await get('/api/v1/schools/points?provinceCode=11&zoom=16');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.fields).toEqual(['id', 'name', 'lat', 'lng', 'levels', 'count']);
    const row = body.rows.find((x: unknown[]) => x[0] === mine[1].id);
    expect(row).toEqual([mine[1].id, 'Trường PTDTBT Tiểu học Đồi Khướu', 21.386, 103.023, 'tieu_hoc,ptdtbt', 1]);
    expect(body.rows.map((x: unknown[]) => x[0])).not.toContain(noPoint.id);
    const withCoords = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM school WHERE province_code = '11' AND lat IS NOT NULL`)).n);
    expect(body.rows.length).toBe(withCoords);
    expect(body.rows.every((x: unknown[]) => x[5] === 1)).toBe(true);
    const lvl = (await get('/api/v1/schools/points?provinceCode=11&level=ptdtbt&zoom=16')).json().rows;
    expect(lvl.every((x: string[]) => x[4].split(',').includes('ptdtbt'))).toBe(true);
    // at the default zoom (the whole country) the same schools, grouped
    const grouped = (await get('/api/v1/schools/points?provinceCode=11')).json().rows as [string | null, string | null, number, number, string | null, number][];
    expect(grouped.length).toBeLessThan(withCoords);
    expect(grouped.reduce((n, x) => n + x[5], 0)).toBe(withCoords);
  });
});

describe('schools: import', () => {
  it('offers an Excel template with the import columns', async () => {
    const r = await get('/api/v1/schools/import/template');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/mau-nhap-truong-hoc-.*\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['Mã trường *', 'Tên trường *', 'Cấp học *', 'Loại hình *', 'Địa chỉ', 'Mã xã *', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên', 'Cụm trường']);
    expect(ws.getRow(2).getCell(1).value).toBe('79000001');
    expect(wb.worksheets.map((w) => w.name)).toContain('Hướng dẫn');
  });

  it('reports every bad row at once with its row number and writes nothing; the fixed file imports; a re-import updates', async () => {
    const admin = await ctx.cookie('admin');
    const p = uniq('IMP');
    const c1 = dbCommunes[2].code;
    const c2 = slCommunes[1].code;
    const nfdName = 'Trường Tiểu học Nậm Pồ Thử'.normalize('NFD');
    const bad = [
      row(`${p}-1`, 'Trường Tiểu học Nhập Một', c1), // 2 ok
      row(`${p}-2`, 'Trường Tiểu học Nhập Hai', '99999'), // 3 unknown commune
      row(`${p}-3`, 'Trường Tiểu học Nhập Ba', c1, { levels: 'Tiểu học, Đại học' }), // 4 level not in list
      row(`${p}-4`, 'Trường Tiểu học Nhập Bốn', c1, { lat: '19,9', lng: '102,6' }), // 5 outside Vietnam
      row(`${p}-5`, 'Trường Tiểu học Nhập Năm', c2, { lat: '21,327', lng: '103,914' }), // 6 ok
      row(`${p}-5`, 'Trường Tiểu học Nhập Năm Trùng', c1), // 7 duplicate code
      row(`${p}-7`, 'Trường THCS Nhập Bảy', c1, { pupils: '1.200', levels: 'THCS' }), // 8 ok, 1200
      row(`${p}-8`, nfdName, c1), // 9 ok, NFD
      row(`${p}-9`, 'Trường Tiểu học Nhập Chín', c1, { ownership: 'Bán công' }), // 10 ownership
    ];
    const before = await schoolCount();
    const r = await upload('/api/v1/schools/import', 'truong.csv', toCsv(bad), admin);
    expect(r.statusCode, r.body).toBe(422);
    const body = r.json();
    expect(body.title).toBe('Tệp có 5 dòng lỗi (5 lỗi); chưa ghi dữ liệu nào');
    const errors = body.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Mã xã'], [4, 'Cấp học'], [5, 'Vĩ độ'], [7, 'Mã trường'], [10, 'Loại hình'],
    ]);
    expect(errors[0].message).toContain('99999');
    expect(errors[1].message).toContain('Đại học');
    expect(errors[2].message).toContain('nằm ngoài lãnh thổ Việt Nam');
    expect(errors[3].message).toBe(`Mã trường ${p}-5 trùng với dòng 6`);
    expect(errors[4].message).toContain('Bán công');
    expect(await schoolCount()).toBe(before);
    expect((await list(`q=${p.toLowerCase()}`)).total).toBe(0);

    const fixed = [...bad];
    fixed[1] = row(`${p}-2`, 'Trường Tiểu học Nhập Hai', c1);
    fixed[2] = row(`${p}-3`, 'Trường Tiểu học Nhập Ba', c1, { levels: 'Tiểu học, THCS' });
    fixed[3] = row(`${p}-4`, 'Trường Tiểu học Nhập Bốn', c1, { lat: '', lng: '' });
    fixed[5] = row(`${p}-6`, 'Trường Tiểu học Nhập Sáu', c1);
    fixed[8] = row(`${p}-9`, 'Trường Tiểu học Nhập Chín', c1, { ownership: 'Tư thục' });
    const ok = await upload('/api/v1/schools/import', 'truong.csv', toCsv(fixed), admin);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 9, updated: 0, total: 9 });
    expect(await schoolCount()).toBe(before + 9);

    const imported = (await list(`q=${p.toLowerCase()}&limit=50`)).items as unknown as { code: string; name: string; pupils: number; lat: number | null; levels: string[]; ownership: string; provinceCode: string }[];
    expect(imported).toHaveLength(9);
    const byCode = new Map(imported.map((s) => [s.code, s]));
    expect(byCode.get(`${p}-7`)!.pupils).toBe(1200);
    expect(byCode.get(`${p}-8`)!.name).toBe('Trường Tiểu học Nậm Pồ Thử'.normalize('NFC'));
    expect(byCode.get(`${p}-8`)!.name).not.toBe(nfdName);
    expect(byCode.get(`${p}-1`)).toMatchObject({ levels: ['tieu_hoc', 'thcs'], ownership: 'public', lat: 21.386 });
    expect(byCode.get(`${p}-4`)!.lat).toBeNull();
    expect(byCode.get(`${p}-5`)!.provinceCode).toBe('14');
    expect(byCode.get(`${p}-9`)!.ownership).toBe('private');
    expect((await list('q=nam po thu')).total).toBe(1);

    // importing again updates the same schools instead of adding new ones
    fixed[0] = row(`${p}-1`, 'Trường Tiểu học Nhập Một Đổi Tên', c1, { pupils: '1 500' });
    const again = await upload('/api/v1/schools/import', 'truong.csv', toCsv(fixed), admin);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ created: 0, updated: 9, total: 9 });
    expect(await schoolCount()).toBe(before + 9);
    const renamed = (await list(`q=${encodeURIComponent('nhap mot doi ten')}`)).items[0] as unknown as { id: string; code: string; pupils: number };
    expect(renamed).toMatchObject({ code: `${p}-1`, pupils: 1500 });
    expect(renamed.id).toBe((byCode.get(`${p}-1`) as unknown as { id: string }).id);
    const hist = (await get(`/api/v1/schools/${renamed.id}/history`, admin)).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['import_update', 'import_create']);
    expect(hist[0].before).toMatchObject({ name: 'Trường Tiểu học Nhập Một', pupils: 250 });
    expect(hist[0].after).toMatchObject({ name: 'Trường Tiểu học Nhập Một Đổi Tên', pupils: 1500 });
  });

  it('reads an .xlsx file the same way', async () => {
    const p = uniq('XLS');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Trường học');
    ws.addRow(HEADER.map((h, i) => (IMPORT_COLUMNS[i].required ? h + ' *' : h)));
    ws.addRow([`${p}-1`, 'Trường Mầm non Excel', 'Mầm non', 'Công lập', '', dbCommunes[3].code, 21.39, 103.02, 1200, 15, '']);
    ws.addRow([`${p}-2`, 'Trường Mầm non Excel Hai', 'Mầm non', 'Công lập', '', dbCommunes[3].code, '', '', '', '', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload('/api/v1/schools/import', 'truong.xlsx', buf, await ctx.cookie(DIEN_BIEN));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 2, updated: 0, total: 2 });
    const s = (await list(`q=${p.toLowerCase()}-1`)).items[0] as unknown as { pupils: number; lat: number };
    expect(s).toMatchObject({ pupils: 1200, lat: 21.39 });
  });

  it('a Department imports only rows of its own province; schools and donors cannot import', async () => {
    const p = uniq('SCOPE');
    const file = toCsv([
      row(`${p}-1`, 'Trường Tiểu học Sơn La Nhập', slCommunes[0].code, { lat: '21,327', lng: '103,914' }),
      row(`${p}-2`, 'Trường Tiểu học Điện Biên Nhập', dbCommunes[0].code),
    ]);
    const before = await schoolCount();
    const sl = await upload('/api/v1/schools/import', 'x.csv', file, await ctx.cookie(SON_LA));
    expect(sl.statusCode).toBe(422);
    expect(sl.json().errors).toEqual([{ row: 3, column: 'Mã xã', message: 'Xã này không thuộc tỉnh/thành phố của đơn vị bạn' }]);
    expect(await schoolCount()).toBe(before);

    // an existing Điện Biên code cannot be taken over from Sơn La either
    const db = await createSchool(DIEN_BIEN);
    const takeover = await upload('/api/v1/schools/import', 'x.csv', toCsv([row(db.code, 'Trường Chiếm Mã', slCommunes[0].code, { lat: '', lng: '' })]), await ctx.cookie(SON_LA));
    expect(takeover.statusCode).toBe(422);
    expect(takeover.json().errors[0]).toMatchObject({ row: 2, column: 'Mã trường' });
    expect((await get(`/api/v1/schools/${db.id}`)).json().name).toBe(db.name);

    const own = await upload('/api/v1/schools/import', 'x.csv', toCsv([row(`${p}-1`, 'Trường Tiểu học Sơn La Nhập', slCommunes[0].code, { lat: '', lng: '' })]), await ctx.cookie(SON_LA));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().created).toBe(1);

    for (const who of [SCHOOL, 'donor']) {
      expect((await upload('/api/v1/schools/import', 'x.csv', file, await ctx.cookie(who))).statusCode, who).toBe(403);
    }
    expect((await upload('/api/v1/schools/import', 'x.csv', file)).statusCode).toBe(401);
    expect(await schoolCount()).toBe(before + 2);
  });

  it('refuses a file without the required columns, or with no rows', async () => {
    const admin = await ctx.cookie('admin');
    const noCols = await upload('/api/v1/schools/import', 'x.csv', 'Tên trường,Địa chỉ\nTrường A,Bản B\n', admin);
    expect(noCols.statusCode).toBe(422);
    expect(noCols.json().errors.map((e: { column: string }) => e.column)).toEqual(['Mã trường', 'Cấp học', 'Loại hình', 'Mã xã']);
    const empty = await upload('/api/v1/schools/import', 'x.csv', HEADER.join(',') + '\n', admin);
    expect(empty.statusCode).toBe(422);
    const notATable = await upload('/api/v1/schools/import', 'x.pdf', Buffer.from('%PDF-1.4'), admin);
    expect(notATable.statusCode).toBe(422);
    expect(notATable.json().title).toBe('Chỉ nhận tệp .xlsx hoặc .csv');
  });

  it(`imports 20,000 schools in well under a minute (${isPg() ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const provinces = (await get('/api/v1/areas/provinces')).json().items as { code: string }[];
    const communes: string[] = [];
    for (const pr of provinces) communes.push(...(await get(`/api/v1/areas/provinces/${pr.code}/communes`)).json().items.map((c: { code: string }) => c.code));
    expect(communes.length).toBe(3321);
    const p = uniq('BULK');
    const rows: string[][] = [];
    const levels = ['Mầm non', 'Tiểu học', 'THCS', 'Tiểu học, THCS', 'THPT', 'PTDTBT'];
    for (let i = 0; i < 20_000; i++) {
      rows.push([`${p}-${String(i).padStart(5, '0')}`, `Trường Số ${i} Đồng Văn`, levels[i % levels.length], i % 7 ? 'Công lập' : 'Tư thục', '', communes[i % communes.length], '', '', String(100 + (i % 900)), '', '']);
    }
    const csv = toCsv(rows);
    const before = await schoolCount();
    const t0 = performance.now();
    const r = await upload('/api/v1/schools/import', 'bulk.csv', csv, await ctx.cookie('admin'));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`import of 20,000 schools on ${isPg() ? 'PostgreSQL' : 'PGlite'}: ${seconds.toFixed(1)} s (${(csv.length / 1e6).toFixed(1)} MB)`);
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    expect(r.json()).toEqual({ created: 20_000, updated: 0, total: 20_000 });
    expect(seconds).toBeLessThan(60);
    expect(await schoolCount()).toBe(before + 20_000);
    const audits = Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'import_create' AND after->>'code' LIKE $1`, [`${p}-%`])).n);
    expect(audits).toBe(20_000);
    expect((await list(`q=${p.toLowerCase()}-00042`)).items[0]).toMatchObject({ name: 'Trường Số 42 Đồng Văn' });
  }, 180_000);
});
