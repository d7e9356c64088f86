-- server/src/modules/twinning: dashboard-map
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

WITH live AS MATERIALIZED (
  SELECT p.id, p.status, hs.organisation_id AS h_id, hs.name AS h_name, hs.lat AS h_lat, hs.lng AS h_lng,
         bs.organisation_id AS b_id, bs.name AS b_name, bs.lat AS b_lat, bs.lng AS b_lng
    FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
   WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL
), seen AS MATERIALIZED (SELECT * FROM live WHERE (h_lng BETWEEN $1 AND $3 AND h_lat BETWEEN $2 AND $4) OR (b_lng BETWEEN $1 AND $3 AND b_lat BETWEEN $2 AND $4))
SELECT 'place' AS part, 'hanoi' AS side, (floor(h_lat / $5::float8)::int8 * 4294967296 + floor(h_lng / $5::float8)::int8)::text AS key, count(DISTINCT h_id) AS schools,
       CASE WHEN count(DISTINCT h_id) = 1 THEN min(h_name) END AS name,
       round(avg(h_lat)::numeric, 5)::float8 AS lat, round(avg(h_lng)::numeric, 5)::float8 AS lng,
       NULL AS hk, NULL AS bk, NULL::int8 AS pairs, NULL::int8 AS active, NULL AS id
  FROM seen GROUP BY (floor(h_lat / $5::float8)::int8 * 4294967296 + floor(h_lng / $5::float8)::int8)::text
UNION ALL SELECT 'place' AS part, 'border' AS side, (floor(b_lat / $5::float8)::int8 * 4294967296 + floor(b_lng / $5::float8)::int8)::text AS key, count(DISTINCT b_id) AS schools,
       CASE WHEN count(DISTINCT b_id) = 1 THEN min(b_name) END AS name,
       round(avg(b_lat)::numeric, 5)::float8 AS lat, round(avg(b_lng)::numeric, 5)::float8 AS lng,
       NULL AS hk, NULL AS bk, NULL::int8 AS pairs, NULL::int8 AS active, NULL AS id
  FROM seen GROUP BY (floor(b_lat / $5::float8)::int8 * 4294967296 + floor(b_lng / $5::float8)::int8)::text
UNION ALL
SELECT 'line', NULL, NULL, NULL, NULL, NULL, NULL, (floor(h_lat / $5::float8)::int8 * 4294967296 + floor(h_lng / $5::float8)::int8)::text, (floor(b_lat / $5::float8)::int8 * 4294967296 + floor(b_lng / $5::float8)::int8)::text, count(*), count(*) FILTER (WHERE status = 'active'), CASE WHEN count(*) = 1 THEN min(id::text) END
  FROM seen GROUP BY (floor(h_lat / $5::float8)::int8 * 4294967296 + floor(h_lng / $5::float8)::int8)::text, (floor(b_lat / $5::float8)::int8 * 4294967296 + floor(b_lng / $5::float8)::int8)::text
UNION ALL
SELECT 'located', NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM live;
-- parameters: [102.1,20.4,106.2,22.9,0.46875]
