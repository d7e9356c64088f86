-- Programme work as records: one register of the activities (meetings, conferences, workshops,
-- trainings, online exchanges, launches) and communication records (articles, columns, clips,
-- printed and electronic publications) that units enter once and that fill their plan tasks.
-- Participants are counts per group; invitations are organisations; never a person's name.
CREATE TABLE activity (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                    text NOT NULL CHECK (kind IN (
                            'meeting', 'conference', 'workshop', 'training', 'online_exchange', 'launch',
                            'article', 'column', 'clip', 'print_publication', 'e_publication')),
  state                   text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
  title                   text NOT NULL,
  summary                 text,
  starts_on               date NOT NULL,
  ends_on                 date NOT NULL,
  place                   text,
  link                    text,
  -- communication: the channel or publisher (a newspaper, a television, a publishing house)
  channel                 text,
  organiser_id            uuid NOT NULL REFERENCES organisation(id),
  -- where it was held or whom it reached (null: national or online)
  province_code           text,
  audience                text,
  -- communication: readers, viewers or copies reached, where known
  reach                   bigint CHECK (reach IS NULL OR reach >= 0),
  evaluation_respondents  integer CHECK (evaluation_respondents IS NULL OR evaluation_respondents >= 0),
  evaluation_score        numeric(3, 1) CHECK (evaluation_score IS NULL OR (evaluation_score >= 1 AND evaluation_score <= 5)),
  evaluation_note         text,
  search                  text NOT NULL DEFAULT '',
  created_by              uuid REFERENCES app_user(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on)
);
-- the register, newest first, and each of its filters
CREATE INDEX activity_list_idx ON activity (starts_on DESC, id DESC);
CREATE INDEX activity_kind_idx ON activity (kind, starts_on DESC, id DESC);
CREATE INDEX activity_organiser_idx ON activity (organiser_id, starts_on DESC, id DESC);
CREATE INDEX activity_province_idx ON activity (province_code, starts_on DESC, id DESC);
CREATE INDEX activity_ends_idx ON activity (ends_on);
CREATE INDEX activity_search_trgm ON activity USING gin (search gin_trgm_ops);

-- co-organisers (the organiser itself is on the record)
CREATE TABLE activity_organiser (
  activity_id      uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (activity_id, organisation_id)
);
CREATE INDEX activity_organiser_org_idx ON activity_organiser (organisation_id, activity_id);

-- the plan tasks a record serves (read by the plans module to count a task's deliverables)
CREATE TABLE activity_task (
  activity_id  uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  task_id      uuid NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, task_id)
);
CREATE INDEX activity_task_task_idx ON activity_task (task_id, activity_id);

-- invitations: organisations only
CREATE TABLE activity_invitee (
  activity_id      uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (activity_id, organisation_id)
);

-- planned and actual participants by group: counts, never names
CREATE TABLE activity_participant (
  activity_id  uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  grp          text NOT NULL CHECK (grp IN ('officials', 'managers', 'teachers', 'pupils', 'parents', 'donors', 'press', 'other')),
  planned      integer CHECK (planned IS NULL OR planned >= 0),
  actual       integer CHECK (actual IS NULL OR actual >= 0),
  PRIMARY KEY (activity_id, grp)
);

-- the agenda (programme) with who is responsible; a signing may name the agreement it signed
CREATE TABLE activity_agenda_item (
  activity_id      uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  position         integer NOT NULL,
  time_text        text,
  content          text NOT NULL,
  responsible      text,
  responsible_id   uuid REFERENCES organisation(id),
  agreement_id     uuid REFERENCES agreement(id),
  PRIMARY KEY (activity_id, position)
);
CREATE INDEX activity_agenda_agreement_idx ON activity_agenda_item (agreement_id) WHERE agreement_id IS NOT NULL;

-- materials and outputs: documents, photos, recordings
CREATE TABLE activity_file (
  activity_id  uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  file_id      uuid NOT NULL REFERENCES stored_file(id),
  kind         text NOT NULL CHECK (kind IN ('document', 'photo', 'recording', 'output')),
  PRIMARY KEY (activity_id, file_id)
);

-- Deliverables that count themselves: a task's deliverable as a countable target ("02 lớp tập
-- huấn" = 2 records of kind training). Set by the plans module when a plan is loaded (read from
-- the deliverables' text) or by the plan's issuer; null: not countable.
ALTER TABLE plan_task ADD COLUMN target_count integer CHECK (target_count IS NULL OR target_count > 0);
ALTER TABLE plan_task ADD COLUMN target_kinds text[];
ALTER TABLE plan_task ADD COLUMN target_text text;

-- A plan's target measured from data rather than entered by hand: the name of the computation
-- (e.g. 'twinning_pairs_active'); null: entered by hand.
ALTER TABLE plan_target ADD COLUMN computed text;
