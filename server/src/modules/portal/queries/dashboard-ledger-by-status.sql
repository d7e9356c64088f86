-- server/src/modules/portal: dashboard-ledger-by-status
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT status, sum(count) AS count, COALESCE(sum(value_vnd), 0)::text AS value FROM ledger_totals WHERE ($1::text IS NULL OR province_code = $1) GROUP BY 1 HAVING sum(count) > 0;
-- parameters: ["11"]
