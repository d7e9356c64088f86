-- National scale: the public ledger's exports per province and per school read in keyset order
-- straight from an index (pledged_on DESC, id DESC, as the whole ledger's contribution_public_idx),
-- and the twinning lists and figures find a pair's activities of a year and its two sides by index.
CREATE INDEX contribution_export_province_idx ON contribution (province_code, pledged_on DESC, id DESC) WHERE status <> 'cancelled';
CREATE INDEX contribution_export_school_idx ON contribution (school_id, pledged_on DESC, id DESC) WHERE status <> 'cancelled';
CREATE INDEX twinning_activity_year_pair_idx ON twinning_activity (held_on, pair_id) INCLUDE (id, kind, teachers, pupils, confirmed_at);
CREATE INDEX twinning_pair_border_created_idx ON twinning_pair (border_school_id, created_at DESC, id DESC);
-- the support written for twinning activities, summed from the index alone
CREATE INDEX contribution_twinning_sum_idx ON contribution (twinning_activity_id) INCLUDE (status, form, value_vnd) WHERE twinning_activity_id IS NOT NULL;
