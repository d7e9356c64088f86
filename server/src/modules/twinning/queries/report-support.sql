-- server/src/modules/twinning: report-support
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT k.form, k.value_vnd, k.status FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id
WHERE a.pair_id = ANY($1::uuid[]) AND a.held_on >= make_date($2::int, 1, 1) AND a.held_on < make_date($2::int + 1, 1, 1);
-- parameters: [["00000000-0000-4000-8000-000000000001"],2026]
