-- server/src/modules/home: home-department-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT (SELECT count(*) FROM need WHERE province_code = $1 AND state = 'submitted') AS to_verify,
(SELECT count(*) FROM need WHERE province_code = $1 AND state = 'verified') AS verified_unpublished,
(SELECT count(*) FROM contribution WHERE province_code = $1 AND status = 'received') AS to_accept,
(SELECT count(*) FROM twinning_pair p JOIN school bs ON bs.organisation_id = p.border_school_id
  WHERE bs.province_code = $1 AND p.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND extract(year FROM a.held_on) = $2)) AS idle_pairs;
-- parameters: ["11",2026]
