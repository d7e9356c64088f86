-- The activities of a school year, by pair: the compliance figures and the idle pairs gather the
-- pairs with an activity between two dates. With the pair in the date index they are read from the
-- index alone (no visit to the table's rows); the old date-only index is replaced by it.
CREATE INDEX twinning_activity_date_pair_idx ON twinning_activity (held_on, pair_id);
DROP INDEX twinning_activity_date_idx;
