-- Notifications are stored as a kind and its parameters and rendered in the reader's language
-- (server/src/modules/notifications/catalogue.ts); title and body remain for texts written whole.
ALTER TABLE notification ADD COLUMN params jsonb;
ALTER TABLE notification ALTER COLUMN title DROP NOT NULL;
ALTER TABLE notification ALTER COLUMN body DROP NOT NULL;
ALTER TABLE notification ADD CONSTRAINT notification_text CHECK (params IS NOT NULL OR (title IS NOT NULL AND body IS NOT NULL));
-- paging a reader's notifications, newest first
CREATE INDEX notification_org_page_idx ON notification (organisation_id, created_at DESC, id DESC);
CREATE INDEX notification_user_page_idx ON notification (user_id, created_at DESC, id DESC);
DROP INDEX notification_org_idx;
DROP INDEX notification_user_idx;
