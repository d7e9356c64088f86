/**
 * Cluster drill (PostgreSQL): two app servers behind haproxy on one database, 50 simulated users
 * signing in, reading and writing, and one server killed with SIGKILL in the middle of the load.
 *
 *   npx tsx server/test/cluster-drill.ts      (scripts/test.sh runs it after the PostgreSQL tests)
 *
 * It proves that sessions, sign-in limits, uploads and scheduled jobs do not depend on which server
 * answers, that every write acknowledged with a 2xx is in the database, and that a write whose
 * answer was lost is either absent or complete (its audit row, events and notification with it).
 * Settings: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), HAPROXY
 * (default /usr/sbin/haproxy), DRILL_SECONDS (length of the load, default 16).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { compiledServerArgs } from '../../scripts/compiled-server.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { multipart, PNG } from './calls.js';

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HAPROXY = process.env.HAPROXY ?? '/usr/sbin/haproxy';
const LOAD_SECONDS = Number(process.env.DRILL_SECONDS ?? 16);
const USERS = 50;
const KILL_AT = 0.4; // share of the load after which one server is killed
const run = `${process.pid}`;
const dbName = `kn_cluster_${run}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-cluster-'));
const dbUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = '/' + dbName; return u.toString(); })();
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class DrillFailure extends Error {}
function check(ok: unknown, what: string): void {
  if (!ok) throw new DrillFailure(what);
  console.log(`  ✓ ${what}`);
}

// ---------- processes ----------

const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server { name: string; port: number; proc: ChildProcess }

function startServer(name: string, port: number): Server {
  const log = fs.openSync(path.join(work, `${name}.log`), 'a');
  // node itself (not npx) so that the pid killed is the server's
  const proc = spawn(process.execPath, compiledServerArgs(), {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, DATA_DIR: path.join(work, name),
      DEMO_DATA: 'true', JOBS: 'true', TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn', SMTP_URL: '', PUBLIC_URL: '',
    },
    stdio: ['ignore', log, log],
  });
  children.push(proc);
  return { name, port, proc };
}

async function waitHealthy(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = await request({ port }, 'GET', '/api/health').catch(() => null);
    if (r?.status === 200) return;
    await sleep(250);
  }
  throw new DrillFailure(`no answer on port ${port} after ${timeoutMs / 1000} s`);
}

function haproxyConfig(lbPort: number, a: Server, b: Server): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout queue 30s
  timeout check 3s
  retries 3
  option redispatch
  option forwardfor
frontend web
  bind 127.0.0.1:${lbPort}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  # a refused connection marks a server down at once; a slow answer under load does not
  default-server inter 1s fall 2 rise 2 maxconn 24 observe layer4 error-limit 1 on-error mark-down
  http-response set-header X-Server %[srv_name]
  server ${a.name} 127.0.0.1:${a.port} check
  server ${b.name} 127.0.0.1:${b.port} check
`;
}

// ---------- HTTP ----------

interface Res { status: number; body: Buffer; server?: string; cookie?: string; json<T = Record<string, unknown>>(): T }
interface Target { port: number; agent?: http.Agent; localAddress?: string }

function request(t: Target, method: string, url: string, opts: { cookie?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: Buffer | undefined = opts.body;
  if (opts.json !== undefined) { body = Buffer.from(JSON.stringify(opts.json)); headers['content-type'] = 'application/json'; }
  if (opts.cookie) headers.cookie = opts.cookie;
  // every write carries the origin it is sent to, as a browser on that page would
  if (method !== 'GET') headers.origin = `http://127.0.0.1:${t.port}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: t.port, method, path: url, agent: t.agent, localAddress: t.localAddress, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        const set = res.headers['set-cookie']?.find((c) => c.startsWith('kn_session='));
        resolve({
          status: res.statusCode ?? 0, body: b, server: res.headers['x-server'] as string | undefined,
          cookie: set?.split(';')[0], json: <T>() => JSON.parse(b.toString('utf8')) as T,
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(t: Target, email: string, password = DEMO_PASSWORD): Promise<Res> {
  return request(t, 'POST', '/api/v1/auth/sign-in', { json: { email, password } });
}

// ---------- the drill ----------

interface WriteRecord { marker: string; kind: 'need' | 'pledge'; acked: boolean; status: number | string; end: number }
interface RequestRecord { at: number; end: number; ok: boolean; write: boolean; server?: string; status: number | string }

async function main() {
  if (!fs.existsSync(HAPROXY)) throw new DrillFailure(`${HAPROXY} is missing (apt-get install haproxy)`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  // leftovers of interrupted drills
  const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  for (const r of (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kn\\_cluster\\_%'`)).rows) {
    const pid = Number(/^kn_cluster_(\d+)$/.exec(r.datname)?.[1]);
    if (pid && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  // pool.end() resolves before its connections have closed: the DROP … WITH (FORCE) below may end one of
  // them, which the pool reports as an error event (without a listener, that ends the process)
  db.on('error', (e) => { if ((e as { code?: string }).code !== '57P01') console.error('drill database pool:', e.message); });
  let passed = false;
  try {
    const [pa, pb, plb] = [await freePort(), await freePort(), await freePort()];
    console.log(`== cluster drill: two servers (:${pa}, :${pb}) behind haproxy (:${plb}) on PostgreSQL ${dbName}`);
    // the first server migrates and loads the demo data; the second starts on the loaded database
    const a = startServer('a', pa);
    await waitHealthy(pa, 300_000);
    let b = startServer('b', pb);
    await waitHealthy(pb, 300_000);
    console.log(`  servers up after ${elapsed()}`);
    const cfg = path.join(work, 'haproxy.cfg');
    fs.writeFileSync(cfg, haproxyConfig(plb, a, b));
    const valid = spawnSync(HAPROXY, ['-c', '-q', '-f', cfg], { encoding: 'utf8' });
    if (valid.status !== 0) throw new DrillFailure(`haproxy configuration: ${valid.stderr}`);
    const lbLog = fs.openSync(path.join(work, 'haproxy.log'), 'a');
    children.push(spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', lbLog, lbLog] }));
    await waitHealthy(plb, 30_000);
    await sleep(1200); // both servers seen healthy by the checks (rise 2, inter 500 ms)
    const A: Target = { port: pa };
    const B: Target = { port: pb };
    const LB: Target = { port: plb };

    // jobs: the reminders' schedule made due now; both servers run pg-boss with JOBS=true
    const jobsSince = (await db.query(`SELECT now() AS t`)).rows[0].t as Date;
    await db.query(`UPDATE pgboss.schedule SET cron = '* * * * *' WHERE name = 'plan-reminders'`);

    console.log('== sessions, limits and files across servers');
    const staffEmail = 'truong.dienbien@ketnoi.demo';
    const viaA = await signIn(A, staffEmail);
    check(viaA.status === 200 && viaA.cookie, 'signed in through server a');
    const meB = await request(B, 'GET', '/api/v1/auth/me', { cookie: viaA.cookie });
    check(meB.status === 200 && meB.json<{ user: { email: string } }>().user.email === staffEmail, 'the session made on a is recognised by b');
    // sign-in limits: failures recorded through a block the account on b
    const victim = 'so.sonla@ketnoi.demo';
    let failures = 0;
    for (; failures < 40; failures++) {
      const r = await signIn(A, victim, 'mat-khau-sai');
      if (r.status === 429) break;
      if (r.status !== 401) throw new DrillFailure(`wrong password answered ${r.status}`);
    }
    check(failures < 40, `server a refuses ${victim} after ${failures} wrong passwords`);
    const onB = await signIn(B, victim, 'mat-khau-sai');
    check(onB.status === 429, `server b refuses it too (${onB.status}) without a single failure of its own`);
    // an upload through a, downloaded through b and through the balancer
    const schoolId = (await db.query(`SELECT organisation_id FROM app_user WHERE email = $1`, [staffEmail])).rows[0].organisation_id as string;
    const need = await request(A, 'POST', '/api/v1/needs', { cookie: viaA.cookie, json: { schoolId, category: 'equipment', title: `Drill ${run} ảnh`, quantity: 10, unit: 'bộ', estimatedCost: 10_000_000, priority: 'normal' } });
    check(need.status === 201, `a need written through a (${need.status})`);
    const [mp, mh] = multipart({}, [{ filename: 'ban-ghe.png', type: 'image/png', data: PNG }]);
    const photo = await request(A, 'POST', `/api/v1/needs/${need.json<{ id: string }>().id}/photos`, { cookie: viaA.cookie, body: mp, headers: mh });
    check(photo.status === 201, `a photo uploaded through a (${photo.status})`);
    const fileId = photo.json<{ items: { id: string }[] }>().items[0].id;
    const dlB = await request(B, 'GET', `/api/v1/files/${fileId}`, { cookie: viaA.cookie });
    check(dlB.status === 200 && dlB.body.equals(PNG), 'the same bytes downloaded through b');
    const dlLb = await Promise.all([1, 2].map(() => request(LB, 'GET', `/api/v1/files/${fileId}`, { cookie: viaA.cookie })));
    check(dlLb.every((r) => r.status === 200 && r.body.equals(PNG)) && new Set(dlLb.map((r) => r.server)).size === 2, `and through the balancer from both servers (${dlLb.map((r) => r.server).join(', ')})`);

    console.log(`== ${USERS} users sign in through haproxy while the reminders' schedule comes due`);
    const roles = (i: number) => (i % 5 < 2 ? 'nhataitro@ketnoi.demo' : i % 5 < 4 ? staffEmail : 'truong.hanoi@ketnoi.demo');
    const schools = new Map<string, string>();
    for (const e of [staffEmail, 'truong.hanoi@ketnoi.demo']) schools.set(e, (await db.query(`SELECT organisation_id FROM app_user WHERE email = $1`, [e])).rows[0].organisation_id);
    // each user has its own connections from its own address (127.0.0.x), as 50 browsers would,
    // and signs in before the load (a few at a time: hashing passwords is meant to be slow)
    const targets: Target[] = Array.from({ length: USERS }, (_, i) => ({ port: plb, agent: new http.Agent({ keepAlive: true, maxSockets: 2 }), localAddress: `127.0.0.${10 + i}` }));
    const sessions: (string | undefined)[] = [];
    for (let i = 0; i < USERS; i += 5) {
      await Promise.all([0, 1, 2, 3, 4].map(async (k) => { sessions[i + k] = (await signIn(targets[i + k], roles(i + k))).cookie; }));
    }
    check(sessions.every(Boolean), `${USERS} users signed in through the balancer (${elapsed()})`);
    console.log('== jobs: one reminder run with both servers up (schedule made due at the start)');
    let job: { id: string; state: string } | undefined;
    for (const until = Date.now() + 120_000; Date.now() < until;) {
      job = (await db.query(`SELECT id, state FROM pgboss.job WHERE name = 'plan-reminders' AND created_on >= $1 ORDER BY created_on LIMIT 1`, [jobsSince])).rows[0];
      if (job) break;
      await sleep(500);
    }
    // back to 07:00: one tick only
    await db.query(`UPDATE pgboss.schedule SET cron = '0 7 * * *' WHERE name = 'plan-reminders'`);
    check(job, `the schedule produced a reminders job (${elapsed()})`);
    for (const until = Date.now() + 60_000; Date.now() < until && job?.state !== 'completed';) {
      await sleep(500);
      job = (await db.query(`SELECT id, state FROM pgboss.job WHERE id = $1`, [job!.id])).rows[0];
    }
    check(job?.state === 'completed', 'the reminders job completed');
    await sleep(2500); // a second worker would have picked up a duplicate by now (polling every 2 s)
    // the schedule ran every minute until it was set back: on a loaded machine the sign-ins above can
    // span two minutes, each its own tick; what must hold is one job per tick, whichever server scheduled it
    const ticks = (await db.query(
      `SELECT count(*)::int AS jobs, count(DISTINCT date_trunc('minute', created_on))::int AS ticks FROM pgboss.job WHERE name = 'plan-reminders' AND created_on >= $1`, [jobsSince],
    )).rows[0] as { jobs: number; ticks: number };
    const reminders = (await db.query(
      `SELECT count(*)::int AS notes, count(DISTINCT organisation_id)::int AS units FROM notification WHERE kind = 'task_reminder' AND created_at >= $1`, [jobsSince],
    )).rows[0] as { notes: number; units: number };
    const sent = Number((await db.query(`SELECT count(*) FROM reminder_sent`)).rows[0].count);
    check(ticks.jobs === ticks.ticks && ticks.ticks <= 2, `one job per tick, each worked once (${ticks.jobs} jobs for ${ticks.ticks} ticks)`);
    check(reminders.notes > 0 && reminders.notes === reminders.units, `one digest per lead unit: ${reminders.notes} notifications for ${reminders.units} units (${sent} reminders recorded)`);

    console.log(`== load: ${USERS} users for ${LOAD_SECONDS} s through haproxy, server b killed with SIGKILL after ${Math.round(LOAD_SECONDS * KILL_AT)} s`);
    const writes: WriteRecord[] = [];
    const requests: RequestRecord[] = [];
    const loadStart = Date.now();
    const stopAt = loadStart + LOAD_SECONDS * 1000;
    let killedAt = 0;
    let signInFailures = 0;

    async function timed(t: Target, method: string, url: string, opts: Parameters<typeof request>[3], write: boolean): Promise<Res | null> {
      const at = Date.now();
      try {
        const r = await request(t, method, url, opts);
        requests.push({ at, end: Date.now(), ok: r.status < 500, write, server: r.server, status: r.status });
        return r;
      } catch (e) {
        requests.push({ at, end: Date.now(), ok: false, write, status: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
        return null;
      }
    }

    async function user(i: number) {
      const t = targets[i];
      const email = roles(i);
      let cookie: string | undefined = sessions[i];
      let seq = 0;
      while (Date.now() < stopAt) {
        if (!cookie) {
          const s = await timed(t, 'POST', '/api/v1/auth/sign-in', { json: { email, password: DEMO_PASSWORD } }, false);
          if (s?.status === 200) cookie = s.cookie;
          else { signInFailures++; await sleep(200); continue; }
        }
        await timed(t, 'GET', email.startsWith('nhataitro') ? '/api/v1/contributions?limit=20' : '/api/v1/needs?scope=mine&limit=20', { cookie }, false);
        await timed(t, 'GET', seq % 3 ? '/api/v1/notifications' : '/api/v1/public/stats', { cookie }, false);
        const marker = `Drill ${run} u${i} #${++seq}`;
        const pledge = email.startsWith('nhataitro');
        const r = pledge
          ? await timed(t, 'POST', '/api/v1/contributions', { cookie, json: { schoolId: schools.get(seq % 2 ? staffEmail : 'truong.hanoi@ketnoi.demo'), form: 'money', category: 'equipment', description: marker, valueVnd: 1_000_000 + i } }, true)
          : await timed(t, 'POST', '/api/v1/needs', { cookie, json: { schoolId: schools.get(email), category: 'equipment', title: marker, quantity: 5, unit: 'bộ', estimatedCost: 5_000_000, priority: 'normal' } }, true);
        writes.push({ marker, kind: pledge ? 'pledge' : 'need', acked: !!r && r.status >= 200 && r.status < 300, status: r?.status ?? 'no answer', end: Date.now() });
        if (r && r.status >= 400 && r.status < 500 && r.status !== 429) throw new DrillFailure(`write refused: ${r.status} ${r.body.toString().slice(0, 300)}`);
        await sleep(300); // a user reads before the next write
      }
      t.agent?.destroy();
    }

    const killer = (async () => {
      await sleep(LOAD_SECONDS * KILL_AT * 1000);
      b.proc.kill('SIGKILL');
      killedAt = Date.now();
      console.log(`  server b killed (pid ${b.proc.pid}) at ${((killedAt - loadStart) / 1000).toFixed(1)} s of the load`);
    })();
    await Promise.all([...Array.from({ length: USERS }, (_, i) => user(i)), killer]);
    const loadEnd = Date.now();

    // what the database holds for every write that was tried
    const needs = (await db.query(
      `SELECT n.title AS marker, (SELECT count(*)::int FROM audit_log a WHERE a.entity = 'need' AND a.entity_id = n.id::text AND a.action = 'create') AS audit
         FROM need n WHERE n.title LIKE $1`, [`Drill ${run} u%`],
    )).rows as { marker: string; audit: number }[];
    const pledges = (await db.query(
      `SELECT c.description AS marker,
              (SELECT count(*)::int FROM contribution_event e WHERE e.contribution_id = c.id) AS events,
              (SELECT count(*)::int FROM audit_log a WHERE a.entity = 'contribution' AND a.entity_id = c.id::text AND a.action = 'pledge') AS audit,
              (SELECT count(*)::int FROM notification x WHERE x.kind = 'pledge_received' AND x.params->>'description' = c.description) AS notes
         FROM contribution c WHERE c.description LIKE $1`, [`Drill ${run} u%`],
    )).rows as { marker: string; events: number; audit: number; notes: number }[];
    const found = new Map<string, number>();
    for (const r of [...needs, ...pledges]) found.set(r.marker, (found.get(r.marker) ?? 0) + 1);
    const acked = writes.filter((w) => w.acked);
    const unacked = writes.filter((w) => !w.acked);
    const lost = acked.filter((w) => !found.has(w.marker));
    const duplicated = [...found.values()].filter((n) => n > 1).length;
    const partial = needs.filter((n) => n.audit !== 1).length + pledges.filter((p) => p.events !== 1 || p.audit !== 1 || p.notes !== 1).length;
    const unackedPresent = unacked.filter((w) => found.has(w.marker)).length;
    const unknown = [...found.keys()].filter((m) => !writes.some((w) => w.marker === m)).length;
    const failed = requests.filter((r) => !r.ok);
    const afterKill = failed.filter((r) => r.end >= killedAt);
    const lastFailure = Math.max(0, ...afterKill.map((r) => r.end));
    const recoveryMs = lastFailure ? lastFailure - killedAt : 0;
    const byServer = new Map<string, number>();
    for (const r of requests) if (r.server) byServer.set(r.server, (byServer.get(r.server) ?? 0) + 1);
    const afterKillServers = new Set(requests.filter((r) => r.at > lastFailure && r.at > killedAt).map((r) => r.server));

    console.log('== figures');
    console.log(`  requests: ${requests.length} in ${((loadEnd - loadStart) / 1000).toFixed(1)} s (${Math.round(requests.length / ((loadEnd - loadStart) / 1000))}/s), served by ${[...byServer].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    console.log(`  writes tried: ${writes.length}; acknowledged: ${acked.length}; found in the database: ${acked.length - lost.length}; lost: ${lost.length}`);
    console.log(`  unacknowledged writes: ${unacked.length} (${unackedPresent} present and complete, ${unacked.length - unackedPresent} absent); partial: ${partial}; duplicated: ${duplicated}`);
    const kinds = new Map<string, number>();
    for (const r of failed) kinds.set(String(r.status), (kinds.get(String(r.status)) ?? 0) + 1);
    console.log(`  errors during failover: ${afterKill.length} (${afterKill.filter((r) => r.write).length} of them writes; ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}); other errors: ${failed.length - afterKill.length}; sign-ins retried: ${signInFailures}`);
    console.log(`  time to recover: ${recoveryMs} ms from the kill to the last failed request; after it only ${[...afterKillServers].join(', ')} answered`);
    console.log(`  reminders: ${ticks.jobs} job(s) for ${ticks.ticks} tick(s), ${reminders.notes} digests for ${reminders.units} lead units`);
    check(lost.length === 0, 'no acknowledged write lost');
    check(partial === 0 && duplicated === 0 && unknown === 0, 'no write partial, duplicated or unexplained');
    const ackedAfter = acked.filter((w) => w.end > killedAt + recoveryMs).length;
    check(ackedAfter > 0, `writes kept being acknowledged after the failover (${ackedAfter})`);
    check(failed.length === afterKill.length, 'no error outside the failover');
    check(recoveryMs < 5000, `recovered within 5 s (${recoveryMs} ms)`);
    check(afterKillServers.size === 1 && afterKillServers.has('a'), 'after the failover server a answered everything');

    console.log('== server b restarted');
    const restartAt = Date.now();
    b = startServer('b', pb);
    await waitHealthy(pb, 120_000);
    let back = false;
    for (const until = Date.now() + 15_000; !back && Date.now() < until;) {
      const r = await request(LB, 'GET', '/api/health').catch(() => null);
      back = r?.server === 'b';
      if (!back) await sleep(200);
    }
    check(back, `server b back in rotation ${((Date.now() - restartAt) / 1000).toFixed(1)} s after its restart`);
    const meAgain = await request(B, 'GET', '/api/v1/auth/me', { cookie: viaA.cookie });
    check(meAgain.status === 200, 'sessions made before the kill still work on the restarted server');
    console.log(`== cluster drill passed in ${elapsed()}`);
    passed = true;
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => { const t = setTimeout(() => { c.kill('SIGKILL'); r(null); }, 10_000); c.once('exit', () => { clearTimeout(t); r(null); }); }) : null)));
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    if (!passed) console.log(`logs kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.exitCode = 1;
  console.error(e instanceof DrillFailure ? `✗ cluster drill failed: ${e.message}` : e);
});
