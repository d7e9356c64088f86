-- School social work (Decision 4969/QĐ-BGDĐT; Circular 33/2018/TT-BGDĐT, from 31/10/2025 Circular
-- 18/2025/TT-BGDĐT): the network of service providers, confidential support cases with
-- need-to-know access, referrals gated by consent or legal basis, and a log of every read.

-- Two roles: school counselling staff / social workers ('counsellor', of a school or a provider)
-- and a provider's staff ('provider'); providers with accounts are organisations of kind 'provider'.
ALTER TABLE organisation DROP CONSTRAINT IF EXISTS organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('ministry', 'ministry_unit', 'department', 'cluster',
  'commune_committee', 'school', 'donor', 'other', 'training_institution', 'department_unit', 'provider'));
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'ministry', 'department', 'school', 'donor', 'commune', 'unit', 'counsellor', 'provider'));

-- The public directory of providers (services, never cases). A Department keeps its province's
-- part; a national service (hotline 111) has no province. `organisation_id`: the provider's
-- organisation when its staff have accounts (referrals then arrive in its inbox); otherwise a
-- referral goes by phone or letter and is recorded by the school.
CREATE TABLE service_provider (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind            text NOT NULL CHECK (kind IN ('school_team', 'social_work_centre', 'health_service', 'commune_police', 'commune_committee', 'hotline', 'ngo')),
  name            text NOT NULL,
  organisation_id uuid REFERENCES organisation(id),
  province_code   text,
  -- communes covered; empty: the whole province (or the whole country without a province)
  commune_codes   text[] NOT NULL DEFAULT '{}',
  services        text[] NOT NULL CHECK (cardinality(services) > 0),
  channels        text[] NOT NULL CHECK (cardinality(channels) > 0),
  hours           text,
  phone           text,
  email           text,
  address         text,
  website         text,
  -- the focal role to ask for ("Tổ trưởng tổ tư vấn"), never a person's name
  focal_role      text,
  lat             double precision,
  lng             double precision,
  active          boolean NOT NULL DEFAULT true,
  -- folded name, kind, services and places, for diacritic-free search
  search          text NOT NULL,
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_provider_search_trgm ON service_provider USING gin (search gin_trgm_ops);
CREATE INDEX service_provider_services_idx ON service_provider USING gin (services);
CREATE INDEX service_provider_communes_idx ON service_provider USING gin (commune_codes);
CREATE INDEX service_provider_list_idx ON service_provider (province_code, kind, name, id);
CREATE INDEX service_provider_name_idx ON service_provider (name, id);
CREATE INDEX service_provider_org_idx ON service_provider (organisation_id) WHERE organisation_id IS NOT NULL;

-- A case: pseudonymous (the reference names neither pupil nor category); the pupil's identity
-- lives in case_pupil alone. `due_at`: the 12-working-hour referral clock of an urgent case.
CREATE TABLE support_case (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id          uuid NOT NULL REFERENCES organisation(id),
  province_code      text NOT NULL,
  commune_code       text NOT NULL,
  reference          text NOT NULL,
  category           text NOT NULL CHECK (category IN ('abuse', 'violence', 'bullying', 'online_bullying', 'dropout_risk', 'psychological', 'family_hardship', 'law_breaking', 'other')),
  risk               text NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  source             text NOT NULL CHECK (source IN ('screening', 'teacher', 'parent', 'peer', 'self', 'hotline', 'other')),
  step               text NOT NULL DEFAULT 'screening' CHECK (step IN ('screening', 'assessment', 'plan', 'intervention', 'referral', 'follow_up', 'closed')),
  urgent             boolean NOT NULL DEFAULT false,
  reported_at        timestamptz NOT NULL,
  due_at             timestamptz,
  -- the first step after the report, the first referral sent
  first_action_at    timestamptz,
  first_referral_at  timestamptz,
  -- when the clock's alert went out (once)
  alerted_at         timestamptz,
  initial_assessment text,
  outcome            text CHECK (outcome IN ('resolved', 'improved', 'referred_on', 'moved_away', 'no_action_needed', 'other')),
  closed_at          timestamptz,
  -- set by the retention job: identities and notes removed, statistics kept
  anonymised_at      timestamptz,
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (school_id, reference)
);
CREATE INDEX support_case_school_idx ON support_case (school_id, reported_at DESC, id DESC);
CREATE INDEX support_case_province_idx ON support_case (province_code, reported_at);
CREATE INDEX support_case_urgent_idx ON support_case (due_at) WHERE urgent AND first_referral_at IS NULL AND step <> 'closed';
CREATE INDEX support_case_retention_idx ON support_case (closed_at) WHERE step = 'closed' AND anonymised_at IS NULL;

-- The pupil: visible only to the staff assigned (and to a provider when a referral shares it).
CREATE TABLE case_pupil (
  case_id      uuid PRIMARY KEY REFERENCES support_case(id) ON DELETE CASCADE,
  full_name    text NOT NULL,
  class_name   text,
  -- the pupil's code in the school's records (e.g. the national learner ID), optional
  record_code  text
);

-- Who works on a case: the opener is its lead; ended assignments stay for the record.
CREATE TABLE case_assignment (
  case_id      uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES app_user(id),
  lead         boolean NOT NULL DEFAULT false,
  assigned_by  uuid REFERENCES app_user(id),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  ended_at     timestamptz,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_assignment_user_idx ON case_assignment (user_id, case_id) WHERE ended_at IS NULL;

-- Step moves with their dates.
CREATE TABLE case_step_event (
  id         bigserial PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  from_step  text,
  to_step    text NOT NULL,
  reason     text,
  actor_id   uuid REFERENCES app_user(id),
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_step_event_case_idx ON case_step_event (case_id, id);

-- Notes, sessions and plan entries (the plan's goals, actions, who and when, with the pupil's and
-- the parent's participation).
CREATE TABLE case_entry (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('note', 'session', 'plan')),
  body               text,
  occurred_on        date,
  plan               jsonb,
  pupil_participated boolean,
  parent_participated boolean,
  author_id          uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_entry_case_idx ON case_entry (case_id, created_at, id);

-- A referral: what is shared, with whom, on which basis, by which channel; the provider accepts
-- or declines with a reason, reports back and closes its part.
CREATE TABLE case_referral (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  provider_id      uuid NOT NULL REFERENCES service_provider(id),
  -- the receiving organisation when it has accounts (read through the provider row at sending)
  provider_org_id  uuid REFERENCES organisation(id),
  state            text NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'accepted', 'declined', 'withdrawn', 'reported', 'closed')),
  shared_fields    text[] NOT NULL DEFAULT '{}',
  shared_summary   text,
  legal_basis      text NOT NULL CHECK (legal_basis IN ('consent', 'legal_obligation', 'vital_interest')),
  pupil_consent    boolean NOT NULL DEFAULT false,
  parent_consent   boolean NOT NULL DEFAULT false,
  consent_note     text,
  channel          text NOT NULL CHECK (channel IN ('online', 'phone', 'letter', 'in_person')),
  sent_at          timestamptz NOT NULL,
  sent_by          uuid REFERENCES app_user(id),
  decided_at       timestamptz,
  decided_by       uuid REFERENCES app_user(id),
  decline_reason   text,
  report           text,
  reported_at      timestamptz,
  closed_at        timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_referral_case_idx ON case_referral (case_id, sent_at, id);
CREATE INDEX case_referral_inbox_idx ON case_referral (provider_org_id, sent_at DESC, id DESC) WHERE provider_org_id IS NOT NULL;

-- Break-glass: an account outside the assignment reads a case for a limited time, with a typed
-- reason its supervisor is shown at once.
CREATE TABLE case_access_grant (
  id          bigserial PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES app_user(id),
  reason      text NOT NULL,
  granted_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX case_access_grant_idx ON case_access_grant (case_id, user_id, expires_at);

-- Every read and export of a case: who, when, what. No pupil's name is ever written here.
CREATE TABLE case_access_log (
  id              bigserial PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES support_case(id) ON DELETE CASCADE,
  school_id       uuid NOT NULL,
  province_code   text NOT NULL,
  user_id         uuid REFERENCES app_user(id),
  actor_label     text NOT NULL,
  actor_role      text NOT NULL,
  action          text NOT NULL CHECK (action IN ('read', 'read_summary', 'read_referral', 'export', 'break_glass')),
  detail          text,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_access_log_case_idx ON case_access_log (case_id, id DESC);
CREATE INDEX case_access_log_school_idx ON case_access_log (school_id, id DESC);
CREATE INDEX case_access_log_province_idx ON case_access_log (province_code, id DESC);
