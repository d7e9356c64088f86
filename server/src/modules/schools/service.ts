import crypto from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit, auditMany, auditHistory } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, type FieldError, type RowError } from '../../platform/errors.js';
import { afterKey, batches, page } from '../../platform/paging.js';
import { cleanText, fold } from '../../platform/text.js';
import { readJsonData } from '../../platform/data-files.js';
import { mapCellSize } from '../../platform/map-cells.js';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Sheet } from '../../platform/tabular.js';
import { SCHOOL_MAP_SINGLE_ZOOM, type School, type SchoolInput, type SchoolPoints } from '../../../../contracts/schools.js';
import type { SchoolLevel } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import * as organisations from '../organisations/service.js';
import * as needs from '../needs/service.js';
import * as ledger from '../ledger/service.js';
import { schoolCapabilities, schoolPolicy } from './policy.js';
import { beneficiaryPolicy } from '../plan29/policy.js';
import { needPolicy, seesAllNeedsOf } from '../needs/policy.js';
import { surveyPolicy } from '../surveys/policy.js';
import { Territory, normaliseCode, parseCoordinate, parseCount, parseLevels, parseOwnership } from './domain.js';

let territory: Territory | null = null;
/**
 * Vietnam's territory for coordinate checks: the 34 provinces and, because the two layers were
 * simplified separately and differ along the coast by up to a few kilometres, the 3,321 communes.
 */
export function vietnam(): Territory {
  if (!territory) {
    const provinces = readJsonData<{ features: { geometry: { type: string; coordinates: unknown } }[] }>('admin-units', 'geo', 'provinces-34.simplified.geojson');
    const topo = readJsonData<Topology>('admin-units', 'geo', 'communes-3321.simplified.topojson.gz');
    const communes = topoFeature(topo, topo.objects.communes) as unknown as { features: { geometry: { type: string; coordinates: unknown } }[] };
    territory = new Territory({ features: [...provinces.features, ...communes.features.filter((f) => f.geometry)] });
  }
  return territory;
}

