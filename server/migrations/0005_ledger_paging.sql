-- Keyset paging of the lists and exports of the resource modules: each index matches its list's order.

-- the ledger, newest first (GET /api/v1/contributions)
CREATE INDEX contribution_created_idx ON contribution (created_at DESC, id DESC);

-- the open data, newest pledge first (GET /api/v1/public/contributions): (pledged_on DESC, id DESC),
-- replacing the index in (pledged_on DESC, id) whose second column ran against the order
DROP INDEX contribution_public_idx;
CREATE INDEX contribution_public_idx ON contribution (pledged_on DESC, id DESC) WHERE status <> 'cancelled';

-- donors awaiting vetting first, then newest first (GET /api/v1/donors)
CREATE INDEX donor_profile_list_idx ON donor_profile ((vetting_status <> 'pending'), created_at DESC, organisation_id DESC);

-- the needs export, newest first (GET /api/v1/needs?format=csv|xlsx)
CREATE INDEX need_created_idx ON need (created_at DESC, id DESC);

-- the agreements export, newest signed first (GET /api/v1/agreements?format=csv|xlsx)
CREATE INDEX agreement_signed_idx ON agreement (signed_on DESC, id DESC);
