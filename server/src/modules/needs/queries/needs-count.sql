-- server/src/modules/needs: needs-count
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT COALESCE(sum(open), 0) AS n FROM need_totals
WHERE ($1::text[] IS NULL OR state = ANY($1::text[])) AND state = 'published' AND ($2::text IS NULL OR province_code = $2) AND ($3::text IS NULL OR category = $3);
-- parameters: [["published"],"11",null]
