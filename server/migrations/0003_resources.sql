-- Resource connection (plan 29/KH-BGDĐT): facility surveys, needs, donors, agreements, the
-- contributions ledger, beneficiaries of gifts, plan-29 selection.

ALTER TABLE stored_file ADD COLUMN public boolean NOT NULL DEFAULT false;

CREATE TABLE facility_survey (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id               uuid NOT NULL REFERENCES school(organisation_id) ON DELETE CASCADE,
  school_year             text NOT NULL CHECK (school_year ~ '^\d{4}-\d{4}$'),
  classrooms_solid        integer NOT NULL DEFAULT 0 CHECK (classrooms_solid >= 0),
  classrooms_semi_solid   integer NOT NULL DEFAULT 0 CHECK (classrooms_semi_solid >= 0),
  classrooms_temporary    integer NOT NULL DEFAULT 0 CHECK (classrooms_temporary >= 0),
  classrooms_lacking      integer NOT NULL DEFAULT 0 CHECK (classrooms_lacking >= 0),
  subject_rooms           integer NOT NULL DEFAULT 0 CHECK (subject_rooms >= 0),
  subject_rooms_lacking   integer NOT NULL DEFAULT 0 CHECK (subject_rooms_lacking >= 0),
  toilets_total           integer NOT NULL DEFAULT 0 CHECK (toilets_total >= 0),
  toilets_standard        integer NOT NULL DEFAULT 0 CHECK (toilets_standard >= 0),
  toilets_improved        boolean NOT NULL DEFAULT false,
  toilets_single_sex      boolean NOT NULL DEFAULT false,
  toilets_usable          boolean NOT NULL DEFAULT false,
  water_source            text NOT NULL CHECK (water_source IN ('piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none')),
  water_available         boolean NOT NULL DEFAULT false,
  handwashing             text NOT NULL CHECK (handwashing IN ('water_soap', 'water_only', 'none')),
  electricity             text NOT NULL CHECK (electricity IN ('grid', 'solar', 'none')),
  road_access             text NOT NULL CHECK (road_access IN ('paved', 'dirt', 'seasonal', 'none')),
  boarding_places         integer NOT NULL DEFAULT 0 CHECK (boarding_places >= 0),
  semi_boarding_places    integer NOT NULL DEFAULT 0 CHECK (semi_boarding_places >= 0),
  kitchen                 boolean NOT NULL DEFAULT false,
  teaching_equipment      text NOT NULL CHECK (teaching_equipment IN ('sufficient', 'partial', 'lacking')),
  computers               integer NOT NULL DEFAULT 0 CHECK (computers >= 0),
  internet                boolean NOT NULL DEFAULT false,
  note                    text,
  -- service levels on the WHO/UNICEF JMP ladders, recomputed from the answers on every write
  water_service           text NOT NULL CHECK (water_service IN ('basic', 'limited', 'none')),
  sanitation_service      text NOT NULL CHECK (sanitation_service IN ('basic', 'limited', 'none')),
  hygiene_service         text NOT NULL CHECK (hygiene_service IN ('basic', 'limited', 'none')),
  updated_by              uuid REFERENCES app_user(id),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (school_id, school_year)
);
CREATE INDEX facility_survey_year_idx ON facility_survey (school_year, water_service, sanitation_service, hygiene_service);

-- Donors: an organisation of kind donor with a profile and a vetting decision.
CREATE TABLE donor_profile (
  organisation_id    uuid PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
  donor_type         text NOT NULL CHECK (donor_type IN ('business', 'individual', 'bank', 'international', 'university', 'media', 'other')),
  tax_code           text,
  country            text NOT NULL DEFAULT 'VN',
  website            text,
  description        text,
  anonymous_default  boolean NOT NULL DEFAULT false,
  vetting_status     text NOT NULL DEFAULT 'pending' CHECK (vetting_status IN ('pending', 'approved', 'rejected')),
  vetting_reason     text,
  vetted_by          uuid REFERENCES app_user(id),
  vetted_at          timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX donor_profile_vetting_idx ON donor_profile (vetting_status, created_at);

CREATE TABLE need (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id        uuid NOT NULL REFERENCES school(organisation_id) ON DELETE CASCADE,
  province_code    text NOT NULL,
  commune_code     text NOT NULL,
  category         text NOT NULL,
  title            text NOT NULL,
  description      text,
  quantity         numeric NOT NULL CHECK (quantity > 0),
  unit             text NOT NULL,
  estimated_cost   bigint NOT NULL CHECK (estimated_cost >= 0),
  priority         text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'verified', 'published', 'accepted', 'closed', 'withdrawn')),
  return_reason    text,
  withdraw_reason  text,
  acceptance_note  text,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  submitted_at     timestamptz,
  verified_at      timestamptz,
  verified_by      uuid REFERENCES app_user(id),
  published_at     timestamptz,
  accepted_at      timestamptz,
  closed_at        timestamptz,
  search           text NOT NULL
);
CREATE INDEX need_state_province_idx ON need (state, province_code, category);
CREATE INDEX need_school_idx ON need (school_id, created_at DESC);
CREATE INDEX need_commune_idx ON need (commune_code);
CREATE INDEX need_published_idx ON need (published_at DESC, id) WHERE state IN ('published', 'accepted', 'closed');
CREATE INDEX need_search_trgm ON need USING gin (search gin_trgm_ops);

