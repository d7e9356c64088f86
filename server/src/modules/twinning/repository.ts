/** Every SQL statement of the twinning module (the contributions ledger is written through ../resources/ledger.js). */
import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import { cellKeySql } from '../../platform/map-cells.js';
import { cleanLongText, cleanText } from '../../platform/text.js';
import {
  HANOI, type Activity, type ActivityKind, type ActivityMode, type FocalPoint, type Pair, type PairStatus, type PlanItem, type ReportLevel,
} from '../../../../contracts/twinning.js';
import type { PairTarget } from './policy.js';
import { complianceSchoolYear, reportDue } from './domain.js';

// ---------- pairs ----------

export interface PairRow {
  id: string; hanoi_school_id: string | null; hanoi_school_name: string | null; hanoi_cluster_id: string | null; hanoi_cluster_name: string | null;
  cluster_of_school: string | null; cluster_of_school_name: string | null; border_school_id: string; border_school_name: string; border_province: string;
  border_commune: string; border_levels: string[]; border_province_name: string; border_commune_name: string; start_year: number; status: PairStatus; note: string | null; sort_at: string;
  hanoi_lat: number | null; hanoi_lng: number | null; border_lat: number | null; border_lng: number | null; activities: number;
}

/**
 * Pairs with their two sides and the count of their activities in the year `$year`. `inner` picks
 * and orders the pairs from twinning_pair and the two schools only (it may end in LIMIT, so the
 * keyset reads straight from an index); names, areas and counts are joined to those rows alone.
 */
const PAIR_COLUMNS = (year: string) => `SELECT p.id, p.hanoi_school_id, hs.name AS hanoi_school_name, p.hanoi_cluster_id, hc.name AS hanoi_cluster_name,
    hs.cluster_id AS cluster_of_school, sc.name AS cluster_of_school_name, p.border_school_id, bs.name AS border_school_name, bs.province_code AS border_province,
    bs.commune_code AS border_commune, bs.levels AS border_levels, bp.name AS border_province_name, bc.full_name AS border_commune_name, p.start_year, p.status, p.note,
    to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS sort_at,
    hs.lat AS hanoi_lat, hs.lng AS hanoi_lng, bs.lat AS border_lat, bs.lng AS border_lng,
    (SELECT count(*) FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on >= make_date(${year}::int, 1, 1) AND a.held_on < make_date(${year}::int + 1, 1, 1)) AS activities`;
const PAIR_JOINS = `LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
  LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
  LEFT JOIN organisation sc ON sc.id = hs.cluster_id
  JOIN school bs ON bs.organisation_id = p.border_school_id
  JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = bs.province_code
  JOIN area bc ON bc.era = 'current' AND bc.level = 'commune' AND bc.code = bs.commune_code`;
const PAIR_SELECT = (year: string) => `${PAIR_COLUMNS(year)}
  FROM twinning_pair p
  ${PAIR_JOINS}`;
/** The pairs `inner` selects (a SELECT of twinning_pair p with hs, bs joined, returning p.*), then their names and counts. */
const PAIRS_OF = (year: string, inner: string, order: string) => `${PAIR_COLUMNS(year)}
  FROM (${inner}) p
  ${PAIR_JOINS}
  ORDER BY ${order}`;
const PAIR_SCOPE = 'FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id JOIN school bs ON bs.organisation_id = p.border_school_id';

export const pairTarget = (r: PairRow): PairTarget => ({
  hanoiSchoolId: r.hanoi_school_id, hanoiClusterId: r.hanoi_cluster_id, hanoiClusterOfSchool: r.cluster_of_school, borderSchoolId: r.border_school_id, borderProvince: r.border_province,
  borderCommune: r.border_commune, borderLevels: r.border_levels,
});

export const toPair = (r: PairRow): Pair => ({
  id: r.id, hanoiSchoolId: r.hanoi_school_id, hanoiSchoolName: r.hanoi_school_name, hanoiClusterId: r.hanoi_cluster_id ?? r.cluster_of_school,
  hanoiClusterName: r.hanoi_cluster_name ?? r.cluster_of_school_name, hanoiSide: r.hanoi_school_name ?? r.hanoi_cluster_name ?? '', hanoiProvinceCode: HANOI,
  onBehalfOfCluster: r.hanoi_cluster_id !== null, borderSchoolId: r.border_school_id, borderSchoolName: r.border_school_name, borderProvinceCode: r.border_province,
  borderProvinceName: r.border_province_name, borderCommuneName: r.border_commune_name, startYear: Number(r.start_year), status: r.status, note: r.note,
  activitiesThisYear: Number(r.activities),
  line: r.hanoi_lat !== null && r.hanoi_lng !== null && r.border_lat !== null && r.border_lng !== null ? [[r.hanoi_lng, r.hanoi_lat], [r.border_lng, r.border_lat]] : null,
});

