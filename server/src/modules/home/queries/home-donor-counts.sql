-- server/src/modules/home: home-donor-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT d.province_code, pa.name AS province_name,
        (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
        (SELECT count(*) FROM need n LEFT JOIN LATERAL (
SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
       s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu
  FROM need_ledger s WHERE s.need_id = n.id) l ON true WHERE n.state = 'published' AND (d.province_code IS NULL OR n.province_code = d.province_code)
            AND NOT (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END))) AS open_near
   FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
  WHERE d.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
