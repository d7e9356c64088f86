import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { caller, multipart, PNG } from './calls.js';
import { fixedClock } from '../src/platform/clock.js';

/**
 * One refused file in a request of several: the answer is a 422 whose title and `files` error name
 * that file, and nothing of the request is written (the good files are not kept half-sent: the
 * form keeps them for sending again). Real images: a PNG and a JPEG made here, and a JPEG cut short.
 */
const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const SCHOOL = 'truong.dienbien@ketnoi.demo';
let needId: string;
let jpeg: Buffer;
let damaged: Buffer;

const count = async (sql: string, params: unknown[] = []) => Number((await ctx.db.one<{ n: number }>(sql, params)).n);

beforeAll(async () => {
  ctx = await testApp({ clock });
  const school = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = $1`, [SCHOOL])).organisation_id;
  const n = await call(SCHOOL, 'POST', '/api/v1/needs', { schoolId: school, category: 'equipment', title: 'Bàn ghế cho lớp học', quantity: 10, unit: 'bộ', estimatedCost: 10_000_000, priority: 'normal' });
  expect(n.statusCode).toBe(201);
  needId = n.json().id;
  jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 200 } } }).jpeg({ quality: 80 }).toBuffer();
  // a real JPEG cut in the middle of its data: its header says JPEG, its pixels cannot be read
  damaged = jpeg.subarray(0, Math.floor(jpeg.length / 3));
  expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
}, 60_000);
afterAll(async () => { await ctx.close(); });

const three = () => [
  { filename: 'lop-hoc-1.png', type: 'image/png', data: PNG },
  { filename: 'anh-vo.jpg', type: 'image/jpeg', data: damaged },
  { filename: 'lop-hoc-2.jpg', type: 'image/jpeg', data: jpeg },
];

describe('a refused file among good ones', () => {
  it('need photos: 2 good and 1 damaged answer 422 naming the damaged one, and nothing is stored', async () => {
    const files = await count('SELECT count(*) AS n FROM stored_file');
    const variants = await count('SELECT count(*) AS n FROM stored_file_variant');
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, three()));
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json().title).toBe('Ảnh "anh-vo.jpg" bị hỏng hoặc không đọc được');
    expect(r.json().errors).toEqual([{ path: 'files', message: 'Tệp "anh-vo.jpg" không phải ảnh đọc được (có thể đã hỏng)' }]);
    expect(JSON.stringify(r.json())).not.toContain('lop-hoc');
    expect(await count('SELECT count(*) AS n FROM stored_file')).toBe(files);
    expect(await count('SELECT count(*) AS n FROM stored_file_variant')).toBe(variants);
    expect(await count(`SELECT count(*) AS n FROM stored_file WHERE owner_kind = 'need' AND owner_id = $1`, [needId])).toBe(0);
    // in English, the title names it too
    const en = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos?lang=en`, ...multipart({}, three()));
    expect(en.json().title).toBe('The image "anh-vo.jpg" is damaged or unreadable');
    // the same good files sent again without the bad one are stored
    const ok = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, three().filter((f) => f.filename !== 'anh-vo.jpg')));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items).toHaveLength(2);
    expect(await count('SELECT count(*) AS n FROM stored_file')).toBe(files + 2);
  });

  it('a file of a refused type is named in the title as well', async () => {
    const before = await count('SELECT count(*) AS n FROM stored_file');
    const r = await call(SCHOOL, 'POST', `/api/v1/needs/${needId}/photos`, ...multipart({}, [
      { filename: 'lop-hoc-3.jpg', type: 'image/jpeg', data: jpeg },
      { filename: 'ghi-chu.txt', type: 'text/plain', data: Buffer.from('không phải ảnh') },
    ]));
    expect(r.statusCode).toBe(422);
    expect(r.json().title).toBe('Tệp "ghi-chu.txt" có loại không được chấp nhận');
    expect(await count('SELECT count(*) AS n FROM stored_file')).toBe(before);
  });

  it('a twinning activity with 2 good photos and 1 damaged is not recorded at all', async () => {
    const hanoiSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.hanoi@ketnoi.demo'`)).organisation_id;
    const dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = $1`, [SCHOOL])).organisation_id;
    const border = (await ctx.db.one<{ id: string }>(
      `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
        WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND s.organisation_id <> $1 ORDER BY s.code LIMIT 1`, [dbSchool])).id;
    const pair = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { hanoiSchoolId: hanoiSchool, borderSchoolId: border, startYear: 2026 });
    expect(pair.statusCode).toBe(201);
    const files = await count('SELECT count(*) AS n FROM stored_file');
    const acts = await count('SELECT count(*) AS n FROM twinning_activity WHERE pair_id = $1', [pair.json().id]);
    const r = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pair.json().id}/activities`,
      ...multipart({ heldOn: '2026-06-10', kind: 'exchange', subKind: 'sports', title: 'Giao lưu thể thao' }, three()));
    expect(r.statusCode).toBe(422);
    expect(r.json().title).toBe('Ảnh "anh-vo.jpg" bị hỏng hoặc không đọc được');
    expect(await count('SELECT count(*) AS n FROM stored_file')).toBe(files);
    expect(await count('SELECT count(*) AS n FROM twinning_activity WHERE pair_id = $1', [pair.json().id])).toBe(acts);
  });
});
