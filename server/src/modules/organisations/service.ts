import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit, auditHistory } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { afterKey, batches, cappedPage } from '../../platform/paging.js';
import { fold } from '../../platform/text.js';
import type { Organisation } from '../../../../contracts/organisations.js';
import type { OrganisationKind } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { organisationPolicy, SCOPE_FIELDS } from './policy.js';

const orgKey = (o: Organisation) => [o.name, o.id];
/** A list counts its organisations up to this many (the national register holds some 60,000). */
export const ORG_COUNT_CAP = 10_000;

export async function list(db: Db, f: repo.OrgFilter & { cursor?: string; limit: number }) {
  const after = afterKey(f.cursor, ['string', 'uuid']) as [string, string] | null;
  const filter = { ...f, q: f.q ? fold(f.q) : undefined };
  const [items, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter, ORG_COUNT_CAP)]);
  return cappedPage(items, f, total, ORG_COUNT_CAP, orgKey);
}

/** Every organisation matching the filter, in batches, for exports (bounded memory). */
export function listAll(db: Db, f: repo.OrgFilter): AsyncGenerator<Organisation[]> {
  const filter = { ...f, q: f.q ? fold(f.q) : undefined };
  return batches((after, limit) => repo.list(db, filter, after as [string, string] | null, limit), orgKey);
}

export async function get(db: Db, id: string): Promise<Organisation> {
  const o = await repo.byId(db, id);
  if (!o) throw notFound('Không tìm thấy tổ chức');
  return o;
}

export interface OrgInput { kind: OrganisationKind; code?: string | null; name: string; shortName?: string | null; parentId?: string | null; provinceCode?: string | null; communeCode?: string | null }

const searchText = (o: { name: string; shortName?: string | null; code?: string | null }) => fold([o.name, o.shortName, o.code].filter(Boolean).join(' '));

