import type { OutputInfo, Sharp } from 'sharp';
import type decodeHeic from 'heic-decode';
import { loadHeicDecode, loadSharp } from './lazy.js';
import { invalid } from './errors.js';

/**
 * Smaller copies of uploaded photos, for weak connections: a thumbnail for lists and the portal, a
 * page-size copy for detail pages, each in WebP (most browsers) and JPEG (the others). Phone photos
 * are decoded once, turned upright by their EXIF orientation and never enlarged; the copies carry
 * no metadata (no GPS position). HEIC from iPhones is decoded by libheif (WebAssembly), since the
 * image library's own decoder has no HEVC, and its pixels handed on.
 */

export const VARIANT_SIZES = { thumb: 320, page: 1280 } as const;
export type VariantName = keyof typeof VARIANT_SIZES;
export type VariantFormat = 'webp' | 'jpeg';
export const VARIANT_NAMES = Object.keys(VARIANT_SIZES) as VariantName[];

export interface ImageVariant { variant: VariantName; format: VariantFormat; width: number; height: number; data: Buffer }

/** At most 50 megapixels (a 48 MP phone photo fits); a larger image is refused before it is decoded. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Images that get variants: what a browser or phone uploads as a photo. */
export const HAS_VARIANTS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** An ISO-BMFF file whose major brand is one of HEIF's still-image or sequence brands. */
export function isHeif(b: Buffer): boolean {
  return b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && HEIF_BRANDS.has(b.subarray(8, 12).toString('latin1'));
}

// the image library (loaded on first use, platform/lazy.ts) keeps no cache of decoded images
// between uploads, and works one thread at a time

/** At most two images are decoded at once in this process, whatever the number of uploads. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const unreadable = (name: string) => invalid(`Ảnh "${name}" bị hỏng hoặc không đọc được`, [{ path: 'files', message: `Tệp "${name}" không phải ảnh đọc được (có thể đã hỏng)` }]);
const tooManyPixels = (name: string) => invalid(`Ảnh "${name}" quá lớn`, [{ path: 'files', message: `Ảnh "${name}" lớn hơn 50 megapixel` }]);

/** The upright image at page size at most, as raw pixels, from any accepted photo. */
async function pageRaw(name: string, data: Buffer, mime: string): Promise<{ data: Buffer; info: OutputInfo }> {
  const size = VARIANT_SIZES.page;
  const sharp = await loadSharp();
  let img: Sharp;
  if (mime === 'image/heic') {
    let decoded: { width: number; height: number; data: Uint8ClampedArray };
    let images: Awaited<ReturnType<typeof decodeHeic.all>> | undefined;
    try {
      images = await (await loadHeicDecode()).all({ buffer: data });
    } catch {
      throw unreadable(name);
    }
    try {
      const first = images[0];
      if (!first) throw unreadable(name);
      if (first.width * first.height > MAX_IMAGE_PIXELS) throw tooManyPixels(name);
      decoded = await first.decode().catch(() => { throw unreadable(name); });
    } finally {
      images.dispose();
    }
    img = sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
      raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: MAX_IMAGE_PIXELS,
    });
  } else {
    img = sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', sequentialRead: true }).rotate();
  }
  try {
    return await img.resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    if (/pixel limit/i.test((e as Error).message)) throw tooManyPixels(name);
    throw unreadable(name);
  }
}

/**
 * Check that a file is a readable image, or answer 422 naming it: what an upload does before
 * anything is written, without making the copies. A JPEG is decoded at an eighth of its size (its
 * decoder scales while it reads every block, so a cut or damaged file still fails); HEIC is decoded
 * whole, as its copies will be.
 */
export function checkImage(name: string, data: Buffer, mime: string): Promise<void> {
  return slot(async () => {
    if (mime === 'image/heic') {
      await pageRaw(name, data, mime);
      return;
    }
    const sharp = await loadSharp();
    try {
      await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', sequentialRead: true })
        .resize({ width: 160, height: 160, fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer();
    } catch (e) {
      if (/pixel limit/i.test((e as Error).message)) throw tooManyPixels(name);
      throw unreadable(name);
    }
  });
}

/**
 * Make a readable image's variants (a file that cannot be read is a 422 naming it). Given a loader,
 * the bytes are read only once a decoding place is free, so photos waiting their turn hold no memory.
 */
export function makeVariants(name: string, data: Buffer | (() => Promise<Buffer>), mime: string): Promise<ImageVariant[]> {
  return slot(async () => {
    const page = await pageRaw(name, typeof data === 'function' ? await data() : data, mime);
    const sharp = await loadSharp();
    const raw = { width: page.info.width, height: page.info.height, channels: page.info.channels };
    const out: ImageVariant[] = [];
    for (const variant of VARIANT_NAMES) {
      const max = VARIANT_SIZES[variant];
      const base = () => sharp(page.data, { raw }).resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
      const webp = await base().webp({ quality: variant === 'thumb' ? 70 : 78, effort: 4 }).toBuffer({ resolveWithObject: true });
      const jpeg = await base().flatten({ background: '#ffffff' }).jpeg({ quality: variant === 'thumb' ? 72 : 80, mozjpeg: true }).toBuffer({ resolveWithObject: true });
      out.push({ variant, format: 'webp', width: webp.info.width, height: webp.info.height, data: webp.data });
      out.push({ variant, format: 'jpeg', width: jpeg.info.width, height: jpeg.info.height, data: jpeg.data });
    }
    return out;
  });
}
