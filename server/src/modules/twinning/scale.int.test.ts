import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { testApp, type TestContext } from '../../../test/harness.js';
import { fixedClock } from '../../platform/clock.js';
import { reportFigures } from './domain.js';
import * as repo from './repository.js';
import { figures } from './service.js';
import { mapCellSize } from '../../platform/map-cells.js';

/**
 * Twinning at scale on a few hundred pairs: the list pages every pair exactly once, each pair's
 * summary of a year (twinning_pair_year, kept by triggers) equals its rows after random writes, the
 * figures summed in SQL equal the former sums over the rows themselves, and the dashboard and the
 * reports agree with direct SQL.
 */
const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
let so01: string;
let clusterId: string;

const call = async (who: string | null, url: string) => ctx.app.inject({ method: 'GET', url, headers: who ? { cookie: await ctx.cookie(who) } : {} });

beforeAll(async () => {
  ctx = await testApp({ clock });
  so01 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-01'`)).id;
  // every Hanoi school with every border school of Điện Biên (a few ended), the clusters with some; then activities and support on them
  await ctx.db.exec(`
    INSERT INTO twinning_pair (hanoi_school_id, border_school_id, start_year, status, created_at)
    SELECT h.organisation_id, b.organisation_id, 2024 + (row_number() OVER ()) % 4, CASE WHEN (row_number() OVER ()) % 11 = 0 THEN 'ended' WHEN (row_number() OVER ()) % 7 = 0 THEN 'paused' ELSE 'active' END,
           timestamptz '2025-01-01' + ((row_number() OVER ()) % 37) * interval '1 day'
      FROM (SELECT organisation_id FROM school WHERE province_code = '01' ORDER BY code LIMIT 20) h CROSS JOIN (SELECT organisation_id FROM school WHERE province_code = '11' ORDER BY code LIMIT 15) b
     WHERE NOT EXISTS (SELECT 1 FROM twinning_pair t WHERE t.hanoi_school_id = h.organisation_id AND t.border_school_id = b.organisation_id);
    INSERT INTO twinning_pair (hanoi_cluster_id, border_school_id, start_year, status)
    SELECT c.id, b.organisation_id, 2026, 'active' FROM (SELECT id FROM organisation WHERE kind = 'cluster' AND province_code = '01' ORDER BY code LIMIT 3) c
      CROSS JOIN (SELECT organisation_id FROM school WHERE province_code = '12' ORDER BY code LIMIT 4) b
     WHERE NOT EXISTS (SELECT 1 FROM twinning_pair t WHERE t.hanoi_cluster_id = c.id AND t.border_school_id = b.organisation_id);
    INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, title, teachers, pupils, logged_by_school_id, confirmed_at)
    SELECT p.id, date '2025-10-01' + (g * 3 % 400), (ARRAY['material_support','professional','exchange','tradition'])[1 + g % 4], 'sports', 'Hoạt động ' || g, g % 5, g % 40, p.border_school_id,
           CASE WHEN g % 3 = 0 THEN now() END
      FROM generate_series(1, 900) g JOIN (SELECT id, border_school_id, row_number() OVER (ORDER BY id) AS n FROM twinning_pair) p ON p.n = 1 + (g * 7) % 300;
    INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, status, pledged_on, twinning_activity_id)
    SELECT COALESCE(p.hanoi_school_id, p.hanoi_cluster_id), p.border_school_id, s.province_code, CASE WHEN a.n % 2 = 0 THEN 'money' ELSE 'in_kind' END, 'equipment', 'Hỗ trợ',
           1000000 * a.n + 7, CASE WHEN a.n % 5 = 0 THEN 'cancelled' ELSE 'pledged' END, a.held_on, a.id
      FROM (SELECT id, pair_id, held_on, row_number() OVER (ORDER BY id) AS n FROM twinning_activity WHERE kind = 'material_support') a
      JOIN twinning_pair p ON p.id = a.pair_id JOIN school s ON s.organisation_id = p.border_school_id;
  `);
  clusterId = (await ctx.db.one<{ id: string }>(`SELECT hanoi_cluster_id AS id FROM twinning_pair WHERE hanoi_cluster_id IS NOT NULL LIMIT 1`)).id;
});
afterAll(() => ctx.close());

