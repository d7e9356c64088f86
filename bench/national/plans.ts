/**
 * Which scans each endpoint's statements make on the big tables: runs the app in this process on
 * a generated database, calls each endpoint of endpoints.ts as its role, and prints, for every
 * statement it ran, the scan nodes (Seq Scan, Index Scan … with the index) over the big tables.
 * The guard (server/test/explain-guard.int.test.ts) asserts the same for the listed queries.
 *
 *   npx tsx bench/national/plans.ts --engine pglite --dir .data/scale-0.01 [--only needs]
 *   npx tsx bench/national/plans.ts --engine pg --url postgres://postgres@127.0.0.1:5432/kn_scale
 */
import path from 'node:path';
import { openPglite, openPostgres } from '../../server/src/platform/db.js';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.js';
import { ENDPOINTS, readIds } from './endpoints.js';
import { explain, planNodes, recordingDb } from './capture.js';

export const BIG_TABLES = ['need', 'need_event', 'contribution', 'contribution_event', 'school', 'organisation', 'twinning_pair', 'twinning_activity', 'task_update', 'audit_log'];

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const engine = arg('engine', 'pglite');
  const only = arg('only');
  const base = engine === 'pg' ? await openPostgres(arg('url')!, 4) : await openPglite(path.join(path.resolve(arg('dir', '.data/scale-0.01')!), 'pglite'));
  const rec = recordingDb(base);
  const app = await buildApp({ db: rec.db, config: { ...loadConfig({}), demoData: false, authRatePerMinute: 100_000 } });
  await app.ready();
  const ids = await readIds(base);
  const cookies = new Map<string, string>();
  try {
    for (const e of ENDPOINTS.filter((x) => x.kind !== 'export' && x.kind !== 'report' && (!only || x.name.includes(only)))) {
      let cookie: string | undefined;
      if (e.as) {
        if (!cookies.has(e.as)) {
          const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: e.as, password: DEMO_PASSWORD }, headers: { origin: 'http://localhost' } });
          cookies.set(e.as, `kn_session=${res.cookies.find((c) => c.name === 'kn_session')!.value}`);
        }
        cookie = cookies.get(e.as);
      }
      rec.on();
      const res = await app.inject({ method: 'GET', url: e.url(ids), headers: cookie ? { cookie } : {} });
      rec.off();
      console.log(`\n== ${e.name} (${e.url(ids)}) HTTP ${res.statusCode}`);
      for (const s of [...rec.statements]) {
        if (!BIG_TABLES.some((t) => new RegExp(`\\b(from|join)\\s+${t}\\b`, 'i').test(s.text))) continue;
        const plan = await explain(base, s.text, s.params);
        const scans = planNodes(plan).filter((n) => n['Relation Name'] && BIG_TABLES.includes(n['Relation Name']));
        console.log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 110)}…`);
        console.log(`    ${scans.map((n) => `${n['Node Type']} ${n['Relation Name']}${n['Index Name'] ? ` (${n['Index Name']})` : ''}`).join('; ')}`);
      }
    }
  } finally {
    await app.close();
    await base.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
