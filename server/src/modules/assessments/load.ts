import type { Db } from '../../platform/db.js';
import { SYSTEM } from '../../platform/actor.js';
import { frameworkFiles } from './frameworks.js';
import { insertDraft } from './service.js';
import * as repo from './repository.js';

/**
 * The frameworks shipped in data/assessments, each published as a version of its framework.
 * Idempotent: a file whose definition is already a version (the same key, year and content) is
 * skipped; a changed file becomes a new version (a published one never changes).
 */
export async function loadFrameworks(db: Db): Promise<void> {
  for (const def of frameworkFiles()) {
    await db.tx(async (t) => {
      const same = await t.maybeOne(
        `SELECT 1 FROM assessment_framework_version v JOIN assessment_framework f ON f.id = v.framework_id WHERE f.key = $1 AND v.year = $2 AND v.definition = $3::jsonb`,
        [def.key, def.year, JSON.stringify(def)]);
      if (same) return;
      const id = await insertDraft(t, SYSTEM, def);
      await repo.publishVersion(t, id, null, new Date());
    });
  }
}
