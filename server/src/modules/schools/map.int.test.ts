import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';

/**
 * The schools map grouped on the server: for the demo data, at several zooms, boxes and filters,
 * the cells' counts add up to the located schools the filter and the box select, every cell holds
 * schools of its own square, a cell of one school is that school (id, name, levels, exact place),
 * and from the deepest zoom every school is on its own.
 */

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

type Row = [string | null, string | null, number, number, string | null, number];
interface Located { id: string; name: string; lat: number; lng: number; levels: string; province_code: string; ownership: string; flags: string[] }

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
const cellOf = (zoom: number) => 360 / 2 ** zoom / 6;
type Box = [number, number, number, number];
const BOXES: (Box | null)[] = [null, [102, 8, 110, 24], [102.9, 21, 103.3, 21.6], [105.3, 20.6, 106.2, 21.4]];
const ZOOMS = [3, 5, 8, 11, 14];
const FILTERS: [string, (s: Located) => boolean][] = [
  ['', () => true],
  ['provinceCode=11', (s) => s.province_code === '11'],
  ['provinceCode=01', (s) => s.province_code === '01'],
  ['level=thcs', (s) => s.levels.split(',').includes('thcs')],
  ['level=ptdtbt&provinceCode=11', (s) => s.province_code === '11' && s.levels.split(',').includes('ptdtbt')],
  ['ownership=private', (s) => s.ownership === 'private'],
  ['flag=border', (s) => s.flags.includes('border')],
];

let located: Located[];
beforeAll(async () => {
  located = await ctx.db.query<Located>(
    `SELECT s.organisation_id::text AS id, s.name, s.lat, s.lng, array_to_string(s.levels, ',') AS levels, s.province_code, s.ownership, c.flags
       FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code
      WHERE s.lat IS NOT NULL AND s.lng IS NOT NULL`);
});

const inBox = (s: Located, b: Box | null) => !b || (s.lng >= b[0] && s.lng <= b[2] && s.lat >= b[1] && s.lat <= b[3]);

describe('the schools map, grouped on the server', () => {
  it('has demo schools to group, some without a place', async () => {
    expect(located.length).toBeGreaterThan(100);
    const all = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM school')).n);
    expect(all).toBeGreaterThanOrEqual(located.length);
  });

  it('counts every located school of the filter and the box once, in the cell of its square', async () => {
    let cells = 0;
    let singles = 0;
    let groups = 0;
    for (const [qs, keep] of FILTERS) {
      for (const zoom of ZOOMS) {
        for (const box of BOXES) {
          const url = `/api/v1/schools/points?${[qs, `zoom=${zoom}`, box ? `bbox=${box.join(',')}` : ''].filter(Boolean).join('&')}`;
          const res = await get(url);
          expect(res.statusCode, url).toBe(200);
          const body = res.json() as { fields: string[]; rows: Row[] };
          expect(body.fields).toEqual(['id', 'name', 'lat', 'lng', 'levels', 'count']);
          const want = located.filter((s) => keep(s) && inBox(s, box));
          expect(body.rows.reduce((n, r) => n + r[5], 0), url).toBe(want.length);
          // the schools of each square, as the cells should count them
          const c = cellOf(zoom);
          const key = (lat: number, lng: number) => `${Math.floor(lat / c)}:${Math.floor(lng / c)}`;
          const bySquare = new Map<string, Located[]>();
          for (const s of want) bySquare.set(key(s.lat, s.lng), [...(bySquare.get(key(s.lat, s.lng)) ?? []), s]);
          expect(body.rows.length, url).toBe(bySquare.size);
          for (const r of body.rows) {
            const [id, name, lat, lng, levels, count] = r;
            if (count === 1) {
              // a cell of one school is that school
              const s = want.find((x) => x.id === id);
              expect(s, url).toBeDefined();
              expect([name, lat, lng, levels]).toEqual([s!.name, s!.lat, s!.lng, s!.levels]);
              expect(bySquare.get(key(lat, lng))?.map((x) => x.id)).toEqual([id]);
              singles++;
            } else {
              expect([id, name, levels], url).toEqual([null, null, null]);
              // its centre of mass lies in its square, which holds that many schools
              const members = [...bySquare.values()].find((xs) => xs.length === count && Math.abs(xs.reduce((a, x) => a + x.lat, 0) / count - lat) < 1e-4 && Math.abs(xs.reduce((a, x) => a + x.lng, 0) / count - lng) < 1e-4);
              expect(members, `${url} ${JSON.stringify(r)}`).toBeDefined();
              groups++;
            }
          }
          cells += body.rows.length;
        }
      }
    }
    // the comparison saw maps of many cells, schools alone in theirs and groups
    expect(cells).toBeGreaterThan(300);
    expect(singles).toBeGreaterThan(50);
    expect(groups).toBeGreaterThan(50);
  });

  it('groups the whole country at the default zoom into few cells', async () => {
    const rows = (await get('/api/v1/schools/points')).json().rows as Row[];
    expect(rows.length).toBeLessThan(located.length / 2);
    expect(rows.reduce((n, r) => n + r[5], 0)).toBe(located.length);
    expect(rows).toEqual((await get('/api/v1/schools/points?zoom=5')).json().rows);
  });

  it('shows every school on its own from the deepest zoom, with its id, name, levels and place', async () => {
    for (const [qs, keep] of FILTERS) {
      const rows = (await get(`/api/v1/schools/points?zoom=16${qs ? `&${qs}` : ''}`)).json().rows as Row[];
      const want = located.filter(keep).map((s) => [s.id, s.name, s.lat, s.lng, s.levels, 1]);
      const order = (xs: unknown[][]) => [...xs].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(order(rows), qs).toEqual(order(want));
    }
  });

  it('refuses a malformed zoom or box with a message', async () => {
    for (const q of ['zoom=30', 'zoom=abc', 'bbox=1,2,3', 'bbox=110,8,102,24', 'bbox=a,b,c,d', 'level=nope']) {
      const res = await get(`/api/v1/schools/points?${q}`);
      expect(res.statusCode, q).toBe(422);
      expect(JSON.stringify(res.json()), q).toMatch(q.startsWith('bbox') ? /Khung bản đồ không hợp lệ/ : /"message":"[^"]+"/);
    }
  });
});
