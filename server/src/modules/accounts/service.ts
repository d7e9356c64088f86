import crypto from 'node:crypto';
import { afterKey, page, type PageOf, type PageRequest } from '../../platform/paging.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit, auditMany } from '../../platform/audit.js';
import { conflict, invalid, notFound, TooManyRequests, unauthorized } from '../../platform/errors.js';
import {
  clearSignInFailures, createSession, dummyPasswordHash, hashPassword, needsRehash, parseHash, recordSignInFailure, recordSignInSuccess,
  revokeSessions, sha256, signInWait, verifyPassword,
} from '../../platform/auth.js';
import type { Lang } from '../../platform/i18n.js';
import type { Sheet } from '../../platform/tabular.js';
import { fold } from '../../platform/text.js';
import type { Account, AccountCreated, AccountImportResult, Me, PasswordLink, SignInEvent } from '../../../../contracts/accounts.js';
import { ROLE_ORGANISATION_KINDS, ROLES, type ImportRowError, type Role } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { accountPolicy, DEPARTMENT_MANAGED_KINDS, managesOrganisation, type AccountTarget } from './policy.js';
import { alreadyRegisteredMail, invitationMail, registeredMail, resetMail, type AccountMail } from './mail.js';

/** How the module's e-mails leave: handed over without waiting (the answer never waits on SMTP). */
export type SendMail = (to: string, mail: AccountMail) => void;

/** Hashing settings: scrypt's N for new hashes (the platform's default outside tests). */
export interface Hashing { scryptN: number }

/**
 * How links to set a password leave: by e-mail when a server is configured, otherwise handed once
 * to the manager who asked. Times come from the app's clock.
 */
export interface Outbox { send: SendMail; emailEnabled: boolean; publicUrl: string | undefined; lang: Lang; now: () => Date }

/** "Chrome 131 · Windows": the browser and system of a user agent, short enough for a list. */
export function userAgentSummary(ua: string | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\/(\d+)/.exec(ua) ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
    : /(?:Chrome|Chromium)\/(\d+)/.exec(ua) ? `Chrome ${/(?:Chrome|Chromium)\/(\d+)/.exec(ua)![1]}`
    : /Firefox\/(\d+)/.exec(ua) ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
    : /Version\/(\d+).*Safari/.exec(ua) ? `Safari ${/Version\/(\d+).*Safari/.exec(ua)![1]}`
    : null;
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  const s = [browser, system].filter(Boolean).join(' · ');
  return s || ua.slice(0, 60);
}

export async function signIn(db: Db, email: string, password: string, address: string, userAgent: string | undefined, hashing: Hashing): Promise<{ user: Me; token: string; expiresAt: Date }> {
  const normalised = email.trim().toLowerCase();
  const wait = await signInWait(db, normalised, address);
  if (wait > 0) throw new TooManyRequests(wait);
  const user = await repo.findByEmail(db, normalised);
  let ok = false;
  // the same time whether the e-mail exists, or its owner has yet to choose a password, or not
  if (user && parseHash(user.password_hash)) ok = await verifyPassword(password, user.password_hash);
  else await verifyPassword(password, await dummyPasswordHash(hashing.scryptN));
  const ua = userAgentSummary(userAgent);
  if (!user || !ok || !user.active) {
    await recordSignInFailure(db, normalised, address);
    if (user) await repo.insertSignInEvent(db, user.id, false, address, ua);
    throw unauthorized('E-mail hoặc mật khẩu không đúng');
  }
  await recordSignInSuccess(db, normalised, address);
  await repo.insertSignInEvent(db, user.id, true, address, ua);
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
/** An invitation to choose a password is valid for a week. */
export const INVITE_MINUTES = 7 * 24 * 60;

/** Forgotten password: a single-use code, valid for an hour, e-mailed if the account exists and is active. */
export async function requestReset(db: Db, email: string, lang: Lang, publicUrl: string | undefined, send: SendMail, now: Date = new Date()): Promise<void> {
  const user = await repo.findByEmail(db, email.trim().toLowerCase());
  const token = crypto.randomBytes(32).toString('base64url');
  if (!user?.active) return;
  await repo.insertResetToken(db, user.id, sha256(token), RESET_MINUTES, now);
  send(user.email, resetMail(user.locale === 'en' ? 'en' : lang, publicUrl, token).mail);
}

/**
 * A code to choose a password, issued by a manager (an invitation or a reset): e-mailed, or,
 * without an e-mail server, the link answered this once (only its hash is kept).
 */
async function issueLink(t: Db, user: { id: string; email: string; locale: string }, purpose: 'reset' | 'invite', out: Outbox): Promise<PasswordLink> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = await repo.insertResetToken(t, user.id, sha256(token), purpose === 'invite' ? INVITE_MINUTES : RESET_MINUTES, out.now(), purpose);
  const lang: Lang = user.locale === 'en' ? 'en' : out.lang;
  const mail = purpose === 'invite' ? invitationMail(lang, out.publicUrl, token) : resetMail(lang, out.publicUrl, token);
  if (out.emailEnabled) {
    out.send(user.email, mail.mail);
    return { emailed: true, link: null, expiresAt: expiresAt.toISOString() };
  }
  return { emailed: false, link: mail.url, expiresAt: expiresAt.toISOString() };
}

