-- server/src/modules/portal: public-stats
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT x.*, p.name AS province_name FROM (
       SELECT GROUPING(t.year, t.province_code, t.category, t.form) AS g, t.year, t.province_code, t.category, t.form, COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd, sum(t.value_vnd) AS v
         FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2
        GROUP BY GROUPING SETS ((), (t.year), (t.province_code), (t.category), (t.form))) x
       LEFT JOIN area p ON x.province_code IS NOT NULL AND p.era = 'current' AND p.level = 'province' AND p.code = x.province_code
      WHERE x.g = 15 OR x.count > 0
      ORDER BY x.g, x.year, x.v DESC, x.province_code, x.category, x.form;
-- parameters: [2026,"11"]
