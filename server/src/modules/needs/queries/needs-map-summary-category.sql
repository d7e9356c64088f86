-- server/src/modules/needs: needs-map-summary-category
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SET LOCAL work_mem = '32MB';

SELECT CASE WHEN sum(x.k) = 1 THEN min(x.school_id::text) END AS school_id,
      round((sum(x.lat * x.k) / sum(x.k)::float8)::numeric, 4)::float8 AS lat, round((sum(x.lng * x.k) / sum(x.k)::float8)::numeric, 4)::float8 AS lng,
      CASE WHEN sum(x.g0) > 0 THEN 0 WHEN sum(x.g1) > 0 THEN 1 WHEN sum(x.g2) > 0 THEN 2 ELSE 3 END AS rank,
      sum(x.remaining)::text AS remaining, sum(x.k) AS count
 FROM (SELECT m.school_id, m.commune_code, m.lat, m.lng, m.published_unpledged + m.published_partly + m.published_full + m.published_met + m.accepted + m.closed AS k, m.published_unpledged AS g0, m.published_partly AS g1, m.published_full AS g2, m.remaining_published + m.remaining_accepted + m.remaining_closed AS remaining
         FROM school_need_map_category m WHERE m.category = $1) x
 JOIN school s ON s.organisation_id = x.school_id

WHERE x.k > 0 AND x.lat IS NOT NULL AND x.lng IS NOT NULL AND s.levels @> ARRAY[$2]::text[]
GROUP BY floor(x.lat / $3::float8), floor(x.lng / $3::float8);
-- parameters: ["classroom","thpt",1.875]
