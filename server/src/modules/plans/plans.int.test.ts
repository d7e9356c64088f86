import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { testApp, type TestContext } from '../../../test/harness.js';
import { fixedClock } from '../../platform/clock.js';
import { startJobs } from '../../platform/jobs.js';
import { planFiles } from './load.js';
import { runReminders } from './reminders.js';

const clock = fixedClock('2021-01-12T03:00:00Z');
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp({ clock });
  // these tests go back to 2021 and post the first reports themselves: start from the plans
  // without the progress the demo data reports up to today
  await ctx.db.query('DELETE FROM task_update');
});
afterAll(async () => { await ctx.close(); });

const as = async (who: string, opts: { method?: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> }) =>
  ctx.app.inject({ method: opts.method ?? 'GET', url: opts.url, payload: opts.payload as never, headers: { ...(opts.headers ?? {}), cookie: await ctx.cookie(who) } });

function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = '----kn' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function task(planKey: string, number: string) {
  const r = await as('admin', { url: `/api/v1/plans/${planKey}/tasks?limit=200` });
  expect(r.statusCode).toBe(200);
  expect(r.json().nextCursor).toBeNull();
  const t = r.json().items.find((x: { number: string }) => x.number === number);
  expect(t, `${planKey} ${number}`).toBeDefined();
  // the paging key's parts are the server's own: the contract keeps them in
  expect(t).not.toHaveProperty('position');
  expect(t).not.toHaveProperty('planSignedOn');
  return t;
}

