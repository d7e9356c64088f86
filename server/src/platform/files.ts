import crypto from 'node:crypto';
import type { Db } from './db.js';
import { invalid } from './errors.js';
import type { Actor } from './actor.js';
import { checkImage, HAS_VARIANTS, isHeif, makeVariants, type ImageVariant, type VariantFormat, type VariantName } from './images.js';

/**
 * Evidence and documents: stored in the database (app servers stay stateless), type and size checked.
 * A refused file is named in the problem's title and in its `files` error, so a form can mark it and
 * keep the others; the callers store a request's files in one transaction (all or nothing).
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: ['webp'], test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'image/heic', ext: ['heic', 'heif'], test: isHeif },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], test: (b) => b[0] === 0x50 && b[1] === 0x4b },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'], test: (b) => b[0] === 0x50 && b[1] === 0x4b },
];

/** The real type of a file from its first bytes and extension; null if not an accepted type. */
export function sniffType(name: string, data: Buffer): string | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const sig = SIGNATURES.find((s) => s.ext.includes(ext) && s.test(data));
  return sig?.mime ?? null;
}

export interface StoredFile { id: string; name: string; mime: string; size: number }

/** The record a file is attached to: its kind (registered by the module that owns it) and id. */
export interface FileOwner { kind: string; id: string }

export interface StoreOptions {
  /** The record the file belongs to; its module decides who may download it. */
  owner: FileOwner;
  /** May be shown to the public when its record is public (need photos, evidence of contributions). */
  public?: boolean;
  /**
   * Store under a neutral name `<prefix>-<short id>.<ext>` instead of the uploaded one (which may
   * carry a person's name): every public file, and every file that may show pupils.
   */
  neutralName?: string;
  imagesOnly?: boolean;
  /** Photos get a thumbnail and a page-size copy (WebP and JPEG) unless told not to. */
  variants?: boolean;
  imagesOrPdf?: boolean;
  maxBytes?: number;
}

export interface Upload { filename: string; data: Buffer }

/** The photos an upload has already found readable (checked before its transaction began). */
const checkedPhotos = new WeakSet<Buffer>();

/** A file's accepted type, or a 422 naming it (empty, too large, of a type not taken here). */
function acceptedType(name: string, data: Buffer, opts: Omit<StoreOptions, 'owner'>): string {
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  if (data.length === 0) throw invalid(`Tệp "${name}" rỗng`, [{ path: 'files', message: `Tệp "${name}" rỗng` }]);
  if (data.length > max) throw invalid(`Tệp "${name}" quá lớn`, [{ path: 'files', message: `Tệp "${name}" lớn hơn ${Math.round(max / 1024 / 1024)} MB` }]);
  const mime = sniffType(name, data);
  if (!mime) throw invalid(`Tệp "${name}" có loại không được chấp nhận`, [{ path: 'files', message: `Tệp "${name}" không phải PDF, ảnh (JPG, PNG, WEBP, HEIC), DOCX hoặc XLSX` }]);
  if (opts.imagesOnly && !mime.startsWith('image/')) throw invalid(`Tệp "${name}" không phải ảnh`, [{ path: 'files', message: `Tệp "${name}" không phải ảnh JPG, PNG, WEBP hoặc HEIC` }]);
  if (opts.imagesOrPdf && !mime.startsWith('image/') && mime !== 'application/pdf') throw invalid(`Tệp "${name}" không phải ảnh hoặc PDF`, [{ path: 'files', message: `Tệp "${name}" không phải ảnh hoặc PDF` }]);
  return mime;
}

const getsVariants = (mime: string, opts: Omit<StoreOptions, 'owner'>) => opts.variants !== false && HAS_VARIANTS.has(mime);

/**
 * Decode a request's photos before its transaction begins (an unreadable one is a 422 naming it),
 * so that the transaction that stores them holds no decoding.
 */
export async function checkUploads(files: Upload[], opts: Omit<StoreOptions, 'owner'>): Promise<void> {
  for (const f of files) {
    let mime: string;
    try {
      mime = acceptedType(f.filename, f.data, opts);
    } catch {
      continue; // refused by type or size where it is stored, after the record's own checks, as before
    }
    if (!getsVariants(mime, opts) || checkedPhotos.has(f.data)) continue;
    await checkImage(f.filename, f.data, mime);
    checkedPhotos.add(f.data);
  }
}

/**
 * Store a file. A photo's smaller copies are made once the caller's transaction commits (never when
 * it rolls back); until they exist the original answers for them. A photo not checked before the
 * transaction (`checkUploads`) is decoded here, before anything is written.
 */
export async function storeFile(db: Db, userId: string | null, name: string, data: Buffer, opts: StoreOptions): Promise<StoredFile> {
  const mime = acceptedType(name, data, opts);
  if (opts.public && !opts.neutralName) throw new Error('A public file needs a neutral name');
  const variants = getsVariants(mime, opts);
  // a photo is decoded before anything is written: one that cannot be read is refused by its name
  if (variants && !checkedPhotos.has(data)) {
    await checkImage(name, data, mime);
    checkedPhotos.add(data);
  }
  const id = crypto.randomUUID();
  const ext = SIGNATURES.find((s) => s.mime === mime)!.ext[0];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not carry
  const clean = opts.neutralName ? `${opts.neutralName}-${id.replace(/-/g, '').slice(0, 8)}.${ext}` : name.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
  await db.query(
    'INSERT INTO stored_file (id, name, mime, size, sha256, data, created_by, public, owner_kind, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [id, clean, mime, data.length, crypto.createHash('sha256').update(data).digest('hex'), data, userId, opts.public ?? false, opts.owner.kind, opts.owner.id],
  );
  if (variants) db.afterCommit((outer) => void makeFileVariants(outer, { id, name: clean, mime }));
  return { id, name: clean, mime, size: data.length };
}

