-- server/src/modules/home: home-ministry-reports
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT u.id, pl.number || ' – ' || t.number AS title, o.name AS detail, to_char(u.reported_on, 'YYYY-MM-DD') AS date, NULL AS step, t.id AS task_id,
      count(*) OVER () AS total
 FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id JOIN plan pl ON pl.id = a.plan_id JOIN plan_task t ON t.id = a.task_id
 JOIN organisation o ON o.id = u.organisation_id
WHERE pl.issuer_id = $1 AND u.reported_on >= $2::date AND u.organisation_id <> $1
ORDER BY u.created_at DESC, u.id LIMIT $3;
-- parameters: ["00000000-0000-4000-8000-000000000001","2026-01-01",5]
