-- server/src/modules/home: home-donor-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT d.province_code, pa.name AS province_name,
      (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
      (SELECT count(*) FROM need n WHERE n.state = 'published' AND (d.province_code IS NULL OR n.province_code = d.province_code)
          AND COALESCE((SELECT sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') FROM contribution k WHERE k.need_id = n.id), 0) < n.quantity) AS open_near
 FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
WHERE d.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
