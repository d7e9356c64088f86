-- server/src/modules/home: home-donor-needs-near
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.id, n.title, o.name AS detail, to_char(n.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
   FROM need n JOIN organisation o ON o.id = n.school_id LEFT JOIN LATERAL (
SELECT count(*) FILTER (WHERE k.status <> 'cancelled') AS pc,
       sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') AS pq, sum(k.value_vnd) FILTER (WHERE k.status <> 'cancelled') AS pv,
       sum(k.quantity) FILTER (WHERE k.status IN ('received', 'accepted')) AS rq, sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')) AS rv,
       sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status <> 'cancelled') AS pw, sum(CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END) FILTER (WHERE k.status IN ('received', 'accepted')) AS rw
  FROM contribution k WHERE k.need_id = n.id) l ON true
  WHERE n.state = 'published' AND ($1::text IS NULL OR n.province_code = $1)
    AND NOT (COALESCE(l.pw, 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END))
  ORDER BY CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, n.published_at, n.id LIMIT $2;
-- parameters: ["11",5]
