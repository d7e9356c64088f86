-- Foundation: extensions, administrative units (versioned), organisations, schools,
-- accounts, sessions, audit. One dialect for PGlite and PostgreSQL 15+.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Administrative units. Current units (since 2025-07-01: provinces and communes) and legacy
-- units (before: provinces, districts, communes) share one table; valid_from/valid_to say
-- when each stood. Codes are strings with their leading zeros and are reused across versions
-- (old 15 Yên Bái, new 15 Lào Cai), so a code is only meaningful with a date.
CREATE TABLE area (
  id            serial PRIMARY KEY,
  code          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  era           text NOT NULL CHECK (era IN ('current', 'legacy')),
  valid_from    date,
  valid_to      date,
  name          text NOT NULL,
  full_name     text NOT NULL,
  name_en       text,
  unit_type     text NOT NULL,
  province_code text NOT NULL,
  district_code text,
  parent_code   text,
  flags         text[] NOT NULL DEFAULT '{}',
  -- folded name without its type prefix ("dien bien"), for exact look-ups by name
  name_key      text NOT NULL,
  -- folded full name ("tinh dien bien"), for diacritic-free substring search
  search        text NOT NULL,
  UNIQUE (era, level, code)
);
CREATE INDEX area_name_key_idx ON area (name_key, era, level);
CREATE INDEX area_parent_idx ON area (era, parent_code);
CREATE INDEX area_province_idx ON area (era, province_code, level);
CREATE INDEX area_search_trgm ON area USING gin (search gin_trgm_ops);
CREATE INDEX area_flags_idx ON area USING gin (flags);

-- Other names documents use for a unit ("Thừa Thiên - Huế", "Đăk Nông"), folded.
CREATE TABLE area_alias (
  area_id int NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  alias   text NOT NULL,
  PRIMARY KEY (area_id, alias)
);
CREATE INDEX area_alias_alias_idx ON area_alias (alias);

-- The official old→new succession (NSO conversion table, 2025-07). One row per
-- (old unit, new commune); an old commune split across several new ones has several rows.
CREATE TABLE area_succession (
  id                serial PRIMARY KEY,
  old_level         text NOT NULL CHECK (old_level IN ('province', 'district', 'commune')),
  old_code          text NOT NULL,
  old_province_code text NOT NULL,
  new_province_code text NOT NULL,
  new_commune_code  text,
  kind              text NOT NULL,
  note              text
);
CREATE INDEX area_succession_old_idx ON area_succession (old_level, old_code);
CREATE INDEX area_succession_new_idx ON area_succession (new_commune_code);

-- Name-only community rows for communes abolished in the 2023–2025 mergers: suggestions a
-- person confirms, never applied silently.
CREATE TABLE area_succession_supplement (
  id                serial PRIMARY KEY,
  old_province_code text NOT NULL,
  old_district_code text,
  old_district_name text,
  old_ward_name     text NOT NULL,
  old_ward_search   text NOT NULL,
  new_province_code text NOT NULL,
  new_commune_code  text NOT NULL
);
CREATE INDEX area_supplement_search_idx ON area_succession_supplement (old_ward_search);

-- Organisations: the Ministry and its units, Departments, clusters, communes' People's
-- Committees, schools, donors. Scope follows province_code / commune_code.
CREATE TABLE organisation (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('ministry', 'ministry_unit', 'department', 'cluster',
                  'commune_committee', 'school', 'donor', 'other')),
  code          text UNIQUE,
  name          text NOT NULL,
  short_name    text,
  parent_id     uuid REFERENCES organisation(id),
  province_code text,
  commune_code  text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  search        text NOT NULL
);
CREATE INDEX organisation_kind_idx ON organisation (kind, province_code);
CREATE INDEX organisation_name_idx ON organisation ((name COLLATE "und-x-icu"), id);
CREATE INDEX organisation_parent_idx ON organisation (parent_id);
CREATE INDEX organisation_search_trgm ON organisation USING gin (search gin_trgm_ops);

-- A school is an organisation with a school profile (1:1).
CREATE TABLE school (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  levels          text[] NOT NULL,
  ownership       text NOT NULL CHECK (ownership IN ('public', 'private')),
  address         text,
  province_code   text NOT NULL,
  commune_code    text NOT NULL,
  lat             double precision,
  lng             double precision,
  pupils          integer CHECK (pupils >= 0),
  staff           integer CHECK (staff >= 0),
  cluster_id      uuid REFERENCES organisation(id),
  search          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  CHECK (lng IS NULL OR (lng BETWEEN -180 AND 180))
);
CREATE INDEX school_province_idx ON school (province_code, (name COLLATE "und-x-icu"), organisation_id);
CREATE INDEX school_commune_idx ON school (commune_code);
CREATE INDEX school_levels_idx ON school USING gin (levels);
CREATE INDEX school_search_trgm ON school USING gin (search gin_trgm_ops);
CREATE INDEX school_name_idx ON school ((name COLLATE "und-x-icu"), organisation_id);
CREATE INDEX school_cluster_idx ON school (cluster_id);

-- Accounts. Passwords are scrypt hashes; sessions are stored as SHA-256 of the cookie token.
CREATE TABLE app_user (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           citext NOT NULL UNIQUE,
  display_name    text NOT NULL,
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'ministry', 'department', 'school', 'donor')),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  locale          text NOT NULL DEFAULT 'vi',
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_org_idx ON app_user (organisation_id);

CREATE TABLE user_session (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  user_agent  text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Failed sign-ins, counted per key (e-mail and client address) over a sliding window. In the
-- database so that several app servers share the limit.
CREATE TABLE login_attempt (
  id   bigserial PRIMARY KEY,
  key  text NOT NULL,
  at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_key_idx ON login_attempt (key, at);

-- Append-only audit trail: who, when, what, before and after.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid,
  actor_label text,
  actor_role  text,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb,
  request_id  text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Other names and abbreviations documents use for an organisation ("Vụ GDCTHSSV"), folded.
CREATE TABLE organisation_alias (
  organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  alias           text NOT NULL,
  PRIMARY KEY (organisation_id, alias)
);
CREATE INDEX organisation_alias_alias_idx ON organisation_alias (alias);
