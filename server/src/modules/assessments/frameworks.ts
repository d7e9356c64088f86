import fs from 'node:fs';
import { FrameworkDefinition } from '../../../../contracts/assessments.js';
import { dataPath, readJsonData } from '../../platform/data-files.js';
import { frameworkProblems, groupMax, indicatorMax } from './domain.js';

/**
 * The frameworks shipped in data/assessments/<key>-<year>.json (see SOURCE.md there), each
 * validated by the contract's schema and the domain's checks; a file that fails stops the load
 * with its name and the problem.
 */
export function frameworkFiles(): FrameworkDefinition[] {
  const dir = dataPath('assessments');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const parsed = FrameworkDefinition.safeParse(readJsonData<unknown>('assessments', f));
    if (!parsed.success) throw new Error(`data/assessments/${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const fw = parsed.data;
    if (`${fw.key}-${fw.year}.json` !== f) throw new Error(`data/assessments/${f}: the file is named after its key and year (${fw.key}-${fw.year}.json)`);
    const problems = frameworkProblems(fw);
    if (problems.length) throw new Error(`data/assessments/${f}: ${problems.join('; ')}`);
    return fw;
  });
}

/** What is provisional in a framework: the codes of indicators not verified against the official text. */
export function provisionalCodes(fw: FrameworkDefinition): string[] {
  const out: string[] = [];
  const walk = (i: FrameworkDefinition['groups'][number]['indicators'][number]) => { if (i.provisional) out.push(i.code); i.parts?.forEach(walk); };
  const group = (g: FrameworkDefinition['groups'][number]) => { g.indicators.forEach(walk); g.groups?.forEach(group); };
  fw.groups.forEach(group);
  return out;
}

/** A group (or sub-group) whose indicators cannot reach its declared scale, or can pass it (the data's sums). */
export function scaleProblems(fw: Pick<FrameworkDefinition, 'groups'>): string[] {
  return fw.groups.flatMap((g) => {
    const inner = scaleProblems({ groups: g.groups ?? [] });
    if (g.max === undefined) return inner;
    const sum = g.indicators.reduce((n, i) => n + indicatorMax(i), 0) + (g.groups ?? []).reduce((n, s) => n + groupMax(s), 0);
    return Math.abs(sum - g.max) > 1e-9 ? [`${g.code}: các chỉ số cộng lại ${sum} điểm, thang nhóm là ${g.max}`, ...inner] : inner;
  });
}
