import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { cleanText } from '../../platform/text.js';
import { beneficiaryPolicy, selectionPolicy } from './policy.js';
import { checkQuota } from './domain.js';

/**
 * Plan 29's target provinces and 2021 selection, stored as written in 2021 (pre-2025 provinces)
 * and counted under today's provinces through the official mapping; the selection quota checked
 * per province from the selection table and the gifts in the ledger.
 */

interface Rules { targetProvinces2021to2025: { name: string; oldCode: string }[]; selected2021: { name: string; oldCode: string }[] }

async function rules(db: Db): Promise<Rules> {
  const r = await db.maybeOne<{ rules: Rules }>(`SELECT rules FROM plan WHERE key = 'kh-29-bgddt-2021'`);
  if (!r?.rules) throw notFound('Chưa có dữ liệu Kế hoạch 29/KH-BGDĐT');
  return r.rules;
}

export async function provinces(db: Db) {
  const r = await rules(db);
  const map = new Map((await db.query<{ old_code: string; new_province_code: string; new_name: string; old_name: string }>(
    `SELECT s.old_code, s.new_province_code, n.name AS new_name, o.name AS old_name FROM area_succession s
       JOIN area n ON n.era = 'current' AND n.level = 'province' AND n.code = s.new_province_code
       JOIN area o ON o.era = 'legacy' AND o.level = 'province' AND o.code = s.old_code WHERE s.old_level = 'province'`)).map((x) => [x.old_code, x]));
  const chosen = new Set(r.selected2021.map((p) => p.oldCode));
  const list = r.targetProvinces2021to2025.map((p) => ({ asWritten: p.name, oldCode: p.oldCode, oldName: map.get(p.oldCode)?.old_name ?? null, currentCode: map.get(p.oldCode)?.new_province_code ?? null, currentName: map.get(p.oldCode)?.new_name ?? null, selected2021: chosen.has(p.oldCode) }));
  const byCurrent = new Map<string, { currentCode: string; currentName: string; oldProvinces: string[]; selected2021: number }>();
  for (const p of list) {
    if (!p.currentCode) continue;
    const g = byCurrent.get(p.currentCode) ?? { currentCode: p.currentCode, currentName: p.currentName!, oldProvinces: [], selected2021: 0 };
    g.oldProvinces.push(p.asWritten);
    if (p.selected2021) g.selected2021++;
    byCurrent.set(p.currentCode, g);
  }
  return { targets: list, byCurrentProvince: [...byCurrent.values()].sort((a, b) => a.currentCode.localeCompare(b.currentCode)) };
}

/** Replace a province's selection for a year: one pre-2025 district and its schools. */
export async function select(db: Db, actor: Actor, input: { year: number; oldProvinceCode: string; oldDistrictCode: string; schoolIds: string[] }) {
  const r = await rules(db);
  if (!r.targetProvinces2021to2025.some((p) => p.oldCode === input.oldProvinceCode)) throw invalid('Tỉnh không thuộc 30 tỉnh mục tiêu của Kế hoạch 29', [{ path: 'oldProvinceCode', message: 'Không thuộc danh sách' }]);
  const d = await db.maybeOne<{ province_code: string; new_province: string }>(
    `SELECT a.province_code, s.new_province_code AS new_province FROM area a JOIN area_succession s ON s.old_level = 'province' AND s.old_code = a.province_code
      WHERE a.era = 'legacy' AND a.level = 'district' AND a.code = $1`, [input.oldDistrictCode]);
  if (!d || d.province_code !== input.oldProvinceCode) throw invalid('Huyện không thuộc tỉnh đã chọn (theo danh mục trước 01/07/2025)', [{ path: 'oldDistrictCode', message: 'Không hợp lệ' }]);
  authorize(selectionPolicy, 'write', actor, { provinceCode: d.new_province });
  return db.tx(async (t) => {
    const schools = await t.query<{ id: string; province_code: string }>('SELECT organisation_id AS id, province_code FROM school WHERE organisation_id = ANY($1::uuid[])', [input.schoolIds]);
    const bad = input.schoolIds.filter((id) => !schools.some((s) => s.id === id && s.province_code === d.new_province));
    if (bad.length) throw invalid('Có trường không thuộc tỉnh (hiện hành) của huyện đã chọn', bad.map((id) => ({ path: 'schoolIds', message: id })));
    const before = await t.query('SELECT old_district_code, school_id FROM plan29_selection WHERE year = $1 AND old_province_code = $2', [input.year, input.oldProvinceCode]);
    await t.query('DELETE FROM plan29_selection WHERE year = $1 AND old_province_code = $2', [input.year, input.oldProvinceCode]);
    await t.query(
      `INSERT INTO plan29_selection (year, old_province_code, old_district_code, school_id, created_by) SELECT $1, $2, $3, unnest($4::uuid[]), $5`,
      [input.year, input.oldProvinceCode, input.oldDistrictCode, input.schoolIds, actor.userId],
    );
    await audit(t, actor, { entity: 'plan29_selection', entityId: `${input.year}:${input.oldProvinceCode}`, action: 'select', before, after: { oldDistrictCode: input.oldDistrictCode, schoolIds: input.schoolIds } });
    return quota(t, input.year);
  });
}

