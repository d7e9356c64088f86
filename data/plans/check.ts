// Validates data/plans/*.json: schema, unit keys, section references, numbering, dates.
// Run: npx tsx data/plans/check.ts
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plan, planKeys, type Assignment } from './schema';

const here = dirname(fileURLToPath(import.meta.url));
const unitsPath = join(here, '..', 'organisations', 'units.json');
const units = JSON.parse(readFileSync(unitsPath, 'utf8')) as {
  units: { key: string }[];
  groups: { key: string }[];
};
const unitKeys = new Set(units.units.map((u) => u.key));
const groupKeys = new Set(units.groups.map((g) => g.key));
for (const k of unitKeys) if (groupKeys.has(k)) throw new Error(`key ${k} is both a unit and a group`);
const isKnownKey = (k: string) => unitKeys.has(k) || groupKeys.has(k) || /^so-\d\d$/.test(k);

// Rows counted in the seed texts (see SOURCE.md): section code -> [tasks, assignments].
const expectedCounts: Record<string, Record<string, [number, number]>> = {
  'kh-29-bgddt-2021': { 'IV.1': [1, 1], 'IV.3.1': [8, 8], 'IV.3.2': [4, 4], 'IV.3.3': [3, 3], 'IV.3.4': [4, 4], 'IV.3.5': [4, 4], 'IV.3.6': [2, 2], 'IV.3.7': [3, 3], 'IV.3.8': [2, 2], 'IV.3.9': [2, 2], 'IV.3.10': [2, 2] },
  'kh-ketnghia-hanoi-2026': { 'III.1': [3, 3], 'III.2': [3, 3], 'III.3': [3, 3], 'III.4': [1, 1], 'III.5': [3, 3] },
  'kh-237-bgddt-2023': { I: [4, 4], II: [4, 4], III: [6, 6], IV: [8, 8], V: [3, 3], VI: [2, 2], 'B.IV.1': [1, 1], 'B.IV.2': [1, 1], 'B.IV.3': [2, 2], 'B.IV.4': [1, 1] },
  'qd-4969-bgddt-2021': { '1': [2, 2], '2': [6, 6], '3': [3, 3], '4': [4, 4], '5': [2, 2], '6': [2, 2], '7': [2, 2], '(none)': [1, 1], 'B.III.1.a': [2, 2], 'B.III.1.d': [1, 1], 'B.III.2': [3, 3], 'B.III.3': [2, 2] },
  'qd-cds-bgddt-2022': { I: [14, 28], II: [1, 2], III: [5, 18], IV: [3, 3], V: [5, 7], VI: [4, 4], 'B.III': [1, 1], 'B.III.1': [2, 2], 'B.III.2': [2, 2], 'B.III.4': [2, 2], 'B.IV': [1, 1] },
};

let errors = 0;
const fail = (plan: string, msg: string) => {
  errors++;
  console.error(`  ✗ [${plan}] ${msg}`);
};

