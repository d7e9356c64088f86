-- server/src/modules/needs: needs-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS n   FROM need n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.received_quantity AS rq, s.received_value AS rv,
         CASE WHEN n.estimated_cost > 0 THEN s.pledged_quantity * n.estimated_cost + s.pledged_value_unmeasured * n.quantity ELSE s.pledged_quantity END AS pw, CASE WHEN n.estimated_cost > 0 THEN s.received_quantity * n.estimated_cost + s.received_value_unmeasured * n.quantity ELSE s.received_quantity END AS rw
    FROM need_ledger s WHERE s.need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.province_code = $2 AND n.state = 'published' AND NOT (COALESCE(l.pw, 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END));
-- parameters: [["published"],"11"]
