-- Answers of a self-assessment filled from the school's facility survey: which survey (its school
-- year) and question gave which value, so the page can say where each answer came from for as long
-- as the saved answer is still that value. Written only by the assessments module; the survey is
-- read, never written.
CREATE TABLE assessment_prefill (
  assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  code          text NOT NULL,
  survey_id     uuid REFERENCES facility_survey(id) ON DELETE SET NULL,
  school_year   text NOT NULL,
  question      text NOT NULL,
  value         jsonb NOT NULL,
  filled_by     uuid REFERENCES app_user(id),
  filled_at     timestamptz NOT NULL,
  PRIMARY KEY (assessment_id, code)
);
