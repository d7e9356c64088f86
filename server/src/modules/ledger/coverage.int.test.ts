import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG, registerDonor } from '../../../test/calls.js';
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

async function publishedNeed(quantity: number, estimatedCost: number, title: string): Promise<string> {
  const c = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { schoolId: dbSchool, category: 'classroom', title, quantity, unit: 'phòng', estimatedCost, priority: 'high' });
  expect(c.statusCode).toBe(201);
  const id = c.json().id as string;
  expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
  for (const action of ['verify', 'publish']) expect((await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, { action })).statusCode).toBe(200);
  return id;
}
const pledge = (needId: string, body: Record<string, unknown>) => call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, description: 'Ủng hộ xây phòng học', ...body });
const need = async (id: string) => (await call(null, 'GET', `/api/v1/needs/${id}`)).json();
const confirm = (id: string) =>
  call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/contributions/${id}/transitions`, ...multipart({ action: 'confirm', note: 'Đã nhận' }, [{ filename: 'bien-ban.png', type: 'image/png', data: PNG }]));

describe('money pledges count toward a need like pledges in kind', () => {
  it('a need of 120 million: money pledges move it, more than is open is refused, and it reaches acceptance', async () => {
    const id = await publishedNeed(4, 120_000_000, 'Xây bốn phòng học điểm trường bản');
    const a = await pledge(id, { form: 'money', valueVnd: 50_000_000 });
    expect(a.statusCode).toBe(201);
    expect(await need(id)).toMatchObject({ status: 'partly_pledged', pledgeCount: 1, pledgedValue: '50000000', remainingValue: 70_000_000, remainingQuantity: 3 });
    const b = await pledge(id, { form: 'money', valueVnd: 50_000_000 });
    expect(b.statusCode).toBe(201);
    // 170 million against 120: the third is refused, naming what is open
    const over = await pledge(id, { form: 'money', valueVnd: 70_000_000 });
    expect(over.statusCode).toBe(409);
    expect(over.json().title).toBe('Số tiền cam kết (70.000.000 đồng) vượt phần còn thiếu (20.000.000 đồng)');
    expect(over.json().errors[0].path).toBe('valueVnd');
    const c = await pledge(id, { form: 'money', valueVnd: 20_000_000 });
    expect(c.statusCode).toBe(201);
    expect(await need(id)).toMatchObject({ status: 'fully_pledged', pledgedShare: 1, remainingValue: 0, remainingQuantity: 0 });
    // a pledge in kind is refused alike once the money covers the need
    const more = await pledge(id, { form: 'in_kind', valueVnd: 1_000_000, quantity: 1 });
    expect(more.statusCode).toBe(409);
    expect(more.json().title).toBe('Nhu cầu đang ở trạng thái "Đã đủ cam kết", không nhận thêm cam kết');
    // the open list no longer shows it
    const open = (await call(null, 'GET', `/api/v1/needs?open=true&limit=200&q=${encodeURIComponent('bon phong hoc')}`)).json();
    expect(open.items.map((n: { id: string }) => n.id)).not.toContain(id);
    // every pledge received: the need is delivered and the school accepts it
    for (const p of [a, b, c]) expect((await confirm(p.json().id)).statusCode).toBe(200);
    expect(await need(id)).toMatchObject({ status: 'delivered', receivedShare: 1, receivedValue: '120000000' });
    const accept = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/needs/${id}/transitions`, ...multipart({ action: 'accept', note: 'Đã bàn giao' }, [{ filename: 'nghiem-thu.png', type: 'image/png', data: PNG }]));
    expect(accept.statusCode).toBe(200);
    expect(accept.json().status).toBe('accepted');
  });

  it('mixed pledges: 4 of 10 units in kind and 60% of the cost in money meet the need; past that both kinds are refused by the same rule', async () => {
    const id = await publishedNeed(10, 100_000_000, 'Mười phòng học bộ môn');
    expect((await pledge(id, { form: 'in_kind', valueVnd: 30_000_000, quantity: 4 })).statusCode).toBe(201);
    // the units count by their share of the quantity (40%), whatever value the giver put on them
    expect(await need(id)).toMatchObject({ status: 'partly_pledged', pledgedShare: 0.4, remainingQuantity: 6, remainingValue: 60_000_000 });
    const tooManyUnits = await pledge(id, { form: 'in_kind', valueVnd: 1, quantity: 7 });
    expect(tooManyUnits.statusCode).toBe(409);
    expect(tooManyUnits.json().title).toBe('Số lượng cam kết (7) vượt phần còn thiếu (6)');
    const tooMuchMoney = await pledge(id, { form: 'money', valueVnd: 60_000_001 });
    expect(tooMuchMoney.statusCode).toBe(409);
    expect(tooMuchMoney.json().errors[0].path).toBe('valueVnd');
    expect((await pledge(id, { form: 'money', valueVnd: 30_000_000 })).statusCode).toBe(201);
    expect(await need(id)).toMatchObject({ status: 'partly_pledged', pledgedShare: 0.7, remainingQuantity: 3, remainingValue: 30_000_000 });
    expect((await pledge(id, { form: 'money', valueVnd: 30_000_000 })).statusCode).toBe(201);
    expect(await need(id)).toMatchObject({ status: 'fully_pledged', pledgeCount: 3, pledgedQuantity: 4, pledgedValue: '90000000' });
  });

  it('a cancelled money pledge reopens what it covered', async () => {
    const id = await publishedNeed(1, 10_000_000, 'Sửa mái phòng học');
    const p = await pledge(id, { form: 'money', valueVnd: 10_000_000 });
    expect((await need(id)).status).toBe('fully_pledged');
    expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${p.json().id}/transitions`, { action: 'cancel', reason: 'Đổi kế hoạch' })).statusCode).toBe(200);
    expect(await need(id)).toMatchObject({ status: 'published', pledgeCount: 0, remainingValue: 10_000_000, remainingQuantity: 1 });
  });
});

describe('a donor not yet vetted', () => {
  it('is told on the need page before any form: the detail says it may not pledge and why; a pledge is refused', async () => {
    const id = await publishedNeed(2, 20_000_000, 'Hai phòng học tạm');
    const { cookie } = await registerDonor(ctx, { organisationName: 'Quỹ khuyến học thử nghiệm', donorType: 'individual', email: 'quy.thu@ketnoi.test', password: 'mat-khau-dai-2026', displayName: 'Người liên hệ' });
    const d = await ctx.app.inject({ method: 'GET', url: `/api/v1/needs/${id}`, headers: { cookie } });
    expect(d.json().can.pledge).toBe(false);
    expect(d.json().pledgeVetting).toBe('pending');
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions', headers: { cookie, origin: 'http://localhost' }, payload: { needId: id, form: 'money', description: 'Ủng hộ', valueVnd: 1_000_000 } });
    expect(refused.statusCode).toBe(403);
    // an approved donor may pledge, and others are not donors: no vetting to show
    expect((await call('nhataitro@ketnoi.demo', 'GET', `/api/v1/needs/${id}`)).json()).toMatchObject({ can: { pledge: true }, pledgeVetting: null });
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/needs/${id}`)).json().pledgeVetting).toBeNull();
    expect((await call(null, 'GET', `/api/v1/needs/${id}`)).json().pledgeVetting).toBeNull();
  });
});
