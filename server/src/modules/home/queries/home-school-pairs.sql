-- server/src/modules/home: home-school-pairs
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT p.id, CASE WHEN p.border_school_id = $1 THEN COALESCE(hs.name, hc.name) ELSE bs.name END AS title, NULL AS detail,
      to_char(act.last_on, 'YYYY-MM-DD') AS date,
      CASE WHEN act.to_confirm > 0 THEN 'confirm_activity' WHEN act.this_year = 0 THEN 'no_activity' ELSE 'on_track' END AS step
 FROM twinning_pair p
 JOIN organisation bs ON bs.id = p.border_school_id
 LEFT JOIN organisation hs ON hs.id = p.hanoi_school_id
 LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
 CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE a.logged_by_school_id <> $1 AND a.confirmed_at IS NULL) AS to_confirm,
                            count(*) FILTER (WHERE a.held_on BETWEEN $2::date AND $3::date) AS this_year, max(a.held_on) AS last_on
                       FROM twinning_activity a WHERE a.pair_id = p.id) act
WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND p.status <> 'ended'
ORDER BY act.to_confirm DESC, act.this_year, p.created_at, p.id LIMIT $4;
-- parameters: ["00000000-0000-4000-8000-000000000001","2025-09-01","2026-08-31",5]
