-- server/src/modules/home: home-donor-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT d.province_code, pa.name AS province_name,
      (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
      (SELECT COALESCE(sum(t.open), 0) FROM need_totals t WHERE t.state = 'published' AND (d.province_code IS NULL OR t.province_code = d.province_code)) AS open_near
 FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
WHERE d.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
