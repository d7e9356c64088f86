import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { cleanText, fold } from '../../platform/text.js';
import type { Beneficiary, BeneficiaryInput, BeneficiaryKind, Plan29, Plan29SelectionInput, QuotaRow } from '../../../../contracts/plan29.js';
import * as repo from './repository.js';
import { beneficiaryPolicy, selectionPolicy } from './policy.js';
import { checkQuota } from './domain.js';

/**
 * Plan 29's target provinces and 2021 selection, stored as written in 2021 (pre-2025 provinces)
 * and counted under today's provinces through the official mapping; the selection quota checked
 * per province from the selection table and the gifts in the ledger.
 */

async function rules(db: Db): Promise<repo.Rules> {
  const r = await repo.rules(db);
  if (!r) throw notFound('Chưa có dữ liệu Kế hoạch 29/KH-BGDĐT');
  return r;
}

export async function provinces(db: Db): Promise<Plan29> {
  const r = await rules(db);
  const map = new Map((await repo.provinceSuccessions(db)).map((x) => [x.old_code, x]));
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
export async function select(db: Db, actor: Actor, input: Plan29SelectionInput): Promise<QuotaRow[]> {
  const r = await rules(db);
  if (!r.targetProvinces2021to2025.some((p) => p.oldCode === input.oldProvinceCode)) throw invalid('Tỉnh không thuộc 30 tỉnh mục tiêu của Kế hoạch 29', [{ path: 'oldProvinceCode', message: 'Không thuộc danh sách' }]);
  const d = await repo.legacyDistrict(db, input.oldDistrictCode);
  if (!d || d.province_code !== input.oldProvinceCode) throw invalid('Huyện không thuộc tỉnh đã chọn (theo danh mục trước 01/07/2025)', [{ path: 'oldDistrictCode', message: 'Không hợp lệ' }]);
  authorize(selectionPolicy, 'write', actor, { provinceCode: d.new_province });
  return db.tx(async (t) => {
    // one province's selection of a year is replaced by one request at a time (the quota is one district)
    await repo.lockSelection(t, input.year, input.oldProvinceCode);
    const schools = await repo.schoolProvinces(t, input.schoolIds);
    const bad = input.schoolIds.filter((id) => !schools.some((s) => s.id === id && s.province_code === d.new_province));
    if (bad.length) throw invalid('Có trường không thuộc tỉnh (hiện hành) của huyện đã chọn', bad.map((id) => ({ path: 'schoolIds', message: id })));
    // "mỗi địa phương chọn một huyện, mỗi huyện chọn 20 trường": a school must lie in a commune that
    // descends (at least in part) from the chosen district; the error names each school outside it
    const outside = await repo.schoolsOutsideDistrict(t, input.schoolIds, input.oldDistrictCode);
    if (outside.length) {
      throw invalid(`Trường "${outside.map((s) => s.name).join('", "')}" ở ngoài huyện đã chọn`,
        outside.map((s) => ({ path: 'schoolIds.district', message: s.id })));
    }
    const before = await repo.selectionOf(t, input.year, input.oldProvinceCode);
    await repo.replaceSelection(t, { ...input, createdBy: actor.userId });
    await audit(t, actor, { entity: 'plan29_selection', entityId: `${input.year}:${input.oldProvinceCode}`, action: 'select', before, after: { oldDistrictCode: input.oldDistrictCode, schoolIds: input.schoolIds } });
    return quota(t, input.year);
  });
}

/** Per chosen province: districts and schools by level selected, gifts per school from the ledger, and what is missing. */
export async function quota(db: Db, year: number): Promise<QuotaRow[]> {
  const r = await rules(db);
  const chosen = year === 2021 ? r.selected2021 : r.targetProvinces2021to2025;
  const [sel, gifts] = await Promise.all([repo.selected(db, year), repo.giftsOfYear(db, year)]);
  return chosen.map((p) => {
    const rows = sel.filter((s) => s.old_province_code === p.oldCode);
    const districts = [...new Set(rows.map((x) => x.old_district_code))];
    const levelCount = (l: string) => rows.filter((x) => x.levels.includes(l)).length;
    const schools = rows.map((x) => ({ id: x.school_id, name: x.school_name, levels: x.levels, gifts: { teacher: 0, manager: 0, pupil: 0, ...Object.fromEntries(gifts.filter((g) => g.school_id === x.school_id).map((g) => [g.kind, Number(g.n)])) } as Record<BeneficiaryKind, number> }));
    const check = checkQuota({ districts: districts.length, schoolsByLevel: { mam_non: levelCount('mam_non'), tieu_hoc: levelCount('tieu_hoc'), thcs: levelCount('thcs') }, schools });
    return { asWritten: p.name, oldCode: p.oldCode, districts: districts.map((code) => ({ code, name: rows.find((x) => x.old_district_code === code)?.district_name ?? code })), schools, ...check };
  });
}

// ---------- beneficiaries (named only inside the school and its Department) ----------

async function schoolProvince(db: Db, schoolId: string) {
  const p = await repo.schoolProvince(db, schoolId);
  if (!p) throw notFound('Không tìm thấy trường');
  return p;
}

export async function listBeneficiaries(db: Db, actor: Actor, schoolId: string): Promise<Beneficiary[]> {
  authorize(beneficiaryPolicy, 'read', actor, { schoolId, provinceCode: await schoolProvince(db, schoolId) });
  return (await repo.beneficiaries(db, schoolId)).map((b) => ({ ...b, kind: b.kind as BeneficiaryKind }));
}

export async function addBeneficiary(db: Db, actor: Actor, schoolId: string, input: BeneficiaryInput) {
  authorize(beneficiaryPolicy, 'write', actor, { schoolId, provinceCode: await schoolProvince(db, schoolId) });
  if (input.kind === 'pupil' && !input.consentRecorded) throw invalid('Cần ghi nhận sự đồng ý của cha mẹ hoặc người giám hộ', [{ path: 'consentRecorded', message: 'Bắt buộc với học sinh (Nghị định 13/2023/NĐ-CP)' }]);
  return db.tx(async (t) => {
    const id = await repo.insertBeneficiary(t, { schoolId, kind: input.kind, fullName: cleanText(input.fullName), birthYear: input.birthYear ?? null, grade: cleanText(input.grade ?? null), consentRecorded: input.consentRecorded, createdBy: actor.userId });
    // the audit keeps no name: only the kind and that consent was recorded
    await audit(t, actor, { entity: 'beneficiary', entityId: id, action: 'create', after: { schoolId, kind: input.kind, consentRecorded: input.consentRecorded } });
    return { id };
  });
}

// ---------- names stay in the recipients' table ----------

/**
 * Whether a text names one of the people: the full name with or without diacritics and in any
 * case, or (names of three words or more) the last two words as a name is written, capitalised,
 * which is how pupils are called ("em Ánh Tuyết"); whole words only.
 */
export function namesSomeone(text: string | null | undefined, fullNames: string[]): boolean {
  const folded = ` ${fold(text)} `;
  if (!folded.trim()) return false;
  const written = (text ?? '').normalize('NFC');
  return fullNames.some((n) => {
    const words = n.normalize('NFC').split(/\s+/).filter(Boolean);
    if (words.length < 2) return false;
    if (folded.includes(` ${fold(n)} `)) return true;
    if (words.length < 3) return false;
    const given = words.slice(-2).join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}])${given}($|[^\\p{L}\\p{N}])`, 'u').test(written);
  });
}

/**
 * Free text that others outside the school and its Department will read (a gift's description,
 * a note to the donor, a need, a twinning activity) must not carry the name of a person receiving
 * gifts at these schools: a 422 names the field. Names live in the recipients' list only.
 */
export async function refuseRecipientNames(db: Db, schoolIds: (string | null | undefined)[], fields: { path: string; text: string | null | undefined }[]): Promise<void> {
  const ids = [...new Set(schoolIds.filter((x): x is string => !!x))];
  const texts = fields.filter((f) => f.text?.trim());
  if (!ids.length || !texts.length) return;
  const names = (await repo.recipientNames(db, ids)).map((r) => r.full_name);
  const bad = texts.filter((f) => namesSomeone(f.text, names));
  if (bad.length) {
    throw invalid('Nội dung có tên người nhận quà; tên học sinh chỉ ghi trong danh sách người nhận của trường',
      bad.map((f) => ({ path: f.path, message: 'Không ghi tên người nhận ở đây: chỉ nhà trường và Sở được biết tên' })));
  }
}