/**
 * `provinceCode`: pairs either of whose schools (or the Hanoi cluster) is in the province. `idle`:
 * active pairs without an activity in the school year compliance checks for `year` as of `today`
 * (twinning/domain.ts complianceSchoolYear), among those started by then.
 */
export interface PairFilter { year: number; status?: PairStatus; provinceCode?: string; clusterId?: string; schoolId?: string; idle?: 'true'; today?: string }

function pairWhere(f: PairFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.status) w.push(`p.status = ${p(f.status)}`);
  if (f.provinceCode) { const c = p(f.provinceCode); w.push(`(bs.province_code = ${c} OR COALESCE(hs.province_code, hc.province_code) = ${c})`); }
  if (f.clusterId) { const c = p(f.clusterId); w.push(`(p.hanoi_cluster_id = ${c}::uuid OR hs.cluster_id = ${c}::uuid)`); }
  if (f.schoolId) { const s = p(f.schoolId); w.push(`(p.hanoi_school_id = ${s}::uuid OR p.border_school_id = ${s}::uuid)`); }
  if (f.idle) {
    const sy = complianceSchoolYear(f.year, f.today ?? reportDue(f.year));
    w.push(`p.status = 'active' AND p.start_year <= ${p(sy.start + 1)}::int
      AND NOT EXISTS (SELECT 1 FROM twinning_activity ia WHERE ia.pair_id = p.id AND ia.held_on BETWEEN ${p(sy.from)}::date AND ${p(sy.to)}::date)`);
  }
  return w;
}

/** The sort key of the pairs list: newest first, then by id (served by twinning_pair_created_idx). */
export const pairKey = (r: PairRow): KeyPart[] => [r.sort_at, r.id];

/** One page of pairs after `after` (a pairKey), newest first: the keys read from twinning_pair_created_idx, then names and counts for those rows. */
export async function listPairs(db: Db, f: PairFilter, after: KeyPart[] | null, limit: number): Promise<PairRow[]> {
  const params: unknown[] = [f.year];
  const w = pairWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(p.created_at, p.id) < ($${params.length - 1}::timestamp AT TIME ZONE 'UTC', $${params.length}::uuid)`);
  }
  params.push(limit);
  const inner = `SELECT p.* ${PAIR_SCOPE} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`;
  return db.query<PairRow>(PAIRS_OF('$1', inner, 'p.created_at DESC, p.id DESC'), params);
}

export async function countPairs(db: Db, f: PairFilter): Promise<number> {
  const params: unknown[] = [];
  const w = pairWhere(f, params);
  const r = await db.one<{ n: number }>(
`SELECT count(*) AS n ${PAIR_SCOPE} ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params);
  return Number(r.n);
}

const IN_YEAR = (col: string, year: string) => `${col} >= make_date(${year}::int, 1, 1) AND ${col} < make_date(${year}::int + 1, 1, 1)`;

export interface ReportPairRow { hanoi_side: string; cluster_name: string | null; border_school_name: string; border_commune_name: string; border_province_name: string; start_year: number; status: PairStatus; activities: number }

/**
 * The pairs of a report (a cluster's, or all), by the Hanoi side's name: six short columns per
 * pair, the year's activities counted once for every pair together (twinning_activity_year_pair_idx).
 */
export function reportPairs(db: Db, year: number, clusterId: string | null): Promise<ReportPairRow[]> {
  return db.query<ReportPairRow>(
    `WITH n AS (SELECT pair_id, count(*) AS n FROM twinning_activity WHERE ${IN_YEAR('held_on', '$1')} GROUP BY pair_id)
     SELECT COALESCE(hs.name, hc.name, '') AS hanoi_side, COALESCE(hc.name, sc.name) AS cluster_name, bs.name AS border_school_name, bc.full_name AS border_commune_name,
            bp.name AS border_province_name, p.start_year, p.status, COALESCE(n.n, 0) AS activities
       FROM twinning_pair p ${PAIR_JOINS}
       LEFT JOIN n ON n.pair_id = p.id
      WHERE ($2::uuid IS NULL OR p.hanoi_cluster_id = $2::uuid OR hs.cluster_id = $2::uuid)
      ORDER BY COALESCE(hs.name, hc.name) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id`, [year, clusterId]);
}

