import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { xlsxBuffer } from '../../platform/tabular.js';
import type { Clock } from '../../platform/clock.js';

/** The app's clock, moved forward by tests (the database's own time is not). */
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };

let ctx: TestContext;
let noMail: TestContext;
beforeAll(async () => {
  ctx = await testApp({ clock });
  noMail = await testApp();
  // the same app without an e-mail server: links are answered once to the manager
  (noMail.app.mailer as { enabled: boolean }).enabled = false;
});
afterAll(async () => { await ctx.close(); await noMail.close(); });

let seq = 0;
const newEmail = () => `ql.${process.pid}.${++seq}@ketnoi.test`;
const req = (c: TestContext, method: string, url: string, cookie?: string, payload?: unknown) =>
  c.app.inject({ method: method as 'GET', url, payload: payload as object, headers: cookie ? { cookie } : {} });
const signIn = (c: TestContext, email: string, password: string, ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36') =>
  c.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, headers: { 'user-agent': ua } });
const cookieOf = (r: { cookies: { name: string; value: string }[] }) => `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;
const tokenOf = (text: string) => /ma=([A-Za-z0-9_-]{40,})/.exec(text)![1];
const lastMailTo = (c: TestContext, email: string) => c.mail.findLast((m) => m.to[0] === email)!;

async function schoolOrg(c: TestContext, province: string, n = 0): Promise<{ id: string; code: string }> {
  return c.db.one<{ id: string; code: string }>(`SELECT organisation_id AS id, code FROM school WHERE province_code = $1 ORDER BY code OFFSET $2 LIMIT 1`, [province, n]);
}
const orgByCode = async (c: TestContext, code: string) => (await c.db.one<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [code])).id;

async function invite(c: TestContext, who: string, organisationId: string, role = 'school') {
  const email = newEmail();
  const r = await req(c, 'POST', '/api/v1/accounts', await c.cookie(who), { email, displayName: 'Hiệu trưởng mời', role, organisationId });
  return { r, email };
}

describe('invitations', () => {
  it('an administrator invites an account by e-mail; the link sets the password once, then the account signs in', async () => {
    const school = await schoolOrg(ctx, '11', 3);
    const { r, email } = await invite(ctx, 'admin', school.id);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ email, role: 'school', invited: true, active: true, invitation: { emailed: true, link: null } });
    const mail = lastMailTo(ctx, email);
    expect(mail.text).toContain('/kich-hoat?ma=');
    const token = tokenOf(mail.text);
    // only the hash is stored
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM password_reset WHERE token_hash = $1', [token])).n)).toBe(0);
    // before choosing a password, no password signs in
    expect((await signIn(ctx, email, 'bat-ky-mat-khau-nao')).statusCode).toBe(401);
    expect((await req(ctx, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token, password: 'Mat-khau-moi-2026' })).statusCode).toBe(204);
    const s = await signIn(ctx, email, 'Mat-khau-moi-2026');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().user.organisation.id).toBe(school.id);
    // the link works once
    const again = await req(ctx, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token, password: 'Mat-khau-khac-2026' });
    expect(again.statusCode).toBe(422);
    expect((await signIn(ctx, email, 'Mat-khau-khac-2026')).statusCode).toBe(401);
    const list = await req(ctx, 'GET', `/api/v1/accounts?q=${encodeURIComponent(email)}`, await ctx.cookie('admin'));
    expect(list.json().items[0]).toMatchObject({ email, invited: false });
  });

  it('an invitation expires after seven days (the app clock)', async () => {
    const { r, email } = await invite(ctx, 'admin', (await schoolOrg(ctx, '11', 4)).id);
    expect(r.statusCode).toBe(201);
    const token = tokenOf(lastMailTo(ctx, email).text);
    offset = 7 * 86400_000 + 60_000;
    try {
      const late = await req(ctx, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token, password: 'Mat-khau-moi-2026' });
      expect(late.statusCode).toBe(422);
      expect(late.json().title).toBe('Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn');
    } finally { offset = 0; }
    // a reset link from the manager is valid one hour only
    const id = r.json().id;
    expect((await req(ctx, 'POST', `/api/v1/accounts/${id}/password-reset`, await ctx.cookie('admin'))).statusCode).toBe(200);
    const second = tokenOf(lastMailTo(ctx, email).text);
    offset = 61 * 60_000 + 7 * 86400_000;
    try {
      expect((await req(ctx, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token: second, password: 'Mat-khau-moi-2026' })).statusCode).toBe(422);
    } finally { offset = 0; }
    expect((await req(ctx, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token: second, password: 'Mat-khau-moi-2026' })).statusCode).toBe(204);
  });

  it('without an e-mail server the link is answered once to the inviter and never again', async () => {
    const { r, email } = await invite(noMail, 'admin', (await schoolOrg(noMail, '11', 5)).id);
    expect(r.statusCode, r.body).toBe(201);
    const inv = r.json().invitation;
    expect(inv).toMatchObject({ emailed: false });
    expect(inv.link).toMatch(/\/kich-hoat\?ma=[A-Za-z0-9_-]{40,}$/);
    expect(noMail.mail.filter((m) => m.to[0] === email)).toEqual([]);
    // the list and the account never show it again
    const list = await req(noMail, 'GET', `/api/v1/accounts?q=${encodeURIComponent(email)}`, await noMail.cookie('admin'));
    expect(list.body).not.toContain(tokenOf(inv.link));
    expect((await req(noMail, 'POST', '/api/v1/auth/password-reset/confirm', undefined, { token: tokenOf(inv.link), password: 'Mat-khau-moi-2026' })).statusCode).toBe(204);
    // a reset by the manager answers a new link the same way
    const reset = await req(noMail, 'POST', `/api/v1/accounts/${r.json().id}/password-reset`, await noMail.cookie('admin'));
    expect(reset.json()).toMatchObject({ emailed: false, link: expect.stringMatching(/\/dat-lai-mat-khau\?ma=/) });
  });

  it('refuses a role that does not fit the organisation, and a taken e-mail, writing nothing', async () => {
    const school = await schoolOrg(ctx, '11', 6);
    const wrong = await req(ctx, 'POST', '/api/v1/accounts', await ctx.cookie('admin'), { email: newEmail(), displayName: 'Sai vai trò', role: 'department', organisationId: school.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().title).toBe('Vai trò không phù hợp với loại tổ chức');
    const taken = await req(ctx, 'POST', '/api/v1/accounts', await ctx.cookie('admin'), { email: 'so.dienbien@ketnoi.demo', displayName: 'Trùng', role: 'school', organisationId: school.id });
    expect(taken.statusCode).toBe(409);
  });
});

describe('a Department manages its province\'s school and commune accounts only', () => {
  it('lists only them, invites for its schools and communes, and is refused elsewhere', async () => {
    const dept = await ctx.cookie('so.dienbien@ketnoi.demo');
    const list = await req(ctx, 'GET', '/api/v1/accounts?limit=200', dept);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { organisation: { provinceCode: string; kind: string } }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.organisation.provinceCode === '11' && ['school', 'commune_committee'].includes(a.organisation.kind))).toBe(true);

    expect((await invite(ctx, 'so.dienbien@ketnoi.demo', (await schoolOrg(ctx, '11', 7)).id)).r.statusCode).toBe(201);
    // another province's school, its own Department, a donor: refused
    expect((await invite(ctx, 'so.dienbien@ketnoi.demo', (await schoolOrg(ctx, '14', 1)).id)).r.statusCode).toBe(403);
    expect((await invite(ctx, 'so.dienbien@ketnoi.demo', await orgByCode(ctx, 'so-11'), 'department')).r.statusCode).toBe(403);
    expect((await invite(ctx, 'so.dienbien@ketnoi.demo', await orgByCode(ctx, 'demo-donor-1'), 'donor')).r.statusCode).toBe(403);
    // a school or a donor account manages nothing
    expect((await req(ctx, 'GET', '/api/v1/accounts', await ctx.cookie('school'))).statusCode).toBe(403);
    expect((await invite(ctx, 'school', (await schoolOrg(ctx, '11', 8)).id)).r.statusCode).toBe(403);
  });

  it('moves a school account only to another school of its province; another province\'s account is refused', async () => {
    const dept = await ctx.cookie('so.dienbien@ketnoi.demo');
    const { r } = await invite(ctx, 'admin', (await schoolOrg(ctx, '11', 9)).id);
    const id = r.json().id;
    const to = await schoolOrg(ctx, '11', 10);
    const moved = await req(ctx, 'PATCH', `/api/v1/accounts/${id}`, dept, { organisationId: to.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().organisation.id).toBe(to.id);
    expect((await req(ctx, 'PATCH', `/api/v1/accounts/${id}`, dept, { organisationId: (await schoolOrg(ctx, '14', 2)).id })).statusCode).toBe(403);
    const sonla = (await invite(ctx, 'admin', (await schoolOrg(ctx, '14', 3)).id)).r.json().id;
    expect((await req(ctx, 'PATCH', `/api/v1/accounts/${sonla}`, dept, { displayName: 'Đổi tên' })).statusCode).toBe(403);
    expect((await req(ctx, 'POST', `/api/v1/accounts/${sonla}/deactivate`, dept)).statusCode).toBe(403);
    expect((await req(ctx, 'POST', `/api/v1/accounts/${sonla}/password-reset`, dept)).statusCode).toBe(403);
    // the Department's own account is not its to manage
    const own = (await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'so.dienbien@ketnoi.demo'`)).id;
    expect((await req(ctx, 'PATCH', `/api/v1/accounts/${own}`, dept, { displayName: 'Tự đổi' })).statusCode).toBe(403);
  });
});

