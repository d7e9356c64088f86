-- server/src/modules/needs: needs-search-walk
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT n.sort_key, n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
  p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
  n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
  n.created_at, n.published_at, n.updated_at,
  COALESCE(l.pc, 0) AS pledge_count, COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value,
  COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value,
  round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS pledged_share, round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS received_share,
  (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_pledged, (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_received,
  (CASE WHEN n.quantity = trunc(n.quantity) THEN ceil((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END)) ELSE round((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END), 2) END)::float8 AS remaining_quantity,
  (CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.quantity) ELSE 0 END)::text AS remaining_value
FROM (SELECT n.*, 0 + k.rank_key AS sort_key FROM (SELECT n.id, n.rank_key FROM (SELECT n.id, (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) AS rank_key, n.search_all FROM need n WHERE n.state = ANY($1::text[])
          ORDER BY (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), n.id LIMIT $4) n
        LEFT JOIN LATERAL (SELECT s.open AS op FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true
        WHERE n.search_all LIKE $2 AND n.search_all LIKE $3 AND (l.op IS TRUE) ORDER BY n.rank_key, n.id LIMIT $5) k JOIN need n ON n.id = k.id) n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
         s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
    FROM need_ledger s WHERE s.need_id = n.id) l ON true ORDER BY n.sort_key, n.id;
-- parameters: [["published","accepted","closed"],"%dien%","%bien%",6000,31]

SELECT n.sort_key, n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
  p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
  n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
  n.created_at, n.published_at, n.updated_at,
  COALESCE(l.pc, 0) AS pledge_count, COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value,
  COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value,
  round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS pledged_share, round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS received_share,
  (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_pledged, (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_received,
  (CASE WHEN n.quantity = trunc(n.quantity) THEN ceil((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END)) ELSE round((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END), 2) END)::float8 AS remaining_quantity,
  (CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.quantity) ELSE 0 END)::text AS remaining_value
FROM (SELECT n.*, 0 + k.rank_key AS sort_key FROM (SELECT n.id, n.rank_key FROM (SELECT n.id, (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) AS rank_key FROM need n WHERE n.state = ANY($1::text[]) AND n.search_all LIKE $2 AND n.search_all LIKE $3
          ORDER BY (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), n.id) n
        LEFT JOIN LATERAL (SELECT s.open AS op FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true
        WHERE (l.op IS TRUE) ORDER BY n.rank_key, n.id LIMIT $4) k JOIN need n ON n.id = k.id) n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
         s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
    FROM need_ledger s WHERE s.need_id = n.id) l ON true ORDER BY n.sort_key, n.id;
-- parameters: [["published","accepted","closed"],"%dien%","%bien%",31]

SELECT n.sort_key, n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
  p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
  n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
  n.created_at, n.published_at, n.updated_at,
  COALESCE(l.pc, 0) AS pledge_count, COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value,
  COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value,
  round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS pledged_share, round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS received_share,
  (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_pledged, (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_received,
  (CASE WHEN n.quantity = trunc(n.quantity) THEN ceil((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END)) ELSE round((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END), 2) END)::float8 AS remaining_quantity,
  (CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.quantity) ELSE 0 END)::text AS remaining_value
FROM (SELECT n.*, 4 + k.rank_key AS sort_key FROM (SELECT n.id, n.rank_key FROM (SELECT n.id, (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) AS rank_key, n.search_all FROM need n WHERE n.state = ANY($1::text[])
          ORDER BY (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), n.id LIMIT $4) n
        LEFT JOIN LATERAL (SELECT s.open AS op FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true
        WHERE n.search_all LIKE $2 AND n.search_all LIKE $3 AND NOT (l.op IS TRUE) ORDER BY n.rank_key, n.id LIMIT $5) k JOIN need n ON n.id = k.id) n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
         s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
    FROM need_ledger s WHERE s.need_id = n.id) l ON true ORDER BY n.sort_key, n.id;
-- parameters: [["published","accepted","closed"],"%dien%","%bien%",6000,31]

SELECT n.sort_key, n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
  p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
  n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
  n.created_at, n.published_at, n.updated_at,
  COALESCE(l.pc, 0) AS pledge_count, COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value,
  COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value,
  round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS pledged_share, round(LEAST(COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) / (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END), 1), 4)::float8 AS received_share,
  (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_pledged, (COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END), 0) >= (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)) AS fully_received,
  (CASE WHEN n.quantity = trunc(n.quantity) THEN ceil((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END)) ELSE round((CASE WHEN n.estimated_cost > 0 THEN GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.estimated_cost ELSE GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) END), 2) END)::float8 AS remaining_quantity,
  (CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST((CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END) - COALESCE((CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END), 0), 0) / n.quantity) ELSE 0 END)::text AS remaining_value
FROM (SELECT n.*, 4 + k.rank_key AS sort_key FROM (SELECT n.id, n.rank_key FROM (SELECT n.id, (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) AS rank_key FROM need n WHERE n.state = ANY($1::text[]) AND n.search_all LIKE $2 AND n.search_all LIKE $3
          ORDER BY (CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), n.id) n
        LEFT JOIN LATERAL (SELECT s.open AS op FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true
        WHERE NOT (l.op IS TRUE) ORDER BY n.rank_key, n.id LIMIT $4) k JOIN need n ON n.id = k.id) n
JOIN school s ON s.organisation_id = n.school_id
JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
LEFT JOIN LATERAL (
  SELECT s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
         s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op
    FROM need_ledger s WHERE s.need_id = n.id) l ON true ORDER BY n.sort_key, n.id;
-- parameters: [["published","accepted","closed"],"%dien%","%bien%",31]