CREATE TABLE need_file (
  need_id  uuid NOT NULL REFERENCES need(id) ON DELETE CASCADE,
  file_id  uuid NOT NULL REFERENCES stored_file(id),
  purpose  text NOT NULL CHECK (purpose IN ('photo', 'acceptance')),
  PRIMARY KEY (need_id, file_id)
);

-- The state history of a need: every transition with who, when and why.
CREATE TABLE need_event (
  id        bigserial PRIMARY KEY,
  need_id   uuid NOT NULL REFERENCES need(id) ON DELETE CASCADE,
  action    text NOT NULL,
  from_state text,
  to_state  text NOT NULL,
  reason    text,
  actor_id  uuid REFERENCES app_user(id),
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX need_event_need_idx ON need_event (need_id, id);

CREATE TABLE agreement (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code              text UNIQUE,
  title             text NOT NULL,
  donor_id          uuid NOT NULL REFERENCES organisation(id),
  counterpart_id    uuid NOT NULL REFERENCES organisation(id),
  scope             text,
  committed_value   bigint NOT NULL CHECK (committed_value >= 0),
  period_from       date NOT NULL,
  period_to         date NOT NULL,
  signed_on         date NOT NULL,
  document_file_id  uuid REFERENCES stored_file(id),
  cancelled         boolean NOT NULL DEFAULT false,
  created_by        uuid REFERENCES app_user(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  search            text NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX agreement_donor_idx ON agreement (donor_id);
CREATE INDEX agreement_counterpart_idx ON agreement (counterpart_id);

-- People who receive gifts (plan 29: per school 1 teacher, 1 manager, 10 pupils in hardship).
-- Names are visible only inside the school and its Department; never in public.
CREATE TABLE beneficiary (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id        uuid NOT NULL REFERENCES school(organisation_id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('pupil', 'teacher', 'manager')),
  full_name        text NOT NULL,
  birth_year       integer CHECK (birth_year BETWEEN 1940 AND 2030),
  grade            text,
  consent_recorded boolean NOT NULL DEFAULT false,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX beneficiary_school_idx ON beneficiary (school_id, kind);

-- The ledger: one row per contribution, whoever gives it. Totals anywhere are sums of this table.
CREATE TABLE contribution (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contributor_id     uuid NOT NULL REFERENCES organisation(id),
  anonymous          boolean NOT NULL DEFAULT false,
  school_id          uuid NOT NULL REFERENCES school(organisation_id),
  province_code      text NOT NULL,
  recipient_group    text,
  beneficiary_id     uuid REFERENCES beneficiary(id),
  form               text NOT NULL CHECK (form IN ('money', 'in_kind', 'non_material')),
  category           text NOT NULL,
  description        text NOT NULL,
  value_vnd          bigint NOT NULL CHECK (value_vnd >= 0),
  quantity           numeric CHECK (quantity > 0),
  unit               text,
  need_id            uuid REFERENCES need(id),
  agreement_id       uuid REFERENCES agreement(id),
  plan_task_id       uuid REFERENCES plan_task(id),
  status             text NOT NULL DEFAULT 'pledged' CHECK (status IN ('pledged', 'delivered', 'received', 'accepted', 'cancelled')),
  cancel_reason      text,
  pledged_on         date NOT NULL,
  delivered_at       timestamptz,
  received_at        timestamptz,
  accepted_at        timestamptz,
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (quantity IS NULL OR need_id IS NOT NULL OR unit IS NOT NULL)
);
CREATE INDEX contribution_need_idx ON contribution (need_id) WHERE need_id IS NOT NULL;
CREATE INDEX contribution_school_idx ON contribution (school_id, pledged_on DESC);
CREATE INDEX contribution_contributor_idx ON contribution (contributor_id, pledged_on DESC);
CREATE INDEX contribution_agreement_idx ON contribution (agreement_id) WHERE agreement_id IS NOT NULL;
CREATE INDEX contribution_public_idx ON contribution (pledged_on DESC, id) WHERE status <> 'cancelled';
CREATE INDEX contribution_stats_idx ON contribution (province_code, category, status);

CREATE TABLE contribution_event (
  id               bigserial PRIMARY KEY,
  contribution_id  uuid NOT NULL REFERENCES contribution(id) ON DELETE CASCADE,
  status           text NOT NULL,
  note             text,
  actor_id         uuid REFERENCES app_user(id),
  actor_org_id     uuid REFERENCES organisation(id),
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contribution_event_idx ON contribution_event (contribution_id, id);

CREATE TABLE contribution_file (
  contribution_id  uuid NOT NULL REFERENCES contribution(id) ON DELETE CASCADE,
  file_id          uuid NOT NULL REFERENCES stored_file(id),
  event_id         bigint REFERENCES contribution_event(id),
  PRIMARY KEY (contribution_id, file_id)
);

-- Plan 29's selection: per target province one (pre-2025) district and its schools, by year.
CREATE TABLE plan29_selection (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year                integer NOT NULL,
  old_province_code   text NOT NULL,
  old_district_code   text NOT NULL,
  school_id           uuid NOT NULL REFERENCES school(organisation_id) ON DELETE CASCADE,
  created_by          uuid REFERENCES app_user(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, school_id)
);
CREATE INDEX plan29_selection_idx ON plan29_selection (year, old_province_code);
