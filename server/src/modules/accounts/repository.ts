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

export function findById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.maybeOne<UserRow>('SELECT id, email, display_name, password_hash, role, locale, active, organisation_id FROM app_user WHERE id = $1', [id]);
}

export async function setPasswordHash(db: Db, id: string, hash: string): Promise<void> {
  await db.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [id, hash]);
}

/** Replace a hash only if it is still the one that was verified (a concurrent change wins). */
export async function upgradePasswordHash(db: Db, id: string, old: string, hash: string): Promise<void> {
  await db.query('UPDATE app_user SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, old, hash]);
}

export async function deactivate(db: Db, id: string): Promise<void> {
  await db.query('UPDATE app_user SET active = false, updated_at = now() WHERE id = $1', [id]);
}

// ---------- password reset tokens (stored as their SHA-256) ----------

export async function insertResetToken(db: Db, userId: string, tokenHash: string, minutes: number): Promise<void> {
  await db.query(`DELETE FROM password_reset WHERE user_id = $1 AND (used_at IS NOT NULL OR expires_at < now())`, [userId]);
  await db.query(`INSERT INTO password_reset (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`, [tokenHash, userId, minutes]);
}

/** Use a token once: the account it was given to, or nothing if unknown, used or expired. */
export async function consumeResetToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const r = await db.maybeOne<{ user_id: string }>(
    `UPDATE password_reset SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [tokenHash],
  );
  if (!r) return undefined;
  // the other codes sent to the account are void too
  await db.query('UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [r.user_id]);
  return r.user_id;
}

type MeRow = { active?: boolean; id: string; email: string; display_name: string; role: Role; locale: string; org_id: string; kind: Me['organisation']['kind']; code: string | null; name: string; short_name: string | null; parent_id: string | null; province_code: string | null; commune_code: string | null };

const ME_SELECT = `SELECT u.id, u.active, u.email, u.display_name, u.role, u.locale, o.id AS org_id, o.kind, o.code, o.name, o.short_name,
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
export async function list(db: Db, f: AccountFilter, after: [string, string] | null, limit: number): Promise<(Me & { active: boolean })[]> {
  const params: unknown[] = [];
  const where = accountWhere(f, params);
  if (after) where.push(`(u.email, u.id) > ($${params.push(after[0])}::citext, $${params.push(after[1])}::uuid)`);
  params.push(limit);
  return (await db.query<MeRow>(`${ME_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.email, u.id LIMIT $${params.length}`, params)).map((r) => ({ ...toMe(r), active: r.active !== false }));
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
