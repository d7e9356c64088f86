import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Heavy queries (reports, dashboards) are named so a reviewer reads the SQL that runs: each is
 * snapshotted to `queries/<name>.sql` beside its repository, and a test fails when the code and
 * the snapshot differ (`UPDATE_SNAPSHOTS=1 npx vitest run server/test/sql-snapshots.test.ts`
 * rewrites them). A query built from a filter is registered with an example filter.
 */
interface Named {
  file: string;
  render: () => string;
}

const registry = new Map<string, Named>();

function register(moduleUrl: string, name: string, render: () => string): void {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`query name ${name}: lower-case letters, digits and dashes`);
  const file = path.join(path.dirname(fileURLToPath(moduleUrl)), 'queries', `${name}.sql`);
  registry.set(file, { file, render });
}

/** A fixed query text, returned as is. */
export function namedSql(moduleUrl: string, name: string, text: string): string {
  register(moduleUrl, name, () => text);
  return text;
}

/** A query built by code: the snapshot shows what `example()` builds. */
export function namedSqlExample(moduleUrl: string, name: string, example: () => string): void {
  register(moduleUrl, name, example);
}

export function namedQueries(): Named[] {
  return [...registry.values()];
}

/** The snapshot's text: the query with its indentation made even and a header naming its source. */
export function snapshotText(q: Named, root: string): string {
  const lines = q.render().replace(/\r\n/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).slice(1).map((l) => l.length - l.trimStart().length), Number.POSITIVE_INFINITY);
  const body = lines.map((l, i) => (i > 0 && Number.isFinite(indent) ? l.slice(indent) : l.trimStart()).trimEnd()).join('\n');
  return `-- ${path.relative(root, path.dirname(path.dirname(q.file)))}: ${path.basename(q.file, '.sql')}\n-- generated from the repository; do not edit (UPDATE_SNAPSHOTS=1 rewrites)\n${body}\n`;
}
