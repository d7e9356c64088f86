-- The published distribution of each campaign, kept as counts: the approved results by province,
-- by commune (within its province) and by school level (within its province; a school of several
-- levels counts under each of them, as the school's list of levels has them), each by result.
-- Written in the transaction that approves or unlocks an assessment, rebuilt when a campaign's
-- scores are recomputed. The public campaign page reads a few hundred of these rows instead of
-- counting tens of thousands of assessments per request.
CREATE TABLE assessment_result_count (
  campaign_id   uuid NOT NULL REFERENCES assessment_campaign(id) ON DELETE CASCADE,
  dimension     text NOT NULL CHECK (dimension IN ('commune', 'level', 'province')),
  province_code text NOT NULL,
  -- the commune's code or the school level; '' on province rows (and for an organisation without a commune)
  key           text NOT NULL DEFAULT '',
  -- the reviewed result's code ('' when the assessment has none)
  result        text NOT NULL DEFAULT '',
  n             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, dimension, province_code, key, result)
);

INSERT INTO assessment_result_count (campaign_id, dimension, province_code, key, result, n)
SELECT x.campaign_id, x.dimension, x.province_code, x.key, x.result, count(*)::int FROM (
  SELECT a.campaign_id, 'province' AS dimension, a.province_code, '' AS key, COALESCE(a.reviewed_result, '') AS result FROM assessment a WHERE a.state = 'approved'
  UNION ALL
  SELECT a.campaign_id, 'commune', a.province_code, COALESCE(a.commune_code, ''), COALESCE(a.reviewed_result, '') FROM assessment a WHERE a.state = 'approved'
  UNION ALL
  SELECT a.campaign_id, 'level', a.province_code, l.level, COALESCE(a.reviewed_result, '') FROM assessment a CROSS JOIN LATERAL unnest(a.school_levels) AS l(level) WHERE a.state = 'approved'
) x GROUP BY x.campaign_id, x.dimension, x.province_code, x.key, x.result;