export interface FiguresRow {
  pairs: number; pairs_active: number; new_pairs: number; pairs_without_activity: number; activities: number; activities_confirmed: number;
  material_support: number; professional: number; exchange: number; tradition: number; teachers: number; pupils: number;
  support_value: string; support_money: string; support_in_kind: string; support_non_material: string; joined_schools: number;
}

/**
 * The figures of the yearly report in one statement: the pairs of the scope (a cluster's, or all),
 * their activities of the year and the support written to the ledger for them, summed in SQL.
 */
export function figuresRow(db: Db, year: number, clusterId: string | null): Promise<FiguresRow> {
  // the year's activities and support from each pair's summary of the year (twinning_pair_year,
  // kept by the writes of activities and of the ledger): a row per pair, not a row per activity
  return db.one<FiguresRow>(
    `WITH sp AS (
       SELECT p.id, p.status, p.start_year, p.hanoi_school_id, p.border_school_id ${PAIR_SCOPE}
        WHERE ($2::uuid IS NULL OR p.hanoi_cluster_id = $2::uuid OR hs.cluster_id = $2::uuid)
     ), yt AS (
       SELECT y.* FROM twinning_pair_year y WHERE y.year = $1 AND ($2::uuid IS NULL OR y.pair_id IN (SELECT id FROM sp))
     ), firsts AS (
       SELECT v.school_id, min(sp.start_year) AS y FROM sp CROSS JOIN LATERAL (VALUES (sp.hanoi_school_id), (sp.border_school_id)) v(school_id) WHERE v.school_id IS NOT NULL GROUP BY v.school_id
     )
     SELECT pc.*, ac.*, (SELECT count(*) FROM firsts WHERE y = $1) AS joined_schools
       FROM (SELECT count(*) FILTER (WHERE status <> 'ended' AND start_year <= $1) AS pairs,
                    count(*) FILTER (WHERE status = 'active' AND start_year <= $1) AS pairs_active,
                    count(*) FILTER (WHERE status <> 'ended' AND start_year = $1) AS new_pairs,
                    count(*) FILTER (WHERE status = 'active' AND start_year <= $1 AND w.pair_id IS NULL) AS pairs_without_activity
               FROM sp LEFT JOIN twinning_pair_year w ON w.year = $1 AND w.pair_id = sp.id AND w.activities > 0) pc,
            (SELECT COALESCE(sum(activities), 0) AS activities, COALESCE(sum(confirmed), 0) AS activities_confirmed,
                    COALESCE(sum(material_support), 0) AS material_support, COALESCE(sum(professional), 0) AS professional,
                    COALESCE(sum(exchange), 0) AS exchange, COALESCE(sum(tradition), 0) AS tradition,
                    COALESCE(sum(teachers), 0) AS teachers, COALESCE(sum(pupils), 0) AS pupils,
                    COALESCE(sum(support_money + support_in_kind + support_non_material), 0)::text AS support_value,
                    COALESCE(sum(support_money), 0)::text AS support_money, COALESCE(sum(support_in_kind), 0)::text AS support_in_kind,
                    COALESCE(sum(support_non_material), 0)::text AS support_non_material
               FROM yt) ac`, [year, clusterId]);
}

/** Live pairs (not ended) and, for compliance, active pairs begun by `$2` and those of them with no activity between two dates; per cluster and border province. */
export function pairGroups(db: Db, startedBy: number, from: string, to: string) {
  // counted by ids first (a hash over the pairs), named after: the names and the versioned area
  // table join the few groups, not the 20,000 pairs
  return db.query<{ cluster_id: string | null; cluster_name: string | null; province_code: string; province_name: string; live: number; checked: number; idle: number }>(
    `SELECT g.cluster_id, c.name AS cluster_name, g.province_code, bp.name AS province_name, g.live, g.checked, g.idle
       FROM (SELECT COALESCE(p.hanoi_cluster_id, hs.cluster_id) AS cluster_id, bs.province_code,
                    count(*) FILTER (WHERE p.status <> 'ended') AS live,
                    count(*) FILTER (WHERE p.status = 'active' AND p.start_year <= $1) AS checked,
                    count(*) FILTER (WHERE p.status = 'active' AND p.start_year <= $1 AND a.pair_id IS NULL) AS idle
               FROM twinning_pair p
               LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
               JOIN school bs ON bs.organisation_id = p.border_school_id
               LEFT JOIN (SELECT DISTINCT pair_id FROM twinning_activity WHERE held_on BETWEEN $2::date AND $3::date) a ON a.pair_id = p.id
              GROUP BY 1, 2) g
       LEFT JOIN organisation c ON c.id = g.cluster_id
       JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = g.province_code`, [startedBy, from, to]);
}

