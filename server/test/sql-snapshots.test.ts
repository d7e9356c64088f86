import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { namedQueries, snapshotText } from '../src/platform/named-sql.js';

/**
 * The heavy queries are visible: every named query has its `.sql` snapshot beside its repository,
 * identical to what the code runs, and no snapshot is left without its query.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = import.meta.glob('../src/modules/*/named-queries.ts', { eager: true });

describe('SQL snapshots', () => {
  it('loads the repositories', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(5);
  });

  it('every heavy query has its snapshot, equal to the code', async () => {
    const queries = namedQueries();
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const want = await snapshotText(q, root);
      if (process.env.UPDATE_SNAPSHOTS === '1') {
        fs.mkdirSync(path.dirname(q.file), { recursive: true });
        fs.writeFileSync(q.file, want);
      }
      expect(fs.existsSync(q.file), `${path.relative(root, q.file)} is missing: run with UPDATE_SNAPSHOTS=1`).toBe(true);
      expect(fs.readFileSync(q.file, 'utf8'), `${path.relative(root, q.file)} differs from the code: run with UPDATE_SNAPSHOTS=1 and review`).toBe(want);
    }
  });

  it('no snapshot is left without its query', () => {
    const known = new Set(namedQueries().map((q) => q.file));
    const dirs = fs.readdirSync(path.join(root, 'server/src/modules')).map((m) => path.join(root, 'server/src/modules', m, 'queries'));
    for (const d of dirs.filter((x) => fs.existsSync(x))) {
      for (const f of fs.readdirSync(d).filter((x) => x.endsWith('.sql'))) expect(known.has(path.join(d, f)), `${path.relative(root, path.join(d, f))} has no query`).toBe(true);
    }
  });
});
