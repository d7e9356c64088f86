-- National scale, continued: the needs' search served by one trigram index, and whether a need is
-- open to pledges kept beside its ledger sums.

-- 1. Search. A need is found when every word of the query (folded, no accents) occurs in the need's
-- own words, its school's, its commune's or its province's. Those four texts are kept together in
-- need.search_all (separated by spaces, so a word without spaces matches the whole exactly when it
-- matches one of them) and indexed with pg_trgm: each word is one LIKE on one column the index serves,
-- instead of an OR across four joined tables that had to be checked row by row.
CREATE FUNCTION need_search_text(own text, school uuid, commune text, province text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(' ', own,
    (SELECT s.search FROM school s WHERE s.organisation_id = school),
    (SELECT a.search FROM area a WHERE a.era = 'current' AND a.level = 'commune' AND a.code = commune),
    (SELECT a.search FROM area a WHERE a.era = 'current' AND a.level = 'province' AND a.code = province))
$$;

ALTER TABLE need ADD COLUMN search_all text NOT NULL DEFAULT '';
UPDATE need SET search_all = need_search_text(search, school_id, commune_code, province_code);

CREATE FUNCTION need_search_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_all := need_search_text(NEW.search, NEW.school_id, NEW.commune_code, NEW.province_code);
  RETURN NEW;
END $$;
CREATE TRIGGER need_search_all BEFORE INSERT OR UPDATE OF search, school_id, commune_code, province_code ON need
  FOR EACH ROW EXECUTE FUNCTION need_search_all();

-- a school renamed, or a commune or province renamed (reference data reloaded): its needs follow
CREATE FUNCTION school_search_needs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE need SET search_all = need_search_text(search, school_id, commune_code, province_code) WHERE school_id = NEW.organisation_id;
  RETURN NULL;
END $$;
CREATE TRIGGER school_search_needs AFTER UPDATE OF search ON school
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search) EXECUTE FUNCTION school_search_needs();

CREATE FUNCTION area_search_needs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a area%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF a.era <> 'current' THEN RETURN NULL; END IF;
  IF a.level = 'commune' THEN
    UPDATE need SET search_all = need_search_text(search, school_id, commune_code, province_code) WHERE commune_code = a.code;
  ELSIF a.level = 'province' THEN
    UPDATE need SET search_all = need_search_text(search, school_id, commune_code, province_code) WHERE province_code = a.code;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER area_search_needs AFTER INSERT OR DELETE ON area FOR EACH ROW EXECUTE FUNCTION area_search_needs();
CREATE TRIGGER area_search_needs_renamed AFTER UPDATE OF search, era, level, code ON area
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.era IS DISTINCT FROM NEW.era OR OLD.level IS DISTINCT FROM NEW.level OR OLD.code IS DISTINCT FROM NEW.code)
  EXECUTE FUNCTION area_search_needs();

-- need.search alone is no longer searched. Without fastupdate a new need goes into the index at
-- once instead of a pending list that every search reads whole until a vacuum merges it (the
-- planner then prices the index out, and the search reads the table).
DROP INDEX need_search_trgm;
CREATE INDEX need_search_all_trgm ON need USING gin (search_all gin_trgm_ops) WITH (fastupdate = off);

