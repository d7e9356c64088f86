-- The needs map at national scale: what the map shows of each school's public needs, kept by the
-- transaction that writes a need or its ledger, so the map reads one row per school (at most the
-- schools, about 50,000 nationwide) instead of summing every public need with its ledger row.
--
-- A public need (published, accepted or closed) is counted in its school's row by its state and its
-- group on the map (the rank the map's clusters show: 0 nothing pledged yet, 1 partly pledged,
-- 2 fully pledged, 3 met: received in full, accepted or closed), with what is still open in đồng;
-- needs open to pledges (need_ledger.open) are counted again apart, for the map's open filter.
-- The row's key holds the need's province and commune (a need follows its school, so a school has
-- one row), so those filters read the row's key.
CREATE TABLE school_need_map (
  province_code       text NOT NULL,
  commune_code        text NOT NULL,
  school_id           uuid NOT NULL,
  published_unpledged bigint NOT NULL DEFAULT 0,
  published_partly    bigint NOT NULL DEFAULT 0,
  published_full      bigint NOT NULL DEFAULT 0,
  published_met       bigint NOT NULL DEFAULT 0,
  accepted            bigint NOT NULL DEFAULT 0,
  closed              bigint NOT NULL DEFAULT 0,
  open_unpledged      bigint NOT NULL DEFAULT 0,
  open_partly         bigint NOT NULL DEFAULT 0,
  open_met            bigint NOT NULL DEFAULT 0,
  remaining_published numeric NOT NULL DEFAULT 0,
  remaining_accepted  numeric NOT NULL DEFAULT 0,
  remaining_closed    numeric NOT NULL DEFAULT 0,
  remaining_open      numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (province_code, commune_code, school_id)
);

-- The same by category (the map's category filter): a row per school and category of its public
-- needs (about 254,000 at 100%), read by category first.
CREATE TABLE school_need_map_category (LIKE school_need_map INCLUDING DEFAULTS, category text NOT NULL,
  PRIMARY KEY (category, province_code, commune_code, school_id));

-- A need's group on the map (needs/repository.ts MAP_RANK_SQL) with the ledger's sums `l` against it
-- and whether it is open `o`: 3 met (accepted, closed, or received in full), 2 fully pledged (not
-- open), 1 partly pledged, 0 nothing pledged; a need not public is 0.
CREATE FUNCTION need_map_group(n need, l need_ledger, o boolean) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n.state IN ('accepted', 'closed') THEN 3 WHEN n.state <> 'published' THEN 0
    WHEN COALESCE(CASE WHEN n.estimated_cost > 0 THEN l.received_quantity * n.estimated_cost + l.received_value_unmeasured * n.quantity ELSE l.received_quantity END, 0)
      >= CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END THEN 3
    WHEN NOT o THEN 2 WHEN COALESCE(l.pledge_count, 0) > 0 THEN 1 ELSE 0 END
$$;

-- What is still open of a need in đồng, rounded up (needs/domain.ts REMAINING_VALUE_SQL)
CREATE FUNCTION need_map_remaining(n need, l need_ledger) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST(
    (CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)
      - COALESCE(CASE WHEN n.estimated_cost > 0 THEN l.pledged_quantity * n.estimated_cost + l.pledged_value_unmeasured * n.quantity ELSE l.pledged_quantity END, 0), 0) / n.quantity)
    ELSE 0 END
$$;

