-- server/src/modules/portal: public-stats
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd FROM contribution k WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.province_code = $2;
-- parameters: [2026,"11"]

SELECT extract(year FROM k.pledged_on)::int AS year, count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd FROM contribution k WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.province_code = $2 GROUP BY 1 ORDER BY 1;
-- parameters: [2026,"11"]

SELECT k.province_code, p.name AS province_name, count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd FROM contribution k JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.province_code = $2 GROUP BY 1, 2 ORDER BY sum(k.value_vnd) DESC;
-- parameters: [2026,"11"]

SELECT k.category, count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd FROM contribution k WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.province_code = $2 GROUP BY 1 ORDER BY sum(k.value_vnd) DESC;
-- parameters: [2026,"11"]

SELECT k.form, count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd FROM contribution k WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.province_code = $2 GROUP BY 1 ORDER BY 1;
-- parameters: [2026,"11"]
