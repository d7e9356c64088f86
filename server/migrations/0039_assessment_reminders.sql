-- Reminders before a campaign's deadlines: which organisation was reminded of which deadline of
-- which campaign (and for which date: a moved deadline is a new window). The primary key makes the
-- reminder once per window, even when two servers run the job at the same time.
CREATE TABLE assessment_reminder (
  campaign_id     uuid NOT NULL REFERENCES assessment_campaign(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  deadline        text NOT NULL CHECK (deadline IN ('self', 'review')),
  due_on          date NOT NULL,
  -- how many assessments were waiting on that organisation when it was reminded
  pending         int NOT NULL CHECK (pending > 0),
  sent_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, organisation_id, deadline, due_on)
);
-- the jobs' search: campaigns whose deadline falls in the coming days
CREATE INDEX assessment_campaign_self_due_idx ON assessment_campaign (self_due_on);
CREATE INDEX assessment_campaign_review_due_idx ON assessment_campaign (review_due_on);

-- Who reviews the schools of a campaign: the Department (Quyết định 4725), or, when the campaign
-- says so, the commune People's Committee for the preschools, primary and lower-secondary schools
-- it manages (the others stay with the Department).
ALTER TABLE assessment_campaign ADD COLUMN reviewer_level text NOT NULL DEFAULT 'department' CHECK (reviewer_level IN ('department', 'commune'));