/** Per chosen province: districts and schools by level selected, gifts per school from the ledger, and what is missing. */
export async function quota(db: Db, year: number) {
  const r = await rules(db);
  const chosen = year === 2021 ? r.selected2021 : r.targetProvinces2021to2025;
  const sel = await db.query<{ old_province_code: string; old_district_code: string; district_name: string; school_id: string; school_name: string; levels: string[] }>(
    `SELECT ps.old_province_code, ps.old_district_code, d.full_name AS district_name, ps.school_id, s.name AS school_name, s.levels
       FROM plan29_selection ps JOIN school s ON s.organisation_id = ps.school_id
       LEFT JOIN area d ON d.era = 'legacy' AND d.level = 'district' AND d.code = ps.old_district_code WHERE ps.year = $1`, [year]);
  const gifts = await db.query<{ school_id: string; kind: string; n: number }>(
    `SELECT k.school_id, b.kind, count(DISTINCT b.id) AS n FROM contribution k JOIN beneficiary b ON b.id = k.beneficiary_id
      WHERE k.status <> 'cancelled' AND extract(year FROM k.pledged_on) = $1 AND k.school_id IN (SELECT school_id FROM plan29_selection WHERE year = $1)
      GROUP BY 1, 2`, [year]);
  return chosen.map((p) => {
    const rows = sel.filter((s) => s.old_province_code === p.oldCode);
    const districts = [...new Set(rows.map((x) => x.old_district_code))];
    const levelCount = (l: string) => rows.filter((x) => x.levels.includes(l)).length;
    const schools = rows.map((x) => ({ id: x.school_id, name: x.school_name, levels: x.levels, gifts: { teacher: 0, manager: 0, pupil: 0, ...Object.fromEntries(gifts.filter((g) => g.school_id === x.school_id).map((g) => [g.kind, Number(g.n)])) } as Record<'teacher' | 'manager' | 'pupil', number> }));
    const check = checkQuota({ districts: districts.length, schoolsByLevel: { mam_non: levelCount('mam_non'), tieu_hoc: levelCount('tieu_hoc'), thcs: levelCount('thcs') }, schools });
    return { asWritten: p.name, oldCode: p.oldCode, districts: districts.map((code) => ({ code, name: rows.find((x) => x.old_district_code === code)?.district_name ?? code })), schools, ...check };
  });
}

// ---------- beneficiaries (named only inside the school and its Department) ----------

export async function listBeneficiaries(db: Db, actor: Actor, schoolId: string) {
  const s = await db.maybeOne<{ province_code: string }>('SELECT province_code FROM school WHERE organisation_id = $1', [schoolId]);
  if (!s) throw notFound('Không tìm thấy trường');
  authorize(beneficiaryPolicy, 'read', actor, { schoolId, provinceCode: s.province_code });
  return db.query<{ id: string; kind: string; full_name: string; birth_year: number | null; grade: string | null; consent_recorded: boolean }>(
    'SELECT id, kind, full_name, birth_year, grade, consent_recorded FROM beneficiary WHERE school_id = $1 ORDER BY kind, full_name', [schoolId]);
}

export async function addBeneficiary(db: Db, actor: Actor, schoolId: string, input: { kind: 'pupil' | 'teacher' | 'manager'; fullName: string; birthYear?: number | null; grade?: string | null; consentRecorded: boolean }) {
  const s = await db.maybeOne<{ province_code: string }>('SELECT province_code FROM school WHERE organisation_id = $1', [schoolId]);
  if (!s) throw notFound('Không tìm thấy trường');
  authorize(beneficiaryPolicy, 'write', actor, { schoolId, provinceCode: s.province_code });
  if (input.kind === 'pupil' && !input.consentRecorded) throw invalid('Cần ghi nhận sự đồng ý của cha mẹ hoặc người giám hộ', [{ path: 'consentRecorded', message: 'Bắt buộc với học sinh (Nghị định 13/2023/NĐ-CP)' }]);
  return db.tx(async (t) => {
    const r = await t.one<{ id: string }>('INSERT INTO beneficiary (school_id, kind, full_name, birth_year, grade, consent_recorded, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [schoolId, input.kind, cleanText(input.fullName), input.birthYear ?? null, cleanText(input.grade ?? null), input.consentRecorded, actor.userId]);
    // the audit keeps no name: only the kind and that consent was recorded
    await audit(t, actor, { entity: 'beneficiary', entityId: r.id, action: 'create', after: { schoolId, kind: input.kind, consentRecorded: input.consentRecorded } });
    return { id: r.id };
  });
}
