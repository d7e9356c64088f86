/**
 * Benchmark: the public pages on a weak mobile line, in Debian's Chromium (as the browser
 * journeys use). Each page is opened in a fresh browser context (no cache, no service worker)
 * with the network emulated through CDP at 400 kbit/s down and up and 400 ms latency, then
 * opened again in the same context (a later visit: HTTP cache and service worker kept).
 *
 * "Usable" is the moment the page's main heading and its primary content are both visible,
 * measured inside the page (performance.now() since the navigation started, checked on every
 * animation frame). "KB" is what crossed the wire (encoded bytes, headers included) before that
 * moment, as reported by the browser's network events, counting the part of a response still
 * arriving (a public page's first visit comes drawn by the server and is read before its document
 * has finished: server/src/platform/pages.ts): its finished wire size times the share of its
 * decoded bytes that had come, as Chromium gives a chunk's decoded length only.
 *
 * Needs web/dist (bash scripts/build-web.sh). Runs its own server on a fresh embedded database
 * with the demo data.
 *
 *   npx tsx bench/slow3g.ts [runs] [--requests]   (default 3 runs per page; the median is printed;
 *                                                  --requests lists each visit's requests)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { keepStatistics, openPglite } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { loadDemoData } from '../server/src/seed/demo.js';
import { buildApp } from '../server/src/app.js';
import { warmServerPages } from '../server/src/platform/pages.js';
import { loadConfig } from '../server/src/platform/config.js';

const RUNS = Math.max(1, Number(process.argv[2] ?? 3));
// `--requests`: also list what each visit fetched before it was usable (name, KB, finished at)
const LIST = process.argv.includes('--requests');
const KBPS = 400;
const LATENCY_MS = 400;
const TARGET_FIRST_MS = 3500;
const TARGET_REPEAT_MS = 1500;

interface Target {
  name: string;
  path: string;
  /** checked in the page on every frame: usable once both are visible (and the map drawn, if asked) */
  heading: string;
  content: string;
  map?: boolean;
  target: boolean;
}

/** Runs in the page: a function, not a string (the app's CSP forbids eval), and with no named
 * inner function (the TypeScript loader would wrap it in a helper the page does not have). */
const usableAt = (a: { heading: string; content: string; map: boolean }): number | false => {
  for (const sel of [a.heading, a.content]) {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return false;
  }
  if (a.map && (window as unknown as { __knMapReady?: boolean }).__knMapReady !== true) return false;
  return performance.now();
};

async function serve() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-slow3g-'));
  const db = await openPglite(path.join(dir, 'pglite'));
  await migrate(db);
  await loadReferenceData(db);
  await loadDemoData(db);
  const stopStatistics = await keepStatistics(db);
  const app = await buildApp({ db, config: { ...loadConfig({}), demoData: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await warmServerPages(app);
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      stopStatistics();
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function throttle(cdp: CDPSession, cacheDisabled: boolean) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: (KBPS * 1000) / 8,
    uploadThroughput: (KBPS * 1000) / 8,
  });
}

interface Visit {
  ms: number;
  kb: number;
  requests: number;
}