for (const key of planKeys) {
  const file = join(here, `${key}.json`);
  if (!existsSync(file)) {
    fail(key, `missing file ${key}.json`);
    continue;
  }
  const parsed = Plan.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(key, `schema: ${issue.path.join('.')}: ${issue.message}`);
    continue;
  }
  const plan = parsed.data;
  if (plan.key !== key) fail(key, `key field is "${plan.key}"`);
  if (!isKnownKey(plan.issuerKey)) fail(key, `unknown issuerKey ${plan.issuerKey}`);

  // sections: unique codes, parents exist, no cycles
  const sectionCodes = new Set<string>();
  for (const s of plan.sections) {
    if (sectionCodes.has(s.code)) fail(key, `duplicate section code ${s.code}`);
    sectionCodes.add(s.code);
  }
  for (const s of plan.sections) {
    if (s.parentCode !== null && !sectionCodes.has(s.parentCode))
      fail(key, `section ${s.code}: unknown parentCode ${s.parentCode}`);
    const seen = new Set<string>([s.code]);
    let p = s.parentCode;
    while (p !== null) {
      if (seen.has(p)) {
        fail(key, `section ${s.code}: parent cycle`);
        break;
      }
      seen.add(p);
      p = plan.sections.find((x) => x.code === p)?.parentCode ?? null;
    }
  }

  const checkAssignment = (where: string, a: Assignment, requireLead: boolean) => {
    if (requireLead && a.leadKeys.length === 0) fail(key, `${where}: no lead key`);
    if (requireLead && a.leadText.trim() === '') fail(key, `${where}: empty leadText`);
    for (const k of [...a.leadKeys, ...a.partnerKeys]) if (!isKnownKey(k)) fail(key, `${where}: unknown unit key ${k}`);
    if (a.partnerText === null && a.partnerKeys.length > 0) fail(key, `${where}: partnerKeys without partnerText`);
    if (a.partnerText !== null && a.partnerKeys.length === 0) fail(key, `${where}: partnerText without partnerKeys`);
    if (new Set(a.leadKeys).size !== a.leadKeys.length) fail(key, `${where}: duplicate lead keys`);
    if (new Set(a.partnerKeys).size !== a.partnerKeys.length) fail(key, `${where}: duplicate partner keys`);
    if (a.window.kind === 'every_year' && plan.period && (a.window.from !== plan.period.from || a.window.to !== plan.period.to))
      fail(key, `${where}: every_year window should cover the plan period`);
    if (a.window.kind === 'year' && !(a.window.from.endsWith('-01-01') && a.window.to.endsWith('-12-31')))
      fail(key, `${where}: year window must run 01-01..12-31`);
  };
  for (const s of plan.sections) if (s.headerRow) checkAssignment(`section ${s.code} header row`, s.headerRow, false);

  // tasks: unique numbers, section refs, assignments
  const numbers = new Set<string>();
  for (const t of plan.tasks) {
    if (numbers.has(t.number)) fail(key, `duplicate task number ${t.number}`);
    numbers.add(t.number);
    if (t.sectionCode !== null && !sectionCodes.has(t.sectionCode)) fail(key, `task ${t.number}: unknown section ${t.sectionCode}`);
    if (/\s{2,}|^\s|\s$/.test(t.content)) fail(key, `task ${t.number}: stray whitespace in content`);
    t.assignments.forEach((a, i) => checkAssignment(`task ${t.number} assignment ${i + 1}`, a, true));
  }
  for (const g of plan.goals) for (const tg of g.targets) if (tg.unit === '') fail(key, `goal ${g.code}: target without unit`);
  for (const c of plan.calendar ?? []) if (c.from > c.to) fail(key, `calendar ${c.label}: from > to`);
  for (const e of plan.events ?? []) for (const it of e.agenda) for (const k of it.performerKeys) if (!isKnownKey(k)) fail(key, `event ${e.code} item ${it.number}: unknown key ${k}`);
  for (const f of plan.focalPoints ?? []) {
    if (!isKnownKey(f.organisationKey) || !isKnownKey(f.unitKey)) fail(key, `focal point ${f.unitText}: unknown key`);
    if (/\d{3}[.\s]?\d{3}/.test(JSON.stringify(f))) fail(key, `focal point ${f.unitText}: looks like a phone number`);
  }
  // no phone numbers anywhere in the plan data
  if (/\b0\d{2,3}[.\s]\d{3}[.\s]\d{3}\b/.test(JSON.stringify(plan))) fail(key, 'a phone number appears in the data');

  // report
  const assignmentsTotal = plan.tasks.reduce((n, t) => n + t.assignments.length, 0);
  console.log(
    `\n${plan.key}  ${plan.number || '(không số)'}  ${plan.type}  signed ${plan.signedOn ?? '—'}  period ${plan.period ? `${plan.period.from}..${plan.period.to}` : '—'}`,
  );
  console.log(
    `  sections ${plan.sections.length}, tasks ${plan.tasks.length}, assignments ${assignmentsTotal}, goals ${plan.goals.length} (targets ${plan.goals.reduce((n, g) => n + g.targets.length, 0)}), legal bases ${plan.legalBases.length}, recipients ${plan.recipients.length}` +
      (plan.calendar ? `, calendar ${plan.calendar.length}` : '') +
      (plan.events ? `, events ${plan.events.length}` : '') +
      (plan.focalPoints ? `, focal points ${plan.focalPoints.length}` : '') +
      (plan.rules ? `, rules: ${plan.rules.targetProvinces2021to2025.length} provinces / ${plan.rules.selected2021.length} in 2021` : ''),
  );
  const bySection = new Map<string, { tasks: number; assignments: number }>();
  for (const t of plan.tasks) {
    const k = t.sectionCode ?? '(none)';
    const e = bySection.get(k) ?? { tasks: 0, assignments: 0 };
    e.tasks++;
    e.assignments += t.assignments.length;
    bySection.set(k, e);
  }
  const exp = expectedCounts[key] ?? {};
  for (const code of new Set([...Object.keys(exp), ...bySection.keys()])) {
    const got = bySection.get(code) ?? { tasks: 0, assignments: 0 };
    const want = exp[code];
    if (!want || want[0] !== got.tasks || want[1] !== got.assignments)
      fail(key, `section ${code}: ${got.tasks} tasks / ${got.assignments} assignments, expected ${want ? `${want[0]} / ${want[1]}` : 'none'}`);
  }
  for (const [code, e] of bySection) {
    const title = plan.sections.find((s) => s.code === code)?.title ?? '';
    console.log(`    ${code.padEnd(10)} ${String(e.tasks).padStart(3)} tasks ${String(e.assignments).padStart(3)} assignments  ${title.slice(0, 70)}`);
  }
}

if (errors > 0) {
  console.error(`\n${errors} problem(s)`);
  process.exit(1);
}
console.log('\nall plan files OK');
