import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAME_ORIGIN, testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, registerDonor } from '../../../test/calls.js';
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
    const r = await call(null, 'POST', '/api/v1/donors/register', { organisationName: 'Công ty TNHH Thử Nghiệm', donorType: 'business', taxCode: '0100000003', contactRole: 'Trưởng phòng Trách nhiệm xã hội', references: ['Tài trợ 200 bộ bàn ghế cho Sở GDĐT Hà Giang (2024)'], email: 'dn@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách CSR' });
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
    // the count with a filter on the profile alone, and with a search of the organisations' names
    const pending = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/donors?vetting=pending&limit=100')).json();
    expect(pending.total).toBe(all.filter((d) => d.pending).length);
    expect(pending.items).toHaveLength(pending.total);
    const searched = (await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors?q=${encodeURIComponent('Quỹ Trang')}&limit=100`)).json();
    expect(searched.items.map((d: { name: string }) => d.name).sort()).toEqual(['Quỹ Trang 0', 'Quỹ Trang 1', 'Quỹ Trang 2']);
    expect(searched.total).toBe(3);
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors?cursor=${Buffer.from('["x","y","z"]').toString('base64url')}`)).statusCode).toBe(400);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/donors')).statusCode).toBe(403);
  });
});

describe('donor vetting has something to vet', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const base = (email: string, extra: Record<string, unknown>) => ({ organisationName: `Công ty Thẩm Định ${email}`, donorType: 'business', email, password: 'mat-khau-dai-2026', displayName: 'Phụ trách', ...extra });
  const orgs = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM organisation')).n);

  it('a tax code is checked by its check digit: 10 digits, or 13 with a branch, with or without a dash; a wrong one is a Vietnamese 422 and writes nothing', async () => {
    const before = await orgs();
    for (const [code, field] of [['0100109107', 'check digit'], ['010010910', 'too short'], ['01001091060', '11 digits'], ['0100109106-000', 'branch 000'], ['01A0109106', 'a letter']]) {
      const r = await call(null, 'POST', '/api/v1/donors/register', base(`sai.${field.replace(/\W/g, '')}@thu.vn`, { taxCode: code }));
      expect(r.statusCode, `${code} (${field})`).toBe(422);
      expect(r.json().title).toBe('Mã số thuế không hợp lệ');
      expect(r.json().errors[0]).toMatchObject({ path: 'taxCode' });
      expect(r.json().errors[0].message).toContain('chữ số thứ 10 là số kiểm tra');
    }
    const en = await call(null, 'POST', '/api/v1/donors/register?lang=en', base('sai.en@thu.vn', { taxCode: '0100109107' }));
    expect(en.json().title).toBe('The tax code is not valid');
    expect(await orgs()).toBe(before);
    // valid codes, kept in one form: 10 digits, or 10-3 with a dash
    for (const [code, stored] of [['0101243150', '0101243150'], ['0100109106 001', '0100109106-001'], ['0106026495-002', '0106026495-002']]) {
      const email = `dung.${stored.replace('-', '')}@thu.vn`;
      const { id } = await registerDonor(ctx, base(email, { taxCode: code }));
      expect((await call('thamdinh@ketnoi.demo', 'GET', `/api/v1/donors/${id}`)).json().taxCode).toBe(stored);
    }
    // the same code written another way is the same donor
    const again = await call(null, 'POST', '/api/v1/donors/register', base('lan.hai@thu.vn', { taxCode: '0100109106001' }));
    expect(again.statusCode).toBe(409);
  });

  it('contact role, references, registration papers: the donor and the vetting board see them; others do not get the papers', async () => {
    const refs = ['Tài trợ 300 bộ bàn ghế cho các trường ở Điện Biên (2024)', 'Quỹ Khuyến học tỉnh Lai Châu có thể xác nhận'];
    const { id, cookie } = await registerDonor(ctx, base('giay.to@thu.vn', { taxCode: '0100686209', contactRole: 'Giám đốc Quỹ cộng đồng', references: [...refs, ` ${refs[0]} `] }));
    const [body, headers] = multipart({ kind: 'business_registration' }, [{ filename: 'Giay chung nhan DKKD.pdf', type: 'application/pdf', data: PDF }]);
    const up = await ctx.app.inject({ method: 'POST', url: `/api/v1/donors/${id}/documents`, payload: body, headers: { ...headers, cookie, origin: SAME_ORIGIN } });
    expect(up.statusCode).toBe(201);
    const doc = up.json().items[0];
    expect(doc).toMatchObject({ name: 'Giay chung nhan DKKD.pdf', mime: 'application/pdf', kind: 'business_registration' });

    const own = await ctx.app.inject({ method: 'GET', url: `/api/v1/donors/${id}`, headers: { cookie } });
    expect(own.json()).toMatchObject({ contactRole: 'Giám đốc Quỹ cộng đồng', references: refs, taxCode: '0100686209', documents: [{ id: doc.id, kind: 'business_registration' }] });
    const board = (await call('thamdinh@ketnoi.demo', 'GET', `/api/v1/donors/${id}`)).json();
    expect(board).toMatchObject({ contactRole: 'Giám đốc Quỹ cộng đồng', references: refs, documents: [{ id: doc.id }], can: { vet: true } });
    // a Department reads the profile, not the papers
    const dept = await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/donors/${id}`);
    expect(dept.statusCode).toBe(200);
    expect(dept.json().documents).toBeNull();

    // the file itself: the donor and the board download it; another donor, a Department, a school and the public do not
    const dl = async (who: string | null, c?: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/files/${doc.id}`, headers: c ? { cookie: c } : who ? { cookie: await ctx.cookie(who) } : {} });
    const ownDl = await dl(null, cookie);
    expect(ownDl.statusCode).toBe(200);
    expect(ownDl.rawPayload.equals(PDF)).toBe(true);
    expect((await dl('thamdinh@ketnoi.demo')).statusCode).toBe(200);
    expect((await dl('quantri@ketnoi.demo')).statusCode).toBe(200);
    expect((await dl('nhataitro@ketnoi.demo')).statusCode).toBe(403);
    expect((await dl('so.dienbien@ketnoi.demo')).statusCode).toBe(403);
    expect((await dl('dieuphoi@ketnoi.demo')).statusCode).toBe(403);
    expect((await dl('truong.dienbien@ketnoi.demo')).statusCode).toBe(403);
    expect((await dl(null)).statusCode).toBe(401);

    // another donor cannot add papers to this profile, and a Word file is not a paper
    const [b2, h2] = multipart({ kind: 'other' }, [{ filename: 'x.pdf', type: 'application/pdf', data: PDF }]);
    expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/donors/${id}/documents`, b2, h2)).statusCode).toBe(403);
    const [b3, h3] = multipart({ kind: 'other' }, [{ filename: 'thu.docx', type: 'application/octet-stream', data: Buffer.from('PK\u0003\u0004abc') }]);
    const word = await ctx.app.inject({ method: 'POST', url: `/api/v1/donors/${id}/documents`, payload: b3, headers: { ...h3, cookie, origin: SAME_ORIGIN } });
    expect(word.statusCode).toBe(422);
    expect(word.body).toContain('thu.docx');
  });

  it('references round-trip through the profile, bounded to 10 lines', async () => {
    const { id, cookie } = await registerDonor(ctx, base('tham.chieu@thu.vn', { contactRole: 'Phó Tổng giám đốc' }));
    const patch = (payload: unknown) => ctx.app.inject({ method: 'PATCH', url: `/api/v1/donors/${id}`, payload: payload as never, headers: { cookie, origin: SAME_ORIGIN } });
    const r = await patch({ references: ['Đồng hành cùng Sở GDĐT Sơn La năm học 2024–2025'], contactRole: 'Trưởng ban Cộng đồng' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ references: ['Đồng hành cùng Sở GDĐT Sơn La năm học 2024–2025'], contactRole: 'Trưởng ban Cộng đồng' });
    expect((await call('thamdinh@ketnoi.demo', 'GET', `/api/v1/donors/${id}`)).json().references).toEqual(['Đồng hành cùng Sở GDĐT Sơn La năm học 2024–2025']);
    // leaving references out keeps them; an empty list clears them; eleven lines are refused
    expect((await patch({ description: 'Quỹ cộng đồng' })).json().references).toHaveLength(1);
    const tooMany = await patch({ references: Array.from({ length: 11 }, (_, i) => `Tham chiếu ${i}`) });
    expect([400, 422]).toContain(tooMany.statusCode);
    expect(tooMany.body).toContain('Tối đa 10 dòng tham chiếu');
    expect((await patch({ references: [] })).json().references).toEqual([]);
  });
});
