import crypto from 'node:crypto';
import type { Db } from './db.js';
import { invalid } from './errors.js';
import { definePolicy } from './policy.js';

/** Evidence and documents: stored in the database (app servers stay stateless), type and size checked. */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: ['webp'], test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
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

export interface StoreOptions {
  /** readable without an account (need photos, public evidence of contributions) */
  public?: boolean;
  imagesOnly?: boolean;
  imagesOrPdf?: boolean;
  maxBytes?: number;
}

export async function storeFile(db: Db, userId: string | null, name: string, data: Buffer, opts: StoreOptions = {}): Promise<StoredFile> {
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  if (data.length === 0) throw invalid('Tệp rỗng', [{ path: 'files', message: `Tệp "${name}" rỗng` }]);
  if (data.length > max) throw invalid('Tệp quá lớn', [{ path: 'files', message: `Tệp "${name}" lớn hơn ${Math.round(max / 1024 / 1024)} MB` }]);
  const mime = sniffType(name, data);
  if (!mime) throw invalid('Loại tệp không được chấp nhận', [{ path: 'files', message: `Tệp "${name}" không phải PDF, ảnh (JPG, PNG, WEBP), DOCX hoặc XLSX` }]);
  if (opts.imagesOnly && !mime.startsWith('image/')) throw invalid('Chỉ nhận ảnh', [{ path: 'files', message: `Tệp "${name}" không phải ảnh JPG, PNG hoặc WEBP` }]);
  if (opts.imagesOrPdf && !mime.startsWith('image/') && mime !== 'application/pdf') throw invalid('Chỉ nhận ảnh hoặc PDF', [{ path: 'files', message: `Tệp "${name}" không phải ảnh hoặc PDF` }]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not carry
  const clean = name.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
  const r = await db.one<{ id: string }>(
    'INSERT INTO stored_file (name, mime, size, sha256, data, created_by, public) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [clean, mime, data.length, crypto.createHash('sha256').update(data).digest('hex'), data, userId, opts.public ?? false],
  );
  return { id: r.id, name: clean, mime, size: data.length };
}

export async function readFile(db: Db, id: string): Promise<(StoredFile & { data: Buffer; public: boolean }) | undefined> {
  const r = await db.maybeOne<{ id: string; name: string; mime: string; size: number; data: Uint8Array; public: boolean }>('SELECT id, name, mime, size, data, public FROM stored_file WHERE id = $1', [id]);
  return r && { ...r, data: Buffer.from(r.data) };
}

/**
 * Who may download a stored file: public files (need photos, evidence of public contributions)
 * are open to everyone; every other file needs an account.
 */
export const filePolicy = definePolicy<{ public: boolean }, 'download'>({
  download: (actor, f) => f.public || actor.userId !== null,
});
