/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement an endpoint runs, on a generated database: runs
 * the app in this process, calls the endpoints of endpoints.ts whose name holds --only (as their
 * role), and prints each statement that took at least --min ms with its plan.
 *
 *   npx tsx bench/national/analyze.ts --url postgres://postgres@127.0.0.1:5432/kn_scale --only "needs search" [--min 5]
 */
import { openPostgres } from '../../server/src/platform/db.js';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.js';
import { ENDPOINTS, readIds } from './endpoints.js';
import { recordingDb } from './capture.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const only = arg('only') ?? '';
  const min = Number(arg('min', '5'));
  const base = await openPostgres(arg('url')!, 4);
  const rec = recordingDb(base);
  const app = await buildApp({ db: rec.db, config: { ...loadConfig({}), demoData: false, authRatePerMinute: 100_000 } });
  await app.ready();
  const ids = await readIds(base);
  try {
    for (const e of ENDPOINTS.filter((x) => only.split(',').some((o) => x.name.includes(o)))) {
      let cookie: string | undefined;
      if (e.as) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: e.as, password: DEMO_PASSWORD }, headers: { origin: 'http://localhost' } });
        cookie = `kn_session=${res.cookies.find((c) => c.name === 'kn_session')!.value}`;
      }
      rec.on();
      const res = await app.inject({ method: 'GET', url: e.url(ids), headers: cookie ? { cookie } : {} });
      rec.off();
      console.log(`\n==== ${e.name}: HTTP ${res.statusCode}, ${rec.statements.length} statements`);
      for (const s of [...rec.statements]) {
        if (!/^\s*(WITH|SELECT)/i.test(s.text)) continue;
        const rows = await base.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.params);
        const plan = rows.map((r) => r['QUERY PLAN']);
        const t = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? 0);
        if (t < min) continue;
        console.log(`\n-- ${t} ms: ${s.text.replace(/\s+/g, ' ').slice(0, 3000)}\n-- params ${JSON.stringify(s.params).slice(0, 300)}\n${plan.join('\n')}`);
      }
    }
  } finally {
    await app.close();
    await base.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
