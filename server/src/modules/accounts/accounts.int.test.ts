import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });
const signIn = (email: string, password: string, headers: Record<string, string> = {}) => post('/api/v1/auth/sign-in', { email, password }, headers);
const sessionCookie = (r: Awaited<ReturnType<typeof signIn>>) => `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;

let seq = 0;
const newEmail = () => `kt.${process.pid}.${++seq}@ketnoi.test`;

async function throwawaySchool(communeProvince: '11' | '14'): Promise<string> {
  const commune = (await get(`/api/v1/areas/provinces/${communeProvince}/communes`)).json().items[0].code;
  const r = await post('/api/v1/schools', { code: `KT-ACC-${process.pid}-${++seq}`, name: `Trường Tiểu học Tài Khoản ${seq}`, levels: ['tieu_hoc'], ownership: 'public', communeCode: commune }, { cookie: await ctx.cookie('admin') });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('sign-in and sessions', () => {
  it('signs in with an HttpOnly, SameSite session cookie and answers who is signed in', async () => {
    const r = await signIn('SO.DIENBIEN@ketnoi.demo ', DEMO_PASSWORD);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user).toMatchObject({ email: 'so.dienbien@ketnoi.demo', role: 'department', organisation: { code: 'so-11', kind: 'department', provinceCode: '11' } });
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^kn_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Expires=/);
    expect(JSON.stringify(r.json())).not.toMatch(/password|scrypt/i);

    const me = await get('/api/v1/auth/me', sessionCookie(r));
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toEqual(r.json().user);
    // what the account may do beyond one record, module by module
    expect(me.json().user.can).toMatchObject({ 'schools.create': true, 'schools.import': true, 'organisations.create': false });
    expect((await get('/api/v1/auth/me', await ctx.cookie('admin'))).json().user.can).toMatchObject({ 'schools.import': true, 'organisations.create': true });
    expect((await get('/api/v1/auth/me', await ctx.cookie('donor'))).json().user.can).toMatchObject({ 'schools.import': false, 'organisations.create': false });
    // the session is stored hashed, not as the token itself
    const token = r.cookies.find((c) => c.name === 'kn_session')!.value;
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM user_session WHERE token_hash = $1', [token])).n)).toBe(0);
  });

  it('answers 401 with a Vietnamese message for a wrong password, an unknown e-mail, or no session', async () => {
    const wrong = await signIn('so.laichau@ketnoi.demo', 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().title).toBe('E-mail hoặc mật khẩu không đúng');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await signIn('khong.co.ai@ketnoi.demo', DEMO_PASSWORD);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().title).toBe('E-mail hoặc mật khẩu không đúng');
    // "who am I" answers nobody rather than an error, so the web app can show the sign-in page
    const me = await get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: null });
    expect((await get('/api/v1/auth/me', 'kn_session=khong-phai-phien-nao')).json()).toEqual({ user: null });
    const refused = await get('/api/v1/accounts', 'kn_session=khong-phai-phien-nao');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().title).toBe('Bạn cần đăng nhập để thực hiện thao tác này');
    const invalid = await signIn('khong-phai-email', 'x');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors).toContainEqual({ path: 'email', message: 'E-mail không hợp lệ' });
  });

  it('after five failures on an account, this address waits before the next try, even with the right password', async () => {
    const email = 'so.sonla@ketnoi.demo';
    for (let i = 1; i <= 5; i++) {
      const r = await signIn(email, `sai-${i}`);
      expect(r.statusCode, `attempt ${i}`).toBe(401);
    }
    const sixth = await signIn(email, DEMO_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['content-type']).toContain('application/problem+json');
    expect(sixth.json().title).toBe('Quá nhiều lần thử. Vui lòng thử lại sau 1 giây.');
    expect(sixth.headers['retry-after']).toBe('1');
    expect(sixth.headers['set-cookie']).toBeUndefined();
    const en = await signIn(email, DEMO_PASSWORD, { 'accept-language': 'en' });
    expect(en.json().title).toBe('Too many attempts. Please try again in 1 seconds.');
    expect((await signIn(email.toUpperCase(), DEMO_PASSWORD)).statusCode).toBe(429);
    // other accounts are not affected
    expect((await signIn('so.hanoi@ketnoi.demo', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in clears earlier failures', async () => {
    const email = 'vu.gdcthssv@ketnoi.demo';
    for (let i = 0; i < 4; i++) expect((await signIn(email, 'sai')).statusCode).toBe(401);
    expect((await signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(email, 'sai')).statusCode).toBe(401);
    expect((await signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('sign-out ends the session on the server', async () => {
    const r = await signIn('so.laichau@ketnoi.demo', DEMO_PASSWORD);
    expect(r.statusCode).toBe(200);
    const c = sessionCookie(r);
    const other = sessionCookie(await signIn('so.laichau@ketnoi.demo', DEMO_PASSWORD));
    expect((await get('/api/v1/auth/me', c)).json().user.email).toBe('so.laichau@ketnoi.demo');
    const out = await post('/api/v1/auth/sign-out', undefined, { cookie: c });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/kn_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await get('/api/v1/auth/me', c)).json()).toEqual({ user: null });
    // replaying the old cookie does not act as the account
    // (a live department session lists its province's school accounts; a dead one is anonymous: 401)
    expect((await get('/api/v1/accounts', other)).statusCode).toBe(200);
    expect((await get('/api/v1/accounts', c)).statusCode).toBe(401);
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1', ['so.laichau@ketnoi.demo'])).n)).toBe(1);
    // the same account's other session is untouched
    expect((await get('/api/v1/auth/me', other)).json().user.email).toBe('so.laichau@ketnoi.demo');
    // signing out without a session is harmless
    expect((await post('/api/v1/auth/sign-out', undefined)).statusCode).toBe(204);
  });

  it('stores passwords as scrypt hashes with a salt of their own', async () => {
    const rows = await ctx.db.query<{ email: string; password_hash: string }>(`SELECT email, password_hash FROM app_user WHERE email IN ('quantri@ketnoi.demo', 'nhataitro@ketnoi.demo')`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{80,}$/);
      expect(r.password_hash).not.toContain(DEMO_PASSWORD);
    }
    const email = newEmail();
    const password = 'Mat-khau-dai-2026';
    const created = await post('/api/v1/accounts', { email, displayName: 'Nhà tài trợ Thử', password, role: 'donor', organisationId: (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id }, { cookie: await ctx.cookie('admin') });
    expect(created.statusCode, created.body).toBe(201);
    const h = (await ctx.db.one<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE email = $1', [email])).password_hash;
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(h).not.toContain(password);
    const salt = (x: string) => x.split('$')[4];
    expect(rows.map((r) => salt(r.password_hash))).not.toContain(salt(h));
    expect(Buffer.from(salt(h), 'base64')).toHaveLength(16);
  });
});

describe('cross-site requests', () => {
  it('refuses a POST whose Origin is another site, signed in or not', async () => {
    const evil = await signIn('quantri@ketnoi.demo', DEMO_PASSWORD, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().title).toBe('Yêu cầu từ trang khác bị từ chối');
    const nullOrigin = await signIn('quantri@ketnoi.demo', DEMO_PASSWORD, { origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);

    const admin = await ctx.cookie('admin');
    const commune = (await get('/api/v1/areas/provinces/11/communes')).json().items[0].code;
    const body = { code: `KT-CSRF-${process.pid}`, name: 'Trường Tiểu học Giả Mạo', levels: ['tieu_hoc'], ownership: 'public', communeCode: commune };
    const forged = await post('/api/v1/schools', body, { cookie: admin, origin: 'https://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect((await get(`/api/v1/schools?q=${body.code.toLowerCase()}`)).json().total).toBe(0);

    // the same request from the app's own origin goes through
    const same = await post('/api/v1/schools', body, { cookie: admin, origin: 'https://ketnoi.example', host: 'ketnoi.example' });
    expect(same.statusCode, same.body).toBe(201);
    // a forwarded host counts only from a trusted proxy (TRUST_PROXY; none here)
    const proxied = await signIn('quantri@ketnoi.demo', DEMO_PASSWORD, { origin: 'https://ketnoi.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'ketnoi.example' });
    expect(proxied.statusCode).toBe(403);
    // GETs are not affected
    const read = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin, origin: 'https://evil.example' } });
    expect(read.json().user.role).toBe('admin');
  });
});

describe('accounts', () => {
  it('an administrator creates an account that can then sign in', async () => {
    const email = newEmail();
    const orgId = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-14'`)).id;
    const r = await post('/api/v1/accounts', { email: email.toUpperCase(), displayName: 'Chuyên viên Thử', password: 'Mat-khau-dai-2026', role: 'department', organisationId: orgId }, { cookie: await ctx.cookie('admin') });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ email, role: 'department', organisation: { id: orgId, code: 'so-14' } });
    const s = await signIn(email, 'Mat-khau-dai-2026');
    expect(s.statusCode).toBe(200);
    expect(s.json().user.organisation.provinceCode).toBe('14');
    const log = await ctx.db.query<{ action: string; after: { email: string } }>(`SELECT action, after FROM audit_log WHERE entity = 'account' AND entity_id = $1`, [r.json().id]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'create', after: { email } });
    expect(JSON.stringify(log[0])).not.toContain('Mat-khau');

    const list = await get('/api/v1/accounts', await ctx.cookie('admin'));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain(email);
    // filtered, and paged with a cursor: every account exactly once
    const found = await get(`/api/v1/accounts?q=${encodeURIComponent(email.slice(0, 12).toUpperCase())}&role=department`, await ctx.cookie('admin'));
    expect(found.json().items.map((u: { email: string }) => u.email)).toEqual([email]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { items: { email: string }[]; nextCursor: string | null; total: number } = (await get(`/api/v1/accounts?limit=3${cursor ? `&cursor=${cursor}` : ''}`, await ctx.cookie('admin'))).json();
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((u) => u.email));
      cursor = p.nextCursor;
      if (!cursor) expect(seen.length).toBe(p.total);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(email);
    expect((await get('/api/v1/accounts?cursor=WyJ4Il0', await ctx.cookie('admin'))).statusCode).toBe(400);
    expect((await get('/api/v1/accounts', await ctx.cookie('donor'))).statusCode).toBe(403);
    expect((await get('/api/v1/accounts')).statusCode).toBe(401);

    const dup = await post('/api/v1/accounts', { email, displayName: 'Trùng', password: 'Mat-khau-dai-2026', role: 'department', organisationId: orgId }, { cookie: await ctx.cookie('admin') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toEqual({ path: 'email', message: 'E-mail đã có tài khoản' });
  });

  it('a Department creates school accounts for schools of its province only', async () => {
    const dept = await ctx.cookie('so.dienbien@ketnoi.demo');
    const ownSchool = await throwawaySchool('11');
    const otherSchool = await throwawaySchool('14');
    const body = (organisationId: string, role = 'school') => ({ email: newEmail(), displayName: 'Hiệu trưởng Thử', password: 'Mat-khau-dai-2026', role, organisationId });
    const before = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM app_user')).n);

    const ok = await post('/api/v1/accounts', body(ownSchool), { cookie: dept });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'school', organisation: { id: ownSchool, kind: 'school', provinceCode: '11' } });
    expect((await post('/api/v1/accounts', body(otherSchool), { cookie: dept })).statusCode).toBe(403);
    // nor a Department account, even of its own Department
    const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;
    expect((await post('/api/v1/accounts', body(so11, 'department'), { cookie: dept })).statusCode).toBe(403);
    for (const who of ['ministry', 'school', 'donor']) {
      expect((await post('/api/v1/accounts', body(ownSchool), { cookie: await ctx.cookie(who) })).statusCode, who).toBe(403);
    }
    expect((await post('/api/v1/accounts', body(ownSchool))).statusCode).toBe(401);
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM app_user')).n)).toBe(before + 1);
  });

  it('refuses a role that does not fit the organisation, and bad input, with 422', async () => {
    const admin = await ctx.cookie('admin');
    const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;
    const school = await throwawaySchool('11');
    const base = { displayName: 'Sai Vai Trò', password: 'Mat-khau-dai-2026' };
    const m1 = await post('/api/v1/accounts', { ...base, email: newEmail(), role: 'school', organisationId: so11 }, { cookie: admin });
    expect(m1.statusCode).toBe(422);
    expect(m1.json()).toMatchObject({ title: 'Vai trò không phù hợp với loại tổ chức', errors: [{ path: 'role' }] });
    const m2 = await post('/api/v1/accounts', { ...base, email: newEmail(), role: 'department', organisationId: school }, { cookie: admin });
    expect(m2.statusCode).toBe(422);
    const m3 = await post('/api/v1/accounts', { ...base, email: newEmail(), role: 'donor', organisationId: so11 }, { cookie: admin });
    expect(m3.statusCode).toBe(422);
    const noOrg = await post('/api/v1/accounts', { ...base, email: newEmail(), role: 'donor', organisationId: '00000000-0000-4000-8000-000000000000' }, { cookie: admin });
    expect(noOrg.statusCode).toBe(422);
    expect(noOrg.json().errors[0].path).toBe('organisationId');
    const short = await post('/api/v1/accounts', { ...base, password: 'ngan', email: newEmail(), role: 'school', organisationId: school }, { cookie: admin });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toContainEqual({ path: 'password', message: 'Mật khẩu cần ít nhất 10 ký tự' });
    const badRole = await post('/api/v1/accounts', { ...base, email: newEmail(), role: 'superuser', organisationId: school }, { cookie: admin });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.json().errors[0].path).toBe('role');
  });
});
