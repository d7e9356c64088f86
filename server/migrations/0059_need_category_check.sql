-- A need's category, and the category a ledger row carries, are one of the fifteen of the needs'
-- contract (contracts/needs.ts NEED_CATEGORIES); until now only the app checked them, and a row
-- written by SQL with another category made the answers that label it fail their contract. Added
-- NOT VALID, then validated: the check of the rows already there does not block the writes.
ALTER TABLE need ADD CONSTRAINT need_category_check CHECK (category IN (
  'classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport',
  'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training')) NOT VALID;
ALTER TABLE need VALIDATE CONSTRAINT need_category_check;
ALTER TABLE contribution ADD CONSTRAINT contribution_category_check CHECK (category IN (
  'classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport',
  'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training')) NOT VALID;
ALTER TABLE contribution VALIDATE CONSTRAINT contribution_category_check;
