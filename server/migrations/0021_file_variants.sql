-- Photos fit a weak connection: every stored image gets smaller copies (a thumbnail for lists and
-- the portal, a page-size copy for detail pages), each in WebP and JPEG. The original is kept
-- unchanged in stored_file; a variant is read under the same owner check as its original.
CREATE TABLE stored_file_variant (
  file_id   uuid NOT NULL REFERENCES stored_file(id) ON DELETE CASCADE,
  variant   text NOT NULL CHECK (variant IN ('thumb', 'page')),
  format    text NOT NULL CHECK (format IN ('webp', 'jpeg')),
  width     integer NOT NULL CHECK (width > 0),
  height    integer NOT NULL CHECK (height > 0),
  size      integer NOT NULL CHECK (size >= 0),
  data      bytea NOT NULL,
  PRIMARY KEY (file_id, variant, format)
);
