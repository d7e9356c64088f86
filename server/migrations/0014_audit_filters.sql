-- The system-wide audit view filters by kind of record and by date, newest first (by id).
CREATE INDEX audit_log_entity_kind_idx ON audit_log (entity, id);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
