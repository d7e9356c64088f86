-- Plan tasks judged per school year (1 September to 31 August): "ít nhất 01 hoạt động trong
-- 01 năm học" recurs each school year, not each calendar year. Updates of such a task name their
-- period as the school year ('2025-2026').
ALTER TABLE task_assignment DROP CONSTRAINT task_assignment_window_kind_check;
ALTER TABLE task_assignment ADD CONSTRAINT task_assignment_window_kind_check
  CHECK (window_kind IN ('day', 'month', 'months', 'quarter', 'year', 'years', 'every_year', 'every_school_year', 'all_year', 'range'));

-- A plan's issuer is told of late reports too: each late (assignment, lead unit, period) once
-- ('issuer_overdue' rows, keyed by the late unit), gathered into at most one notice a day.
ALTER TABLE reminder_sent DROP CONSTRAINT reminder_sent_kind_check;
ALTER TABLE reminder_sent ADD CONSTRAINT reminder_sent_kind_check CHECK (kind IN ('due_soon', 'overdue', 'issuer_overdue'));

CREATE TABLE issuer_reminder_day (
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  sent_on          date NOT NULL,
  PRIMARY KEY (organisation_id, sent_on)
);
