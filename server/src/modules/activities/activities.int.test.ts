import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { ActivityDetail } from '../../../../contracts/activities.js';

/**
 * Programme records: Vụ GDTC (the coordinator's unit) records the communication activities of its
 * plan-237 task III.1; the register lists, filters, searches without diacritics, pages and exports
 * them; only the organiser's side writes; the public reads nothing.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const GDTC = 'dieuphoi@ketnoi.demo';
const UNIT = 'daotao.dhsphn@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const SCHOOL = 'truong.dienbien@ketnoi.demo';
const ADMIN = 'quantri@ketnoi.demo';
let gdtc = '', unit = '', dept = '', task31 = '', taskIV8 = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const orgOf = async (email: string) => (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;
const taskOf = async (number: string) => (await ctx.db.one<{ id: string }>(`SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'kh-237-bgddt-2023' AND t.number = $1`, [number])).id;

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  [gdtc, unit, dept] = await Promise.all([orgOf(GDTC), orgOf(UNIT), orgOf(DEPT)]);
  [task31, taskIV8] = await Promise.all([taskOf('III.1'), taskOf('IV.8')]);
});
afterAll(async () => { await ctx.close(); });

const record = (over: Record<string, unknown> = {}) => ({
  kind: 'workshop', state: 'held', title: 'Hội thảo truyền thông về bữa ăn học đường tại Điện Biên', startsOn: '2026-10-05', endsOn: '2026-10-06',
  place: 'Thành phố Điện Biên Phủ', organiserId: gdtc, provinceCode: '11', audience: 'Cán bộ quản lý và giáo viên mầm non vùng khó khăn',
  taskIds: [task31], coOrganiserIds: [dept], inviteeIds: [dept],
  participants: [{ group: 'managers', planned: 40, actual: 38 }, { group: 'teachers', planned: 60, actual: 64 }],
  agenda: [{ time: '8:00', content: 'Khai mạc', responsible: 'Lãnh đạo Vụ GDTC', responsibleId: gdtc }, { time: '8:30', content: 'Trao đổi kinh nghiệm tổ chức bữa ăn', responsible: 'Sở GDĐT Điện Biên', responsibleId: dept }],
  evaluation: { respondents: 90, score: 4.5, note: 'Nội dung thiết thực' },
  ...over,
});
async function create(over: Record<string, unknown> = {}, who = GDTC): Promise<ActivityDetail> {
  const r = await call(who, 'POST', '/api/v1/activities', record(over));
  ok(r, 201);
  return r.json();
}

describe('recording an activity', () => {
  it('the organiser records a held workshop with its participants, agenda, task and evaluation', async () => {
    const a = await create();
    expect(a).toMatchObject({ kind: 'workshop', category: 'event', state: 'held', participantsActual: 102, participantsPlanned: 100, evaluationScore: 4.5, taskCount: 1, provinceName: expect.stringContaining('Điện Biên') });
    expect(a.tasks[0]).toMatchObject({ id: task31, number: 'III.1', planKey: 'kh-237-bgddt-2023' });
    expect(a.agenda.map((i) => i.responsibleOrg?.id)).toEqual([gdtc, dept]);
    expect(a.coOrganisers.map((o) => o.id)).toEqual([dept]);
    expect(a.can).toEqual({ edit: true, attach: true, feedback: true });
    const seen = await call(UNIT, 'GET', `/api/v1/activities/${a.id}`);
    ok(seen);
    expect(seen.json().can).toEqual({ edit: false, attach: false, feedback: false });
    // the co-organising Department reads it but does not edit the Ministry's record
    ok(await call(DEPT, 'PATCH', `/api/v1/activities/${a.id}`, { title: 'Đổi tên' }), 403);
    expect((await call(null, 'GET', `/api/v1/activities/${a.id}`)).statusCode).toBe(401);
    expect((await call(null, 'GET', '/api/v1/activities')).statusCode).toBe(401);
  });

  it('refuses, in Vietnamese and writing nothing, what does not add up', async () => {
    const before = Number((await ctx.db.one<{ n: string }>('SELECT count(*) AS n FROM activity')).n);
    const bad = async (over: Record<string, unknown>, path: string) => {
      const r = await call(GDTC, 'POST', '/api/v1/activities', record(over));
      ok(r, 422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await bad({ endsOn: '2026-10-01' }, 'endsOn');
    await bad({ startsOn: '2026-12-20', endsOn: '2026-12-21' }, 'state');
    await bad({ participants: [{ group: 'teachers', actual: 1 }, { group: 'teachers', actual: 2 }] }, 'participants.1.group');
    await bad({ state: 'planned' }, 'evaluation');
    // a task Vụ GDTC neither leads nor partners (IV.8 is Vụ GDTX's)
    await bad({ taskIds: [taskIV8] }, 'taskIds.0');
    await bad({ taskIds: ['00000000-0000-4000-8000-000000000000'] }, 'taskIds.0');
    await bad({ agenda: [{ content: 'Ký kết', agreementId: '00000000-0000-4000-8000-000000000000' }] }, 'agenda.0.agreementId');
    await bad({ link: 'javascript:alert(1)' }, 'link');
    await bad({ evaluation: { score: 7 } }, 'evaluation.score');
    expect(Number((await ctx.db.one<{ n: string }>('SELECT count(*) AS n FROM activity')).n)).toBe(before);
    // an administrator may link any task
    ok(await call(ADMIN, 'POST', '/api/v1/activities', record({ taskIds: [taskIV8], title: 'Lớp tập huấn (quản trị ghi hộ)', kind: 'training' })), 201);
  });

  it('only the organiser side records: a school, a donor and a unit for someone else may not', async () => {
    ok(await call(SCHOOL, 'POST', '/api/v1/activities', record()), 403);
    ok(await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/activities', record()), 403);
    ok(await call(UNIT, 'POST', '/api/v1/activities', record()), 403);
    ok(await call(null, 'POST', '/api/v1/activities', record()), 401);
    // the training institution records its own training (no task: it leads none of plan 237's)
    const own = await create({ organiserId: unit, kind: 'training', title: 'Lớp tập huấn khởi nghiệp cho sinh viên', taskIds: [], coOrganiserIds: [], provinceCode: '01' }, UNIT);
    expect(own.organiser.id).toBe(unit);
    // a Department records for itself in its province, not for the Ministry
    ok(await call(DEPT, 'POST', '/api/v1/activities', record({ organiserId: dept, taskIds: [], coOrganiserIds: [] })), 201);
    ok(await call(DEPT, 'POST', '/api/v1/activities', record({ taskIds: [], coOrganiserIds: [] })), 403);
  });

  it("naming a unit co-organiser does not fill that unit's task: only who writes for the co-organiser links its task", async () => {
    const gdtx = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'vu-gdtx'`)).id;
    const countOf = async () => (await call(UNIT, 'GET', `/api/v1/tasks/${taskIV8}`)).json().task.records.count as number;
    const before = await countOf();
    // the Department of Điện Biên names Vụ GDTX co-organiser of its own training and links Vụ GDTX's task IV.8 ("02 lớp")
    const training = { kind: 'training', title: 'Lớp tập huấn của Sở (nhiệm vụ của Vụ khác)', organiserId: dept, coOrganiserIds: [gdtx], taskIds: [taskIV8], inviteeIds: [] };
    const r = await call(DEPT, 'POST', '/api/v1/activities', record(training));
    ok(r, 422);
    expect(r.json().errors).toEqual([{ path: 'taskIds.0', message: 'Nhiệm vụ này do đơn vị phối hợp chủ trì hoặc phối hợp; chỉ đơn vị đó ghi hoạt động cho nhiệm vụ' }]);
    const en = await call(DEPT, 'POST', '/api/v1/activities', record(training), { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('This task is led or partnered by a co-organiser; only that unit records activities for it');
    // nor by an edit of a record it may edit
    const own = await create({ ...training, taskIds: [] }, DEPT);
    ok(await call(DEPT, 'PATCH', `/api/v1/activities/${own.id}`, { taskIds: [taskIV8] }), 422);
    expect(await countOf()).toBe(before);
    // the Ministry's coordinator writes for the Ministry's units: its record co-organised by Vụ GDTX serves IV.8
    const ministry = await create({ kind: 'training', title: 'Lớp tập huấn phối hợp với Vụ GDTX', coOrganiserIds: [gdtx], taskIds: [taskIV8], inviteeIds: [] });
    expect(ministry.tasks.map((t) => t.id)).toEqual([taskIV8]);
  });

  it('the organiser edits its record and attaches materials that only accounts download', async () => {
    const a = await create({ kind: 'clip', state: 'held', title: 'Clip về vệ sinh môi trường trường học', channel: 'Đài Truyền hình Việt Nam', reach: 120000, participants: [], agenda: [], evaluation: null, endsOn: null });
    expect(a).toMatchObject({ category: 'communication', reach: 120000, endsOn: a.startsOn });
    const edited = await call(GDTC, 'PATCH', `/api/v1/activities/${a.id}`, { title: 'Clip tuyên truyền vệ sinh môi trường', reach: 150000 });
    ok(edited);
    expect(edited.json()).toMatchObject({ title: 'Clip tuyên truyền vệ sinh môi trường', reach: 150000, tasks: [{ id: task31 }] });
    ok(await call(GDTC, 'PATCH', `/api/v1/activities/${a.id}`, { organiserId: unit }), 422);
    const [p, h] = multipart({ kind: 'photo' }, [{ filename: 'quay-clip.png', type: 'image/png', data: PNG }]);
    const att = await call(GDTC, 'POST', `/api/v1/activities/${a.id}/files`, p, h);
    ok(att, 201);
    const file = att.json().files[0];
    expect(file).toMatchObject({ kind: 'photo', mime: 'image/png' });
    ok(await call(UNIT, 'GET', `/api/v1/files/${file.id}`));
    expect((await call(null, 'GET', `/api/v1/files/${file.id}`)).statusCode).toBeGreaterThanOrEqual(401);
    const [p2, h2] = multipart({ kind: 'photo' }, [{ filename: 'x.png', type: 'image/png', data: PNG }]);
    ok(await call(UNIT, 'POST', `/api/v1/activities/${a.id}/files`, p2, h2), 403);
    const [p3, h3] = multipart({ kind: 'photo' }, []);
    ok(await call(GDTC, 'POST', `/api/v1/activities/${a.id}/files`, p3, h3), 422);
  });
});

describe("participants' own evaluations", () => {
  const feedback = (who: string | null, id: string, body: unknown) => call(who, 'POST', `/api/v1/activities/${id}/feedback`, body);
  const rows = async (id: string) => Number((await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM activity_feedback WHERE activity_id = $1', [id])).n);

  it('each account of an organisation taking part scores a held activity once; the count and average come from the responses, apart from the paper forms', async () => {
    const a = await create({ title: 'Hội thảo có phiếu đánh giá trực tuyến', inviteeIds: [dept, unit, await orgOf(SCHOOL)] });
    expect(a.feedback).toEqual({ count: 0, average: null, mine: null, comments: [] });
    expect(a.can.feedback).toBe(true);
    const d1 = await feedback(SCHOOL, a.id, { score: 5, comment: '  Rất bổ ích, mong có thêm lớp  ' });
    ok(d1, 201);
    expect((d1.json() as ActivityDetail).feedback).toMatchObject({ count: 1, average: 5, mine: { score: 5, comment: 'Rất bổ ích, mong có thêm lớp' } });
    expect((d1.json() as ActivityDetail).can.feedback).toBe(false);
    // the school is not on the organiser's side: it reads no one's comments, not even its own in the list
    expect((d1.json() as ActivityDetail).feedback.comments).toEqual([]);
    ok(await feedback(DEPT, a.id, { score: 4 }), 201);
    ok(await feedback(UNIT, a.id, { score: 4, comment: null }), 201);
    // once per account
    const again = await feedback(SCHOOL, a.id, { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail ?? again.json().title).toMatch(/đã gửi đánh giá/);
    expect(await rows(a.id)).toBe(3);
    // the organiser reads the count, the average computed in SQL (13 / 3 = 4.33), the comments without their authors, and its paper forms unchanged
    const seen = (await call(GDTC, 'GET', `/api/v1/activities/${a.id}`)).json() as ActivityDetail;
    const sql = await ctx.db.one<{ avg: string }>('SELECT round(avg(score), 2)::text AS avg FROM activity_feedback WHERE activity_id = $1', [a.id]);
    expect(sql.avg).toBe('4.33');
    expect(seen.feedback).toEqual({ count: 3, average: 4.33, mine: null, comments: ['Rất bổ ích, mong có thêm lớp'] });
    expect(seen.evaluation).toEqual({ respondents: 90, score: 4.5, note: 'Nội dung thiết thực' });
    expect(seen.can.feedback).toBe(true);
    expect(JSON.stringify(seen.feedback)).not.toContain('truong.dienbien');
    // the hand-entered aggregate still edits as before, and leaves the responses alone
    const edited = await call(GDTC, 'PATCH', `/api/v1/activities/${a.id}`, { evaluation: { respondents: 120, score: 4.2, note: 'Phiếu giấy' } });
    ok(edited);
    expect((edited.json() as ActivityDetail).evaluation).toEqual({ respondents: 120, score: 4.2, note: 'Phiếu giấy' });
    expect((edited.json() as ActivityDetail).feedback).toMatchObject({ count: 3, average: 4.33 });
    const audited = await ctx.db.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'activity' AND entity_id = $1 AND action = 'feedback'`, [a.id]);
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited)).not.toContain('bổ ích');
  });

  it('refuses in Vietnamese and writes nothing: a bad score or comment, an activity not held, an unknown one, the public', async () => {
    const a = await create({ title: 'Hội thảo kiểm tra phiếu đánh giá', inviteeIds: [dept, await orgOf(SCHOOL)] });
    for (const [body, message] of [
      [{ score: 0 }, 'Điểm đánh giá từ 1 đến 5'], [{ score: 6 }, 'Điểm đánh giá từ 1 đến 5'], [{ score: 3.5 }, 'Điểm đánh giá là số nguyên từ 1 đến 5'],
      [{ score: 'năm' }, 'Điểm đánh giá là một số từ 1 đến 5'], [{}, 'Điểm đánh giá là một số từ 1 đến 5'], [{ score: 4, comment: 'x'.repeat(1001) }, 'Nhận xét tối đa 1000 ký tự'],
    ] as const) {
      const r = await feedback(SCHOOL, a.id, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors[0].message, JSON.stringify(body)).toBe(message);
    }
    expect(await rows(a.id)).toBe(0);
    const planned = await create({ title: 'Hội thảo chưa tổ chức', inviteeIds: [await orgOf(SCHOOL)], state: 'planned', startsOn: '2026-12-05', endsOn: '2026-12-05', evaluation: null, participants: [] });
    expect(planned.can.feedback).toBe(false);
    const early = await feedback(SCHOOL, planned.id, { score: 4 });
    expect(early.statusCode).toBe(409);
    expect(await rows(planned.id)).toBe(0);
    expect((await feedback(SCHOOL, '00000000-0000-4000-8000-000000000000', { score: 4 })).statusCode).toBe(404);
    expect((await feedback(null, a.id, { score: 4 })).statusCode).toBe(401);
    // an account whose organisation did not take part (neither organiser, co-organiser nor invitee) did not attend
    const outsider = (await call(UNIT, 'GET', `/api/v1/activities/${a.id}`)).json() as ActivityDetail;
    expect(outsider.can.feedback).toBe(false);
    const refused = await feedback(UNIT, a.id, { score: 5 });
    expect(refused.statusCode).toBe(403);
    expect(await rows(a.id)).toBe(0);
  });

  it('two responses of one account at once: one 201, one 409', async () => {
    const a = await create({ title: 'Hội thảo gửi đánh giá cùng lúc' });
    const codes = (await Promise.all([feedback(DEPT, a.id, { score: 3 }), feedback(DEPT, a.id, { score: 5 })])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409]);
    expect(await rows(a.id)).toBe(1);
  });
});

describe('the register', () => {
  it('filters by kind, category, unit, province, task and dates, and searches without diacritics', async () => {
    await create({ title: 'Giao lưu trực tuyến: bữa ăn học đường', kind: 'online_exchange', startsOn: '2026-09-01', endsOn: '2026-09-01', provinceCode: null, place: null, link: 'https://gdtd.vn/giao-luu' });
    const list = async (q: string) => { const r = await call(UNIT, 'GET', `/api/v1/activities?${q}`); ok(r); return r.json() as { items: { title: string; kind: string; organiser: { id: string }; provinceCode: string | null; startsOn: string }[]; total: number; nextCursor: string | null }; };
    const all = await list('limit=200');
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect((await list('kind=online_exchange')).items.every((i) => i.kind === 'online_exchange')).toBe(true);
    expect((await list('category=communication')).items.every((i) => ['article', 'column', 'clip', 'print_publication', 'e_publication'].includes(i.kind))).toBe(true);
    expect((await list(`unitId=${unit}`)).items.every((i) => i.organiser.id === unit)).toBe(true);
    // a co-organiser's records are the unit's too
    expect((await list(`unitId=${dept}`)).items.some((i) => i.organiser.id === gdtc)).toBe(true);
    expect((await list('provinceCode=11')).items.every((i) => i.provinceCode === '11')).toBe(true);
    expect((await list(`taskId=${task31}`)).total).toBeGreaterThanOrEqual(3);
    expect((await list('from=2026-09-01&to=2026-09-30')).items.map((i) => i.startsOn)).toEqual(['2026-09-01']);
    const folded = await list(`q=${encodeURIComponent('bua an hoc duong giao luu')}`);
    expect(folded.items.map((i) => i.title)).toEqual(['Giao lưu trực tuyến: bữa ăn học đường']);
    expect((await list(`q=${encodeURIComponent('Bữa ĂN')}`)).total).toBeGreaterThanOrEqual(2);
  });

  it('pages by cursor, newest first, and refuses a forged cursor with a 400', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const r = await call(GDTC, 'GET', `/api/v1/activities?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ok(r);
      const b = r.json();
      total = b.total;
      seen.push(...b.items.map((i: { startsOn: string; id: string }) => `${i.startsOn} ${i.id}`));
      cursor = b.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect([...seen].sort().reverse()).toEqual(seen);
    const forged = Buffer.from(JSON.stringify(['not-a-date', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await call(GDTC, 'GET', `/api/v1/activities?cursor=${forged}`)).statusCode).toBe(400);
  });

  it('exports CSV and XLSX', async () => {
    const csv = await call(GDTC, 'GET', '/api/v1/activities?format=csv&provinceCode=11');
    ok(csv);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Tên hoạt động, sản phẩm');
    expect(csv.body).toContain('Hội thảo truyền thông về bữa ăn học đường');
    const xlsx = await call(GDTC, 'GET', '/api/v1/activities?format=xlsx');
    ok(xlsx);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await call(null, 'GET', '/api/v1/activities?format=csv')).statusCode).toBe(401);
  });
});

describe('deliverables that count themselves', () => {
  it('plan 237 task III.2 ("02 Hoạt động truyền thông được tổ chức") counts its held communication records at each date', async () => {
    const task32 = await taskOf('III.2');
    const detail = async (asOf: string) => { const r = await call(UNIT, 'GET', `/api/v1/tasks/${task32}?asOf=${asOf}`); ok(r); return r.json().task as { status: string; records: { target: number | null; count: number; kinds: string[] } | null }; };
    expect(await detail('2023-10-05')).toMatchObject({ status: 'not_started', records: { target: 2, count: 0 } });
    const comm = { taskIds: [task32], coOrganiserIds: [], inviteeIds: [], agenda: [], evaluation: null, provinceCode: null };
    await create({ ...comm, kind: 'article', title: 'Bài viết về vệ sinh môi trường trường học', startsOn: '2023-10-10', endsOn: null, channel: 'Báo Giáo dục và Thời đại' });
    // a planned record and a record of a kind the deliverable does not name do not count
    await create({ ...comm, kind: 'clip', state: 'planned', title: 'Clip dự kiến', startsOn: '2023-10-15', endsOn: null, participants: [] });
    await create({ ...comm, kind: 'training', title: 'Tập huấn (không phải hoạt động truyền thông)', startsOn: '2023-10-16', endsOn: null });
    expect(await detail('2023-10-12')).toMatchObject({ status: 'on_track', records: { target: 2, count: 1 } });
    expect(await detail('2023-10-19')).toMatchObject({ records: { target: 2, count: 1 } });
    await create({ ...comm, kind: 'workshop', title: 'Hội thảo truyền thông thay đổi hành vi vệ sinh', startsOn: '2023-10-20', endsOn: '2023-10-21' });
    expect(await detail('2023-10-20')).toMatchObject({ records: { count: 1 } });
    expect(await detail('2023-10-21')).toMatchObject({ status: 'done', records: { target: 2, count: 2 } });
    expect(await detail('2023-11-15')).toMatchObject({ status: 'done', records: { target: 2, count: 2 } });
    // the plan's list of tasks shows the same
    const tasks = await call(UNIT, 'GET', '/api/v1/plans/kh-237-bgddt-2023/tasks?asOf=2023-11-15&limit=200');
    ok(tasks);
    expect(tasks.json().items.find((t: { id: string }) => t.id === task32)).toMatchObject({ status: 'done', records: { count: 2 } });
    // a task whose deliverables count nothing has no records
    expect((await call(UNIT, 'GET', `/api/v1/tasks/${await taskOf('I.1')}`)).json().task.records).toBeNull();
    // the plan's .docx report lists them under the task, with the deliverable as reached
    const report = await call(UNIT, 'GET', '/api/v1/plans/kh-237-bgddt-2023/report?format=docx&asOf=2023-11-15');
    ok(report);
    const plain = (await (await JSZip.loadAsync(report.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(plain).toContain('Sản phẩm: 2/2 – 02 Hoạt động truyền thông được tổ chức');
    expect(plain).toContain('Hội thảo truyền thông thay đổi hành vi vệ sinh (21/10/2023)');
    // IV.8 ("02 lớp bồi dưỡng, tập huấn") counts trainings
    expect((await call(UNIT, 'GET', `/api/v1/tasks/${taskIV8}`)).json().task.records).toMatchObject({ target: 2, kinds: ['training'] });
  });

  it('a plan target says whether it is measured from data or entered by hand', async () => {
    const hanoi = (await call(GDTC, 'GET', '/api/v1/plans/kh-ketnghia-hanoi-2026?asOf=2026-11-20')).json();
    const t = hanoi.goals.flatMap((g: { targets: unknown[] }) => g.targets)[0];
    expect(t).toMatchObject({ source: 'data', computedFrom: 'twinning_min_activities_school_year', targetValue: 1 });
    // measured at the date asked: the fewest activities an active pair has had in that date's school year
    const measured = async (asOf: string) => {
      const r = await call(GDTC, 'GET', `/api/v1/plans/kh-ketnghia-hanoi-2026?asOf=${asOf}`);
      ok(r);
      return r.json().goals.flatMap((g: { targets: { measuredValue: number | null; measuredOn: string | null }[] }) => g.targets)[0];
    };
    // before the demo's pairs were made there is nothing to measure
    expect(await measured('2026-04-01')).toMatchObject({ measuredValue: null, measuredOn: null });
    // the demo's activities are of the school year 2025-2026, and some pairs have none: 0 then, 0 again in 2026-2027
    expect(await measured('2026-08-31')).toMatchObject({ measuredValue: 0, measuredOn: '2026-08-31' });
    expect(await measured('2026-11-20')).toMatchObject({ measuredValue: 0 });
    // every active pair holds one activity on 15/10/2026: the target is met from that day, for that school year only
    await ctx.db.query(
      `INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, mode, title, logged_by_school_id)
       SELECT id, DATE '2026-10-15', 'exchange', 'sports', 'online', 'Giao lưu thể thao trực tuyến', COALESCE(hanoi_school_id, border_school_id) FROM twinning_pair WHERE status = 'active'`);
    expect(await measured('2026-10-14')).toMatchObject({ measuredValue: 0 });
    expect(await measured('2026-10-15')).toMatchObject({ measuredValue: 1, measuredOn: '2026-10-15' });
    expect(await measured('2026-11-20')).toMatchObject({ measuredValue: 1, measuredOn: '2026-11-20' });
    expect(await measured('2027-09-01')).toMatchObject({ measuredValue: 0 });
    const p237 = (await call(GDTC, 'GET', '/api/v1/plans/kh-237-bgddt-2023')).json();
    expect(p237.goals.flatMap((g: { targets: { source: string }[] }) => g.targets.map((x) => x.source))).toContain('hand');
  });
});
