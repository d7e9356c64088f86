import fs from 'node:fs';
import type { Db } from '../platform/db.js';
import { dataPath, readJsonData } from '../platform/data-files.js';
import { fold } from '../platform/text.js';
import { loadAreas } from '../modules/areas/load.js';
import { loadPlans } from '../modules/plans/load.js';
import { loadFrameworks } from '../modules/assessments/load.js';

/**
 * Reference data every installation has: administrative units, the Ministry and the units the
 * seed plans name, the 34 Departments, every commune's People's Committee, and Hanoi's
 * high-school clusters. Idempotent: keyed on organisation codes, so it runs at every start and
 * picks up additions to data/organisations.
 */

interface UnitDef { key: string; kind: 'ministry' | 'ministry_unit' | 'other' | 'training_institution' | 'department_unit'; name: string; shortName?: string | null; aliases?: string[]; parentKey?: string | null }

async function upsertOrgs(db: Db, rows: { code: string; kind: string; name: string; short_name: string | null; parent_code: string | null; province_code: string | null; commune_code: string | null }[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK).map((r) => ({ ...r, search: fold([r.name, r.short_name, r.code].filter(Boolean).join(' ')) }));
    await db.query(
      `INSERT INTO organisation (code, kind, name, short_name, parent_id, province_code, commune_code, search)
       SELECT r.code, r.kind, r.name, r.short_name, p.id, r.province_code, r.commune_code, r.search
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, kind text, name text, short_name text, parent_code text, province_code text, commune_code text, search text)
         LEFT JOIN organisation p ON p.code = r.parent_code
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, short_name = EXCLUDED.short_name, parent_id = EXCLUDED.parent_id,
         province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code, search = EXCLUDED.search
       WHERE (organisation.kind, organisation.name, organisation.short_name, organisation.parent_id) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.parent_id)`,
      [JSON.stringify(part)],
    );
  }
}

export async function loadReferenceData(db: Db): Promise<void> {
  await loadAreas(db);
  await db.tx(async (t) => {
    const units = readJsonData<{ units: UnitDef[] }>('organisations', 'units.json').units;
    const ministry = units.filter((u) => u.kind === 'ministry');
    await upsertOrgs(t, ministry.map((u) => ({ code: u.key, kind: u.kind, name: u.name, short_name: u.shortName ?? null, parent_code: null, province_code: null, commune_code: null })));

    const provinces = await t.query<{ code: string; name: string; unit_type: string }>(`SELECT code, name, unit_type FROM area WHERE era = 'current' AND level = 'province' ORDER BY code`);
    await upsertOrgs(t, provinces.map((p) => ({
      code: `so-${p.code}`, kind: 'department', name: `Sở Giáo dục và Đào tạo ${p.unit_type === 'Thành phố' ? 'thành phố' : 'tỉnh'} ${p.name}`,
      short_name: `Sở GDĐT ${p.name}`, parent_code: null, province_code: p.code, commune_code: null,
    })));

    // units whose parent is another unit or a Department: insert parents first
    const rest = units.filter((u) => u.kind !== 'ministry');
    const done = new Set(ministry.map((u) => u.key));
    for (let pass = 0; pass < 4 && rest.some((u) => !done.has(u.key)); pass++) {
      const ready = rest.filter((u) => !done.has(u.key) && (!u.parentKey || done.has(u.parentKey) || u.parentKey.startsWith('so-')));
      await upsertOrgs(t, ready.map((u) => ({
        code: u.key, kind: u.kind, name: u.name, short_name: u.shortName ?? null, parent_code: u.parentKey ?? null,
        province_code: u.parentKey?.startsWith('so-') ? u.parentKey.slice(3, 5) : null, commune_code: null,
      })));
      for (const u of ready) done.add(u.key);
    }
    const aliases = units.flatMap((u) => [u.name, u.shortName, ...(u.aliases ?? [])].filter((a): a is string => !!a).map((a) => ({ code: u.key, alias: fold(a) })));
    await t.query(
      `INSERT INTO organisation_alias (organisation_id, alias)
       SELECT DISTINCT o.id, r.alias FROM jsonb_to_recordset($1::jsonb) AS r(code text, alias text) JOIN organisation o ON o.code = r.code
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(aliases)],
    );

    const clustersFile = dataPath('organisations', 'hanoi-clusters.json');
    if (fs.existsSync(clustersFile)) {
      const clusters = readJsonData<{ key: string; name: string; shortName?: string }[]>('organisations', 'hanoi-clusters.json');
      await upsertOrgs(t, clusters.map((c) => ({ code: c.key, kind: 'cluster', name: c.name, short_name: c.shortName ?? null, parent_code: 'so-01', province_code: '01', commune_code: null })));
    }

    const committees = await t.one<{ n: number }>(`SELECT count(*) AS n FROM organisation WHERE kind = 'commune_committee'`);
    if (Number(committees.n) === 0) {
      const communes = await t.query<{ code: string; full_name: string; province_code: string }>(`SELECT code, full_name, province_code FROM area WHERE era = 'current' AND level = 'commune'`);
      await upsertOrgs(t, communes.map((c) => ({
        code: `ubnd-${c.code}`, kind: 'commune_committee', name: `Ủy ban nhân dân ${c.full_name.replace(/^(Xã|Phường|Đặc khu)/, (m) => m.toLowerCase())}`,
        short_name: `UBND ${c.full_name}`, parent_code: null, province_code: c.province_code, commune_code: c.code,
      })));
    }
  });
  await loadPlans(db);
  await loadFocalPoints(db);
  await loadFrameworks(db);
}

/** The twinning plan's focal points (seed 001 §III.6), as roles of the four Departments. */
async function loadFocalPoints(db: Db): Promise<void> {
  const file = dataPath('plans', 'kh-ketnghia-hanoi-2026.json');
  if (!fs.existsSync(file)) return;
  const points = readJsonData<{ focalPoints?: { organisationKey: string; unitText: string; role: string }[] }>('plans', 'kh-ketnghia-hanoi-2026.json').focalPoints ?? [];
  await db.query(
    `INSERT INTO programme_focal_point (department_id, programme, role_title, unit)
     SELECT o.id, 'ket-nghia-bien-gioi', r.role, r.unit FROM jsonb_to_recordset($1::jsonb) AS r(key text, role text, unit text) JOIN organisation o ON o.code = r.key
     ON CONFLICT (department_id, programme) DO NOTHING`,
    [JSON.stringify(points.map((p) => ({ key: p.organisationKey, role: p.role, unit: p.unitText })))],
  );
}
