import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller, multipart, PNG, registerDonor } from '../../../test/calls.js';
import { setEmailQueue, sendDigests } from './mail.js';
import { deliverEmail } from './service.js';

/**
 * Every hand-off tells the next one in line, and only them: each step below clears the
 * notifications, acts, and reads who was told of what. Then the settings: a kind turned off is not
 * e-mailed (no e-mail job at all when nobody wants it), and the daily digest is one mail.
 */

let ctx: TestContext;
const call = caller(() => ctx);
const orgOf = async (email: string) => (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;
let school = '', dienbien = '', sonla = '', donor = '', commune = '';
const queued: unknown[] = [];

beforeAll(async () => {
  ctx = await testApp();
  [school, dienbien, sonla, donor] = await Promise.all(['truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'so.sonla@ketnoi.demo', 'nhataitro@ketnoi.demo'].map(orgOf));
  // the People's Committee of the demo school's commune, if the school is one it verifies first
  commune = (await ctx.db.maybeOne<{ id: string }>(
    `SELECT o.id FROM organisation o JOIN school s ON s.commune_code = o.commune_code AND s.organisation_id = $1
      WHERE o.kind = 'commune_committee' AND s.levels <@ ARRAY['mam_non','tieu_hoc','thcs']::text[]`, [school]))?.id ?? '';
});
afterAll(async () => {
  setEmailQueue(null);
  await ctx.close();
});

/** Clear, act, then the notifications made, as "organisation kind" pairs, sorted. */
async function told(act: () => Promise<void>): Promise<string[]> {
  await ctx.db.query('DELETE FROM notification');
  await act();
  const rows = await ctx.db.query<{ organisation_id: string | null; kind: string }>('SELECT organisation_id, kind FROM notification');
  const name = (id: string | null) => ({ [school]: 'school', [dienbien]: 'dept', [sonla]: 'dept-sonla', [donor]: 'donor', ...(commune ? { [commune]: 'commune' } : {}) } as Record<string, string>)[id ?? ''] ?? `other:${id}`;
  return rows.map((r) => `${name(r.organisation_id)} ${r.kind}`).sort();
}

const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

async function newNeed(title: string): Promise<string> {
  const n = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { category: 'equipment', title, description: null, quantity: 10, unit: 'bộ', estimatedCost: 20_000_000, priority: 'high', schoolId: school });
  ok(n, 201);
  return n.json().id;
}
const needAction = (who: string, id: string, action: string, extra: Record<string, unknown> = {}) => call(who, 'POST', `/api/v1/needs/${id}/transitions`, { action, ...extra });
const giftAction = (who: string, id: string, action: string, files: { filename: string; type: string; data: Buffer }[] = []) => {
  const [body, headers] = multipart({ action, note: 'Đã bàn giao tại trường' }, files);
  return call(who, 'POST', `/api/v1/contributions/${id}/transitions`, body, headers);
};

describe('notifications at every hand-off', () => {
  let needId = '';
  let giftId = '';

  it('a submitted need tells its first verifier (the commune for its schools, else the Department of its province), nobody else', async () => {
    needId = await newNeed('Bàn ghế học sinh lớp 3');
    expect(await told(async () => ok(await needAction('truong.dienbien@ketnoi.demo', needId, 'submit')))).toEqual([commune ? 'commune need_submitted' : 'dept need_submitted']);
    // an upper-secondary school of the province: the Department
    const thpt = await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE province_code = (SELECT province_code FROM organisation WHERE id = $1) AND levels = ARRAY['thpt']::text[] ORDER BY code LIMIT 1`, [dienbien]);
    const n = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { category: 'equipment', title: 'Máy chiếu phòng học', description: null, quantity: 2, unit: 'chiếc', estimatedCost: 30_000_000, priority: 'normal', schoolId: thpt.id });
    ok(n, 201);
    expect(await told(async () => ok(await needAction('so.dienbien@ketnoi.demo', n.json().id, 'submit')))).toEqual(['dept need_submitted']);
  });

  it('the demo school is one its commune verifies first: the commune is told', () => {
    expect(commune).not.toBe('');
  });

  it('verified, then published: the school is told each time', async () => {
    expect(await told(async () => ok(await needAction('so.dienbien@ketnoi.demo', needId, 'verify')))).toEqual(['school need_verify']);
    expect(await told(async () => ok(await needAction('so.dienbien@ketnoi.demo', needId, 'publish')))).toEqual(['school need_publish']);
    // the school's management reads it; the school's counsellor, an account of the same school, does not
    const inbox = async (email: string) => ((await call(email, 'GET', '/api/v1/notifications?limit=50')).json() as { items: { kind: string }[] }).items.map((n) => n.kind);
    expect(await orgOf('tuvan.dienbien@ketnoi.demo')).toBe(school);
    expect(await inbox('truong.dienbien@ketnoi.demo')).toContain('need_publish');
    expect(await inbox('tuvan.dienbien@ketnoi.demo')).not.toContain('need_publish');
  });

  it('returned: the school is told', async () => {
    const other = await newNeed('Tủ sách thư viện');
    ok(await needAction('truong.dienbien@ketnoi.demo', other, 'submit'));
    expect(await told(async () => ok(await needAction('so.dienbien@ketnoi.demo', other, 'return', { reason: 'Thiếu báo giá' })))).toEqual(['school need_return']);
  });

  it('a pledge and its delivery tell the school', async () => {
    expect(await told(async () => {
      const p = await call('nhataitro@ketnoi.demo', 'POST', '/api/v1/contributions', { needId, schoolId: school, category: 'equipment', form: 'in_kind', description: 'Bàn ghế', quantity: 10, valueVnd: 20_000_000 });
      ok(p, 201);
      giftId = p.json().id;
    })).toEqual(['school pledge_received']);
    expect(await told(async () => ok(await giftAction('nhataitro@ketnoi.demo', giftId, 'deliver')))).toEqual(['school delivery_marked']);
  });

  it('the receipt confirmed tells the donor and the Department; its acceptance the donor (and the school)', async () => {
    expect(await told(async () => ok(await giftAction('truong.dienbien@ketnoi.demo', giftId, 'confirm', [{ filename: 'bien-ban.png', type: 'image/png', data: PNG }])))).toEqual(['dept delivery_confirmed', 'donor delivery_confirmed']);
    expect(await told(async () => ok(await giftAction('so.dienbien@ketnoi.demo', giftId, 'accept')))).toEqual(['donor evidence_accepted', 'school evidence_accepted']);
  });

  it('a donor registered tells the vetting board, and no Department', async () => {
    const kinds = await told(async () => { await registerDonor(ctx, { email: 'quy.moi@ketnoi.test', password: 'mat-khau-du-dai-2026', organisationName: 'Quỹ thử nghiệm thông báo', donorType: 'business', displayName: 'Cán bộ quỹ' }); });
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.endsWith(' donor_pending') && !k.startsWith('dept'))).toBe(true);
  });

  it('a progress report tells the plan\'s issuer, not the reporting unit', async () => {
    const a = await ctx.db.one<{ id: string; issuer_id: string }>(
      `SELECT a.id, p.issuer_id FROM assignment_unit u JOIN task_assignment a ON a.id = u.assignment_id JOIN plan p ON p.id = a.plan_id
        WHERE u.organisation_id = $1 AND u.role = 'lead' AND p.issuer_id <> $1 AND a.window_kind <> 'every_year' ORDER BY a.id LIMIT 1`, [dienbien]);
    const [body, headers] = multipart({ state: 'in_progress', percent: '40' }, []);
    const kinds = await told(async () => ok(await call('so.dienbien@ketnoi.demo', 'POST', `/api/v1/assignments/${a.id}/updates`, body, headers), 201));
    expect(kinds).toEqual([`other:${a.issuer_id} task_reported`]);
  });
});

describe('settings', () => {
  const send = async (_q: string, data: unknown) => { queued.push(data); return 'job'; };

  it('start with every kind by e-mail and no digest; saved as given, refused when a kind is unknown', async () => {
    expect((await call('truong.dienbien@ketnoi.demo', 'GET', '/api/v1/notifications/settings')).json()).toEqual({ emailOff: [], digest: false });
    const bad = await call('truong.dienbien@ketnoi.demo', 'PUT', '/api/v1/notifications/settings', { emailOff: ['nope'], digest: false });
    expect(bad.statusCode).toBe(422);
    const saved = await call('truong.dienbien@ketnoi.demo', 'PUT', '/api/v1/notifications/settings', { emailOff: ['need_verify', 'need_publish'], digest: false });
    ok(saved);
    expect(saved.json()).toEqual({ emailOff: ['need_publish', 'need_verify'], digest: false });
    // another account's settings are its own
    expect((await call('so.dienbien@ketnoi.demo', 'GET', '/api/v1/notifications/settings')).json()).toEqual({ emailOff: [], digest: false });
  });

  it('a kind turned off queues no e-mail job; a kind left on does, and mails', async () => {
    setEmailQueue({ send } as unknown as PgBoss);
    try {
      const id = await newNeed('Máy tính phòng tin học');
      queued.length = 0;
      ok(await needAction('truong.dienbien@ketnoi.demo', id, 'submit')); // to the Department: e-mailed
      expect(queued).toHaveLength(1);
      queued.length = 0;
      ok(await needAction('so.dienbien@ketnoi.demo', id, 'verify')); // to the school, which turned it off
      expect(queued).toHaveLength(0);
      const other = await newNeed('Loa cho lớp học');
      ok(await needAction('truong.dienbien@ketnoi.demo', other, 'submit'));
      queued.length = 0;
      ok(await needAction('so.dienbien@ketnoi.demo', other, 'return', { reason: 'Thiếu ảnh hiện trạng' })); // still on
      expect(queued).toHaveLength(1);
      const ids = (queued[0] as { ids: string[] }).ids;
      ctx.mail.length = 0;
      await deliverEmail(ctx.db, ctx.app.mailer, ids);
      expect(ctx.mail.map((m) => m.to)).toEqual([['truong.dienbien@ketnoi.demo']]);
    } finally {
      setEmailQueue(null);
    }
  });

  it('the daily digest: no e-mail each, then one mail with the day\'s notifications', async () => {
    ok(await call('truong.dienbien@ketnoi.demo', 'PUT', '/api/v1/notifications/settings', { emailOff: ['need_publish'], digest: true }));
    ok(await call('so.hanoi@ketnoi.demo', 'PUT', '/api/v1/notifications/settings', { emailOff: [], digest: true }));
    await ctx.db.query('DELETE FROM notification');
    const id = await newNeed('Đàn organ cho lớp âm nhạc');
    ok(await needAction('truong.dienbien@ketnoi.demo', id, 'submit'));
    ok(await needAction('so.dienbien@ketnoi.demo', id, 'verify'));
    ok(await needAction('so.dienbien@ketnoi.demo', id, 'publish'));
    const mine = (await ctx.db.query<{ id: string }>('SELECT id FROM notification WHERE organisation_id = $1', [school])).map((r) => r.id);
    expect(mine).toHaveLength(2);
    ctx.mail.length = 0;
    await deliverEmail(ctx.db, ctx.app.mailer, mine);
    expect(ctx.mail).toHaveLength(0);
    const later = { now: () => new Date(Date.now() + 1000) };
    const r = await sendDigests(ctx.db, ctx.app.mailer, later);
    // one digest: the school's (the Hanoi Department had nothing today)
    expect(r).toEqual({ sent: 1, failed: 0 });
    expect(ctx.mail).toHaveLength(1);
    expect(ctx.mail[0].to).toEqual(['truong.dienbien@ketnoi.demo']);
    expect(ctx.mail[0].subject).toBe('KếtNối: 1 thông báo trong ngày');
    expect(ctx.mail[0].text).toContain('Nhu cầu đã được xác minh: Đàn organ cho lớp âm nhạc');
    expect(ctx.mail[0].text).not.toContain('công bố');
    // sent once: the next run has nothing new
    expect(await sendDigests(ctx.db, ctx.app.mailer, { now: () => new Date(Date.now() + 2000) })).toEqual({ sent: 0, failed: 0 });
  });
});
