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

describe('donors: self-registration and vetting', () => {
  it('registers, waits for vetting, and only the vetting board decides', async () => {
    const r = await call(null, 'POST', '/api/v1/donors/register', { organisationName: 'Công ty TNHH Thử Nghiệm', donorType: 'business', taxCode: '0100000001', email: 'dn@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách CSR' });
    expect(r.statusCode).toBe(201);
    expect(r.json().vettingStatus).toBe('pending');
    const cookie = `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;
    const pledge = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', payload: { schoolId: dbSchool, category: 'books', form: 'in_kind', description: 'Sách', valueVnd: 1000 }, headers: { cookie } });
    expect(pledge.statusCode).toBe(403);
    const id = r.json().id;
    expect((await call('dieuphoi@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'rejected' })).statusCode).toBe(422);
    const ok = await call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' });
    expect(ok.json().vettingStatus).toBe('approved');
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', payload: { schoolId: dbSchool, category: 'books', form: 'in_kind', description: 'Sách tham khảo', valueVnd: 2_000_000, anonymous: true }, headers: { cookie } });
    expect(again.statusCode).toBe(201);
    const pub = (await call(null, 'GET', '/api/v1/public/contributions?format=json')).json().items.find((c: { id: string }) => c.id === again.json().id);
    expect(pub).toMatchObject({ contributor: 'Ẩn danh', contributorId: null });
    const dup = await call(null, 'POST', '/api/v1/donors/register', { organisationName: 'Khác', donorType: 'business', email: 'dn@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách' });
    expect(dup.statusCode).toBe(409);
  });
});
