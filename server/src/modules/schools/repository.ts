import type { Db } from '../../platform/db.js';
import type { AreaFlag, Ownership, SchoolLevel } from '../../../../contracts/common.js';
import type { School } from '../../../../contracts/schools.js';
import { fold, likeEscape } from '../../platform/text.js';
import { cellKeySql, withMapMemory } from '../../platform/map-cells.js';

export interface SchoolFilter {
  provinceCode?: string;
  communeCode?: string;
  level?: SchoolLevel;
  ownership?: Ownership;
  flag?: AreaFlag;
  clusterId?: string;
  /** already folded */
  q?: string;
}

interface Row {
  id: string; code: string; name: string; levels: SchoolLevel[]; ownership: Ownership; address: string | null;
  province_code: string; province_name: string; commune_code: string; commune_name: string; commune_flags: AreaFlag[];
  lat: number | null; lng: number | null; pupils: number | null; staff: number | null; cluster_id: string | null;
  cluster_name: string | null; updated_at: Date;
}

const SELECT = `SELECT s.organisation_id AS id, s.code, s.name, s.levels, s.ownership, s.address, s.province_code,
    p.name AS province_name, s.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng,
    s.pupils, s.staff, s.cluster_id, cl.name AS cluster_name, s.updated_at
  FROM school s
  JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code
  JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = s.province_code
  LEFT JOIN organisation cl ON cl.id = s.cluster_id`;

export const toSchool = (r: Row): School => ({
  id: r.id, code: r.code, name: r.name, levels: r.levels, ownership: r.ownership, address: r.address,
  provinceCode: r.province_code, provinceName: r.province_name, communeCode: r.commune_code, communeName: r.commune_name,
  communeFlags: r.commune_flags ?? [], lat: r.lat, lng: r.lng, pupils: r.pupils, staff: r.staff, clusterId: r.cluster_id,
  clusterName: r.cluster_name, updatedAt: new Date(r.updated_at).toISOString(),
});

function where(f: SchoolFilter, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.provinceCode) w.push(`s.province_code = ${p(f.provinceCode)}`);
  if (f.communeCode) w.push(`s.commune_code = ${p(f.communeCode)}`);
  if (f.level) w.push(`s.levels @> ARRAY[${p(f.level)}]::text[]`);
  if (f.ownership) w.push(`s.ownership = ${p(f.ownership)}`);
  if (f.clusterId) w.push(`s.cluster_id = ${p(f.clusterId)}::uuid`);
  if (f.flag) w.push(`EXISTS (SELECT 1 FROM area fa WHERE fa.era = 'current' AND fa.level = 'commune' AND fa.code = s.commune_code AND ${p(f.flag)} = ANY(fa.flags))`);
  if (f.q) w.push(`s.search LIKE ${p('%' + likeEscape(f.q) + '%')}`);
  return w;
}

/** One page in Vietnamese name order, keyset-paged on (name, id). */
export async function list(db: Db, f: SchoolFilter, after: [string, string] | null, limit: number): Promise<School[]> {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(s.name COLLATE "und-x-icu", s.organisation_id) > ($${params.length - 1} COLLATE "und-x-icu", $${params.length}::uuid)`);
  }
  params.push(limit);
  // the page is chosen on the school's own columns in the order of school_name_idx (or
  // school_province_idx) and limited first, then joined to its places: joined before, the versioned
  // area table made the planner expect a few rows and sort every school for each page
  const chosen = `SELECT s.* FROM school s ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY s.name COLLATE "und-x-icu", s.organisation_id LIMIT $${params.length}`;
  const rows = await db.query<Row>(
    `${SELECT.replace('FROM school s', `FROM (${chosen}) s`)} ORDER BY s.name COLLATE "und-x-icu", s.organisation_id`,
    params,
  );
  return rows.map(toSchool);
}

export async function count(db: Db, f: SchoolFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM school s ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`, params);
  return Number(r.n);
}

export interface SchoolCell { id: string | null; name: string | null; lat: number; lng: number; levels: string | null; count: number }

/**
 * Located schools of the filter on the map, grouped in square cells of `cell` degrees (one row per
 * cell: its centre of mass and how many schools; a cell of one school carries its id, name, levels
 * and exact place), within a box when given. Without a cell size every school is its own row. The
 * answer grows with the cells on screen, not with the schools. The cell is keyed by one number
 * (its row and column), which the planner groups in a hash table rather than sorting the schools.
 */
export const mapCells = (db: Db, f: SchoolFilter, cell: number | null, bbox: [number, number, number, number] | null) => withMapMemory(db, (t) => mapCellsGrouped(t, f, cell, bbox));

