import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { audit, auditMany } from '../../platform/audit.js';
import { invalid, notFound, type RowError } from '../../platform/errors.js';
import { fold, foldUnitName } from '../../platform/text.js';
import type { Sheet } from '../../platform/tabular.js';
import type { Area, ResolveResult } from '../../../../contracts/areas.js';
import type { AreaFlag, AreaLevel } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { eraAt, isValidIsoDate, levelOfCode, parseFlags, todayInVietnam } from './domain.js';
import { areaPolicy } from './policy.js';

export const provinces = (db: Db) => repo.provinces(db);

export async function communes(db: Db, provinceCode: string, flag?: AreaFlag): Promise<Area[]> {
  const p = await repo.findByCode(db, 'current', 'province', provinceCode);
  if (!p) throw notFound(`Không có tỉnh/thành phố mã ${provinceCode}`);
  return repo.communesOf(db, provinceCode, flag);
}

export async function search(db: Db, q: string, opts: { era?: repo.Era; level?: AreaLevel; provinceCode?: string; limit?: number }): Promise<Area[]> {
  const key = fold(q);
  if (!key) return [];
  const byCode = levelOfCode(q.trim());
  if (byCode) {
    const eras: repo.Era[] = opts.era ? [opts.era] : ['current', 'legacy'];
    const hits = (await Promise.all(eras.map((e) => repo.findByCode(db, e, byCode, q.trim())))).filter((a): a is Area => !!a);
    if (hits.length) return hits;
  }
  // "tỉnh điện biên" should find Điện Biên: drop the unit-type word when the query has one
  const stripped = foldUnitName(q);
  return repo.search(db, stripped || key, { ...opts, limit: opts.limit ?? 20 });
}

/** Today's unit(s) for a unit as it stood: itself if current, else through the official mapping. */
async function toMatch(db: Db, source: Area): Promise<ResolveResult['matches'][number]> {
  if (source.era === 'current') {
    const province = source.level === 'province' ? source : await repo.findByCode(db, 'current', 'province', source.provinceCode);
    return { source, current: [{ ...source, kind: 'unchanged', note: null }], currentProvince: province! };
  }
  const rows = await repo.successors(db, source.level, source.code);
  const newProvinceCode = rows[0]?.new_province_code;
  const province = newProvinceCode ? await repo.findByCode(db, 'current', 'province', newProvinceCode) : undefined;
  if (!province) throw new Error(`No successor recorded for ${source.level} ${source.code}`);
  if (source.level === 'province') {
    return { source, current: [{ ...province, kind: rows[0].kind, note: rows[0].note }], currentProvince: province };
  }
  const codes = [...new Set(rows.map((r) => r.new_commune_code).filter((c): c is string => !!c))];
  const units = new Map((await repo.findManyByCode(db, 'current', 'commune', codes)).map((a) => [a.code, a]));
  const current = codes.map((c) => {
    const r = rows.find((x) => x.new_commune_code === c)!;
    return { ...units.get(c)!, kind: r.kind, note: r.note };
  });
  return { source, current, currentProvince: province };
}

export async function resolve(db: Db, q: { code?: string; name?: string; level?: AreaLevel; asOf?: string }): Promise<ResolveResult> {
  const asOf = q.asOf ?? todayInVietnam();
  if (!isValidIsoDate(asOf)) throw invalid('Ngày tra cứu không hợp lệ', [{ path: 'asOf', message: 'Ngày phải có dạng YYYY-MM-DD' }]);
  const era = eraAt(asOf);
  const matches: ResolveResult['matches'] = [];
  const suggestions: ResolveResult['suggestions'] = [];
  if (q.code) {
    const code = q.code.trim();
    const level = levelOfCode(code);
    if (!level) throw invalid('Mã đơn vị không hợp lệ', [{ path: 'code', message: 'Mã tỉnh có 2 chữ số, mã huyện 3, mã xã 5' }]);
    if (era === 'current' && level === 'district') {
      throw invalid('Từ 01/07/2025 không còn cấp huyện; hãy tra mã huyện với ngày trước 01/07/2025', [{ path: 'code', message: 'Mã huyện chỉ có trước 01/07/2025' }]);
    }
    const source = await repo.findByCode(db, era, level, code);
    if (source) matches.push(await toMatch(db, source));
  } else if (q.name) {
    const key = foldUnitName(q.name);
    let sources = await repo.findByNameKey(db, era, key, q.level);
    if (sources.length === 0 && era === 'current') {
      // a name from before the reform ("Quảng Bình", "Thừa Thiên - Huế") still resolves today
      sources = await repo.findByNameKey(db, 'legacy', key, q.level);
    }
    for (const s of sources) matches.push(await toMatch(db, s));
    if (!matches.some((m) => m.source.level === 'commune') && (!q.level || q.level === 'commune')) {
      const sup = await repo.supplementByName(db, key);
      const units = new Map((await repo.findManyByCode(db, 'current', 'commune', [...new Set(sup.map((s) => s.new_commune_code))])).map((a) => [a.code, a]));
      for (const s of sup) {
        const current = units.get(s.new_commune_code);
        if (current) suggestions.push({ oldName: s.old_ward_name, oldDistrictName: s.old_district_name, current });
      }
    }
  }
  return { asOf, era, matches, suggestions };
}