/** A new password with an e-mailed code: the code is used up and every session of the account ends. */
export async function confirmReset(db: Db, token: string, password: string, hashing: Hashing, now: Date = new Date()): Promise<void> {
  const hash = await hashPassword(password, hashing.scryptN);
  await db.tx(async (t) => {
    const userId = await repo.consumeResetToken(t, sha256(token.trim()), now);
    if (!userId) throw invalid('Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn', [{ path: 'token', message: 'Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn' }]);
    const user = (await repo.findById(t, userId))!;
    await repo.setPasswordHash(t, userId, hash);
    const ended = await revokeSessions(t, userId);
    await clearSignInFailures(t, user.email);
    const self: Actor = { userId, role: user.role, label: user.email, organisationId: user.organisation_id, organisationKind: null, provinceCode: null, communeCode: null };
    await audit(t, self, { entity: 'account', entityId: userId, action: 'password_reset', after: { sessionsEnded: ended } });
  });
}

const targetOf = (u: repo.AccountRow): AccountTarget => ({ role: u.role, organisationKind: u.organisation.kind, organisationProvinceCode: u.organisation.provinceCode, userId: u.id, active: u.active });

const withCan = (actor: Actor, u: repo.AccountRow): Account => ({
  ...u,
  can: allowed(accountPolicy, actor, targetOf(u), ['deactivate', 'reactivate', 'update', 'resetPassword', 'viewSignIns']),
});

/** The account, locked for the rest of the transaction, after the actor's right on it is checked. */
async function lockedAccount(t: Db, actor: Actor, id: string, action: 'deactivate' | 'reactivate' | 'update' | 'resetPassword', state?: Partial<AccountTarget>): Promise<repo.AccountRow> {
  await repo.lockUser(t, id);
  const u = await repo.one(t, id);
  if (!u) throw notFound('Không tìm thấy tài khoản');
  authorize(accountPolicy, action, actor, { ...targetOf(u), ...state });
  return u;
}

/** A manager ends an account: it can no longer sign in and every session ends at once. */
export async function deactivate(db: Db, actor: Actor, id: string): Promise<Account> {
  return db.tx(async (t) => {
    // an account already inactive stays so (the same answer), but only for whoever may deactivate it
    const u = await lockedAccount(t, actor, id, 'deactivate', { active: true });
    if (u.active) {
      await repo.deactivate(t, id);
      const ended = await revokeSessions(t, id);
      await audit(t, actor, { entity: 'account', entityId: id, action: 'deactivate', before: { active: true }, after: { active: false, sessionsEnded: ended } });
    }
    return withCan(actor, { ...u, active: false });
  });
}

