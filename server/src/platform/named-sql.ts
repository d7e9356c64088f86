import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

/**
 * Heavy queries (reports, dashboards, open data) are named so a reviewer reads the SQL that runs:
 * each is snapshotted to `queries/<name>.sql` beside its repository, and a test fails when the
 * code and the snapshot differ (`UPDATE_SNAPSHOTS=1 npx vitest run server/test/sql-snapshots.test.ts`
 * rewrites them). The repository registers how to run the query with an example filter; the test
 * runs it against a recorder that keeps the statements instead of executing them.
 */
export interface NamedQuery {
  file: string;
  run: (db: Db) => Promise<unknown>;
}

const registry = new Map<string, NamedQuery>();

/** Register a heavy query of this repository (`import.meta.url`) under a name, with an example call. */
export function namedQuery(moduleUrl: string, name: string, run: (db: Db) => Promise<unknown>): void {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`query name ${name}: lower-case letters, digits and dashes`);
  const file = path.join(path.dirname(fileURLToPath(moduleUrl)), 'queries', `${name}.sql`);
  registry.set(file, { file, run });
}

export function namedQueries(): NamedQuery[] {
  return [...registry.values()];
}

/** A Db that records each statement and answers nothing (empty rows). */
export function recorder(): { db: Db; statements: { text: string; params: unknown[] }[] } {
  const statements: { text: string; params: unknown[] }[] = [];
  const keep = (text: string, params: unknown[] = []) => {
    statements.push({ text, params });
  };
  const db: Db = {
    engine: 'postgres',
    query: async <T>(text: string, params?: unknown[]) => {
      keep(text, params);
      return [] as T[];
    },
    one: async <T>(text: string, params?: unknown[]) => {
      keep(text, params);
      return {} as T;
    },
    maybeOne: async (text, params) => {
      keep(text, params);
      return undefined;
    },
    exec: async (text) => keep(text),
    rawRows: async (text, params) => {
      keep(text, params);
      return [];
    },
    tx: async (fn) => fn(db),
    afterCommit: () => undefined,
    close: async () => undefined,
  };
  return { db, statements };
}

/** The snapshot's text: each statement with even indentation and its example parameters. */
export async function snapshotText(q: NamedQuery, root: string): Promise<string> {
  const { db, statements } = recorder();
  await q.run(db);
  const body = statements.map((s) => `${tidy(s.text)};\n${s.params.length ? `-- parameters: ${JSON.stringify(s.params)}\n` : ''}`).join('\n');
  return `-- ${path.relative(root, path.dirname(path.dirname(q.file)))}: ${path.basename(q.file, '.sql')}\n-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)\n\n${body}`;
}

function tidy(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const rest = lines.slice(1).filter((l) => l.trim());
  const indent = rest.length ? Math.min(...rest.map((l) => l.length - l.trimStart().length)) : 0;
  return lines.map((l, i) => (i === 0 ? l.trim() : l.slice(indent).trimEnd())).join('\n');
}
