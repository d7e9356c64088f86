-- Every unit the plans name can act: commune People's Committee officers ('commune') and staff of
-- reporting units ('unit'); training institutions and a Department's offices and clubs as
-- organisations.
ALTER TABLE organisation DROP CONSTRAINT IF EXISTS organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('ministry', 'ministry_unit', 'department', 'cluster',
  'commune_committee', 'school', 'donor', 'other', 'training_institution', 'department_unit'));
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'ministry', 'department', 'school', 'donor', 'commune', 'unit'));