/** A manager opens an ended account again (it signs in with its password as before). */
export async function reactivate(db: Db, actor: Actor, id: string): Promise<Account> {
  return db.tx(async (t) => {
    const u = await lockedAccount(t, actor, id, 'reactivate', { active: false });
    if (!u.active) {
      await repo.reactivate(t, id);
      await audit(t, actor, { entity: 'account', entityId: id, action: 'reactivate', before: { active: false }, after: { active: true } });
    }
    return withCan(actor, { ...u, active: true });
  });
}

/** The organisation an account is given, checked: it exists, the actor manages it, the role fits its kind. */
async function checkedOrganisation(t: Db, actor: Actor, role: Role, organisationId: string): Promise<repo.OrgRow> {
  const org = await repo.organisation(t, organisationId);
  if (!org) throw invalid('Không có tổ chức này', [{ path: 'organisationId', message: 'Tổ chức không tồn tại' }]);
  authorize(accountPolicy, 'create', actor, { role, organisationKind: org.kind, organisationProvinceCode: org.province_code });
  if (!(ROLE_ORGANISATION_KINDS[role] as readonly string[]).includes(org.kind)) {
    throw invalid('Vai trò không phù hợp với loại tổ chức', [{ path: 'role', message: `Vai trò này không dùng cho tổ chức loại "${org.kind}"` }]);
  }
  return org;
}

/**
 * A manager changes an account's role, organisation or name: never its own; the new role must fit
 * the organisation's kind; the account's sessions end (its rights changed).
 */
export async function updateAccount(db: Db, actor: Actor, id: string, input: { displayName?: string; role?: Role; organisationId?: string }): Promise<Account> {
  return db.tx(async (t) => {
    const u = await lockedAccount(t, actor, id, 'update');
    const next = { displayName: input.displayName ?? u.displayName, role: input.role ?? u.role, organisationId: input.organisationId ?? u.organisation.id };
    const moved = next.role !== u.role || next.organisationId !== u.organisation.id;
    if (moved) await checkedOrganisation(t, actor, next.role, next.organisationId);
    if (!moved && next.displayName === u.displayName) return withCan(actor, u);
    await repo.updateUser(t, id, next);
    const ended = moved ? await revokeSessions(t, id) : 0;
    await audit(t, actor, {
      entity: 'account', entityId: id, action: 'update',
      before: { displayName: u.displayName, role: u.role, organisationId: u.organisation.id },
      after: { ...next, sessionsEnded: ended },
    });
    return withCan(actor, (await repo.one(t, id))!);
  });
}

/** A manager sends an account a link to choose a new password (its password stays until then). */
export async function resetPasswordFor(db: Db, actor: Actor, id: string, out: Outbox): Promise<PasswordLink> {
  return db.tx(async (t) => {
    const u = await lockedAccount(t, actor, id, 'resetPassword');
    const link = await issueLink(t, u, u.invited ? 'invite' : 'reset', out);
    await audit(t, actor, { entity: 'account', entityId: id, action: u.invited ? 'invitation_resent' : 'password_reset_sent', after: { emailed: link.emailed } });
    return link;
  });
}

/** The account's sign-ins, newest first: for its owner and the administrators. */
export async function signIns(db: Db, actor: Actor, id: string, req: PageRequest): Promise<PageOf<SignInEvent>> {
  const u = await repo.one(db, id);
  if (!u) throw notFound('Không tìm thấy tài khoản');
  authorize(accountPolicy, 'viewSignIns', actor, targetOf(u));
  const after = afterKey(req.cursor, ['number']) as [number] | null;
  const [rows, total] = await Promise.all([repo.signInEvents(db, id, after ? after[0] : null, req.limit + 1), repo.countSignInEvents(db, id)]);
  return page(rows, req, total, (r) => [r.id]);
}

/**
 * Registration with an e-mail: the same answer and the same time whether the address already has
 * an account or not; what happened is told to the address by e-mail.
 */