/**
 * Active pairs begun by `startedBy` with no activity between two dates, by the Hanoi side's name (at
 * most `limit`). The pairs with an activity in the window are gathered once (a hash, not a probe per
 * pair) and the page is chosen on the names alone; the area names join only the page.
 */
export async function idlePairs(db: Db, year: number, startedBy: number, from: string, to: string, limit: number | null): Promise<Pair[]> {
  const order = 'COALESCE(hs.name, hc.name) COLLATE "und-x-icu", bs.name COLLATE "und-x-icu", p.id';
  // the page is chosen among thousands of idle pairs: a cluster's name is read only for a pair made
  // with a cluster (COALESCE reads its second argument only when the first is null); joined, the
  // planner hashed all 56,000 organisations for the few such pairs
  const inner = `SELECT p.* FROM twinning_pair p WHERE p.id IN (
      SELECT p.id FROM twinning_pair p LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
        LEFT JOIN (SELECT DISTINCT pair_id FROM twinning_activity WHERE held_on BETWEEN $3::date AND $4::date) a ON a.pair_id = p.id
       WHERE p.status = 'active' AND p.start_year <= $2 AND a.pair_id IS NULL
       ORDER BY ${order.replace('hc.name', '(SELECT hc.name FROM organisation hc WHERE hc.id = p.hanoi_cluster_id)')} LIMIT $5)`;
  const rows = await db.query<PairRow>(`${PAIRS_OF('$1', inner, order)}`, [year, startedBy, from, to, limit]);
  return rows.map(toPair);
}

interface PlaceRow { side: 'hanoi' | 'border'; key: string; schools: string; name: string | null; lat: number; lng: number }
interface LineRow { hk: string; bk: string; pairs: string; active: string; id: string | null }

/**
 * The live pairs with both ends located, grouped in square cells of `cell` degrees (null: each
 * school its own cell) within a box when given (a pair is in when either end is): the cells of each
 * side with their centre (of the pairs' ends) and schools, and one line per pair of cells with its
 * pairs, active ones, and the pair's id when it carries one. One statement, its rows told apart by
 * `part`. The work follows the box: the pairs are chosen by their schools found in it
 * (school_place_idx, migration 0061), cells are grouped on numbers and ids and only a cell of one
 * school is named; `located` is counted from the live pairs less those with an end not located
 * (school_unlocated_idx), not by joining every pair to its two schools. Before, every live pair was
 * joined to both schools and named, then grouped on text with distinct counts: at zoom 11 over
 * Hanoi the time grew faster than the pairs.
 */
