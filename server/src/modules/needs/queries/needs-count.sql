-- server/src/modules/needs: needs-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS n FROM need n LEFT JOIN LATERAL (
SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
       s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu
  FROM need_ledger s WHERE s.need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.province_code = $2 AND n.state = 'published' AND NOT (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END));
-- parameters: [["published"],"11"]