async function mapCellsGrouped(db: Db, f: SchoolFilter, cell: number | null, bbox: [number, number, number, number] | null): Promise<SchoolCell[]> {
  const params: unknown[] = [];
  const w = where(f, params);
  w.push('s.lat IS NOT NULL AND s.lng IS NOT NULL');
  if (bbox) { params.push(...bbox); const i = params.length; w.push(`s.lng BETWEEN $${i - 3} AND $${i - 1} AND s.lat BETWEEN $${i - 2} AND $${i}`); }
  if (cell === null) {
    return db.query<SchoolCell>(
      `SELECT s.organisation_id::text AS id, s.name, s.lat, s.lng, array_to_string(s.levels, ',') AS levels, 1 AS count FROM school s WHERE ${w.join(' AND ')}`, params);
  }
  params.push(cell);
  const c = `$${params.length}::float8`;
  const rows = await db.query<SchoolCell>(
    `SELECT CASE WHEN count(*) = 1 THEN min(s.organisation_id::text) END AS id, CASE WHEN count(*) = 1 THEN min(s.name) END AS name,
            CASE WHEN count(*) = 1 THEN min(s.lat) ELSE round(avg(s.lat)::numeric, 4)::float8 END AS lat,
            CASE WHEN count(*) = 1 THEN min(s.lng) ELSE round(avg(s.lng)::numeric, 4)::float8 END AS lng,
            CASE WHEN count(*) = 1 THEN min(array_to_string(s.levels, ',')) END AS levels, count(*) AS count
       FROM school s WHERE ${w.join(' AND ')}
      GROUP BY ${cellKeySql('s.lat', 's.lng', c)}`, params);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function byId(db: Db, id: string): Promise<School | undefined> {
  const r = await db.maybeOne<Row>(`${SELECT} WHERE s.organisation_id = $1`, [id]);
  return r && toSchool(r);
}

export async function idsByCode(db: Db, codes: string[]): Promise<Map<string, { id: string; province_code: string }>> {
  const rows = await db.query<{ id: string; code: string; province_code: string }>(
    'SELECT organisation_id AS id, code, province_code FROM school WHERE code = ANY($1::text[])', [codes],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

export async function byIds(db: Db, ids: string[]): Promise<School[]> {
  if (!ids.length) return [];
  return (await db.query<Row>(`${SELECT} WHERE s.organisation_id = ANY($1::uuid[])`, [ids])).map(toSchool);
}

export interface SchoolWrite {
  id: string; code: string; name: string; levels: SchoolLevel[]; ownership: Ownership; address: string | null;
  province_code: string; commune_code: string; lat: number | null; lng: number | null; pupils: number | null;
  staff: number | null; cluster_id: string | null; search: string; org_search: string;
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) AS r(id uuid, code text, name text, levels text[], ownership text, address text,
  province_code text, commune_code text, lat double precision, lng double precision, pupils int, staff int, cluster_id uuid,
  search text, org_search text)`;

/** Insert or update many schools with one statement per chunk (their organisation rows are saved first, by the organisations service). */
export async function upsertMany(db: Db, rows: SchoolWrite[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    await db.query(
      `INSERT INTO school (organisation_id, code, name, levels, ownership, address, province_code, commune_code, lat, lng, pupils, staff, cluster_id, search)
       SELECT r.id, r.code, r.name, r.levels, r.ownership, r.address, r.province_code, r.commune_code, r.lat, r.lng, r.pupils, r.staff, r.cluster_id, r.search
       FROM ${RECORDSET}
       ON CONFLICT (organisation_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, levels = EXCLUDED.levels,
         ownership = EXCLUDED.ownership, address = EXCLUDED.address, province_code = EXCLUDED.province_code,
         commune_code = EXCLUDED.commune_code, lat = EXCLUDED.lat, lng = EXCLUDED.lng, pupils = EXCLUDED.pupils,
         staff = EXCLUDED.staff, cluster_id = EXCLUDED.cluster_id, search = EXCLUDED.search, updated_at = now()`,
      [json],
    );
  }
}


export async function clusterIds(db: Db): Promise<Map<string, { id: string; name: string; province_code: string | null }>> {
  const rows = await db.query<{ id: string; code: string | null; name: string; short_name: string | null; province_code: string | null }>(
    `SELECT id, code, name, short_name, province_code FROM organisation WHERE kind = 'cluster'`,
  );
  const m = new Map<string, { id: string; name: string; province_code: string | null }>();
  for (const r of rows) {
    for (const k of [r.id, r.code, r.name, r.short_name]) if (k) m.set(fold(k), r);
  }
  return m;
}
