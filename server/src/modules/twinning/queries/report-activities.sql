-- server/src/modules/twinning: report-activities
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT pair_id, held_on, kind, teachers, pupils, confirmed_at IS NOT NULL AS confirmed FROM twinning_activity
WHERE pair_id = ANY($1::uuid[]) AND held_on >= make_date($2::int, 1, 1) AND held_on < make_date($2::int + 1, 1, 1);
-- parameters: [["00000000-0000-4000-8000-000000000001"],2026]
