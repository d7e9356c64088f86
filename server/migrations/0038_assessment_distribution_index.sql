-- The published distribution of a campaign (by province and result, by school level and result)
-- read from the index alone: the approved assessments of a campaign with their province, result
-- and school levels. At 50,000 schools the public campaign page counts about 40,000 approved
-- results per request; without the levels in an index each one was read from the table.
CREATE INDEX assessment_approved_cover_idx ON assessment (campaign_id) INCLUDE (province_code, reviewed_result, school_levels) WHERE state = 'approved';
