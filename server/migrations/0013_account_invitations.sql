-- Invitations: the same single-use, hashed, time-limited codes as password resets, with a longer
-- life. An invited account has no password until its owner sets one.
ALTER TABLE password_reset ADD COLUMN purpose text NOT NULL DEFAULT 'reset' CHECK (purpose IN ('reset', 'invite'));

-- Sign-in history per account: successes and failures (of existing accounts), with the address and
-- a short summary of the browser. Bounded: only the latest entries of each account are kept.
CREATE TABLE sign_in_event (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  success     boolean NOT NULL,
  address     text,
  user_agent  text
);
CREATE INDEX sign_in_event_user_idx ON sign_in_event (user_id, id);
