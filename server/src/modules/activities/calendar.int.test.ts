import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

/**
 * The calendar download (`/hoat-dong/lich`): upcoming events as iCalendar, by kind, unit and
 * province; past events and communication records are left out; every signed-in role reads it,
 * the public does not.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const GDTC = 'dieuphoi@ketnoi.demo';
let gdtc = '', dept = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock });
  gdtc = (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [GDTC])).organisation_id;
  dept = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.dienbien@ketnoi.demo'`)).organisation_id;
  const add = async (over: Record<string, unknown>) => ok(await call(GDTC, 'POST', '/api/v1/activities', {
    kind: 'training', state: 'planned', title: 'Tập huấn', startsOn: '2026-12-10', endsOn: '2026-12-11', organiserId: gdtc, taskIds: [], coOrganiserIds: [], inviteeIds: [], participants: [], agenda: [], ...over,
  }), 201);
  await add({ title: 'Tập huấn giáo viên mầm non vùng khó khăn, Điện Biên', provinceCode: '11', place: 'Điện Biên Phủ', coOrganiserIds: [dept] });
  await add({ kind: 'online_exchange', title: 'Giao lưu trực tuyến với cha mẹ học sinh', link: 'https://meet.example.vn/giao-luu', startsOn: '2027-01-05', endsOn: '2027-01-05' });
  await add({ kind: 'workshop', state: 'held', title: 'Hội thảo đã tổ chức trước đây', startsOn: '2026-10-01', endsOn: '2026-10-01', provinceCode: '11' });
  await add({ kind: 'article', title: 'Bài viết trên báo về lịch tập huấn', startsOn: '2026-12-01', endsOn: '2026-12-01', channel: 'Báo Giáo dục và Thời đại' });
});
afterAll(async () => { await ctx.close(); });

const events = (body: string) => body.split('BEGIN:VEVENT').length - 1;
const unfolded = (body: string) => body.replace(/\r\n /g, '');

describe('the calendar of upcoming events as .ics', () => {
  it('lists the upcoming events (not past ones, not communication records) as all-day events', async () => {
    const r = await call(GDTC, 'GET', '/api/v1/activities/calendar.ics');
    ok(r);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    expect(r.headers['content-disposition']).toBe('attachment; filename="lich-hoat-dong-2026-11-20.ics"');
    const body = unfolded(r.body);
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('SUMMARY:Tập huấn giáo viên mầm non vùng khó khăn\\, Điện Biên');
    expect(body).toContain('DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261212');
    expect(body).toContain('LOCATION:https://meet.example.vn/giao-luu');
    expect(body).not.toContain('Hội thảo đã tổ chức trước đây');
    expect(body).not.toContain('Bài viết trên báo');
    // as many events as the calendar page lists from today
    const page = (await call(GDTC, 'GET', '/api/v1/activities?category=event&from=2026-11-20&limit=200')).json();
    expect(events(body)).toBe(page.total);
  });

  it('filters by province, unit (organiser or co-organiser), kind and dates; a bad filter is a 422', async () => {
    const byProvince = unfolded((await call(GDTC, 'GET', '/api/v1/activities/calendar.ics?provinceCode=11')).body);
    expect(byProvince).toContain('Tập huấn giáo viên mầm non');
    expect(byProvince).not.toContain('Giao lưu trực tuyến');
    const byUnit = unfolded((await call(GDTC, 'GET', `/api/v1/activities/calendar.ics?unitId=${dept}`)).body);
    expect(byUnit).toContain('Tập huấn giáo viên mầm non');
    expect(byUnit).not.toContain('Giao lưu trực tuyến');
    const byKind = unfolded((await call(GDTC, 'GET', '/api/v1/activities/calendar.ics?kind=online_exchange')).body);
    expect(byKind).toContain('Giao lưu trực tuyến');
    expect(byKind).not.toContain('Tập huấn giáo viên');
    const past = unfolded((await call(GDTC, 'GET', '/api/v1/activities/calendar.ics?from=2026-09-01&to=2026-10-31')).body);
    expect(past).toContain('Hội thảo đã tổ chức trước đây');
    for (const bad of ['kind=article', 'provinceCode=xx', 'unitId=abc', 'from=2026-13-01']) {
      const r = await call(GDTC, 'GET', `/api/v1/activities/calendar.ics?${bad}`);
      expect(r.statusCode, bad).toBe(422);
    }
  });

  it.each([
    ['quantri@ketnoi.demo', 200], [GDTC, 200], ['vu.gdcthssv@ketnoi.demo', 200], ['so.dienbien@ketnoi.demo', 200], ['truong.dienbien@ketnoi.demo', 200],
    ['nhataitro@ketnoi.demo', 200], ['xa.sinthau@ketnoi.demo', 200], ['daotao.dhsphn@ketnoi.demo', 200], [null, 401],
  ] as [string | null, number][])('%s downloads the calendar (%i)', async (who, status) => {
    const r = await call(who, 'GET', '/api/v1/activities/calendar.ics');
    expect(r.statusCode).toBe(status);
    if (status === 200) expect(r.body).toContain('END:VCALENDAR');
  });
});
