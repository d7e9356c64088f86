-- server/src/modules/twinning: dashboard-map
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT p.id, p.status = 'active' AS active, hs.organisation_id AS h_id, hs.name AS h_name, hs.lng AS h_lng, hs.lat AS h_lat,
      bs.organisation_id AS b_id, bs.name AS b_name, bs.lng AS b_lng, bs.lat AS b_lat
 FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL
ORDER BY p.created_at, p.id;
