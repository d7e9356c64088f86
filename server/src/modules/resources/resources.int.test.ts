import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
let slSchool: string; // a Sơn La school
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  slSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM school WHERE province_code = '14' ORDER BY code LIMIT 1`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

type M = 'GET' | 'POST' | 'PUT' | 'PATCH';
const call = async (who: string | null, method: M, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, payload: payload as never, headers: { ...headers, ...(who ? { cookie: await ctx.cookie(who) } : {}) } });

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
function multipart(fields: Record<string, string>, files: { filename: string; type: string; data: Buffer }[]) {
  const b = '----kn' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const desks = { category: 'equipment', title: 'Bộ bàn ghế học sinh hai chỗ ngồi', description: 'Thay bàn ghế hỏng ở điểm trường bản', quantity: 100, unit: 'bộ', estimatedCost: 150_000_000, priority: 'urgent' };

describe('a need met by a donor, seen by the public', () => {
  let needId: string;
  let pledgeId: string;

  it('a school records and submits a need; nobody outside sees the draft', async () => {
    const r = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { ...desks, schoolId: dbSchool });
    expect(r.statusCode).toBe(201);
    needId = r.json().id;
    expect(r.json()).toMatchObject({ state: 'draft', status: 'draft', remainingQuantity: 100, remainingValue: 150_000_000 });
    expect((await call(null, 'GET', `/api/v1/needs/${needId}`)).statusCode).toBe(401);
    expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/needs/${needId}`)).statusCode).toBe(403);
    const photo = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/photos`, ...Object.values(multipart({}, [{ filename: 'ban-ghe.png', type: 'image/png', data: PNG }])) as [Buffer, Record<string, string>]);
    expect(photo.statusCode).toBe(201);
    const notImage = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/photos`, ...Object.values(multipart({}, [{ filename: 'x.png', type: 'image/png', data: Buffer.from('hello') }])) as [Buffer, Record<string, string>]);
    expect(notImage.statusCode).toBe(422);
    const sub = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'submit' });
    expect(sub.json().status).toBe('submitted');
  });

  it('refuses forbidden moves with a clear message, and other schools or donors', async () => {
    const pub = await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'publish' });
    expect(pub.statusCode).toBe(409);
    expect(pub.json().title).toBe('Không thể công bố nhu cầu đang ở trạng thái "Chờ Sở xác minh"');
    expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' })).statusCode).toBe(403);
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' })).statusCode).toBe(403);
    expect((await call('so.sonla@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' })).statusCode).toBe(403);
    const ret = await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'return' });
    expect(ret.statusCode).toBe(409);
    expect(ret.json().title).toMatch(/lý do/);
  });

  it('the Department verifies and publishes; the school is notified', async () => {
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'verify' })).json().status).toBe('verified');
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, { action: 'publish' })).json().status).toBe('published');
    const notes = (await call('truong.dienbien@ketnoi.demo', 'GET', '/api/v1/notifications')).json().items;
    expect(notes.some((n: { title: string }) => n.title.startsWith('Nhu cầu đã được xác minh'))).toBe(true);
    const pub = await call(null, 'GET', `/api/v1/needs?q=${encodeURIComponent('ban ghe hoc sinh')}&provinceCode=11`);
    expect(pub.json().items.map((n: { id: string }) => n.id)).toContain(needId);
  });

  it('a donor pledges 40 of 100, leaving 60 open; more than the remainder is refused', async () => {
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'in_kind', description: '40 bộ bàn ghế', valueVnd: 60_000_000, quantity: 40 });
    expect(p.statusCode).toBe(201);
    pledgeId = p.json().id;
    const n = (await call(null, 'GET', `/api/v1/needs/${needId}`)).json();
    expect(n).toMatchObject({ status: 'partly_pledged', pledgedQuantity: 40, remainingQuantity: 60, remainingValue: 90_000_000 });
    const tooMuch = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, form: 'in_kind', description: 'quá nhiều', valueVnd: 1, quantity: 61 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().title).toContain('vượt phần còn thiếu (60)');
    expect((await call('truong.dienbien@ketnoi.demo', 'GET', '/api/v1/notifications')).json().items.some((x: { kind: string }) => x.kind === 'pledge_received')).toBe(true);
  });

  it('the school confirms receipt with a photo; another school cannot', async () => {
    const other = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, ...Object.values(multipart({ action: 'confirm' }, [{ filename: 'nhan.png', type: 'image/png', data: PNG }])) as [Buffer, Record<string, string>]);
    expect(other.statusCode).toBe(403);
    const noPhoto = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, { action: 'confirm' });
    expect(noPhoto.statusCode).toBe(409);
    const ok = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, ...Object.values(multipart({ action: 'confirm', note: 'Đã nhận đủ 40 bộ' }, [{ filename: 'nhan-ban-ghe.png', type: 'image/png', data: PNG }])) as [Buffer, Record<string, string>]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('received');
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/notifications')).json().items.some((x: { kind: string }) => x.kind === 'delivery_confirmed')).toBe(true);
  });

  it('the public portal shows 40 received and 60 open, and its totals agree to the đồng', async () => {
    const stats = (await call(null, 'GET', '/api/v1/public/stats?provinceCode=11')).json();
    const list = (await call(null, 'GET', '/api/v1/public/contributions?format=json&provinceCode=11')).json();
    const row = list.items.find((c: { id: string }) => c.id === pledgeId);
    expect(row).toMatchObject({ status: 'received', quantity: 40, valueVnd: 60_000_000, schoolId: dbSchool });
    expect(row.evidence).toHaveLength(1);
    expect((await call(null, 'GET', row.evidence[0])).statusCode).toBe(200);
    expect(stats.totals.valueVnd).toBe(list.items.reduce((n: number, c: { valueVnd: number }) => n + c.valueVnd, 0));
    expect(stats.totals.receivedVnd).toBeGreaterThanOrEqual(60_000_000);
    const csv = (await call(null, 'GET', '/api/v1/public/contributions?format=csv&provinceCode=11')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = csv[0].split(',');
    const sumCsv = csv.slice(1).reduce((n, line) => n + Number(line.split(',')[header.indexOf('valueVnd')]), 0);
    // CSV descriptions have no commas here; a quoted field would shift columns and fail this sum
    expect(sumCsv).toBe(stats.totals.valueVnd);
    const need = (await call(null, 'GET', `/api/v1/needs/${needId}`)).json();
    expect(need).toMatchObject({ receivedQuantity: 40, remainingQuantity: 60 });
    const forNeed = (await call(null, 'GET', `/api/v1/public/contributions?format=json&needId=${needId}`)).json();
    expect(forNeed.items.map((c: { id: string }) => c.id)).toEqual([pledgeId]);
    const onMap = (await call(null, 'GET', `/api/v1/needs/points?open=true&q=${encodeURIComponent('ban ghe')}`)).json();
    expect(onMap.rows.map((r: string[]) => r[0])).toContain(needId);
    const school = (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).json();
    expect(school.contributions.map((c: { id: string }) => c.id)).toContain(pledgeId);
  });

  it('accepts (nghiệm thu) only once everything is received, with evidence', async () => {
    const early = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, ...Object.values(multipart({ action: 'accept' }, [{ filename: 'bb.png', type: 'image/png', data: PNG }])) as [Buffer, Record<string, string>]);
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toMatch(/^Không thể nghiệm thu/);
  });
});

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

