-- Donor vetting has something to vet: who speaks for the donor (their function, not their name),
-- references (previous sponsorships, organisations that vouch for it) and the registration papers
-- (business registration, establishment decision), read only by the donor and the vetting board.
ALTER TABLE donor_profile ADD COLUMN contact_role text;
ALTER TABLE donor_profile ADD COLUMN reference_list text[] NOT NULL DEFAULT '{}';
ALTER TABLE donor_profile ADD CONSTRAINT donor_profile_reference_list_bound CHECK (cardinality(reference_list) <= 10);

CREATE TABLE donor_document (
  file_id         uuid PRIMARY KEY REFERENCES stored_file(id),
  organisation_id uuid NOT NULL REFERENCES donor_profile(organisation_id),
  kind            text NOT NULL CHECK (kind IN ('business_registration', 'establishment_decision', 'other')),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX donor_document_organisation_idx ON donor_document (organisation_id, created_at);
