import type { Db } from '../../platform/db.js';
import { readJsonData } from '../../platform/data-files.js';
import { fold } from '../../platform/text.js';

/**
 * Matching unit names as plans write them ("Vụ GDCTHSSV", "Cục CSVC", "Các Sở GDĐT") to
 * organisations, without diacritics, by name, abbreviation or alias. Collective names are
 * groups; a group with known members expands to them.
 */

export interface GroupDef { key: string; name: string; aliases?: string[]; memberKeys?: string[] }

let groupsCache: GroupDef[] | null = null;
export function groups(): GroupDef[] {
  groupsCache ??= readJsonData<{ groups: GroupDef[] }>('organisations', 'units.json').groups;
  return groupsCache;
}

export interface UnitMatcher {
  /** organisation ids for one unit string, or a group key */
  match(text: string): { orgIds: string[]; groupKey: string | null } | null;
  /** split a cell into unit strings and match each; `provinceCode` (the plan issuer's) places groups as expandGroup does */
  matchCell(cell: string, provinceCode?: string | null): { orgIds: string[]; groupKeys: string[]; unknown: string[] };
  /** a group's members; `provinceCode` (the plan issuer's) places groups such as "the communes' People's Committees" */
  expandGroup(key: string, provinceCode?: string | null): string[];
  idOfKey(key: string): string | undefined;
}

/**
 * Split "Vụ GDTrH, Vụ GDTX; Cục CNTT và các Sở GDĐT" into its units. A comma before "xã",
 * "thị trấn" or "đặc khu" ending a unit belongs to its name ("UBND các phường, xã").
 */
export function splitUnits(cell: string): string[] {
  return cell
    .normalize('NFC')
    .split(/[;\n+]|,(?!\s*(?:xã|xa|thị trấn|thi tran|đặc khu|dac khu)\s*(?:[,;\n+]|$))| và (?=(?:các |vụ |cục |ban |văn phòng |sở |trung tâm |viện |báo |công đoàn |thanh tra ))/i)
    .map((s) => s.replace(/^[-–•\s]+|[.\s]+$/g, '').trim())
    .filter(Boolean);
}

export async function unitMatcher(db: Db): Promise<UnitMatcher> {
  const aliasRows = await db.query<{ alias: string; id: string }>(`SELECT alias, organisation_id AS id FROM organisation_alias`);
  const orgs = await db.query<{ id: string; code: string | null; name: string; short_name: string | null; kind: string; parent_code: string | null }>(
    `SELECT o.id, o.code, o.name, o.short_name, o.kind, p.code AS parent_code FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
      WHERE o.kind IN ('ministry', 'ministry_unit', 'department', 'cluster', 'other', 'training_institution', 'department_unit')`,
  );
  // communes' People's Committees are not matched by name (thousands share names); they are group members only
  const committees = await db.query<{ id: string; province_code: string }>(`SELECT id, province_code FROM organisation WHERE kind = 'commune_committee'`);
  const byAlias = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const o of orgs) {
    if (o.code) byCode.set(o.code, o.id);
    for (const n of [o.name, o.short_name, o.code]) if (n) byAlias.set(fold(n), o.id);
  }
  for (const a of aliasRows) byAlias.set(a.alias, a.id);
  const groupByAlias = new Map<string, GroupDef>();
  for (const g of groups()) for (const n of [g.key, g.name, ...(g.aliases ?? [])]) groupByAlias.set(fold(n), g);

  // the Ministry's standing units (not the boards set up for one plan)
  const ministryUnit = (o: (typeof orgs)[number]) => o.kind === 'ministry_unit' && o.parent_code === 'bgddt' && !o.code?.endsWith('-kh29');
  const expand = (key: string, provinceCode?: string | null): string[] => {
    const g = groups().find((x) => x.key === key);
    if (!g) return [];
    if (g.memberKeys) return g.memberKeys.map((k) => byCode.get(k)).filter((x): x is string => !!x);
    const ids = (f: (o: (typeof orgs)[number]) => boolean) => orgs.filter(f).map((o) => o.id);
    switch (key) {
      case 'cac-so-gddt': return ids((o) => o.kind === 'department');
      case 'so-01-cum-truong-thpt': return ids((o) => o.kind === 'cluster' && o.parent_code === 'so-01');
      // "Các Vụ, Cục": the Ministry's departments (Vụ) and agencies (Cục), each by name
      case 'cac-vu-cuc': return ids((o) => ministryUnit(o) && /^(Vụ|Cục) /.test(o.name));
      // units under the Ministry (its Vụ, Cục, offices, boards) and the institutions directly under it
      case 'cac-don-vi-thuoc-bo': return ids((o) => ministryUnit(o) || (o.kind === 'training_institution' && o.parent_code === 'bgddt'));
      case 'co-so-gddh':
      case 'co-so-dao-tao': return ids((o) => o.kind === 'training_institution');
      // the communes' People's Committees of the issuing Department's province
      case 'ubnd-cac-xa': return provinceCode ? committees.filter((c) => c.province_code === provinceCode).map((c) => c.id) : [];
      default: return [];
    }
  };

  const matchIn = (text: string, provinceCode: string | null) => {
    const k = fold(text);
    if (!k) return null;
    const g = groupByAlias.get(k);
    if (g) return { orgIds: expand(g.key, provinceCode), groupKey: g.key };
    const id = byAlias.get(k) ?? byCode.get(text.trim());
    if (id) return { orgIds: [id], groupKey: null };
    // "Sở GDĐT Điện Biên" and the like
    const so = k.match(/^so (?:gd ?dt|giao duc va dao tao) (?:tinh |thanh pho )?(.+)$/);
    if (so) {
      const dept = orgs.find((o) => o.kind === 'department' && fold(o.short_name ?? '').endsWith(so[1]));
      if (dept) return { orgIds: [dept.id], groupKey: null };
    }
    return null;
  };
  const match: UnitMatcher['match'] = (text) => matchIn(text, null);

  return {
    match,
    matchCell(cell, provinceCode = null) {
      const out = { orgIds: [] as string[], groupKeys: [] as string[], unknown: [] as string[] };
      for (const part of splitUnits(cell)) {
        const m = matchIn(part, provinceCode);
        if (!m) out.unknown.push(part);
        else {
          out.orgIds.push(...m.orgIds);
          if (m.groupKey) out.groupKeys.push(m.groupKey);
        }
      }
      out.orgIds = [...new Set(out.orgIds)];
      return out;
    },
    expandGroup: expand,
    idOfKey: (key) => byCode.get(key),
  };
}
