import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { createMailer } from '../../platform/mail.js';
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
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
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
    const ids = await ctx.db.tx((t) => notifyMany(t, [{ organisationId: org, kind: 'need_verify', title: 'Nhu cầu chờ xác minh', body: 'Có 1 nhu cầu mới của trường.' }]));
    await deliverEmail(ctx.db, createMailer(`smtp://127.0.0.1:${port}`, 'KếtNối <no-reply@ketnoi.local>'), ids);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0].to.join(' ')).toContain('so.dienbien@ketnoi.demo');
    expect(sink.messages[0].data).toMatch(/Subject: =\?UTF-8\?|Subject: Nhu/);
    const n = await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [ids[0]]);
    expect(n.emailed_at).not.toBeNull();
  });

  it('keep the notification in the app when no SMTP server is configured or it is down', async () => {
    const org = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'so.sonla@ketnoi.demo'`)).organisation_id;
    const ids = await ctx.db.tx((t) => notifyMany(t, [{ organisationId: org, kind: 'x', title: 'Thử', body: 'Thử' }]));
    await deliverEmail(ctx.db, createMailer(undefined, ''), ids);
    await deliverEmail(ctx.db, createMailer('smtp://127.0.0.1:1', ''), ids);
    const n = await ctx.db.one<{ emailed_at: Date | null }>('SELECT emailed_at FROM notification WHERE id = $1', [ids[0]]);
    expect(n.emailed_at).toBeNull();
    const mine = (await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: await ctx.cookie('so.sonla@ketnoi.demo') } })).json();
    expect(mine.items.some((x: { title: string }) => x.title === 'Thử')).toBe(true);
  });
});
