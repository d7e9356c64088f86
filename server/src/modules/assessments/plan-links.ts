/**
 * The plan tasks that ask for these indicator sets, and the frameworks that answer them: a task's
 * page shows the framework and the real state of its campaigns (the plans' own tables are read,
 * never written). Matched by the plan's key and the task's number as the plan's text numbers it.
 *  - Quyết định chuyển đổi số 2022 (seed 004), task 1.5: indicator sets of digital transformation
 *    for schools and education agencies, assessed and published every year → Quyết định 4725's
 *    framework (schools) and Quyết định 3806's (the Departments).
 *  - Kế hoạch 29/KH-BGDĐT 2021 (seed 000), task IV.3.10-b: an index set and software for safe,
 *    friendly schools → the safe-school framework of Thông tư 18/2023.
 *  - Quyết định 4969/QĐ-BGDĐT 2021 (seed 003), task 2d: criteria of school social work → its framework.
 */
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import type { PlanTaskAssessments } from '../../../../contracts/assessments.js';
import { isOpen, isPublished } from './domain.js';
import { mayReadPlanLinks } from './policy.js';
import * as repo from './repository.js';

export const PLAN_TASK_FRAMEWORKS: readonly { plan: string; task: string; framework: string }[] = [
  { plan: 'qd-cds-bgddt-2022', task: '1.5', framework: 'cds-truong-4725' },
  { plan: 'qd-cds-bgddt-2022', task: '1.5', framework: 'cds-so-3806' },
  { plan: 'kh-29-bgddt-2021', task: 'IV.3.10-b', framework: 'truong-an-toan-tt18' },
  { plan: 'qd-4969-bgddt-2021', task: '2d', framework: 'ctxh-truong-hoc-4969' },
];

/** How many campaigns a task's page lists (the newest first); `campaignTotal` says how many there are. */
const SHOWN = 50;

export async function planTaskAssessments(db: Db, actor: Actor, clock: Clock, taskId: string): Promise<PlanTaskAssessments> {
  if (!mayReadPlanLinks(actor)) throw unauthorized();
  const task = await db.maybeOne<{ plan_key: string; number: string }>('SELECT p.key AS plan_key, t.number FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE t.id = $1', [taskId]);
  if (!task) throw notFound('Không tìm thấy nhiệm vụ');
  const keys = PLAN_TASK_FRAMEWORKS.filter((l) => l.plan === task.plan_key && l.task === task.number).map((l) => l.framework);
  if (!keys.length) return { frameworks: [], campaigns: [], campaignTotal: 0 };
  const today = vnDate(clock.now());
  const [frameworks, campaigns, total] = await Promise.all([repo.frameworksOf(db, keys), repo.campaignsOfFrameworks(db, keys, SHOWN), repo.campaignCountOfFrameworks(db, keys)]);
  const counts = await repo.campaignCounts(db, campaigns.map((c) => c.id), {});
  return {
    frameworks: frameworks.map((f) => ({ key: f.key, name: f.name, basis: f.basis, versionId: f.version_id, year: f.year })),
    campaigns: campaigns.map((c) => {
      const w = { opensOn: c.opens_on, selfDueOn: c.self_due_on, reviewDueOn: c.review_due_on, publishOn: c.publish_on };
      const n = counts.get(c.id) ?? { total: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
      return {
        id: c.id, title: c.title, year: c.year, frameworkKey: c.framework_key, provinceCode: c.province_code, provinceName: c.province_name, ...w,
        phase: isPublished(w, today) ? 'published' : isOpen(w, today) ? 'open' : today < w.opensOn ? 'upcoming' : 'closed',
        counts: { total: n.total, draft: n.draft, submitted: n.submitted, returned: n.returned, approved: n.approved },
      };
    }),
    campaignTotal: total,
  };
}
