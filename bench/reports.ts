/**
 * Benchmark: the reports due 15/12, made through the real HTTP routes on the demo database
 * (PGlite): the plan progress report (.docx Decree 30 format, .xlsx) and a Department's twinning
 * report (.docx). Baseline in the same run: the plan's JSON view of the same data, so the ratio
 * shows what writing the document costs on top of reading it.
 *
 *   npx tsx bench/reports.ts [rounds]      (default 5)
 */
import { openPglite } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { DEMO_PASSWORD, loadDemoData } from '../server/src/seed/demo.js';
import { loadConfig } from '../server/src/platform/config.js';
import { buildApp } from '../server/src/app.js';

const ROUNDS = Number(process.argv[2] ?? 5);

const db = await openPglite(undefined);
await migrate(db);
await loadReferenceData(db);
await loadDemoData(db, { scryptN: 2 ** 14 });
const app = await buildApp({ db, config: { ...loadConfig({}), demoData: false, scryptN: 2 ** 14, authRatePerMinute: 1000 } });
await app.ready();

async function cookie(email: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: 'http://localhost:80' }, payload: { email, password: DEMO_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`sign-in ${email}: ${r.statusCode} ${r.body}`);
  return `kn_session=${r.cookies.find((c) => c.name === 'kn_session')!.value}`;
}

async function time(label: string, who: string, url: string): Promise<number> {
  const c = await cookie(who);
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie: c } });
    ms.push(performance.now() - t);
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    bytes = r.rawPayload.length;
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(`${label.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms  max ${ms.at(-1)!.toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(0)} KB`);
  return median;
}

const so01 = (await db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-01'`)).id;
const year = new Date().getFullYear();
const base = await time('baseline: plan 29 as JSON', 'vu.gdcthssv@ketnoi.demo', '/api/v1/plans/kh-29-bgddt-2021');
const docx = await time('plan 29 progress report .docx', 'vu.gdcthssv@ketnoi.demo', '/api/v1/plans/kh-29-bgddt-2021/report?format=docx&asOf=2021-01-20');
const xlsx = await time('plan 237 progress report .xlsx', 'quantri@ketnoi.demo', '/api/v1/plans/kh-237-bgddt-2023/report?format=xlsx&asOf=2023-06-30');
const twin = await time(`Hanoi Department twinning report ${year} .docx`, 'so.hanoi@ketnoi.demo', `/api/v1/twinning/reports/department/${so01}/${year}/document?format=docx`);
console.log(`ratios to the JSON baseline: .docx ×${(docx / base).toFixed(1)}, .xlsx ×${(xlsx / base).toFixed(1)}, twinning .docx ×${(twin / base).toFixed(1)}`);
await app.close();
await db.close();