export async function pairMapCells(db: Db, cell: number | null, bbox: [number, number, number, number] | null) {
  const params: unknown[] = [];
  let pairs = 'twinning_pair p';
  if (bbox) {
    params.push(...bbox);
    const inBox = 'SELECT organisation_id FROM school WHERE lng BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4';
    pairs = `(SELECT id FROM twinning_pair WHERE hanoi_school_id IN (${inBox}) UNION SELECT id FROM twinning_pair WHERE border_school_id IN (${inBox})) c
              JOIN twinning_pair p ON p.id = c.id`;
  }
  let hk = 'p.hanoi_school_id';
  let bk = 'p.border_school_id';
  if (cell !== null) {
    params.push(cell);
    const c = `$${params.length}::float8`;
    hk = cellKeySql('hs.lat', 'hs.lng', c);
    bk = cellKeySql('bs.lat', 'bs.lng', c);
  }
  const unlocated = 'SELECT organisation_id FROM school WHERE lat IS NULL OR lng IS NULL';
  const rows = await db.query<{ part: 'place' | 'line' | 'located' } & PlaceRow & LineRow>(
    `WITH seen AS MATERIALIZED (
       SELECT p.id, p.status, p.hanoi_school_id AS h_id, p.border_school_id AS b_id, hs.lat AS h_lat, hs.lng AS h_lng, bs.lat AS b_lat, bs.lng AS b_lng,
              ${hk} AS hk, ${bk} AS bk
         FROM ${pairs} JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id
        WHERE p.status <> 'ended' AND hs.lat IS NOT NULL AND hs.lng IS NOT NULL AND bs.lat IS NOT NULL AND bs.lng IS NOT NULL
     ), ends AS (
       SELECT 'hanoi' AS side, hk::text AS key, h_id AS school, count(*) AS n, sum(h_lat) AS lat, sum(h_lng) AS lng FROM seen GROUP BY hk, h_id
       UNION ALL
       SELECT 'border', bk::text, b_id, count(*), sum(b_lat), sum(b_lng) FROM seen GROUP BY bk, b_id
     ), places AS (
       SELECT side, key, count(*) AS schools, (array_agg(school))[1] AS one, sum(lat) / sum(n) AS lat, sum(lng) / sum(n) AS lng FROM ends GROUP BY side, key
     )
     SELECT 'place' AS part, x.side, x.key, x.schools, s.name, round(x.lat::numeric, 5)::float8 AS lat, round(x.lng::numeric, 5)::float8 AS lng,
            NULL AS hk, NULL AS bk, NULL::int8 AS pairs, NULL::int8 AS active, NULL AS id
       FROM places x LEFT JOIN LATERAL (SELECT s.name FROM school s WHERE x.schools = 1 AND s.organisation_id = x.one LIMIT 1) s ON true
     UNION ALL
     SELECT 'line', NULL, NULL, NULL, NULL, NULL, NULL, hk::text, bk::text, count(*), count(*) FILTER (WHERE status = 'active'),
            CASE WHEN count(*) = 1 THEN min(id::text COLLATE "C") END
       FROM seen GROUP BY hk, bk
     UNION ALL
     SELECT 'located', NULL, NULL,
            (SELECT count(*) FROM twinning_pair WHERE hanoi_school_id IS NOT NULL AND status <> 'ended')
            - (SELECT count(*) FROM twinning_pair p WHERE p.hanoi_school_id IS NOT NULL AND p.status <> 'ended'
                  AND (p.hanoi_school_id IN (${unlocated}) OR p.border_school_id IN (${unlocated}))),
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL`, params);
  const places: PlaceRow[] = [];
  const lines: LineRow[] = [];
  let located = 0;
  for (const r of rows) {
    if (r.part === 'place') places.push({ side: r.side, key: r.key, schools: r.schools, name: r.name, lat: r.lat, lng: r.lng });
    else if (r.part === 'line') lines.push({ hk: r.hk, bk: r.bk, pairs: r.pairs, active: r.active, id: r.id });
    else located = Number(r.schools);
  }
  return { places, lines, located };
}

export async function pairById(db: Db, id: string, year: number): Promise<PairRow | undefined> {
  return db.maybeOne<PairRow>(`${PAIR_SELECT('$2')} WHERE p.id = $1`, [id, year]);
}

/** Lock a pair's row until the transaction ends: to change it (update), or to rely on its status (share). */
export async function lockPair(db: Db, id: string, mode: 'update' | 'share' = 'update'): Promise<void> {
  await db.query(`SELECT 1 FROM twinning_pair WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`, [id]);
}

export const schoolOf = (db: Db, id: string) =>
  db.maybeOne<{ province_code: string; levels: string[]; name: string; flags: string[] }>(
    `SELECT s.province_code, s.levels, s.name, c.flags FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code WHERE s.organisation_id = $1`, [id]);

export const organisationOf = (db: Db, id: string) =>
  db.maybeOne<{ kind: string; name: string; province_code: string | null }>('SELECT kind, name, province_code FROM organisation WHERE id = $1', [id]);

export async function livePairExists(db: Db, borderSchoolId: string, hanoiSchoolId: string | null, hanoiClusterId: string | null): Promise<boolean> {
  return !!(await db.maybeOne(`SELECT 1 FROM twinning_pair WHERE border_school_id = $1 AND status <> 'ended' AND (hanoi_school_id = $2 OR hanoi_cluster_id = $3)`, [borderSchoolId, hanoiSchoolId, hanoiClusterId]));
}

export async function insertPair(db: Db, p: { hanoiSchoolId: string | null; hanoiClusterId: string | null; borderSchoolId: string; startYear: number; note: string | null }, userId: string | null): Promise<string> {
  const r = await db.one<{ id: string }>(
    'INSERT INTO twinning_pair (hanoi_school_id, hanoi_cluster_id, border_school_id, start_year, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [p.hanoiSchoolId, p.hanoiClusterId, p.borderSchoolId, p.startYear, cleanText(p.note), userId],
  );
  return r.id;
}

