/**
 * Recompute every score of a campaign by its framework's rules (after a correction of the rules'
 * code, or to check the stored scores): the assessments in batches of ids, each batch's answers
 * and evidence counts in two statements, scored by `domain.ts`, written back in one statement;
 * then the campaign's published distribution (`assessment_result_count`) is counted again.
 */
import type { Db } from '../../platform/db.js';
import type { AnswerValue } from '../../../../contracts/assessments.js';
import { scoreAssessment, type Answer } from './domain.js';
import * as repo from './repository.js';
import * as xrepo from './excel-repository.js';
import { rebuildCounts } from './result-counts.js';

/** A batch of assessments with their answers and evidence counts as the rules read them. */
async function readBatch(db: Db, campaignId: string, after: string | null, batch: number) {
  const ids = await xrepo.assessmentIds(db, campaignId, after, batch);
  const answers = new Map<string, Map<string, Answer>>(ids.map((id) => [id, new Map()]));
  if (!ids.length) return { ids, answers };
  const [rows, evidence] = await Promise.all([xrepo.answersOf(db, ids), xrepo.evidenceCountsOf(db, ids)]);
  for (const a of rows) {
    answers.get(a.assessment_id)!.set(a.code, { value: (a.value ?? null) as AnswerValue, evidenceCount: 0, reviewedPoints: a.reviewed_points === null ? null : Number(a.reviewed_points) });
  }
  for (const e of evidence) {
    const m = answers.get(e.assessment_id)!;
    const a = m.get(e.code);
    m.set(e.code, a ? { ...a, evidenceCount: e.n } : { value: null, evidenceCount: e.n });
  }
  return { ids, answers };
}

/** Every assessment of the campaign scored again and written back; the next batch is read while the current one is scored and written. */
export async function recomputeCampaign(db: Db, campaignId: string, batch = 2000): Promise<{ assessments: number; points: number }> {
  const c = await repo.campaign(db, campaignId);
  if (!c) throw new Error(`no campaign ${campaignId}`);
  let n = 0;
  let points = 0;
  let next = readBatch(db, campaignId, null, batch);
  for (;;) {
    const { ids, answers } = await next;
    if (!ids.length) break;
    next = readBatch(db, campaignId, ids[ids.length - 1]!, batch);
    const rows = ids.map((id) => {
      const m = answers.get(id)!;
      const self = scoreAssessment(c.definition, m);
      const reviewed = scoreAssessment(c.definition, m, { reviewed: true });
      points += self.points;
      return {
        id, self_points: self.points, self_result: self.result.code, reviewed_points: reviewed.points, reviewed_result: reviewed.result.code,
        group_results: reviewed.groups.map((g) => ({ code: g.code, name: g.name, points: g.points, max: g.max, level: g.level })),
      };
    });
    await db.tx((t) => xrepo.setScoresAll(t, rows));
    n += ids.length;
  }
  // an approved result may have changed with the rules: the published distribution is counted again
  await rebuildCounts(db, campaignId);
  return { assessments: n, points: Math.round(points * 100) / 100 };
}
