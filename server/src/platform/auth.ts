import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db.js';
import { PUBLIC, type Actor } from './actor.js';
import type { OrganisationKind, Role } from '../../../contracts/common.js';
import { SCRYPT_N } from './config.js';

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

// scrypt, N=2^17 (r=8, p=1): about 0.6 s and 128 MB per hash here, deliberately slow against
// guessing. The parameters are stored with each hash; a hash with other parameters is redone at
// the next successful sign-in. At most four hashes run at once (libuv's thread pool), so memory
// stays bounded under a burst of sign-ins.
const R = 8;
const P = 1;
const KEYLEN = 64;
const maxmem = (n: number, r: number) => 128 * n * r * 2;

interface ScryptHash { n: number; r: number; p: number; salt: Buffer; key: Buffer }

/** The parts of a stored hash (`scrypt$N$r$p$salt$key`), or null when it is not one. */
export function parseHash(stored: string): ScryptHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every(Number.isInteger) || n < 2 || (n & (n - 1)) !== 0 || n > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { n, r, p, salt, key };
}

export async function hashPassword(password: string, n: number = SCRYPT_N): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r: R, p: P, maxmem: maxmem(n, R) });
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return false;
  const key = await scrypt(password.normalize('NFC'), h.salt, h.key.length, { N: h.n, r: h.r, p: h.p, maxmem: maxmem(h.n, h.r) });
  return crypto.timingSafeEqual(key, h.key);
}

/** Whether a stored hash was made with other parameters than today's (and should be redone). */
export function needsRehash(stored: string, n: number = SCRYPT_N): boolean {
  const h = parseHash(stored);
  return !h || h.n !== n || h.r !== R || h.p !== P || h.key.length !== KEYLEN;
}

/** A password that never matches, verified when the e-mail is unknown so timing reveals nothing. */
const dummyHashes = new Map<number, Promise<string>>();
export function dummyPasswordHash(n: number = SCRYPT_N): Promise<string> {
  if (!dummyHashes.has(n)) dummyHashes.set(n, hashPassword(crypto.randomBytes(16).toString('hex'), n));
  return dummyHashes.get(n)!;
}

export const SESSION_COOKIE = 'kn_session';
export const SESSION_DAYS = 7;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** last_seen_at is written at most this often per session (not on every request). */
export const SESSION_TOUCH_MINUTES = 5;

export async function createSession(db: Db, userId: string, userAgent: string | undefined): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await db.query('INSERT INTO user_session (token_hash, user_id, expires_at, user_agent) VALUES ($1, $2, $3, $4)', [
    sha256(token), userId, expiresAt, userAgent?.slice(0, 300) ?? null,
  ]);
  return { token, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM user_session WHERE token_hash = $1', [sha256(token)]);
}

interface SessionRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  organisation_id: string;
  org_kind: OrganisationKind;
  province_code: string | null;
  commune_code: string | null;
  stale: boolean;
}

/**
 * The actor behind a session cookie (one query), or the public. A session unused for
 * `idleHours` has ended; its last use is recorded at most every SESSION_TOUCH_MINUTES.
 */
export async function actorFromToken(db: Db, token: string | undefined, idleHours = 8): Promise<Actor> {
  if (!token) return PUBLIC;
  const tokenHash = sha256(token);
  const row = await db.maybeOne<SessionRow>(
    `SELECT u.id AS user_id, u.email, u.display_name, u.role, u.organisation_id,
            o.kind AS org_kind, o.province_code, o.commune_code,
            s.last_seen_at < now() - make_interval(mins => $3) AS stale
       FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2) AND u.active`,
    [tokenHash, Math.round(idleHours * 3600), SESSION_TOUCH_MINUTES],
  );
  if (!row) return PUBLIC;
  if (row.stale) await db.query('UPDATE user_session SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  return {
    userId: row.user_id,
    role: row.role,
    label: `${row.display_name} <${row.email}>`,
    organisationId: row.organisation_id,
    organisationKind: row.org_kind,
    provinceCode: row.province_code,
    communeCode: row.commune_code,
  };
}

/** End every session of an account but the one given (a token), e.g. after a password change. */
export async function revokeSessions(db: Db, userId: string, keepToken?: string): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    'DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash',
    [userId, keepToken ? sha256(keepToken) : ''],
  );
  return rows.length;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function sessionToken(req: Pick<FastifyRequest, 'cookies'>): string | undefined {
  return req.cookies?.[SESSION_COOKIE];
}