export async function insertPairEvent(db: Db, pairId: string, status: PairStatus, reason: string | null, userId: string | null): Promise<void> {
  await db.query('INSERT INTO twinning_pair_event (pair_id, status, reason, actor_id) VALUES ($1, $2, $3, $4)', [pairId, status, cleanText(reason), userId]);
}

export async function updatePairStatus(db: Db, id: string, status: PairStatus): Promise<void> {
  await db.query('UPDATE twinning_pair SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
}

export async function pairHistory(db: Db, id: string) {
  const rows = await db.query<{ status: PairStatus; reason: string | null; at: Date }>('SELECT status, reason, at FROM twinning_pair_event WHERE pair_id = $1 ORDER BY id', [id]);
  return rows.map((h) => ({ status: h.status, reason: h.reason, at: new Date(h.at).toISOString() }));
}

/**
 * Border schools that could partner a Hanoi school (not already in a live pair with it), with
 * their live partners: the first `limit` by level in common and fewest partners, with every school
 * tied with the last of them (the caller orders the ties by name, in Vietnamese order, and keeps
 * `limit`). The border communes of the provinces are read first (a few dozen rows of the area
 * table), then their schools by their commune: joining every school of the provinces to its
 * commune to test the flag read 2,520 communes for 688 schools at national scale.
 */
export function partnerCandidates(db: Db, borderProvinces: readonly string[], hanoiSchoolId: string, provinceCode: string | null, hanoiLevels: string[], limit: number) {
  return db.query<{ id: string; name: string; levels: string[]; province_code: string; province_name: string; commune_name: string; partners: number; level_match: boolean }>(
    `WITH c AS MATERIALIZED (
       SELECT c.code, c.full_name, c.province_code FROM area c
        WHERE c.era = 'current' AND c.level = 'commune' AND c.province_code = ANY($1::text[]) AND ($2::text IS NULL OR c.province_code = $2) AND 'border' = ANY(c.flags))
     SELECT s.organisation_id AS id, s.name, s.levels, s.province_code, p.name AS province_name, c.full_name AS commune_name,
            (SELECT count(*) FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.status <> 'ended') AS partners,
            s.levels && $4::text[] AS level_match
       FROM c JOIN school s ON s.commune_code = c.code AND s.province_code = c.province_code
       JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = s.province_code
      WHERE NOT EXISTS (SELECT 1 FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.hanoi_school_id = $3 AND tp.status <> 'ended')
      ORDER BY level_match DESC, partners
      FETCH FIRST $5 ROWS WITH TIES`,
    [[...borderProvinces], provinceCode, hanoiSchoolId, hanoiLevels, limit],
  );
}

// ---------- plans ----------

interface StoredPlanItem { kind: ActivityKind; subKind: PlanItem['subKind']; description: string; month?: number | null }
const toPlanItems = (items: StoredPlanItem[]): PlanItem[] => items.map((i) => ({ kind: i.kind, subKind: i.subKind, description: i.description, month: i.month ?? null }));

export async function plansOf(db: Db, pairId: string) {
  const rows = await db.query<{ year: number; items: StoredPlanItem[]; note: string | null; updated_at: Date }>('SELECT year, items, note, updated_at FROM twinning_plan WHERE pair_id = $1 ORDER BY year DESC', [pairId]);
  return rows.map((p) => ({ year: Number(p.year), items: toPlanItems(p.items), note: p.note, updatedAt: new Date(p.updated_at).toISOString() }));
}

export async function planOf(db: Db, pairId: string, year: number) {
  const r = await db.maybeOne<{ items: StoredPlanItem[]; note: string | null }>('SELECT items, note FROM twinning_plan WHERE pair_id = $1 AND year = $2', [pairId, year]);
  return r && { items: toPlanItems(r.items), note: r.note };
}

export async function savePlan(db: Db, pairId: string, year: number, items: PlanItem[], note: string | null, userId: string | null): Promise<void> {
  await db.query(
    `INSERT INTO twinning_plan (pair_id, year, items, note, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (pair_id, year) DO UPDATE SET items = EXCLUDED.items, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [pairId, year, JSON.stringify(items), note, userId],
  );
}

// ---------- activities ----------

export interface ActivityRow {
  id: string; pair_id: string; held_on: string; kind: ActivityKind; sub_kind: string; mode: ActivityMode | null; title: string; description: string | null; teachers: number; pupils: number;
  logged_by_school_id: string; logged_by_name: string; confirmed_at: Date | null; confirmation_note: string | null; support_value: number; files: { id: string; name: string }[] | null;
}
const ACTIVITY_SELECT = `SELECT a.id, a.pair_id, a.held_on, a.kind, a.sub_kind, a.mode, a.title, a.description, a.teachers, a.pupils, a.logged_by_school_id,
    ls.name AS logged_by_name, a.confirmed_at, a.confirmation_note,
    COALESCE((SELECT sum(value_vnd) FROM contribution k WHERE k.twinning_activity_id = a.id AND k.status <> 'cancelled'), 0) AS support_value,
    (SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name) ORDER BY f.name) FROM twinning_activity_file af JOIN stored_file f ON f.id = af.file_id WHERE af.activity_id = a.id) AS files
  FROM twinning_activity a JOIN school ls ON ls.organisation_id = a.logged_by_school_id`;

export const toActivity = (r: ActivityRow): Activity => ({
  id: r.id, pairId: r.pair_id, heldOn: r.held_on, kind: r.kind, subKind: r.sub_kind, mode: r.mode, title: r.title, description: r.description, teachers: r.teachers, pupils: r.pupils,
  loggedBySchoolId: r.logged_by_school_id, loggedByName: r.logged_by_name, confirmed: r.confirmed_at !== null, confirmedAt: r.confirmed_at && new Date(r.confirmed_at).toISOString(),
  confirmationNote: r.confirmation_note, supportValue: Number(r.support_value), files: r.files ?? [],
});

export const activityById = (db: Db, id: string, lock = false) =>
  db.maybeOne<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);

export async function activitiesOfPair(db: Db, pairId: string): Promise<ActivityRow[]> {
  return db.query<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.pair_id = $1 ORDER BY a.held_on DESC, a.created_at DESC`, [pairId]);
}

