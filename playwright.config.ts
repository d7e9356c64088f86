import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// Browser journeys against the built app on a fresh embedded database with demo data, in
// Debian's Chromium (no browser download).
const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = path.join(os.tmpdir(), `kn-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: `npx tsx server/src/main.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, DEMO_DATA: 'true', LOG_LEVEL: 'warn' },
  },
});