describe('role and organisation changes, deactivation, reactivation', () => {
  it('a change of role or organisation is audited and ends the account\'s sessions; nobody changes their own', async () => {
    const admin = await ctx.cookie('admin');
    const email = newEmail();
    const created = await req(ctx, 'POST', '/api/v1/accounts', admin, { email, displayName: 'Chuyên viên đổi vai trò', role: 'school', organisationId: (await schoolOrg(ctx, '11', 11)).id, password: 'Mat-khau-dai-2026' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const session = cookieOf(await signIn(ctx, email, 'Mat-khau-dai-2026'));
    expect((await req(ctx, 'GET', '/api/v1/auth/me', session)).json().user.role).toBe('school');
    // a role that does not fit the organisation is refused and nothing changes
    const misfit = await req(ctx, 'PATCH', `/api/v1/accounts/${id}`, admin, { role: 'department' });
    expect(misfit.statusCode).toBe(422);
    expect((await req(ctx, 'GET', '/api/v1/auth/me', session)).json().user.role).toBe('school');
    const changed = await req(ctx, 'PATCH', `/api/v1/accounts/${id}`, admin, { role: 'department', organisationId: await orgByCode(ctx, 'so-12') });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'department', organisation: { code: 'so-12' } });
    expect((await req(ctx, 'GET', '/api/v1/auth/me', session)).json().user).toBeNull();
    const entry = await ctx.db.one<{ before: { role: string }; after: { role: string; sessionsEnded: number } }>(`SELECT before, after FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'update'`, [id]);
    expect(entry.before.role).toBe('school');
    expect(entry.after).toMatchObject({ role: 'department', sessionsEnded: 1 });
    const self = (await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'quantri@ketnoi.demo'`)).id;
    expect((await req(ctx, 'PATCH', `/api/v1/accounts/${self}`, admin, { role: 'ministry' })).statusCode).toBe(403);
    expect((await req(ctx, 'POST', `/api/v1/accounts/${self}/deactivate`, admin)).statusCode).toBe(403);
  });

  it('deactivation ends sessions at once and refuses sign-in; reactivation lets the account sign in again', async () => {
    const admin = await ctx.cookie('admin');
    const email = newEmail();
    const id = (await req(ctx, 'POST', '/api/v1/accounts', admin, { email, displayName: 'Tài khoản khoá', role: 'school', organisationId: (await schoolOrg(ctx, '11', 12)).id, password: 'Mat-khau-dai-2026' })).json().id;
    const session = cookieOf(await signIn(ctx, email, 'Mat-khau-dai-2026'));
    const off = await req(ctx, 'POST', `/api/v1/accounts/${id}/deactivate`, admin);
    expect(off.json()).toMatchObject({ active: false, can: { reactivate: true, deactivate: false } });
    expect((await req(ctx, 'GET', '/api/v1/auth/me', session)).json().user).toBeNull();
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM user_session WHERE user_id = $1', [id])).n)).toBe(0);
    expect((await signIn(ctx, email, 'Mat-khau-dai-2026')).statusCode).toBe(401);
    const on = await req(ctx, 'POST', `/api/v1/accounts/${id}/reactivate`, admin);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ active: true, can: { reactivate: false, deactivate: true } });
    expect((await signIn(ctx, email, 'Mat-khau-dai-2026')).statusCode).toBe(200);
    const actions = (await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'account' AND entity_id = $1 ORDER BY id`, [id])).map((a) => a.action);
    expect(actions).toEqual(['create', 'deactivate', 'reactivate']);
  });
});

