import crypto from 'node:crypto';
import { afterKey, page, type PageOf, type PageRequest } from '../../platform/paging.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound, TooManyRequests, unauthorized } from '../../platform/errors.js';
import {
  clearSignInFailures, createSession, dummyPasswordHash, hashPassword, needsRehash, recordSignInFailure, recordSignInSuccess,
  revokeSessions, sha256, signInWait, verifyPassword,
} from '../../platform/auth.js';
import type { Lang } from '../../platform/i18n.js';
import type { Account, Me } from '../../../../contracts/accounts.js';
import { ROLE_ORGANISATION_KINDS, type Role } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { accountPolicy } from './policy.js';
import { alreadyRegisteredMail, registeredMail, resetMail, type AccountMail } from './mail.js';

/** How the module's e-mails leave: handed over without waiting (the answer never waits on SMTP). */
export type SendMail = (to: string, mail: AccountMail) => void;

/** Hashing settings: scrypt's N for new hashes (the platform's default outside tests). */
export interface Hashing { scryptN: number }

export async function signIn(db: Db, email: string, password: string, address: string, userAgent: string | undefined, hashing: Hashing): Promise<{ user: Me; token: string; expiresAt: Date }> {
  const normalised = email.trim().toLowerCase();
  const wait = await signInWait(db, normalised, address);
  if (wait > 0) throw new TooManyRequests(wait);
  const user = await repo.findByEmail(db, normalised);
  let ok = false;
  if (user) ok = await verifyPassword(password, user.password_hash);
  else await verifyPassword(password, await dummyPasswordHash(hashing.scryptN)); // the same time whether the e-mail exists or not
  if (!user || !ok || !user.active) {
    await recordSignInFailure(db, normalised, address);
    throw unauthorized('E-mail hoặc mật khẩu không đúng');
  }
  await recordSignInSuccess(db, normalised, address);
  // a hash made with older parameters is redone now that the password is known
  if (needsRehash(user.password_hash, hashing.scryptN)) await repo.upgradePasswordHash(db, user.id, user.password_hash, await hashPassword(password, hashing.scryptN));
  const session = await createSession(db, user.id, userAgent);
  return { user: (await repo.me(db, user.id))!, ...session };
}

