-- The Department's focal point for school social work (Decision 4969; issue 13 point 3-4): the
-- accounts of a Department named to receive the urgent-clock and break-glass alerts of its
-- province's cases and to read their access log. None named (or none of them active): every
-- Department account of the province, as before.
CREATE TABLE case_focal_point (
  department_id uuid NOT NULL REFERENCES organisation(id),
  user_id       uuid NOT NULL REFERENCES app_user(id),
  set_by        uuid REFERENCES app_user(id),
  set_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (department_id, user_id)
);
