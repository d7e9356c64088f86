/**
 * Point 4 of the scale work: how each endpoint's time grows with the data. Reads the `--out`
 * files of `bench:national` runs at several fractions (same build, same machine) and prints each
 * endpoint's p50 and p95 at each, the growth of p50 from the smallest to the largest, and the
 * growth of the data between them (contributions), so "no worse than the data" can be read off.
 *
 *   npx tsx bench/national/growth.ts results-0.1.json results-0.5.json results-1.json
 */
import fs from 'node:fs';
import { ENDPOINTS } from './endpoints.js';

interface Run { sizes: Record<string, number>; rows: { endpoint: string; p50: number; p95: number }[] }
const kindOf = (name: string) => ENDPOINTS.find((e) => e.name === name)?.kind ?? '';

const files = process.argv.slice(2);
if (files.length < 2) throw new Error('two or more result files of bench:national (--out), smallest data first');
const runs = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Run);
const size = (r: Run) => Number(r.sizes.contributions);
const ms = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1));
const dataGrowth = size(runs[runs.length - 1]) / size(runs[0]);
const lines = [
  `data: ${runs.map((r) => `${size(r).toLocaleString('en')} contributions`).join(' → ')} (×${dataGrowth.toFixed(1)})`,
  '',
  `| endpoint | kind | ${runs.map((r) => `p50 / p95 at ${(size(r) / 1_000_000).toFixed(1)} M`).join(' | ')} | p50 growth | list flat (≤ 2×) or ≤ data growth |`,
  `|---|---|${runs.map(() => '---:').join('|')}|---:|---|`,
];
for (const row of runs[0].rows) {
  const at = runs.map((r) => r.rows.find((x) => x.endpoint === row.endpoint));
  if (at.some((x) => !x)) continue;
  const growth = at[at.length - 1]!.p50 / at[0]!.p50;
  const kind = kindOf(row.endpoint);
  const ok = kind === 'list' ? growth <= 2 : growth <= dataGrowth;
  lines.push(`| ${row.endpoint} | ${kind} | ${at.map((x) => `${ms(x!.p50)} / ${ms(x!.p95)}`).join(' | ')} | ×${growth.toFixed(1)} | ${ok ? 'yes' : '**no**'} |`);
}
console.log(lines.join('\n'));
