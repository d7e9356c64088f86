-- Sponsorship mobilisation plans (kế hoạch vận động tài trợ, Thông tư 16/2018/TT-BGDĐT Art. 5):
-- a school drafts and submits; the commune People's Committee (preschools, primary and
-- lower-secondary schools) or the Department (other schools) approves or returns it within 15 days.
CREATE TABLE sponsorship_plan (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id       uuid NOT NULL REFERENCES organisation(id),
  province_code   text NOT NULL,
  commune_code    text NOT NULL,
  title           text NOT NULL,
  purpose         text NOT NULL,
  beneficiaries   text,
  period          text NOT NULL,
  state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved')),
  return_reason   text,
  decision_number text,
  submitted_at    timestamptz,
  decided_at      timestamptz,
  decided_by      uuid REFERENCES app_user(id),
  created_by      uuid REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  search          text NOT NULL DEFAULT ''
);
-- the lists: a school's plans, a province's and a commune's, newest first, by state
CREATE INDEX sponsorship_plan_school_idx ON sponsorship_plan (school_id, created_at DESC, id DESC);
CREATE INDEX sponsorship_plan_province_idx ON sponsorship_plan (province_code, state, created_at DESC, id DESC);
CREATE INDEX sponsorship_plan_commune_idx ON sponsorship_plan (province_code, commune_code, state, created_at DESC, id DESC);
CREATE INDEX sponsorship_plan_state_idx ON sponsorship_plan (state, created_at DESC, id DESC);

CREATE TABLE sponsorship_plan_item (
  plan_id         uuid NOT NULL REFERENCES sponsorship_plan(id) ON DELETE CASCADE,
  position        int NOT NULL,
  description     text NOT NULL,
  form            text NOT NULL CHECK (form IN ('money', 'in_kind', 'non_material')),
  estimated_value bigint NOT NULL CHECK (estimated_value >= 0 AND estimated_value <= 1000000000000000),
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE sponsorship_plan_need (
  plan_id uuid NOT NULL REFERENCES sponsorship_plan(id) ON DELETE CASCADE,
  need_id uuid NOT NULL REFERENCES need(id),
  PRIMARY KEY (plan_id, need_id)
);
CREATE INDEX sponsorship_plan_need_need_idx ON sponsorship_plan_need (need_id);

CREATE TABLE sponsorship_plan_event (
  id         bigserial PRIMARY KEY,
  plan_id    uuid NOT NULL REFERENCES sponsorship_plan(id) ON DELETE CASCADE,
  action     text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  reason     text,
  actor_id   uuid REFERENCES app_user(id),
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsorship_plan_event_plan_idx ON sponsorship_plan_event (plan_id, id);
