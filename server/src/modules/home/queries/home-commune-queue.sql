-- server/src/modules/home: home-commune-queue
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.id, n.title, o.name AS detail, to_char(n.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step,
      count(*) OVER () AS total
 FROM need n JOIN school s ON s.organisation_id = n.school_id JOIN organisation o ON o.id = n.school_id
WHERE n.province_code = $1 AND n.commune_code = $2 AND n.state = 'submitted' AND s.levels <@ $3::text[] AND cardinality(s.levels) > 0
ORDER BY n.submitted_at NULLS FIRST, n.id LIMIT $4;
-- parameters: ["11","03220",["mam_non","tieu_hoc","thcs"],5]
