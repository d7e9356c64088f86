-- server/src/modules/plans: record-dates
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT l.task_id, array_agg(to_char(a.ends_on, 'YYYY-MM-DD') ORDER BY a.ends_on) AS held_on
 FROM activity_task l JOIN plan_task t ON t.id = l.task_id JOIN activity a ON a.id = l.activity_id
WHERE l.task_id = ANY($1::uuid[]) AND t.target_kinds IS NOT NULL AND a.kind = ANY(t.target_kinds) AND a.state = 'held' AND a.ends_on <= $2::date
GROUP BY l.task_id;
-- parameters: [["00000000-0000-4000-8000-000000000001"],"2026-03-15"]
