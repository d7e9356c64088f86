-- server/src/modules/twinning: report-pairs
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

WITH n AS (SELECT pair_id, count(*) AS n FROM twinning_activity WHERE held_on >= make_date($1::int, 1, 1) AND held_on < make_date($1::int + 1, 1, 1) GROUP BY pair_id)
   SELECT COALESCE(hs.name, hc.name, '') AS hanoi_side, COALESCE(hc.name, sc.name) AS cluster_name, bs.name AS border_school_name, bc.full_name AS border_commune_name,
          bp.name AS border_province_name, p.start_year, p.status, COALESCE(n.n, 0) AS activities
     FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
LEFT JOIN organisation sc ON sc.id = hs.cluster_id
JOIN school bs ON bs.organisation_id = p.border_school_id
JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = bs.province_code
JOIN area bc ON bc.era = 'current' AND bc.level = 'commune' AND bc.code = bs.commune_code
     LEFT JOIN n ON n.pair_id = p.id
    WHERE ($2::uuid IS NULL OR p.hanoi_cluster_id = $2::uuid OR hs.cluster_id = $2::uuid)
    ORDER BY COALESCE(hs.name, hc.name) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id;
-- parameters: [2026,null]
