import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db.js';
import { PUBLIC, type Actor } from './actor.js';
import type { OrganisationKind, Role } from '../../../contracts/common.js';

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

// scrypt with N=2^15: about 50–100 ms per hash here, deliberately slow against guessing.
const N = 32768;
const R = 8;
const P = 1;
const KEYLEN = 64;
const MAXMEM = 128 * N * R * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, saltB64, keyB64] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A password that never matches, verified when the e-mail is unknown so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}

export const SESSION_COOKIE = 'kn_session';
export const SESSION_DAYS = 7;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

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
}

/** The actor behind a session cookie (one query), or the public. */
export async function actorFromToken(db: Db, token: string | undefined): Promise<Actor> {
  if (!token) return PUBLIC;
  const row = await db.maybeOne<SessionRow>(
    `SELECT u.id AS user_id, u.email, u.display_name, u.role, u.organisation_id,
            o.kind AS org_kind, o.province_code, o.commune_code
       FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [sha256(token)],
  );
  if (!row) return PUBLIC;
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

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function sessionToken(req: Pick<FastifyRequest, 'cookies'>): string | undefined {
  return req.cookies?.[SESSION_COOKIE];
}

// ---------- sign-in rate limit ----------

export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_PER_EMAIL = 5;
export const LOGIN_MAX_PER_ADDRESS = 30;

export async function loginBlocked(db: Db, email: string, address: string): Promise<boolean> {
  const row = await db.one<{ by_email: number; by_address: number }>(
    `SELECT count(*) FILTER (WHERE key = $1) AS by_email, count(*) FILTER (WHERE key = $2) AS by_address
       FROM login_attempt WHERE key IN ($1, $2) AND at > now() - make_interval(mins => $3)`,
    ['email:' + email.toLowerCase(), 'ip:' + address, LOGIN_WINDOW_MINUTES],
  );
  return Number(row.by_email) >= LOGIN_MAX_PER_EMAIL || Number(row.by_address) >= LOGIN_MAX_PER_ADDRESS;
}

export async function recordLoginFailure(db: Db, email: string, address: string): Promise<void> {
  await db.query(`INSERT INTO login_attempt (key) VALUES ($1), ($2)`, ['email:' + email.toLowerCase(), 'ip:' + address]);
  // keep the table small: forget attempts older than a day
  await db.query(`DELETE FROM login_attempt WHERE at < now() - interval '1 day'`);
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.query('DELETE FROM login_attempt WHERE key = $1', ['email:' + email.toLowerCase()]);
}
