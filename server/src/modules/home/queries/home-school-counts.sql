-- server/src/modules/home: home-school-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT o.name,
     (SELECT jsonb_object_agg(x.state, x.n) FROM (SELECT state, count(*) AS n FROM need WHERE school_id = $1 GROUP BY state) x) AS needs,
     (SELECT count(*) FROM contribution WHERE school_id = $1 AND status = 'delivered') AS to_confirm,
     (SELECT count(*) FROM twinning_activity a JOIN twinning_pair p ON p.id = a.pair_id
       WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND a.logged_by_school_id <> $1 AND a.confirmed_at IS NULL) AS activities_to_confirm,
     (SELECT count(*) FROM twinning_pair p WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND p.status <> 'ended') AS pairs,
     (SELECT count(*) FROM facility_survey WHERE school_id = $1) AS surveys,
     (SELECT max(school_year) FROM facility_survey WHERE school_id = $1) AS last_survey
FROM organisation o WHERE o.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
