import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { caller, multipart, PNG, registerDonor } from './calls.js';
import { fixedClock } from '../src/platform/clock.js';
import { loggerOptions } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { fold } from '../src/platform/text.js';

/**
 * Pupils' privacy by construction: a recipient with a distinctive name and an individual donor
 * who chose anonymity go through gifts, notifications, exports and public pages; neither the
 * name outside the school and its Department nor the donor in public ever appears, and the log
 * (the production logger's settings, written to a buffer) never carries either, even when a
 * statement with the name in its parameters fails.
 */
const PUPIL = 'Giàng Thị Pàng Xúa';
const DONOR = 'Quàng Văn Kỳ Lạ';
const clock = fixedClock('2026-06-15T03:00:00Z');
const log: string[] = [];
let ctx: TestContext;
const call = caller(() => ctx);
let dbSchool: string;
let donorId: string;
let anonDonor: string;
let anonCookie: string;
let legacyGift: string;

const texts = (s: string) => [s, fold(s), JSON.stringify(s).slice(1, -1), encodeURIComponent(s)];
const mentions = (body: string, who: string) => texts(who).some((t) => body.includes(t)) || fold(body).includes(fold(who));
async function xlsxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
  return parts.join('\n');
}

beforeAll(async () => {
  const stream = new Writable({ write(chunk, _enc, cb) { log.push(String(chunk)); cb(); } });
  ctx = await testApp({ clock, logger: { ...loggerOptions(loadConfig({})), level: 'info', stream } });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  donorId = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
  const b = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: PUPIL, birthYear: 2015, consentRecorded: true });
  expect(b.statusCode).toBe(201);
  const beneficiaryId = b.json().id as string;

  // a gift recorded before names were checked on write: its description names the pupil
  legacyGift = (await ctx.db.one<{ id: string }>(
    `INSERT INTO contribution (contributor_id, school_id, province_code, beneficiary_id, form, category, description, value_vnd, pledged_on, recipient_group)
     VALUES ($1, $2, '11', $3, 'in_kind', 'scholarship', $4, 1500000, '2026-06-01', $5) RETURNING id`,
    [donorId, dbSchool, beneficiaryId, `Học bổng cho em ${PUPIL} lớp 4`, `Em ${PUPIL}`])).id;
  await ctx.db.query(`INSERT INTO contribution_event (contribution_id, status, note) VALUES ($1, 'pledged', $2)`, [legacyGift, `Trao cho em ${PUPIL}`]);
  expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${legacyGift}/transitions`, { action: 'deliver' })).statusCode).toBe(200);
  const [body, headers] = multipart({ action: 'confirm', note: 'Đã nhận đủ' }, [{ filename: `${PUPIL}.png`, type: 'image/png', data: PNG }]);
  expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${legacyGift}/transitions`, body, headers)).statusCode).toBe(200);
  expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${legacyGift}/transitions`, { action: 'accept' })).statusCode).toBe(200);

  // an individual donor who chose to be anonymous, approved, gives to the school in its own name
  ({ id: anonDonor, cookie: anonCookie } = await registerDonor(ctx, { organisationName: DONOR, donorType: 'individual', anonymousDefault: true, email: 'ky.la@ketnoi.test', password: 'mat-khau-dai-2026', displayName: 'Nhà hảo tâm' }));
  expect((await call('thamdinh@ketnoi.demo', 'POST', `/api/v1/donors/${anonDonor}/vetting`, { decision: 'approved' })).statusCode).toBe(200);
  const own = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', headers: { cookie: anonCookie }, payload: { schoolId: dbSchool, category: 'books', form: 'in_kind', description: 'Tủ sách lớp học', valueVnd: 3_000_000 } });
  expect(own.statusCode).toBe(201);
  expect(own.json().anonymous).toBe(true); // the donor's default applies
  // and a row that says otherwise (recorded on its behalf before the rule): still not named in public
  await ctx.db.query(`INSERT INTO contribution (contributor_id, anonymous, school_id, province_code, form, category, description, value_vnd, pledged_on)
    VALUES ($1, false, $2, '11', 'money', 'books', 'Ủng hộ mua sách', 2000000, '2026-06-02')`, [anonDonor, dbSchool]);
});
afterAll(async () => { await ctx.close(); });

describe('a recipient\'s name stays with the school and its Department', () => {
  it('free text that names a recipient is refused on write with a clear 422, in Vietnamese and English', async () => {
    const base = { schoolId: dbSchool, contributorId: donorId, category: 'scholarship', form: 'money', valueVnd: 1_000_000 };
    const r = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...base, description: `Học bổng cho em ${PUPIL}` });
    expect(r.statusCode).toBe(422);
    expect(r.json().title).toBe('Nội dung có tên người nhận quà; tên học sinh chỉ ghi trong danh sách người nhận của trường');
    expect(r.json().errors[0].path).toBe('description');
    // without diacritics, in capitals, or by the given names only: the same
    for (const d of [`hoc bong em ${fold(PUPIL).toUpperCase()}`, 'Quà cho em Pàng Xúa']) {
      expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...base, description: d })).statusCode).toBe(422);
    }
    const en = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...base, description: 'Học bổng học kỳ I', recipientGroup: `nhóm ${PUPIL}` }, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(422);
    expect(en.json().errors.map((e: { path: string }) => e.path)).toContain('recipientGroup');
    expect(en.json().title).toMatch(/names a person receiving gifts/);
    const need = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { schoolId: dbSchool, category: 'scholarship', title: `Học bổng cho ${PUPIL}`, quantity: 1, unit: 'suất', estimatedCost: 1_000_000, priority: 'high' });
    expect(need.statusCode).toBe(422);
    expect(need.json().errors[0].path).toBe('title');
    const k = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { ...base, description: 'Học bổng học kỳ I' });
    expect(k.statusCode).toBe(201);
    expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${k.json().id}/transitions`, { action: 'deliver', note: `Giao cho ${PUPIL}` })).statusCode).toBe(422);
    expect(await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM contribution WHERE description LIKE $1', [`%${PUPIL}%`])).toEqual({ n: 1 }); // only the legacy row
  });

  it('the school and its Department read the description; the donor and the Ministry read a neutral one', async () => {
    for (const who of ['truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo']) {
      expect((await call(who, 'GET', `/api/v1/contributions/${legacyGift}`)).body).toContain(PUPIL);
    }
    for (const who of ['nhataitro@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo']) {
      const one = await call(who, 'GET', `/api/v1/contributions/${legacyGift}`);
      expect(one.statusCode).toBe(200);
      expect(one.json().description).toBe('Quà tặng học sinh');
      expect(mentions(one.body, PUPIL)).toBe(false);
      const list = await call(who, 'GET', `/api/v1/contributions?schoolId=${dbSchool}&limit=100`);
      expect(list.statusCode).toBe(200);
      expect(mentions(list.body, PUPIL)).toBe(false);
    }
  });

  it('the donor\'s notifications never name the pupil', async () => {
    const n = await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/notifications?limit=100');
    expect(n.statusCode).toBe(200);
    expect(n.body).toContain('Quà tặng học sinh');
    expect(mentions(n.body, PUPIL)).toBe(false);
    const stored = await ctx.db.query<{ params: unknown }>('SELECT params FROM notification WHERE organisation_id = $1', [donorId]);
    expect(mentions(JSON.stringify(stored), PUPIL)).toBe(false);
  });

  it('public pages and exports never name the pupil', async () => {
    const outputs: [string, string][] = [];
    for (const format of ['json', 'csv']) outputs.push([`public ${format}`, (await call(null, 'GET', `/api/v1/public/contributions?format=${format}&provinceCode=11`)).body]);
    outputs.push(['public xlsx', await xlsxText((await call(null, 'GET', `/api/v1/public/contributions?format=xlsx&provinceCode=11`)).rawPayload)]);
    outputs.push(['school page', (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).body]);
    outputs.push(['donor page', (await call(null, 'GET', `/api/v1/public/donors/${donorId}`)).body]);
    outputs.push(['needs csv', (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/needs?format=csv&provinceCode=11')).body]);
    outputs.push(['dashboard', (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).body]);
    expect(outputs.filter(([, body]) => mentions(body, PUPIL)).map(([what]) => what)).toEqual([]);
    expect(outputs[0][1]).toContain('Quà tặng học sinh');
  });
});

describe('an individual donor who chose anonymity is never named in public', () => {
  it('portal lists, exports, school and donor pages', async () => {
    const outputs: [string, string][] = [];
    for (const format of ['json', 'csv']) outputs.push([`public ${format}`, (await call(null, 'GET', `/api/v1/public/contributions?format=${format}&provinceCode=11`)).body]);
    outputs.push(['public xlsx', await xlsxText((await call(null, 'GET', `/api/v1/public/contributions?format=xlsx&provinceCode=11`)).rawPayload)]);
    outputs.push(['school page', (await call(null, 'GET', `/api/v1/public/schools/${dbSchool}`)).body]);
    expect(outputs.filter(([, body]) => mentions(body, DONOR) || body.includes(anonDonor)).map(([what]) => what)).toEqual([]);
    const rows = JSON.parse(outputs[0][1]).items as { contributor: string; valueVnd: number }[];
    expect(rows.filter((r) => r.valueVnd === 3_000_000 || r.valueVnd === 2_000_000).every((r) => r.contributor === 'Ẩn danh')).toBe(true);
    expect(rows.filter((r) => r.valueVnd === 3_000_000 || r.valueVnd === 2_000_000).length).toBeGreaterThanOrEqual(2);
    expect((await call(null, 'GET', `/api/v1/public/donors/${anonDonor}`)).statusCode).toBe(404);
    // the school it gave to still knows who gave (not public)
    expect((await call('truong.dienbien@ketnoi.demo', 'GET', `/api/v1/contributions?schoolId=${dbSchool}&limit=100`)).body).toContain(DONOR);
  });
});

describe('the log', () => {
  it('carries neither the pupil\'s name nor the donor, even when a statement with the name fails', async () => {
    // the name in a query string, a JSON body, and a statement the database refuses (its failing row quotes the name)
    await call('truong.dienbien@ketnoi.demo', 'GET', `/api/v1/needs?q=${encodeURIComponent(PUPIL)}`);
    await ctx.db.exec(`ALTER TABLE beneficiary ADD CONSTRAINT privacy_probe CHECK (full_name <> '${PUPIL} Hai')`);
    const fail = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: `${PUPIL} Hai`, birthYear: 2016, consentRecorded: true });
    expect(fail.statusCode).toBe(500);
    expect(mentions(fail.body, PUPIL)).toBe(false);
    await ctx.db.exec('ALTER TABLE beneficiary DROP CONSTRAINT privacy_probe');
    await new Promise((r) => setTimeout(r, 50));
    const text = log.join('');
    expect(text).toContain('"code":"23514"');
    expect(text).toContain('INSERT INTO beneficiary#');
    expect(text).toContain('/api/v1/needs"');
    const hits = [...texts(PUPIL), ...texts(DONOR)].filter((t) => text.includes(t)).length + (fold(text).includes(fold(PUPIL)) ? 1 : 0) + (fold(text).includes(fold(DONOR)) ? 1 : 0);
    console.info(`privacy log: ${log.length} lines, ${hits} hits of the pupil's or the donor's name`);
    expect(hits).toBe(0);
  });
});
