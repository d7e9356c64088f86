-- server/src/modules/ledger: ledger-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS n FROM contribution k WHERE k.province_code = $1 AND k.province_code = $2;
-- parameters: ["11","11"]
