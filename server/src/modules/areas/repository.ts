import type { Db } from '../../platform/db.js';
import type { Area } from '../../../../contracts/areas.js';
import type { AreaFlag, AreaLevel } from '../../../../contracts/common.js';

export type Era = 'current' | 'legacy';

const COLS = `a.code, a.level, a.era, a.name, a.full_name, a.name_en, a.unit_type, a.province_code,
  a.district_code, a.parent_code, a.flags, a.valid_from, a.valid_to`;

interface Row {
  code: string; level: AreaLevel; era: Era; name: string; full_name: string; name_en: string | null;
  unit_type: string; province_code: string; district_code: string | null; parent_code: string | null;
  flags: AreaFlag[]; valid_from: string | null; valid_to: string | null;
}

export const toArea = (r: Row): Area => ({
  code: r.code, level: r.level, era: r.era, name: r.name, fullName: r.full_name, nameEn: r.name_en,
  unitType: r.unit_type, provinceCode: r.province_code, districtCode: r.district_code, parentCode: r.parent_code,
  flags: r.flags ?? [], validFrom: r.valid_from, validTo: r.valid_to,
});

export async function provinces(db: Db): Promise<(Area & { communeCount: number })[]> {
  const rows = await db.query<Row & { commune_count: number }>(
    `SELECT ${COLS}, (SELECT count(*) FROM area c WHERE c.era = 'current' AND c.level = 'commune' AND c.province_code = a.code) AS commune_count
       FROM area a WHERE a.era = 'current' AND a.level = 'province' ORDER BY a.name COLLATE "und-x-icu"`,
  );
  return rows.map((r) => ({ ...toArea(r), communeCount: Number(r.commune_count) }));
}

export async function communesOf(db: Db, provinceCode: string, flag?: AreaFlag): Promise<Area[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLS} FROM area a WHERE a.era = 'current' AND a.level = 'commune' AND a.province_code = $1
       AND ($2::text IS NULL OR $2 = ANY(a.flags)) ORDER BY a.name COLLATE "und-x-icu", a.code`,
    [provinceCode, flag ?? null],
  );
  return rows.map(toArea);
}

export async function findByCode(db: Db, era: Era, level: AreaLevel, code: string): Promise<Area | undefined> {
  const r = await db.maybeOne<Row>(`SELECT ${COLS} FROM area a WHERE a.era = $1 AND a.level = $2 AND a.code = $3`, [era, level, code]);
  return r && toArea(r);
}

export async function findManyByCode(db: Db, era: Era, level: AreaLevel, codes: string[]): Promise<Area[]> {
  if (codes.length === 0) return [];
  const rows = await db.query<Row>(`SELECT ${COLS} FROM area a WHERE a.era = $1 AND a.level = $2 AND a.code = ANY($3::text[]) ORDER BY a.code`, [era, level, codes]);
  return rows.map(toArea);
}

/** Units whose folded name (without type prefix) or alias equals key. */
export async function findByNameKey(db: Db, era: Era, key: string, level?: AreaLevel): Promise<Area[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLS} FROM area a
      WHERE a.era = $1 AND ($3::text IS NULL OR a.level = $3)
        AND (a.name_key = $2 OR a.search = $2 OR EXISTS (SELECT 1 FROM area_alias al WHERE al.area_id = a.id AND al.alias = $2))
      ORDER BY CASE a.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, a.code
      LIMIT 50`,
    [era, key, level ?? null],
  );
  return rows.map(toArea);
}

/** Diacritic-free search: exact names first, then prefixes, then substrings; provinces before communes. */
export async function search(db: Db, q: string, opts: { era?: Era; level?: AreaLevel; provinceCode?: string; limit: number }): Promise<Area[]> {
  const like = '%' + q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  const rows = await db.query<Row>(
    `SELECT ${COLS} FROM area a
      WHERE (a.search LIKE $1 OR a.name_key LIKE $1 OR EXISTS (SELECT 1 FROM area_alias al WHERE al.area_id = a.id AND al.alias = $2))
        AND ($3::text IS NULL OR a.era = $3) AND ($4::text IS NULL OR a.level = $4) AND ($5::text IS NULL OR a.province_code = $5)
      ORDER BY (a.name_key = $2) DESC, (a.name_key LIKE $2 || '%') DESC, (a.era = 'current') DESC,
        CASE a.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, a.name COLLATE "und-x-icu", a.code
      LIMIT $6`,
    [like, q, opts.era ?? null, opts.level ?? null, opts.provinceCode ?? null, opts.limit],
  );
  return rows.map(toArea);
}

export interface SuccessionRow { new_province_code: string; new_commune_code: string | null; kind: string; note: string | null }

export async function successors(db: Db, level: AreaLevel, oldCode: string): Promise<SuccessionRow[]> {
  return db.query<SuccessionRow>(
    `SELECT new_province_code, new_commune_code, kind, note FROM area_succession WHERE old_level = $1 AND old_code = $2 ORDER BY new_commune_code NULLS FIRST, id`,
    [level, oldCode],
  );
}

export async function supplementByName(db: Db, key: string, oldProvinceCode?: string): Promise<{ old_ward_name: string; old_district_name: string | null; new_commune_code: string }[]> {
  return db.query(
    `SELECT old_ward_name, old_district_name, new_commune_code FROM area_succession_supplement
      WHERE old_ward_search = $1 AND ($2::text IS NULL OR old_province_code = $2) ORDER BY id LIMIT 20`,
    [key, oldProvinceCode ?? null],
  );
}

export async function setFlags(db: Db, code: string, flags: AreaFlag[]): Promise<Area | undefined> {
  const r = await db.maybeOne<Row>(
    `UPDATE area a SET flags = $2::text[] WHERE a.era = 'current' AND a.code = $1 RETURNING ${COLS}`,
    [code, flags],
  );
  return r && toArea(r);
}

export async function currentCodesExisting(db: Db, codes: string[]): Promise<Map<string, Area>> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM area a WHERE a.era = 'current' AND a.code = ANY($1::text[])`, [codes]);
  return new Map(rows.map((r) => [r.code, toArea(r)]));
}

export async function flaggedCommunes(db: Db): Promise<Area[]> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM area a WHERE a.era = 'current' AND cardinality(a.flags) > 0 ORDER BY a.province_code, a.code`);
  return rows.map(toArea);
}

/** Districts of a province as they stood before 1 July 2025. */
export async function legacyDistricts(db: Db, provinceCode: string): Promise<Area[]> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM area a WHERE a.era = 'legacy' AND a.level = 'district' AND a.province_code = $1 ORDER BY a.name COLLATE "und-x-icu", a.code`, [provinceCode]);
  return rows.map(toArea);
}
