-- server/src/modules/needs: needs-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS n   FROM need n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE k.status <> 'cancelled') AS pc,
         sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') AS pq, sum(k.value_vnd) FILTER (WHERE k.status <> 'cancelled') AS pv,
         sum(k.quantity) FILTER (WHERE k.status IN ('received', 'accepted')) AS rq, sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')) AS rv,
         sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status <> 'cancelled') AS pw, sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status IN ('received', 'accepted')) AS rw
    FROM contribution k WHERE k.need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.province_code = $2 AND n.state = 'published' AND NOT (COALESCE(l.pw, 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END));
-- parameters: [["published"],"11"]
