-- server/src/modules/home: home-department-queue
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.id, n.title, o.name AS detail, to_char(n.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
 FROM need n JOIN organisation o ON o.id = n.school_id
WHERE n.province_code = $1 AND n.state = $2
ORDER BY n.submitted_at NULLS FIRST, n.id LIMIT $3;
-- parameters: ["11","submitted",5]
