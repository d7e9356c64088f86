-- The partners a border school already has (the twinning suggestions count the live pairs of each
-- candidate school, about 700 schools at national scale): counted from the index alone rather than
-- by visiting every pair's row (20,000 heap visits a request there).
CREATE INDEX twinning_pair_border_status_idx ON twinning_pair (border_school_id, status);
