-- server/src/modules/portal: public-stats
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2;
-- parameters: [2026,"11"]

SELECT t.year, COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2 GROUP BY 1 HAVING sum(t.count) > 0 ORDER BY 1;
-- parameters: [2026,"11"]

SELECT x.*, p.name AS province_name FROM (SELECT t.province_code, COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd, sum(t.value_vnd) AS v FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2 GROUP BY 1 HAVING sum(t.count) > 0) x
         JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = x.province_code ORDER BY x.v DESC, x.province_code;
-- parameters: [2026,"11"]

SELECT t.category, COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2 GROUP BY 1 HAVING sum(t.count) > 0 ORDER BY sum(t.value_vnd) DESC, 1;
-- parameters: [2026,"11"]

SELECT t.form, COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd FROM ledger_totals t WHERE t.status <> 'cancelled' AND t.year = $1 AND t.province_code = $2 GROUP BY 1 HAVING sum(t.count) > 0 ORDER BY 1;
-- parameters: [2026,"11"]
