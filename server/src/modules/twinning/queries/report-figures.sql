-- server/src/modules/twinning: report-figures
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

WITH sp AS (
  SELECT p.id, p.status, p.start_year, p.hanoi_school_id, p.border_school_id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id JOIN school bs ON bs.organisation_id = p.border_school_id
   WHERE ($2::uuid IS NULL OR p.hanoi_cluster_id = $2::uuid OR hs.cluster_id = $2::uuid)
), act AS (
  SELECT a.id, a.kind, a.teachers, a.pupils, a.confirmed_at FROM twinning_activity a
   WHERE a.held_on >= make_date($1::int, 1, 1) AND a.held_on < make_date($1::int + 1, 1, 1) AND ($2::uuid IS NULL OR a.pair_id IN (SELECT id FROM sp))
), firsts AS (
  SELECT v.school_id, min(sp.start_year) AS y FROM sp CROSS JOIN LATERAL (VALUES (sp.hanoi_school_id), (sp.border_school_id)) v(school_id) WHERE v.school_id IS NOT NULL GROUP BY v.school_id
)
SELECT pc.*, ac.*, su.*, (SELECT count(*) FROM firsts WHERE y = $1) AS joined_schools
  FROM (SELECT count(*) FILTER (WHERE status <> 'ended' AND start_year <= $1) AS pairs,
               count(*) FILTER (WHERE status = 'active' AND start_year <= $1) AS pairs_active,
               count(*) FILTER (WHERE status <> 'ended' AND start_year = $1) AS new_pairs,
               count(*) FILTER (WHERE status = 'active' AND start_year <= $1 AND w.pair_id IS NULL) AS pairs_without_activity
          FROM sp LEFT JOIN (SELECT DISTINCT ia.pair_id FROM twinning_activity ia WHERE ia.held_on >= make_date($1::int, 1, 1) AND ia.held_on < make_date($1::int + 1, 1, 1)) w ON w.pair_id = sp.id) pc,
       (SELECT count(*) AS activities, count(confirmed_at) AS activities_confirmed,
               count(*) FILTER (WHERE kind = 'material_support') AS material_support, count(*) FILTER (WHERE kind = 'professional') AS professional,
               count(*) FILTER (WHERE kind = 'exchange') AS exchange, count(*) FILTER (WHERE kind = 'tradition') AS tradition,
               COALESCE(sum(teachers), 0) AS teachers, COALESCE(sum(pupils), 0) AS pupils
          FROM act) ac,
       (SELECT COALESCE(sum(k.value_vnd), 0)::text AS support_value,
               COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'money'), 0)::text AS support_money,
               COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'in_kind'), 0)::text AS support_in_kind,
               COALESCE(sum(k.value_vnd) FILTER (WHERE k.form = 'non_material'), 0)::text AS support_non_material
          FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id
         WHERE k.twinning_activity_id IS NOT NULL AND k.status <> 'cancelled' AND a.held_on >= make_date($1::int, 1, 1) AND a.held_on < make_date($1::int + 1, 1, 1)
           AND ($2::uuid IS NULL OR a.pair_id IN (SELECT id FROM sp))) su;
-- parameters: [2026,"00000000-0000-4000-8000-000000000001"]
