-- server/src/modules/home: home-donor-needs-near
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.id, n.title, o.name AS detail, to_char(n.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
 FROM need n JOIN organisation o ON o.id = n.school_id
WHERE n.state = 'published' AND ($1::text IS NULL OR n.province_code = $1)
  AND COALESCE((SELECT sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') FROM contribution k WHERE k.need_id = n.id), 0) < n.quantity
ORDER BY CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, n.published_at, n.id LIMIT $2;
-- parameters: ["11",5]
