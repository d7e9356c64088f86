-- Plans and tasks: the five seed plans as live, tracked data.

-- Files (evidence, scanned documents) live in the database so that app servers stay stateless.
CREATE TABLE stored_file (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  mime        text NOT NULL,
  size        integer NOT NULL CHECK (size >= 0),
  sha256      text NOT NULL,
  data        bytea NOT NULL,
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key           text NOT NULL UNIQUE,
  number        text NOT NULL,
  type          text NOT NULL CHECK (type IN ('ke_hoach', 'quyet_dinh')),
  title         text NOT NULL,
  issuer_id     uuid NOT NULL REFERENCES organisation(id),
  signed_on     date,
  place         text,
  signer_title  text,
  period_from   date,
  period_to     date,
  legal_bases   jsonb NOT NULL DEFAULT '[]',
  recipients    jsonb NOT NULL DEFAULT '[]',
  calendar      jsonb NOT NULL DEFAULT '[]',
  rules         jsonb,
  search        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_section (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id      uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  code         text NOT NULL,
  title        text NOT NULL,
  parent_code  text,
  kind         text NOT NULL CHECK (kind IN ('part', 'project', 'subproject', 'heading')),
  position     integer NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE plan_goal (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id   uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  code      text NOT NULL,
  text      text NOT NULL,
  position  integer NOT NULL
);
CREATE INDEX plan_goal_plan_idx ON plan_goal (plan_id, position);

CREATE TABLE plan_target (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  goal_id         uuid NOT NULL REFERENCES plan_goal(id) ON DELETE CASCADE,
  plan_id         uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  label           text NOT NULL,
  target_value    numeric,
  unit            text NOT NULL,
  target_date     date,
  baseline_value  numeric,
  position        integer NOT NULL
);
CREATE INDEX plan_target_plan_idx ON plan_target (plan_id);

-- Goals record measured values over time.
CREATE TABLE plan_target_measurement (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id    uuid NOT NULL REFERENCES plan_target(id) ON DELETE CASCADE,
  value        numeric NOT NULL,
  measured_on  date NOT NULL,
  note         text,
  recorded_by  uuid REFERENCES app_user(id),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_target_measurement_idx ON plan_target_measurement (target_id, measured_on);

CREATE TABLE plan_task (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id            uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  section_id         uuid REFERENCES plan_section(id) ON DELETE SET NULL,
  number             text NOT NULL,
  number_as_written  text,
  content            text NOT NULL,
  legal_basis        text,
  notes              text,
  budget             text,
  position           integer NOT NULL,
  search             text NOT NULL,
  UNIQUE (plan_id, number)
);
CREATE INDEX plan_task_plan_idx ON plan_task (plan_id, position);
CREATE INDEX plan_task_search_trgm ON plan_task USING gin (search gin_trgm_ops);

-- One row per appendix row: a task may have several (one per lead unit or year).
CREATE TABLE task_assignment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id        uuid NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  plan_id        uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position       integer NOT NULL,
  lead_text      text NOT NULL,
  partner_text   text,
  time_text      text NOT NULL,
  window_kind    text NOT NULL CHECK (window_kind IN ('day', 'month', 'months', 'quarter', 'year', 'years', 'every_year', 'all_year', 'range')),
  window_from    date NOT NULL,
  window_to      date NOT NULL,
  due            date,
  deliverables   jsonb NOT NULL DEFAULT '[]',
  -- collective units as written ("Các Sở GDĐT"), by group key; expanded into assignment_unit where possible
  lead_groups    text[] NOT NULL DEFAULT '{}',
  partner_groups text[] NOT NULL DEFAULT '{}',
  CHECK (window_from <= window_to)
);
CREATE INDEX task_assignment_task_idx ON task_assignment (task_id, position);
CREATE INDEX task_assignment_plan_idx ON task_assignment (plan_id);
CREATE INDEX task_assignment_window_idx ON task_assignment (window_to, window_from);

-- Which organisations lead or partner an assignment (a collective "Các Sở GDĐT" expands to each).
CREATE TABLE assignment_unit (
  assignment_id    uuid NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  role             text NOT NULL CHECK (role IN ('lead', 'partner')),
  PRIMARY KEY (assignment_id, organisation_id, role)
);
CREATE INDEX assignment_unit_org_idx ON assignment_unit (organisation_id, role);

-- Progress posted by a lead unit; for recurring tasks each update names its period ('2024').
CREATE TABLE task_update (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id    uuid NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  period           text NOT NULL DEFAULT '',
  state            text NOT NULL CHECK (state IN ('in_progress', 'done', 'blocked')),
  percent          integer CHECK (percent BETWEEN 0 AND 100),
  milestone        text,
  note             text,
  deliverables     jsonb NOT NULL DEFAULT '[]',
  reported_on      date NOT NULL,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_update_assignment_idx ON task_update (assignment_id, organisation_id, period, reported_on, created_at);

CREATE TABLE task_update_file (
  update_id  uuid NOT NULL REFERENCES task_update(id) ON DELETE CASCADE,
  file_id    uuid NOT NULL REFERENCES stored_file(id),
  PRIMARY KEY (update_id, file_id)
);

-- In-app notifications, addressed to an organisation (every account of it sees them) or a user.
CREATE TABLE notification (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid REFERENCES organisation(id),
  user_id          uuid REFERENCES app_user(id),
  kind             text NOT NULL,
  title            text NOT NULL,
  body             text NOT NULL,
  link             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  emailed_at       timestamptz,
  CHECK (organisation_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE INDEX notification_org_idx ON notification (organisation_id, created_at DESC);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);

-- What reminders were already sent, so a unit gets one digest and never the same warning twice.
CREATE TABLE reminder_sent (
  assignment_id    uuid NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  kind             text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  period           text NOT NULL DEFAULT '',
  sent_on          date NOT NULL,
  PRIMARY KEY (assignment_id, organisation_id, kind, period)
);
