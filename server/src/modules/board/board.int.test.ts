import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { BoardMember } from '../../../../contracts/board.js';

/**
 * The coordination board: members by role with their units (seed 000 §IV.1), its documents kept by
 * the secretariat side, and its yearly report filled from the ledger, agreements, needs and events.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const SECRETARIAT = 'thuky.bandieuphoi@ketnoi.demo';
const BOARD = 'dieuphoi@ketnoi.demo';
const TDKT = 'vu.tdkt@ketnoi.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => { ctx = await testApp({ clock }); });
afterAll(async () => { await ctx.close(); });

describe('the coordination board', () => {
  it('lists its members by role with the unit each represents, as the seed sets it up', async () => {
    const r = await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/board/members');
    ok(r);
    const items = r.json().items as BoardMember[];
    expect(items.map((m) => m.role).slice(0, 4)).toEqual(['head', 'standing_deputy', 'deputy_content', 'deputy_resources']);
    expect(items.filter((m) => m.role === 'member')).toHaveLength(12);
    expect(items.find((m) => m.role === 'standing_deputy')!.unit.shortName).toBe('Vụ GDTC');
    expect(items.at(-1)!.role).toBe('secretariat');
    expect((await call(null, 'GET', '/api/v1/board/members')).statusCode).toBe(401);
  });

  it('the secretariat side adds a member and keeps documents with their file; others may not', async () => {
    const unit = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'vu-khtc'`)).id;
    const m = await call(SECRETARIAT, 'POST', '/api/v1/board/members', { role: 'member', organisationId: unit, title: 'Đại diện lãnh đạo Vụ Kế hoạch - Tài chính' });
    ok(m, 201);
    expect((await call(SECRETARIAT, 'POST', '/api/v1/board/members', { role: 'member', organisationId: unit, title: 'Lần nữa' })).statusCode).toBe(409);
    const school = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school LIMIT 1`)).id;
    const bad = await call(SECRETARIAT, 'POST', '/api/v1/board/members', { role: 'member', organisationId: school, title: 'Một trường không phải đơn vị thuộc Bộ' });
    expect(bad.statusCode).toBe(422);
    for (const who of [TDKT, 'so.dienbien@ketnoi.demo', 'nhataitro@ketnoi.demo']) expect((await call(who, 'POST', '/api/v1/board/members', { role: 'member', organisationId: unit, title: 'Không được ghi' })).statusCode, who).toBe(403);
    const [payload, headers] = multipart({ kind: 'regulation', number: '01/QC-BĐP', title: 'Quy chế hoạt động của Ban điều phối', issuedOn: '2021-01-20' }, [{ filename: 'quy-che.pdf', type: 'application/pdf', data: PDF }]);
    const d = await call(BOARD, 'POST', '/api/v1/board/documents', payload, headers);
    ok(d, 201);
    expect(d.json()).toMatchObject({ kind: 'regulation', number: '01/QC-BĐP', file: { name: 'quy-che.pdf' } });
    const [p2, h2] = multipart({ kind: 'decision', title: 'Quyết định không kèm tệp', issuedOn: '2021-01-20' }, []);
    expect((await call(BOARD, 'POST', '/api/v1/board/documents', p2, h2)).statusCode).toBe(422);
    expect((await call(TDKT, 'POST', '/api/v1/board/documents', payload, headers)).statusCode).toBe(403);
    const list = (await call(TDKT, 'GET', '/api/v1/board/documents?kind=regulation&q=quy%20che')).json();
    expect(list.items.map((x: { title: string }) => x.title)).toEqual(['Quy chế hoạt động của Ban điều phối']);
    ok(await call(TDKT, 'GET', `/api/v1/files/${d.json().file.id}`));
  });

  it('its documents export as CSV and XLSX, with the filters of the list, to whoever reads the list', async () => {
    for (const [kind, number, title] of [['report', '02/BC-BĐP', 'Báo cáo sơ kết sáu tháng xuất khẩu'], ['other', null, 'Công văn đôn đốc xuất khẩu số liệu']] as const) {
      const [payload, headers] = multipart({ kind, ...(number ? { number } : {}), title, issuedOn: '2021-07-15' }, [{ filename: 'van-ban.pdf', type: 'application/pdf', data: PDF }]);
      ok(await call(SECRETARIAT, 'POST', '/api/v1/board/documents', payload, headers), 201);
    }
    const csv = await call(TDKT, 'GET', '/api/v1/board/documents?format=csv&q=xuat%20khau&kind=report');
    ok(csv);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="van-ban-ban-dieu-phoi-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual([
      'Loại văn bản,Số, ký hiệu,Trích yếu,Ngày ban hành,Tệp đính kèm'.replace('Số, ký hiệu', '"Số, ký hiệu"'),
      'Báo cáo,02/BC-BĐP,Báo cáo sơ kết sáu tháng xuất khẩu,15/07/2021,van-ban.pdf',
    ]);
    const both = (await call(TDKT, 'GET', '/api/v1/board/documents?format=csv&q=xuat%20khau')).body.trim().split('\r\n');
    expect(both).toHaveLength(3);
    const all = await call(BOARD, 'GET', '/api/v1/board/documents');
    expect((await call(BOARD, 'GET', '/api/v1/board/documents?format=csv')).body.trim().split('\r\n')).toHaveLength(all.json().total + 1);
    const xlsx = await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/board/documents?format=xlsx&kind=other&q=xuat%20khau');
    ok(xlsx);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(xlsx.rawPayload);
    const xml = (await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')))).join('');
    expect(xml).toContain('Công văn đôn đốc xuất khẩu số liệu');
    expect(xml).not.toContain('Báo cáo sơ kết sáu tháng xuất khẩu');
    // the public is refused as the list refuses it; a bad filter is a 422 in any format
    for (const format of ['csv', 'xlsx']) expect((await call(null, 'GET', `/api/v1/board/documents?format=${format}`)).statusCode).toBe(401);
    expect((await call(TDKT, 'GET', '/api/v1/board/documents?format=csv&kind=memo')).statusCode).toBe(422);
  });

  it("the yearly report is a Decree-30 .docx filled from the ledger's accepted value, agreements, needs met and events", async () => {
    const year = 2021;
    const r = await call(BOARD, 'GET', `/api/v1/board/report?year=${year}`);
    ok(r);
    const xml = await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string');
    const sum = await ctx.db.one<{ n: string; v: string }>(`SELECT count(*)::text AS n, COALESCE(sum(value_vnd), 0)::text AS v FROM contribution WHERE status = 'accepted' AND extract(year FROM pledged_on) = $1`, [year]);
    const vnd = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(xml).toContain(`có ${sum.n} lượt đóng góp đã nghiệm thu, tổng giá trị ${vnd(sum.v)} đồng`);
    const ag = await ctx.db.one<{ n: string }>(`SELECT count(*)::text AS n FROM agreement WHERE extract(year FROM signed_on) = $1`, [year]);
    expect(xml).toContain(`ký kết ${ag.n} văn bản đồng hành`);
    expect(xml).toContain('Lễ phát động, ra mắt');
    expect(xml).toContain('BÁO CÁO');
    ok(await call(TDKT, 'GET', `/api/v1/board/report?year=${year}`));
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/board/report?year=${year}`)).statusCode).toBe(403);
    expect((await call(BOARD, 'GET', '/api/v1/board/report?year=1999')).statusCode).toBe(422);
  });
});

describe('board routes by role', () => {
  // account, reading members and documents, keeping (a member, a document), drawing the yearly report
  const ROLES: [string | null, number, number, number][] = [
    ['quantri@ketnoi.demo', 200, 201, 200],
    [BOARD, 200, 201, 200],
    [SECRETARIAT, 200, 201, 200],
    [TDKT, 200, 403, 200],
    ['so.dienbien@ketnoi.demo', 200, 403, 403],
    ['truong.dienbien@ketnoi.demo', 200, 403, 403],
    ['nhataitro@ketnoi.demo', 200, 403, 403],
    ['xa.sinthau@ketnoi.demo', 200, 403, 403],
    ['daotao.dhsphn@ketnoi.demo', 200, 403, 403],
    [null, 401, 401, 401],
  ];
  let n = 0;
  it.each(ROLES)('%s reads (%i), keeps (%i), reports (%i); the members answer says what it may do', async (who, read, keep, report) => {
    const members = await call(who, 'GET', '/api/v1/board/members');
    expect(members.statusCode).toBe(read);
    if (read === 200) expect(members.json().can).toEqual({ keep: keep === 201, report: report === 200 });
    expect((await call(who, 'GET', '/api/v1/board/documents')).statusCode).toBe(read);
    expect((await call(who, 'GET', '/api/v1/board/documents?format=csv')).statusCode).toBe(read);
    const before = await ctx.db.one<{ m: string; d: string }>('SELECT (SELECT count(*) FROM board_member)::text AS m, (SELECT count(*) FROM board_document)::text AS d');
    const unit = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'ministry_unit' AND id NOT IN (SELECT organisation_id FROM board_member WHERE role = 'member') ORDER BY code OFFSET $1 LIMIT 1`, [n++])).id;
    expect((await call(who, 'POST', '/api/v1/board/members', { role: 'member', organisationId: unit, title: 'Đại diện lãnh đạo đơn vị' })).statusCode).toBe(keep);
    const [payload, headers] = multipart({ kind: 'decision', number: `${n}/QĐ-BĐP`, title: 'Quyết định phân công thành viên', issuedOn: '2021-02-01' }, [{ filename: 'quyet-dinh.pdf', type: 'application/pdf', data: PDF }]);
    expect((await call(who, 'POST', '/api/v1/board/documents', payload, headers)).statusCode).toBe(keep);
    const after = await ctx.db.one<{ m: string; d: string }>('SELECT (SELECT count(*) FROM board_member)::text AS m, (SELECT count(*) FROM board_document)::text AS d');
    expect([Number(after.m) - Number(before.m), Number(after.d) - Number(before.d)]).toEqual(keep === 201 ? [1, 1] : [0, 0]);
    expect((await call(who, 'GET', '/api/v1/board/report?year=2021')).statusCode).toBe(report);
  });
});
