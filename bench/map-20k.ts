/**
 * Benchmark: the schools map with 20,000 schools against the demo's few hundred, in Debian's
 * Chromium. Measures the points payload, time until the map is ready, and frame times while the
 * map pans and zooms (requestAnimationFrame intervals). Needs web/dist (bash scripts/build-web.sh).
 *
 *   npx tsx bench/map-20k.ts [schools]     (default 20000)
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { openPglite } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { loadDemoData } from '../server/src/seed/demo.js';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { importSchools } from '../server/src/modules/schools/service.js';
import { SYSTEM } from '../server/src/platform/actor.js';
import { SCHOOL_LEVEL_LABELS } from '../contracts/common.js';
import { generateSchools } from '../scripts/generate-demo-data.js';

const N = Number(process.argv[2] ?? 20000);

async function serve(extra: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-map-'));
  const db = await openPglite(path.join(dir, 'pglite'));
  await migrate(db);
  await loadReferenceData(db);
  await loadDemoData(db);
  if (extra) {
    const header = ['Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Mã xã', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên'];
    const rows = generateSchools(extra, 7).map((s, i) => ({ line: i + 2, values: [s.code, s.name, s.levels.map((l) => SCHOOL_LEVEL_LABELS[l]).join(', '), 'Công lập', s.address ?? '', s.communeCode, String(s.lat), String(s.lng), String(s.pupils ?? ''), String(s.staff ?? '')] }));
    await importSchools(db, SYSTEM, { headers: header, rows });
  }
  const app = await buildApp({ db, config: { ...loadConfig({}), demoData: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: async () => { await app.close(); await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function measure(label: string, extra: number) {
  const s = await serve(extra);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const points = await (await fetch(`${s.url}/api/v1/schools/points`, { headers: { 'accept-encoding': 'identity' } })).text();
    const t0 = Date.now();
    await page.goto(`${s.url}/ban-do`);
    await page.waitForFunction(() => (window as unknown as { __knMapReady?: boolean }).__knMapReady === true, null, { timeout: 120_000 });
    const ready = Date.now() - t0;
    // a string, so the bundler's helpers (it names functions) do not leak into the page
    const frames = (await page.evaluate(`(async () => {
      const el = document.querySelector('[data-testid="map"] canvas');
      const r = el.getBoundingClientRect();
      const times = [];
      let last = performance.now();
      let run = true;
      const tick = (t) => { times.push(t - last); last = t; if (run) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const fire = (type, x, y) => el.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: x, clientY: y, buttons: 1 }));
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      fire('mousedown', cx, cy);
      for (let i = 0; i < 60; i++) { fire('mousemove', cx + i * 4, cy + i * 2); await new Promise((res) => setTimeout(res, 16)); }
      fire('mouseup', cx + 240, cy + 120);
      for (let i = 0; i < 10; i++) { el.dispatchEvent(new WheelEvent('wheel', { bubbles: true, clientX: cx, clientY: cy, deltaY: -120 })); await new Promise((res) => setTimeout(res, 100)); }
      await new Promise((res) => setTimeout(res, 1000));
      run = false;
      return times.slice(1);
    })()`)) as number[];
    frames.sort((a, b) => a - b);
    const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
    const count = await page.locator('[data-testid="map-count"]').textContent().catch(() => '');
    console.log(`${label.padEnd(22)} points payload ${(points.length / 1024).toFixed(0)} KiB  ready ${ready} ms  frames ${frames.length}  p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${frames[frames.length - 1].toFixed(1)} ms  (${count?.trim()})`);
    return { ready, p95: q(0.95) };
  } finally {
    await browser.close();
    await s.close();
  }
}

const base = await measure('demo (~430 schools)', 0);
const big = await measure(`demo + ${N.toLocaleString('vi-VN')} schools`, N);
console.log(`ratio vs demo: ready ×${(big.ready / base.ready).toFixed(2)}, p95 frame ×${(big.p95 / base.p95).toFixed(2)} (software rendering, no GPU)`);
