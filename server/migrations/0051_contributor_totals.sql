-- Contributors' accepted value by year and form (money, in kind), kept by the transaction that writes
-- the ledger, for the recognition ranking: ranking every contributor summed 200,000 accepted rows of
-- the ledger at national scale (100–150 ms a page); the totals hold one row per contributor, year and
-- form (about 18,000 there). The ranking of one province or one plan still reads the ledger, whose
-- rows for it are few. Owned by the ledger, like ledger_totals; written by this trigger only.
CREATE TABLE contributor_totals (
  contributor_id uuid NOT NULL,
  year           int NOT NULL,
  form           text NOT NULL,
  count          bigint NOT NULL DEFAULT 0,
  value_vnd      numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (contributor_id, year, form)
);
CREATE INDEX contributor_totals_year_idx ON contributor_totals (year, form) INCLUDE (contributor_id, count, value_vnd);

CREATE FUNCTION contributor_totals_add(k contribution, sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF k.status <> 'accepted' OR k.form NOT IN ('money', 'in_kind') OR k.contributor_id IS NULL THEN RETURN; END IF;
  INSERT INTO contributor_totals AS t (contributor_id, year, form, count, value_vnd)
  VALUES (k.contributor_id, extract(year FROM k.pledged_on)::int, k.form, sign, sign * k.value_vnd)
  ON CONFLICT (contributor_id, year, form) DO UPDATE SET count = t.count + EXCLUDED.count, value_vnd = t.value_vnd + EXCLUDED.value_vnd;
END $$;

CREATE FUNCTION contributor_totals_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM contributor_totals_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM contributor_totals_add(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER contribution_contributor_totals AFTER INSERT OR DELETE OR UPDATE OF status, value_vnd, pledged_on, form, contributor_id
  ON contribution FOR EACH ROW EXECUTE FUNCTION contributor_totals_summarise();

-- Backfill from the rows already written.
INSERT INTO contributor_totals (contributor_id, year, form, count, value_vnd)
SELECT contributor_id, extract(year FROM pledged_on)::int, form, count(*), sum(value_vnd)
  FROM contribution WHERE status = 'accepted' AND form IN ('money', 'in_kind') AND contributor_id IS NOT NULL
 GROUP BY 1, 2, 3;
