-- Per-account notification settings: which kinds are not e-mailed, and a daily digest instead of
-- one e-mail per notification. An account without a row gets every kind by e-mail, one by one.
CREATE TABLE notification_setting (
  user_id          uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  email_off        text[] NOT NULL DEFAULT '{}',
  digest           boolean NOT NULL DEFAULT false,
  -- the end of the last period a digest covered (the digest job's watermark)
  digest_until     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_setting_digest_idx ON notification_setting (user_id) WHERE digest;

-- the home's counts: a Department's queue oldest first, a school's needs by state,
-- receipts and pledges by status per school, province and giver
CREATE INDEX need_queue_idx ON need (province_code, state, submitted_at, id);
CREATE INDEX need_school_state_idx ON need (school_id, state);
CREATE INDEX contribution_school_status_idx ON contribution (school_id, status);
CREATE INDEX contribution_province_status_idx ON contribution (province_code, status);
CREATE INDEX contribution_contributor_status_idx ON contribution (contributor_id, status);
CREATE INDEX task_update_org_idx ON task_update (organisation_id, created_at DESC);
