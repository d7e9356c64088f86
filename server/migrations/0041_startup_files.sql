-- Files of startup-model proposals: the institution's proposal documents (while the proposal waits
-- for its decision) and the Ministry's decision. Read by whoever may read the proposal.
CREATE TABLE startup_file (
  proposal_id  uuid NOT NULL REFERENCES startup_proposal(id) ON DELETE CASCADE,
  file_id      uuid NOT NULL REFERENCES stored_file(id),
  kind         text NOT NULL CHECK (kind IN ('proposal', 'decision')),
  PRIMARY KEY (proposal_id, file_id)
);
