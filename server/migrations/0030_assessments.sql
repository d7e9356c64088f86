-- Indicator frameworks and yearly assessments (Quyết định 4725/QĐ-BGDĐT, Thông tư 18/2023,
-- Quyết định 4969 task 2d): a framework's versions (a published one never changes), its
-- indicators as rows, campaigns over a scope with their window, one assessment per organisation
-- in scope, its answers (self points and reviewed points kept side by side) and its evidence.
CREATE TABLE assessment_framework (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key        text NOT NULL UNIQUE,
  name       text NOT NULL,
  basis      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assessment_framework_version (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id uuid NOT NULL REFERENCES assessment_framework(id),
  version      int NOT NULL CHECK (version > 0),
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'retired')),
  -- the whole definition as validated (contracts/assessments.ts FrameworkDefinition)
  definition   jsonb NOT NULL,
  -- whether every indicator is the official text (false: some are provisional)
  complete     boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  published_by uuid REFERENCES app_user(id),
  created_by   uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (framework_id, version)
);
CREATE INDEX assessment_framework_version_state_idx ON assessment_framework_version (state, year DESC, framework_id);

-- A published version never changes under the answers given to it: its definition and year are
-- frozen (it may only be retired), and its indicators neither change nor go.
CREATE FUNCTION assessment_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.year <> OLD.year OR NEW.framework_id <> OLD.framework_id
      OR NEW.version <> OLD.version OR (NEW.state = 'draft')) THEN
    RAISE EXCEPTION 'published framework version % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessment_version_frozen BEFORE UPDATE ON assessment_framework_version FOR EACH ROW EXECUTE FUNCTION assessment_version_frozen();

CREATE TABLE assessment_indicator (
  version_id  uuid NOT NULL REFERENCES assessment_framework_version(id),
  code        text NOT NULL,
  group_code  text NOT NULL,
  parent_code text,
  position    int NOT NULL,
  text        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('yes_no', 'number', 'percentage', 'choice', 'text', 'evidence')),
  mandatory   boolean NOT NULL,
  provisional boolean NOT NULL,
  -- answered directly (false: scored through its parts)
  answerable  boolean NOT NULL,
  max_points  numeric(8, 2) NOT NULL,
  scoring     jsonb NOT NULL,
  evidence    text,
  PRIMARY KEY (version_id, code)
);
CREATE INDEX assessment_indicator_order_idx ON assessment_indicator (version_id, position);

CREATE FUNCTION assessment_indicator_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM assessment_framework_version v WHERE v.id = OLD.version_id AND v.state <> 'draft') THEN
    RAISE EXCEPTION 'indicators of a published framework version are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessment_indicator_frozen BEFORE UPDATE OR DELETE ON assessment_indicator FOR EACH ROW EXECUTE FUNCTION assessment_indicator_frozen();

CREATE TABLE assessment_campaign (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id      uuid NOT NULL REFERENCES assessment_framework_version(id),
  year            int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title           text NOT NULL,
  -- the scope: a province's organisations (null: the whole country), of these kinds and school levels
  province_code   text,
  scope_kinds     text[] NOT NULL,
  scope_levels    text[] NOT NULL DEFAULT '{}',
  -- who opened it and reviews it: a Department (its province's schools) or the Ministry
  owner_id        uuid NOT NULL REFERENCES organisation(id),
  opens_on        date NOT NULL,
  self_due_on     date NOT NULL,
  review_due_on   date NOT NULL,
  publish_on      date NOT NULL,
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_on <= self_due_on AND self_due_on <= review_due_on AND review_due_on <= publish_on)
);
CREATE INDEX assessment_campaign_province_idx ON assessment_campaign (province_code, year DESC, created_at DESC, id DESC);
CREATE INDEX assessment_campaign_year_idx ON assessment_campaign (year DESC, created_at DESC, id DESC);
CREATE INDEX assessment_campaign_version_idx ON assessment_campaign (version_id);
CREATE INDEX assessment_campaign_publish_idx ON assessment_campaign (publish_on);

CREATE TABLE assessment (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id     uuid NOT NULL REFERENCES assessment_campaign(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- the organisation's place and levels when the campaign opened (the scope of reading and review)
  province_code   text NOT NULL,
  commune_code    text,
  school_levels   text[] NOT NULL DEFAULT '{}',
  state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved')),
  locked          boolean NOT NULL DEFAULT false,
  -- the school's own score and the reviewer's, each with its result (level or pass) and per-group detail
  self_points     numeric(10, 2) NOT NULL DEFAULT 0,
  self_result     text,
  reviewed_points numeric(10, 2),
  reviewed_result text,
  group_results   jsonb NOT NULL DEFAULT '[]',
  return_reason   text,
  submitted_at    timestamptz,
  decided_at      timestamptz,
  decided_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, organisation_id),
  CHECK (locked = (state = 'approved'))
);
-- the lists: a campaign's assessments by province (and commune) and state, an organisation's own
CREATE INDEX assessment_campaign_province_idx2 ON assessment (campaign_id, province_code, state, id);
CREATE INDEX assessment_campaign_commune_idx ON assessment (campaign_id, province_code, commune_code, id);
CREATE INDEX assessment_campaign_state_idx ON assessment (campaign_id, state, id);
-- the lists and the open data page in (campaign, id) order
CREATE INDEX assessment_campaign_id_idx ON assessment (campaign_id, id);
CREATE INDEX assessment_organisation_idx ON assessment (organisation_id, campaign_id);
-- the published distribution: approved results of a campaign by province
CREATE INDEX assessment_campaign_result_idx ON assessment (campaign_id, province_code, reviewed_result) WHERE state = 'approved';

CREATE TABLE assessment_answer (
  assessment_id    uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  code             text NOT NULL,
  value            jsonb,
  self_points      numeric(8, 2) NOT NULL DEFAULT 0,
  reviewed_points  numeric(8, 2),
  reviewer_comment text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, code)
);

CREATE TABLE assessment_evidence (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  code          text NOT NULL,
  file_id       uuid REFERENCES stored_file(id),
  url           text,
  label         text NOT NULL,
  created_by    uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((file_id IS NULL) <> (url IS NULL))
);
CREATE INDEX assessment_evidence_idx ON assessment_evidence (assessment_id, code, created_at);
CREATE INDEX assessment_evidence_file_idx ON assessment_evidence (file_id) WHERE file_id IS NOT NULL;

CREATE TABLE assessment_event (
  id            bigserial PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  action        text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  reason        text,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_event_idx ON assessment_event (assessment_id, id);
