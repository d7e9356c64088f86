-- Startup-model proposals (plan 237, Project 2; appendix I.1–I.4): Vụ GDCTHSSV opens a call with
-- its published criteria and deadline; training institutions submit proposals; reviewers assigned
-- by Vụ GDCTHSSV score them; Vụ KHTC gives its opinion on the budget; the Ministry approves or
-- refuses by a decision. The count of approved models measures plan 237's target II.2-a.
CREATE TABLE startup_call (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL,
  deadline    date NOT NULL,
  -- the published criteria: [{ "key": "...", "label": "...", "max": 20 }]
  criteria    jsonb NOT NULL,
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX startup_call_deadline_idx ON startup_call (deadline DESC, id DESC);

CREATE TABLE startup_proposal (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id              uuid NOT NULL REFERENCES startup_call(id),
  institution_id       uuid NOT NULL REFERENCES organisation(id),
  title                text NOT NULL,
  model                text NOT NULL,
  locality             text NOT NULL,
  province_code        text,
  target_households    integer NOT NULL CHECK (target_households >= 0),
  budget               bigint NOT NULL CHECK (budget >= 0 AND budget <= 1000000000000000),
  expected_results     text NOT NULL,
  state                text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'approved', 'refused')),
  budget_opinion       text,
  budget_opinion_at    timestamptz,
  decision_number      text,
  decision_date        date,
  decision_note        text,
  decided_by           uuid REFERENCES app_user(id),
  decided_at           timestamptz,
  search               text NOT NULL DEFAULT '',
  created_by           uuid REFERENCES app_user(id),
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX startup_proposal_call_idx ON startup_proposal (call_id, created_at DESC, id DESC);
CREATE INDEX startup_proposal_institution_idx ON startup_proposal (institution_id, created_at DESC, id DESC);
CREATE INDEX startup_proposal_state_idx ON startup_proposal (state, decision_date);
CREATE INDEX startup_proposal_list_idx ON startup_proposal (created_at DESC, id DESC);

-- reviewers assigned to a proposal, and the scores each gives on the call's criteria
CREATE TABLE startup_review (
  proposal_id  uuid NOT NULL REFERENCES startup_proposal(id) ON DELETE CASCADE,
  reviewer_id  uuid NOT NULL REFERENCES app_user(id),
  assigned_by  uuid REFERENCES app_user(id),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  scores       jsonb,
  total        numeric(6, 1),
  comment      text,
  scored_at    timestamptz,
  PRIMARY KEY (proposal_id, reviewer_id)
);
CREATE INDEX startup_review_reviewer_idx ON startup_review (reviewer_id, proposal_id);

-- an approved model's progress and results, reported by its institution until closure
CREATE TABLE startup_progress (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id           uuid NOT NULL REFERENCES startup_proposal(id) ON DELETE CASCADE,
  reported_on           date NOT NULL,
  households_supported  integer NOT NULL CHECK (households_supported >= 0),
  jobs                  integer NOT NULL CHECK (jobs >= 0),
  income_note           text,
  note                  text,
  closed                boolean NOT NULL DEFAULT false,
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX startup_progress_proposal_idx ON startup_progress (proposal_id, reported_on, created_at);
