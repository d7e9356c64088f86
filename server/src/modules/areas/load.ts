import type { Db } from '../../platform/db.js';
import { readJsonData } from '../../platform/data-files.js';
import { fold, foldUnitName } from '../../platform/text.js';
import { REFORM_DATE } from '../../../../contracts/common.js';

/**
 * Loads Vietnam's administrative units (current and pre-2025) and the official old→new
 * succession from data/admin-units into the database, once. Bounded memory: one file at a
 * time, inserted in chunks through jsonb_to_recordset.
 */

interface CurrentProvince {
  Code: string; Name: string; NameEn: string; FullName: string; AdministrativeUnitShortName: string;
  Wards: { Code: string; Name: string; NameEn: string; FullName: string; ProvinceCode: string; AdministrativeUnitShortName: string }[];
}
interface LegacyProvince {
  Code: string; Name: string; NameEn: string; FullName: string;
  District: { Code: string; Name: string; NameEn: string; FullName: string; ProvinceCode: string;
    Ward?: { Code: string; Name: string; NameEn: string; FullName: string; DistrictCode: string }[] }[];
}
interface WardMapping {
  oldProvinceCode: string; oldDistrictCode: string; oldWardCode: string | null; oldWardName: string | null;
  newProvinceCode: string; newWardCode: string; newWardName: string; note: string | null; kind: string;
}

export interface AreaRow {
  code: string; level: string; era: string; valid_from: string | null; valid_to: string | null;
  name: string; full_name: string; name_en: string | null; unit_type: string;
  province_code: string; district_code: string | null; parent_code: string | null;
  name_key: string; search: string;
}

const LEGACY_END = '2025-06-30';

/** Units whose status changed after the data snapshot (see data/admin-units/SOURCE.md, "Known drift"). */
const CURRENT_DRIFT: Record<string, { unitType: string; fullName: string }> = {
  '22': { unitType: 'Thành phố', fullName: 'Thành phố Quảng Ninh' },
  '24': { unitType: 'Thành phố', fullName: 'Thành phố Bắc Ninh' },
};

/** Names documents use that folding alone does not reach (Huế was "Thừa Thiên Huế" until 01/2025). */
const ALIASES: { era: string; level: string; code: string; alias: string }[] = [
  { era: 'current', level: 'province', code: '79', alias: 'tp hcm' },
  { era: 'current', level: 'province', code: '79', alias: 'tphcm' },
  { era: 'current', level: 'province', code: '79', alias: 'hcm' },
  { era: 'current', level: 'province', code: '79', alias: 'sai gon' },
  { era: 'legacy', level: 'province', code: '79', alias: 'tp hcm' },
  { era: 'legacy', level: 'province', code: '79', alias: 'tphcm' },
  { era: 'legacy', level: 'province', code: '79', alias: 'sai gon' },
  { era: 'current', level: 'province', code: '46', alias: 'thua thien hue' },
  { era: 'legacy', level: 'province', code: '46', alias: 'thua thien hue' },
  { era: 'current', level: 'province', code: '01', alias: 'thu do ha noi' },
];

function unitType(fullName: string, name: string): string {
  return fullName.endsWith(name) ? fullName.slice(0, fullName.length - name.length).trim() || '' : '';
}

function row(r: Omit<AreaRow, 'name_key' | 'search'>): AreaRow {
  return { ...r, name_key: foldUnitName(r.name), search: fold(r.full_name) };
}

export function currentAreaRows(): AreaRow[] {
  const provinces = readJsonData<CurrentProvince[]>('admin-units', 'current', 'units-current.json.gz');
  const rows: AreaRow[] = [];
  for (const p of provinces) {
    const drift = CURRENT_DRIFT[p.Code];
    rows.push(row({
      code: p.Code, level: 'province', era: 'current', valid_from: REFORM_DATE, valid_to: null,
      name: p.Name, full_name: drift?.fullName ?? p.FullName, name_en: p.NameEn,
      unit_type: drift?.unitType ?? p.AdministrativeUnitShortName,
      province_code: p.Code, district_code: null, parent_code: null,
    }));
    for (const w of p.Wards) {
      rows.push(row({
        code: w.Code, level: 'commune', era: 'current', valid_from: REFORM_DATE, valid_to: null,
        name: w.Name, full_name: w.FullName, name_en: w.NameEn, unit_type: w.AdministrativeUnitShortName,
        province_code: p.Code, district_code: null, parent_code: p.Code,
      }));
    }
  }
  return rows;
}

export function legacyAreaRows(): AreaRow[] {
  const provinces = readJsonData<LegacyProvince[]>('admin-units', 'legacy', 'units-pre-2025-07.json.gz');
  const rows: AreaRow[] = [];
  for (const p of provinces) {
    rows.push(row({
      code: p.Code, level: 'province', era: 'legacy', valid_from: null, valid_to: LEGACY_END,
      name: p.Name, full_name: p.FullName, name_en: p.NameEn, unit_type: unitType(p.FullName, p.Name),
      province_code: p.Code, district_code: null, parent_code: null,
    }));
    for (const d of p.District) {
      rows.push(row({
        code: d.Code, level: 'district', era: 'legacy', valid_from: null, valid_to: LEGACY_END,
        name: d.Name, full_name: d.FullName, name_en: d.NameEn, unit_type: unitType(d.FullName, d.Name),
        province_code: p.Code, district_code: d.Code, parent_code: p.Code,
      }));
      for (const w of d.Ward ?? []) {
        rows.push(row({
          code: w.Code, level: 'commune', era: 'legacy', valid_from: null, valid_to: LEGACY_END,
          name: w.Name, full_name: w.FullName, name_en: w.NameEn, unit_type: unitType(w.FullName, w.Name),
          province_code: p.Code, district_code: d.Code, parent_code: d.Code,
        }));
      }
    }
  }
  return rows;
}