describe('seed plans', () => {
  it('loads every shipped plan with every task and assignment, per section', async () => {
    const files = planFiles();
    expect(files.map((f) => f.key).sort()).toEqual(expect.arrayContaining(['kh-29-bgddt-2021', 'kh-237-bgddt-2023', 'qd-4969-bgddt-2021', 'kh-ketnghia-hanoi-2026']));
    const list = (await as('admin', { url: '/api/v1/plans' })).json().items;
    for (const f of files) {
      const p = list.find((x: { key: string }) => x.key === f.key);
      expect(p, f.key).toBeDefined();
      expect(p.taskCount, f.key).toBe(f.tasks.length);
      expect(p.assignmentCount, f.key).toBe(f.tasks.reduce((n, t) => n + t.assignments.length, 0));
      const detail = (await as('admin', { url: `/api/v1/plans/${f.key}` })).json();
      for (const s of f.sections) {
        const want = f.tasks.filter((t) => t.sectionCode === s.code).length;
        expect(detail.sections.find((x: { code: string }) => x.code === s.code).taskCount, `${f.key} ${s.code}`).toBe(want);
      }
    }
  });

  it('has the task counts per section that the seed documents have', async () => {
    // counted in the seed texts (data/plans/SOURCE.md); [tasks, assignments] per section
    const expected: Record<string, Record<string, [number, number]>> = {
      'kh-29-bgddt-2021': { 'IV.1': [1, 1], 'IV.3.1': [8, 8], 'IV.3.2': [4, 4], 'IV.3.3': [3, 3], 'IV.3.4': [4, 4], 'IV.3.5': [4, 4], 'IV.3.6': [2, 2], 'IV.3.7': [3, 3], 'IV.3.8': [2, 2], 'IV.3.9': [2, 2], 'IV.3.10': [2, 2] },
      'kh-ketnghia-hanoi-2026': { 'III.1': [3, 3], 'III.2': [3, 3], 'III.3': [3, 3], 'III.4': [1, 1], 'III.5': [3, 3] },
      'kh-237-bgddt-2023': { I: [4, 4], II: [4, 4], III: [6, 6], IV: [8, 8], V: [3, 3], VI: [2, 2] },
      'qd-4969-bgddt-2021': { '1': [2, 2], '2': [6, 6], '3': [3, 3], '4': [4, 4], '5': [2, 2], '6': [2, 2], '7': [2, 2] },
      'qd-cds-bgddt-2022': { I: [14, 28], II: [1, 2], III: [5, 18], IV: [3, 3], V: [5, 7], VI: [4, 4] },
    };
    const totals: Record<string, [number, number]> = { 'kh-29-bgddt-2021': [35, 35], 'kh-ketnghia-hanoi-2026': [13, 13], 'kh-237-bgddt-2023': [32, 32], 'qd-4969-bgddt-2021': [30, 30], 'qd-cds-bgddt-2022': [40, 70] };
    const rows = await ctx.db.query<{ key: string; code: string | null; tasks: number; assignments: number }>(
      `SELECT p.key, s.code, count(DISTINCT t.id) AS tasks, count(a.id) AS assignments
         FROM plan p JOIN plan_task t ON t.plan_id = p.id JOIN task_assignment a ON a.task_id = t.id LEFT JOIN plan_section s ON s.id = t.section_id
        GROUP BY p.key, s.code`);
    for (const [key, sections] of Object.entries(expected)) {
      for (const [code, [tasks, assignments]] of Object.entries(sections)) {
        const r = rows.find((x) => x.key === key && x.code === code);
        expect([Number(r?.tasks), Number(r?.assignments)], `${key} ${code}`).toEqual([tasks, assignments]);
      }
      const sum = rows.filter((x) => x.key === key).reduce((a, x) => [a[0] + Number(x.tasks), a[1] + Number(x.assignments)], [0, 0]);
      expect(sum, key).toEqual(totals[key]);
    }
  });

  it('resolves every lead unit of the appendices to an organisation', async () => {
    const orphans = await ctx.db.query<{ key: string; number: string; lead_text: string }>(
      `SELECT p.key, t.number, a.lead_text FROM task_assignment a JOIN plan_task t ON t.id = a.task_id JOIN plan p ON p.id = a.plan_id
        WHERE NOT EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = a.id AND u.role = 'lead') AND cardinality(a.lead_groups) = 0`);
    expect(orphans).toEqual([]);
  });

  it('keeps plan 29 §IV.3 as written: units and deadlines', async () => {
    const p = (await as('admin', { url: '/api/v1/plans/kh-29-bgddt-2021' })).json();
    expect(p).toMatchObject({ number: '29/KH-BGDĐT', signedOn: '2021-01-11', type: 'ke_hoach' });
    expect(p.rules.targetProvinces2021to2025).toHaveLength(30);
    expect(p.rules.selected2021).toHaveLength(10);
    const t = await task('kh-29-bgddt-2021', 'IV.3.2-a');
    expect(t.assignments[0].leads.map((l: { shortName: string }) => l.shortName)).toEqual(['Vụ GDCTHSSV']);
    expect(t.assignments[0].window.due).toBe('2021-01-16');
  });

  it('expands a collective lead ("Các Sở GDĐT") to each Department, and keeps partner groups', async () => {
    const rows = await ctx.db.query<{ n: number }>(
      `SELECT count(DISTINCT u.organisation_id) AS n FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead'
         JOIN organisation o ON o.id = u.organisation_id WHERE 'cac-so-gddt' = ANY(a.lead_groups) AND o.kind = 'department'`);
    expect(Number(rows[0].n)).toBe(34);
    const t = await task('kh-237-bgddt-2023', 'I.1');
    expect(t.assignments[0].partnerGroups).toContain('cac-don-vi-thuoc-bo');
  });

  it('records goals with numeric targets (plan 237: 90%, 60%, 25%, 100%) and their measured values over time', async () => {
    const p = (await as('admin', { url: '/api/v1/plans/kh-237-bgddt-2023' })).json();
    const targets = p.goals.flatMap((g: { targets: { targetValue: number }[] }) => g.targets);
    expect(targets.map((t: { targetValue: number }) => t.targetValue)).toEqual(expect.arrayContaining([90, 60, 25, 100]));
    const t90 = targets.find((t: { targetValue: number }) => t.targetValue === 90);
    for (const [value, measuredOn] of [[85.5, '2023-06-30'], [91, '2023-12-31']] as const) {
      const r = await as('ministry', { method: 'POST', url: `/api/v1/targets/${t90.id}/measurements`, payload: { value, measuredOn } });
      expect(r.statusCode).toBe(201);
    }
    // the plan as of a date shows the latest measurement taken by then
    const measured = async (asOf: string) =>
      (await as('admin', { url: `/api/v1/plans/kh-237-bgddt-2023?asOf=${asOf}` })).json().goals.flatMap((g: { targets: { id: string }[] }) => g.targets).find((t: { id: string }) => t.id === t90.id);
    expect(await measured('2024-01-01')).toMatchObject({ measuredValue: 91, measuredOn: '2023-12-31' });
    expect(await measured('2023-07-01')).toMatchObject({ measuredValue: 85.5, measuredOn: '2023-06-30' });
    expect(await measured('2023-01-01')).toMatchObject({ measuredValue: null, measuredOn: null });
    const series = (await as('admin', { url: `/api/v1/targets/${t90.id}/measurements` })).json().items;
    expect(series.map((x: { value: number }) => x.value)).toEqual([85.5, 91]);
  });

  it('exports one row per task as CSV and XLSX', async () => {
    const f = planFiles().find((x) => x.key === 'qd-4969-bgddt-2021')!;
    const csv = await as('admin', { url: '/api/v1/plans/qd-4969-bgddt-2021/tasks?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(lines[0]).toBe('Mục,TT,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian,Từ ngày,Hạn,Sản phẩm,Trạng thái');
    expect(lines).toHaveLength(f.tasks.length + 1);
    const x = await as('admin', { url: '/api/v1/plans/qd-4969-bgddt-2021/tasks?format=xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount).toBe(f.tasks.length + 1);
  });
});

describe('derived status and progress', () => {
  it('moves with the clock and the updates', async () => {
    // IV.3.2-b: from the signing on 11/01/2021, due before 15/01/2021, nothing reported
    const status = async () => (await task('kh-29-bgddt-2021', 'IV.3.2-b')).status;
    clock.set('2021-01-11T03:00:00Z');
    expect(await status()).toBe('not_started');
    clock.set('2021-01-13T03:00:00Z');
    expect(await status()).toBe('at_risk'); // more than half the time gone, no progress
    clock.set('2021-01-16T03:00:00Z');
    expect(await status()).toBe('overdue');
    // asOf overrides today for any date
    const t = (await as('admin', { url: '/api/v1/plans/kh-29-bgddt-2021/tasks?asOf=2021-01-11&limit=200' })).json().items.find((x: { number: string }) => x.number === 'IV.3.2-b');
    expect(t.status).toBe('not_started');
  });

  it('lets the lead unit post progress with evidence, and only the lead unit', async () => {
    clock.set('2021-01-13T03:00:00Z');
    const t = await task('kh-29-bgddt-2021', 'IV.3.2-a');
    const a = t.assignments[0];
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const denied = await as('dieuphoi@ketnoi.demo', { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...multipart({ state: 'in_progress', percent: '50' }, []) });
    expect(denied.statusCode).toBe(403);
    const fake = await as('vu.gdcthssv@ketnoi.demo', { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...multipart({ state: 'in_progress' }, [{ name: 'files', filename: 'bao-cao.pdf', type: 'application/pdf', data: Buffer.from('not a pdf') }]) });
    expect(fake.statusCode).toBe(422);
    const bad = await as('vu.gdcthssv@ketnoi.demo', { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...multipart({ state: 'finished', percent: '150' }, []) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['state', 'percent']));
    const ok = await as('vu.gdcthssv@ketnoi.demo', { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...multipart({ state: 'done', note: 'Đã gửi báo cáo tổng hợp', deliverables: 'Báo cáo tổng hợp 2015-2020' }, [{ name: 'files', filename: 'Báo cáo tổng hợp.pdf', type: 'application/pdf', data: pdf }]) });
    expect(ok.statusCode).toBe(201);
    clock.set('2021-01-20T03:00:00Z');
    expect((await task('kh-29-bgddt-2021', 'IV.3.2-a')).status).toBe('done');
    // as of a day before it was reported (13/01/2021), the update does not count, in every "as of" view
    const asOf = async (url: string) => (await as('admin', { url })).json();
    const dayBefore = (await asOf('/api/v1/plans/kh-29-bgddt-2021/tasks?asOf=2021-01-12&limit=200')).items.find((x: { number: string }) => x.number === 'IV.3.2-a');
    expect(dayBefore.status).not.toBe('done');
    expect(dayBefore.assignments[0].leads[0]).toMatchObject({ percent: null, lastReportedOn: null });
    const detailBefore = await asOf(`/api/v1/tasks/${t.id}?asOf=2021-01-12`);
    expect(detailBefore.status).not.toBe('done');
    const planBefore = await asOf('/api/v1/plans/kh-29-bgddt-2021?asOf=2021-01-12');
    const planAfter = await asOf('/api/v1/plans/kh-29-bgddt-2021?asOf=2021-01-20');
    expect(planAfter.tally.done).toBe(planBefore.tally.done + 1);
    const detail = (await as('vu.gdcthssv@ketnoi.demo', { url: `/api/v1/tasks/${t.id}` })).json();
    expect(detail.updates[0]).toMatchObject({ state: 'done', percent: 100, note: 'Đã gửi báo cáo tổng hợp' });
    expect(detail.updates[0].files[0].name).toBe('Báo cáo tổng hợp.pdf');
    const file = await as('vu.gdcthssv@ketnoi.demo', { url: `/api/v1/files/${detail.updates[0].files[0].id}` });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/files/${detail.updates[0].files[0].id}` })).statusCode).toBe(401);
  });

  it("lists a unit's tasks across plans and the overdue ones", async () => {
    clock.set('2023-04-01T03:00:00Z');
    const mine = (await as('vu.gdcthssv@ketnoi.demo', { url: '/api/v1/tasks/mine' })).json().items;
    const plans = new Set(mine.map((t: { planKey: string }) => t.planKey));
    expect(plans).toContain('kh-237-bgddt-2023');
    expect(plans).toContain('qd-4969-bgddt-2021');
    for (const t of mine) expect(t.assignments.some((a: { leads: { shortName: string }[] }) => a.leads.some((l) => l.shortName === 'Vụ GDCTHSSV'))).toBe(true);
    const overdue = (await as('admin', { url: '/api/v1/tasks/overdue?asOf=2023-04-01' })).json().items;
    expect(overdue.length).toBeGreaterThan(0);
    for (const t of overdue) expect(t.status).toBe('overdue');
  });
});

describe('lists by page and what each reader may do', () => {
  it('pages a plan\'s tasks and a unit\'s tasks with a cursor, each task once, in plan order', async () => {
    for (const url of ['/api/v1/plans/qd-cds-bgddt-2022/tasks', '/api/v1/tasks/mine?role=any']) {
      const whole = (await as('vu.gdcthssv@ketnoi.demo', { url: `${url}${url.includes('?') ? '&' : '?'}limit=200` })).json();
      expect(whole.items.length).toBe(whole.total);
      expect(whole.total).toBeGreaterThan(7);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await as('vu.gdcthssv@ketnoi.demo', { url: `${url}${url.includes('?') ? '&' : '?'}limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
        expect(r.statusCode).toBe(200);
        const p = r.json();
        expect(p.total).toBe(whole.total);
        seen.push(...p.items.map((t: { id: string }) => t.id));
        cursor = p.nextCursor;
      } while (cursor);
      expect(seen).toEqual(whole.items.map((t: { id: string }) => t.id));
    }
    expect((await as('admin', { url: '/api/v1/tasks/overdue?cursor=not-a-cursor' })).statusCode).toBe(400);
  });

  it('answers with what the reader may do: the issuer imports and measures, the lead unit posts progress', async () => {
    const canOf = async (who: string) => (await as(who, { url: '/api/v1/plans/kh-237-bgddt-2023' })).json().can;
    expect(await canOf('dieuphoi@ketnoi.demo')).toEqual({ importTasks: true, measure: true, report: true });
    expect(await canOf('so.dienbien@ketnoi.demo')).toEqual({ importTasks: false, measure: false, report: true });
    const t = await task('kh-29-bgddt-2021', 'IV.3.2-a'); // led by Vụ GDCTHSSV
    const lead = (await as('vu.gdcthssv@ketnoi.demo', { url: `/api/v1/tasks/${t.id}` })).json();
    expect(lead.can).toEqual({ postUpdate: true });
    expect(lead.task.assignments[0].can).toEqual({ postUpdate: true });
    const other = (await as('dieuphoi@ketnoi.demo', { url: `/api/v1/tasks/${t.id}` })).json();
    expect(other.can).toEqual({ postUpdate: false });
    const me = async (who: string) => (await as(who, { url: '/api/v1/auth/me' })).json().user.can;
    expect(await me('admin')).toMatchObject({ 'plans.read': true, 'plans.runReminders': true, 'plans.myTasks': true });
    expect(await me('so.dienbien@ketnoi.demo')).toMatchObject({ 'plans.read': true, 'plans.runReminders': false });
  });
});

describe('task import', () => {
  const upload = (csv: string) => as('ministry', { method: 'POST', url: '/api/v1/plans/kh-237-bgddt-2023/tasks/import', ...multipart({}, [{ name: 'file', filename: 'nhiem-vu.csv', type: 'text/csv', data: Buffer.from(csv) }]) });
  const header = 'TT,Nội dung,Thời gian,Đơn vị chủ trì,Đơn vị phối hợp,Sản phẩm\n';

  it('reports every bad row and writes nothing', async () => {
    const before = await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM plan_task');
    const r = await upload(header + [
      'X.1,Nhiệm vụ tốt,Quý II/2023,Vụ GDCTHSSV,Cục CNTT,Báo cáo',
      'X.2,Nhiệm vụ lỗi đơn vị,Năm 2023,Vụ Không Tồn Tại,,Báo cáo',
      'X.3,Nhiệm vụ lỗi thời gian,khi nào rảnh,vu gdcthssv,,',
      'X.4,,Năm 2023,Cục CSVC,,',
      'I.1,Trùng số với phụ lục,Năm 2023,Cục CSVC,,',
    ].join('\n'));
    expect(r.statusCode).toBe(422);
    const errors = r.json().errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([[3, 'Đơn vị chủ trì'], [4, 'Thời gian'], [5, 'Nội dung'], [6, 'TT']]);
    expect(errors[0].message).toContain('Vụ Không Tồn Tại');
    const after = await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM plan_task');
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('imports a good file, matching units without diacritics, a repeated TT as another assignment', async () => {
    const r = await upload(header + [
      'X.1,Nhiệm vụ nhập thử,Quý II/2023,vu gdcthssv,Cục CNTT; Các Sở GDĐT,Báo cáo quý',
      'X.1,,Năm 2024,Vụ GDTrH,,Báo cáo năm',
      'X.2,"Nhiệm vụ có dấu phẩy, trong nội dung",Trước ngày 15/06/2023,Cục Cơ sở vật chất,,',
    ].join('\n'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ created: 2, assignments: 3 });
    const t = await task('kh-237-bgddt-2023', 'X.1');
    expect(t.assignments).toHaveLength(2);
    expect(t.assignments[0].leads[0].shortName).toBe('Vụ GDCTHSSV');
    expect(t.assignments[0].partners.length).toBeGreaterThan(30); // Cục CNTT and the 34 Departments
    expect(t.assignments[1]).toMatchObject({ timeText: 'Năm 2024', window: { kind: 'year', from: '2024-01-01', to: '2024-12-31' } });
    expect((await task('kh-237-bgddt-2023', 'X.2')).assignments[0].window.due).toBe('2023-06-15');
  });
});

describe('task import of a collective', () => {
  const file = (csv: string) => ({ ...multipart({}, [{ name: 'file', filename: 'nhiem-vu.csv', type: 'text/csv', data: Buffer.from(csv) }]) });
  const header = 'TT,Nội dung,Thời gian,Đơn vị chủ trì,Đơn vị phối hợp,Sản phẩm\n';

  it('fans "UBND các phường, xã" of a Department\'s plan out to the province\'s commune People\'s Committees, as the seed plans do', async () => {
    const r = await as('so.hanoi@ketnoi.demo', { method: 'POST', url: '/api/v1/plans/kh-ketnghia-hanoi-2026/tasks/import', ...file(header + [
      'Z.1,Phối hợp tổ chức giao lưu tại địa phương,Năm 2026,"UBND các phường, xã",,Báo cáo',
      'Z.2,Hỗ trợ trường kết nghĩa,Tháng 5-11/2026,"Cụm trường THPT số 1","Ủy ban nhân dân các phường, xã",Biên bản',
    ].join('\n')) });
    expect(r.statusCode, r.body).toBe(200);
    const committees = (await ctx.db.query<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'commune_committee' AND province_code = '01' ORDER BY id`)).map((x) => x.id);
    expect(committees.length).toBeGreaterThan(100);
    const z1 = (await task('kh-ketnghia-hanoi-2026', 'Z.1')).assignments[0];
    expect(z1.leadGroups).toEqual(['ubnd-cac-xa']);
    expect(z1.leads.map((l: { id: string }) => l.id).sort()).toEqual(committees);
    const z2 = (await task('kh-ketnghia-hanoi-2026', 'Z.2')).assignments[0];
    expect(z2.partners.map((l: { id: string }) => l.id).sort()).toEqual(committees);
    // no imported assignment is left without a lead
    const unassigned = await ctx.db.one<{ n: number }>(
      `SELECT count(*) AS n FROM task_assignment a JOIN plan p ON p.id = a.plan_id WHERE p.key = 'kh-ketnghia-hanoi-2026'
          AND NOT EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = a.id AND u.role = 'lead')`);
    expect(Number(unassigned.n)).toBe(0);
  });

  it('refuses a row whose collective has no member to report (a Ministry plan names no province), writing nothing', async () => {
    const before = await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM plan_task');
    const r = await as('ministry', { method: 'POST', url: '/api/v1/plans/kh-237-bgddt-2023/tasks/import', ...file(`${header}Z.9,Nhiệm vụ của các xã,Năm 2024,"UBND các phường, xã",,\n`) });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([{ row: 2, column: 'Đơn vị chủ trì', message: 'Chưa có đơn vị nào trên hệ thống thuộc "UBND các phường, xã" để báo cáo tiến độ' }]);
    expect((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM plan_task')).n).toBe(before.n);
  });
});

describe('the progress report', () => {
  // how long it takes is measured by bench/reports.ts, not asserted here
  it('is a Decree 30 .docx', async () => {
    const r = await as('vu.gdcthssv@ketnoi.demo', { url: '/api/v1/plans/kh-29-bgddt-2021/report?format=docx&asOf=2021-01-20' });
    expect(r.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BỘ GIÁO DỤC VÀ ĐÀO TẠO', 'BÁO CÁO', 'Tiến độ thực hiện Kế hoạch số 29/KH-BGDĐT ngày 11/01/2021', 'Hà Nội, ngày 20 tháng 01 năm 2021', 'Nơi nhận:', 'BC-BGDĐT', 'IV.3.2-a', 'Hoàn thành', 'Quá hạn']) {
      expect(plain, s).toContain(s);
    }
    expect(plain).toContain('Báo cáo tổng hợp.pdf'); // evidence listed
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"|<w:pgSz w:w="1190\d" w:h="168\d\d"/);
    expect(xml).toMatch(/w:left="1701"/); // 30 mm
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('Times New Roman');
  });

  it('is also an .xlsx with one row per assignment', async () => {
    const r = await as('admin', { url: '/api/v1/plans/kh-237-bgddt-2023/report?format=xlsx&asOf=2023-06-30' });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const n = await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM task_assignment a JOIN plan p ON p.id = a.plan_id WHERE p.key = 'kh-237-bgddt-2023'`);
    expect(wb.getWorksheet('Nhiệm vụ')!.actualRowCount).toBe(Number(n.n) + 1);
    expect(wb.getWorksheet('Tổng hợp')!.getCell('A1').value).toContain('237/KH-BGDĐT');
  });
});

describe('reminders (đôn đốc)', () => {
  it('sends each lead unit one digest before a deadline and when overdue, never twice', async () => {
    const org = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'vu-gdtc'`)).id;
    const count = async () => Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM notification WHERE organisation_id = $1 AND kind = 'task_reminder'`, [org])).n);
    const before = await count();
    const runAt = async (iso: string) => { clock.set(iso); return runReminders(ctx.db, clock); };
    // the latest digest as the unit's staff read it (rendered in their language)
    const latestDigest = async () => {
      const { id } = await ctx.db.one<{ id: string }>(`SELECT id FROM notification WHERE organisation_id = $1 AND kind = 'task_reminder' ORDER BY created_at DESC LIMIT 1`, [org]);
      const items = (await as('dieuphoi@ketnoi.demo', { url: '/api/v1/notifications?limit=100' })).json().items as { id: string; title: string; body: string }[];
      return items.find((n) => n.id === id)!;
    };
    // plan 29: Vụ GDTC has tasks due 15/01 and 22/01/2021
    const r1 = await runAt('2021-01-09T01:00:00Z');
    expect(r1.dueSoon).toBeGreaterThan(0);
    expect(await count()).toBe(before + 1);
    const digest = await latestDigest();
    expect(digest.title).toMatch(/sắp đến hạn/);
    expect(digest.body).toContain('IV.3.1-c');
    const r2 = await runAt('2021-01-09T05:00:00Z');
    expect(await count()).toBe(before + 1); // nothing new to say
    expect(r2.units).toBe(0);
    await runAt('2021-01-16T01:00:00Z');
    expect(await count()).toBe(before + 2);
    const late = await latestDigest();
    expect(late.title).toMatch(/quá hạn/);
    expect(late.body).toContain('IV.3.1-c');
    // the unit's staff see it in the app
    const mine = (await as('dieuphoi@ketnoi.demo', { url: '/api/v1/notifications' })).json();
    expect(mine.items.some((n: { title: string }) => n.title === late.title)).toBe(true);
  });

  it('tells the plan\'s issuer of late reports too: one notice a day, each late unit\'s task once, none for its own tasks', async () => {
    const issuer = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'bgddt'`)).id;
    const late = () => ctx.db.query<{ id: string; created_at: Date; params: { lines: { taskNumber: string; unitName: string; planNumber: string }[] } }>(
      `SELECT id, created_at, params FROM notification WHERE organisation_id = $1 AND kind = 'task_late' ORDER BY created_at, id`, [issuer]);
    const at = async (iso: string) => { clock.set(iso); return runReminders(ctx.db, clock); };
    // plan 29's first deadlines passed on 15/01/2021 (the test above may have run the 16th's reminders already)
    await at('2021-01-16T08:00:00Z');
    const first = await late();
    expect(first.length).toBeGreaterThanOrEqual(1);
    await at('2021-01-16T09:00:00Z');
    expect(await late()).toHaveLength(first.length); // nothing twice
    const all = first;
    // each late unit's task named once, Vụ GDTC's IV.3.1-c among them
    const keys = all.flatMap((n) => n.params.lines.map((l) => `${l.planNumber}|${l.taskNumber}|${l.unitName}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('29/KH-BGDĐT|IV.3.1-c|Vụ GDTC');
    // the issuer's own tasks are in its own digest, not repeated here
    const own = (await ctx.db.one<{ name: string }>(`SELECT COALESCE(short_name, name) AS name FROM organisation WHERE id = $1`, [issuer])).name;
    expect(all.flatMap((n) => n.params.lines).filter((l) => l.unitName === own)).toEqual([]);
    // the issuer's staff read it in the app
    const mine = (await as('admin', { url: '/api/v1/notifications?limit=100' })).json().items as { id: string; title: string; body: string }[];
    const read = mine.find((n) => n.id === all[all.length - 1].id);
    expect(read?.title).toMatch(/^Báo cáo chậm: \d+ nhiệm vụ quá hạn/);
    expect(read?.body).toMatch(/nhiệm vụ IV\.\d/);

    // a late task not yet told (as if it became late after the day's notice) waits for the next day: one notice a day
    const vu = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'vu-gdtc'`)).id;
    await ctx.db.query(
      `DELETE FROM reminder_sent s USING task_assignment a, plan_task t, plan p WHERE s.assignment_id = a.id AND t.id = a.task_id AND p.id = a.plan_id
        AND p.key = 'kh-29-bgddt-2021' AND t.number = 'IV.3.1-c' AND s.organisation_id = $1 AND s.kind = 'issuer_overdue'`, [vu]);
    await at('2021-01-16T10:00:00Z');
    expect(await late()).toHaveLength(first.length);
    await at('2021-01-17T01:00:00Z');
    const next = await late();
    expect(next).toHaveLength(first.length + 1);
    const told = next[next.length - 1].params.lines.map((l) => `${l.planNumber}|${l.taskNumber}|${l.unitName}`);
    expect(told).toContain('29/KH-BGDĐT|IV.3.1-c|Vụ GDTC');
    // and nothing else told before
    expect(told.filter((k) => keys.includes(k) && k !== '29/KH-BGDĐT|IV.3.1-c|Vụ GDTC')).toEqual([]);
    await at('2021-01-17T02:00:00Z');
    expect(await late()).toHaveLength(first.length + 1);
  });

  it('runs as a scheduled pg-boss job on this engine', async () => {
    let ran = 0;
    const boss = await startJobs(ctx.db, [{ name: 'plan-reminders-test', cron: '0 7 * * *', handler: async () => { ran++; } }]);
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.find((s) => s.name === 'plan-reminders-test')).toMatchObject({ cron: '0 7 * * *', timezone: 'Asia/Ho_Chi_Minh' });
      await boss.send('plan-reminders-test', {});
      for (let i = 0; i < 100 && ran === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(ran).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});

describe('a task judged per school year (twinning plan III.3-b, "ít nhất 01 hoạt động trong 01 năm học")', () => {
  const CLUSTER = 'cum1.hanoi@ketnoi.demo';
  it('has one period per school year (1/9–31/8) as twinning\'s compliance checks it; updates name the school year; as-of ignores later ones', async () => {
    const t = await task('kh-ketnghia-hanoi-2026', 'III.3-b');
    const a = t.assignments[0];
    expect(a.window).toEqual({ kind: 'every_school_year', from: '2026-01-01', to: '2027-08-31', due: null });
    const cluster = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [CLUSTER])).id;
    expect(a.leads.map((l: { id: string }) => l.id)).toContain(cluster);
    const post = (fields: Record<string, string>) => as(CLUSTER, { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...multipart(fields, []) });

    // November 2026 is in the school year 2026-2027 (a calendar year would have called it 2026)
    clock.set('2026-11-20T03:00:00Z');
    const now = await post({ state: 'in_progress', percent: '40', note: 'Giao lưu trực tuyến' });
    expect(now.statusCode, now.body).toBe(201);
    expect((await ctx.db.one<{ period: string }>('SELECT period FROM task_update WHERE id = $1', [now.json().id])).period).toBe('2026-2027');
    const bad = await post({ state: 'done', period: '2026' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'period', message: 'Kỳ phải là một năm học từ 2025-2026 đến 2026-2027' });
    const badEn = await as(CLUSTER, { method: 'POST', url: `/api/v1/assignments/${a.id}/updates`, ...(() => { const m = multipart({ state: 'done', period: '2027-2028' }, []); return { payload: m.payload, headers: { ...m.headers, 'accept-language': 'en' } }; })() });
    expect(badEn.json().errors[0].message).toBe('The period must be a school year from 2025-2026 to 2026-2027');
    const past = await post({ state: 'done', period: '2025-2026', note: 'Đã tổ chức một hoạt động' });
    expect(past.statusCode, past.body).toBe(201);

    const lead = async (asOf: string) => (await as('admin', { url: `/api/v1/plans/kh-ketnghia-hanoi-2026/tasks?limit=200&asOf=${asOf}` })).json().items.find((x: { number: string }) => x.number === 'III.3-b').assignments[0].leads.find((l: { id: string }) => l.id === cluster);
    const nov = await lead('2026-11-25');
    expect(nov).toMatchObject({ period: '2026-2027', status: 'on_track', percent: 40 });
    expect(nov.periods).toEqual([{ key: '2025-2026', status: 'done' }, { key: '2026-2027', status: 'on_track' }]);
    // as of August 2026 the report of November does not count: the school year 2025-2026 ended without one
    const aug = await lead('2026-08-31');
    expect(aug.period).toBe('2025-2026');
    expect(aug.status).not.toBe('done');
    expect(aug.lastReportedOn).toBeNull();

    // the report lists the window as the school years it spans
    const r = await as('admin', { url: '/api/v1/plans/kh-ketnghia-hanoi-2026/report?format=xlsx&asOf=2026-11-25' });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const row = wb.getWorksheet('Nhiệm vụ')!.getRows(2, 100)!.find((x) => x.getCell(2).value === 'III.3-b')!;
    expect([row.getCell(7).value, row.getCell(8).value]).toEqual(['01/01/2026', '31/08/2027']);
    clock.set('2021-01-12T03:00:00Z');
  });
});
