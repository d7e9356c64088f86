-- server/src/modules/home: home-donors-to-vet
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT o.id, o.name AS title, a.name AS detail, to_char(d.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
 FROM donor_profile d JOIN organisation o ON o.id = d.organisation_id
 LEFT JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = o.province_code
WHERE d.vetting_status = 'pending' ORDER BY d.created_at, d.organisation_id LIMIT $1;
-- parameters: [5]
