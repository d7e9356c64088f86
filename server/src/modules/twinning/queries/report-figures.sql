-- server/src/modules/twinning: report-figures
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

WITH sp AS (
  SELECT p.id, p.status, p.start_year, p.hanoi_school_id, p.border_school_id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id JOIN school bs ON bs.organisation_id = p.border_school_id
   WHERE ($2::uuid IS NULL OR p.hanoi_cluster_id = $2::uuid OR hs.cluster_id = $2::uuid)
), yt AS (
  SELECT y.* FROM twinning_pair_year y WHERE y.year = $1 AND ($2::uuid IS NULL OR y.pair_id IN (SELECT id FROM sp))
), firsts AS (
  SELECT v.school_id, min(sp.start_year) AS y FROM sp CROSS JOIN LATERAL (VALUES (sp.hanoi_school_id), (sp.border_school_id)) v(school_id) WHERE v.school_id IS NOT NULL GROUP BY v.school_id
)
SELECT pc.*, ac.*, (SELECT count(*) FROM firsts WHERE y = $1) AS joined_schools
  FROM (SELECT count(*) FILTER (WHERE status <> 'ended' AND start_year <= $1) AS pairs,
               count(*) FILTER (WHERE status = 'active' AND start_year <= $1) AS pairs_active,
               count(*) FILTER (WHERE status <> 'ended' AND start_year = $1) AS new_pairs,
               count(*) FILTER (WHERE status = 'active' AND start_year <= $1 AND w.pair_id IS NULL) AS pairs_without_activity
          FROM sp LEFT JOIN twinning_pair_year w ON w.year = $1 AND w.pair_id = sp.id AND w.activities > 0) pc,
       (SELECT COALESCE(sum(activities), 0) AS activities, COALESCE(sum(confirmed), 0) AS activities_confirmed,
               COALESCE(sum(material_support), 0) AS material_support, COALESCE(sum(professional), 0) AS professional,
               COALESCE(sum(exchange), 0) AS exchange, COALESCE(sum(tradition), 0) AS tradition,
               COALESCE(sum(teachers), 0) AS teachers, COALESCE(sum(pupils), 0) AS pupils,
               COALESCE(sum(support_money + support_in_kind + support_non_material), 0)::text AS support_value,
               COALESCE(sum(support_money), 0)::text AS support_money, COALESCE(sum(support_in_kind), 0)::text AS support_in_kind,
               COALESCE(sum(support_non_material), 0)::text AS support_non_material
          FROM yt) ac;
-- parameters: [2026,"00000000-0000-4000-8000-000000000001"]