async function insertChunks<T>(db: Db, rows: T[], sql: string, chunk = 3000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.query(sql, [JSON.stringify(rows.slice(i, i + chunk))]);
  }
}

const AREA_INSERT = `INSERT INTO area (code, level, era, valid_from, valid_to, name, full_name, name_en, unit_type,
    province_code, district_code, parent_code, name_key, search)
  SELECT code, level, era, valid_from, valid_to, name, full_name, name_en, unit_type,
    province_code, district_code, parent_code, name_key, search
  FROM jsonb_to_recordset($1::jsonb) AS r(code text, level text, era text, valid_from date, valid_to date,
    name text, full_name text, name_en text, unit_type text, province_code text, district_code text,
    parent_code text, name_key text, search text)`;

export async function areasLoaded(db: Db): Promise<boolean> {
  const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM area WHERE era = 'current' AND level = 'province'`);
  return Number(r.n) > 0;
}

/** Load every unit and the succession tables in one transaction; no-op when already loaded. */
export async function loadAreas(db: Db): Promise<{ loaded: boolean }> {
  if (await areasLoaded(db)) return { loaded: false };
  await db.tx(async (t) => {
    await insertChunks(t, currentAreaRows(), AREA_INSERT);
    await insertChunks(t, legacyAreaRows(), AREA_INSERT);

    for (const a of ALIASES) {
      await t.query(
        `INSERT INTO area_alias (area_id, alias) SELECT id, $4 FROM area WHERE era = $1 AND level = $2 AND code = $3 ON CONFLICT DO NOTHING`,
        [a.era, a.level, a.code, a.alias],
      );
    }

    const succession: { old_level: string; old_code: string; old_province_code: string; new_province_code: string; new_commune_code: string | null; kind: string; note: string | null }[] = [];
    for (const p of readJsonData<{ oldProvinceCode: string; newProvinceCode: string }[]>('admin-units', 'mapping', 'old-province-to-new-province.json.gz')) {
      succession.push({ old_level: 'province', old_code: p.oldProvinceCode, old_province_code: p.oldProvinceCode, new_province_code: p.newProvinceCode, new_commune_code: null, kind: p.oldProvinceCode === p.newProvinceCode ? 'unchanged' : 'whole', note: null });
    }
    const wards = readJsonData<WardMapping[]>('admin-units', 'mapping', 'old-ward-to-new-ward.json.gz');
    for (const d of readJsonData<{ oldDistrictCode: string; oldProvinceCode: string; newProvinceCode: string; newWardCodes: string[] }[]>('admin-units', 'mapping', 'old-district-to-new.json.gz')) {
      const many = d.newWardCodes.length > 1;
      for (const c of d.newWardCodes) {
        succession.push({ old_level: 'district', old_code: d.oldDistrictCode, old_province_code: d.oldProvinceCode, new_province_code: d.newProvinceCode, new_commune_code: c, kind: many ? 'partial' : 'whole', note: null });
      }
    }
    for (const w of wards) {
      if (w.oldWardCode === null) {
        // island districts that became special zones, and Kim Sơn's coastal alluvial area
        const districtHasRows = succession.some((s) => s.old_level === 'district' && s.old_code === w.oldDistrictCode && s.new_commune_code === w.newWardCode);
        if (!districtHasRows) succession.push({ old_level: 'district', old_code: w.oldDistrictCode, old_province_code: w.oldProvinceCode, new_province_code: w.newProvinceCode, new_commune_code: w.newWardCode, kind: w.kind, note: w.note });
        continue;
      }
      succession.push({ old_level: 'commune', old_code: w.oldWardCode, old_province_code: w.oldProvinceCode, new_province_code: w.newProvinceCode, new_commune_code: w.newWardCode, kind: w.kind, note: w.note });
    }
    await insertChunks(t, succession, `INSERT INTO area_succession (old_level, old_code, old_province_code, new_province_code, new_commune_code, kind, note)
      SELECT old_level, old_code, old_province_code, new_province_code, new_commune_code, kind, note
      FROM jsonb_to_recordset($1::jsonb) AS r(old_level text, old_code text, old_province_code text, new_province_code text, new_commune_code text, kind text, note text)`);

    const supplement = readJsonData<{ oldProvinceCode: string; oldDistrictCode?: string; oldDistrictName: string; oldWardName: string; newProvinceCode: string; newWardCode: string }[]>('admin-units', 'mapping', 'supplement-pre2025-abolished-wards.json.gz')
      .map((s) => ({ old_province_code: s.oldProvinceCode, old_district_code: s.oldDistrictCode ?? null, old_district_name: s.oldDistrictName ?? null, old_ward_name: s.oldWardName, old_ward_search: foldUnitName(s.oldWardName), new_province_code: s.newProvinceCode, new_commune_code: s.newWardCode }));
    await insertChunks(t, supplement, `INSERT INTO area_succession_supplement (old_province_code, old_district_code, old_district_name, old_ward_name, old_ward_search, new_province_code, new_commune_code)
      SELECT old_province_code, old_district_code, old_district_name, old_ward_name, old_ward_search, new_province_code, new_commune_code
      FROM jsonb_to_recordset($1::jsonb) AS r(old_province_code text, old_district_code text, old_district_name text, old_ward_name text, old_ward_search text, new_province_code text, new_commune_code text)`);
  });
  return { loaded: true };
}
