-- server/src/modules/home: home-donor-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT d.province_code, pa.name AS province_name,
        (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
        (SELECT count(*) FROM need n LEFT JOIN LATERAL (
SELECT count(*) FILTER (WHERE k.status <> 'cancelled') AS pc,
       sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') AS pq, sum(k.value_vnd) FILTER (WHERE k.status <> 'cancelled') AS pv,
       sum(k.quantity) FILTER (WHERE k.status IN ('received', 'accepted')) AS rq, sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')) AS rv,
       sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status <> 'cancelled') AS pw, sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status IN ('received', 'accepted')) AS rw
  FROM contribution k WHERE k.need_id = n.id) l ON true WHERE n.state = 'published' AND (d.province_code IS NULL OR n.province_code = d.province_code)
            AND NOT (COALESCE(l.pw, 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END))) AS open_near
   FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
  WHERE d.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
