-- server/src/modules/needs: needs-by-remaining
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT * FROM (SELECT -(GREATEST(n.estimated_cost - COALESCE(l.pv, 0), 0)) AS sort_key, n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
  p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
  n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
  n.created_at, n.published_at, n.updated_at,
  COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value, COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value
FROM need n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT sum(quantity) FILTER (WHERE status <> 'cancelled') AS pq, sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv,
         sum(quantity) FILTER (WHERE status IN ('received', 'accepted')) AS rq, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv
    FROM contribution WHERE need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.province_code = $2 AND n.state = 'published' AND COALESCE(l.pq, 0) < n.quantity) x ORDER BY x.sort_key, x.id LIMIT $3;
-- parameters: [["published"],"11",30]
