-- server/src/modules/twinning: idle-pairs
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT p.id, p.hanoi_school_id, hs.name AS hanoi_school_name, p.hanoi_cluster_id, hc.name AS hanoi_cluster_name,
  hs.cluster_id AS cluster_of_school, sc.name AS cluster_of_school_name, p.border_school_id, bs.name AS border_school_name, bs.province_code AS border_province,
  bs.commune_code AS border_commune, bs.levels AS border_levels, bp.name AS border_province_name, bc.full_name AS border_commune_name, p.start_year, p.status, p.note,
  to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS sort_at,
  hs.lat AS hanoi_lat, hs.lng AS hanoi_lng, bs.lat AS border_lat, bs.lng AS border_lng,
  (SELECT count(*) FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on >= make_date($1::int, 1, 1) AND a.held_on < make_date($1::int + 1, 1, 1)) AS activities
FROM (SELECT p.* FROM twinning_pair p WHERE p.id IN (
    SELECT p.id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
      LEFT JOIN (SELECT DISTINCT pair_id FROM twinning_activity WHERE held_on BETWEEN $3::date AND $4::date) a ON a.pair_id = p.id
     WHERE p.status = 'active' AND p.start_year <= $2 AND a.pair_id IS NULL
     ORDER BY COALESCE(hs.name, (SELECT hc.name FROM organisation hc WHERE hc.id = p.hanoi_cluster_id)) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id LIMIT $5)) p
LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
LEFT JOIN organisation sc ON sc.id = hs.cluster_id
JOIN school bs ON bs.organisation_id = p.border_school_id
JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = bs.province_code
JOIN area bc ON bc.era = 'current' AND bc.level = 'commune' AND bc.code = bs.commune_code
ORDER BY COALESCE(hs.name, hc.name) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id;
-- parameters: [2026,2026,"2025-09-01","2026-08-31",100]