describe('facility survey', () => {
  it('derives JMP service levels and shows them on the map layer', async () => {
    const body = { classroomsSolid: 6, classroomsSemiSolid: 2, classroomsTemporary: 1, classroomsLacking: 2, subjectRooms: 1, subjectRoomsLacking: 3, toiletsTotal: 2, toiletsStandard: 1, toiletsImproved: true, toiletsSingleSex: false, toiletsUsable: true, waterSource: 'protected_well', waterAvailable: true, handwashing: 'water_only', electricity: 'grid', roadAccess: 'seasonal', boardingPlaces: 0, semiBoardingPlaces: 120, kitchen: true, teachingEquipment: 'partial', computers: 4, internet: false };
    const r = await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${dbSchool}/surveys/2026-2027`, body);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ waterService: 'basic', sanitationService: 'limited', hygieneService: 'limited' });
    expect((await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${slSchool}/surveys/2026-2027`, body)).statusCode).toBe(403);
    expect((await call('truong.dienbien@ketnoi.demo', 'PUT', `/api/v1/schools/${dbSchool}/surveys/2026-2028`, body)).statusCode).toBe(422);
    const pts = (await call(null, 'GET', '/api/v1/surveys/points?provinceCode=11')).json();
    expect(pts.rows.find((x: string[]) => x[0] === dbSchool).slice(4)).toEqual(['2026-2027', 'basic', 'limited', 'limited']);
  });
});

