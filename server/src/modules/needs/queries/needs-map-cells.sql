-- server/src/modules/needs: needs-map-cells
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SET LOCAL work_mem = '32MB';

SELECT CASE WHEN count(*) = 1 THEN min(n.id::text) END AS id, CASE WHEN count(*) = 1 THEN min(n.title) END AS title,
          round(avg(s.lat)::numeric, 4)::float8 AS lat, round(avg(s.lng)::numeric, 4)::float8 AS lng, min((CASE WHEN n.state IN ('accepted', 'closed') THEN 3 WHEN n.state <> 'published' THEN 0
WHEN COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) THEN 3 WHEN NOT (l.op IS TRUE) THEN 2 WHEN COALESCE(l.pc, 0) > 0 THEN 1 ELSE 0 END)) AS rank,
          CASE WHEN count(*) = 1 THEN min(n.category) END AS category, sum((CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.quantity) ELSE 0 END))::text AS remaining,
          CASE WHEN count(*) = 1 THEN min((CASE WHEN n.state <> 'published' THEN n.state WHEN COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) THEN 'delivered' WHEN NOT (l.op IS TRUE) THEN 'fully_pledged'
WHEN COALESCE(l.pc, 0) > 0 THEN 'partly_pledged' ELSE 'published' END)) END AS status,
          count(*) AS count
     FROM need n JOIN school s ON s.organisation_id = n.school_id LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
         s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
    FROM need_ledger s WHERE s.need_id = n.id) l ON true WHERE n.state = ANY($1::text[]) AND n.search_all LIKE $2 AND n.search_all LIKE $3 AND s.lat IS NOT NULL AND s.lng IS NOT NULL AND s.lng BETWEEN $4 AND $6 AND s.lat BETWEEN $5 AND $7
    GROUP BY floor(s.lat / $8::float8), floor(s.lng / $8::float8);
-- parameters: [["published","accepted","closed"],"%ban%","%ghe%",102,8,110,24,1.875]
