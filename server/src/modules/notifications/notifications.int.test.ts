import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';

/**
 * Notifications written by the services are stored as a kind and parameters and read in each
 * reader's language: the same notification shows Vietnamese to an account in Vietnamese and
 * English to an account whose locale is en.
 */

const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);

interface Note { id: string; kind: string; title: string; body: string; link: string | null }

beforeAll(async () => {
  ctx = await testApp({ clock });
});
afterAll(async () => { await ctx.close(); });

const setLocale = (email: string, locale: string) => ctx.db.query('UPDATE app_user SET locale = $2 WHERE email = $1', [email, locale]);
const mine = async (who: string): Promise<Note[]> => (await call(who, 'GET', '/api/v1/notifications?limit=100')).json().items;

/** The notification of a kind most recently addressed to the reader, read in Vietnamese and then in English. */
async function inBothLanguages(who: string, kind: string): Promise<{ vi: Note; en: Note }> {
  const vi = (await mine(who)).find((n) => n.kind === kind);
  expect(vi).toBeDefined();
  await setLocale(who, 'en');
  try {
    const en = (await mine(who)).find((n) => n.id === vi!.id);
    expect(en).toBeDefined();
    return { vi: vi!, en: en! };
  } finally {
    await setLocale(who, 'vi');
  }
}

describe('notifications in the reader\'s language', () => {
  it('a pledge: the school reads it in Vietnamese, or in English with its locale en', async () => {
    const school = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
    const donor = (await ctx.db.one<{ name: string }>(`SELECT o.name FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = 'nhataitro@ketnoi.demo'`)).name;
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: school, category: 'books', form: 'in_kind', description: 'Sách giáo khoa lớp 1', valueVnd: 5_000_000, quantity: 100, unit: 'bộ' });
    expect(p.statusCode).toBe(201);
    const { vi, en } = await inBothLanguages('truong.dienbien@ketnoi.demo', 'pledge_received');
    expect(vi.title).toBe('Có cam kết tài trợ mới: Sách giáo khoa lớp 1');
    expect(vi.body).toBe(`${donor} cam kết 100 bộ trị giá ${(5_000_000).toLocaleString('vi-VN')} đồng.`);
    expect(en.title).toBe('New pledge: Sách giáo khoa lớp 1');
    expect(en.body).toBe(`${donor} pledged 100 bộ worth VND 5,000,000.`);
  });

  it('an anonymous pledge never names its donor, in either language', async () => {
    const school = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
    const donor = (await ctx.db.one<{ name: string }>(`SELECT o.name FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = 'nhataitro@ketnoi.demo'`)).name;
    const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: school, anonymous: true, category: 'books', form: 'money', description: 'Ủng hộ quỹ khuyến học', valueVnd: 2_000_000 });
    expect(p.statusCode, p.body).toBe(201);
    const { vi, en } = await inBothLanguages('truong.dienbien@ketnoi.demo', 'pledge_received');
    expect(vi.title).toBe('Có cam kết tài trợ mới: Ủng hộ quỹ khuyến học');
    expect(vi.body).toBe(`Một nhà hảo tâm (ẩn danh) cam kết trị giá ${(2_000_000).toLocaleString('vi-VN')} đồng.`);
    expect(en.body).toBe('An anonymous donor pledged worth VND 2,000,000.');
    for (const n of [vi, en]) expect(`${n.title} ${n.body}`).not.toContain(donor);
    // nor in the stored parameters
    const stored = await ctx.db.one<{ params: unknown }>('SELECT params FROM notification WHERE id = $1', [vi.id]);
    expect(JSON.stringify(stored.params)).not.toContain(donor);
  });

  it('a need returned by the Department: the school reads the reason in Vietnamese, or English with its locale en', async () => {
    const school = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
    const n = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { category: 'equipment', title: 'Máy chiếu phòng học', description: 'Cho điểm trường bản', quantity: 2, unit: 'chiếc', estimatedCost: 30_000_000, priority: 'normal', schoolId: school });
    expect(n.statusCode).toBe(201);
    const id = n.json().id;
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'return', reason: 'Thiếu báo giá' })).statusCode).toBe(200);
    const { vi, en } = await inBothLanguages('truong.dienbien@ketnoi.demo', 'need_return');
    expect(vi).toMatchObject({ title: 'Nhu cầu bị trả lại: Máy chiếu phòng học', body: 'Lý do: Thiếu báo giá', link: `/nhu-cau/${id}` });
    expect(en).toMatchObject({ title: 'Need returned: Máy chiếu phòng học', body: 'Reason: Thiếu báo giá', link: `/nhu-cau/${id}` });
  });

  it('a twinning activity: the partner school reads it in Vietnamese, or English with its locale en', async () => {
    const hanoiSchool = (await ctx.db.one<{ id: string; name: string }>(`SELECT o.id, o.name FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = 'truong.hanoi@ketnoi.demo'`));
    const border = (await ctx.db.one<{ id: string }>(
      `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
        WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND 'thpt' = ANY(s.levels) ORDER BY s.code LIMIT 1`)).id;
    const acc = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/accounts', { email: 'bien.thongbao@ketnoi.test', displayName: 'Cán bộ trường biên giới', password: DEMO_PASSWORD, role: 'school', organisationId: border });
    expect(acc.statusCode, acc.body).toBe(201);
    const pair = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { hanoiSchoolId: hanoiSchool.id, borderSchoolId: border, startYear: 2026 });
    expect(pair.statusCode).toBe(201);
    const [body, headers] = multipart({ heldOn: '2026-06-10', kind: 'exchange', subKind: 'connected_classroom', mode: 'online', title: 'Lớp học kết nối môn Toán', teachers: '2', pupils: '40' }, []);
    expect((await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pair.json().id}/activities`, body, headers)).statusCode).toBe(201);
    const { vi, en } = await inBothLanguages('bien.thongbao@ketnoi.test', 'twinning_activity');
    expect(vi).toMatchObject({ title: 'Hoạt động kết nghĩa mới: Lớp học kết nối môn Toán', body: `${hanoiSchool.name} đã ghi nhận hoạt động ngày 10/06/2026. Đề nghị trường xác nhận.` });
    expect(en).toMatchObject({ title: 'New twinning activity: Lớp học kết nối môn Toán', body: `${hanoiSchool.name} recorded an activity held on 10/06/2026. Please confirm it.` });
  });

  it('still shows a notification stored before the catalogue, with its title and body and no parameters', async () => {
    const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.sonla@ketnoi.demo'`)).organisation_id;
    const { id } = await ctx.db.one<{ id: string }>(`INSERT INTO notification (organisation_id, kind, title, body) VALUES ($1, 'need_verify', 'Thông báo cũ', 'Nội dung cũ') RETURNING id`, [org]);
    for (const locale of ['vi', 'en']) {
      await setLocale('so.sonla@ketnoi.demo', locale);
      expect((await mine('so.sonla@ketnoi.demo')).find((n) => n.id === id)).toMatchObject({ title: 'Thông báo cũ', body: 'Nội dung cũ' });
    }
    await setLocale('so.sonla@ketnoi.demo', 'vi');
  });
});