-- 2. Open to pledges. A need is open when it is published and its pledges do not cover it (the
-- share rule of needs/domain.ts). need_ledger now has a row for every need (written when the need
-- is) with `open`, kept by the same triggers as its sums; need_totals counts the open needs of each
-- group, so the open counts (the needs list's total, the home) read a few rows.
ALTER TABLE need_ledger ADD COLUMN open boolean NOT NULL DEFAULT false;
ALTER TABLE need_totals ADD COLUMN open bigint NOT NULL DEFAULT 0;

-- whether a need (its state, cost and quantity) is open with these pledged sums (quantity, and money of pledges naming no quantity)
CREATE FUNCTION need_is_open(n need, pq numeric, pvu numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT n.state = 'published' AND NOT (
    CASE WHEN n.estimated_cost > 0 THEN COALESCE(pq, 0) * n.estimated_cost + COALESCE(pvu, 0) * n.quantity ELSE COALESCE(pq, 0) END
      >= CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)
$$;

INSERT INTO need_ledger (need_id) SELECT n.id FROM need n WHERE NOT EXISTS (SELECT 1 FROM need_ledger l WHERE l.need_id = n.id);
UPDATE need_ledger l SET open = true FROM need n WHERE n.id = l.need_id AND need_is_open(n, l.pledged_quantity, l.pledged_value_unmeasured);
UPDATE need_totals t SET open = x.open FROM (
  SELECT n.province_code, n.category, n.state, count(*) AS open FROM need n JOIN need_ledger l ON l.need_id = n.id WHERE l.open GROUP BY 1, 2, 3) x
 WHERE t.province_code = x.province_code AND t.category = x.category AND t.state = x.state;
CREATE INDEX need_ledger_open_idx ON need_ledger (need_id) WHERE open;

-- 3. Locks. Every writer of the ledger or of a need takes the summaries' rows in one order: the
-- needs concerned (by id), then ledger_totals (by key), then need_ledger, then need_totals (by
-- key). Writers of the same rows then wait for one another and never deadlock: a receipt and an
-- acceptance in one province, category and year (each moving a row of ledger_totals to another
-- status, and both their needs in one group of need_totals), a pledge (its need locked first by the
-- app) and the cancellation of another pledge on the same need, a need returned while another of
-- its group comes back submitted. (0027 took ledger_totals, then the need, then need_totals, then
-- the other ledger_totals row.)

-- the ledger's row of a contribution's year, province, category, form and status
CREATE FUNCTION ledger_totals_add(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_totals AS t (year, province_code, category, form, status, count, value_vnd)
  VALUES (extract(year FROM k.pledged_on)::int, k.province_code, k.category, k.form, k.status, sign, sign * k.value_vnd)
  ON CONFLICT (year, province_code, category, form, status) DO UPDATE SET count = t.count + EXCLUDED.count, value_vnd = t.value_vnd + EXCLUDED.value_vnd;
END $$;

-- A pledge against a need (or its change): the need's sums, whether it is open, and its group's
-- sums and open count. The caller has locked the need (a share lock at least).
CREATE OR REPLACE FUNCTION ledger_summarise(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  got boolean := k.status IN ('received', 'accepted');
  v numeric := sign * k.value_vnd;
  n need%ROWTYPE;
  was boolean;
  now_open boolean;
  pq numeric;
  pvu numeric;
BEGIN
  IF k.need_id IS NULL OR k.status = 'cancelled' THEN RETURN; END IF;
  SELECT * INTO n FROM need WHERE id = k.need_id FOR SHARE;
  SELECT l.open INTO was FROM need_ledger l WHERE l.need_id = k.need_id FOR UPDATE;
  INSERT INTO need_ledger AS l (need_id, pledge_count, pledged_quantity, pledged_value, pledged_value_unmeasured, delivered_value,
      received_quantity, received_value, received_value_unmeasured, accepted_value)
  VALUES (k.need_id, sign, sign * COALESCE(k.quantity, 0), v, CASE WHEN k.quantity IS NULL THEN v ELSE 0 END,
      CASE WHEN k.status IN ('delivered', 'received', 'accepted') THEN v ELSE 0 END,
      CASE WHEN got THEN sign * COALESCE(k.quantity, 0) ELSE 0 END, CASE WHEN got THEN v ELSE 0 END,
      CASE WHEN got AND k.quantity IS NULL THEN v ELSE 0 END, CASE WHEN k.status = 'accepted' THEN v ELSE 0 END)
  ON CONFLICT (need_id) DO UPDATE SET
    pledge_count = l.pledge_count + EXCLUDED.pledge_count, pledged_quantity = l.pledged_quantity + EXCLUDED.pledged_quantity,
    pledged_value = l.pledged_value + EXCLUDED.pledged_value, pledged_value_unmeasured = l.pledged_value_unmeasured + EXCLUDED.pledged_value_unmeasured,
    delivered_value = l.delivered_value + EXCLUDED.delivered_value, received_quantity = l.received_quantity + EXCLUDED.received_quantity,
    received_value = l.received_value + EXCLUDED.received_value, received_value_unmeasured = l.received_value_unmeasured + EXCLUDED.received_value_unmeasured,
    accepted_value = l.accepted_value + EXCLUDED.accepted_value
  RETURNING l.pledged_quantity, l.pledged_value_unmeasured INTO pq, pvu;
  IF n.id IS NULL THEN RETURN; END IF;
  now_open := need_is_open(n, pq, pvu);
  -- every need has its row from its own trigger; one without is counted nowhere yet
  was := COALESCE(was, false);
  IF now_open IS DISTINCT FROM was THEN UPDATE need_ledger SET open = now_open WHERE need_id = k.need_id; END IF;
  INSERT INTO need_totals AS t (province_code, category, state, pledged, received, open)
  VALUES (n.province_code, n.category, n.state, v, CASE WHEN got THEN v ELSE 0 END, now_open::int - was::int)
  ON CONFLICT (province_code, category, state) DO UPDATE SET pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received, open = t.open + EXCLUDED.open;
END $$;

CREATE OR REPLACE FUNCTION contribution_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM need WHERE id = NEW.need_id FOR SHARE;
    PERFORM ledger_totals_add(NEW, 1);
    PERFORM ledger_summarise(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM need WHERE id = OLD.need_id FOR SHARE;
    PERFORM ledger_totals_add(OLD, -1);
    PERFORM ledger_summarise(OLD, -1);
  ELSE
    PERFORM 1 FROM need WHERE id IN (OLD.need_id, NEW.need_id) ORDER BY id FOR SHARE;
    IF ROW(extract(year FROM OLD.pledged_on)::int, OLD.province_code, OLD.category, OLD.form, OLD.status)
       <= ROW(extract(year FROM NEW.pledged_on)::int, NEW.province_code, NEW.category, NEW.form, NEW.status) THEN
      PERFORM ledger_totals_add(OLD, -1);
      PERFORM ledger_totals_add(NEW, 1);
    ELSE
      PERFORM ledger_totals_add(NEW, 1);
      PERFORM ledger_totals_add(OLD, -1);
    END IF;
    IF NEW.need_id IS NULL OR OLD.need_id <= NEW.need_id THEN
      PERFORM ledger_summarise(OLD, -1);
      PERFORM ledger_summarise(NEW, 1);
    ELSE
      PERFORM ledger_summarise(NEW, 1);
      PERFORM ledger_summarise(OLD, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- a need's group of need_totals: its count, cost, the ledger's sums `l` against it, and whether it is open
CREATE FUNCTION need_totals_add(n need, l need_ledger, o boolean, sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO need_totals AS t (province_code, category, state, count, value, pledged, received, open)
  VALUES (n.province_code, n.category, n.state, sign, sign * n.estimated_cost, sign * COALESCE(l.pledged_value, 0), sign * COALESCE(l.received_value, 0), sign * o::int)
  ON CONFLICT (province_code, category, state) DO UPDATE SET count = t.count + EXCLUDED.count, value = t.value + EXCLUDED.value,
    pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received, open = t.open + EXCLUDED.open;
END $$;

-- A need written, changed or deleted: its row of need_ledger (whether it is open: a change of state,
-- cost or quantity moves the rule), then its group or groups of need_totals in the order of their keys.
CREATE OR REPLACE FUNCTION need_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  l need_ledger%ROWTYPE;
  was boolean;
  now_open boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.province_code = NEW.province_code AND OLD.category = NEW.category
     AND OLD.estimated_cost = NEW.estimated_cost AND OLD.quantity = NEW.quantity THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO need_ledger AS x (need_id, open) VALUES (NEW.id, need_is_open(NEW, 0, 0))
    ON CONFLICT (need_id) DO UPDATE SET open = need_is_open(NEW, x.pledged_quantity, x.pledged_value_unmeasured)
    RETURNING x.* INTO l;
    PERFORM need_totals_add(NEW, l, l.open, 1);
  ELSIF TG_OP = 'DELETE' THEN
    -- its row may be gone already (deleted with it); a need deleted had no pledges (the ledger refers to the others)
    SELECT * INTO l FROM need_ledger WHERE need_id = OLD.id;
    PERFORM need_totals_add(OLD, l, COALESCE(l.open, need_is_open(OLD, 0, 0)), -1);
  ELSE
    SELECT * INTO l FROM need_ledger WHERE need_id = NEW.id FOR UPDATE;
    was := COALESCE(l.open, need_is_open(OLD, 0, 0));
    now_open := need_is_open(NEW, l.pledged_quantity, l.pledged_value_unmeasured);
    IF l.need_id IS NULL THEN INSERT INTO need_ledger (need_id, open) VALUES (NEW.id, now_open);
    ELSIF now_open IS DISTINCT FROM l.open THEN UPDATE need_ledger SET open = now_open WHERE need_id = NEW.id;
    END IF;
    IF ROW(OLD.province_code, OLD.category, OLD.state) <= ROW(NEW.province_code, NEW.category, NEW.state) THEN
      PERFORM need_totals_add(OLD, l, was, -1);
      PERFORM need_totals_add(NEW, l, now_open, 1);
    ELSE
      PERFORM need_totals_add(NEW, l, now_open, 1);
      PERFORM need_totals_add(OLD, l, was, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;
DROP FUNCTION need_summarise_one(need, int);