// ---------- sign-in guard: failures counted in the database, exponential back-off ----------
//
// Failures are counted per (account, address), per address and per account. Each key allows a
// few failures, then makes the next attempt wait 1 s, 2 s, 4 s … (at most 15 min) after its last
// failure. Refused attempts are not checked and not counted. So a stranger guessing from one
// address slows down that address only: the owner signs in from another address at once. The
// per-account ceiling (100 failures an hour, from any number of addresses) slows everyone but
// the addresses the account signed in from in the last 90 days. In the database, so several app
// servers share the counts.

interface GuardRule { free: number; capSeconds: number; windowMinutes: number }
export const SIGN_IN_GUARD = {
  pair: { free: 5, capSeconds: 15 * 60, windowMinutes: 24 * 60 },
  address: { free: 20, capSeconds: 15 * 60, windowMinutes: 60 },
  account: { free: 100, capSeconds: 15 * 60, windowMinutes: 60 },
} satisfies Record<string, GuardRule>;
const KNOWN_ADDRESS_DAYS = 90;

/** Seconds to wait after the last of `failures` failures under a rule (0: no wait). */
export function backoffSeconds(failures: number, rule: GuardRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capSeconds, 2 ** Math.min(30, failures - rule.free));
}

const keys = (email: string, address: string) => {
  const e = email.trim().toLowerCase();
  return { pair: `pair:${e}|${address}`, address: `ip:${address}`, account: `email:${e}`, known: `ok:${e}|${address}` };
};

/** Seconds this address must wait before trying this account again (0: it may try now). */
export async function signInWait(db: Db, email: string, address: string): Promise<number> {
  const k = keys(email, address);
  const rows = await db.query<{ key: string; n: number | string; wait: number | string }>(
    `SELECT key, count(*) AS n, extract(epoch FROM (now() - max(at))) AS wait
       FROM login_attempt
      WHERE (key = $1 AND at > now() - make_interval(mins => $4))
         OR (key = $2 AND at > now() - make_interval(mins => $5))
         OR (key = $3 AND at > now() - make_interval(mins => $6))
         OR (key = $7 AND at > now() - make_interval(days => $8))
      GROUP BY key`,
    [k.pair, k.address, k.account, SIGN_IN_GUARD.pair.windowMinutes, SIGN_IN_GUARD.address.windowMinutes, SIGN_IN_GUARD.account.windowMinutes, k.known, KNOWN_ADDRESS_DAYS],
  );
  const known = rows.some((r) => r.key === k.known);
  let wait = 0;
  for (const r of rows) {
    const rule = r.key === k.pair ? SIGN_IN_GUARD.pair : r.key === k.address ? SIGN_IN_GUARD.address : r.key === k.account && !known ? SIGN_IN_GUARD.account : null;
    if (!rule) continue;
    wait = Math.max(wait, backoffSeconds(Number(r.n), rule) - Number(r.wait));
  }
  return wait > 0 ? Math.ceil(wait) : 0;
}

export async function recordSignInFailure(db: Db, email: string, address: string): Promise<void> {
  const k = keys(email, address);
  await db.query('INSERT INTO login_attempt (key) VALUES ($1), ($2), ($3)', [k.pair, k.address, k.account]);
  // keep the table small: forget failures older than a day and known addresses older than 90 days
  await db.query(
    `DELETE FROM login_attempt WHERE (at < now() - interval '1 day' AND key NOT LIKE 'ok:%') OR at < now() - make_interval(days => $1)`,
    [KNOWN_ADDRESS_DAYS],
  );
}

/** A success: this address's failures for the account are forgotten, and the address is known. */
export async function recordSignInSuccess(db: Db, email: string, address: string): Promise<void> {
  const k = keys(email, address);
  await db.query('DELETE FROM login_attempt WHERE key IN ($1, $2)', [k.pair, k.known]);
  await db.query('INSERT INTO login_attempt (key) VALUES ($1)', [k.known]);
}

/** A new password (reset): every failure counted against the account is forgotten. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  const e = email.trim().toLowerCase();
  await db.query(`DELETE FROM login_attempt WHERE key = $1 OR starts_with(key, $2)`, [`email:${e}`, `pair:${e}|`]);
}
