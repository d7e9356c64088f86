import type { Db } from '../../platform/db.js';
import type { Organisation } from '../../../../contracts/organisations.js';
import type { OrganisationKind } from '../../../../contracts/common.js';
import { likeEscape } from '../../platform/text.js';

interface Row { id: string; kind: OrganisationKind; code: string | null; name: string; short_name: string | null; parent_id: string | null; province_code: string | null; commune_code: string | null }
const COLS = 'o.id, o.kind, o.code, o.name, o.short_name, o.parent_id, o.province_code, o.commune_code';
export const toOrg = (r: Row): Organisation => ({ id: r.id, kind: r.kind, code: r.code, name: r.name, shortName: r.short_name, parentId: r.parent_id, provinceCode: r.province_code, communeCode: r.commune_code });

export interface OrgFilter { kind?: OrganisationKind; provinceCode?: string; parentId?: string; q?: string }

function where(f: OrgFilter, params: unknown[]): string {
  const w: string[] = [];
  if (f.kind) { params.push(f.kind); w.push(`o.kind = $${params.length}`); }
  if (f.provinceCode) { params.push(f.provinceCode); w.push(`o.province_code = $${params.length}`); }
  if (f.parentId) { params.push(f.parentId); w.push(`o.parent_id = $${params.length}`); }
  if (f.q) { params.push('%' + likeEscape(f.q) + '%'); w.push(`o.search LIKE $${params.length}`); }
  return w.length ? 'WHERE ' + w.join(' AND ') : '';
}

export async function list(db: Db, f: OrgFilter, after: [string, string] | null, limit: number): Promise<Organisation[]> {
  const params: unknown[] = [];
  let w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w += `${w ? ' AND' : 'WHERE'} (o.name COLLATE "und-x-icu", o.id) > ($${params.length - 1} COLLATE "und-x-icu", $${params.length}::uuid)`;
  }
  params.push(limit);
  const rows = await db.query<Row>(`SELECT ${COLS} FROM organisation o ${w} ORDER BY o.name COLLATE "und-x-icu", o.id LIMIT $${params.length}`, params);
  return rows.map(toOrg);
}

/** How many organisations the filter matches, counted up to `cap` + 1 (past it the list says "more than"). */
export async function count(db: Db, f: OrgFilter, cap: number): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  params.push(cap + 1);
  const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM organisation o ${w} LIMIT $${params.length}) matching`, params);
  return Number(r.n);
}

export async function byId(db: Db, id: string): Promise<Organisation | undefined> {
  const r = await db.maybeOne<Row>(`SELECT ${COLS} FROM organisation o WHERE o.id = $1`, [id]);
  return r && toOrg(r);
}

export async function byCode(db: Db, code: string): Promise<Organisation | undefined> {
  const r = await db.maybeOne<Row>(`SELECT ${COLS} FROM organisation o WHERE o.code = $1`, [code]);
  return r && toOrg(r);
}

export async function insert(db: Db, o: Omit<Organisation, 'id'> & { id?: string; search: string }): Promise<Organisation> {
  const r = await db.one<Row>(
    `INSERT INTO organisation (id, kind, code, name, short_name, parent_id, province_code, commune_code, search)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLS.replace(/o\./g, '')}`,
    [o.id ?? null, o.kind, o.code, o.name, o.shortName, o.parentId, o.provinceCode, o.communeCode, o.search],
  );
  return toOrg(r);
}

export async function update(db: Db, id: string, o: Omit<Organisation, 'id' | 'kind'> & { search: string }): Promise<Organisation> {
  const r = await db.one<Row>(
    `UPDATE organisation SET code = $2, name = $3, short_name = $4, parent_id = $5, province_code = $6, commune_code = $7, search = $8, updated_at = now()
     WHERE id = $1 RETURNING ${COLS.replace(/o\./g, '')}`,
    [id, o.code, o.name, o.shortName, o.parentId, o.provinceCode, o.communeCode, o.search],
  );
  return toOrg(r);
}

/** The organisation rows of schools, many at a time in one statement (a school is an organisation). */
export async function upsertSchoolRows(db: Db, rows: { id: string; name: string; province_code: string; commune_code: string; search: string }[]): Promise<void> {
  await db.query(
    `INSERT INTO organisation (id, kind, name, province_code, commune_code, search)
     SELECT r.id, 'school', r.name, r.province_code, r.commune_code, r.search
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, province_code text, commune_code text, search text)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, province_code = EXCLUDED.province_code,
       commune_code = EXCLUDED.commune_code, search = EXCLUDED.search, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

/** Remove a school's organisation row (its school row goes with it). */
export async function removeSchoolRow(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM organisation WHERE id = $1 AND kind = 'school'`, [id]);
}

/**
 * The names, short names, codes and aliases of the organisations that plans name as lead units
 * (the Ministry, its units, Departments, clusters, others), except one: a plan's import matches
 * its units by these, so they identify an organisation.
 */
export async function unitNames(db: Db, exceptId: string): Promise<{ names: { name: string; short_name: string | null; code: string | null }[]; aliases: string[] }> {
  const names = await db.query<{ name: string; short_name: string | null; code: string | null }>(
    `SELECT name, short_name, code FROM organisation WHERE id <> $1 AND kind IN ('ministry', 'ministry_unit', 'department', 'cluster', 'other', 'training_institution', 'department_unit')`, [exceptId]);
  const aliases = (await db.query<{ alias: string }>('SELECT alias FROM organisation_alias WHERE organisation_id <> $1', [exceptId])).map((r) => r.alias);
  return { names, aliases };
}
