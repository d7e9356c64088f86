-- Twinning (kết nghĩa): Hanoi schools or clusters paired with schools in border communes of
-- Sơn La, Lai Châu and Điện Biên; yearly plans, activities, reports due 15/12.

-- The lead school of a high-school cluster compiles the cluster's report.
CREATE TABLE cluster_lead (
  cluster_id  uuid PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
  school_id   uuid NOT NULL REFERENCES school(organisation_id) ON DELETE CASCADE
);

CREATE TABLE twinning_pair (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hanoi_school_id    uuid REFERENCES school(organisation_id),
  hanoi_cluster_id   uuid REFERENCES organisation(id),
  border_school_id   uuid NOT NULL REFERENCES school(organisation_id),
  start_year         integer NOT NULL CHECK (start_year BETWEEN 2020 AND 2100),
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),
  note               text,
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((hanoi_school_id IS NULL) <> (hanoi_cluster_id IS NULL))
);
CREATE UNIQUE INDEX twinning_pair_unique_school ON twinning_pair (hanoi_school_id, border_school_id) WHERE hanoi_school_id IS NOT NULL AND status <> 'ended';
CREATE UNIQUE INDEX twinning_pair_unique_cluster ON twinning_pair (hanoi_cluster_id, border_school_id) WHERE hanoi_cluster_id IS NOT NULL AND status <> 'ended';
CREATE INDEX twinning_pair_border_idx ON twinning_pair (border_school_id);
CREATE INDEX twinning_pair_hanoi_idx ON twinning_pair (hanoi_school_id);

CREATE TABLE twinning_pair_event (
  id        bigserial PRIMARY KEY,
  pair_id   uuid NOT NULL REFERENCES twinning_pair(id) ON DELETE CASCADE,
  status    text NOT NULL,
  reason    text,
  actor_id  uuid REFERENCES app_user(id),
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX twinning_pair_event_idx ON twinning_pair_event (pair_id, id);

-- What a pair intends for a year, by the kinds of the plan's §II.
CREATE TABLE twinning_plan (
  pair_id     uuid NOT NULL REFERENCES twinning_pair(id) ON DELETE CASCADE,
  year        integer NOT NULL,
  items       jsonb NOT NULL DEFAULT '[]',
  note        text,
  updated_by  uuid REFERENCES app_user(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pair_id, year)
);

CREATE TABLE twinning_activity (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pair_id              uuid NOT NULL REFERENCES twinning_pair(id) ON DELETE CASCADE,
  held_on              date NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('material_support', 'professional', 'exchange', 'tradition')),
  sub_kind             text NOT NULL,
  mode                 text CHECK (mode IN ('in_person', 'online')),
  title                text NOT NULL,
  description          text,
  teachers             integer NOT NULL DEFAULT 0 CHECK (teachers >= 0),
  pupils               integer NOT NULL DEFAULT 0 CHECK (pupils >= 0),
  logged_by_school_id  uuid NOT NULL REFERENCES school(organisation_id),
  confirmed_at         timestamptz,
  confirmed_by         uuid REFERENCES app_user(id),
  confirmation_note    text,
  created_by           uuid REFERENCES app_user(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX twinning_activity_pair_idx ON twinning_activity (pair_id, held_on);
CREATE INDEX twinning_activity_date_idx ON twinning_activity (held_on);

CREATE TABLE twinning_activity_file (
  activity_id  uuid NOT NULL REFERENCES twinning_activity(id) ON DELETE CASCADE,
  file_id      uuid NOT NULL REFERENCES stored_file(id),
  PRIMARY KEY (activity_id, file_id)
);

-- Support given through twinning is written to the one ledger.
ALTER TABLE contribution ADD COLUMN twinning_activity_id uuid REFERENCES twinning_activity(id);
CREATE INDEX contribution_twinning_idx ON contribution (twinning_activity_id) WHERE twinning_activity_id IS NOT NULL;

-- Reports due before 15/12: a cluster's (compiled by its lead school) and the Department's.
CREATE TABLE twinning_report (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  level            text NOT NULL CHECK (level IN ('cluster', 'department')),
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  year             integer NOT NULL,
  narrative        jsonb NOT NULL DEFAULT '{}',
  figures          jsonb,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at     timestamptz,
  submitted_by     uuid REFERENCES app_user(id),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (level, organisation_id, year)
);

-- Each Department's contact role for the programme (roles, not people).
CREATE TABLE programme_focal_point (
  department_id  uuid NOT NULL REFERENCES organisation(id),
  programme      text NOT NULL,
  role_title     text NOT NULL,
  unit           text,
  contact        text,
  PRIMARY KEY (department_id, programme)
);
