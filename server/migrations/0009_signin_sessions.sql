-- Sessions end after a period without use: when each was last used (updated at most every few minutes).
ALTER TABLE user_session ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

-- Password reset: a single-use token, stored hashed, valid for one hour.
CREATE TABLE password_reset (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_reset_user_idx ON password_reset (user_id);
