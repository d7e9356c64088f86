-- server/src/modules/home: home-donor-needs-near
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.id, n.title, o.name AS detail, to_char(n.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
   FROM need n JOIN organisation o ON o.id = n.school_id LEFT JOIN LATERAL (
SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
       s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
  FROM need_ledger s WHERE s.need_id = n.id) l ON true
  WHERE n.state = 'published' AND ($1::text IS NULL OR n.province_code = $1)
    AND (l.op IS TRUE)
  ORDER BY CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, n.published_at, n.id LIMIT $2;
-- parameters: ["11",5]