async function visit(browser: Browser, base: string, t: Target): Promise<{ first: Visit; repeat: Visit }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const once = async (cacheDisabled: boolean): Promise<Visit> => {
      await throttle(cdp, cacheDisabled);
      const finished: { id: string; at: number; bytes: number; url: string; start: number }[] = [];
      const started = new Map<string, { url: string; at: number }>();
      const onStart = (e: { requestId: string; request: { url: string } }) => started.set(e.requestId, { url: e.request.url, at: Date.now() });
      const onDone = (e: { requestId: string; encodedDataLength: number }) =>
        finished.push({ id: e.requestId, at: Date.now(), bytes: e.encodedDataLength, url: started.get(e.requestId)?.url ?? 'http://x/?', start: started.get(e.requestId)?.at ?? 0 });
      // A page drawn on the server is usable while its document still arrives: count what came of
      // it. Chromium reports a response's wire bytes when it has finished (its chunks carry their
      // decoded length, their encoded one often as 0), so the part that came before the page was
      // usable is the finished wire size times the share of the decoded bytes that had arrived.
      const partial: { id: string; at: number; encoded: number; decoded: number }[] = [];
      const onData = (e: { requestId: string; encodedDataLength: number; dataLength: number }) =>
        partial.push({ id: e.requestId, at: Date.now(), encoded: e.encodedDataLength, decoded: e.dataLength });
      cdp.on('Network.requestWillBeSent', onStart);
      cdp.on('Network.loadingFinished', onDone);
      cdp.on('Network.dataReceived', onData);
      const t0 = Date.now();
      await page.goto(`${base}${t.path}`, { waitUntil: 'commit', timeout: 120_000 });
      const handle = await page.waitForFunction(usableAt, { heading: t.heading, content: t.content, map: !!t.map }, { polling: 'raf', timeout: 120_000 });
      const ms = Number(await handle.jsonValue());
      const at = Date.now();
      const before = finished.filter((f) => f.at <= at);
      const done = new Set(before.map((f) => f.id));
      const arrivingIds = [...new Set(partial.filter((d) => d.at <= at && !done.has(d.id)).map((d) => d.id))];
      // wait for those responses to finish, to learn their wire size
      for (let waited = 0; waited < 60_000 && !arrivingIds.every((id) => finished.some((f) => f.id === id)); waited += 50) await new Promise((r) => setTimeout(r, 50));
      cdp.off('Network.loadingFinished', onDone);
      cdp.off('Network.requestWillBeSent', onStart);
      cdp.off('Network.dataReceived', onData);
      const arriving = arrivingIds.map((id): [string, number] => {
        const chunks = partial.filter((d) => d.id === id);
        const early = chunks.filter((d) => d.at <= at);
        const encodedEarly = early.reduce((sum, d) => sum + d.encoded, 0);
        if (encodedEarly > 0) return [id, encodedEarly];
        const wire = finished.find((f) => f.id === id)?.bytes ?? 0;
        const decodedAll = chunks.reduce((sum, d) => sum + d.decoded, 0);
        const decodedEarly = early.reduce((sum, d) => sum + d.decoded, 0);
        return [id, decodedAll > 0 ? Math.round((wire * decodedEarly) / decodedAll) : 0];
      });
      if (LIST) {
        console.log(`\n${t.name}, ${cacheDisabled ? 'first' : 'later'} visit: usable at ${Math.round(ms)} ms (asked at → finished at, KB)`);
        for (const f of before) console.log(`  ${String(f.start - t0).padStart(6)} → ${String(f.at - t0).padStart(6)} ms ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${new URL(f.url).pathname}${new URL(f.url).search}`);
      }
      const bytes = before.reduce((sum, f) => sum + f.bytes, 0) + arriving.reduce((sum, [, b]) => sum + b, 0);
      return { ms: Math.round(ms), kb: Math.round(bytes / 1024), requests: before.length + arriving.length };
    };
    const first = await once(true);
    // let the page settle (lazy chunks, service worker install) as a reader would before leaving
    await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
    await page.goto('about:blank');
    const repeat = await once(false);
    return { first, repeat };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  if (!fs.existsSync('web/dist/index.html')) throw new Error('web/dist/index.html is missing: bash scripts/build-web.sh');
  const s = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const needs = (await (await fetch(`${s.url}/api/v1/needs?limit=1`)).json()) as { items: { id: string }[] };
    const needId = needs.items[0]?.id;
    if (!needId) throw new Error('the demo data has no published need');
    const only = process.env.ONLY;
    const all: Target[] = [
      { name: 'home', path: '/', heading: 'main h1', content: '[data-testid="home-school-total"]', target: true },
      { name: 'public portal', path: '/cong-khai', heading: 'main h1', content: '[data-testid="portal-total"]', target: true },
      { name: 'needs list', path: '/nhu-cau', heading: 'main h1', content: '[data-testid="need-list"] > *', target: true },
      { name: 'a need', path: `/nhu-cau/${needId}`, heading: '[data-testid="need-heading"]', content: '[data-testid="need-page"]', target: true },
      { name: 'map', path: '/ban-do', heading: 'main h1', content: '[data-testid="map"]', map: true, target: false },
    ];
    // ONLY=home,map: measure some of the pages
    const targets = only ? all.filter((t) => only.split(',').includes(t.name)) : all;
    console.log(`slow 3G: ${KBPS} kbit/s down and up, ${LATENCY_MS} ms latency; viewport 390×844; median of ${RUNS} run(s)`);
    console.log(`targets: first visit ≤ ${TARGET_FIRST_MS} ms, later visit ≤ ${TARGET_REPEAT_MS} ms (map: no target)\n`);
    const rows: string[][] = [];
    let failed = false;
    for (const t of targets) {
      const runs: { first: Visit; repeat: Visit }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, s.url, t));
      const f = { ms: median(runs.map((r) => r.first.ms)), kb: median(runs.map((r) => r.first.kb)), requests: median(runs.map((r) => r.first.requests)) };
      const r = { ms: median(runs.map((x) => x.repeat.ms)), kb: median(runs.map((x) => x.repeat.kb)), requests: median(runs.map((x) => x.repeat.requests)) };
      const okFirst = !t.target || f.ms <= TARGET_FIRST_MS;
      const okRepeat = !t.target || r.ms <= TARGET_REPEAT_MS;
      if (!okFirst || !okRepeat) failed = true;
      rows.push([t.name, `${f.ms}`, `${f.kb}`, `${f.requests}`, `${r.ms}`, `${r.kb}`, `${r.requests}`, t.target ? (okFirst && okRepeat ? 'yes' : 'NO') : '—']);
    }
    const head = ['page', 'first ms', 'first KB', 'first req', 'later ms', 'later KB', 'later req', 'on target'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
    console.log(line(head));
    console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    if (failed) process.exitCode = 1;
  } finally {
    await browser.close();
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
