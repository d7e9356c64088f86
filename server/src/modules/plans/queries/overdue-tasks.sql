-- server/src/modules/plans: overdue-tasks
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SET LOCAL jit = 'off';

WITH asg AS (
  SELECT a.id, a.task_id, a.plan_id, a.window_kind, a.window_from, a.window_to, a.due, t.target_count, t.target_kinds, a.window_kind IN ('every_year', 'every_school_year') AS recurring
    FROM task_assignment a JOIN plan_task t ON t.id = a.task_id
   WHERE true
), cur AS (
  SELECT a.*, p.key, p.p_from, p.p_to
    FROM asg a CROSS JOIN LATERAL (
      SELECT ps.key, ps.p_from, ps.p_to FROM (
        SELECT y::text AS key, greatest(make_date(y, 1, 1), a.window_from) AS p_from, least(make_date(y, 12, 31), a.window_to) AS p_to, y AS i
          FROM generate_series(extract(year FROM a.window_from)::int, extract(year FROM a.window_to)::int) y WHERE a.window_kind = 'every_year'
        UNION ALL
        SELECT y || '-' || (y + 1), greatest(make_date(y, 9, 1), a.window_from), least(make_date(y + 1, 8, 31), a.window_to), y
          FROM generate_series((extract(year FROM a.window_from)::int - CASE WHEN extract(month FROM a.window_from) >= 9 THEN 0 ELSE 1 END), (extract(year FROM a.window_to)::int - CASE WHEN extract(month FROM a.window_to) >= 9 THEN 0 ELSE 1 END)) y WHERE a.window_kind = 'every_school_year'
        UNION ALL
        SELECT '', a.window_from, coalesce(a.due, a.window_to), 0 WHERE NOT a.recurring) ps
      ORDER BY ($1::date BETWEEN ps.p_from AND ps.p_to) DESC, CASE WHEN $1::date < a.window_from THEN ps.i ELSE -ps.i END
      LIMIT 1) p
), lasts AS (
  SELECT c.id, c.task_id, c.plan_id, c.p_from, c.p_to,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN CASE WHEN rec.n >= c.target_count THEN 'done' ELSE 'in_progress' END ELSE lu.state END AS state,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN least(100, floor((rec.n::float8 / c.target_count) * 100 + 0.5)) ELSE lu.percent END AS percent
    FROM cur c
    LEFT JOIN assignment_unit l ON l.assignment_id = c.id AND l.role = 'lead'
    LEFT JOIN task_update_latest x ON x.assignment_id = c.id AND x.organisation_id = l.organisation_id AND x.period = c.key
    LEFT JOIN LATERAL (
      SELECT x.state, x.percent, x.reported_on WHERE x.reported_on <= $1::date
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE x.reported_on > $1::date AND u.assignment_id = x.assignment_id AND u.organisation_id = x.organisation_id AND u.period = x.period AND u.reported_on <= $1::date
        ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1)
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE l.organisation_id IS NULL AND u.assignment_id = c.id AND u.period = c.key AND u.reported_on <= $1::date
        ORDER BY u.reported_on DESC, u.organisation_id DESC, u.created_at DESC, u.id DESC LIMIT 1)) lu ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, max(h.ends_on) AS last_on FROM activity_task x JOIN activity h ON h.id = x.activity_id
       WHERE c.target_count > 0 AND x.task_id = c.task_id AND h.kind = ANY(c.target_kinds) AND h.state = 'held' AND h.ends_on <= $1::date
         AND (NOT c.recurring OR h.ends_on BETWEEN c.p_from AND c.p_to)) rec ON true
), unit_status AS (
  SELECT l.id, l.task_id, l.plan_id, CASE
      WHEN l.state = 'done' THEN 0
      WHEN $1::date > l.p_to THEN 4
      WHEN $1::date < l.p_from THEN CASE WHEN l.state IS NULL THEN 1 ELSE 2 END
      WHEN l.state IS NULL THEN CASE WHEN ($1::date - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) >= 0.5 OR (l.p_to - $1::date <= 14 AND l.p_to - l.p_from + 1 > 14) THEN 3 ELSE 1 END
      WHEN l.state = 'blocked' THEN 3
      WHEN coalesce(l.percent, 0) + 25 < ($1::date - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) * 100 THEN 3
      WHEN l.p_to - $1::date <= 14 AND coalesce(l.percent, 0) < 75 THEN 3
      ELSE 2 END AS r
    FROM lasts l
), assignment_status AS (
  SELECT id, task_id, plan_id, max(r) AS r FROM unit_status GROUP BY id, task_id, plan_id
), task_status AS (
  SELECT task_id, plan_id, max(r) AS r, count(*) AS assignments FROM assignment_status GROUP BY task_id, plan_id
)
     SELECT s.task_id, (SELECT count(*) FROM task_status WHERE r = 4)::int AS total
       FROM task_status s JOIN plan_task t ON t.id = s.task_id JOIN plan pl ON pl.id = s.plan_id
      WHERE s.r = 4 AND (pl.signed_on IS NULL OR pl.signed_on < $5::date OR (pl.signed_on = $5::date AND (pl.id, t.position, t.id) > ($2::uuid, $3::int, $4::uuid)))
      ORDER BY pl.signed_on DESC NULLS LAST, pl.id, t.position, t.id
      LIMIT $6;
