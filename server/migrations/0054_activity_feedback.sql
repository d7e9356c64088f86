-- Participants' own evaluation of a held activity: one response per account (a score from 1 to 5
-- and an optional comment), counted and averaged in SQL for the activity's page. The organiser's
-- hand-entered aggregate (activity.evaluation_*: the paper forms' respondents and average) stays
-- as it is, apart from these responses.
CREATE TABLE activity_feedback (
  activity_id  uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES app_user(id),
  score        smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (activity_id, user_id)
);
