-- server/src/modules/plans: latest-updates
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT DISTINCT ON (assignment_id, organisation_id, period) id, assignment_id, organisation_id, period, state, percent, milestone, note, reported_on, deliverables
 FROM task_update WHERE assignment_id = ANY($1::uuid[]) AND reported_on <= $2::date
ORDER BY assignment_id, organisation_id, period, reported_on DESC, created_at DESC;
-- parameters: [["00000000-0000-4000-8000-000000000001"],"2026-03-15"]