export function registrationMail(existing: boolean, lang: Lang, publicUrl: string | undefined): AccountMail {
  return existing ? alreadyRegisteredMail(lang, publicUrl) : registeredMail(lang, publicUrl);
}

export const findLocale = async (db: Db, email: string): Promise<string | null> => (await repo.findByEmail(db, email))?.locale ?? null;

export const me = (db: Db, userId: string) => repo.me(db, userId);

export interface NewAccount { email: string; displayName: string; password?: string; role: Role; organisationId: string }

/**
 * A manager creates an account: with a password, or without one, and its owner is invited by
 * e-mail to choose it (a link valid for a week, usable once).
 */
export async function createAccount(db: Db, actor: Actor, input: NewAccount, hashing: Hashing, out: Outbox): Promise<AccountCreated> {
  authorize(accountPolicy, 'list', actor, { role: input.role, organisationKind: '', organisationProvinceCode: null });
  const passwordHash = input.password ? await hashPassword(input.password, hashing.scryptN) : repo.INVITED;
  return db.tx(async (t) => {
    await checkedOrganisation(t, actor, input.role, input.organisationId);
    if (await repo.findByEmail(t, input.email.toLowerCase())) throw conflict('E-mail đã được dùng', [{ path: 'email', message: 'E-mail đã có tài khoản' }]);
    const id = await repo.insertUser(t, { email: input.email.toLowerCase(), displayName: input.displayName, passwordHash, role: input.role, organisationId: input.organisationId });
    const created = (await repo.one(t, id))!;
    const invitation = input.password ? null : await issueLink(t, created, 'invite', out);
    await audit(t, actor, { entity: 'account', entityId: id, action: input.password ? 'create' : 'invite', after: { email: created.email, role: created.role, organisationId: input.organisationId, emailed: invitation?.emailed } });
    return { ...withCan(actor, created), invitation };
  });
}

export async function listAccounts(db: Db, actor: Actor, f: repo.AccountFilter & PageRequest): Promise<PageOf<Account>> {
  authorize(accountPolicy, 'list', actor, { role: 'admin', organisationKind: '', organisationProvinceCode: null });
  const scoped: repo.AccountFilter = actor.role === 'admin' ? f : { ...f, scope: { provinceCode: actor.provinceCode, kinds: DEPARTMENT_MANAGED_KINDS } };
  const after = afterKey(f.cursor, ['string', 'uuid']) as [string, string] | null;
  const [rows, total] = await Promise.all([repo.list(db, scoped, after, f.limit + 1), repo.count(db, scoped)]);
  return page(rows, f, total, (u) => [u.email, u.id], (items) => items.map((u) => withCan(actor, u)));
}

// ---------- import of school accounts ----------