export interface NewActivity {
  pairId: string; heldOn: string; kind: ActivityKind; subKind: string; mode: ActivityMode | null; title: string; description: string | null; teachers: number; pupils: number; loggedBy: string;
}

export async function insertActivity(db: Db, a: NewActivity, userId: string | null): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, mode, title, description, teachers, pupils, logged_by_school_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [a.pairId, a.heldOn, a.kind, a.subKind, a.mode, cleanText(a.title), cleanLongText(a.description), a.teachers, a.pupils, a.loggedBy, userId],
  );
  return r.id;
}

export async function attachActivityFile(db: Db, activityId: string, fileId: string): Promise<void> {
  await db.query('INSERT INTO twinning_activity_file (activity_id, file_id) VALUES ($1, $2)', [activityId, fileId]);
}

export async function markConfirmed(db: Db, activityId: string, userId: string | null, note: string | null): Promise<void> {
  await db.query('UPDATE twinning_activity SET confirmed_at = now(), confirmed_by = $2, confirmation_note = $3, updated_at = now() WHERE id = $1', [activityId, userId, cleanText(note)]);
}

// ---------- figures ----------

export function activitiesOfPairs(db: Db, pairIds: string[], year: number) {
  if (!pairIds.length) return Promise.resolve([]);
  return db.query<{ pair_id: string; held_on: string; kind: ActivityKind; teachers: number; pupils: number; confirmed: boolean }>(
    `SELECT pair_id, held_on, kind, teachers, pupils, confirmed_at IS NOT NULL AS confirmed FROM twinning_activity
      WHERE pair_id = ANY($1::uuid[]) AND held_on >= make_date($2::int, 1, 1) AND held_on < make_date($2::int + 1, 1, 1)`, [pairIds, year]);
}

/** How many activities each pair held between two dates (inclusive). */
export async function activityCountsBetween(db: Db, pairIds: string[], from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.query<{ pair_id: string; n: number }>(
    'SELECT pair_id, count(*) AS n FROM twinning_activity WHERE pair_id = ANY($1::uuid[]) AND held_on BETWEEN $2::date AND $3::date GROUP BY pair_id', [pairIds, from, to]);
  return new Map(rows.map((r) => [r.pair_id, Number(r.n)]));
}

