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
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({ status: 'check_email' });
    expect(r.cookies).toEqual([]);
    // the welcome goes by e-mail; the account signs in with the password it chose
    expect(ctx.mail.at(-1)).toMatchObject({ to: ['dn@thu.vn'], subject: 'KếtNối: đã nhận đăng ký' });
    const signedIn = await call(null, 'POST', '/api/v1/auth/sign-in', { email: 'dn@thu.vn', password: 'mat-khau-dai-2026' });
    expect(signedIn.statusCode).toBe(200);
    const cookie = `kn_session=${signedIn.cookies.find((c) => c.name === 'kn_session')!.value}`;
    const id = signedIn.json().user.organisation.id;
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors/${id}`)).json().vettingStatus).toBe('pending');
    const pledge = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', payload: { schoolId: dbSchool, category: 'books', form: 'in_kind', description: 'Sách', valueVnd: 1000 }, headers: { cookie } });
    expect(pledge.statusCode).toBe(403);
    expect((await call('dieuphoi@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'rejected' })).statusCode).toBe(422);
    const ok = await call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${id}/vetting`, { decision: 'approved' });
    expect(ok.json().vettingStatus).toBe('approved');
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', payload: { schoolId: dbSchool, category: 'books', form: 'in_kind', description: 'Sách tham khảo', valueVnd: 2_000_000, anonymous: true }, headers: { cookie } });
    expect(again.statusCode).toBe(201);
    const pub = (await call(null, 'GET', '/api/v1/public/contributions?format=json')).json().items.find((c: { id: string }) => c.id === again.json().id);
    expect(pub).toMatchObject({ contributor: 'Ẩn danh', contributorId: null });
  });

  it('answers a registration with an e-mail that has an account exactly like a new one, and tells the owner by e-mail', async () => {
    const body = (email: string) => ({ organisationName: 'Công ty Dò Tìm', donorType: 'business', email, password: 'mat-khau-dai-2026', displayName: 'Phụ trách' });
    const before = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM organisation')).n);
    const known = await call(null, 'POST', '/api/v1/donors/register', body('NhaTaiTro@ketnoi.demo'));
    const fresh = await call(null, 'POST', '/api/v1/donors/register', body(`moi.${process.pid}@thu.vn`));
    for (const r of [known, fresh]) {
      expect(r.statusCode).toBe(202);
      expect(r.body).toBe('{"status":"check_email"}');
      expect(r.headers['content-type']).toBe(fresh.headers['content-type']);
      expect(r.cookies).toEqual([]);
    }
    // only the new address made an organisation; the owner of the known one got a notice, not a second account
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM organisation')).n)).toBe(before + 1);
    const notice = ctx.mail.find((m) => m.to[0] === 'nhataitro@ketnoi.demo')!;
    expect(notice.subject).toBe('KếtNối: bạn đã có tài khoản');
    expect(notice.text).toContain('/quen-mat-khau');
    // the owner's password is unchanged
    expect((await call(null, 'POST', '/api/v1/auth/sign-in', { email: 'nhataitro@ketnoi.demo', password: 'mat-khau-dai-2026' })).statusCode).toBe(401);
  });

  it('two registrations of one new e-mail at once make one account, and neither fails', async () => {
    const email = `doi.${process.pid}@thu.vn`;
    const rs = await Promise.all([0, 1, 2].map((i) => call(null, 'POST', '/api/v1/donors/register', { organisationName: `Công ty Đồng Thời ${i}`, donorType: 'business', email, password: 'mat-khau-dai-2026', displayName: 'Phụ trách' })));
    expect(rs.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM app_user WHERE email = $1', [email])).n)).toBe(1);
    expect(Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM organisation WHERE name LIKE 'Công ty Đồng Thời %'`)).n)).toBe(1);
    const mails = ctx.mail.filter((m) => m.to[0] === email).map((m) => m.subject).sort();
    expect(mails).toEqual(['KếtNối: bạn đã có tài khoản', 'KếtNối: bạn đã có tài khoản', 'KếtNối: đã nhận đăng ký']);
  });
});

describe('the donors list pages with a cursor', () => {
  it('gives every donor exactly once, those awaiting vetting first, and refuses a forged cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await call(null, 'POST', '/api/v1/donors/register', { organisationName: `Quỹ Trang ${i}`, donorType: 'other', email: `trang${i}@thu.vn`, password: 'mat-khau-dai-2026', displayName: 'Phụ trách' });
      expect(r.statusCode).toBe(202);
    }
    const all = (await ctx.db.query<{ id: string; pending: boolean }>(`SELECT organisation_id AS id, vetting_status = 'pending' AS pending FROM donor_profile`));
    const seen: { id: string; vettingStatus: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().total).toBe(all.length);
      seen.push(...r.json().items);
      cursor = r.json().nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(seen.map((d) => d.id).sort()).toEqual(all.map((d) => d.id).sort());
    const firstDone = seen.findIndex((d) => d.vettingStatus !== 'pending');
    expect(seen.slice(firstDone).every((d) => d.vettingStatus !== 'pending')).toBe(true);
    expect(seen.filter((d) => d.vettingStatus === 'pending').length).toBe(all.filter((d) => d.pending).length);
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors?cursor=${Buffer.from('["x","y","z"]').toString('base64url')}`)).statusCode).toBe(400);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/donors')).statusCode).toBe(403);
  });
});
