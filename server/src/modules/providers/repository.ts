import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';

export interface ProviderRow {
  id: string; kind: string; name: string; organisation_id: string | null; province_code: string | null; province_name: string | null;
  commune_codes: string[]; services: string[]; channels: string[]; hours: string | null; phone: string | null; email: string | null;
  address: string | null; website: string | null; focal_role: string | null; lat: number | null; lng: number | null; active: boolean; updated_at: Date;
}

const SELECT = `SELECT p.id, p.kind, p.name, p.organisation_id, p.province_code, a.full_name AS province_name, p.commune_codes, p.services, p.channels,
    p.hours, p.phone, p.email, p.address, p.website, p.focal_role, p.lat, p.lng, p.active, p.updated_at
  FROM service_provider p LEFT JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = p.province_code`;

export interface ProviderFilter {
  words?: string[]; service?: string; kind?: string; provinceCode?: string;
  /** a commune and its province: providers covering it (whole-province and national ones included) */
  commune?: { code: string; provinceCode: string };
  /** inactive ones too (their keepers) */
  withInactive?: boolean;
  /** the suspended ones only, of this province (undefined: every province; null: national services) */
  suspended?: { provinceCode?: string };
}

function where(f: ProviderFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.suspended) {
    w.push('NOT p.active');
    if (f.suspended.provinceCode) w.push(`p.province_code = ${p(f.suspended.provinceCode)}`);
  } else if (!f.withInactive) w.push('p.active');
  for (const word of f.words ?? []) w.push(`p.search LIKE ${p(`%${word}%`)}`);
  if (f.service) w.push(`p.services @> ARRAY[${p(f.service)}]::text[]`);
  if (f.kind) w.push(`p.kind = ${p(f.kind)}`);
  if (f.provinceCode) w.push(`(p.province_code = ${p(f.provinceCode)} OR p.province_code IS NULL)`);
  if (f.commune) {
    w.push(`(p.province_code IS NULL OR (p.province_code = ${p(f.commune.provinceCode)} AND (p.commune_codes = '{}' OR p.commune_codes @> ARRAY[${p(f.commune.code)}]::text[])))`);
  }
  return w;
}

/** Providers of the filter by name (national services first), after the key (province, name, id). */
export function list(db: Db, f: ProviderFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0] ?? '', after[1], after[2]);
    w.push(`(COALESCE(p.province_code, ''), p.name, p.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(limit);
  return db.query<ProviderRow>(`${SELECT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY COALESCE(p.province_code, ''), p.name, p.id LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: ProviderFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  return Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM service_provider p ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}

export const byId = (db: Db, id: string) => db.maybeOne<ProviderRow>(`${SELECT} WHERE p.id = $1`, [id]);

/** A commune's province (read from the areas' table), or null for an unknown commune. */
export const communeProvince = async (db: Db, code: string) =>
  (await db.maybeOne<{ province_code: string }>(`SELECT province_code FROM area WHERE era = 'current' AND level = 'commune' AND code = $1`, [code]))?.province_code ?? null;

/** Which of these communes are not communes of the province. */
export async function foreignCommunes(db: Db, provinceCode: string, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const ok = new Set((await db.query<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = $1 AND code = ANY($2::text[])`, [provinceCode, codes])).map((r) => r.code));
  return codes.filter((c) => !ok.has(c));
}

export const provinceExists = async (db: Db, code: string) =>
  !!(await db.maybeOne(`SELECT 1 FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [code]));

/** An organisation that may receive referrals online: a provider or a school, with its province. */
export const receivingOrganisation = (db: Db, id: string) =>
  db.maybeOne<{ kind: string; province_code: string | null }>(`SELECT kind, province_code FROM organisation WHERE id = $1`, [id]);

/** Folded names of the communes (for the search column). */
export const communeNames = async (db: Db, codes: string[]) =>
  codes.length ? (await db.query<{ search: string }>(`SELECT search FROM area WHERE era = 'current' AND level = 'commune' AND code = ANY($1::text[])`, [codes])).map((r) => r.search) : [];
export const provinceSearch = async (db: Db, code: string | null) =>
  code ? (await db.maybeOne<{ search: string }>(`SELECT search FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [code]))?.search ?? '' : '';

export interface ProviderValues {
  kind: string; name: string; organisationId: string | null; provinceCode: string | null; communeCodes: string[]; services: string[]; channels: string[];
  hours: string | null; phone: string | null; email: string | null; address: string | null; website: string | null; focalRole: string | null;
  lat: number | null; lng: number | null; active: boolean; search: string;
}

const COLS = 'kind, name, organisation_id, province_code, commune_codes, services, channels, hours, phone, email, address, website, focal_role, lat, lng, active, search';
const vals = (v: ProviderValues) => [v.kind, v.name, v.organisationId, v.provinceCode, v.communeCodes, v.services, v.channels, v.hours, v.phone, v.email, v.address, v.website, v.focalRole, v.lat, v.lng, v.active, v.search];

export async function insert(db: Db, v: ProviderValues, by: string | null): Promise<string> {
  return (await db.one<{ id: string }>(
    `INSERT INTO service_provider (${COLS}, created_by) VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::text[], $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [...vals(v), by])).id;
}

export const update = (db: Db, id: string, v: ProviderValues, at: Date) =>
  db.query(
    `UPDATE service_provider SET kind = $2, name = $3, organisation_id = $4, province_code = $5, commune_codes = $6::text[], services = $7::text[], channels = $8::text[],
       hours = $9, phone = $10, email = $11, address = $12, website = $13, focal_role = $14, lat = $15, lng = $16, active = $17, search = $18, updated_at = $19 WHERE id = $1`,
    [id, ...vals(v), at.toISOString()]);
