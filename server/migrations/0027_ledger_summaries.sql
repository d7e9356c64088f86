-- Summaries of the ledger, kept by the transaction that writes it (triggers on contribution and
-- need), so that lists, the portal and the dashboards read a few rows instead of summing a million.
-- Every figure equals a direct sum over contribution at every commit (a test compares them after
-- random writes). Tables: need_ledger and ledger_totals belong to the ledger, need_totals to the
-- needs; no module writes them in code, only these triggers do.

-- The ledger's sums against one need. "Unmeasured" sums are those of pledges naming no quantity:
-- with them the share rule of needs/domain.ts (a pledge of q units weighs q × cost, one of v đồng
-- weighs v × quantity) is computed from the need's current cost and quantity, whatever they become.
CREATE TABLE need_ledger (
  need_id                    uuid PRIMARY KEY REFERENCES need(id) ON DELETE CASCADE,
  pledge_count               bigint NOT NULL DEFAULT 0,
  pledged_quantity           numeric NOT NULL DEFAULT 0,
  pledged_value              numeric NOT NULL DEFAULT 0,
  pledged_value_unmeasured   numeric NOT NULL DEFAULT 0,
  delivered_value            numeric NOT NULL DEFAULT 0,
  received_quantity          numeric NOT NULL DEFAULT 0,
  received_value             numeric NOT NULL DEFAULT 0,
  received_value_unmeasured  numeric NOT NULL DEFAULT 0,
  accepted_value             numeric NOT NULL DEFAULT 0
);

-- The ledger by year of pledge, province, category, form and status (the portal's and the
-- dashboards' figures): at most a few tens of thousands of rows whatever the ledger's size.
CREATE TABLE ledger_totals (
  year          int NOT NULL,
  province_code text NOT NULL,
  category      text NOT NULL,
  form          text NOT NULL,
  status        text NOT NULL,
  count         bigint NOT NULL DEFAULT 0,
  value_vnd     numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (year, province_code, category, form, status)
);
CREATE INDEX ledger_totals_province_idx ON ledger_totals (province_code, status);

-- Needs by province, category and state, with the ledger's sums against them (the dashboard).
CREATE TABLE need_totals (
  province_code  text NOT NULL,
  category       text NOT NULL,
  state          text NOT NULL,
  count          bigint NOT NULL DEFAULT 0,
  value          numeric NOT NULL DEFAULT 0,
  pledged        numeric NOT NULL DEFAULT 0,
  received       numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (province_code, category, state)
);

CREATE FUNCTION ledger_summarise(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  live boolean := k.status <> 'cancelled';
  got boolean := k.status IN ('received', 'accepted');
  v numeric := sign * k.value_vnd;
  n need%ROWTYPE;
BEGIN
  INSERT INTO ledger_totals AS t (year, province_code, category, form, status, count, value_vnd)
  VALUES (extract(year FROM k.pledged_on)::int, k.province_code, k.category, k.form, k.status, sign, v)
  ON CONFLICT (year, province_code, category, form, status) DO UPDATE SET count = t.count + EXCLUDED.count, value_vnd = t.value_vnd + EXCLUDED.value_vnd;
  IF k.need_id IS NULL OR NOT live THEN RETURN; END IF;
  -- the need first (a share lock, in the order need, need_ledger, need_totals): a need changing
  -- state at the same time waits for this transaction, or this one for it, and the sums land in
  -- the group the need is in when both have committed
  SELECT * INTO n FROM need WHERE id = k.need_id FOR SHARE;
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
    accepted_value = l.accepted_value + EXCLUDED.accepted_value;
  IF n.id IS NOT NULL THEN
    INSERT INTO need_totals AS t (province_code, category, state, pledged, received)
    VALUES (n.province_code, n.category, n.state, v, CASE WHEN got THEN v ELSE 0 END)
    ON CONFLICT (province_code, category, state) DO UPDATE SET pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received;
  END IF;
END $$;

CREATE FUNCTION contribution_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ledger_summarise(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM ledger_summarise(NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contribution_summaries AFTER INSERT OR DELETE OR UPDATE OF status, value_vnd, quantity, need_id, pledged_on, province_code, category, form
  ON contribution FOR EACH ROW EXECUTE FUNCTION contribution_summarise();

-- A need moving between groups (state, province, category) or changing cost carries its sums along.
CREATE FUNCTION need_summarise_one(n need, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  l need_ledger%ROWTYPE;
BEGIN
  SELECT * INTO l FROM need_ledger WHERE need_id = n.id;
  INSERT INTO need_totals AS t (province_code, category, state, count, value, pledged, received)
  VALUES (n.province_code, n.category, n.state, sign, sign * n.estimated_cost, sign * COALESCE(l.pledged_value, 0), sign * COALESCE(l.received_value, 0))
  ON CONFLICT (province_code, category, state) DO UPDATE SET count = t.count + EXCLUDED.count, value = t.value + EXCLUDED.value,
    pledged = t.pledged + EXCLUDED.pledged, received = t.received + EXCLUDED.received;
END $$;

CREATE FUNCTION need_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.province_code = NEW.province_code AND OLD.category = NEW.category
     AND OLD.estimated_cost = NEW.estimated_cost THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM need_summarise_one(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM need_summarise_one(NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER need_summaries AFTER INSERT OR DELETE OR UPDATE ON need FOR EACH ROW EXECUTE FUNCTION need_summarise();

-- Backfill from the rows already written.
INSERT INTO need_ledger (need_id, pledge_count, pledged_quantity, pledged_value, pledged_value_unmeasured, delivered_value,
    received_quantity, received_value, received_value_unmeasured, accepted_value)
SELECT k.need_id, count(*), COALESCE(sum(k.quantity), 0), sum(k.value_vnd), COALESCE(sum(k.value_vnd) FILTER (WHERE k.quantity IS NULL), 0),
       COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('delivered', 'received', 'accepted')), 0),
       COALESCE(sum(k.quantity) FILTER (WHERE k.status IN ('received', 'accepted')), 0), COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0),
       COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted') AND k.quantity IS NULL), 0),
       COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)
  FROM contribution k JOIN need n ON n.id = k.need_id WHERE k.status <> 'cancelled' GROUP BY k.need_id;

INSERT INTO ledger_totals (year, province_code, category, form, status, count, value_vnd)
SELECT extract(year FROM pledged_on)::int, province_code, category, form, status, count(*), sum(value_vnd) FROM contribution GROUP BY 1, 2, 3, 4, 5;

INSERT INTO need_totals (province_code, category, state, count, value, pledged, received)
SELECT n.province_code, n.category, n.state, count(*), sum(n.estimated_cost), COALESCE(sum(l.pledged_value), 0), COALESCE(sum(l.received_value), 0)
  FROM need n LEFT JOIN need_ledger l ON l.need_id = n.id GROUP BY 1, 2, 3;

-- Sorts and filters the lists ask for.
-- The public list's default order (urgency) over the public states: priority rank, then id.
CREATE INDEX need_public_urgency_idx ON need ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), id)
  WHERE state IN ('published', 'accepted', 'closed');
