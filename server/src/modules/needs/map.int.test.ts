import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import * as repo from './repository.js';

/**
 * The needs map read from the schools' summary (school_need_map and, for a category,
 * school_need_map_category, migration 0037) answers exactly
 * what the map summed over the needs answered, for the demo data, at several zooms, boxes and
 * filters, and again after pledges and needs changing state; the route answers the same.
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
beforeAll(async () => { ctx = await testApp({ clock }); });
afterAll(async () => { await ctx.close(); });

const RANK_STATUS = ['published', 'partly_pledged', 'fully_pledged', 'delivered'];
const PUBLIC = ['published', 'accepted', 'closed'] as const;

/** A cell as the route answers it, and the cells in one order. */
const row = (c: repo.MapCell) => [c.id, c.title, c.lat, c.lng, c.status ?? RANK_STATUS[Number(c.rank)], c.category, Number(c.remaining), Number(c.count)];
const sorted = (cells: repo.MapCell[]) => cells.map(row).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const ZOOMS = [3, 5, 8, 11, 15];
const cellOf = (zoom: number) => 360 / 2 ** zoom / 6;

async function filters(): Promise<repo.NeedFilter[]> {
  const db = ctx.db;
  const commune = (await db.one<{ commune_code: string }>(
    `SELECT n.commune_code FROM need n WHERE n.state = 'published' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).commune_code;
  const school = (await db.one<{ school_id: string }>(`SELECT school_id FROM need WHERE state = 'published' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).school_id;
  return [
    { states: [...PUBLIC] },
    { states: [...PUBLIC], provinceCode: '11' },
    { states: [...PUBLIC], provinceCode: '01' },
    { states: [...PUBLIC], communeCode: commune },
    { states: [...PUBLIC], schoolId: school },
    { states: [...PUBLIC], level: 'thcs' },
    { states: [...PUBLIC], flag: 'border' },
    { states: [...PUBLIC], open: true },
    { states: [...PUBLIC], open: true, provinceCode: '11', level: 'thpt' },
    { states: ['published'] },
    { states: ['accepted'] },
    { states: ['accepted', 'closed'] },
    { states: ['closed'], open: true },
    { states: [] },
    { states: ['published'], flag: 'border', open: true },
    { states: [...PUBLIC], schoolLevelsWithin: ['mam_non', 'tieu_hoc', 'thcs'] },
    { states: [...PUBLIC], category: 'classroom' },
    { states: [...PUBLIC], category: 'equipment', open: true },
    { states: ['published'], category: 'books', provinceCode: '11' },
    { states: [...PUBLIC], category: 'toilet', flag: 'border', level: 'thpt' },
  ];
}

const BOXES: ([number, number, number, number] | null)[] = [null, [102, 8, 110, 24], [102.9, 21, 103.3, 21.6], [105.3, 20.6, 106.2, 21.4]];

async function expectSameMaps() {
  let cells = 0;
  let singles = 0;
  for (const f of await filters()) {
    expect(repo.mapServedBySummary(f), JSON.stringify(f)).toBe(true);
    for (const zoom of ZOOMS) {
      for (const bbox of BOXES) {
        const before = await repo.mapCellsFromNeeds(ctx.db, f, cellOf(zoom), bbox);
        const now = await repo.mapCells(ctx.db, f, cellOf(zoom), bbox);
        expect(sorted(now), `${JSON.stringify(f)} zoom ${zoom} ${bbox}`).toEqual(sorted(before));
        cells += before.length;
        singles += before.filter((c) => c.id).length;
      }
    }
  }
  // the comparison saw maps of many cells, with needs alone in their cell
  expect(cells).toBeGreaterThan(500);
  expect(singles).toBeGreaterThan(50);
}

describe('the needs map from the schools summary', () => {
  it('answers what the map summed over the needs answers, for the demo data', async () => {
    await expectSameMaps();
  });

  it('a search is read from the needs', () => {
    expect(repo.mapServedBySummary({ states: [...PUBLIC], q: 'ban ghe' })).toBe(false);
    expect(repo.mapServedBySummary({ states: ['draft'] })).toBe(false);
  });

  it('answers the same through the route, at several zooms and filters', async () => {
    for (const [q, f] of [
      ['', {}], ['zoom=8', {}], ['zoom=12&bbox=102.9,21,103.3,21.6', {}], ['provinceCode=11&zoom=9', { provinceCode: '11' }],
      ['open=true&zoom=7', { open: true }], ['status=accepted', { states: ['accepted'] }], ['flag=border&level=thpt&zoom=10', { flag: 'border', level: 'thpt' }],
      ['category=classroom&zoom=6', { category: 'classroom' }],
    ] as const) {
      const res = await call(null, 'GET', `/api/v1/needs/points${q ? `?${q}` : ''}`);
      expect(res.statusCode, q).toBe(200);
      const p = new URLSearchParams(q);
      const zoom = Number(p.get('zoom') ?? 5);
      const bbox = p.get('bbox')?.split(',').map(Number) as [number, number, number, number] | undefined;
      const before = await repo.mapCellsFromNeeds(ctx.db, { states: [...PUBLIC], ...f } as repo.NeedFilter, cellOf(zoom), bbox ?? null);
      const got = res.json().rows.sort((a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(got, q).toEqual(sorted(before));
    }
  });

  it('still answers the same after pledges, receipts and needs changing state', async () => {
    const db = ctx.db;
    const donor = (await db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'nhataitro@ketnoi.demo'`)).organisation_id;
    const needs = await db.query<{ id: string }>(`SELECT id FROM need WHERE state = 'published' ORDER BY id LIMIT 12`);
    await db.tx(async (t) => {
      for (const [i, n] of needs.entries()) {
        // some covered in full, some in part, some received
        await t.query(
          `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, quantity, need_id, status, pledged_on)
           SELECT $1, school_id, province_code, 'in_kind', category, 'Đóng góp thử', 1000000, CASE WHEN $3 THEN quantity ELSE 1 END, id, $4, '2026-11-01' FROM need WHERE id = $2`,
          [donor, n.id, i % 3 === 0, i % 4 === 0 ? 'received' : 'pledged']);
      }
      await t.query(`UPDATE need SET state = 'accepted' WHERE id = $1`, [needs[0].id]);
      await t.query(`UPDATE need SET state = 'withdrawn' WHERE id = $1`, [needs[1].id]);
      await t.query(`UPDATE need SET quantity = quantity + 5 WHERE id = $1`, [needs[3].id]);
    });
    await expectSameMaps();
  });

  it('puts a school’s first public need at its place, and follows a school that moves', async () => {
    const db = ctx.db;
    const moved = (await db.one<{ school_id: string }>(`SELECT school_id FROM need WHERE state = 'published' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).school_id;
    const fresh = await db.one<{ organisation_id: string }>(
      `SELECT s.organisation_id FROM school s WHERE s.lat IS NOT NULL AND NOT EXISTS (SELECT 1 FROM school_need_map m WHERE m.school_id = s.organisation_id) ORDER BY s.organisation_id LIMIT 1`);
    await db.query(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, published_at, search)
       SELECT organisation_id, province_code, commune_code, 'books', 'Sách giáo khoa', 30, 'bộ', 200000, 'high', 'published', now(), 'sach giao khoa' FROM school WHERE organisation_id = $1`,
      [fresh.organisation_id]);
    await db.query(`UPDATE school SET lat = lat + 0.5, lng = lng - 0.3 WHERE organisation_id = $1`, [moved]);
    const rows = await db.query<{ same: boolean }>(
      `SELECT m.lat = s.lat AND m.lng = s.lng AS same FROM school_need_map m JOIN school s ON s.organisation_id = m.school_id WHERE m.school_id = ANY($1::uuid[])
       UNION ALL SELECT m.lat = s.lat AND m.lng = s.lng FROM school_need_map_category m JOIN school s ON s.organisation_id = m.school_id WHERE m.school_id = ANY($1::uuid[])`,
      [[moved, fresh.organisation_id]]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.same)).toBe(true);
    await expectSameMaps();
  });
});
