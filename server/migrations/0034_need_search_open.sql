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

-- A pledge (or its change): the sums as before, then whether the need is open, and the group's open count.
CREATE OR REPLACE FUNCTION ledger_summarise(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  live boolean := k.status <> 'cancelled';
  got boolean := k.status IN ('received', 'accepted');
  v numeric := sign * k.value_vnd;
  n need%ROWTYPE;
  was boolean;
  now_open boolean;
  pq numeric;
  pvu numeric;
BEGIN
  INSERT INTO ledger_totals AS t (year, province_code, category, form, status, count, value_vnd)
  VALUES (extract(year FROM k.pledged_on)::int, k.province_code, k.category, k.form, k.status, sign, v)
  ON CONFLICT (year, province_code, category, form, status) DO UPDATE SET count = t.count + EXCLUDED.count, value_vnd = t.value_vnd + EXCLUDED.value_vnd;
  IF k.need_id IS NULL OR NOT live THEN RETURN; END IF;
  -- the need first (a share lock, in the order need, need_ledger, need_totals): a need changing
  -- state at the same time waits for this transaction, or this one for it, and the sums land in
  -- the group the need is in when both have committed
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

-- A need leaving a group (sign -1) takes its sums and its open flag as stored; entering one (+1) it
-- has its open flag computed and stored first.
CREATE OR REPLACE FUNCTION need_summarise_one(n need, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  l need_ledger%ROWTYPE;
  o boolean;
BEGIN
  IF sign > 0 THEN
    INSERT INTO need_ledger AS x (need_id, open) VALUES (n.id, need_is_open(n, 0, 0))
    ON CONFLICT (need_id) DO UPDATE SET open = need_is_open(n, x.pledged_quantity, x.pledged_value_unmeasured)
    RETURNING x.* INTO l;
  ELSE
    SELECT * INTO l FROM need_ledger WHERE need_id = n.id;
  END IF;
  -- a need deleted has had its row deleted with it (it had no pledges: the ledger refers to it)
  o := COALESCE(l.open, need_is_open(n, 0, 0));
  INSERT INTO need_totals AS t (province_code, category, state, count, value, pledged, received, open)
  VALUES (n.province_code, n.category, n.state, sign, sign * n.estimated_cost, sign * COALESCE(l.pledged_value, 0), sign * COALESCE(l.received_value, 0), sign * o::int)
  ON CONFLICT (province_code, category, state) DO UPDATE SET count = t.count + EXCLUDED.count, value = t.value + EXCLUDED.value,
    pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received, open = t.open + EXCLUDED.open;
END $$;

-- a change of quantity now counts too (it moves the open rule)
CREATE OR REPLACE FUNCTION need_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.province_code = NEW.province_code AND OLD.category = NEW.category
     AND OLD.estimated_cost = NEW.estimated_cost AND OLD.quantity = NEW.quantity THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM need_summarise_one(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM need_summarise_one(NEW, 1); END IF;
  RETURN NULL;
END $$;