/** The account's own password change: the current one is required; every other session ends. */
export async function changePassword(db: Db, actor: Actor, currentToken: string | undefined, current: string, next: string, address: string, hashing: Hashing): Promise<void> {
  if (!actor.userId) throw unauthorized();
  const user = await repo.findById(db, actor.userId);
  if (!user) throw unauthorized();
  const wait = await signInWait(db, user.email, address);
  if (wait > 0) throw new TooManyRequests(wait);
  if (!(await verifyPassword(current, user.password_hash))) {
    await recordSignInFailure(db, user.email, address);
    throw invalid('Mật khẩu hiện tại không đúng', [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' }]);
  }
  const hash = await hashPassword(next, hashing.scryptN);
  await db.tx(async (t) => {
    await repo.setPasswordHash(t, user.id, hash);
    const ended = await revokeSessions(t, user.id, currentToken);
    await audit(t, actor, { entity: 'account', entityId: user.id, action: 'password_change', after: { sessionsEnded: ended } });
  });
}

export const RESET_MINUTES = 60;

/** Forgotten password: a single-use code, valid for an hour, e-mailed if the account exists and is active. */
export async function requestReset(db: Db, email: string, lang: Lang, publicUrl: string | undefined, send: SendMail): Promise<void> {
  const user = await repo.findByEmail(db, email.trim().toLowerCase());
  const token = crypto.randomBytes(32).toString('base64url');
  if (!user?.active) return;
  await repo.insertResetToken(db, user.id, sha256(token), RESET_MINUTES);
  send(user.email, resetMail(user.locale === 'en' ? 'en' : lang, publicUrl, token));
}

/** A new password with an e-mailed code: the code is used up and every session of the account ends. */
export async function confirmReset(db: Db, token: string, password: string, hashing: Hashing): Promise<void> {
  const hash = await hashPassword(password, hashing.scryptN);
  await db.tx(async (t) => {
    const userId = await repo.consumeResetToken(t, sha256(token.trim()));
    if (!userId) throw invalid('Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn', [{ path: 'token', message: 'Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn' }]);
    const user = (await repo.findById(t, userId))!;
    await repo.setPasswordHash(t, userId, hash);
    const ended = await revokeSessions(t, userId);
    await clearSignInFailures(t, user.email);
    const self: Actor = { userId, role: user.role, label: user.email, organisationId: user.organisation_id, organisationKind: null, provinceCode: null, communeCode: null };
    await audit(t, self, { entity: 'account', entityId: userId, action: 'password_reset', after: { sessionsEnded: ended } });
  });
}

/** An administrator ends an account: it can no longer sign in and every session ends at once. */
export async function deactivate(db: Db, actor: Actor, id: string): Promise<Account> {
  return db.tx(async (t) => {
    const user = await repo.findById(t, id);
    if (!user) throw notFound('Không tìm thấy tài khoản');
    const org = (await repo.me(t, id))!.organisation;
    // an account already inactive stays so (the same answer), but only for whoever may deactivate it
    authorize(accountPolicy, 'deactivate', actor, { role: user.role, organisationKind: org.kind, organisationProvinceCode: org.provinceCode, userId: user.id, active: true });
    if (user.active) {
      await repo.deactivate(t, id);
      const ended = await revokeSessions(t, id);
      await audit(t, actor, { entity: 'account', entityId: id, action: 'deactivate', before: { active: true }, after: { active: false, sessionsEnded: ended } });
    }
    return withCan(actor, { ...(await repo.me(t, id))!, active: false });
  });
}

const withCan = (actor: Actor, u: Me & { active: boolean }): Account => ({
  ...u,
  can: allowed(accountPolicy, actor, { role: u.role, organisationKind: u.organisation.kind, organisationProvinceCode: u.organisation.provinceCode, userId: u.id, active: u.active }, ['deactivate']),
});

/**
 * Registration with an e-mail: the same answer and the same time whether the address already has
 * an account or not; what happened is told to the address by e-mail.
 */
export function registrationMail(existing: boolean, lang: Lang, publicUrl: string | undefined): AccountMail {
  return existing ? alreadyRegisteredMail(lang, publicUrl) : registeredMail(lang, publicUrl);
}

export const findLocale = async (db: Db, email: string): Promise<string | null> => (await repo.findByEmail(db, email))?.locale ?? null;

export const me = (db: Db, userId: string) => repo.me(db, userId);

export interface NewAccount { email: string; displayName: string; password: string; role: Role; organisationId: string }

export async function createAccount(db: Db, actor: Actor, input: NewAccount, hashing: Hashing): Promise<Me> {
  return db.tx(async (t) => {
    const org = await t.maybeOne<{ id: string; kind: string; province_code: string | null }>('SELECT id, kind, province_code FROM organisation WHERE id = $1', [input.organisationId]);
    if (!org) throw invalid('Không có tổ chức này', [{ path: 'organisationId', message: 'Tổ chức không tồn tại' }]);
    authorize(accountPolicy, 'create', actor, { role: input.role, organisationKind: org.kind, organisationProvinceCode: org.province_code });
    if (!(ROLE_ORGANISATION_KINDS[input.role] as readonly string[]).includes(org.kind)) {
      throw invalid('Vai trò không phù hợp với loại tổ chức', [{ path: 'role', message: `Vai trò này không dùng cho tổ chức loại "${org.kind}"` }]);
    }
    if (await repo.findByEmail(t, input.email.toLowerCase())) throw conflict('E-mail đã được dùng', [{ path: 'email', message: 'E-mail đã có tài khoản' }]);
    const id = await repo.insertUser(t, { email: input.email.toLowerCase(), displayName: input.displayName, passwordHash: await hashPassword(input.password, hashing.scryptN), role: input.role, organisationId: input.organisationId });
    const created = (await repo.me(t, id))!;
    await audit(t, actor, { entity: 'account', entityId: id, action: 'create', after: { email: created.email, role: created.role, organisationId: input.organisationId } });
    return created;
  });
}

export async function listAccounts(db: Db, actor: Actor, f: repo.AccountFilter & PageRequest): Promise<PageOf<Account>> {
  authorize(accountPolicy, 'list', actor, { role: 'admin', organisationKind: '', organisationProvinceCode: null });
  const after = afterKey(f.cursor, ['string', 'uuid']) as [string, string] | null;
  const [rows, total] = await Promise.all([repo.list(db, f, after, f.limit + 1), repo.count(db, f)]);
  return page(rows, f, total, (u) => [u.email, u.id], (items) => items.map((u) => withCan(actor, u)));
}

/**
 * The first account of an organisation that registers itself (a donor), inside the registering
 * module's transaction; the password is already hashed and the e-mail checked as free.
 */
export async function createRegisteredAccount(t: Db, u: { email: string; displayName: string; passwordHash: string; role: 'donor'; organisationId: string }): Promise<string> {
  return repo.insertUser(t, u);
}
