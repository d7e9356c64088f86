-- server/src/modules/twinning: dashboard-map
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

WITH seen AS MATERIALIZED (
  SELECT p.id, p.status, p.hanoi_school_id AS h_id, p.border_school_id AS b_id, hs.lat AS h_lat, hs.lng AS h_lng, bs.lat AS b_lat, bs.lng AS b_lng,
         floor(hs.lat / $5::float8)::int8 * 4294967296 + floor(hs.lng / $5::float8)::int8 AS hk, floor(bs.lat / $5::float8)::int8 * 4294967296 + floor(bs.lng / $5::float8)::int8 AS bk
    FROM (SELECT id FROM twinning_pair WHERE hanoi_school_id IN (SELECT organisation_id FROM school WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4) UNION SELECT id FROM twinning_pair WHERE border_school_id IN (SELECT organisation_id FROM school WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4)) c
         JOIN twinning_pair p ON p.id = c.id JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
   WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL
), ends AS (
  SELECT 'hanoi' AS side, hk::text AS key, h_id AS school, count(*) AS n, sum(h_lat) AS lat, sum(h_lng) AS lng FROM seen GROUP BY hk, h_id
  UNION ALL
  SELECT 'border', bk::text, b_id, count(*), sum(b_lat), sum(b_lng) FROM seen GROUP BY bk, b_id
), places AS (
  SELECT side, key, count(*) AS schools, (array_agg(school))[1] AS one, sum(lat) / sum(n) AS lat, sum(lng) / sum(n) AS lng FROM ends GROUP BY side, key
)
SELECT 'place' AS part, x.side, x.key, x.schools, s.name, round(x.lat::numeric, 5)::float8 AS lat, round(x.lng::numeric, 5)::float8 AS lng,
       NULL AS hk, NULL AS bk, NULL::int8 AS pairs, NULL::int8 AS active, NULL AS id
  FROM places x LEFT JOIN LATERAL (SELECT s.name FROM school s WHERE x.schools = 1 AND s.organisation_id = x.one LIMIT 1) s ON true
UNION ALL
SELECT 'line', NULL, NULL, NULL, NULL, NULL, NULL, hk::text, bk::text, count(*), count(*) FILTER (WHERE status = 'active'),
       CASE WHEN count(*) = 1 THEN min(id::text COLLATE "C") END
  FROM seen GROUP BY hk, bk
UNION ALL
SELECT 'located', NULL, NULL,
       (SELECT count(*) FROM twinning_pair WHERE hanoi_school_id IS NOT NULL AND status <> 'ended')
       - (SELECT count(*) FROM twinning_pair p WHERE p.hanoi_school_id IS NOT NULL AND p.status <> 'ended'
             AND (p.hanoi_school_id IN (SELECT organisation_id FROM school WHERE lat IS NULL OR lng IS NULL) OR p.border_school_id IN (SELECT organisation_id FROM school WHERE lat IS NULL OR lng IS NULL))),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL;
-- parameters: [102.1,20.4,106.2,22.9,0.46875]
