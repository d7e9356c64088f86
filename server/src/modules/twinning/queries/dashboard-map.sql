-- server/src/modules/twinning: dashboard-map
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT 'hanoi' AS side, (floor(hs.lat / $5::float8)::int8 * 4294967296 + floor(hs.lng / $5::float8)::int8)::text AS key, count(DISTINCT hs.organisation_id) AS schools,
      CASE WHEN count(DISTINCT hs.organisation_id) = 1 THEN min(hs.name) END AS name,
      round(avg(hs.lat)::numeric, 5)::float8 AS lat, round(avg(hs.lng)::numeric, 5)::float8 AS lng
 FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL AND ((hs.lng BETWEEN $1 AND $3 AND hs.lat BETWEEN $2 AND $4) OR (bs.lng BETWEEN $1 AND $3 AND bs.lat BETWEEN $2 AND $4)) GROUP BY (floor(hs.lat / $5::float8)::int8 * 4294967296 + floor(hs.lng / $5::float8)::int8)::text UNION ALL SELECT 'border' AS side, (floor(bs.lat / $5::float8)::int8 * 4294967296 + floor(bs.lng / $5::float8)::int8)::text AS key, count(DISTINCT bs.organisation_id) AS schools,
      CASE WHEN count(DISTINCT bs.organisation_id) = 1 THEN min(bs.name) END AS name,
      round(avg(bs.lat)::numeric, 5)::float8 AS lat, round(avg(bs.lng)::numeric, 5)::float8 AS lng
 FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL AND ((hs.lng BETWEEN $1 AND $3 AND hs.lat BETWEEN $2 AND $4) OR (bs.lng BETWEEN $1 AND $3 AND bs.lat BETWEEN $2 AND $4)) GROUP BY (floor(bs.lat / $5::float8)::int8 * 4294967296 + floor(bs.lng / $5::float8)::int8)::text;
-- parameters: [102.1,20.4,106.2,22.9,0.46875]

SELECT (floor(hs.lat / $5::float8)::int8 * 4294967296 + floor(hs.lng / $5::float8)::int8)::text AS hk, (floor(bs.lat / $5::float8)::int8 * 4294967296 + floor(bs.lng / $5::float8)::int8)::text AS bk, count(*) AS pairs, count(*) FILTER (WHERE p.status = 'active') AS active,
        CASE WHEN count(*) = 1 THEN min(p.id::text) END AS id
   FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL AND ((hs.lng BETWEEN $1 AND $3 AND hs.lat BETWEEN $2 AND $4) OR (bs.lng BETWEEN $1 AND $3 AND bs.lat BETWEEN $2 AND $4)) GROUP BY (floor(hs.lat / $5::float8)::int8 * 4294967296 + floor(hs.lng / $5::float8)::int8)::text, (floor(bs.lat / $5::float8)::int8 * 4294967296 + floor(bs.lng / $5::float8)::int8)::text;
-- parameters: [102.1,20.4,106.2,22.9,0.46875]

SELECT count(*) AS n FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL;
