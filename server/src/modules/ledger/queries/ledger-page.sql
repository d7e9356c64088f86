-- server/src/modules/ledger: ledger-page
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, k.id, k.contributor_id, o.name AS contributor_name, k.anonymous, k.school_id, s.name AS school_name, k.province_code,
  p.name AS province_name, k.recipient_group, k.beneficiary_id, k.form, k.category, k.description, k.value_vnd, k.quantity, k.unit, k.need_id,
  n.title AS need_title, k.agreement_id, k.plan_task_id, k.status, k.cancel_reason, k.pledged_on, k.delivered_at, k.received_at, k.accepted_at, k.created_at, k.twinning_activity_id, b.kind AS beneficiary_kind
FROM contribution k
JOIN organisation o ON o.id = k.contributor_id
JOIN school s ON s.organisation_id = k.school_id
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
LEFT JOIN need n ON n.id = k.need_id
LEFT JOIN beneficiary b ON b.id = k.beneficiary_id WHERE k.province_code = $1 AND k.province_code = $2 AND (k.created_at, k.id) < ($3::timestamptz, $4::uuid) ORDER BY k.created_at DESC, k.id DESC LIMIT $5;
-- parameters: ["11","11","2026-05-01T00:00:00.000000Z","00000000-0000-4000-8000-000000000001",51]
