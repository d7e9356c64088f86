-- The ledger's accepted contributions linked to a plan task, for the sums by task and by plan (the
-- plan's and the task's budgets, the plan report's budget table, the ranking of one plan's
-- contributors). Without it each of these read every accepted row of the ledger to find the few
-- linked to a task: 68 ms p50 / 107 ms p95 for a plan's budget at national scale (a million rows).
CREATE INDEX contribution_plan_task_idx ON contribution (plan_task_id, pledged_on) INCLUDE (value_vnd, form, contributor_id)
  WHERE status = 'accepted' AND plan_task_id IS NOT NULL;
