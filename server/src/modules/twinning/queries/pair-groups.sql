-- server/src/modules/twinning: pair-groups
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT g.cluster_id, c.name AS cluster_name, g.province_code, bp.name AS province_name, g.live, g.checked, g.idle
FROM (SELECT COALESCE(p.hanoi_cluster_id, hs.cluster_id) AS cluster_id, bs.province_code,
             count(*) FILTER (WHERE p.status <> 'ended') AS live,
             count(*) FILTER (WHERE p.status = 'active' AND p.start_year <= $1) AS checked,
             count(*) FILTER (WHERE p.status = 'active' AND p.start_year <= $1 AND a.pair_id IS NULL) AS idle
        FROM twinning_pair p
        LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
        JOIN school bs ON bs.organisation_id = p.border_school_id
        LEFT JOIN (SELECT DISTINCT pair_id FROM twinning_activity WHERE held_on BETWEEN $2::date AND $3::date) a ON a.pair_id = p.id
       GROUP BY 1, 2) g
LEFT JOIN organisation c ON c.id = g.cluster_id
JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = g.province_code;
-- parameters: [2026,"2025-09-01","2026-08-31"]
