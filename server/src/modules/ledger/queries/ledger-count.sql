-- server/src/modules/ledger: ledger-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT COALESCE(sum(count), 0) AS n FROM ledger_totals WHERE ($1::text IS NULL OR status = $1) AND province_code = ALL($2::text[]);
-- parameters: [null,["11","11"]]
