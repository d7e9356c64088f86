-- server/src/modules/portal: public-contributions-page
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT k.id, k.pledged_on, (k.anonymous OR EXISTS (SELECT 1 FROM donor_profile ad WHERE ad.organisation_id = k.contributor_id AND ad.donor_type = 'individual' AND ad.anonymous_default)) AS anonymous, k.contributor_id, o.name AS contributor_name, d.donor_type, k.school_id, s.code AS school_code, s.name AS school_name,
      k.province_code, p.name AS province_name, k.recipient_group, b.kind AS beneficiary_kind, k.category, k.form, k.description, k.value_vnd,
      k.quantity, k.unit, k.status, k.need_id, (SELECT array_agg(cf.file_id ORDER BY cf.file_id) FROM contribution_file cf JOIN stored_file sf ON sf.id = cf.file_id AND sf.public WHERE cf.contribution_id = k.id) AS evidence
 FROM (SELECT k.* FROM contribution k WHERE k.status <> 'cancelled' AND k.province_code = $1 AND (k.pledged_on, k.id) < ($2::date, $3::uuid) ORDER BY k.pledged_on DESC, k.id DESC LIMIT $4) k
 JOIN organisation o ON o.id = k.contributor_id LEFT JOIN donor_profile d ON d.organisation_id = k.contributor_id
 JOIN school s ON s.organisation_id = k.school_id JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
 LEFT JOIN beneficiary b ON b.id = k.beneficiary_id
ORDER BY k.pledged_on DESC, k.id DESC;
-- parameters: ["11","2026-05-01","00000000-0000-4000-8000-000000000001",2000]
