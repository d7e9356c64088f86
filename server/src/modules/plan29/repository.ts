import type { Db } from '../../platform/db.js';

export interface Rules { targetProvinces2021to2025: { name: string; oldCode: string }[]; selected2021: { name: string; oldCode: string }[] }

export const rules = async (db: Db) => (await db.maybeOne<{ rules: Rules }>(`SELECT rules FROM plan WHERE key = 'kh-29-bgddt-2021'`))?.rules ?? null;

/** Each pre-2025 province with today's province it became. */
export const provinceSuccessions = (db: Db) =>
  db.query<{ old_code: string; new_province_code: string; new_name: string; old_name: string }>(
    `SELECT s.old_code, s.new_province_code, n.name AS new_name, o.name AS old_name FROM area_succession s
       JOIN area n ON n.era = 'current' AND n.level = 'province' AND n.code = s.new_province_code
       JOIN area o ON o.era = 'legacy' AND o.level = 'province' AND o.code = s.old_code WHERE s.old_level = 'province'`);

/** A pre-2025 district, its province then, and the province it lies in today. */
export const legacyDistrict = (db: Db, code: string) =>
  db.maybeOne<{ province_code: string; new_province: string }>(
    `SELECT a.province_code, s.new_province_code AS new_province FROM area a JOIN area_succession s ON s.old_level = 'province' AND s.old_code = a.province_code
      WHERE a.era = 'legacy' AND a.level = 'district' AND a.code = $1`, [code]);

export const schoolProvinces = (db: Db, ids: string[]) =>
  db.query<{ id: string; province_code: string }>('SELECT organisation_id AS id, province_code FROM school WHERE organisation_id = ANY($1::uuid[])', [ids]);

/**
 * Of the given schools, those whose commune (today's) descends from none of the old district's
 * communes, in part or in whole: a commune merged in 2025 from communes of two old districts
 * descends from both. Wards that disappeared before 2025 count through the supplement table.
 */
export const schoolsOutsideDistrict = (db: Db, ids: string[], oldDistrictCode: string) =>
  db.query<{ id: string; name: string }>(
    `SELECT s.organisation_id AS id, o.name FROM school s JOIN organisation o ON o.id = s.organisation_id
      WHERE s.organisation_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM area_succession su
              JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = su.old_code
             WHERE su.old_level = 'commune' AND su.new_commune_code = s.commune_code AND (c.district_code = $2 OR c.parent_code = $2))
        AND NOT EXISTS (SELECT 1 FROM area_succession su
             WHERE su.old_level = 'district' AND su.old_code = $2 AND su.new_commune_code = s.commune_code)
        AND NOT EXISTS (SELECT 1 FROM area_succession_supplement x
             WHERE x.old_district_code = $2 AND x.new_commune_code = s.commune_code)
      ORDER BY o.name`, [ids, oldDistrictCode]);

export const schoolProvince = async (db: Db, id: string) =>
  (await db.maybeOne<{ province_code: string }>('SELECT province_code FROM school WHERE organisation_id = $1', [id]))?.province_code ?? null;

export const selectionOf = (db: Db, year: number, oldProvinceCode: string) =>
  db.query('SELECT old_district_code, school_id FROM plan29_selection WHERE year = $1 AND old_province_code = $2', [year, oldProvinceCode]);

/**
 * Hold a province's selection of a year until the transaction ends. The selection is replaced
 * whole (delete, then insert) and may not exist yet, so there is no row to lock: a transaction
 * advisory lock on (year, province) serialises the replacements instead.
 */
export const lockSelection = (db: Db, year: number, oldProvinceCode: string) =>
  db.query(`SELECT pg_advisory_xact_lock(hashtext('plan29_selection'), hashtext($1::text || ':' || $2::text))`, [year, oldProvinceCode]);

export async function replaceSelection(db: Db, s: { year: number; oldProvinceCode: string; oldDistrictCode: string; schoolIds: string[]; createdBy: string | null }) {
  await db.query('DELETE FROM plan29_selection WHERE year = $1 AND old_province_code = $2', [s.year, s.oldProvinceCode]);
  await db.query(
    `INSERT INTO plan29_selection (year, old_province_code, old_district_code, school_id, created_by) SELECT $1, $2, $3, unnest($4::uuid[]), $5`,
    [s.year, s.oldProvinceCode, s.oldDistrictCode, s.schoolIds, s.createdBy],
  );
}

export const selected = (db: Db, year: number) =>
  db.query<{ old_province_code: string; old_district_code: string; district_name: string; school_id: string; school_name: string; levels: string[] }>(
    `SELECT ps.old_province_code, ps.old_district_code, d.full_name AS district_name, ps.school_id, s.name AS school_name, s.levels
       FROM plan29_selection ps JOIN school s ON s.organisation_id = ps.school_id
       LEFT JOIN area d ON d.era = 'legacy' AND d.level = 'district' AND d.code = ps.old_district_code WHERE ps.year = $1`, [year]);

/** People given a gift in a year at the selected schools, by kind (read from the ledger). */
export const giftsOfYear = (db: Db, year: number) =>
  db.query<{ school_id: string; kind: string; n: number }>(
    `SELECT k.school_id, b.kind, count(DISTINCT b.id) AS n FROM contribution k JOIN beneficiary b ON b.id = k.beneficiary_id
      WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.school_id IN (SELECT school_id FROM plan29_selection WHERE year = $1)
      GROUP BY 1, 2`, [year]);

export const beneficiaries = (db: Db, schoolId: string) =>
  db.query<{ id: string; kind: string; full_name: string; birth_year: number | null; grade: string | null; consent_recorded: boolean }>(
    'SELECT id, kind, full_name, birth_year, grade, consent_recorded FROM beneficiary WHERE school_id = $1 ORDER BY kind, full_name', [schoolId]);

export async function insertBeneficiary(db: Db, b: { schoolId: string; kind: string; fullName: string | null; birthYear: number | null; grade: string | null; consentRecorded: boolean; createdBy: string | null }) {
  return (await db.one<{ id: string }>('INSERT INTO beneficiary (school_id, kind, full_name, birth_year, grade, consent_recorded, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [b.schoolId, b.kind, b.fullName, b.birthYear, b.grade, b.consentRecorded, b.createdBy])).id;
}

/** The names of the people receiving gifts at these schools (only to check free text against them). */
export const recipientNames = (db: Db, schoolIds: string[]) =>
  db.query<{ full_name: string }>('SELECT DISTINCT full_name FROM beneficiary WHERE school_id = ANY($1::uuid[])', [schoolIds]);
