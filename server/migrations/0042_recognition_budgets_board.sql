-- Recognition of contributors (plan 29, seed 000 §I.1.3, §IV.3.2-b, §IV.3.6): the coordination
-- board proposes a nomination list with a reason per nominee, Vụ TĐKT appraises each nominee
-- (accept, ask for more, refuse with a reason), a decision (number, date, form) honours the
-- accepted ones, and each honoured contributor gets a certificate with a verification code.
CREATE TABLE recognition_list (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title         text NOT NULL,
  -- the year whose contributions it honours
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  proposed_by   uuid NOT NULL REFERENCES organisation(id),
  state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
  submitted_at  timestamptz,
  search        text NOT NULL DEFAULT '',
  created_by    uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_list_idx ON recognition_list (created_at DESC, id DESC);
CREATE INDEX recognition_list_year_idx ON recognition_list (year, created_at DESC, id DESC);
CREATE INDEX recognition_list_state_idx ON recognition_list (state, created_at DESC, id DESC);

CREATE TABLE recognition_decision (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE,
  decided_on      date NOT NULL,
  form            text NOT NULL CHECK (form IN ('merit_certificate', 'commemorative_medal', 'thank_you_letter')),
  signer          text,
  file_id         uuid REFERENCES stored_file(id),
  -- the meeting at which it was handed over, and the agenda item (position) that did it
  activity_id     uuid REFERENCES activity(id) ON DELETE SET NULL,
  agenda_position integer,
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_decision_idx ON recognition_decision (decided_on DESC, id DESC);
CREATE INDEX recognition_decision_activity_idx ON recognition_decision (activity_id) WHERE activity_id IS NOT NULL;

CREATE TABLE recognition_nominee (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  list_id           uuid NOT NULL REFERENCES recognition_list(id) ON DELETE CASCADE,
  contributor_id    uuid NOT NULL REFERENCES organisation(id),
  reason            text NOT NULL,
  proposed_form     text NOT NULL CHECK (proposed_form IN ('merit_certificate', 'commemorative_medal', 'thank_you_letter')),
  -- accepted value in the ledger for the list's year when nominated (money and in kind)
  accepted_money    numeric NOT NULL DEFAULT 0,
  accepted_in_kind  numeric NOT NULL DEFAULT 0,
  state             text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'more_info', 'refused', 'honoured')),
  appraisal_note    text,
  appraised_by      uuid REFERENCES app_user(id),
  appraised_at      timestamptz,
  decision_id       uuid REFERENCES recognition_decision(id),
  certificate_code  text UNIQUE,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_id, contributor_id),
  CHECK ((state = 'honoured') = (decision_id IS NOT NULL AND certificate_code IS NOT NULL))
);
CREATE INDEX recognition_nominee_list_idx ON recognition_nominee (list_id, created_at, id);
CREATE INDEX recognition_nominee_state_idx ON recognition_nominee (state, list_id);
CREATE INDEX recognition_nominee_decision_idx ON recognition_nominee (decision_id, id) WHERE decision_id IS NOT NULL;
CREATE INDEX recognition_nominee_contributor_idx ON recognition_nominee (contributor_id);
-- the public honour roll, newest decision first
CREATE INDEX recognition_honour_idx ON recognition_nominee (decision_id, contributor_id) WHERE state = 'honoured';

-- Ranking contributors from the ledger: accepted contributions by contributor and year of pledge.
CREATE INDEX contribution_recognition_idx ON contribution (contributor_id, pledged_on) INCLUDE (form, value_vnd, province_code, plan_task_id) WHERE status = 'accepted';
CREATE INDEX contribution_accepted_pledged_idx ON contribution (pledged_on) INCLUDE (contributor_id, form, value_vnd, province_code, plan_task_id) WHERE status = 'accepted';

-- Budgets of plan tasks: estimates by source and amounts spent, entered by the lead unit with the
-- document that approves them. Social resources spent are never typed: they are the ledger's
-- accepted contributions linked to the task.
CREATE TABLE budget_line (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id          uuid NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  kind             text NOT NULL CHECK (kind IN ('estimate', 'spending')),
  source           text NOT NULL CHECK (source IN ('state_budget', 'programme_fund', 'social_resources')),
  amount_vnd       bigint NOT NULL CHECK (amount_vnd >= 0 AND amount_vnd <= 1000000000000000),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  document_number  text,
  document_file_id uuid REFERENCES stored_file(id),
  note             text,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'estimate' OR source <> 'social_resources')
);
CREATE INDEX budget_line_task_idx ON budget_line (task_id, created_at, id);
CREATE INDEX budget_line_org_idx ON budget_line (organisation_id, task_id);

-- The coordination board (seed 000 §IV.1): its members as roles with the unit each represents,
-- and its documents (regulation, decisions, reports) as files.
CREATE TABLE board_member (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role             text NOT NULL CHECK (role IN ('head', 'standing_deputy', 'deputy_content', 'deputy_resources', 'member', 'secretariat')),
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  title            text NOT NULL,
  since            date,
  until            date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (role, organisation_id)
);
CREATE INDEX board_member_org_idx ON board_member (organisation_id);

CREATE TABLE board_document (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('regulation', 'decision', 'report', 'other')),
  number      text,
  title       text NOT NULL,
  issued_on   date NOT NULL,
  file_id     uuid REFERENCES stored_file(id),
  search      text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX board_document_idx ON board_document (issued_on DESC, id DESC);
CREATE INDEX board_document_kind_idx ON board_document (kind, issued_on DESC, id DESC);
