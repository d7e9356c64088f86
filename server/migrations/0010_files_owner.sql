-- Files follow their record: every stored file knows the record it is attached to, and a
-- download asks the owning module whether the asker may read that record. A file without a
-- known owner is refused.
ALTER TABLE stored_file ADD COLUMN owner_kind text;
ALTER TABLE stored_file ADD COLUMN owner_id uuid;

UPDATE stored_file f SET owner_kind = 'need', owner_id = nf.need_id FROM need_file nf WHERE nf.file_id = f.id;
UPDATE stored_file f SET owner_kind = 'contribution', owner_id = cf.contribution_id FROM contribution_file cf WHERE cf.file_id = f.id;
UPDATE stored_file f SET owner_kind = 'agreement', owner_id = a.id FROM agreement a WHERE a.document_file_id = f.id;
UPDATE stored_file f SET owner_kind = 'twinning_activity', owner_id = af.activity_id FROM twinning_activity_file af WHERE af.file_id = f.id;
UPDATE stored_file f SET owner_kind = 'task_update', owner_id = uf.update_id FROM task_update_file uf WHERE uf.file_id = f.id;

CREATE INDEX stored_file_owner_idx ON stored_file (owner_kind, owner_id);

-- Pupils' photos are never public: evidence of a gift to a person or of a twinning gift.
UPDATE stored_file f SET public = false
  FROM contribution_file cf JOIN contribution k ON k.id = cf.contribution_id
 WHERE cf.file_id = f.id AND (k.beneficiary_id IS NOT NULL OR k.twinning_activity_id IS NOT NULL);

-- Neutral names for files that can be public or show pupils (the uploaded name may carry a person's name).
UPDATE stored_file SET name = (CASE
    WHEN owner_kind = 'contribution' THEN 'bien-nhan'
    WHEN owner_kind = 'twinning_activity' THEN 'hoat-dong'
    WHEN owner_kind = 'need' AND EXISTS (SELECT 1 FROM need_file nf WHERE nf.file_id = stored_file.id AND nf.purpose = 'acceptance') THEN 'nghiem-thu'
    ELSE 'anh-nhu-cau' END)
  || '-' || left(replace(id::text, '-', ''), 8) || '.' || (CASE mime
    WHEN 'application/pdf' THEN 'pdf' WHEN 'image/jpeg' THEN 'jpg' WHEN 'image/png' THEN 'png' WHEN 'image/webp' THEN 'webp'
    WHEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' THEN 'docx' ELSE 'xlsx' END)
 WHERE public OR owner_kind IN ('contribution', 'twinning_activity', 'need');