export async function setFlags(db: Db, actor: Actor, code: string, flags: AreaFlag[]): Promise<Area> {
  authorize(areaPolicy, 'setFlags', actor, null);
  return db.tx(async (t) => {
    const level = levelOfCode(code);
    const before = level && level !== 'district' ? await repo.findByCode(t, 'current', level, code) : undefined;
    if (!before) throw notFound(`Không có đơn vị hành chính hiện hành mã ${code}`);
    const after = (await repo.setFlags(t, code, flags))!;
    await audit(t, actor, { entity: 'area', entityId: code, action: 'set_flags', before: { flags: before.flags }, after: { flags: after.flags } });
    return after;
  });
}

/**
 * Import flags from a sheet with columns "Mã" (current code) and "Đặc điểm" (flags as keys or
 * Vietnamese labels, separated by | ; or ,). Every bad row is reported; nothing is written
 * unless all rows are valid. Listed units get exactly the flags given.
 */
export async function importFlags(db: Db, actor: Actor, sheet: Sheet): Promise<{ updated: number }> {
  authorize(areaPolicy, 'importFlags', actor, null);
  const hdr = sheet.headers.map(fold);
  const codeCol = hdr.findIndex((h) => ['ma', 'code', 'ma xa', 'ma don vi'].includes(h));
  const flagCol = hdr.findIndex((h) => ['flags', 'dac diem', 'co', 'phan loai'].includes(h));
  if (codeCol < 0 || flagCol < 0) throw invalid('Tệp cần có cột "Mã" và cột "Đặc điểm"', [{ row: 1, column: null, message: 'Thiếu cột "Mã" hoặc "Đặc điểm"' }]);
  const errors: RowError[] = [];
  const wanted = new Map<string, { line: number; flags: AreaFlag[] }>();
  const existing = await repo.currentCodesExisting(db, sheet.rows.map((r) => r.values[codeCol] ?? ''));
  for (const r of sheet.rows) {
    const code = r.values[codeCol] ?? '';
    const { flags, unknown } = parseFlags(r.values[flagCol] ?? '');
    if (!existing.has(code)) errors.push({ row: r.line, column: 'Mã', message: `Mã "${code}" không phải đơn vị hành chính hiện hành` });
    if (unknown.length) errors.push({ row: r.line, column: 'Đặc điểm', message: `Không hiểu đặc điểm: ${unknown.join(', ')}` });
    const prev = wanted.get(code);
    if (prev) errors.push({ row: r.line, column: 'Mã', message: `Mã "${code}" lặp lại (đã có ở dòng ${prev.line})` });
    else wanted.set(code, { line: r.line, flags });
  }
  if (errors.length) throw invalid(`Tệp có ${errors.length} lỗi; chưa ghi dữ liệu nào`, errors);
  await db.tx(async (t) => {
    await t.query(
      `UPDATE area a SET flags = r.flags FROM jsonb_to_recordset($1::jsonb) AS r(code text, flags text[]) WHERE a.era = 'current' AND a.code = r.code`,
      [JSON.stringify([...wanted].map(([code, v]) => ({ code, flags: v.flags })))],
    );
    await auditMany(t, actor, [...wanted].map(([code, v]) => ({ entity: 'area', entityId: code, action: 'import_flags', before: { flags: existing.get(code)!.flags }, after: { flags: v.flags } })));
  });
  return { updated: wanted.size };
}

export const flaggedCommunes = (db: Db) => repo.flaggedCommunes(db);

export async function legacyDistricts(db: Db, provinceCode: string): Promise<Area[]> {
  const p = await repo.findByCode(db, 'legacy', 'province', provinceCode);
  if (!p) throw notFound(`Không có tỉnh mã ${provinceCode} trong danh mục trước 01/07/2025`);
  return repo.legacyDistricts(db, provinceCode);
}
