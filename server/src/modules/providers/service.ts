import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { afterKey, page } from '../../platform/paging.js';
import { cleanText, fold } from '../../platform/text.js';
import type { Provider, ProviderDetail, ProviderInput, ProviderKind, ProviderPatch, ProviderService, ReferralChannel } from '../../../../contracts/providers.js';
import { PROVIDER_KIND_LABELS, SERVICE_LABELS } from './domain.js';
import { providerPolicy, suspendedScope } from './policy.js';
import * as repo from './repository.js';

export function toProvider(r: repo.ProviderRow): Provider {
  return {
    id: r.id, kind: r.kind as ProviderKind, name: r.name, receivesOnline: r.organisation_id !== null, provinceCode: r.province_code, provinceName: r.province_name,
    communeCodes: r.commune_codes, services: r.services as ProviderService[], channels: r.channels as ReferralChannel[], hours: r.hours, phone: r.phone,
    email: r.email, address: r.address, website: r.website, focalRole: r.focal_role, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng),
    active: r.active, updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface ListFilter { q?: string; service?: string; kind?: string; provinceCode?: string; communeCode?: string; state?: 'active' | 'suspended'; cursor?: string; limit: number }

/**
 * The directory: active providers for everyone. The suspended ones (to reopen them) only for their
 * keepers: a Department its own province's (another province asked for is a 403), administrators all.
 */
export async function listProviders(db: Db, actor: Actor, f: ListFilter) {
  const filter: repo.ProviderFilter = { words: fold(f.q).split(' ').filter(Boolean).slice(0, 8), service: f.service, kind: f.kind, provinceCode: f.provinceCode };
  if (f.state === 'suspended') {
    const scope = suspendedScope(actor);
    if (!scope) throw actor.userId ? forbidden() : unauthorized();
    if (scope.provinceCode && f.provinceCode && f.provinceCode !== scope.provinceCode) throw forbidden('Sở GDĐT chỉ xem các cơ sở tạm ngừng của tỉnh mình');
    filter.suspended = { provinceCode: scope.provinceCode ?? f.provinceCode };
    filter.provinceCode = undefined;
  }
  if (f.communeCode) {
    const province = await repo.communeProvince(db, f.communeCode);
    // an unknown commune matches only national services
    filter.commune = { code: f.communeCode, provinceCode: province ?? '--' };
  }
  const after = afterKey(f.cursor, ['string', 'string', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(rows, f, total, (r) => [r.province_code ?? '', r.name, r.id], (items) => items.map(toProvider));
}

export async function getProvider(db: Db, actor: Actor, id: string): Promise<ProviderDetail> {
  const r = await repo.byId(db, id);
  // an inactive provider is shown to its keepers only
  if (!r || (!r.active && !providerPolicy.edit(actor, { provinceCode: r.province_code }))) throw notFound('Không tìm thấy cơ sở cung cấp dịch vụ');
  return { ...toProvider(r), can: allowed(providerPolicy, actor, { provinceCode: r.province_code }, ['edit']) };
}

/** The folded text the directory searches: name, kind, services, province and communes. */
async function searchText(db: Db, v: { name: string; kind: string; services: string[]; provinceCode: string | null; communeCodes: string[] }) {
  const parts = [v.name, PROVIDER_KIND_LABELS[v.kind as ProviderKind], ...v.services.map((s) => SERVICE_LABELS[s as ProviderService]),
    await repo.provinceSearch(db, v.provinceCode), ...(await repo.communeNames(db, v.communeCodes))];
  return fold(parts.join(' '));
}

/** Check places and the receiving organisation against the province; refuse naming the field. */
async function checkPlaces(db: Db, provinceCode: string | null, v: { communeCodes?: string[]; organisationId?: string | null }) {
  if (provinceCode && !(await repo.provinceExists(db, provinceCode))) throw invalid('Dữ liệu không hợp lệ', [{ path: 'provinceCode', message: 'Không có tỉnh với mã này' }]);
  if (v.communeCodes?.length) {
    if (!provinceCode) throw invalid('Dữ liệu không hợp lệ', [{ path: 'communeCodes', message: 'Dịch vụ toàn quốc không giới hạn theo xã' }]);
    const bad = await repo.foreignCommunes(db, provinceCode, v.communeCodes);
    if (bad.length) throw invalid('Dữ liệu không hợp lệ', [{ path: 'communeCodes', message: `Xã không thuộc tỉnh: ${bad.slice(0, 5).join(', ')}` }]);
  }
  if (v.organisationId) {
    const org = await repo.receivingOrganisation(db, v.organisationId);
    if (!org || !['provider', 'school'].includes(org.kind) || (provinceCode && org.province_code !== provinceCode)) {
      throw invalid('Dữ liệu không hợp lệ', [{ path: 'organisationId', message: 'Đơn vị nhận chuyển gửi phải là cơ sở cung cấp dịch vụ hoặc trường học của tỉnh' }]);
    }
  }
}

const values = (v: Required<Omit<ProviderInput, 'organisationId'>> & { organisationId: string | null }, active: boolean, search: string): repo.ProviderValues => ({
  kind: v.kind, name: cleanText(v.name)!, organisationId: v.organisationId, provinceCode: v.provinceCode, communeCodes: [...new Set(v.communeCodes)],
  services: [...new Set(v.services)], channels: [...new Set(v.channels)], hours: cleanText(v.hours), phone: cleanText(v.phone), email: cleanText(v.email),
  address: cleanText(v.address), website: cleanText(v.website), focalRole: cleanText(v.focalRole), lat: v.lat ?? null, lng: v.lng ?? null, active, search,
});

export async function createProvider(db: Db, actor: Actor, input: ProviderInput): Promise<ProviderDetail> {
  return db.tx(async (t) => {
    authorize(providerPolicy, 'create', actor, { provinceCode: input.provinceCode });
    await checkPlaces(t, input.provinceCode, input);
    const full = { communeCodes: [], hours: null, phone: null, email: null, address: null, website: null, focalRole: null, lat: null, lng: null, ...input, organisationId: input.organisationId ?? null };
    const v = values(full as Parameters<typeof values>[0], true, '');
    v.search = await searchText(t, v);
    const id = await repo.insert(t, v, actor.userId);
    const after = await getProvider(t, actor, id);
    await audit(t, actor, { entity: 'service_provider', entityId: id, action: 'create', after });
    return after;
  });
}

export async function editProvider(db: Db, actor: Actor, clock: Clock, id: string, patch: ProviderPatch): Promise<ProviderDetail> {
  return db.tx(async (t) => {
    const r = await repo.byId(t, id);
    if (!r) throw notFound('Không tìm thấy cơ sở cung cấp dịch vụ');
    authorize(providerPolicy, 'edit', actor, { provinceCode: r.province_code });
    await checkPlaces(t, r.province_code, patch);
    const before = toProvider(r);
    const merged = {
      kind: patch.kind ?? before.kind, name: patch.name ?? before.name, provinceCode: r.province_code, communeCodes: patch.communeCodes ?? before.communeCodes,
      services: patch.services ?? before.services, channels: patch.channels ?? before.channels,
      organisationId: patch.organisationId !== undefined ? patch.organisationId : r.organisation_id,
      hours: patch.hours !== undefined ? patch.hours : before.hours, phone: patch.phone !== undefined ? patch.phone : before.phone,
      email: patch.email !== undefined ? patch.email : before.email, address: patch.address !== undefined ? patch.address : before.address,
      website: patch.website !== undefined ? patch.website : before.website, focalRole: patch.focalRole !== undefined ? patch.focalRole : before.focalRole,
      lat: patch.lat !== undefined ? patch.lat : before.lat, lng: patch.lng !== undefined ? patch.lng : before.lng,
    };
    const v = values(merged, patch.active ?? r.active, '');
    v.search = await searchText(t, v);
    await repo.update(t, id, v, clock.now());
    const after = await getProvider(t, actor, id);
    // taking a provider out of the directory and putting it back are audited as such
    const action = after.active === before.active ? 'update' : after.active ? 'reopen' : 'suspend';
    await audit(t, actor, { entity: 'service_provider', entityId: id, action, before, after });
    return after;
  });
}

/** A provider for a referral (the cases module reads it through here). */
export async function providerForReferral(db: Db, id: string) {
  const r = await repo.byId(db, id);
  return r?.active ? { id: r.id, name: r.name, kind: r.kind, organisationId: r.organisation_id, provinceCode: r.province_code } : null;
}
