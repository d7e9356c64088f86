import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// Browser journeys against the built app (web/dist, see scripts/build-web.sh) on a fresh
// embedded database with demo data, in Debian's Chromium (no browser download).
// The server is started by e2e/support/serve.mjs, which removes its data directory on exit.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// Computed once in the runner process, which is the one that starts the server; worker
// processes re-read this file but never use the value.
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `kn-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The journeys share one server and one database; the few that write use their own rows
  // (see e2e/import.spec.ts, e2e/history.spec.ts), so they do not depend on the order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        // WebGL for the map without a GPU: SwiftShader, which newer Chromium only allows when asked
        '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    command: 'node e2e/support/serve.mjs',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000, // loading the demo on PGlite takes about a minute on a quiet machine, more under load
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    // every journey's accounts sign in from this one address, several a minute, where people sign in each
    // from their own: the per-address limit of sign-ins is proven by the integration tests, not here
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, DEMO_DATA: 'true', LOG_LEVEL: 'warn', AUTH_RATE_PER_MINUTE: '300' },
  },
});
