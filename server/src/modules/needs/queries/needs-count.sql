-- server/src/modules/needs: needs-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS n   FROM need n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT sum(quantity) FILTER (WHERE status <> 'cancelled') AS pq, sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv,
         sum(quantity) FILTER (WHERE status IN ('received', 'accepted')) AS rq, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv
    FROM contribution WHERE need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.province_code = $2 AND n.state = 'published' AND COALESCE(l.pq, 0) < n.quantity;
-- parameters: [["published"],"11"]
