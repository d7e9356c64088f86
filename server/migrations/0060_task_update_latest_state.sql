-- The latest update of each (assignment, unit, period) also holds its state and percent, so the
-- derived statuses (plans/repository.ts taskStatusCte) read a lead unit's latest state by joining
-- the leads to this table as a set, instead of three index lookups per lead (the latest's key, its
-- update, and the history) for every task of every plan on each list of tasks.
ALTER TABLE task_update_latest ADD COLUMN state text, ADD COLUMN percent integer;
UPDATE task_update_latest l SET state = u.state, percent = u.percent FROM task_update u WHERE u.id = l.update_id;
ALTER TABLE task_update_latest ALTER COLUMN state SET NOT NULL;

CREATE OR REPLACE FUNCTION task_update_latest_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_update_latest AS l (assignment_id, organisation_id, period, update_id, reported_on, created_at, state, percent)
  VALUES (NEW.assignment_id, NEW.organisation_id, NEW.period, NEW.id, NEW.reported_on, NEW.created_at, NEW.state, NEW.percent)
  ON CONFLICT (assignment_id, organisation_id, period) DO UPDATE SET update_id = EXCLUDED.update_id, reported_on = EXCLUDED.reported_on, created_at = EXCLUDED.created_at,
         state = EXCLUDED.state, percent = EXCLUDED.percent
   WHERE (EXCLUDED.reported_on, EXCLUDED.created_at, EXCLUDED.update_id) > (l.reported_on, l.created_at, l.update_id);
  RETURN NULL;
END $$;

-- an update changed or deleted (no use case does either today): its key's latest is chosen again
CREATE OR REPLACE FUNCTION task_update_latest_again() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  FOR k IN SELECT DISTINCT x.assignment_id, x.organisation_id, x.period FROM (SELECT OLD.assignment_id, OLD.organisation_id, OLD.period
             UNION ALL SELECT NEW.assignment_id, NEW.organisation_id, NEW.period WHERE TG_OP = 'UPDATE') x ORDER BY 1, 2, 3 LOOP
    DELETE FROM task_update_latest WHERE assignment_id = k.assignment_id AND organisation_id = k.organisation_id AND period = k.period;
    INSERT INTO task_update_latest (assignment_id, organisation_id, period, update_id, reported_on, created_at, state, percent)
    SELECT u.assignment_id, u.organisation_id, u.period, u.id, u.reported_on, u.created_at, u.state, u.percent FROM task_update u
     WHERE u.assignment_id = k.assignment_id AND u.organisation_id = k.organisation_id AND u.period = k.period
     ORDER BY u.reported_on DESC, u.created_at DESC, u.id DESC LIMIT 1
    ON CONFLICT (assignment_id, organisation_id, period) DO NOTHING;
  END LOOP;
  RETURN NULL;
END $$;
DROP TRIGGER task_update_latest_change ON task_update;
CREATE TRIGGER task_update_latest_change AFTER UPDATE OF assignment_id, organisation_id, period, reported_on, created_at, state, percent OR DELETE ON task_update
  FOR EACH ROW EXECUTE FUNCTION task_update_latest_again();
