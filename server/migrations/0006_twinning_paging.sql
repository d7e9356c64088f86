-- The pairs list pages newest first, keyset on (created_at, id).
CREATE INDEX twinning_pair_created_idx ON twinning_pair (created_at DESC, id DESC);
-- Filters of the pairs list and the compliance view.
CREATE INDEX twinning_pair_status_idx ON twinning_pair (status);
CREATE INDEX twinning_pair_cluster_idx ON twinning_pair (hanoi_cluster_id) WHERE hanoi_cluster_id IS NOT NULL;
