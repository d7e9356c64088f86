/**
 * The national-scale benchmark: starts the app as its own process on a generated database, signs
 * in as each role, and measures every list, aggregate, map, export and report endpoint the web
 * app calls (bench/national/endpoints.ts): p50 / p95 / max over --reps requests (exports: time to
 * first byte of the body and to the end over --export-reps), the answer's bytes on the wire
 * (brotli or gzip, accepted as a browser does), each heavy
 * one beside a hand-written SQL query for the same figure in the same run, and the server's RSS
 * sampled every 100 ms. Then a load test of the public stats and contribution pages
 * (--clients concurrent clients for --load seconds: requests/s, p99, errors).
 *
 *   npm run bench:generate -- --fraction 0.1 --target pg --url postgres://postgres@127.0.0.1:5432/kn_scale
 *   npm run bench:national -- --engine pg --url postgres://postgres@127.0.0.1:5432/kn_scale
 *   npm run bench:national -- --engine pglite --dir .data/scale-0.01 [--fraction 0.01 to generate first]
 *
 * Options: --reps 30 --export-reps 3 (0: no exports) --load 10 (0: no load test) --clients 32 --port 3317
 *          --only <name part>[,<name part>…] --out results.json
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiledServerArgs } from '../../scripts/compiled-server.js';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Db } from '../../server/src/platform/db.js';
import { openPglite, openPostgres } from '../../server/src/platform/db.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.js';
import { ENDPOINTS, readIds, type Endpoint } from './endpoints.js';
import { generateNational, prepare } from './generate.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const engine = arg('engine', 'pg')!;
const url = arg('url') ?? process.env.DATABASE_URL;
const dir = path.resolve(arg('dir', '.data/scale-0.01')!);
const fraction = arg('fraction');
const reps = Number(arg('reps', '30'));
const exportReps = Number(arg('export-reps', '3'));
const loadSeconds = Number(arg('load', '10'));
const clients = Number(arg('clients', '32'));
const port = Number(arg('port', '3317'));
const only = arg('only');
// --heap MB: the server's V8 heap limit (--max-old-space-size), as scripts/start.sh sets it with SERVER_HEAP_MB
const heap = arg('heap');
const out = arg('out');
const base = `http://127.0.0.1:${port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1)) : '–');
const kb = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);

interface Hit { status: number; ttfb: number; total: number; bytes: number }

/** One GET accepting what Chromium accepts (brotli, then gzip); bytes as they came over the wire; the first byte is the body's (a compressor may hold it back after the headers). */
function get(pathname: string, cookie?: string): Promise<Hit> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${base}${pathname}`, { agent, headers: { 'accept-encoding': 'gzip, deflate, br', ...(cookie ? { cookie } : {}) } }, (res) => {
      let ttfb = 0;
      let bytes = 0;
      res.on('data', (c: Buffer) => { if (!bytes) ttfb = performance.now() - t0; bytes += c.length; });
      res.on('end', () => { const total = performance.now() - t0; resolve({ status: res.statusCode ?? 0, ttfb: bytes ? ttfb : total, total, bytes }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const c = res.headers.getSetCookie().find((x) => x.startsWith('kn_session='));
  return c!.split(';')[0];
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `shared`: public answers shared by their askers for 5 s (the default); without, each request computes its answer. */
async function startServer(shared: boolean): Promise<ChildProcess> {
  const env = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', JOBS: 'false', LOG_LEVEL: 'warn', DEMO_DATA: 'true', AUTH_RATE_PER_MINUTE: '10000',
    PUBLIC_CACHE_SECONDS: shared ? '5' : '0',
    ...(engine === 'pg' ? { DATABASE_URL: url } : { DATABASE_URL: '', DATA_DIR: dir }),
  };
  const child = spawn(process.execPath, compiledServerArgs(heap), { env, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode !== null) throw new Error(`the server ended (${child.exitCode})`);
    try {
      if ((await get('/api/v1/auth/me')).status === 200) return child;
    } catch { /* not yet listening */ }
  }
  throw new Error('the server did not start');
}

async function timeSql(db: Db, sql: string, n: number): Promise<number[]> {
  await db.query(sql);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await db.query(sql);
    times.push(performance.now() - t0);
  }
  return times;
}

interface Row { endpoint: Endpoint; n: number; p50: number; p95: number; max: number; ttfb50: number; bytes: number; statuses: string; rss: number; sql50?: number; sql95?: number }

async function main() {
  if (engine === 'pg' && !url) throw new Error('--url postgres://… of a generated database (npm run bench:generate)');
  const openDb = () => (engine === 'pg' ? openPostgres(url!, 1) : openPglite(path.join(dir, 'pglite')));
  // generate first when asked and the database has no generated data yet; read the ids
  let db = await openDb();
  if (fraction) {
    await prepare(db, console.log);
    const has = await db.one<{ n: number }>(`SELECT count(*) AS n FROM school WHERE code LIKE 'QG%'`);
    if (!Number(has.n)) await generateNational(db, { fraction: Number(fraction), log: console.log });
  }
  const ids = await readIds(db);
  const sizes = await db.one<Record<string, number>>(`SELECT (SELECT count(*) FROM school) AS schools, (SELECT count(*) FROM need) AS needs,
    (SELECT count(*) FROM contribution) AS contributions, (SELECT count(*) FROM twinning_pair) AS pairs, (SELECT count(*) FROM twinning_activity) AS activities`);
  const dbSize = engine === 'pg' ? (await db.one<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).s : '';
  if (engine === 'pglite') await db.close(); // the server opens the data directory itself

  // --only a,b: endpoints whose name holds one of these; --export-reps 0 leaves the exports out
  const endpoints = ENDPOINTS.filter((e) => (!only || only.split(',').some((o) => e.name.includes(o))) && (exportReps > 0 || e.kind !== 'export'));
  // Every endpoint is timed with each request computing its answer (the public answers shared for a
  // few seconds, platform/public-cache.ts, turned off: otherwise the repeated requests of one address
  // would time the cache); the load test runs both ways, since crowds are what sharing is for.
  let server = await startServer(false);
  let pid = server.pid!;
  const samples: number[] = [];
  let current = 0;
  const sampler = setInterval(() => { const r = rssOf(pid); samples.push(r); current = Math.max(current, r); }, 100);
  const rows: Row[] = [];
  const load: { name: string; rps: number; p50: number; p99: number; errors: number; requests: number }[] = [];
  let restRss = 0;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  };
  const loadTest = async (how: string) => {
    for (const [name, u] of [['public stats', '/api/v1/public/stats'], ['public contribution page', `/api/v1/public/schools/${ids.school}`]] as const) {
      const until = performance.now() + loadSeconds * 1000;
      const times: number[] = [];
      let errors = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          try {
            const h = await get(u);
            if (h.status !== 200) errors++;
            times.push(h.total);
          } catch {
            errors++;
          }
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      load.push({ name: `${name} (${how})`, rps: times.length / secs, p50: pct(times, 50), p99: pct(times, 99), errors, requests: times.length });
      console.log(`load ${name} (${how}): ${(times.length / secs).toFixed(0)} req/s, p99 ${ms(pct(times, 99))} ms, ${errors} errors`);
    }
  };
  try {
    await new Promise((r) => setTimeout(r, 1000));
    restRss = rssOf(pid);
    const cookies = new Map<string, string>();
    for (const e of new Set(endpoints.map((x) => x.as).filter((x): x is string => !!x))) cookies.set(e, await signIn(e));
    for (const e of endpoints) {
      const cookie = e.as ? cookies.get(e.as) : undefined;
      const u = e.url(ids);
      const n = e.kind === 'export' ? exportReps : reps;
      current = rssOf(pid);
      await get(u, cookie); // warm-up
      const hits: Hit[] = [];
      for (let i = 0; i < n; i++) hits.push(await get(u, cookie));
      const totals = hits.map((h) => h.total);
      const statuses = [...new Set(hits.map((h) => h.status))].join(',');
      rows.push({ endpoint: e, n, p50: pct(totals, 50), p95: pct(totals, 95), max: Math.max(...totals), ttfb50: pct(hits.map((h) => h.ttfb), 50), bytes: hits[0].bytes, statuses, rss: current });
      console.log(`${e.name}: p50 ${ms(pct(totals, 50))} ms, p95 ${ms(pct(totals, 95))} ms, ${kb(hits[0].bytes)}, HTTP ${statuses}`);
    }
    // load: concurrent clients on the public pages for a bounded time, each request computed, then shared
    if (loadSeconds > 0) {
      await loadTest('each request computed');
      await stop();
      server = await startServer(true);
      pid = server.pid!;
      await loadTest('answers shared for 5 s');
    }
  } finally {
    clearInterval(sampler);
    await stop();
    agent.destroy();
  }

  // the hand-written SQL for the same figures, on the same database
  if (engine === 'pglite') db = await openDb();
  for (const r of rows) {
    if (!r.endpoint.sql) continue;
    const t = await timeSql(db, r.endpoint.sql, r.endpoint.kind === 'export' ? exportReps : reps);
    r.sql50 = pct(t, 50);
    r.sql95 = pct(t, 95);
  }
  await db.close();

  const lines: string[] = [];
  lines.push(`engine ${engine}${fraction ? `, fraction ${fraction}` : ''}: ${Object.entries(sizes).map(([k, v]) => `${Number(v).toLocaleString('en')} ${k}`).join(', ')}${dbSize ? `, ${dbSize}` : ''}; ${reps} requests each (exports ${exportReps})`);
  lines.push('');
  lines.push('| endpoint | as | kind | p50 ms | p95 ms | max ms | TTFB p50 | wire | HTTP | SQL p50 | SQL p95 | p50 ÷ SQL |');
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|');
  for (const r of rows) {
    lines.push(`| ${r.endpoint.name} | ${r.endpoint.as?.split('@')[0] ?? 'public'} | ${r.endpoint.kind} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.ttfb50)} | ${kb(r.bytes)} | ${r.statuses} | ${r.sql50 !== undefined ? ms(r.sql50) : ''} | ${r.sql95 !== undefined ? ms(r.sql95) : ''} | ${r.sql50 ? (r.p50 / r.sql50).toFixed(1) + '×' : ''} |`);
  }
  lines.push('');
  lines.push(`server RSS: ${(restRss / 1048576).toFixed(0)} MB at rest, ${(Math.max(...samples, 0) / 1048576).toFixed(0)} MB at most during the run`);
  for (const l of load) lines.push(`load, ${l.name}, ${clients} clients × ${loadSeconds} s: ${l.rps.toFixed(0)} req/s, p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms, ${l.errors} errors of ${l.requests}`);
  console.log('\n' + lines.join('\n'));
  if (out) fs.writeFileSync(out, JSON.stringify({ engine, fraction, sizes, dbSize, restRss, maxRss: Math.max(...samples, 0), rows: rows.map((r) => ({ ...r, endpoint: r.endpoint.name })), load, table: lines }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
