// Starts the server for the browser journeys and removes its data directory when it stops.
// It does not build the web app (run `bash scripts/build-web.sh` first, as scripts/test.sh
// does): rebuilding web/dist under a server that is being tested would pull its lazy-loaded
// chunks away. Without web/dist the server would answer 404 for every page, so stop early.
// Playwright sends SIGTERM to the whole process group (webServer.gracefulShutdown): the server
// closes itself; this wrapper waits for it, then deletes DATA_DIR (a fresh PGlite database,
// ~90 MB, of no use after the run).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const dataDir = process.env.DATA_DIR;
const inTmp = dataDir && path.resolve(dataDir).startsWith(path.resolve(os.tmpdir()) + path.sep) && path.basename(dataDir).startsWith('kn-e2e-');

if (!fs.existsSync('web/dist/index.html')) {
  console.error('e2e: web/dist/index.html is missing; build the web app first: bash scripts/build-web.sh');
  process.exit(1);
}

// A small SMTP server that accepts every message and appends it, as one JSON line, to a file named
// after the app's port (see e2e/support/mail.ts): journeys read the e-mails the app sent.
const mailFile = path.join(os.tmpdir(), `kn-e2e-mail-${process.env.PORT ?? 3210}.jsonl`);
fs.writeFileSync(mailFile, '');
const sink = net.createServer((sock) => {
  let to = [];
  let inData = false;
  let data = '';
  let buf = '';
  sock.write('220 kn-e2e ESMTP\r\n');
  sock.on('error', () => undefined);
  sock.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (inData) {
        if (line === '.') {
          inData = false;
          fs.appendFileSync(mailFile, `${JSON.stringify({ to, data })}\n`);
          data = '';
          to = [];
          sock.write('250 OK\r\n');
        } else data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
        continue;
      }
      const cmd = line.slice(0, 4).toUpperCase();
      if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 kn-e2e\r\n');
      else if (cmd === 'RCPT') {
        to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
        sock.write('250 OK\r\n');
      } else if (cmd === 'DATA') {
        inData = true;
        sock.write('354 go\r\n');
      } else if (cmd === 'QUIT') {
        sock.write('221 bye\r\n');
        sock.end();
      } else sock.write('250 OK\r\n');
    }
  });
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${sink.address().port}`;

// the compiled server and the heap limit of scripts/start.sh, so the journeys run the server as it is
// started in production (the build is a single file read once at start, and skipped when up to date)
execFileSync('bash', ['scripts/build-server.sh'], { stdio: 'inherit' });
const child = spawn(process.execPath, [`--max-old-space-size=${process.env.SERVER_HEAP_MB ?? 256}`, '.build/server.mjs'], { stdio: 'inherit', env: { NODE_ENV: 'production', ...process.env, SMTP_URL: smtpUrl } });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // the signal reached the server too (same process group); forward it in case it did not
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

child.on('exit', (code, signal) => {
  sink.close();
  fs.rmSync(mailFile, { force: true });
  // only ever delete the temporary directory the config made for this run
  if (inTmp) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
