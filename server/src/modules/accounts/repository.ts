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

export async function reactivate(db: Db, id: string): Promise<void> {
  await db.query('UPDATE app_user SET active = true, updated_at = now() WHERE id = $1', [id]);
}

/** The account's row, locked until the end of the transaction (changes read, then write). */
export async function lockUser(db: Db, id: string): Promise<void> {
  await db.query('SELECT id FROM app_user WHERE id = $1 FOR UPDATE', [id]);
}

export async function updateUser(db: Db, id: string, u: { displayName: string; role: Role; organisationId: string }): Promise<void> {
  await db.query('UPDATE app_user SET display_name = $2, role = $3, organisation_id = $4, updated_at = now() WHERE id = $1', [id, u.displayName, u.role, u.organisationId]);
}

/** The stored "hash" of an invited account that has not chosen its password: it never matches. */
export const INVITED = '!invited';

export interface OrgRow { id: string; kind: string; province_code: string | null; code: string | null; name: string }
export function organisation(db: Db, id: string): Promise<OrgRow | undefined> {
  return db.maybeOne<OrgRow>('SELECT id, kind, province_code, code, name FROM organisation WHERE id = $1', [id]);
}

/** The organisations of schools by school code (imports), in one query. */
export async function schoolOrganisations(db: Db, codes: string[]): Promise<Map<string, OrgRow>> {
  const rows = await db.query<OrgRow>('SELECT o.id, o.kind, o.province_code, s.code, o.name FROM school s JOIN organisation o ON o.id = s.organisation_id WHERE s.code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code!, r]));
}

export async function existingEmails(db: Db, emails: string[]): Promise<Set<string>> {
  const rows = await db.query<{ email: string }>('SELECT lower(email) AS email FROM app_user WHERE email = ANY($1::citext[])', [emails]);
  return new Set(rows.map((r) => r.email));
}

// ---------- sign-in history ----------

/** Entries kept per account: older ones are dropped as new ones come. */
export const SIGN_IN_KEEP = 200;

export async function insertSignInEvent(db: Db, userId: string, success: boolean, address: string, userAgent: string | null): Promise<void> {
  await db.query('INSERT INTO sign_in_event (user_id, success, address, user_agent) VALUES ($1, $2, $3, $4)', [userId, success, address.slice(0, 100), userAgent]);
  await db.query(
    `DELETE FROM sign_in_event WHERE user_id = $1 AND id <= (SELECT id FROM sign_in_event WHERE user_id = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)`,
    [userId, SIGN_IN_KEEP],
  );
}

export interface SignInRow { id: number; at: string; success: boolean; address: string | null; userAgent: string | null }
export async function signInEvents(db: Db, userId: string, before: number | null, limit: number): Promise<SignInRow[]> {
  const rows = await db.query<{ id: number | string; at: Date; success: boolean; address: string | null; user_agent: string | null }>(
    `SELECT id, at, success, address, user_agent FROM sign_in_event WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [userId, before, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), success: r.success, address: r.address, userAgent: r.user_agent }));
}

export async function countSignInEvents(db: Db, userId: string): Promise<number> {
  return Number((await db.one<{ n: number | string }>('SELECT count(*) AS n FROM sign_in_event WHERE user_id = $1', [userId])).n);
}

// ---------- password reset tokens (stored as their SHA-256) ----------

/** A new code for the account (its older used or expired codes are dropped); times are the app clock's. */
export async function insertResetToken(db: Db, userId: string, tokenHash: string, minutes: number, now: Date, purpose: 'reset' | 'invite' = 'reset'): Promise<Date> {
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db.query(`DELETE FROM password_reset WHERE user_id = $1 AND (used_at IS NOT NULL OR expires_at < $2)`, [userId, now]);
  await db.query(`INSERT INTO password_reset (token_hash, user_id, created_at, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)`, [tokenHash, userId, now, expiresAt, purpose]);
  return expiresAt;
}

/** Use a token once: the account it was given to, or nothing if unknown, used or expired. */
export async function consumeResetToken(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const r = await db.maybeOne<{ user_id: string }>(
    `UPDATE password_reset SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
    [tokenHash, now],
  );
  if (!r) return undefined;
  // the other codes sent to the account are void too
  await db.query('UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [r.user_id]);
  return r.user_id;
}

type MeRow = { active?: boolean; invited?: boolean; id: string; email: string; display_name: string; role: Role; locale: string; org_id: string; kind: Me['organisation']['kind']; code: string | null; name: string; short_name: string | null; parent_id: string | null; province_code: string | null; commune_code: string | null };

const ME_SELECT = `SELECT u.id, u.active, u.password_hash = '${INVITED}' AS invited, u.email, u.display_name, u.role, u.locale, o.id AS org_id, o.kind, o.code, o.name, o.short_name,
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
  /** only the accounts of these kinds of organisation in this province (a Department's scope) */
  scope?: { provinceCode: string | null; kinds: readonly string[] };
}

function accountWhere(f: AccountFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.role) where.push(`u.role = $${params.push(f.role)}`);
  if (f.organisationId) where.push(`u.organisation_id = $${params.push(f.organisationId)}`);
  if (f.scope) where.push(`o.province_code = $${params.push(f.scope.provinceCode)} AND o.kind = ANY($${params.push(f.scope.kinds)}::text[])`);
  if (f.q) {
    const p = params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.email ILIKE $${p} OR u.display_name ILIKE $${p})`);
  }
  return where;
}

/** Accounts in e-mail order after the key (e-mail, id): keyset paging on the e-mail's unique index. */
export type AccountRow = Me & { active: boolean; invited: boolean };

export async function one(db: Db, id: string): Promise<AccountRow | undefined> {
  const r = await db.maybeOne<MeRow>(`${ME_SELECT} WHERE u.id = $1`, [id]);
  return r && { ...toMe(r), active: r.active !== false, invited: r.invited === true };
}

export async function list(db: Db, f: AccountFilter, after: [string, string] | null, limit: number): Promise<AccountRow[]> {
  const params: unknown[] = [];
  const where = accountWhere(f, params);
  if (after) where.push(`(u.email, u.id) > ($${params.push(after[0])}::citext, $${params.push(after[1])}::uuid)`);
  params.push(limit);
  return (await db.query<MeRow>(`${ME_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.email, u.id LIMIT $${params.length}`, params)).map((r) => ({ ...toMe(r), active: r.active !== false, invited: r.invited === true }));
}

export async function count(db: Db, f: AccountFilter): Promise<number> {
  const params: unknown[] = [];
  const where = accountWhere(f, params);
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n FROM app_user u JOIN organisation o ON o.id = u.organisation_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params)).n);
}

export async function insertUser(db: Db, u: { email: string; displayName: string; passwordHash: string; role: Role; organisationId: string }): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [u.email, u.displayName, u.passwordHash, u.role, u.organisationId],
  );
  return r.id;
}
