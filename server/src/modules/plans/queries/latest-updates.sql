-- server/src/modules/plans: latest-updates
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT l.update_id AS id, l.assignment_id, l.organisation_id, l.period, l.state, l.percent, l.reported_on
  FROM task_update_latest l
 WHERE l.assignment_id = ANY($1::uuid[]) AND l.reported_on <= $2::date
UNION ALL
SELECT h.id, h.assignment_id, h.organisation_id, h.period, h.state, h.percent, h.reported_on
  FROM task_update_latest l
  CROSS JOIN LATERAL (SELECT u.id, u.assignment_id, u.organisation_id, u.period, u.state, u.percent, u.reported_on FROM task_update u
                       WHERE u.assignment_id = l.assignment_id AND u.organisation_id = l.organisation_id AND u.period = l.period AND u.reported_on <= $2::date
                       ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1) h
 WHERE l.assignment_id = ANY($1::uuid[]) AND l.reported_on > $2::date
 ORDER BY 2, 3, 4;
-- parameters: [["00000000-0000-4000-8000-000000000001"],"2026-03-15"]