export async function list(db: Db, f: repo.SchoolFilter & { cursor?: string; limit: number }) {
  const after = afterKey(f.cursor, ['string', 'uuid']) as [string, string] | null;
  const filter = { ...f, q: f.q ? fold(f.q) || undefined : undefined };
  const [items, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(items, f, total, (s) => [s.name, s.id]);
}

/** Every school matching the filter, in batches, for exports (bounded memory). */
export function listAll(db: Db, f: repo.SchoolFilter): AsyncGenerator<School[]> {
  const filter = { ...f, q: f.q ? fold(f.q) || undefined : undefined };
  return batches((after, limit) => repo.list(db, filter, after as [string, string] | null, limit), (s) => [s.name, s.id]);
}

/**
 * Schools on the map, grouped on the server in cells of about 40 pixels at the asked zoom (5, the
 * whole country, by default) within the box on screen; from SCHOOL_MAP_SINGLE_ZOOM every school on
 * its own, as the map showed them before.
 */
export async function points(db: Db, f: repo.SchoolFilter & { zoom?: number; bbox?: [number, number, number, number] }): Promise<SchoolPoints> {
  const { zoom = 5, bbox, ...filter } = f;
  const cells = await repo.mapCells(db, filter, zoom >= SCHOOL_MAP_SINGLE_ZOOM ? null : mapCellSize(zoom), bbox ?? null);
  return { fields: ['id', 'name', 'lat', 'lng', 'levels', 'count'], rows: cells.map((c) => [c.id, c.name, c.lat, c.lng, c.levels, c.count]) };
}

export async function get(db: Db, id: string): Promise<School> {
  const s = await repo.byId(db, id);
  if (!s) throw notFound('Không tìm thấy trường');
  return s;
}

/** A school with what the actor may do with it. */
export async function detail(db: Db, actor: Actor, id: string) {
  const s = await get(db, id);
  return {
    ...s,
    can: {
      ...allowed(schoolPolicy, actor, { id: s.id, provinceCode: s.provinceCode }, ['update', 'delete', 'viewHistory', 'recode']),
      // the resources module's rule: gift recipients are named only for the school and its Department
      viewBeneficiaries: can(beneficiaryPolicy, 'read', actor, { schoolId: s.id, provinceCode: s.provinceCode }),
      // the needs and surveys modules' rules for this school
      createNeed: can(needPolicy, 'create', actor, { schoolId: s.id, provinceCode: s.provinceCode, isPublic: false }),
      manageResources: can(surveyPolicy, 'write', actor, { schoolId: s.id, provinceCode: s.provinceCode }),
      seeAllNeeds: seesAllNeedsOf(actor, { schoolId: s.id, provinceCode: s.provinceCode, communeCode: s.communeCode, levels: s.levels }),
    },
  };
}

const searchOf = (code: string, name: string, address: string | null) => fold([code, name, address].filter(Boolean).join(' '));

async function communeProvince(db: Db, communeCode: string): Promise<string> {
  const c = await db.maybeOne<{ province_code: string }>(`SELECT province_code FROM area WHERE era = 'current' AND level = 'commune' AND code = $1`, [communeCode]);
  if (!c) throw invalid('Mã xã không tồn tại', [{ path: 'communeCode', message: `Không có xã/phường/đặc khu hiện hành mã ${communeCode}` }]);
  return c.province_code;
}

/** A school's cluster is one of its own province's clusters (a cluster is in its Department's scope). */
async function checkCluster(db: Db, clusterId: string | null | undefined, provinceCode: string): Promise<void> {
  if (!clusterId) return;
  const c = await db.maybeOne<{ province_code: string | null }>(`SELECT province_code FROM organisation WHERE id = $1 AND kind = 'cluster'`, [clusterId]);
  if (!c) throw invalid('Cụm trường không tồn tại', [{ path: 'clusterId', message: 'Không tìm thấy cụm trường' }]);
  if (c.province_code !== provinceCode) throw invalid('Cụm trường không thuộc tỉnh/thành phố của trường', [{ path: 'clusterId', message: 'Chọn một cụm trường của tỉnh/thành phố này' }]);
}

function checkPoint(lat: number | null | undefined, lng: number | null | undefined): FieldError[] {
  if ((lat == null) !== (lng == null)) return [{ path: lat == null ? 'lat' : 'lng', message: 'Cần nhập cả vĩ độ và kinh độ' }];
  if (lat != null && lng != null && !vietnam().contains(lng, lat)) return [{ path: 'lat', message: 'Toạ độ nằm ngoài lãnh thổ Việt Nam' }];
  return [];
}

/** Schools with their organisation rows (a school is an organisation, which the organisations module writes); loaders use it too. */
export async function save(t: Db, writes: repo.SchoolWrite[]): Promise<void> {
  await organisations.saveSchoolOrganisations(t, writes.map((w) => ({ id: w.id, name: w.name, provinceCode: w.province_code, communeCode: w.commune_code, search: w.org_search })));
  await repo.upsertMany(t, writes);
  // what belongs to a school (its needs, the gifts it receives) is placed where the school is
  const ids = writes.map((w) => w.id);
  await needs.followSchools(t, ids);
  await ledger.followSchools(t, ids);
}

function toWrite(id: string, input: SchoolInput, provinceCode: string): repo.SchoolWrite {
  const name = cleanText(input.name)!;
  const address = cleanText(input.address ?? null);
  const code = normaliseCode(input.code);
  return {
    id, code, name, levels: input.levels, ownership: input.ownership, address, province_code: provinceCode,
    commune_code: input.communeCode, lat: input.lat ?? null, lng: input.lng ?? null, pupils: input.pupils ?? null,
    staff: input.staff ?? null, cluster_id: input.clusterId ?? null, search: searchOf(code, name, address), org_search: fold(name + ' ' + code),
  };
}

export async function create(db: Db, actor: Actor, input: SchoolInput): Promise<School> {
  return db.tx(async (t) => {
    const provinceCode = await communeProvince(t, input.communeCode);
    authorize(schoolPolicy, 'create', actor, { id: null, provinceCode });
    const pointErrors = checkPoint(input.lat, input.lng);
    if (pointErrors.length) throw invalid('Toạ độ không hợp lệ', pointErrors);
    await checkCluster(t, input.clusterId, provinceCode);
    const code = normaliseCode(input.code);
    if ((await repo.idsByCode(t, [code])).size) throw conflict('Mã trường đã tồn tại', [{ path: 'code', message: `Đã có trường mã ${code}` }]);
    const id = crypto.randomUUID();
    await save(t, [toWrite(id, input, provinceCode)]);
    const created = (await repo.byId(t, id))!;
    await audit(t, actor, { entity: 'school', entityId: id, action: 'create', after: created });
    return created;
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: Partial<SchoolInput>): Promise<School> {
  return db.tx(async (t) => {
    const before = await get(t, id);
    authorize(schoolPolicy, 'update', actor, { id, provinceCode: before.provinceCode });
    const next: SchoolInput = {
      code: patch.code ?? before.code, name: patch.name ?? before.name, levels: patch.levels ?? before.levels,
      ownership: patch.ownership ?? before.ownership, address: patch.address !== undefined ? patch.address : before.address,
      communeCode: patch.communeCode ?? before.communeCode, lat: patch.lat !== undefined ? patch.lat : before.lat,
      lng: patch.lng !== undefined ? patch.lng : before.lng, pupils: patch.pupils !== undefined ? patch.pupils : before.pupils,
      staff: patch.staff !== undefined ? patch.staff : before.staff, clusterId: patch.clusterId !== undefined ? patch.clusterId : before.clusterId,
    };
    const provinceCode = await communeProvince(t, next.communeCode);
    if (provinceCode !== before.provinceCode) {
      // moving a school to another province needs the right to create it there too
      authorize(schoolPolicy, 'create', actor, { id: null, provinceCode });
    }
    const recode = can(schoolPolicy, 'recode', actor, { id, provinceCode: before.provinceCode });
    if ((next.code !== before.code || next.communeCode !== before.communeCode) && !recode) {
      throw forbidden('Mã trường và xã chỉ do Sở hoặc Bộ thay đổi');
    }
    if ((next.clusterId ?? null) !== before.clusterId && !recode) throw forbidden('Cụm trường của trường chỉ do Sở hoặc Bộ thay đổi');
    const pointErrors = checkPoint(next.lat, next.lng);
    if (pointErrors.length) throw invalid('Toạ độ không hợp lệ', pointErrors);
    if ((next.clusterId ?? null) !== before.clusterId || provinceCode !== before.provinceCode) await checkCluster(t, next.clusterId, provinceCode);
    const code = normaliseCode(next.code);
    if (code !== before.code) {
      const other = (await repo.idsByCode(t, [code])).get(code);
      if (other && other.id !== id) throw conflict('Mã trường đã tồn tại', [{ path: 'code', message: `Đã có trường mã ${code}` }]);
    }
    await save(t, [toWrite(id, next, provinceCode)]);
    const after = (await repo.byId(t, id))!;
    await audit(t, actor, { entity: 'school', entityId: id, action: 'update', before, after });
    return after;
  });
}

export async function remove(db: Db, actor: Actor, id: string): Promise<void> {
  await db.tx(async (t) => {
    const before = await get(t, id);
    authorize(schoolPolicy, 'delete', actor, { id, provinceCode: before.provinceCode });
    const users = await t.one<{ n: number }>('SELECT count(*) AS n FROM app_user WHERE organisation_id = $1', [id]);
    if (Number(users.n) > 0) throw conflict('Trường còn tài khoản người dùng; hãy chuyển hoặc khoá các tài khoản trước khi xoá');
    await organisations.removeSchoolOrganisation(t, id);
    await audit(t, actor, { entity: 'school', entityId: id, action: 'delete', before });
  });
}

export async function history(db: Db, actor: Actor, id: string) {
  const s = await get(db, id);
  authorize(schoolPolicy, 'viewHistory', actor, { id, provinceCode: s.provinceCode });
  return auditHistory(db, 'school', id);
}

// ---------- import ----------

/** The template's columns, in order. `key` is what each header folds to. */
export const IMPORT_COLUMNS = [
  { header: 'Mã trường', key: 'code', required: true, width: 16, note: 'Mã trường theo danh mục của ngành; giữ nguyên số 0 ở đầu.' },
  { header: 'Tên trường', key: 'name', required: true, width: 40, note: 'Ví dụ: Trường THPT Mường Nhé' },
  { header: 'Cấp học', key: 'levels', required: true, width: 22, note: 'Một hoặc nhiều, cách nhau bởi dấu phẩy: Mầm non, Tiểu học, THCS, THPT, Liên cấp, GDTX, PTDTNT, PTDTBT' },
  { header: 'Loại hình', key: 'ownership', required: true, width: 16, note: 'Công lập hoặc Ngoài công lập (tư thục, dân lập)' },
  { header: 'Địa chỉ', key: 'address', required: false, width: 40 },
  { header: 'Mã xã', key: 'commune', required: true, width: 10, note: 'Mã xã/phường/đặc khu hiện hành (5 chữ số, từ 01/07/2025)' },
  { header: 'Vĩ độ', key: 'lat', required: false, width: 12, note: 'Số thập phân, ví dụ 22,0345 hoặc 22.0345' },
  { header: 'Kinh độ', key: 'lng', required: false, width: 12, note: 'Số thập phân, ví dụ 102,8765' },
  { header: 'Số học sinh', key: 'pupils', required: false, width: 12, note: 'Số nguyên; viết 1.200 hay 1200 đều được' },
  { header: 'Số cán bộ, giáo viên, nhân viên', key: 'staff', required: false, width: 14 },
  { header: 'Cụm trường', key: 'cluster', required: false, width: 22, note: 'Tên hoặc mã cụm trường (nếu có)' },
] as const;
type ColKey = (typeof IMPORT_COLUMNS)[number]['key'];

const HEADER_KEYS = new Map<string, ColKey>([
  ...IMPORT_COLUMNS.map((c) => [fold(c.header), c.key] as [string, ColKey]),
  ['ma', 'code'], ['ten', 'name'], ['ten truong', 'name'], ['cap', 'levels'], ['cap hoc', 'levels'], ['loai hinh truong', 'ownership'],
  ['ma xa phuong', 'commune'], ['ma xa phuong dac khu', 'commune'], ['ma don vi hanh chinh', 'commune'], ['vi do lat', 'lat'], ['lat', 'lat'],
  ['kinh do lng', 'lng'], ['lng', 'lng'], ['lon', 'lng'], ['hoc sinh', 'pupils'], ['so hs', 'pupils'], ['so can bo', 'staff'],
  ['so can bo giao vien', 'staff'], ['so giao vien', 'staff'], ['cum', 'cluster'],
]);

export interface ImportResult { created: number; updated: number; total: number }

/**
 * Validate every row of a school sheet against the registry and the actor's scope, report
 * every bad row at once, and write nothing unless the whole file is valid. Lookups are done
 * in bulk (one query per kind), so 20,000 rows cost a handful of queries.
 */
export async function importSchools(db: Db, actor: Actor, sheet: Sheet): Promise<ImportResult> {
  // an account that may import nowhere is refused before the file is read (each row is then checked against its province)
  if (!schoolCapabilities(actor).import) authorize(schoolPolicy, 'import', actor, { id: null, provinceCode: '' });
  const colIndex = new Map<ColKey, number>();
  sheet.headers.forEach((h, i) => {
    const k = HEADER_KEYS.get(fold(h).replace(/ \*$/, ''));
    if (k && !colIndex.has(k)) colIndex.set(k, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !colIndex.has(c.key));
  if (missing.length) {
    throw invalid('Tệp thiếu cột bắt buộc', missing.map((c) => ({ row: 1, column: c.header, message: `Thiếu cột "${c.header}" (hãy dùng tệp mẫu)` })));
  }
  if (sheet.rows.length === 0) throw invalid('Tệp không có dòng dữ liệu nào', [{ row: 2, column: null, message: 'Không có dữ liệu' }]);

  const get = (vals: string[], k: ColKey) => (colIndex.has(k) ? (vals[colIndex.get(k)!] ?? '').trim() : '');
  const communes = new Map((await db.query<{ code: string; province_code: string }>(`SELECT code, province_code FROM area WHERE era = 'current' AND level = 'commune'`)).map((r) => [r.code, r.province_code]));
  const clusters = colIndex.has('cluster') ? await repo.clusterIds(db) : new Map();
  const codes = sheet.rows.map((r) => normaliseCode(get(r.values, 'code'))).filter(Boolean);
  const existing = await repo.idsByCode(db, codes);
  const territory = vietnam();

  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const writes: repo.SchoolWrite[] = [];
  let created = 0;
  for (const { line, values } of sheet.rows) {
    const err = (column: string, message: string) => errors.push({ row: line, column, message });
    const code = normaliseCode(get(values, 'code'));
    const name = cleanText(get(values, 'name'));
    const levelsText = get(values, 'levels');
    const ownershipText = get(values, 'ownership');
    const commune = get(values, 'commune').replace(/\.0$/, '');
    if (!code) err('Mã trường', 'Thiếu mã trường');
    else if (code.length > 40) err('Mã trường', 'Mã trường quá dài (tối đa 40 ký tự)');
    else if (seen.has(code)) err('Mã trường', `Mã trường ${code} trùng với dòng ${seen.get(code)}`);
    else seen.set(code, line);
    if (!name) err('Tên trường', 'Thiếu tên trường');
    else if (name.length > 300) err('Tên trường', 'Tên trường quá dài');
    const { levels, unknown } = parseLevels(levelsText);
    if (!levelsText) err('Cấp học', 'Thiếu cấp học');
    else if (unknown.length) err('Cấp học', `Cấp học không hợp lệ: "${unknown.join('", "')}" (chọn trong: Mầm non, Tiểu học, THCS, THPT, Liên cấp, GDTX, PTDTNT, PTDTBT)`);
    const ownership = parseOwnership(ownershipText);
    if (!ownershipText) err('Loại hình', 'Thiếu loại hình');
    else if (!ownership) err('Loại hình', `Loại hình "${ownershipText}" không hợp lệ (Công lập hoặc Ngoài công lập)`);
    const provinceCode = communes.get(commune.padStart(5, '0'));
    const communeCode = commune.padStart(5, '0');
    if (!commune) err('Mã xã', 'Thiếu mã xã');
    else if (!/^\d{1,5}$/.test(commune) || !provinceCode) err('Mã xã', `Mã xã "${commune}" không có trong danh mục hiện hành (từ 01/07/2025)`);
    else if (!can(schoolPolicy, 'import', actor, { id: null, provinceCode })) err('Mã xã', 'Xã này không thuộc tỉnh/thành phố của đơn vị bạn');
    const lat = parseCoordinate(get(values, 'lat'));
    const lng = parseCoordinate(get(values, 'lng'));
    if (Number.isNaN(lat)) err('Vĩ độ', `Vĩ độ "${get(values, 'lat')}" không phải là số`);
    if (Number.isNaN(lng)) err('Kinh độ', `Kinh độ "${get(values, 'lng')}" không phải là số`);
    if (!Number.isNaN(lat) && !Number.isNaN(lng)) {
      if ((lat === null) !== (lng === null)) err(lat === null ? 'Vĩ độ' : 'Kinh độ', 'Cần nhập cả vĩ độ và kinh độ');
      else if (lat !== null && lng !== null && !territory.contains(lng, lat)) err('Vĩ độ', `Toạ độ (${lat}; ${lng}) nằm ngoài lãnh thổ Việt Nam`);
    }
    const pupils = parseCount(get(values, 'pupils'));
    const staff = parseCount(get(values, 'staff'));
    if (Number.isNaN(pupils) || (pupils !== null && pupils > 20000)) err('Số học sinh', `Số học sinh "${get(values, 'pupils')}" không hợp lệ`);
    if (Number.isNaN(staff) || (staff !== null && staff > 2000)) err('Số cán bộ, giáo viên, nhân viên', `Số cán bộ "${get(values, 'staff')}" không hợp lệ`);
    const clusterText = get(values, 'cluster');
    const cluster = clusterText ? clusters.get(fold(clusterText)) : undefined;
    if (clusterText && !cluster) err('Cụm trường', `Không tìm thấy cụm trường "${clusterText}"`);
    else if (cluster && provinceCode && cluster.province_code !== provinceCode) err('Cụm trường', `Cụm trường "${clusterText}" không thuộc tỉnh/thành phố của trường`);

    const prior = code ? existing.get(code) : undefined;
    if (prior && !can(schoolPolicy, 'import', actor, { id: prior.id, provinceCode: prior.province_code })) {
      err('Mã trường', `Mã trường ${code} đã có ở tỉnh/thành phố khác, ngoài phạm vi của đơn vị bạn`);
    }
    if (errors.length) continue; // keep validating every row, but build writes only while the file is clean
    if (!prior) created++;
    const address = cleanText(get(values, 'address'));
    writes.push({
      id: prior?.id ?? crypto.randomUUID(), code, name: name!, levels: levels as SchoolLevel[], ownership: ownership!, address,
      province_code: provinceCode!, commune_code: communeCode, lat, lng, pupils, staff, cluster_id: cluster?.id ?? null,
      search: searchOf(code, name!, address), org_search: fold(name + ' ' + code),
    });
  }
  if (errors.length) {
    const rows = new Set(errors.map((e) => e.row)).size;
    throw invalid(`Tệp có ${rows.toLocaleString('vi-VN')} dòng lỗi (${errors.length.toLocaleString('vi-VN')} lỗi); chưa ghi dữ liệu nào`, errors);
  }
  await db.tx(async (t) => {
    const before = new Map((await repo.byIds(t, [...existing.values()].map((e) => e.id))).map((s) => [s.id, s]));
    await save(t, writes);
    const after = new Map((await repo.byIds(t, writes.filter((w) => before.has(w.id)).map((w) => w.id))).map((s) => [s.id, s]));
    await auditMany(t, actor, writes.map((w) => before.has(w.id)
      ? { entity: 'school', entityId: w.id, action: 'import_update', before: before.get(w.id), after: after.get(w.id) }
      : { entity: 'school', entityId: w.id, action: 'import_create', after: { code: w.code, name: w.name, levels: w.levels, ownership: w.ownership, address: w.address, communeCode: w.commune_code, provinceCode: w.province_code, lat: w.lat, lng: w.lng, pupils: w.pupils, staff: w.staff, clusterId: w.cluster_id } }));
  });
  return { created, updated: writes.length - created, total: writes.length };
}
