import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testApp, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

const get = async (url: string, who = 'admin') => ctx.app.inject({ method: 'GET', url, headers: { cookie: await ctx.cookie(who) } });

describe('the system-wide audit view', () => {
  let schoolId: string;
  beforeAll(async () => {
    // two changes by two accounts: the administrator makes a school, the Department renames it
    const commune = (await ctx.app.inject({ method: 'GET', url: '/api/v1/areas/provinces/11/communes' })).json().items[0].code;
    const c = await ctx.app.inject({ method: 'POST', url: '/api/v1/schools', headers: { cookie: await ctx.cookie('admin') }, payload: { code: `KT-AUD-${process.pid}`, name: 'Trường Tiểu học Nhật Ký', levels: ['tieu_hoc'], ownership: 'public', communeCode: commune } });
    expect(c.statusCode, c.body).toBe(201);
    schoolId = c.json().id;
    const u = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/schools/${schoolId}`, headers: { cookie: await ctx.cookie('so.dienbien@ketnoi.demo') }, payload: { name: 'Trường Tiểu học Nhật Ký Mới' } });
    expect(u.statusCode, u.body).toBe(200);
  });

  it('filters by record, by user and by date, newest first, with cursor paging', async () => {
    const byRecord = await get(`/api/v1/audit/log?entity=school&entityId=${schoolId}`);
    expect(byRecord.statusCode, byRecord.body).toBe(200);
    expect(byRecord.json().total).toBe(2);
    expect(byRecord.json().items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(byRecord.json().items[0]).toMatchObject({ entity: 'school', entityId: schoolId, actorRole: 'department' });

    const byUser = (await get(`/api/v1/audit/log?actorEmail=so.dienbien@ketnoi.demo&entityId=${schoolId}`)).json();
    expect(byUser.items.map((e: { action: string }) => e.action)).toEqual(['update']);
    const actorId = byUser.items[0].actorId;
    expect((await get(`/api/v1/audit/log?actorId=${actorId}&entityId=${schoolId}`)).json().total).toBe(1);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    expect((await get(`/api/v1/audit/log?entityId=${schoolId}&from=${today}&to=${today}`)).json().total).toBe(2);
    expect((await get(`/api/v1/audit/log?entityId=${schoolId}&to=2020-01-01`)).json().total).toBe(0);
    expect((await get(`/api/v1/audit/log?entityId=${schoolId}&from=2199-01-01`)).json().total).toBe(0);

    const p1 = (await get(`/api/v1/audit/log?entityId=${schoolId}&limit=1`)).json();
    const p2 = (await get(`/api/v1/audit/log?entityId=${schoolId}&limit=1&cursor=${p1.nextCursor}`)).json();
    expect([p1.items[0].action, p2.items[0].action]).toEqual(['update', 'create']);
    expect(p2.nextCursor).toBeNull();
    const bad = await get('/api/v1/audit/log?from=hom-qua');
    expect(bad.statusCode).toBe(422);
  });

  it('counts a long trail up to 10,000 and says "more than" beyond, exactly below', async () => {
    const entity = `bulk-${process.pid}`;
    // 10,001 entries of one kind, then 9,999 of another, written straight into the trail
    await ctx.db.exec(`INSERT INTO audit_log (entity, entity_id, action) SELECT '${entity}', g::text, 'create' FROM generate_series(1, 10001) g`);
    await ctx.db.exec(`INSERT INTO audit_log (entity, entity_id, action) SELECT '${entity}-b', g::text, 'create' FROM generate_series(1, 9999) g`);
    const over = (await get(`/api/v1/audit/log?entity=${entity}&limit=5`)).json();
    expect(over).toMatchObject({ total: 10_000, totalCapped: true });
    expect(over.items.map((e: { entityId: string }) => e.entityId)).toEqual(['10001', '10000', '9999', '9998', '9997']);
    const under = (await get(`/api/v1/audit/log?entity=${entity}-b&limit=5`)).json();
    expect(under).toMatchObject({ total: 9_999, totalCapped: false });
    expect((await get(`/api/v1/audit/log?entity=${entity}&entityId=17`)).json()).toMatchObject({ total: 1, totalCapped: false });
  });

  it('exports the filtered trail as CSV and XLSX', async () => {
    const csv = await get(`/api/v1/audit/log?entityId=${schoolId}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Người thực hiện');
    expect(lines[1]).toContain('update');
    expect(lines[1]).toContain('Nhật Ký Mới');
    const xlsx = await get(`/api/v1/audit/log?entity=school&entityId=${schoolId}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(3).getCell(7).value).toBe('create');
  });

  it('is the administrators\' only', async () => {
    for (const who of ['ministry', 'department', 'school', 'donor']) {
      expect((await get('/api/v1/audit/log', who)).statusCode, who).toBe(403);
      expect((await get('/api/v1/audit/log?format=csv', who)).statusCode, who).toBe(403);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/log' })).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me')).json().user.can['audit.log']).toBe(true);
    expect((await get('/api/v1/auth/me', 'department')).json().user.can['audit.log']).toBe(false);
  });
});
