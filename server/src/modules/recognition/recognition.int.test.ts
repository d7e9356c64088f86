import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { DEMO_DECISION_NUMBER } from '../../seed/demo-recognition.js';
import { LAUNCH_TITLE } from '../../seed/demo-records.js';
import type { DecisionDetail, Honour, ListDetail, Nominee } from '../../../../contracts/recognition.js';

/**
 * Recognition: the board ranks contributors from the ledger and proposes a list with a reason per
 * nominee; Vụ TĐKT appraises (accept, ask for more, refuse) and records the decision; each
 * honoured contributor's certificate downloads with a code the public verifies; the public sees
 * the honour roll and never a nomination.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const BOARD = 'dieuphoi@ketnoi.demo';
const SECRETARIAT = 'thuky.bandieuphoi@ketnoi.demo';
const TDKT = 'vu.tdkt@ketnoi.demo';
const OTHER_MINISTRY = 'thamdinh@ketnoi.demo';
const DONOR = 'nhataitro@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const SCHOOL = 'truong.dienbien@ketnoi.demo';
const UNIT = 'daotao.dhsphn@ketnoi.demo';
const ADMIN = 'quantri@ketnoi.demo';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);
const orgId = async (code: string) => (await ctx.db.one<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [code])).id;
let donor1 = '', donor4 = '', donor5 = '';

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  [donor1, donor4, donor5] = await Promise.all(['demo-donor-1', 'demo-donor-4', 'demo-donor-5'].map(orgId));
});
afterAll(async () => { await ctx.close(); });

async function newList(year = 2026, nominees = [{ contributorId: donor4, form: 'commemorative_medal', reason: 'Hỗ trợ sách và bồi dưỡng giáo viên vùng khó nhiều năm liền.' }], who = BOARD): Promise<ListDetail> {
  const r = await call(who, 'POST', '/api/v1/recognition/lists', { title: `Danh sách đề nghị thử ${Math.random().toString(36).slice(2, 8)}`, year, nominees });
  ok(r, 201);
  return r.json();
}
async function submitted(nominees?: Parameters<typeof newList>[1]): Promise<ListDetail> {
  const l = await newList(2026, nominees);
  const r = await call(BOARD, 'POST', `/api/v1/recognition/lists/${l.id}/submit`);
  ok(r);
  return r.json();
}

describe('ranking contributors from the ledger', () => {
  it('sums accepted value by contributor in SQL, money and in kind, highest first, and pages, filters and exports', async () => {
    const r = await call(BOARD, 'GET', '/api/v1/recognition/contributors?limit=2');
    ok(r);
    const p = r.json();
    const direct = await ctx.db.query<{ contributor_id: string; total: string; money: string; in_kind: string }>(
      `SELECT contributor_id, sum(value_vnd)::text AS total, COALESCE(sum(value_vnd) FILTER (WHERE form = 'money'), 0)::text AS money,
              COALESCE(sum(value_vnd) FILTER (WHERE form = 'in_kind'), 0)::text AS in_kind
         FROM contribution WHERE status = 'accepted' AND form IN ('money', 'in_kind') GROUP BY contributor_id ORDER BY sum(value_vnd) DESC, contributor_id DESC`);
    expect(direct.length).toBeGreaterThan(1);
    expect(p.total).toBe(direct.length);
    expect(p.items.map((i: { contributor: { id: string }; total: string; money: string; inKind: string; rank: number }) => [i.rank, i.contributor.id, i.total, i.money, i.inKind]))
      .toEqual(direct.slice(0, 2).map((d, i) => [i + 1, d.contributor_id, d.total, d.money, d.in_kind]));
    // every page after the first, until the end: the same order as the direct sum
    const seen = p.items.map((i: { contributor: { id: string } }) => i.contributor.id);
    const ranks = p.items.map((i: { rank: number }) => i.rank);
    let cursor = p.nextCursor;
    while (cursor) {
      const n = (await call(BOARD, 'GET', `/api/v1/recognition/contributors?limit=2&cursor=${encodeURIComponent(cursor)}`)).json();
      expect(n.total).toBe(direct.length);
      seen.push(...n.items.map((i: { contributor: { id: string } }) => i.contributor.id));
      ranks.push(...n.items.map((i: { rank: number }) => i.rank));
      cursor = n.nextCursor;
    }
    expect(seen).toEqual(direct.map((d) => d.contributor_id));
    // each page's ranks follow the last page's: 1 to the number ranked
    expect(ranks).toEqual(direct.map((_, i) => i + 1));
    // by form, by province, by year of pledge
    const money = (await call(BOARD, 'GET', '/api/v1/recognition/contributors?form=money&limit=200')).json();
    expect(money.items.every((i: { inKind: string }) => i.inKind === '0')).toBe(true);
    const year = Number((await ctx.db.one<{ y: number }>(`SELECT extract(year FROM pledged_on)::int AS y FROM contribution WHERE status = 'accepted' ORDER BY pledged_on DESC LIMIT 1`)).y);
    const byYear = (await call(BOARD, 'GET', `/api/v1/recognition/contributors?year=${year}&provinceCode=11&limit=200`)).json();
    const directYear = await ctx.db.one<{ n: string }>(
      `SELECT count(DISTINCT contributor_id)::text AS n FROM contribution WHERE status = 'accepted' AND form IN ('money', 'in_kind') AND province_code = '11' AND extract(year FROM pledged_on) = $1`, [year]);
    expect(byYear.total).toBe(Number(directYear.n));
    // search without diacritics
    const found = (await call(BOARD, 'GET', '/api/v1/recognition/contributors?q=vien%20thong')).json();
    expect(found.items.map((i: { contributor: { name: string } }) => i.contributor.name)).toEqual(['Tổng công ty Viễn thông Mẫu (nhà tài trợ mẫu)']);
    const csv = await call(BOARD, 'GET', '/api/v1/recognition/contributors?format=csv');
    ok(csv);
    expect(csv.body).toContain('Tổng giá trị đã nghiệm thu');
    expect((await call(BOARD, 'GET', '/api/v1/recognition/contributors?cursor=bogus')).statusCode).toBe(400);
  });

  it('is internal: the public, donors, Departments, schools and training institutions read no ranking', async () => {
    expect((await call(null, 'GET', '/api/v1/recognition/contributors')).statusCode).toBe(401);
    for (const who of [DONOR, DEPT, SCHOOL, UNIT]) expect((await call(who, 'GET', '/api/v1/recognition/contributors')).statusCode, who).toBe(403);
    for (const who of [TDKT, OTHER_MINISTRY, SECRETARIAT, ADMIN]) ok(await call(who, 'GET', '/api/v1/recognition/contributors?limit=1'));
  });
});

describe('nominations and appraisal', () => {
  it('the board proposes a list with a reason per nominee and the ledger value of the year; only the board proposes', async () => {
    const l = await newList(2026, [{ contributorId: donor1, form: 'merit_certificate', reason: 'Doanh nghiệp mẫu tài trợ thiết bị vùng khó năm 2026.' }]);
    expect(l).toMatchObject({ state: 'draft', year: 2026, nominees: 1, can: { nominate: true, submit: true, appraise: false } });
    const direct = await ctx.db.one<{ v: string }>(
      `SELECT COALESCE(sum(value_vnd) FILTER (WHERE form = 'money'), 0)::text AS v FROM contribution WHERE status = 'accepted' AND contributor_id = $1 AND extract(year FROM pledged_on) = 2026`, [donor1]);
    expect(l.items[0]).toMatchObject({ contributor: { id: donor1 }, state: 'proposed', form: 'merit_certificate', acceptedMoney: direct.v });
    // the secretariat adds a nominee; the same donor twice is refused, naming the field, and nothing is written
    const added = await call(SECRETARIAT, 'POST', `/api/v1/recognition/lists/${l.id}/nominees`, { contributorId: donor4, form: 'thank_you_letter', reason: 'Trường đại học mẫu hỗ trợ sách cho trường vùng khó.' });
    ok(added, 201);
    expect(added.json().nominees).toBe(2);
    const twice = await call(BOARD, 'POST', `/api/v1/recognition/lists/${l.id}/nominees`, { contributorId: donor4, form: 'thank_you_letter', reason: 'Trường đại học mẫu hỗ trợ sách cho trường vùng khó.' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0]).toMatchObject({ path: 'nominee.contributorId', message: 'Nhà tài trợ đã có trong danh sách' });
    const notDonor = await call(BOARD, 'POST', '/api/v1/recognition/lists', { title: 'Danh sách sai', year: 2026, nominees: [{ contributorId: await orgId('vu-gdtc'), form: 'thank_you_letter', reason: 'Không phải nhà tài trợ, phải bị từ chối.' }] });
    expect(notDonor.statusCode).toBe(422);
    const noReason = await call(BOARD, 'POST', '/api/v1/recognition/lists', { title: 'Danh sách thiếu lý do', year: 2026, nominees: [{ contributorId: donor1, form: 'thank_you_letter', reason: 'ngắn' }] });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].path).toBe('nominees.0.reason');
    // Vụ TĐKT, another Ministry unit, a Department, a donor do not propose
    for (const who of [TDKT, OTHER_MINISTRY, DEPT, DONOR]) expect((await call(who, 'POST', '/api/v1/recognition/lists', { title: 'Danh sách không được lập', year: 2026 })).statusCode, who).toBe(403);
    expect((await call(null, 'POST', '/api/v1/recognition/lists', { title: 'Danh sách không được lập', year: 2026 })).statusCode).toBe(401);
    // Vụ TĐKT reads it but may not appraise a draft
    const seen = (await call(TDKT, 'GET', `/api/v1/recognition/lists/${l.id}`)).json();
    expect(seen.can).toMatchObject({ nominate: false, appraise: false });
    expect((await call(TDKT, 'POST', `/api/v1/recognition/nominees/${l.items[0].id}/appraisal`, { action: 'accept' })).statusCode).toBe(409);
    // submitted: no more nominees, a second submission is a 409
    ok(await call(BOARD, 'POST', `/api/v1/recognition/lists/${l.id}/submit`));
    expect((await call(BOARD, 'POST', `/api/v1/recognition/lists/${l.id}/submit`)).statusCode).toBe(409);
    expect((await call(BOARD, 'POST', `/api/v1/recognition/lists/${l.id}/nominees`, { contributorId: donor5, form: 'thank_you_letter', reason: 'Thêm sau khi đã gửi danh sách.' })).statusCode).toBe(409);
  });

  it('Vụ TĐKT accepts, asks for more (the board answers) and refuses with a reason; others may not appraise', async () => {
    const l = await submitted([
      { contributorId: donor1, form: 'merit_certificate', reason: 'Doanh nghiệp mẫu tài trợ thiết bị vùng khó năm 2026.' },
      { contributorId: donor4, form: 'thank_you_letter', reason: 'Trường đại học mẫu hỗ trợ sách cho trường vùng khó.' },
      { contributorId: donor5, form: 'thank_you_letter', reason: 'Cá nhân mẫu hỗ trợ học bổng cho học sinh vùng khó.' },
    ]);
    const by = (id: string) => l.items.find((n) => n.contributor.id === id)!;
    const [a, b, c] = [by(donor1), by(donor4), by(donor5)];
    for (const who of [BOARD, OTHER_MINISTRY, DONOR, DEPT]) expect((await call(who, 'POST', `/api/v1/recognition/nominees/${a.id}/appraisal`, { action: 'accept' })).statusCode, who).toBe(403);
    expect((await call(null, 'POST', `/api/v1/recognition/nominees/${a.id}/appraisal`, { action: 'accept' })).statusCode).toBe(401);
    const accepted = await call(TDKT, 'POST', `/api/v1/recognition/nominees/${a.id}/appraisal`, { action: 'accept' });
    ok(accepted);
    expect(accepted.json()).toMatchObject({ state: 'accepted', can: { appraise: false } });
    // refusing or asking for more without a reason is a 422 and changes nothing
    const bare = await call(TDKT, 'POST', `/api/v1/recognition/nominees/${b.id}/appraisal`, { action: 'refuse' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].path).toBe('note');
    const refused = await call(TDKT, 'POST', `/api/v1/recognition/nominees/${b.id}/appraisal`, { action: 'refuse', note: 'Chưa đủ thời gian đồng hành theo quy định.' });
    ok(refused);
    expect(refused.json()).toMatchObject({ state: 'refused', appraisalNote: 'Chưa đủ thời gian đồng hành theo quy định.' });
    const more = await call(TDKT, 'POST', `/api/v1/recognition/nominees/${c.id}/appraisal`, { action: 'ask_more', note: 'Bổ sung xác nhận của trường nhận hỗ trợ.' });
    ok(more);
    expect(more.json().can.respond).toBe(false);
    const boardView = (await call(BOARD, 'GET', `/api/v1/recognition/lists/${l.id}`)).json() as ListDetail;
    expect(boardView.items.find((n) => n.id === c.id)!.can.respond).toBe(true);
    expect((await call(TDKT, 'POST', `/api/v1/recognition/nominees/${c.id}/respond`, { reason: 'Đã có xác nhận của các trường nhận học bổng.' })).statusCode).toBe(403);
    const answered = await call(BOARD, 'POST', `/api/v1/recognition/nominees/${c.id}/respond`, { reason: 'Đã có xác nhận của các trường nhận học bổng.' });
    ok(answered);
    expect(answered.json()).toMatchObject({ state: 'proposed', reason: 'Đã có xác nhận của các trường nhận học bổng.' });
    expect((await call(BOARD, 'POST', `/api/v1/recognition/nominees/${c.id}/respond`, { reason: 'Trả lời lần nữa khi không được yêu cầu.' })).statusCode).toBe(409);
    // an appraised nominee is not appraised again
    expect((await call(TDKT, 'POST', `/api/v1/recognition/nominees/${a.id}/appraisal`, { action: 'refuse', note: 'Đổi ý sau khi đã đồng ý.' })).statusCode).toBe(409);
    const audited = await ctx.db.one<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE entity = 'recognition_nominee' AND entity_id = ANY($1::text[])`, [[a.id, b.id, c.id]]);
    expect(Number(audited.n)).toBe(4);
  });

  it('two appraisals at once: one 200, one 409 (PostgreSQL), in each of 3 rounds', async () => {
    for (let round = 0; round < 3; round++) {
      const l = await submitted([{ contributorId: donor4, form: 'thank_you_letter', reason: `Vòng thử đồng thời số ${round + 1}, lý do đủ dài.` }]);
      const id = l.items[0].id;
      const codes = (await Promise.all([
        call(TDKT, 'POST', `/api/v1/recognition/nominees/${id}/appraisal`, { action: 'accept' }),
        call(TDKT, 'POST', `/api/v1/recognition/nominees/${id}/appraisal`, { action: 'refuse', note: 'Từ chối đồng thời để thử khóa.' }),
      ])).map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const row = await ctx.db.one<{ state: string }>('SELECT state FROM recognition_nominee WHERE id = $1', [id]);
      expect(['accepted', 'refused']).toContain(row.state);
    }
  });
});

describe('decisions, certificates and the honour roll', () => {
  it('Vụ TĐKT records a decision for accepted nominees; their certificates download with a code the public verifies', async () => {
    const l = await submitted([
      { contributorId: donor4, form: 'commemorative_medal', reason: 'Trường đại học mẫu hỗ trợ sách và bồi dưỡng giáo viên.' },
      { contributorId: donor1, form: 'commemorative_medal', reason: 'Doanh nghiệp mẫu đồng hành trong năm 2026 ở Điện Biên.' },
    ]);
    const [a, b] = [donor4, donor1].map((id) => l.items.find((n) => n.contributor.id === id)!);
    ok(await call(TDKT, 'POST', `/api/v1/recognition/nominees/${a.id}/appraisal`, { action: 'accept' }));
    const body = { number: `${Math.floor(Math.random() * 9000) + 1000}/QĐ-BGDĐT`, decidedOn: '2026-11-15', form: 'commemorative_medal', nomineeIds: [a.id] };
    // a nominee not accepted is not honoured: 409, nothing written
    expect((await call(TDKT, 'POST', '/api/v1/recognition/decisions', { ...body, nomineeIds: [a.id, b.id] })).statusCode).toBe(409);
    expect((await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM recognition_decision WHERE number = $1', [body.number])).n).toBe('0');
    for (const who of [BOARD, OTHER_MINISTRY, DONOR]) expect((await call(who, 'POST', '/api/v1/recognition/decisions', body)).statusCode, who).toBe(403);
    const bad = await call(TDKT, 'POST', '/api/v1/recognition/decisions', { ...body, decidedOn: '15/11/2026' });
    expect(bad.statusCode).toBe(422);
    const r = await call(TDKT, 'POST', '/api/v1/recognition/decisions', body);
    ok(r, 201);
    const d = r.json() as DecisionDetail;
    expect(d).toMatchObject({ number: body.number, form: 'commemorative_medal', honoured: 1 });
    const code = d.items[0].certificateCode;
    expect(code).toMatch(/^KN-2026-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // the same number twice is a 409 naming it
    const again = await call(TDKT, 'POST', '/api/v1/recognition/decisions', body);
    expect(again.statusCode).toBe(409);
    // the certificate: a Decree-30 .docx naming the contributor, the decision and the code
    const cert = await call(BOARD, 'GET', `/api/v1/recognition/nominees/${a.id}/certificate`);
    ok(cert);
    expect(cert.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(cert.rawPayload)).file('word/document.xml')!.async('string');
    for (const s of ['BỘ GIÁO DỤC VÀ ĐÀO TẠO', 'KỶ NIỆM CHƯƠNG', 'Trường Đại học Mẫu', body.number.split('/')[0], code, 'xac-thuc-khen-thuong']) expect(xml).toContain(s);
    // the honoured donor prints its own; another donor, a Department, the public do not; a nominee not honoured has none
    ok(await call(null, 'GET', `/api/v1/public/recognition/verify/${code.toLowerCase()}`));
    expect((await call(DONOR, 'GET', `/api/v1/recognition/nominees/${a.id}/certificate`)).statusCode).toBe(403);
    expect((await call(DEPT, 'GET', `/api/v1/recognition/nominees/${a.id}/certificate`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/api/v1/recognition/nominees/${a.id}/certificate`)).statusCode).toBe(401);
    expect((await call(BOARD, 'GET', `/api/v1/recognition/nominees/${b.id}/certificate`)).statusCode).toBe(409);
    // verification, as typed from paper
    const v = (await call(null, 'GET', `/api/v1/public/recognition/verify/${encodeURIComponent(' ' + code.toLowerCase())}`)).json();
    expect(v).toMatchObject({ valid: true, contributorName: 'Trường Đại học Mẫu (nhà tài trợ mẫu)', form: 'commemorative_medal', decisionNumber: body.number, decidedOn: '2026-11-15' });
    const wrong = (await call(null, 'GET', '/api/v1/public/recognition/verify/KN-2026-AAAA-AAAA')).json();
    expect(wrong).toMatchObject({ valid: false, contributorName: null });
    // the honour roll shows it
    const roll = (await call(null, 'GET', '/api/v1/public/recognition/honour-roll?year=2026&limit=200')).json();
    expect(roll.items.map((h: Honour) => h.certificateCode)).toContain(code);
  });

  it('two decisions over the same nominee at once: one 201, one 409 (PostgreSQL)', async () => {
    for (let round = 0; round < 3; round++) {
      const l = await submitted([{ contributorId: donor4, form: 'thank_you_letter', reason: `Quyết định đồng thời vòng ${round + 1}, lý do đủ dài.` }]);
      ok(await call(TDKT, 'POST', `/api/v1/recognition/nominees/${l.items[0].id}/appraisal`, { action: 'accept' }));
      const n = Math.floor(Math.random() * 1e6);
      const codes = (await Promise.all([0, 1].map((i) => call(TDKT, 'POST', '/api/v1/recognition/decisions', { number: `${n}${i}/QĐ-BGDĐT`, decidedOn: '2026-11-16', form: 'thank_you_letter', nomineeIds: [l.items[0].id] }))))
        .map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409]);
      const rows = await ctx.db.one<{ n: string }>('SELECT count(*)::text AS n FROM recognition_decision d WHERE d.number LIKE $1', [`${n}_/QĐ-BGDĐT`]);
      expect(rows.n).toBe('1');
    }
  });

  it('the public sees only decided recognitions: the demo decision of the launch meeting, never the 2026 nomination awaiting appraisal', async () => {
    const roll = await call(null, 'GET', '/api/v1/public/recognition/honour-roll?limit=200');
    ok(roll);
    const items = roll.json().items as Honour[];
    expect(items.length).toBeGreaterThan(0);
    const honoured = await ctx.db.query<{ id: string }>(`SELECT id FROM recognition_nominee WHERE state = 'honoured'`);
    expect(roll.json().total).toBe(honoured.length);
    const pending = await ctx.db.query<{ contributor_id: string; id: string }>(`SELECT contributor_id, id FROM recognition_nominee WHERE state <> 'honoured'`);
    expect(pending.length).toBeGreaterThan(0);
    expect(items.map((h) => h.nomineeId).filter((id) => pending.some((p) => p.id === id))).toEqual([]);
    expect(roll.body).not.toContain('Quỹ Học bổng Mẫu');
    expect(roll.body).not.toMatch(/reason|appraisal/i);
    // search without diacritics, by form, export
    const q = (await call(null, 'GET', '/api/v1/public/recognition/honour-roll?q=vien%20thong&form=merit_certificate')).json();
    expect(q.items.map((h: Honour) => h.decisionNumber)).toEqual([DEMO_DECISION_NUMBER]);
    const xlsx = await call(null, 'GET', '/api/v1/public/recognition/honour-roll?format=xlsx');
    ok(xlsx);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // lists are not public
    expect((await call(null, 'GET', '/api/v1/recognition/lists')).statusCode).toBe(401);
    expect((await call(DONOR, 'GET', '/api/v1/recognition/lists')).statusCode).toBe(403);
  });

  it("the launch meeting's honouring item (5) links to the demo decision", async () => {
    const launch = await ctx.db.one<{ id: string }>('SELECT id FROM activity WHERE title = $1', [LAUNCH_TITLE]);
    const r = await call(null, 'GET', `/api/v1/recognition/decisions?activityId=${launch.id}`);
    ok(r);
    expect(r.json().items).toEqual([expect.objectContaining({ number: DEMO_DECISION_NUMBER, decidedOn: '2021-01-20', honoured: 2, activity: { id: launch.id, title: LAUNCH_TITLE, agendaPosition: 5 } })]);
    const item = await ctx.db.one<{ content: string }>('SELECT content FROM activity_agenda_item WHERE activity_id = $1 AND position = 5', [launch.id]);
    expect(item.content).toMatch(/^Tôn vinh, khen thưởng/);
    const d = (await call(null, 'GET', `/api/v1/recognition/decisions/${r.json().items[0].id}`)).json() as DecisionDetail;
    expect(d.items.map((h) => h.contributor.name).sort()).toEqual(['Công ty Cổ phần Ví Dụ (nhà tài trợ mẫu)', 'Tổng công ty Viễn thông Mẫu (nhà tài trợ mẫu)'].sort());
  });

  it('decisions export as CSV and XLSX with the filters of the list, to whoever reads the list (the public included)', async () => {
    const launch = await ctx.db.one<{ id: string }>('SELECT id FROM activity WHERE title = $1', [LAUNCH_TITLE]);
    const csv = await call(null, 'GET', `/api/v1/recognition/decisions?format=csv&activityId=${launch.id}`);
    ok(csv);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="quyet-dinh-khen-thuong-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Số quyết định,Ngày quyết định,Hình thức,Người ký,Hoạt động trao tặng,Mục chương trình,Số người được khen thưởng');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${DEMO_DECISION_NUMBER},20/01/2021,Bằng khen,`);
    expect(lines[1]).toMatch(/,5,2$/);
    // the year filter: every decision of 2021, none of 2019; all years hold as many rows as the list counts
    const y2021 = (await call(null, 'GET', '/api/v1/recognition/decisions?format=csv&year=2021')).body.trim().split('\r\n').slice(1);
    const n2021 = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recognition_decision WHERE extract(year FROM decided_on) = 2021`);
    expect(y2021).toHaveLength(n2021.n);
    expect((await call(null, 'GET', '/api/v1/recognition/decisions?format=csv&year=2019')).body.trim().split('\r\n')).toHaveLength(1);
    const total = (await call(TDKT, 'GET', '/api/v1/recognition/decisions')).json().total as number;
    expect((await call(TDKT, 'GET', '/api/v1/recognition/decisions?format=csv')).body.trim().split('\r\n')).toHaveLength(total + 1);
    const xlsx = await call(DONOR, 'GET', `/api/v1/recognition/decisions?format=xlsx&activityId=${launch.id}`);
    ok(xlsx);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(xlsx.rawPayload);
    const xml = (await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')))).join('');
    expect(xml).toContain(DEMO_DECISION_NUMBER);
    expect(xml).toContain('Số người được khen thưởng');
    // a bad filter is refused as the list refuses it, whatever the format
    for (const q of ['year=20x1', 'activityId=abc', 'format=pdf']) expect((await call(null, 'GET', `/api/v1/recognition/decisions?format=csv&${q}`)).statusCode, q).toBe(422);
  });

  it('lists page, filter by year and state, search without diacritics and export', async () => {
    const r = await call(TDKT, 'GET', '/api/v1/recognition/lists?state=submitted&year=2020');
    ok(r);
    expect(r.json().items).toEqual([expect.objectContaining({ year: 2020, state: 'submitted', honoured: 2 })]);
    const s = (await call(TDKT, 'GET', '/api/v1/recognition/lists?q=giai%20doan%202015')).json();
    expect(s.total).toBe(1);
    const p1 = (await call(TDKT, 'GET', '/api/v1/recognition/lists?limit=1')).json();
    const p2 = (await call(TDKT, 'GET', `/api/v1/recognition/lists?limit=1&cursor=${encodeURIComponent(p1.nextCursor)}`)).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    const csv = await call(TDKT, 'GET', '/api/v1/recognition/lists?format=csv');
    ok(csv);
    expect(csv.body).toContain('Danh sách đề nghị tôn vinh');
    const unknown = await call(TDKT, 'GET', '/api/v1/recognition/lists/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const nominee: Nominee = (await call(TDKT, 'GET', `/api/v1/recognition/lists/${p1.items[0].id}`)).json().items[0];
    expect(nominee).toHaveProperty('reason');
  });
});