/** The photos whose copies are being made in this process, each once however often asked. */
const making = new Map<string, Promise<void>>();

/**
 * Make a stored photo's copies, outside any transaction; at most two photos are decoded at once in
 * the process (`images.ts`), the others wait their turn without holding their bytes. A failure leaves the original answering
 * for its copies, and a later asking tries again.
 */
export function makeFileVariants(db: Db, f: { id: string; name: string; mime: string }): Promise<void> {
  const running = making.get(f.id);
  if (running) return running;
  const work = (async () => {
    // the original is read from the database when its turn comes: a queue of photos holds no bytes
    const variants = await makeVariants(f.name, () => fileData(db, f.id), f.mime);
    await insertVariants(db, f.id, variants);
  })()
    .catch(() => undefined)
    .finally(() => making.delete(f.id));
  making.set(f.id, work);
  return work;
}

/** Resolves when no photo's copies are being made (tests, and before the database closes). */
export async function variantsSettled(): Promise<void> {
  while (making.size) await Promise.all([...making.values()]);
}

async function insertVariants(db: Db, fileId: string, variants: ImageVariant[]): Promise<void> {
  for (const v of variants) {
    await db.query(
      'INSERT INTO stored_file_variant (file_id, variant, format, width, height, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [fileId, v.variant, v.format, v.width, v.height, v.data.length, v.data]);
  }
}

export interface FileVariant { mime: string; width: number; height: number; size: number; data: Buffer }

/** Types every browser shows itself: until its copies exist, such a photo answers with its original. */
const SHOWN_BY_BROWSERS = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * A smaller copy of a stored photo; a file that is not a photo has none (undefined). While the
 * copies are not made yet (just uploaded, or stored before copies were made), their making is
 * started and the answer is 'pending': the original stands in for them. A HEIC photo, which
 * browsers do not show, waits for its copies instead.
 */
export async function fileVariant(db: Db, f: FileInfo, variant: VariantName, format: VariantFormat): Promise<FileVariant | 'pending' | undefined> {
  if (!HAS_VARIANTS.has(f.mime)) return undefined;
  const read = () => db.maybeOne<{ width: number; height: number; size: number; data: Uint8Array }>(
    'SELECT width, height, size, data FROM stored_file_variant WHERE file_id = $1 AND variant = $2 AND format = $3', [f.id, variant, format]);
  let r = await read();
  if (!r) {
    const made = makeFileVariants(db, f);
    if (SHOWN_BY_BROWSERS.has(f.mime)) return 'pending';
    await made;
    r = await read();
  }
  return r ? { mime: format === 'webp' ? 'image/webp' : 'image/jpeg', width: r.width, height: r.height, size: r.size, data: Buffer.from(r.data) } : undefined;
}

export interface FileInfo extends StoredFile { public: boolean; ownerKind: string | null; ownerId: string | null }

/** A file's description (not its bytes): enough to decide whether the asker may download it. */
export async function fileInfo(db: Db, id: string): Promise<FileInfo | undefined> {
  const r = await db.maybeOne<{ id: string; name: string; mime: string; size: number; public: boolean; owner_kind: string | null; owner_id: string | null }>(
    'SELECT id, name, mime, size, public, owner_kind, owner_id FROM stored_file WHERE id = $1', [id]);
  return r && { id: r.id, name: r.name, mime: r.mime, size: r.size, public: r.public, ownerKind: r.owner_kind, ownerId: r.owner_id };
}

export async function fileData(db: Db, id: string): Promise<Buffer> {
  const r = await db.one<{ data: Uint8Array }>('SELECT data FROM stored_file WHERE id = $1', [id]);
  return Buffer.from(r.data);
}

/**
 * Whether the actor may read the record a file is attached to, asked of the module that owns
 * that kind of record (its own policy); `file.public` says the file itself may be shown to the
 * public when its record is.
 */
export type FileReader = (db: Db, actor: Actor, ownerId: string, file: { public: boolean }) => Promise<boolean>;

const readers = new Map<string, FileReader>();

/** Each module that stores files registers who may read them, by the kind of record they belong to. */
export function registerFileOwner(kind: string, reader: FileReader): void {
  readers.set(kind, reader);
}

/** The kinds of record files may belong to (tests walk them). */
export const fileOwnerKinds = (): string[] => [...readers.keys()];

/** May the actor download the file? A file with no owner, or an owner kind nobody registered, is refused. */
export async function mayReadFile(db: Db, actor: Actor, f: FileInfo): Promise<boolean> {
  if (!f.ownerKind || !f.ownerId) return false;
  const reader = readers.get(f.ownerKind);
  return reader ? reader(db, actor, f.ownerId, { public: f.public }) : false;
}