export const IMPORT_COLUMNS = [
  { key: 'code', header: 'Mã trường', width: 14, required: true },
  { key: 'email', header: 'E-mail', width: 32, required: true },
  { key: 'name', header: 'Tên hiển thị', width: 32, required: true },
] as const;
type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];
const IMPORT_HEADERS = new Map<string, ImportKey>([
  ...IMPORT_COLUMNS.map((c) => [fold(c.header), c.key] as [string, ImportKey]),
  ['ma truong', 'code'], ['email', 'email'], ['e mail', 'email'], ['ten', 'name'], ['ho ten', 'name'], ['ten tai khoan', 'name'],
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * School accounts from a table (school code, e-mail, name): every row is checked, and nothing is
 * written unless all are valid. Each account is invited to choose its password.
 */
export async function importAccounts(db: Db, actor: Actor, sheet: Sheet, out: Outbox): Promise<AccountImportResult> {
  authorize(accountPolicy, 'import', actor, { role: 'admin', organisationKind: '', organisationProvinceCode: null });
  const col = new Map<ImportKey, number>();
  sheet.headers.forEach((h, i) => {
    const k = IMPORT_HEADERS.get(fold(h).replace(/ \*$/, '').trim());
    if (k && !col.has(k)) col.set(k, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => !col.has(c.key));
  if (missing.length) throw invalid('Tệp thiếu cột bắt buộc', missing.map((c) => ({ row: 1, column: c.header, message: `Thiếu cột "${c.header}" (hãy dùng tệp mẫu)` })));
  if (sheet.rows.length === 0) throw invalid('Tệp không có dòng dữ liệu nào', [{ row: 2, column: null, message: 'Không có dữ liệu' }]);
  if (sheet.rows.length > IMPORT_MAX_ROWS) throw invalid(`Tệp có quá nhiều dòng (tối đa ${IMPORT_MAX_ROWS})`, [{ row: IMPORT_MAX_ROWS + 2, column: null, message: `Mỗi lần nhập tối đa ${IMPORT_MAX_ROWS} tài khoản` }]);
  const get = (vals: string[], k: ImportKey) => (vals[col.get(k)!] ?? '').trim();
  // the role of a school's staff: the role whose organisations are schools
  const role = ROLES.find((r) => (ROLE_ORGANISATION_KINDS[r] as readonly string[]).includes('school'))!;
  const rows = sheet.rows.map(({ line, values }) => ({ line, code: get(values, 'code').replace(/\.0$/, '').toUpperCase(), email: get(values, 'email').toLowerCase(), name: get(values, 'name').replace(/\s+/g, ' ') }));
  return db.tx(async (t) => {
    const schools = await repo.schoolOrganisations(t, rows.map((r) => r.code).filter(Boolean));
    const taken = await repo.existingEmails(t, rows.map((r) => r.email).filter((e) => EMAIL.test(e)));
    const errors: ImportRowError[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: string) => errors.push({ row: r.line, column, message });
      const org = schools.get(r.code);
      if (!r.code) err('Mã trường', 'Thiếu mã trường');
      else if (!org) err('Mã trường', `Không có trường mã "${r.code}"`);
      else if (!managesOrganisation(actor, org.kind, org.province_code)) err('Mã trường', `Trường "${r.code}" ngoài phạm vi quản lý của bạn`);
      if (!EMAIL.test(r.email) || r.email.length > 200) err('E-mail', 'E-mail không hợp lệ');
      else if (taken.has(r.email)) err('E-mail', 'E-mail đã có tài khoản');
      else if (seen.has(r.email)) err('E-mail', `E-mail trùng với dòng ${seen.get(r.email)}`);
      else seen.set(r.email, r.line);
      if (r.name.length < 2 || r.name.length > 200) err('Tên hiển thị', 'Tên hiển thị cần từ 2 đến 200 ký tự');
    }
    if (errors.length) throw invalid(`Tệp có ${errors.length} lỗi; chưa ghi dữ liệu nào`, errors);
    const invitations: AccountImportResult['invitations'] = [];
    const ids: string[] = [];
    for (const r of rows) {
      const id = await repo.insertUser(t, { email: r.email, displayName: r.name, passwordHash: repo.INVITED, role, organisationId: schools.get(r.code)!.id });
      const link = await issueLink(t, { id, email: r.email, locale: 'vi' }, 'invite', out);
      invitations.push({ email: r.email, emailed: link.emailed, link: link.link });
      ids.push(id);
    }
    await auditMany(t, actor, rows.map((r, i) => ({ entity: 'account', entityId: ids[i], action: 'import', after: { email: r.email, role, organisationId: schools.get(r.code)!.id, emailed: invitations[i].emailed } })));
    return { created: rows.length, invitations };
  });
}
export const IMPORT_MAX_ROWS = 2000;

/**
 * The first account of an organisation that registers itself (a donor), inside the registering
 * module's transaction; the password is already hashed and the e-mail checked as free.
 */
export async function createRegisteredAccount(t: Db, u: { email: string; displayName: string; passwordHash: string; role: 'donor'; organisationId: string }): Promise<string> {
  return repo.insertUser(t, u);
}
