-- server/src/modules/home: home-donor-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT d.province_code, pa.name AS province_name,
        (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
        (SELECT count(*) FROM need n LEFT JOIN LATERAL (
SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.received_quantity AS rq, s.received_value AS rv,
       CASE WHEN n.estimated_cost > 0 THEN s.pledged_quantity * n.estimated_cost + s.pledged_value_unmeasured * n.quantity ELSE s.pledged_quantity END AS pw, CASE WHEN n.estimated_cost > 0 THEN s.received_quantity * n.estimated_cost + s.received_value_unmeasured * n.quantity ELSE s.received_quantity END AS rw
  FROM need_ledger s WHERE s.need_id = n.id) l ON true WHERE n.state = 'published' AND (d.province_code IS NULL OR n.province_code = d.province_code)
            AND NOT (COALESCE(l.pw, 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END))) AS open_near
   FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
  WHERE d.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
