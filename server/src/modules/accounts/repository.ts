import type { Db } from '../../platform/db.js';
import type { Me } from '../../../../contracts/accounts.js';
import type { Role } from '../../../../contracts/common.js';

export interface UserRow {
  id: string; email: string; display_name: string; password_hash: string; role: Role; locale: string; active: boolean;
  organisation_id: string;
}

export function findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.maybeOne<UserRow>('SELECT id, email, display_name, password_hash, role, locale, active, organisation_id FROM app_user WHERE email = $1', [email]);
}

type MeRow = { id: string; email: string; display_name: string; role: Role; locale: string; org_id: string; kind: Me['organisation']['kind']; code: string | null; name: string; short_name: string | null; parent_id: string | null; province_code: string | null; commune_code: string | null };

const ME_SELECT = `SELECT u.id, u.email, u.display_name, u.role, u.locale, o.id AS org_id, o.kind, o.code, o.name, o.short_name,
    o.parent_id, o.province_code, o.commune_code
  FROM app_user u JOIN organisation o ON o.id = u.organisation_id`;

const toMe = (r: MeRow): Me => ({
  id: r.id, email: r.email, displayName: r.display_name, role: r.role, locale: r.locale,
  organisation: { id: r.org_id, kind: r.kind, code: r.code, name: r.name, shortName: r.short_name, parentId: r.parent_id, provinceCode: r.province_code, communeCode: r.commune_code },
});

export async function me(db: Db, userId: string): Promise<Me | undefined> {
  const r = await db.maybeOne<MeRow>(`${ME_SELECT} WHERE u.id = $1`, [userId]);
  return r && toMe(r);
}

export interface AccountFilter {
  role?: string;
  organisationId?: string;
  /** part of the e-mail or the name, any case */
  q?: string;
}

function accountWhere(f: AccountFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.role) where.push(`u.role = $${params.push(f.role)}`);
  if (f.organisationId) where.push(`u.organisation_id = $${params.push(f.organisationId)}`);
  if (f.q) {
    const p = params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.email ILIKE $${p} OR u.display_name ILIKE $${p})`);
  }
  return where;
}

/** Accounts in e-mail order after the key (e-mail, id): keyset paging on the e-mail's unique index. */
export async function list(db: Db, f: AccountFilter, after: [string, string] | null, limit: number): Promise<Me[]> {
  const params: unknown[] = [];
  const where = accountWhere(f, params);
  if (after) where.push(`(u.email, u.id) > ($${params.push(after[0])}::citext, $${params.push(after[1])}::uuid)`);
  params.push(limit);
  return (await db.query<MeRow>(`${ME_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.email, u.id LIMIT $${params.length}`, params)).map(toMe);
}

export async function count(db: Db, f: AccountFilter): Promise<number> {
  const params: unknown[] = [];
  const where = accountWhere(f, params);
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM app_user u ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params)).n);
}

export async function insertUser(db: Db, u: { email: string; displayName: string; passwordHash: string; role: Role; organisationId: string }): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [u.email, u.displayName, u.passwordHash, u.role, u.organisationId],
  );
  return r.id;
}
