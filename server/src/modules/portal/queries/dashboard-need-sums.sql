-- server/src/modules/portal: dashboard-need-sums
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT CASE WHEN grouping(t.province_code) = 0 THEN 'province' ELSE 'category' END AS by, t.province_code, min(p.name) AS province_name, t.category,
      sum(t.count)::bigint AS count, sum(t.value)::text AS value, sum(t.pledged)::text AS pledged, sum(t.received)::text AS received,
      COALESCE(sum(t.count) FILTER (WHERE t.state = 'submitted'), 0)::bigint AS awaiting
 FROM need_totals t JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = t.province_code
WHERE ($1::text IS NULL OR t.province_code = $1) AND t.state <> 'withdrawn' AND t.count > 0
GROUP BY GROUPING SETS ((t.province_code), (t.category))
ORDER BY 1 DESC, 2, 4;
-- parameters: ["11"]