describe('twinning at scale', () => {
  it('pages every pair exactly once, with and without a filter', async () => {
    for (const q of ['', '&provinceCode=11', '&status=paused', `&clusterId=${clusterId}`, '&idle=true&year=2026']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total = -1;
      do {
        const r = await call(null, `/api/v1/twinning/pairs?limit=7${q}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.statusCode).toBe(200);
        const j = r.json();
        seen.push(...j.items.map((p: { id: string }) => p.id));
        total = j.total;
        cursor = j.nextCursor;
      } while (cursor);
      const w = { '': 'true', '&provinceCode=11': `(bs.province_code = '11' OR COALESCE(hs.province_code, hc.province_code) = '11')`, '&status=paused': `p.status = 'paused'`, [`&clusterId=${clusterId}`]: `(p.hanoi_cluster_id = '${clusterId}' OR hs.cluster_id = '${clusterId}')`,
        // idle in the school year compliance checks on 15/06/2026: 2025-2026, among pairs started by then
        '&idle=true&year=2026': `p.status = 'active' AND p.start_year <= 2026 AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on BETWEEN '2025-09-01' AND '2026-08-31')` }[q];
      const direct = await ctx.db.query<{ id: string }>(`SELECT p.id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id JOIN school bs ON bs.organisation_id = p.border_school_id WHERE ${w} ORDER BY p.created_at DESC, p.id DESC`);
      expect(seen, q).toEqual(direct.map((d) => d.id));
      expect(total, q).toBe(direct.length);
    }
  });

  it('exports every pair exactly once, in order, across its batches of 250', async () => {
    const csv = (await call('so.hanoi@ketnoi.demo', '/api/v1/twinning/pairs?format=csv')).body.replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n').slice(1);
    const direct = await ctx.db.query<{ id: string }>(`SELECT p.id FROM twinning_pair p JOIN school bs ON bs.organisation_id = p.border_school_id ORDER BY p.created_at DESC, p.id DESC`);
    expect(direct.length).toBeGreaterThan(250);
    expect(lines).toHaveLength(direct.length);
    expect(lines.map((l) => direct.findIndex((d) => l.includes(d.id)))).toEqual(direct.map((_, i) => i));
  });

  it("keeps each pair's summary of a year equal to its activities and support after random writes", async () => {
    const DIRECT = `
      SELECT y.year, y.pair_id, COALESCE(a.n, 0) AS activities, COALESCE(a.confirmed, 0) AS confirmed, COALESCE(a.ms, 0) AS material_support,
             COALESCE(a.pr, 0) AS professional, COALESCE(a.ex, 0) AS exchange, COALESCE(a.tr, 0) AS tradition, COALESCE(a.teachers, 0) AS teachers,
             COALESCE(a.pupils, 0) AS pupils, COALESCE(s.m, 0) AS support_money, COALESCE(s.k, 0) AS support_in_kind, COALESCE(s.nm, 0) AS support_non_material
        FROM (SELECT DISTINCT extract(year FROM held_on)::int AS year, pair_id FROM twinning_activity) y
        LEFT JOIN (SELECT extract(year FROM held_on)::int AS year, pair_id, count(*) AS n, count(confirmed_at) AS confirmed,
                          count(*) FILTER (WHERE kind = 'material_support') AS ms, count(*) FILTER (WHERE kind = 'professional') AS pr,
                          count(*) FILTER (WHERE kind = 'exchange') AS ex, count(*) FILTER (WHERE kind = 'tradition') AS tr, sum(teachers) AS teachers, sum(pupils) AS pupils
                     FROM twinning_activity GROUP BY 1, 2) a ON a.year = y.year AND a.pair_id = y.pair_id
        LEFT JOIN (SELECT extract(year FROM a.held_on)::int AS year, a.pair_id, sum(k.value_vnd) FILTER (WHERE k.form = 'money') AS m,
                          sum(k.value_vnd) FILTER (WHERE k.form = 'in_kind') AS k, sum(k.value_vnd) FILTER (WHERE k.form = 'non_material') AS nm
                     FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id WHERE k.status <> 'cancelled' GROUP BY 1, 2) s
          ON s.year = y.year AND s.pair_id = y.pair_id`;
    const SUMMARY = `SELECT year, pair_id, activities, confirmed, material_support, professional, exchange, tradition, teachers, pupils, support_money, support_in_kind, support_non_material
      FROM twinning_pair_year WHERE activities <> 0 OR support_money <> 0 OR support_in_kind <> 0 OR support_non_material <> 0`;
    const differences = async () => ctx.db.query(`(${SUMMARY} EXCEPT ${DIRECT}) UNION ALL (${DIRECT} EXCEPT ${SUMMARY})`);
    expect(await differences()).toEqual([]);
    // random writes (a fixed seed): activities moved across years and pairs, re-kinded, confirmed, counted again, deleted;
    // gifts cancelled and restored, their amounts and forms changed, moved to another activity, deleted; new gifts
    let seed = 20261201;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const activities = (await ctx.db.query<{ id: string }>('SELECT id FROM twinning_activity ORDER BY id')).map((a) => a.id);
    const gifts = (await ctx.db.query<{ id: string }>('SELECT id FROM contribution WHERE twinning_activity_id IS NOT NULL ORDER BY id')).map((g) => g.id);
    const pairs = (await ctx.db.query<{ id: string }>('SELECT id FROM twinning_pair ORDER BY id')).map((p) => p.id);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const KINDS = ['material_support', 'professional', 'exchange', 'tradition'];
    const FORMS = ['money', 'in_kind', 'non_material'];
    for (let i = 0; i < 400; i++) {
      const op = Math.floor(rand() * 9);
      const a = pick(activities);
      const g = pick(gifts);
      if (op === 0) await ctx.db.query(`UPDATE twinning_activity SET held_on = held_on + $2::int WHERE id = $1`, [a, Math.floor(rand() * 800) - 400]);
      else if (op === 1) await ctx.db.query(`UPDATE twinning_activity SET pair_id = $2 WHERE id = $1`, [a, pick(pairs)]);
      else if (op === 2) await ctx.db.query(`UPDATE twinning_activity SET kind = $2, teachers = $3, pupils = $4 WHERE id = $1`, [a, pick(KINDS), Math.floor(rand() * 9), Math.floor(rand() * 90)]);
      else if (op === 3) await ctx.db.query(`UPDATE twinning_activity SET confirmed_at = CASE WHEN confirmed_at IS NULL THEN now() END WHERE id = $1`, [a]);
      else if (op === 4) await ctx.db.query(`DELETE FROM twinning_activity WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM contribution WHERE twinning_activity_id = $1)`, [a]);
      else if (op === 5) await ctx.db.query(`UPDATE contribution SET status = CASE WHEN status = 'cancelled' THEN 'delivered' ELSE 'cancelled' END WHERE id = $1`, [g]);
      else if (op === 6) await ctx.db.query(`UPDATE contribution SET value_vnd = $2, form = $3 WHERE id = $1`, [g, Math.floor(rand() * 9_000_000), pick(FORMS)]);
      else if (op === 7) await ctx.db.query(`UPDATE contribution SET twinning_activity_id = (SELECT id FROM twinning_activity ORDER BY id OFFSET $2 LIMIT 1) WHERE id = $1`, [g, Math.floor(rand() * 500)]);
      else await ctx.db.query(`INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, status, pledged_on, twinning_activity_id)
        SELECT contributor_id, school_id, province_code, $2, category, description, $3, 'pledged', pledged_on, (SELECT id FROM twinning_activity ORDER BY id OFFSET $4 LIMIT 1)
          FROM contribution WHERE id = $1`, [g, pick(FORMS), Math.floor(rand() * 5_000_000) + 1, Math.floor(rand() * 500)]);
    }
    const moved = await ctx.db.one<{ n: string }>(`SELECT count(DISTINCT extract(year FROM held_on)) AS n FROM twinning_activity`);
    expect(Number(moved.n)).toBeGreaterThan(2);
    expect(await differences()).toEqual([]);
  });

  it('sums the figures in SQL exactly as over the rows themselves, for all pairs and for a cluster', async () => {
    for (const c of [null, clusterId]) {
      for (const year of [2025, 2026]) {
        const pairs = await ctx.db.query<{ id: string; start_year: number; status: string; hanoi_school_id: string | null; hanoi_cluster_id: string | null; border_school_id: string }>(
          `SELECT p.id, p.start_year, p.status, p.hanoi_school_id, p.hanoi_cluster_id, p.border_school_id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
            WHERE $1::uuid IS NULL OR p.hanoi_cluster_id = $1::uuid OR hs.cluster_id = $1::uuid`, [c]);
        const ids = pairs.map((p) => p.id);
        const [acts, support] = await Promise.all([repo.activitiesOfPairs(ctx.db, ids, year), repo.supportOfPairs(ctx.db, ids, year)]);
        const expected = reportFigures(year, pairs.map((p) => ({ id: p.id, startYear: Number(p.start_year), status: p.status, hanoiSchoolId: p.hanoi_school_id, hanoiClusterId: p.hanoi_cluster_id, createdAt: '' })),
          acts.map((a) => ({ pairId: a.pair_id, heldOn: a.held_on, kind: a.kind, teachers: a.teachers, pupils: a.pupils, confirmed: a.confirmed })),
          support.map((s) => ({ form: s.form, valueVnd: s.value_vnd, status: s.status })));
        const first = new Map<string, number>();
        for (const p of pairs) for (const s of [p.hanoi_school_id, p.border_school_id]) if (s) first.set(s, Math.min(first.get(s) ?? 9999, Number(p.start_year)));
        const got = await figures(ctx.db, year, c);
        expect(got, `${c} ${year}`).toEqual({ ...expected, joinedSchools: [...first.values()].filter((y) => y === year).length });
        expect(got.activities, `${c} ${year}`).toBeGreaterThan(0);
        // the support, to the đồng, as a direct sum of the ledger
        const direct = await ctx.db.one<{ v: string }>(
          `SELECT COALESCE(sum(k.value_vnd), 0)::text AS v FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id
            WHERE k.status <> 'cancelled' AND a.pair_id = ANY($1::uuid[]) AND a.held_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)`, [ids, year]);
        expect(got.supportValue).toBe(direct.v);
      }
    }
  });

  it('answers a compact dashboard whose counts equal direct SQL', async () => {
    const r = await call('so.hanoi@ketnoi.demo', '/api/v1/twinning/dashboard?year=2026');
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d).not.toHaveProperty('pairs');
    expect(d).not.toHaveProperty('map');
    const byProvince = await ctx.db.query<{ name: string; n: number }>(`SELECT a.name, count(*) AS n FROM twinning_pair p JOIN school bs ON bs.organisation_id = p.border_school_id
      JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = bs.province_code WHERE p.status <> 'ended' GROUP BY 1`);
    expect(Object.fromEntries(d.live.byProvince.map((g: { key: string; pairs: number }) => [g.key, g.pairs]))).toEqual(Object.fromEntries(byProvince.map((g) => [g.name, Number(g.n)])));
    const idle = await ctx.db.one<{ n: number }>(`SELECT count(*) AS n FROM twinning_pair p WHERE p.status = 'active' AND p.start_year <= 2026
      AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on BETWEEN '2025-09-01' AND '2026-08-31')`);
    expect(d.compliance.withoutActivity).toBe(Number(idle.n));
    const c = (await call('so.hanoi@ketnoi.demo', '/api/v1/twinning/compliance?year=2026')).json();
    expect(c.withoutActivityCount).toBe(Number(idle.n));
    expect(c.withoutActivity.length).toBe(Math.min(100, Number(idle.n)));
    // the first hundred in the order of the Hanoi side's name (a school's, or a cluster's), then the border school's
    const firstIdle = await ctx.db.query<{ id: string }>(
      `SELECT p.id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
         JOIN school bs ON bs.organisation_id = p.border_school_id
        WHERE p.status = 'active' AND p.start_year <= 2026 AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on BETWEEN '2025-09-01' AND '2026-08-31')
        ORDER BY COALESCE(hs.name, hc.name) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id LIMIT 100`);
    expect(c.withoutActivity.map((p: { id: string }) => p.id)).toEqual(firstIdle.map((r) => r.id));
    expect(d.figures).toEqual(await figures(ctx.db, 2026, null));
  });

  it('answers the map grouped at each zoom, its lines adding up to the located live pairs', async () => {
    const LOCATED = `FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
      WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL`;
    const all = await ctx.db.one<{ n: string; active: string; h: string; b: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE p.status = 'active') AS active, count(DISTINCT hs.organisation_id) AS h, count(DISTINCT bs.organisation_id) AS b ${LOCATED}`);
    expect(Number(all.n)).toBeGreaterThan(200);
    type Line = [string | null, number, number, number, number];
    type Place = { side: string; schools: number; name: string | null; lat: number; lng: number };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    let previous = 0;
    for (const zoom of [4, 7, 9, 11, 13]) {
      const r = await call('so.hanoi@ketnoi.demo', `/api/v1/twinning/map?zoom=${zoom}`);
      expect(r.statusCode, `zoom ${zoom}`).toBe(200);
      const m = r.json() as { places: Place[]; lines: Line[]; located: number };
      expect(m.located).toBe(Number(all.n));
      expect(sum(m.lines.map((l) => l[4])), `zoom ${zoom}`).toBe(Number(all.n));
      expect(sum(m.lines.map((l) => l[3])), `zoom ${zoom}`).toBe(Number(all.active));
      expect(sum(m.places.filter((p) => p.side === 'hanoi').map((p) => p.schools)), `zoom ${zoom}`).toBe(Number(all.h));
      expect(sum(m.places.filter((p) => p.side === 'border').map((p) => p.schools)), `zoom ${zoom}`).toBe(Number(all.b));
      for (const [id, h, b, active, pairs] of m.lines) {
        expect(m.places[h].side).toBe('hanoi');
        expect(m.places[b].side).toBe('border');
        expect(active).toBeLessThanOrEqual(pairs);
        expect(id === null).toBe(pairs > 1); // a line of one pair carries it
      }
      for (const p of m.places) expect(p.name === null).toBe(p.schools > 1);
      // closer in, more (or as many) lines; from zoom 11 each pair is its own line
      expect(m.lines.length, `zoom ${zoom}`).toBeGreaterThanOrEqual(previous);
      previous = m.lines.length;
      if (zoom >= 11) expect(new Set(m.lines.map((l) => l[0])).size).toBe(Number(all.n));
    }
    const country = (await call('so.hanoi@ketnoi.demo', '/api/v1/twinning/map?zoom=4')).json() as { lines: Line[] };
    expect(country.lines.length).toBeLessThan(Number(all.n) / 10);
    // a box: the pairs with an end in it
    const box = [102.5, 21.0, 103.5, 22.5];
    const inBox = await ctx.db.one<{ n: string }>(`SELECT count(*) AS n ${LOCATED}
       AND ((hs.lng BETWEEN $1 AND $3 AND hs.lat BETWEEN $2 AND $4) OR (bs.lng BETWEEN $1 AND $3 AND bs.lat BETWEEN $2 AND $4))`, box);
    const boxed = (await call('so.hanoi@ketnoi.demo', `/api/v1/twinning/map?zoom=9&bbox=${box.join(',')}`)).json() as { lines: Line[]; located: number };
    expect(sum(boxed.lines.map((l) => l[4]))).toBe(Number(inBox.n));
    expect(boxed.located).toBe(Number(all.n));

    // each side's place is the centre of its pairs' ends: Hanoi's at zoom 7 against a direct average
    const c = mapCellSize(7);
    const centres = await ctx.db.query<{ lat: number; lng: number; schools: string }>(
      `SELECT round(avg(hs.lat)::numeric, 5)::float8 AS lat, round(avg(hs.lng)::numeric, 5)::float8 AS lng, count(DISTINCT hs.organisation_id) AS schools ${LOCATED}
        GROUP BY floor(hs.lat / $1), floor(hs.lng / $1)`, [c]);
    const at7 = (await call('so.hanoi@ketnoi.demo', '/api/v1/twinning/map?zoom=7')).json() as { places: Place[] };
    const hanoi7 = at7.places.filter((p) => p.side === 'hanoi');
    expect(hanoi7).toHaveLength(centres.length);
    for (const x of centres) {
      const p = hanoi7.find((q) => Math.abs(q.lat - x.lat) < 2e-5 && Math.abs(q.lng - x.lng) < 2e-5);
      expect(p, `${x.lat}, ${x.lng}`).toBeDefined();
      expect(p!.schools).toBe(Number(x.schools));
    }

    // a school with no place: its pairs are neither drawn nor counted as located
    const lost = await ctx.db.one<{ h: string; b: string }>(`SELECT p.hanoi_school_id AS h, p.border_school_id AS b ${LOCATED} ORDER BY p.id LIMIT 1`);
    const saved = await ctx.db.query<{ organisation_id: string; lat: number; lng: number }>('SELECT organisation_id, lat, lng FROM school WHERE organisation_id IN ($1, $2)', [lost.h, lost.b]);
    await ctx.db.query('UPDATE school SET lat = NULL WHERE organisation_id = $1', [lost.h]);
    await ctx.db.query('UPDATE school SET lng = NULL WHERE organisation_id = $1', [lost.b]);
    try {
      const left = await ctx.db.one<{ n: string }>(`SELECT count(*) AS n ${LOCATED}`);
      expect(Number(left.n)).toBeLessThan(Number(all.n));
      for (const zoom of [7, 11]) {
        const m = (await call('so.hanoi@ketnoi.demo', `/api/v1/twinning/map?zoom=${zoom}`)).json() as { places: Place[]; lines: Line[]; located: number };
        expect(m.located, `zoom ${zoom}`).toBe(Number(left.n));
        expect(sum(m.lines.map((l) => l[4])), `zoom ${zoom}`).toBe(Number(left.n));
      }
    } finally {
      for (const s of saved) await ctx.db.query('UPDATE school SET lat = $2, lng = $3 WHERE organisation_id = $1', [s.organisation_id, s.lat, s.lng]);
    }
  });

  it('writes every pair in the .docx and the .xlsx, with the figures of direct SQL', async () => {
    const n = Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM twinning_pair')).n);
    const d = await call('so.hanoi@ketnoi.demo', `/api/v1/twinning/reports/department/${so01}/2026/document`);
    expect(d.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('@@KN-CELL');
    const plain = xml.replace(/<[^>]+>/g, '');
    const f = await figures(ctx.db, 2026, null);
    expect(plain).toContain(`${f.activities} hoạt động (${f.activitiesConfirmed} hoạt động`);
    // the pairs table: a header row and one row per pair, numbered 1..n
    const table = xml.slice(xml.indexOf('DANH SÁCH CẶP KẾT NGHĨA'));
    expect(table.slice(0, table.indexOf('</w:tbl>')).match(/<w:tr[ >]/g)).toHaveLength(n + 1);
    const x = await call('so.hanoi@ketnoi.demo', `/api/v1/twinning/reports/department/${so01}/2026/document?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Cặp kết nghĩa')!.actualRowCount).toBe(n + 1);
    expect(wb.getWorksheet('Tổng hợp')!.getRow(5).getCell(2).value).toBe(f.activities);
  });
});
