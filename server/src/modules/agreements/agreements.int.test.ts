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

describe('agreements followed up against the ledger', () => {
  it('shows committed vs delivered vs accepted and flags those behind schedule', async () => {
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;
    const a = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/agreements', { title: 'Biên bản ghi nhớ hỗ trợ trường vùng biên', donorId: donor, counterpartId: so11, committedValue: 500_000_000, periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: '2026-01-05' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ committedValue: 500_000_000, deliveredValue: 0, behindSchedule: true }); // 20/11 with nothing delivered
    const k = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: dbSchool, contributorId: donor, agreementId: a.json().id, category: 'clean_water', form: 'money', description: 'Hệ thống lọc nước', valueVnd: 450_000_000 });
    expect(k.statusCode).toBe(201);
    await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${k.json().id}/transitions`, { action: 'deliver' });
    const after = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/agreements/${a.json().id}`)).json();
    expect(after).toMatchObject({ pledgedValue: 450_000_000, deliveredValue: 450_000_000, acceptedValue: 0, behindSchedule: false });
    expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/agreements/${a.json().id}`)).statusCode).toBe(403);
  });
});

describe('agreements export', () => {
  it('streams the same rows as the list, in batches, to those who may read them', async () => {
    const list = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/agreements')).json().items;
    const csv = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/agreements?format=csv')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.length - 1).toBe(list.length);
    const xlsx = await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/agreements?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await call(null, 'GET', '/api/v1/agreements?format=csv')).statusCode).toBe(401);
    const one = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/agreements/${list[0].id}`)).json();
    expect(one.can).toEqual({ edit: true });
  });
});
