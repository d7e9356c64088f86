-- The latest update of each (assignment, unit, period), kept by the transaction that writes
-- task_update: a plan's list, its tasks, the overdue tasks and "my tasks" derive every task's status
-- from these, and reading all the updates ever written for that (50,000 at national scale, sorted
-- on disk) took 150–200 ms a page. The latest by (reported_on, created_at, id); plans/repository.ts
-- latestUpdates reads the history only for a key whose latest was reported after the date asked.
CREATE TABLE task_update_latest (
  assignment_id   uuid NOT NULL,
  organisation_id uuid NOT NULL,
  period          text NOT NULL,
  update_id       uuid NOT NULL REFERENCES task_update(id) ON DELETE CASCADE,
  reported_on     date NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (assignment_id, organisation_id, period)
);

-- an update written: it is the key's latest if it comes after the one held (concurrent writers of
-- one key each keep the later of the two, whatever order they commit in)
CREATE FUNCTION task_update_latest_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_update_latest AS l (assignment_id, organisation_id, period, update_id, reported_on, created_at)
  VALUES (NEW.assignment_id, NEW.organisation_id, NEW.period, NEW.id, NEW.reported_on, NEW.created_at)
  ON CONFLICT (assignment_id, organisation_id, period) DO UPDATE SET update_id = EXCLUDED.update_id, reported_on = EXCLUDED.reported_on, created_at = EXCLUDED.created_at
   WHERE (EXCLUDED.reported_on, EXCLUDED.created_at, EXCLUDED.update_id) > (l.reported_on, l.created_at, l.update_id);
  RETURN NULL;
END $$;
CREATE TRIGGER task_update_latest_insert AFTER INSERT ON task_update FOR EACH ROW EXECUTE FUNCTION task_update_latest_add();

-- an update changed or deleted (no use case does either today): its key's latest is chosen again
CREATE FUNCTION task_update_latest_again() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  FOR k IN SELECT DISTINCT x.assignment_id, x.organisation_id, x.period FROM (SELECT OLD.assignment_id, OLD.organisation_id, OLD.period
             UNION ALL SELECT NEW.assignment_id, NEW.organisation_id, NEW.period WHERE TG_OP = 'UPDATE') x ORDER BY 1, 2, 3 LOOP
    DELETE FROM task_update_latest WHERE assignment_id = k.assignment_id AND organisation_id = k.organisation_id AND period = k.period;
    INSERT INTO task_update_latest (assignment_id, organisation_id, period, update_id, reported_on, created_at)
    SELECT u.assignment_id, u.organisation_id, u.period, u.id, u.reported_on, u.created_at FROM task_update u
     WHERE u.assignment_id = k.assignment_id AND u.organisation_id = k.organisation_id AND u.period = k.period
     ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1
    ON CONFLICT (assignment_id, organisation_id, period) DO NOTHING;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER task_update_latest_change AFTER UPDATE OF assignment_id, organisation_id, period, reported_on, created_at OR DELETE ON task_update
  FOR EACH ROW EXECUTE FUNCTION task_update_latest_again();

INSERT INTO task_update_latest (assignment_id, organisation_id, period, update_id, reported_on, created_at)
SELECT DISTINCT ON (assignment_id, organisation_id, period) assignment_id, organisation_id, period, id, reported_on, created_at
  FROM task_update ORDER BY assignment_id, organisation_id, period, reported_on DESC, created_at DESC, id DESC;
