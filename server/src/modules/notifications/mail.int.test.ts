import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { createMailer, type Mailer } from '../../platform/mail.js';
import { startJobs } from '../../platform/jobs.js';
import { notificationEmailJob, setEmailQueue } from './mail.js';
import { deliverEmail, notifyMany } from './service.js';

/** A minimal SMTP server on loopback that keeps what it receives (no TLS, no auth). */
function smtpSink() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((sock) => {
    let from = '';
    let to: string[] = [];
    let inData = false;
    let data = '';
    let buf = '';
    sock.write('220 kn-test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') { inData = false; messages.push({ from, to, data }); data = ''; to = []; sock.write('250 OK\r\n'); } else data += line + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 kn-test\r\n');
        else if (cmd === 'MAIL') { from = line; sock.write('250 OK\r\n'); }
        else if (cmd === 'RCPT') { to.push(line.replace(/^RCPT TO:\s*/i, '')); sock.write('250 OK\r\n'); }
        else if (cmd === 'DATA') { inData = true; sock.write('354 go\r\n'); }
        else if (cmd === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); }
        else sock.write('250 OK\r\n');
      }
    });
  });
  return { server, messages };
}

let ctx: TestContext;
const sink = smtpSink();
let port = 0;
beforeAll(async () => {
  ctx = await testApp();
  await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', () => r()));
  port = (sink.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await ctx.close();
  await new Promise((r) => sink.server.close(r));
});

describe('e-mail notifications', () => {
  it('mail every active account of the addressed organisation when SMTP is configured, and mark them sent', async () => {
    const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.dienbien@ketnoi.demo'`)).organisation_id;
    const ids = await ctx.db.tx((t) => notifyMany(t, [{ organisationId: org, kind: 'need_submitted', params: { needTitle: 'Bàn ghế', schoolName: 'Trường thử' } }]));
    await deliverEmail(ctx.db, createMailer(`smtp://127.0.0.1:${port}`, 'KếtNối <no-reply@ketnoi.local>'), ids);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0].to.join(' ')).toContain('so.dienbien@ketnoi.demo');
    expect(sink.messages[0].data).toMatch(/Subject: =\?UTF-8\?|Subject: Nhu/);
    const n = await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [ids[0]]);
    expect(n.emailed_at).not.toBeNull();
  });

  it('keep the notification in the app when no SMTP server is configured or it is down', async () => {
    const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.sonla@ketnoi.demo'`)).organisation_id;
    const ids = await ctx.db.tx((t) => notifyMany(t, [{ organisationId: org, kind: 'donor_pending', params: { donorName: 'Quỹ thử' } }]));
    expect(await deliverEmail(ctx.db, createMailer(undefined, ''), ids)).toEqual({ sent: 0, failed: 0 });
    expect(await deliverEmail(ctx.db, createMailer('smtp://127.0.0.1:1', ''), ids)).toEqual({ sent: 0, failed: 1 });
    const n = await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [ids[0]]);
    expect(n.emailed_at).toBeNull();
    const mine = (await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: await ctx.cookie('so.sonla@ketnoi.demo') } })).json();
    expect(mine.items.some((x: { id: string; title: string }) => x.id === ids[0] && x.title === 'Nhà tài trợ chờ thẩm định: Quỹ thử')).toBe(true);
  });

  it('lists a reader\'s notifications newest first, page by page, each once, in the reader\'s language', async () => {
    const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.laichau@ketnoi.demo'`)).organisation_id;
    // made in one transaction: the same created_at, told apart by id
    await ctx.db.tx((t) => notifyMany(t, Array.from({ length: 5 }, (_, i) => ({ organisationId: org, kind: 'donor_pending' as const, params: { donorName: `Quỹ ${i}` } }))));
    const cookie = await ctx.cookie('so.laichau@ketnoi.demo');
    const get = async (q: string) => (await ctx.app.inject({ method: 'GET', url: `/api/v1/notifications${q}`, headers: { cookie } })).json();
    const whole = await get('?limit=100');
    expect(whole.total).toBe(whole.items.length);
    expect(whole.items.filter((n: { title: string }) => n.title.startsWith('Nhà tài trợ chờ thẩm định: Quỹ'))).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await get(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(p.total).toBe(whole.total);
      seen.push(...p.items.map((n: { id: string }) => n.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((n: { id: string }) => n.id));
    const dates = whole.items.map((n: { createdAt: string }) => n.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  describe('through the notification-email job', () => {
    /** The sink's SMTP server behind a switch: while `failing` > 0, each send fails once. */
    let failing = 0;
    let attempts = 0;
    const flaky = (): Mailer => {
      const real = createMailer(`smtp://127.0.0.1:${port}`, 'KếtNối <no-reply@ketnoi.local>');
      return {
        enabled: true,
        async send(to, subject, text) {
          attempts++;
          if (failing > 0) { failing--; throw new Error('SMTP down'); }
          await real.send(to, subject, text);
        },
      };
    };
    const waitFor = async (ok: () => boolean | Promise<boolean>, ms = 25_000) => {
      for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 200))) if (await ok()) return;
      throw new Error('timed out');
    };
    const pledge = { description: 'Textbooks for grade 1', donorName: 'Hope Fund', quantity: 100, unit: 'sets', valueVnd: 5_000_000, needTitle: 'Books' };
    const decode = (data: string) => data.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

    it('e-mails a pledge in the language of each account: English for an account whose locale is en', { timeout: 40_000 }, async () => {
      const school = await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`);
      await ctx.db.query(`UPDATE app_user SET locale = 'en' WHERE email = 'truong.dienbien@ketnoi.demo'`);
      // the school's other accounts (its counsellors excepted: they are told of their cases only)
      const others = await ctx.db.query<{ email: string }>(`SELECT email FROM app_user WHERE active AND organisation_id = $1 AND role <> 'counsellor' AND email <> 'truong.dienbien@ketnoi.demo'`, [school.organisation_id]);
      const boss = await startJobs(ctx.db, [notificationEmailJob(ctx.db, flaky(), { retryLimit: 3, retryDelay: 1, retryBackoff: false })]);
      setEmailQueue(boss);
      try {
        const before = sink.messages.length;
        const [id] = await ctx.db.tx((t) => notifyMany(t, [{ organisationId: school.organisation_id, kind: 'pledge_received', params: pledge, link: '/nhu-cau/x' }]));
        await waitFor(async () => (await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [id])).emailed_at !== null);
        const sent = sink.messages.slice(before);
        const en = sent.find((m) => m.to.join(' ').includes('truong.dienbien@ketnoi.demo'))!;
        expect(en).toBeDefined();
        expect(en.data).toContain('Subject: New pledge: Textbooks for grade 1');
        expect(decode(en.data)).toContain('Hope Fund pledged 100 sets worth VND 5,000,000 for the need "Books".');
        // accounts still in Vietnamese get the Vietnamese text, in their own message
        if (others.length) {
          const vi = sent.find((m) => m !== en)!;
          expect(vi.to.join(' ')).toContain(others[0].email);
          expect(vi.to.join(' ')).not.toContain('truong.dienbien@ketnoi.demo');
          expect(decode(vi.data)).toMatch(/Subject: =\?UTF-8\?/);
        }
        // in the app, the English reader sees English
        const mine = (await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: await ctx.cookie('truong.dienbien@ketnoi.demo') } })).json();
        expect(mine.items.find((n: { id: string }) => n.id === id)).toMatchObject({ kind: 'pledge_received', title: 'New pledge: Textbooks for grade 1' });

        // a failed send is retried by the queue, and sent once
        failing = 1;
        attempts = 0;
        const mark = sink.messages.length;
        const me = (await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).id;
        const [again] = await ctx.db.tx((t) => notifyMany(t, [{ userId: me, kind: 'pledge_received', params: pledge }]));
        await waitFor(async () => (await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [again])).emailed_at !== null);
        expect(attempts).toBe(2);
        expect(sink.messages.slice(mark)).toHaveLength(1);
        expect(sink.messages[mark].data).toContain('Subject: New pledge');
      } finally {
        setEmailQueue(null);
        await boss.stop({ graceful: false, wait: true });
        await ctx.db.query(`UPDATE app_user SET locale = 'vi' WHERE email = 'truong.dienbien@ketnoi.demo'`);
      }
    });

    it('queues nothing without an SMTP server', async () => {
      const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.sonla@ketnoi.demo'`)).organisation_id;
      const jobs = async () => {
        const table = await ctx.db.one<{ t: string | null }>(`SELECT to_regclass('pgboss.job')::text AS t`);
        return table.t ? Number((await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification-email'`)).n) : 0;
      };
      const before = await jobs();
      await ctx.db.tx((t) => notifyMany(t, [{ organisationId: org, kind: 'donor_pending', params: { donorName: 'Hope Fund' } }]));
      expect(await jobs()).toBe(before);
    });
  });
});
