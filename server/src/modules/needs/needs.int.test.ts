import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { NEED_CATEGORIES, type Need } from '../../../../contracts/needs.js';
import { NEED_CATEGORY_LABELS, NEED_STATUS_LABELS } from './domain.js';
import { readCsv } from '../../platform/tabular.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let dbSchool: string; // the Điện Biên demo school (truong.dienbien@)
beforeAll(async () => {
  ctx = await testApp({ clock });
  dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

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
    const photo = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'ban-ghe.png', type: 'image/png', data: PNG }]));
    expect(photo.statusCode).toBe(201);
    const notImage = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'x.png', type: 'image/png', data: Buffer.from('hello') }]));
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

  it('the detail tells each account what it may do with the need, pledging and recording included', async () => {
    const can = async (who: string | null) => (await call(who, 'GET', `/api/v1/needs/${needId}`)).json().can;
    const none = { edit: false, submit: false, return: false, verify: false, publish: false, accept: false, close: false, withdraw: false };
    const all = { edit: true, submit: true, return: true, verify: true, publish: true, accept: true, close: true, withdraw: true };
    // the public is asked to sign in first: the server does not let it pledge
    expect(await can(null)).toEqual({ ...none, pledge: false, recordOnBehalf: false });
    expect(await can('nhataitro@ketnoi.demo')).toEqual({ ...none, pledge: true, recordOnBehalf: false });
    expect(await can('so.dienbien@ketnoi.demo')).toEqual({ ...all, pledge: false, recordOnBehalf: true });
    // another province's Department reads the published need but records nothing for it
    expect(await can('so.sonla@ketnoi.demo')).toEqual({ ...none, pledge: false, recordOnBehalf: false });
    expect(await can('ministry')).toEqual({ ...none, pledge: false, recordOnBehalf: true });
    expect(await can('admin')).toEqual({ ...all, pledge: false, recordOnBehalf: true });
    // the school itself records and accepts its needs; it gives only its own gifts, not on a donor's behalf
    expect(await can('truong.dienbien@ketnoi.demo')).toEqual({ ...none, edit: true, submit: true, accept: true, withdraw: true, pledge: false, recordOnBehalf: false });
    expect(await can('truong.hanoi@ketnoi.demo')).toEqual({ ...none, pledge: false, recordOnBehalf: false });
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
    const other = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, ...multipart({ action: 'confirm' }, [{ filename: 'nhan.png', type: 'image/png', data: PNG }]));
    expect(other.statusCode).toBe(403);
    const noPhoto = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, { action: 'confirm' });
    expect(noPhoto.statusCode).toBe(409);
    const ok = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${pledgeId}/transitions`, ...multipart({ action: 'confirm', note: 'Đã nhận đủ 40 bộ' }, [{ filename: 'nhan-ban-ghe.png', type: 'image/png', data: PNG }]));
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
    expect(stats.totals.valueVnd).toBe(list.items.reduce((n: bigint, c: { valueVnd: number }) => n + BigInt(c.valueVnd), 0n).toString());
    expect(BigInt(stats.totals.receivedVnd) >= 60_000_000n).toBe(true);
    const csv = (await call(null, 'GET', '/api/v1/public/contributions?format=csv&provinceCode=11')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = csv[0].split(',');
    const sumCsv = csv.slice(1).reduce((n, line) => n + BigInt(line.split(',')[header.indexOf('valueVnd')]), 0n).toString();
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
    const early = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${needId}/transitions`, ...multipart({ action: 'accept' }, [{ filename: 'bb.png', type: 'image/png', data: PNG }]));
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toMatch(/^Không thể nghiệm thu/);
  });
});

describe("a need's category", () => {
  it('is one of the contract\'s categories in the database too, for needs and ledger rows alike', async () => {
    const defs = await ctx.db.query<{ table: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conname IN ('need_category_check', 'contribution_category_check') ORDER BY 1`);
    expect(defs.map((d) => d.table)).toEqual(['contribution', 'need']);
    for (const d of defs) expect([...d.def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort()).toEqual([...NEED_CATEGORIES].sort());
    const need = await ctx.db.one<{ id: string }>(`SELECT id FROM need ORDER BY id LIMIT 1`);
    await expect(ctx.db.query(`UPDATE need SET category = 'library' WHERE id = $1`, [need.id])).rejects.toMatchObject({ code: '23514' });
    const row = await ctx.db.one<{ id: string }>(`SELECT id FROM contribution ORDER BY id LIMIT 1`);
    await expect(ctx.db.query(`UPDATE contribution SET category = 'library' WHERE id = $1`, [row.id])).rejects.toMatchObject({ code: '23514' });
    expect((await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM need WHERE category = 'library'`)).n).toBe(0);
  });
});

describe('the needs export', () => {
  it('writes one line per public need, named as the list names it', async () => {
    const csv = (await call(null, 'GET', '/api/v1/needs?format=csv')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const total = (await ctx.db.one<{ n: string }>(`SELECT count(*) AS n FROM need WHERE state IN ('published', 'accepted', 'closed')`)).n;
    expect(csv.length - 1).toBe(Number(total));
    const first = (await call(null, 'GET', '/api/v1/needs?sort=recent&limit=1')).json().items[0];
    for (const v of [first.schoolName, first.provinceName, first.communeName]) expect(csv[1]).toContain(v);
  });

  it('writes each need as the list shows it: its status, pledged value and remainder derived the same way', async () => {
    // a need partly pledged, so that the lines are not all "open, nothing pledged"
    const id = (await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { ...desks, schoolId: dbSchool, title: 'Bàn ghế cho lớp ghép' })).json().id as string;
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'verify', publish: true })).statusCode).toBe(200);
    expect((await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId: id, form: 'money', description: 'Ủng hộ bàn ghế', valueVnd: 45_000_000 })).statusCode).toBe(201);
    const sheet = readCsv((await call(null, 'GET', '/api/v1/needs?format=csv')).body);
    const listed: Need[] = [];
    let cursor: string | null = null;
    do {
      const r: { items: Need[]; nextCursor: string | null } = (await call(null, 'GET', `/api/v1/needs?sort=recent&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
      listed.push(...r.items);
      cursor = r.nextCursor;
    } while (cursor);
    const asList = listed.map((n) => [n.schoolName, n.provinceName, n.communeName, NEED_CATEGORY_LABELS[n.category], n.title, n.quantity, n.unit, n.estimatedCost,
      n.pledgedValue, n.remainingQuantity, n.remainingValue, NEED_STATUS_LABELS[n.status]].map(String).join('|'));
    expect(sheet.rows.map((r) => r.values.join('|')).sort()).toEqual(asList.sort());
    expect(asList.find((l) => l.includes('Bàn ghế cho lớp ghép'))).toMatch(/\|45000000\|70\|105000000\|Đã có cam kết một phần$/);
  });
});
