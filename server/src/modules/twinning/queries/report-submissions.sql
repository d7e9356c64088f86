-- server/src/modules/twinning: report-submissions
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT o.id, o.name, o.kind, r.status, r.submitted_at FROM organisation o
 LEFT JOIN twinning_report r ON r.organisation_id = o.id AND r.year = $1
WHERE (o.kind = 'cluster' AND o.province_code = $2) OR o.code = 'so-01' ORDER BY o.kind = 'department', o.name;
-- parameters: [2026,"01"]
