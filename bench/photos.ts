/**
 * Benchmark: storing phone photos with their smaller copies (thumbnail and page size, WebP and
 * JPEG) in a migrated PGlite database, as an upload does: the check before the transaction, how
 * long the transaction is held, the copies made after the commit, and the bytes a list or a detail
 * page saves against the original. Photos are made here (12-megapixel noisy JPEG, a smoother
 * one, a transparent PNG); real files can be added on the command line (HEIC from an iPhone, …).
 *
 *   npx tsx bench/photos.ts [photo files…]
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openPglite } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { checkUploads, sniffType, storeFile, variantsSettled } from '../server/src/platform/files.js';

const db = await openPglite(undefined);
await migrate(db);

const photos: { name: string; data: Buffer }[] = [
  { name: 'noisy-4000x3000.jpg', data: await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 22 } } }).jpeg({ quality: 80 }).toBuffer() },
  {
    name: 'smooth-4032x3024.jpg',
    data: await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="4032" height="3024"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#3a7bd5"/><stop offset="1" stop-color="#f2c94c"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="2000" cy="1500" r="900" fill="#2d6a4f" opacity="0.6"/></svg>`))
      .composite([{ input: await sharp({ create: { width: 4032, height: 3024, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 }, noise: { type: 'gaussian', mean: 40, sigma: 12 } } }).png().toBuffer(), blend: 'overlay' }])
      .jpeg({ quality: 92 }).toBuffer(),
  },
  { name: 'transparent-2000x1500.png', data: await sharp({ create: { width: 2000, height: 1500, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer() },
  ...process.argv.slice(2).map((f) => ({ name: path.basename(f), data: fs.readFileSync(f) })),
];

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`.padStart(8);
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
console.log(`${'photo'.padEnd(28)} ${'original'.padStart(8)}  ${'check'.padStart(7)}  ${'in tx'.padStart(6)}  ${'copies'.padStart(7)}  ${'thumb webp'.padStart(10)}  ${'page webp'.padStart(9)}  saved on a list / a page`);
for (const p of photos) {
  if (!sniffType(p.name, p.data)) {
    console.log(`${p.name}: not an accepted photo type`);
    continue;
  }
  let t = performance.now();
  await checkUploads([{ filename: p.name, data: p.data }], {});
  const check = ms(t);
  t = performance.now();
  const f = await db.tx((tx) => storeFile(tx, null, p.name, p.data, { owner: { kind: 'bench', id: '00000000-0000-0000-0000-000000000000' } }));
  const inTx = ms(t);
  t = performance.now();
  await variantsSettled();
  const copies = ms(t);
  const v = await db.query<{ variant: string; format: string; size: number; width: number; height: number }>('SELECT variant, format, size, width, height FROM stored_file_variant WHERE file_id = $1', [f.id]);
  const size = (variant: string, format: string) => v.find((x) => x.variant === variant && x.format === format)!;
  const thumb = size('thumb', 'webp');
  const page = size('page', 'webp');
  const saved = (n: number) => `${(100 * (1 - n / p.data.length)).toFixed(1)}%`;
  console.log(`${p.name.padEnd(28)} ${kb(p.data.length)}  ${check.padStart(7)}  ${inTx.padStart(6)}  ${copies.padStart(7)}  ${kb(thumb.size).padStart(10)}  ${kb(page.size).padStart(9)}  ${saved(thumb.size)} / ${saved(page.size)}  (${thumb.width}x${thumb.height}, ${page.width}x${page.height}; JPEG ${kb(size('thumb', 'jpeg').size).trim()} / ${kb(size('page', 'jpeg').size).trim()})`);
}
await db.close();