async function checkRefs(db: Db, input: OrgInput, self: string | null = null): Promise<void> {
  if (input.provinceCode) {
    const p = await db.maybeOne(`SELECT 1 FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [input.provinceCode]);
    if (!p) throw invalid('Mã tỉnh không tồn tại', [{ path: 'provinceCode', message: 'Không có tỉnh/thành phố mã này' }]);
  }
  if (input.communeCode) {
    const c = await db.maybeOne<{ province_code: string }>(`SELECT province_code FROM area WHERE era = 'current' AND level = 'commune' AND code = $1`, [input.communeCode]);
    if (!c) throw invalid('Mã xã không tồn tại', [{ path: 'communeCode', message: `Không có xã/phường/đặc khu hiện hành mã ${input.communeCode}` }]);
    if (c.province_code !== input.provinceCode) throw invalid('Xã không thuộc tỉnh/thành phố của tổ chức', [{ path: 'communeCode', message: 'Xã không thuộc tỉnh/thành phố đã chọn' }]);
  }
  if (input.parentId) {
    if (input.parentId === self) throw invalid('Tổ chức không thể là cấp trên của chính nó', [{ path: 'parentId', message: 'Chọn một tổ chức khác' }]);
    if (!(await repo.byId(db, input.parentId))) throw invalid('Tổ chức cấp trên không tồn tại', [{ path: 'parentId', message: 'Không tìm thấy' }]);
  }
  if (input.code) {
    const other = await repo.byCode(db, input.code);
    if (other && other.id !== self) throw conflict('Mã tổ chức đã được dùng', [{ path: 'code', message: `Mã "${input.code}" đã thuộc ${other.name}` }]);
  }
}

export async function create(db: Db, actor: Actor, input: OrgInput): Promise<Organisation> {
  authorize(organisationPolicy, 'create', actor, { id: '', kind: input.kind, provinceCode: input.provinceCode ?? null });
  return db.tx(async (t) => {
    await checkRefs(t, input);
    const o = await repo.insert(t, { kind: input.kind, code: input.code ?? null, name: input.name, shortName: input.shortName ?? null, parentId: input.parentId ?? null, provinceCode: input.provinceCode ?? null, communeCode: input.communeCode ?? null, search: searchText(input) });
    await audit(t, actor, { entity: 'organisation', entityId: o.id, action: 'create', after: o });
    return o;
  });
}

/**
 * A new name or short name must not be another unit's name, short name, code or alias: plans'
 * imports find their lead units by these, and the lead unit posts the task's progress.
 */
async function checkNames(db: Db, id: string, before: Organisation, next: { name: string; shortName?: string | null }): Promise<void> {
  const changed = [['name', next.name, before.name], ['shortName', next.shortName ?? null, before.shortName]].filter(([, n, b]) => n && fold(n) !== fold(b ?? '')) as [string, string, string | null][];
  if (!changed.length) return;
  const { names, aliases } = await repo.unitNames(db, id);
  const taken = new Set([...aliases, ...names.flatMap((o) => [o.name, o.short_name, o.code].filter((x): x is string => !!x).map(fold))]);
  const errors = changed.filter(([, n]) => taken.has(fold(n))).map(([path]) => ({ path, message: 'Tên này đã thuộc một đơn vị khác' }));
  if (errors.length) throw conflict('Tên này đã thuộc một đơn vị khác', errors);
}

/** The scope fields a patch would change (a field sent with its current value changes nothing). */
function scopeChanges(before: Organisation, patch: Partial<Omit<OrgInput, 'kind'>>): (typeof SCOPE_FIELDS)[number][] {
  return SCOPE_FIELDS.filter((f) => patch[f] !== undefined && (patch[f] ?? null) !== before[f]);
}

export async function update(db: Db, actor: Actor, id: string, patch: Partial<Omit<OrgInput, 'kind'>>): Promise<Organisation> {
  return db.tx(async (t) => {
    const before = await get(t, id);
    authorize(organisationPolicy, 'update', actor, before);
    const rescoped = scopeChanges(before, patch);
    if (rescoped.length && !can(organisationPolicy, 'changeScope', actor, before)) {
      throw forbidden('Chỉ quản trị viên được thay đổi mã, cấp trên, tỉnh/thành phố hoặc xã của tổ chức');
    }
    const next = { ...before, ...patch };
    await checkNames(t, id, before, next);
    await checkRefs(t, { ...next, code: rescoped.includes('code') ? next.code : null, parentId: rescoped.includes('parentId') ? next.parentId : null, provinceCode: next.provinceCode ?? null, communeCode: rescoped.some((f) => f === 'communeCode' || f === 'provinceCode') ? next.communeCode : null }, id);
    const after = await repo.update(t, id, { code: next.code ?? null, name: next.name, shortName: next.shortName ?? null, parentId: next.parentId ?? null, provinceCode: next.provinceCode ?? null, communeCode: next.communeCode ?? null, search: searchText(next) });
    await audit(t, actor, { entity: 'organisation', entityId: id, action: 'update', before, after });
    return after;
  });
}

/** An organisation with what the actor may do with it. */
export async function detail(db: Db, actor: Actor, id: string) {
  const o = await get(db, id);
  return { ...o, can: allowed(organisationPolicy, actor, o, ['update', 'changeScope']) };
}

/** An organisation's change history, for those who may edit it. */
export async function history(db: Db, actor: Actor, id: string) {
  authorize(organisationPolicy, 'update', actor, await get(db, id));
  return auditHistory(db, 'organisation', id);
}

// ---------- organisations written with another module's record ----------

/** A school's organisation row: its name and place, saved with the school. */
export interface SchoolOrganisation {
  id: string;
  name: string;
  provinceCode: string;
  communeCode: string;
  search: string;
}

/**
 * Save the organisation rows of schools, inside the schools module's transaction (the schools
 * service has checked its policy and audits the school with its organisation).
 */
export async function saveSchoolOrganisations(t: Db, rows: SchoolOrganisation[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await repo.upsertSchoolRows(t, rows.slice(i, i + CHUNK).map((r) => ({ id: r.id, name: r.name, province_code: r.provinceCode, commune_code: r.communeCode, search: r.search })));
  }
}

/** Remove a school's organisation, inside the schools module's transaction. */
export async function removeSchoolOrganisation(t: Db, id: string): Promise<void> {
  await repo.removeSchoolRow(t, id);
}

/** The organisation of a donor registering itself, inside the donors module's transaction. */
export async function registerDonorOrganisation(t: Db, d: { name: string; provinceCode: string | null }): Promise<string> {
  const o = await repo.insert(t, { kind: 'donor', code: null, name: d.name, shortName: null, parentId: null, provinceCode: d.provinceCode, communeCode: null, search: fold(d.name) });
  return o.id;
}