describe('concurrent changes', () => {
  it('simultaneous deactivations and reactivations of one account are recorded once each', async () => {
    const admin = await ctx.cookie('admin');
    const id = (await invite(ctx, 'admin', (await schoolOrg(ctx, '11', 16)).id)).r.json().id;
    const offs = await Promise.all(Array.from({ length: 5 }, () => req(ctx, 'POST', `/api/v1/accounts/${id}/deactivate`, admin)));
    expect(offs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const ons = await Promise.all(Array.from({ length: 5 }, () => req(ctx, 'POST', `/api/v1/accounts/${id}/reactivate`, admin)));
    // the first reactivation wins; the others find the account active and may no longer reactivate it
    expect(ons.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(1);
    expect(ons.every((r) => r.statusCode === 200 || r.statusCode === 403)).toBe(true);
    const actions = (await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'account' AND entity_id = $1 ORDER BY id`, [id])).map((a) => a.action);
    expect(actions).toEqual(['invite', 'deactivate', 'reactivate']);
  });
});

describe('sign-in history', () => {
  it('records successes and failures with address and browser, for the owner and the administrator only', async () => {
    const admin = await ctx.cookie('admin');
    const email = newEmail();
    const id = (await req(ctx, 'POST', '/api/v1/accounts', admin, { email, displayName: 'Tài khoản lịch sử', role: 'school', organisationId: (await schoolOrg(ctx, '11', 13)).id, password: 'Mat-khau-dai-2026' })).json().id;
    expect((await signIn(ctx, email, 'sai-mat-khau')).statusCode).toBe(401);
    const ok = await signIn(ctx, email, 'Mat-khau-dai-2026');
    const own = cookieOf(ok);
    const mine = await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins`, own);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBe(2);
    expect(mine.json().items.map((e: { success: boolean }) => e.success)).toEqual([true, false]);
    expect(mine.json().items[0]).toMatchObject({ address: '127.0.0.1', userAgent: 'Chrome 131 · Linux' });
    // paged, newest first
    const p1 = (await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins?limit=1`, own)).json();
    const p2 = (await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins?limit=1&cursor=${p1.nextCursor}`, own)).json();
    expect([p1.items[0].success, p2.items[0].success]).toEqual([true, false]);
    expect(p2.nextCursor).toBeNull();
    expect((await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins`, admin)).statusCode).toBe(200);
    expect((await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins`, await ctx.cookie('so.dienbien@ketnoi.demo'))).statusCode).toBe(403);
    expect((await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins`, await ctx.cookie('school'))).statusCode).toBe(403);
    expect((await req(ctx, 'GET', `/api/v1/accounts/${id}/sign-ins`)).statusCode).toBe(401);
  });
});

describe('import of school accounts', () => {
  const upload = async (c: TestContext, cookie: string, rows: string[][], headers = ['Mã trường *', 'E-mail *', 'Tên hiển thị *']) => {
    const data = await xlsxBuffer('Tài khoản', headers.map((h) => ({ header: h })), rows);
    const boundary = '----kn' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tai-khoan.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return c.app.inject({ method: 'POST', url: '/api/v1/accounts/import', payload, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };

  it('writes nothing when a row is wrong and names every wrong row; a valid file creates invited accounts', async () => {
    const dept = await ctx.cookie('so.dienbien@ketnoi.demo');
    const a = await schoolOrg(ctx, '11', 14);
    const b = await schoolOrg(ctx, '11', 15);
    const other = await schoolOrg(ctx, '14', 4);
    const e1 = newEmail();
    const e2 = newEmail();
    const bad = await upload(ctx, dept, [
      [a.code, e1, 'Hiệu trưởng A'],
      [other.code, newEmail(), 'Hiệu trưởng Sơn La'],
      ['KHONG-CO', 'khong-phai-email', 'X'],
      [b.code, e1, 'Trùng e-mail'],
    ]);
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors).toEqual(expect.arrayContaining([
      { row: 3, column: 'Mã trường', message: `Trường "${other.code}" ngoài phạm vi quản lý của bạn` },
      { row: 4, column: 'Mã trường', message: 'Không có trường mã "KHONG-CO"' },
      { row: 4, column: 'E-mail', message: 'E-mail không hợp lệ' },
      { row: 4, column: 'Tên hiển thị', message: 'Tên hiển thị cần từ 2 đến 200 ký tự' },
      { row: 5, column: 'E-mail', message: 'E-mail trùng với dòng 2' },
    ]));
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM app_user WHERE email = $1', [e1])).n)).toBe(0);

    const missing = await upload(ctx, dept, [[a.code, e1]], ['Mã trường', 'E-mail']);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ row: 1, column: 'Tên hiển thị', message: 'Thiếu cột "Tên hiển thị" (hãy dùng tệp mẫu)' }]);

    const good = await upload(ctx, dept, [[a.code, e1, 'Hiệu trưởng A'], [b.code, e2.toUpperCase(), 'Hiệu trưởng B']]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ created: 2, invitations: [{ email: e1, emailed: true, link: null }, { email: e2, emailed: true, link: null }] });
    expect(lastMailTo(ctx, e2).text).toContain('/kich-hoat?ma=');
    const rows = await ctx.db.query<{ organisation_id: string; role: string }>('SELECT organisation_id, role FROM app_user WHERE email = ANY($1::citext[]) ORDER BY email', [[e1, e2]]);
    expect(rows.map((r) => r.organisation_id).sort()).toEqual([a.id, b.id].sort());
    expect(rows.every((r) => r.role === 'school')).toBe(true);
    // a school account may not import
    expect((await upload(ctx, await ctx.cookie('school'), [[a.code, newEmail(), 'X Y']])).statusCode).toBe(403);
  });
});
