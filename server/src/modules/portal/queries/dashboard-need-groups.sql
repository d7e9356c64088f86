-- server/src/modules/portal: dashboard-need-groups
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.province_code, p.name AS province_name, n.category, n.state, count(*) AS count, COALESCE(sum(n.estimated_cost), 0)::text AS value,
      COALESCE(sum(l.pv), 0)::text AS pledged, COALESCE(sum(l.rv), 0)::text AS received
 FROM need n JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
 LEFT JOIN LATERAL (SELECT sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv FROM contribution WHERE need_id = n.id) l ON true
WHERE ($1::text IS NULL OR n.province_code = $1) AND n.state <> 'withdrawn'
GROUP BY 1, 2, 3, 4;
-- parameters: ["11"]
