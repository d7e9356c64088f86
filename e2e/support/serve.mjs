// Starts the server for the browser journeys and removes its data directory when it stops.
// It does not build the web app (run `bash scripts/build-web.sh` first, as scripts/test.sh
// does): rebuilding web/dist under a server that is being tested would pull its lazy-loaded
// chunks away. Without web/dist the server would answer 404 for every page, so stop early.
// Playwright sends SIGTERM to the whole process group (webServer.gracefulShutdown): the server
// closes itself; this wrapper waits for it, then deletes DATA_DIR (a fresh PGlite database,
// ~90 MB, of no use after the run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = process.env.DATA_DIR;
const inTmp = dataDir && path.resolve(dataDir).startsWith(path.resolve(os.tmpdir()) + path.sep) && path.basename(dataDir).startsWith('kn-e2e-');

if (!fs.existsSync('web/dist/index.html')) {
  console.error('e2e: web/dist/index.html is missing; build the web app first: bash scripts/build-web.sh');
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit', env: process.env });

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
  // only ever delete the temporary directory the config made for this run
  if (inTmp) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
