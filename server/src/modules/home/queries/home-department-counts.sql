-- server/src/modules/home: home-department-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT (SELECT count(*) FROM need WHERE province_code = $1 AND state = 'submitted') AS to_verify,
(SELECT count(*) FROM need WHERE province_code = $1 AND state = 'verified') AS verified_unpublished,
(SELECT count(*) FROM contribution WHERE province_code = $1 AND status = 'received') AS to_accept,
(SELECT count(*) FROM twinning_pair p JOIN school bs ON bs.organisation_id = p.border_school_id
    LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
  WHERE (bs.province_code = $1 OR COALESCE(hs.province_code, hc.province_code) = $1) AND p.status = 'active' AND p.start_year <= $2::int
    AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on BETWEEN $3::date AND $4::date)) AS idle_pairs;
-- parameters: ["01",2026,"2025-09-01","2026-08-31"]