describe('plan 29 and gifts to people', () => {
  it('counts the 30 target provinces under today\'s provinces and checks the quota', async () => {
    const p = (await call(null, 'GET', '/api/v1/programmes/plan29')).json();
    expect(p.targets).toHaveLength(30);
    expect(p.targets.filter((t: { selected2021: boolean }) => t.selected2021)).toHaveLength(10);
    expect(p.targets.every((t: { currentCode: string | null }) => t.currentCode)).toBe(true);
    const q = (await call('admin', 'GET', '/api/v1/programmes/plan29/quota?year=2021')).json().items;
    expect(q).toHaveLength(10);
    expect(q.every((x: { complies: boolean; missing: string[] }) => !x.complies && x.missing.length > 0)).toBe(true);
  });

  it('keeps pupils\' names inside the school and its Department', async () => {
    const add = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: 'Học Sinh Thử', birthYear: 2015, consentRecorded: true });
    expect(add.statusCode).toBe(201);
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: 'Không Đồng Ý', consentRecorded: false })).statusCode).toBe(422);
    const gift = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: dbSchool, contributorId: (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id, beneficiaryId: add.json().id, category: 'warm_clothes', form: 'in_kind', description: 'Áo ấm cho em Học Sinh Thử', valueVnd: 500_000 });
    expect(gift.statusCode).toBe(201);
    for (const who of ['dieuphoi@ketnoi.demo', 'nhataitro@ketnoi.demo', 'so.sonla@ketnoi.demo', 'admin']) {
      expect((await call(who, 'GET', `/api/v1/schools/${dbSchool}/beneficiaries`)).statusCode, who).toBe(403);
    }
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/schools/${dbSchool}/beneficiaries`)).json().items[0].full_name).toBe('Học Sinh Thử');
    const json = (await call(null, 'GET', '/api/v1/public/contributions?format=json')).body;
    const csv = (await call(null, 'GET', '/api/v1/public/contributions?format=csv')).body;
    const school = (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).body;
    for (const body of [json, csv, school]) expect(body).not.toContain('Học Sinh Thử');
    const row = JSON.parse(json).items.find((c: { id: string }) => c.id === gift.json().id);
    expect(row).toMatchObject({ recipient: 'Học sinh', description: 'Quà tặng học sinh' });
  });

  it('counts gifts recorded for a past year toward that year\'s quota', async () => {
    const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
    const district = (await ctx.db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'legacy' AND level = 'district' AND province_code = '11' ORDER BY code LIMIT 1`)).code;
    const sel = await call('so.dienbien@ketnoi.demo', 'PUT', '/api/v1/programmes/plan29/selection', { year: 2021, oldProvinceCode: '11', oldDistrictCode: district, schoolIds: [dbSchool] });
    expect(sel.statusCode).toBe(200);
    const teacher = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'teacher', fullName: 'Giáo Viên Thử', consentRecorded: true });
    const body = { schoolId: dbSchool, contributorId: donor, beneficiaryId: teacher.json().id, category: 'warm_clothes', form: 'in_kind', description: 'Quà Tết 2021', valueVnd: 300_000, pledgedOn: '2021-02-01' };
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...body, pledgedOn: '2099-01-01' })).statusCode).toBe(422);
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', body)).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', body)).statusCode).toBe(201);
    const q = (await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/programmes/plan29/quota?year=2021')).json().items.find((p: { oldCode: string }) => p.oldCode === '11');
    expect(q.schools.find((s: { id: string }) => s.id === dbSchool).gifts).toMatchObject({ teacher: 1, manager: 0 });
    expect(q.missing).toContain(`${q.schools[0].name}: thiếu quà cho 1 cán bộ quản lý`);
  });
});

describe('coordination dashboard', () => {
  it('gives the Ministry the nation and a Department its province only', async () => {
    const all = (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).json();
    expect(all.needsByProvince.some((p: { provinceCode: string }) => p.provinceCode === '11')).toBe(true);
    expect(all.donorsAwaitingVetting).toBeGreaterThanOrEqual(0);
    const mine = (await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/dashboard/resources?provinceCode=11')).json();
    expect(mine.provinceCode).toBe('14');
    expect(mine.needsByProvince.every((p: { provinceCode: string }) => p.provinceCode === '14')).toBe(true);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).statusCode).toBe(403);
  });
});