-- A need's part of its school's row, added (sign 1) or taken away (-1), in school_need_map or (by_category)
-- in school_need_map_category; nothing for a need not public.
CREATE FUNCTION need_map_add(n need, l need_ledger, o boolean, sign int, by_category boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  g int;
  rem numeric;
  pub boolean := n.state = 'published';
  op boolean := n.state = 'published' AND COALESCE(o, false);
BEGIN
  IF n.state NOT IN ('published', 'accepted', 'closed') THEN RETURN; END IF;
  g := need_map_group(n, l, COALESCE(o, false));
  rem := sign * need_map_remaining(n, l);
  IF NOT by_category THEN
    INSERT INTO school_need_map AS t (province_code, commune_code, school_id, published_unpledged, published_partly, published_full, published_met,
        accepted, closed, open_unpledged, open_partly, open_met, remaining_published, remaining_accepted, remaining_closed, remaining_open)
    VALUES (n.province_code, n.commune_code, n.school_id,
        CASE WHEN pub AND g = 0 THEN sign ELSE 0 END, CASE WHEN pub AND g = 1 THEN sign ELSE 0 END,
        CASE WHEN pub AND g = 2 THEN sign ELSE 0 END, CASE WHEN pub AND g = 3 THEN sign ELSE 0 END,
        CASE WHEN n.state = 'accepted' THEN sign ELSE 0 END, CASE WHEN n.state = 'closed' THEN sign ELSE 0 END,
        CASE WHEN op AND g = 0 THEN sign ELSE 0 END, CASE WHEN op AND g = 1 THEN sign ELSE 0 END, CASE WHEN op AND g >= 2 THEN sign ELSE 0 END,
        CASE WHEN pub THEN rem ELSE 0 END, CASE WHEN n.state = 'accepted' THEN rem ELSE 0 END, CASE WHEN n.state = 'closed' THEN rem ELSE 0 END,
        CASE WHEN op THEN rem ELSE 0 END)
    ON CONFLICT (province_code, commune_code, school_id) DO UPDATE SET
      published_unpledged = t.published_unpledged + EXCLUDED.published_unpledged, published_partly = t.published_partly + EXCLUDED.published_partly,
      published_full = t.published_full + EXCLUDED.published_full, published_met = t.published_met + EXCLUDED.published_met,
      accepted = t.accepted + EXCLUDED.accepted, closed = t.closed + EXCLUDED.closed,
      open_unpledged = t.open_unpledged + EXCLUDED.open_unpledged, open_partly = t.open_partly + EXCLUDED.open_partly, open_met = t.open_met + EXCLUDED.open_met,
      remaining_published = t.remaining_published + EXCLUDED.remaining_published, remaining_accepted = t.remaining_accepted + EXCLUDED.remaining_accepted,
      remaining_closed = t.remaining_closed + EXCLUDED.remaining_closed, remaining_open = t.remaining_open + EXCLUDED.remaining_open;
  ELSE
    INSERT INTO school_need_map_category AS t (category, province_code, commune_code, school_id, published_unpledged, published_partly, published_full, published_met,
        accepted, closed, open_unpledged, open_partly, open_met, remaining_published, remaining_accepted, remaining_closed, remaining_open)
    VALUES (n.category, n.province_code, n.commune_code, n.school_id,
        CASE WHEN pub AND g = 0 THEN sign ELSE 0 END, CASE WHEN pub AND g = 1 THEN sign ELSE 0 END,
        CASE WHEN pub AND g = 2 THEN sign ELSE 0 END, CASE WHEN pub AND g = 3 THEN sign ELSE 0 END,
        CASE WHEN n.state = 'accepted' THEN sign ELSE 0 END, CASE WHEN n.state = 'closed' THEN sign ELSE 0 END,
        CASE WHEN op AND g = 0 THEN sign ELSE 0 END, CASE WHEN op AND g = 1 THEN sign ELSE 0 END, CASE WHEN op AND g >= 2 THEN sign ELSE 0 END,
        CASE WHEN pub THEN rem ELSE 0 END, CASE WHEN n.state = 'accepted' THEN rem ELSE 0 END, CASE WHEN n.state = 'closed' THEN rem ELSE 0 END,
        CASE WHEN op THEN rem ELSE 0 END)
    ON CONFLICT (category, province_code, commune_code, school_id) DO UPDATE SET
      published_unpledged = t.published_unpledged + EXCLUDED.published_unpledged, published_partly = t.published_partly + EXCLUDED.published_partly,
      published_full = t.published_full + EXCLUDED.published_full, published_met = t.published_met + EXCLUDED.published_met,
      accepted = t.accepted + EXCLUDED.accepted, closed = t.closed + EXCLUDED.closed,
      open_unpledged = t.open_unpledged + EXCLUDED.open_unpledged, open_partly = t.open_partly + EXCLUDED.open_partly, open_met = t.open_met + EXCLUDED.open_met,
      remaining_published = t.remaining_published + EXCLUDED.remaining_published, remaining_accepted = t.remaining_accepted + EXCLUDED.remaining_accepted,
      remaining_closed = t.remaining_closed + EXCLUDED.remaining_closed, remaining_open = t.remaining_open + EXCLUDED.remaining_open;
  END IF;
END $$;

INSERT INTO school_need_map (province_code, commune_code, school_id, published_unpledged, published_partly, published_full, published_met,
    accepted, closed, open_unpledged, open_partly, open_met, remaining_published, remaining_accepted, remaining_closed, remaining_open)
SELECT n.province_code, n.commune_code, n.school_id,
       count(*) FILTER (WHERE n.state = 'published' AND x.g = 0), count(*) FILTER (WHERE n.state = 'published' AND x.g = 1),
       count(*) FILTER (WHERE n.state = 'published' AND x.g = 2), count(*) FILTER (WHERE n.state = 'published' AND x.g = 3),
       count(*) FILTER (WHERE n.state = 'accepted'), count(*) FILTER (WHERE n.state = 'closed'),
       count(*) FILTER (WHERE x.op AND x.g = 0), count(*) FILTER (WHERE x.op AND x.g = 1), count(*) FILTER (WHERE x.op AND x.g >= 2),
       COALESCE(sum(x.rem) FILTER (WHERE n.state = 'published'), 0), COALESCE(sum(x.rem) FILTER (WHERE n.state = 'accepted'), 0),
       COALESCE(sum(x.rem) FILTER (WHERE n.state = 'closed'), 0), COALESCE(sum(x.rem) FILTER (WHERE x.op), 0)
  FROM need n LEFT JOIN need_ledger l ON l.need_id = n.id
 CROSS JOIN LATERAL (SELECT need_map_group(n, l, COALESCE(l.open, false)) AS g, need_map_remaining(n, l) AS rem,
                            n.state = 'published' AND COALESCE(l.open, false) AS op) x
 WHERE n.state IN ('published', 'accepted', 'closed')
 GROUP BY n.province_code, n.commune_code, n.school_id;

INSERT INTO school_need_map_category (category, province_code, commune_code, school_id, published_unpledged, published_partly, published_full, published_met,
    accepted, closed, open_unpledged, open_partly, open_met, remaining_published, remaining_accepted, remaining_closed, remaining_open)
SELECT n.category, n.province_code, n.commune_code, n.school_id,
       count(*) FILTER (WHERE n.state = 'published' AND x.g = 0), count(*) FILTER (WHERE n.state = 'published' AND x.g = 1),
       count(*) FILTER (WHERE n.state = 'published' AND x.g = 2), count(*) FILTER (WHERE n.state = 'published' AND x.g = 3),
       count(*) FILTER (WHERE n.state = 'accepted'), count(*) FILTER (WHERE n.state = 'closed'),
       count(*) FILTER (WHERE x.op AND x.g = 0), count(*) FILTER (WHERE x.op AND x.g = 1), count(*) FILTER (WHERE x.op AND x.g >= 2),
       COALESCE(sum(x.rem) FILTER (WHERE n.state = 'published'), 0), COALESCE(sum(x.rem) FILTER (WHERE n.state = 'accepted'), 0),
       COALESCE(sum(x.rem) FILTER (WHERE n.state = 'closed'), 0), COALESCE(sum(x.rem) FILTER (WHERE x.op), 0)
  FROM need n LEFT JOIN need_ledger l ON l.need_id = n.id
 CROSS JOIN LATERAL (SELECT need_map_group(n, l, COALESCE(l.open, false)) AS g, need_map_remaining(n, l) AS rem,
                            n.state = 'published' AND COALESCE(l.open, false) AS op) x
 WHERE n.state IN ('published', 'accepted', 'closed')
 GROUP BY n.category, n.province_code, n.commune_code, n.school_id;

-- A pledge against a need (or its change): as in 0034, then the need's school's row of the map,
-- last (the summaries' lock order: the needs, ledger_totals by key, need_ledger, need_totals by
-- key, school_need_map by key, school_need_map_category by key).
CREATE OR REPLACE FUNCTION ledger_summarise(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  got boolean := k.status IN ('received', 'accepted');
  v numeric := sign * k.value_vnd;
  n need%ROWTYPE;
  before need_ledger%ROWTYPE;
  after need_ledger%ROWTYPE;
  was boolean;
  now_open boolean;
BEGIN
  IF k.need_id IS NULL OR k.status = 'cancelled' THEN RETURN; END IF;
  SELECT * INTO n FROM need WHERE id = k.need_id FOR SHARE;
  SELECT * INTO before FROM need_ledger l WHERE l.need_id = k.need_id FOR UPDATE;
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
  RETURNING l.* INTO after;
  IF n.id IS NULL THEN RETURN; END IF;
  now_open := need_is_open(n, after.pledged_quantity, after.pledged_value_unmeasured);
  -- every need has its row from its own trigger; one without is counted nowhere yet
  was := COALESCE(before.open, false);
  IF now_open IS DISTINCT FROM was THEN UPDATE need_ledger SET open = now_open WHERE need_id = k.need_id; END IF;
  INSERT INTO need_totals AS t (province_code, category, state, pledged, received, open)
  VALUES (n.province_code, n.category, n.state, v, CASE WHEN got THEN v ELSE 0 END, now_open::int - was::int)
  ON CONFLICT (province_code, category, state) DO UPDATE SET pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received, open = t.open + EXCLUDED.open;
  -- the same need in the same rows of the map: its part before, then after; by school, then by category
  PERFORM need_map_add(n, before, was, -1, false);
  PERFORM need_map_add(n, after, now_open, 1, false);
  PERFORM need_map_add(n, before, was, -1, true);
  PERFORM need_map_add(n, after, now_open, 1, true);
END $$;

-- A need written, changed or deleted: as in 0034 (need_ledger, then need_totals by key), then its
-- school's row or rows of the map in the order of their keys. A need moved to another commune or
-- school moves between rows of the map (and counts nowhere else: need_totals is unchanged then);
-- the rows by school first, then those by category.
CREATE OR REPLACE FUNCTION need_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  l need_ledger%ROWTYPE;
  was boolean;
  now_open boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.province_code = NEW.province_code AND OLD.category = NEW.category
     AND OLD.estimated_cost = NEW.estimated_cost AND OLD.quantity = NEW.quantity
     AND OLD.commune_code = NEW.commune_code AND OLD.school_id = NEW.school_id THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO need_ledger AS x (need_id, open) VALUES (NEW.id, need_is_open(NEW, 0, 0))
    ON CONFLICT (need_id) DO UPDATE SET open = need_is_open(NEW, x.pledged_quantity, x.pledged_value_unmeasured)
    RETURNING x.* INTO l;
    PERFORM need_totals_add(NEW, l, l.open, 1);
    PERFORM need_map_add(NEW, l, l.open, 1, false);
    PERFORM need_map_add(NEW, l, l.open, 1, true);
  ELSIF TG_OP = 'DELETE' THEN
    -- its row may be gone already (deleted with it); a need deleted had no pledges (the ledger refers to the others)
    SELECT * INTO l FROM need_ledger WHERE need_id = OLD.id;
    was := COALESCE(l.open, need_is_open(OLD, 0, 0));
    PERFORM need_totals_add(OLD, l, was, -1);
    PERFORM need_map_add(OLD, l, was, -1, false);
    PERFORM need_map_add(OLD, l, was, -1, true);
  ELSE
    SELECT * INTO l FROM need_ledger WHERE need_id = NEW.id FOR UPDATE;
    was := COALESCE(l.open, need_is_open(OLD, 0, 0));
    now_open := need_is_open(NEW, l.pledged_quantity, l.pledged_value_unmeasured);
    IF l.need_id IS NULL THEN INSERT INTO need_ledger (need_id, open) VALUES (NEW.id, now_open);
    ELSIF now_open IS DISTINCT FROM l.open THEN UPDATE need_ledger SET open = now_open WHERE need_id = NEW.id;
    END IF;
    IF ROW(OLD.province_code, OLD.category, OLD.state, OLD.estimated_cost, was) IS DISTINCT FROM ROW(NEW.province_code, NEW.category, NEW.state, NEW.estimated_cost, now_open) THEN
      IF ROW(OLD.province_code, OLD.category, OLD.state) <= ROW(NEW.province_code, NEW.category, NEW.state) THEN
        PERFORM need_totals_add(OLD, l, was, -1);
        PERFORM need_totals_add(NEW, l, now_open, 1);
      ELSE
        PERFORM need_totals_add(NEW, l, now_open, 1);
        PERFORM need_totals_add(OLD, l, was, -1);
      END IF;
    END IF;
    IF ROW(OLD.province_code, OLD.commune_code, OLD.school_id) <= ROW(NEW.province_code, NEW.commune_code, NEW.school_id) THEN
      PERFORM need_map_add(OLD, l, was, -1, false);
      PERFORM need_map_add(NEW, l, now_open, 1, false);
    ELSE
      PERFORM need_map_add(NEW, l, now_open, 1, false);
      PERFORM need_map_add(OLD, l, was, -1, false);
    END IF;
    IF ROW(OLD.category, OLD.province_code, OLD.commune_code, OLD.school_id) <= ROW(NEW.category, NEW.province_code, NEW.commune_code, NEW.school_id) THEN
      PERFORM need_map_add(OLD, l, was, -1, true);
      PERFORM need_map_add(NEW, l, now_open, 1, true);
    ELSE
      PERFORM need_map_add(NEW, l, now_open, 1, true);
      PERFORM need_map_add(OLD, l, was, -1, true);
    END IF;
  END IF;
  RETURN NULL;
END $$;