/** The ledger rows of the pairs' activities of the year (a read across modules, for the report). */
export function supportOfPairs(db: Db, pairIds: string[], year: number) {
  if (!pairIds.length) return Promise.resolve([]);
  return db.query<{ form: string; value_vnd: number; status: string }>(
    `SELECT k.form, k.value_vnd, k.status FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id
      WHERE a.pair_id = ANY($1::uuid[]) AND a.held_on >= make_date($2::int, 1, 1) AND a.held_on < make_date($2::int + 1, 1, 1)`, [pairIds, year]);
}

// ---------- reports ----------

export async function clusterLead(db: Db, clusterId: string): Promise<string | null> {
  return (await db.maybeOne<{ school_id: string }>('SELECT school_id FROM cluster_lead WHERE cluster_id = $1', [clusterId]))?.school_id ?? null;
}

export interface ReportRow { id: string; narrative: Record<string, string>; figures: unknown; status: 'draft' | 'submitted'; submitted_at: Date | null; updated_at: Date }

export const reportRow = (db: Db, level: ReportLevel, organisationId: string, year: number) =>
  db.maybeOne<ReportRow>('SELECT id, narrative, figures, status, submitted_at, updated_at FROM twinning_report WHERE level = $1 AND organisation_id = $2 AND year = $3', [level, organisationId, year]);

/** Insert or update a report unless it is already submitted (decided on the row itself, under its lock); whether it was written. */
export async function saveReport(db: Db, r: { level: ReportLevel; organisationId: string; year: number; narrative: Record<string, string>; figures: unknown; submit: boolean }, userId: string | null): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO twinning_report (level, organisation_id, year, narrative, figures, status, submitted_at, submitted_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, CASE WHEN $6 = 'submitted' THEN now() END, CASE WHEN $6 = 'submitted' THEN $7::uuid END)
     ON CONFLICT (level, organisation_id, year) DO UPDATE SET narrative = EXCLUDED.narrative, figures = EXCLUDED.figures, status = EXCLUDED.status,
       submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by, updated_at = now()
     WHERE twinning_report.status <> 'submitted'
     RETURNING id`,
    [r.level, r.organisationId, r.year, JSON.stringify(r.narrative), r.figures ? JSON.stringify(r.figures) : null, r.submit ? 'submitted' : 'draft', userId],
  );
  return rows.length === 1;
}

export async function hanoiDepartmentId(db: Db): Promise<string> {
  return (await db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-01'`)).id;
}

/** Every Hanoi cluster and the Hanoi Department, with the state of their report of the year. */
export function submissionRows(db: Db, year: number) {
  return db.query<{ id: string; name: string; kind: string; status: 'draft' | 'submitted' | null; submitted_at: Date | null }>(
    `SELECT o.id, o.name, o.kind, r.status, r.submitted_at FROM organisation o
       LEFT JOIN twinning_report r ON r.organisation_id = o.id AND r.year = $1
      WHERE (o.kind = 'cluster' AND o.province_code = $2) OR o.code = 'so-01' ORDER BY o.kind = 'department', o.name`, [year, HANOI]);
}

export async function focalPoints(db: Db, departmentId?: string): Promise<Omit<FocalPoint, 'can'>[]> {
  const rows = await db.query<{ department_id: string; department: string; role_title: string; unit: string | null; contact: string | null }>(
    `SELECT f.department_id, o.name AS department, f.role_title, f.unit, f.contact FROM programme_focal_point f JOIN organisation o ON o.id = f.department_id
      WHERE f.programme = 'ket-nghia-bien-gioi' AND ($1::uuid IS NULL OR f.department_id = $1::uuid) ORDER BY o.province_code`, [departmentId ?? null]);
  return rows.map((r) => ({ departmentId: r.department_id, department: r.department, roleTitle: r.role_title, unit: r.unit, contact: r.contact }));
}

/** Lock a Department's focal point row (it is then read and rewritten). */
export const lockFocalPoint = (db: Db, departmentId: string) =>
  db.maybeOne<{ department_id: string }>(`SELECT department_id FROM programme_focal_point WHERE department_id = $1 AND programme = 'ket-nghia-bien-gioi' FOR UPDATE`, [departmentId]);

export const updateFocalPoint = (db: Db, departmentId: string, f: { roleTitle: string; unit: string | null; contact: string | null }) =>
  db.query(`UPDATE programme_focal_point SET role_title = $2, unit = $3, contact = $4 WHERE department_id = $1 AND programme = 'ket-nghia-bien-gioi'`, [departmentId, f.roleTitle, f.unit, f.contact]);
