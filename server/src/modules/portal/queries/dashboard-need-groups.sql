-- server/src/modules/portal: dashboard-need-groups
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT t.province_code, p.name AS province_name, t.category, t.state, t.count, t.value::text AS value, t.pledged::text AS pledged, t.received::text AS received
 FROM need_totals t JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = t.province_code
WHERE ($1::text IS NULL OR t.province_code = $1) AND t.state <> 'withdrawn' AND t.count > 0;
-- parameters: ["11"]
