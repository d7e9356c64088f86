import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The e-mails the app sent during the run, captured by the SMTP server of e2e/support/serve.mjs. */
const MAIL_FILE = path.join(os.tmpdir(), `kn-e2e-mail-${process.env.E2E_PORT ?? 3210}.jsonl`);

export interface CapturedMail { to: string[]; subject: string; text: string }

/** Quoted-printable to text (soft line breaks, =XX bytes in UTF-8). */
function unQuote(s: string): string {
  const joined = s.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const m = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
    if (m) {
      bytes.push(parseInt(m[1], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header's encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) as text. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, body: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(body, 'base64').toString('utf8') : unQuote(body.replace(/_/g, ' ')),
    );
}

function parse(raw: { to: string[]; data: string }): CapturedMail {
  const split = raw.data.indexOf('\n\n');
  // folded header lines joined
  const head = raw.data.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = raw.data.slice(split + 2);
  const subject = decodeWords(/^Subject: (.*)$/m.exec(head)?.[1] ?? '');
  const text = /Content-Transfer-Encoding: quoted-printable/i.test(head) ? unQuote(body)
    : /Content-Transfer-Encoding: base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : body;
  return { to: raw.to, subject, text };
}

export function capturedMails(): CapturedMail[] {
  if (!fs.existsSync(MAIL_FILE)) return [];
  return fs.readFileSync(MAIL_FILE, 'utf8').split('\n').filter(Boolean).map((l) => parse(JSON.parse(l)));
}

/** The latest e-mail sent to an address, waiting for it to arrive (sending does not block the answer). */
export async function mailTo(address: string, timeoutMs = 15_000): Promise<CapturedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = capturedMails().findLast((x) => x.to.some((t) => t.toLowerCase() === address.toLowerCase()));
    if (m) return m;
    if (Date.now() > until) throw new Error(`no e-mail to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