-- parameters: ["2026-03-15","00000000-0000-4000-8000-000000000001",3,"00000000-0000-4000-8000-000000000002","2025-01-15",51]

WITH asg AS (
  SELECT a.id, a.task_id, a.plan_id, a.window_kind, a.window_from, a.window_to, a.due, t.target_count, t.target_kinds, a.window_kind IN ('every_year', 'every_school_year') AS recurring
    FROM task_assignment a JOIN plan_task t ON t.id = a.task_id
   WHERE true
), cur AS (
  SELECT a.*, p.key, p.p_from, p.p_to
    FROM asg a CROSS JOIN LATERAL (
      SELECT ps.key, ps.p_from, ps.p_to FROM (
        SELECT y::text AS key, greatest(make_date(y, 1, 1), a.window_from) AS p_from, least(make_date(y, 12, 31), a.window_to) AS p_to, y AS i
          FROM generate_series(extract(year FROM a.window_from)::int, extract(year FROM a.window_to)::int) y WHERE a.window_kind = 'every_year'
        UNION ALL
        SELECT y || '-' || (y + 1), greatest(make_date(y, 9, 1), a.window_from), least(make_date(y + 1, 8, 31), a.window_to), y
          FROM generate_series((extract(year FROM a.window_from)::int - CASE WHEN extract(month FROM a.window_from) >= 9 THEN 0 ELSE 1 END), (extract(year FROM a.window_to)::int - CASE WHEN extract(month FROM a.window_to) >= 9 THEN 0 ELSE 1 END)) y WHERE a.window_kind = 'every_school_year'
        UNION ALL
        SELECT '', a.window_from, coalesce(a.due, a.window_to), 0 WHERE NOT a.recurring) ps
      ORDER BY ($1::date BETWEEN ps.p_from AND ps.p_to) DESC, CASE WHEN $1::date < a.window_from THEN ps.i ELSE -ps.i END
      LIMIT 1) p
), lasts AS (
  SELECT c.id, c.task_id, c.plan_id, c.p_from, c.p_to,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN CASE WHEN rec.n >= c.target_count THEN 'done' ELSE 'in_progress' END ELSE lu.state END AS state,
         CASE WHEN rec.n > 0 AND (lu.reported_on IS NULL OR rec.last_on >= lu.reported_on)
              THEN least(100, floor((rec.n::float8 / c.target_count) * 100 + 0.5)) ELSE lu.percent END AS percent
    FROM cur c
    LEFT JOIN assignment_unit l ON l.assignment_id = c.id AND l.role = 'lead'
    LEFT JOIN task_update_latest x ON x.assignment_id = c.id AND x.organisation_id = l.organisation_id AND x.period = c.key
    LEFT JOIN LATERAL (
      SELECT x.state, x.percent, x.reported_on WHERE x.reported_on <= $1::date
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE x.reported_on > $1::date AND u.assignment_id = x.assignment_id AND u.organisation_id = x.organisation_id AND u.period = x.period AND u.reported_on <= $1::date
        ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1)
      UNION ALL
      (SELECT u.state, u.percent, u.reported_on FROM task_update u
        WHERE l.organisation_id IS NULL AND u.assignment_id = c.id AND u.period = c.key AND u.reported_on <= $1::date
        ORDER BY u.reported_on DESC, u.organisation_id DESC, u.created_at DESC, u.id DESC LIMIT 1)) lu ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, max(h.ends_on) AS last_on FROM activity_task x JOIN activity h ON h.id = x.activity_id
       WHERE c.target_count > 0 AND x.task_id = c.task_id AND h.kind = ANY(c.target_kinds) AND h.state = 'held' AND h.ends_on <= $1::date
         AND (NOT c.recurring OR h.ends_on BETWEEN c.p_from AND c.p_to)) rec ON true
), unit_status AS (
  SELECT l.id, l.task_id, l.plan_id, CASE
      WHEN l.state = 'done' THEN 0
      WHEN $1::date > l.p_to THEN 4
      WHEN $1::date < l.p_from THEN CASE WHEN l.state IS NULL THEN 1 ELSE 2 END
      WHEN l.state IS NULL THEN CASE WHEN ($1::date - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) >= 0.5 OR (l.p_to - $1::date <= 14 AND l.p_to - l.p_from + 1 > 14) THEN 3 ELSE 1 END
      WHEN l.state = 'blocked' THEN 3
      WHEN coalesce(l.percent, 0) + 25 < ($1::date - l.p_from + 1)::float8 / (l.p_to - l.p_from + 1) * 100 THEN 3
      WHEN l.p_to - $1::date <= 14 AND coalesce(l.percent, 0) < 75 THEN 3
      ELSE 2 END AS r
    FROM lasts l
), assignment_status AS (
  SELECT id, task_id, plan_id, max(r) AS r FROM unit_status GROUP BY id, task_id, plan_id
), task_status AS (
  SELECT task_id, plan_id, max(r) AS r, count(*) AS assignments FROM assignment_status GROUP BY task_id, plan_id
) SELECT count(*)::int AS n FROM task_status WHERE r = 4;
-- parameters: ["2026-03-15"]
