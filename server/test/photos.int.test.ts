import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { caller, multipart } from './calls.js';
import { fixedClock } from '../src/platform/clock.js';
import { storeFile, variantsSettled } from '../src/platform/files.js';
import { readFileSync } from 'node:fs';

/**
 * Photos fit a weak connection: a phone photo of 3–5 MB is accepted, kept byte for byte, and gets a
 * thumbnail and a page-size copy in WebP and JPEG, read under the same check as the original.
 */
const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
let needId: string;
let photo: Buffer;
let photoId: string;
const call = caller(() => ctx);
const SCHOOL = 'truong.dienbien@ketnoi.demo';
const WEBP = { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' };

beforeAll(async () => {
  ctx = await testApp({ clock });
  const school = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = $1`, [SCHOOL])).organisation_id;
  const n = await call(SCHOOL, 'POST', '/api/v1/needs', { schoolId: school, category: 'equipment', title: 'Bàn ghế cho điểm trường bản', quantity: 20, unit: 'bộ', estimatedCost: 30_000_000, priority: 'normal' });
  expect(n.statusCode).toBe(201);
  needId = n.json().id;
  // a 12-megapixel phone-sized photo: noise compresses badly, as real detail does
  photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 22 } } }).jpeg({ quality: 80 }).toBuffer();
}, 60_000);
afterAll(async () => { await ctx.close(); });

describe('photo variants', () => {
  it('a 3–5 MB phone photo is accepted and gets a thumbnail and a page-size copy, smaller, in WebP and JPEG', async () => {
    expect(photo.length).toBeGreaterThan(3_000_000);
    expect(photo.length).toBeLessThan(5 * 1024 * 1024);
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'IMG_2041.jpg', type: 'image/jpeg', data: photo }]));
    expect(r.statusCode).toBe(201);
    photoId = r.json().items[0].id;
    // the copies are made once the upload's transaction has committed
    await variantsSettled();
    const rows = await ctx.db.query<{ variant: string; format: string; width: number; height: number; size: number }>(
      'SELECT variant, format, width, height, size FROM stored_file_variant WHERE file_id = $1 ORDER BY variant, format', [photoId]);
    expect(rows.map((v) => `${v.variant}.${v.format} ${v.width}x${v.height}`)).toEqual([
      'page.jpeg 1280x960', 'page.webp 1280x960', 'thumb.jpeg 320x240', 'thumb.webp 320x240']);
    for (const v of rows) expect(v.size).toBeLessThan(photo.length / 20);

    const thumb = await call(SCHOOL, 'GET', `/api/v1/files/${photoId}?variant=thumb`, undefined, WEBP);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers.vary).toMatch(/Accept/);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    // a browser that does not take WebP gets JPEG
    const page = await call(SCHOOL, 'GET', `/api/v1/files/${photoId}?variant=page`, undefined, { accept: 'image/jpeg,image/*' });
    expect(page.headers['content-type']).toBe('image/jpeg');
    const pm = await sharp(page.rawPayload).metadata();
    expect([pm.format, pm.width, pm.height]).toEqual(['jpeg', 1280, 960]);
    // asked again with its tag, the copy is "not modified" after the same check
    const again = await call(SCHOOL, 'GET', `/api/v1/files/${photoId}?variant=thumb`, undefined, { ...WEBP, 'if-none-match': String(thumb.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  }, 60_000);

  it('the original is kept byte for byte', async () => {
    const orig = await call(SCHOOL, 'GET', `/api/v1/files/${photoId}`);
    expect(orig.statusCode).toBe(200);
    expect(orig.headers['content-type']).toBe('image/jpeg');
    expect(orig.rawPayload.equals(photo)).toBe(true);
  });

  it('a copy is read under the same check as the original: another school, another province and the public are refused', async () => {
    for (const variant of ['', '?variant=thumb', '?variant=page']) {
      expect((await call('truong.hanoi@ketnoi.demo', 'GET', `/api/v1/files/${photoId}${variant}`, undefined, WEBP)).statusCode).toBe(403);
      expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/files/${photoId}${variant}`, undefined, WEBP)).statusCode).toBe(403);
      const anon = await call(null, 'GET', `/api/v1/files/${photoId}${variant}`, undefined, WEBP);
      expect(anon.statusCode).toBe(401);
      expect(anon.headers['content-type']).toMatch(/json/);
      // a forged tag reveals nothing either
      expect((await call('truong.hanoi@ketnoi.demo', 'GET', `/api/v1/files/${photoId}${variant}`, undefined, { 'if-none-match': '"x"' })).statusCode).toBe(403);
    }
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/files/${photoId}?variant=thumb`, undefined, WEBP)).statusCode).toBe(200);
  });

  it('a damaged photo is refused with a Vietnamese 422 naming the file, and nothing is written', async () => {
    const before = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stored_file')).n);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)]);
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'anh-bi-hong.jpg', type: 'image/jpeg', data: broken }]));
    expect(r.statusCode).toBe(422);
    expect(r.json().title).toBe('Ảnh "anh-bi-hong.jpg" bị hỏng hoặc không đọc được');
    expect(JSON.stringify(r.json().errors)).toContain('Tệp \\"anh-bi-hong.jpg\\" không phải ảnh đọc được');
    const en = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos?lang=en`, ...multipart({}, [{ filename: 'anh-bi-hong.jpg', type: 'image/jpeg', data: broken }]));
    expect(JSON.stringify(en.json())).toContain('The file \\"anh-bi-hong.jpg\\" is not a readable image');
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stored_file')).n)).toBe(before);
  });

  it('a HEIC file goes to the HEIF decoder: a damaged one is a 422 naming it', async () => {
    // A real iPhone HEIC (HEVC) cannot be made here: the image library's HEIF encoder has no HEVC,
    // and no sample ships with the packages. A HEIF container whose data is cut is what is tested.
    const cut = Buffer.concat([Buffer.from('0000001c6674797068656963000000006d69663168656963', 'hex'), Buffer.alloc(2000, 3)]);
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'IMG_0001.HEIC', type: 'image/heic', data: cut }]));
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json().errors)).toContain('Tệp \\"IMG_0001.HEIC\\" không phải ảnh đọc được');
    // a HEIC name on a file that is not HEIF is refused by its type
    const fake = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'IMG_0002.heic', type: 'image/heic', data: photo.subarray(0, 1000) }]));
    expect(fake.statusCode).toBe(422);
    expect(JSON.stringify(fake.json().errors)).toContain('IMG_0002.heic');
  });

  it('a photo without its copies yet answers with its original, marked pending, and gets them made; a transparent one is flattened for JPEG', async () => {
    const png = await sharp({ create: { width: 2000, height: 500, channels: 4, background: { r: 0, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer();
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'so-do.png', type: 'image/png', data: png }]));
    expect(r.statusCode).toBe(201);
    const id = r.json().items[0].id;
    await variantsSettled();
    // as a photo stored before copies were made
    await ctx.db.query('DELETE FROM stored_file_variant WHERE file_id = $1', [id]);
    const first = await call(SCHOOL, 'GET', `/api/v1/files/${id}?variant=thumb`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-variant']).toBe('pending');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.rawPayload.equals(png)).toBe(true);
    await variantsSettled();
    const thumb = await call(SCHOOL, 'GET', `/api/v1/files/${id}?variant=thumb`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['x-variant']).toBeUndefined();
    // JPEG has no transparency: the copy is flattened on white
    const m = await sharp(thumb.rawPayload).metadata();
    expect([m.format, m.width, m.height, m.hasAlpha]).toEqual(['jpeg', 320, 80, false]);
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stored_file_variant WHERE file_id = $1', [id])).n)).toBe(4);
  });

  it('the copies are made after the transaction commits, never inside it, and not at all when it rolls back', async () => {
    const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 40, g: 90, b: 30 } } }).jpeg().toBuffer();
    const count = async (fileId: string) => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stored_file_variant WHERE file_id = $1', [fileId])).n);
    let kept = '';
    await ctx.db.tx(async (t) => {
      kept = (await storeFile(t, null, 'trong-giao-dich.jpg', jpeg, { owner: { kind: 'need', id: needId } })).id;
      // the original is written; its copies wait for the commit
      expect(Number((await t.one<{ n: number }>('SELECT count(*) AS n FROM stored_file WHERE id = $1', [kept])).n)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(Number((await t.one<{ n: number }>('SELECT count(*) AS n FROM stored_file_variant WHERE file_id = $1', [kept])).n)).toBe(0);
    });
    await variantsSettled();
    expect(await count(kept)).toBe(4);

    let dropped = '';
    await expect(ctx.db.tx(async (t) => {
      dropped = (await storeFile(t, null, 'huy-bo.jpg', jpeg, { owner: { kind: 'need', id: needId } })).id;
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await variantsSettled();
    expect(await count(dropped)).toBe(0);
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM stored_file WHERE id = $1', [dropped])).n)).toBe(0);
  });

  it('a HEIC photo (a synthetic one made by the project with heif-enc) gets a thumbnail and a page-size copy, and its original is kept byte for byte', async () => {
    const heic = readFileSync(new URL('./fixtures/synthetic-800x600.heic', import.meta.url));
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [{ filename: 'IMG_4821.HEIC', type: 'image/heic', data: heic }]));
    expect(r.statusCode).toBe(201);
    const id = r.json().items[0].id;
    expect(r.json().items[0].mime).toBe('image/heic');
    await variantsSettled();
    const rows = await ctx.db.query<{ variant: string; format: string; width: number; height: number }>(
      'SELECT variant, format, width, height FROM stored_file_variant WHERE file_id = $1 ORDER BY variant, format', [id]);
    // never enlarged: an 800×600 picture's page copy keeps its size
    expect(rows.map((v) => `${v.variant}.${v.format} ${v.width}x${v.height}`)).toEqual([
      'page.jpeg 800x600', 'page.webp 800x600', 'thumb.jpeg 320x240', 'thumb.webp 320x240']);
    const thumb = await call(SCHOOL, 'GET', `/api/v1/files/${id}?variant=thumb`, undefined, WEBP);
    const tm = await sharp(thumb.rawPayload).metadata();
    expect([thumb.headers['content-type'], tm.format, tm.width, tm.height]).toEqual(['image/webp', 'webp', 320, 240]);
    const page = await call(SCHOOL, 'GET', `/api/v1/files/${id}?variant=page`, undefined, { accept: 'image/jpeg' });
    const pm = await sharp(page.rawPayload).metadata();
    expect([pm.format, pm.width, pm.height]).toEqual(['jpeg', 800, 600]);
    // the pixels are the picture's: the red disc's centre is red in the page copy
    const { data, info } = await sharp(page.rawPayload).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [red, green, blue] = at(220, 260);
    expect(red).toBeGreaterThan(150);
    expect(green).toBeLessThan(110);
    expect(blue).toBeLessThan(110);
    const orig = await call(SCHOOL, 'GET', `/api/v1/files/${id}`);
    expect(orig.statusCode).toBe(200);
    expect(orig.headers['content-type']).toBe('image/heic');
    expect(orig.rawPayload.equals(heic)).toBe(true);
    // browsers do not show HEIC: without its copies, asking for one waits for them instead of sending the original
    await ctx.db.query('DELETE FROM stored_file_variant WHERE file_id = $1', [id]);
    const again = await call(SCHOOL, 'GET', `/api/v1/files/${id}?variant=thumb`, undefined, { accept: 'image/jpeg' });
    expect(again.headers['x-variant']).toBeUndefined();
    const am = await sharp(again.rawPayload).metadata();
    expect([again.headers['content-type'], am.format, am.width, am.height]).toEqual(['image/jpeg', 'jpeg', 320, 240]);
  }, 60_000);
});
