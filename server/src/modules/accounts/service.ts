import { afterKey, page, type PageOf, type PageRequest } from '../../platform/paging.js';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, invalid, unauthorized } from '../../platform/errors.js';
import {
  clearLoginFailures, createSession, dummyPasswordHash, hashPassword, loginBlocked, recordLoginFailure, verifyPassword,
} from '../../platform/auth.js';
import type { Me } from '../../../../contracts/accounts.js';
import type { Role } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { accountPolicy } from './policy.js';

export async function signIn(db: Db, email: string, password: string, address: string, userAgent?: string): Promise<{ user: Me; token: string; expiresAt: Date }> {
  const normalised = email.trim().toLowerCase();
  if (await loginBlocked(db, normalised, address)) {
    throw new AppError(429, 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.', undefined, 'rate_limited');
  }
  const user = await repo.findByEmail(db, normalised);
  let ok = false;
  if (user) ok = await verifyPassword(password, user.password_hash);
  else await verifyPassword(password, await dummyPasswordHash()); // the same time whether the e-mail exists or not
  if (!user || !ok || !user.active) {
    await recordLoginFailure(db, normalised, address);
    throw unauthorized('E-mail hoặc mật khẩu không đúng');
  }
  await clearLoginFailures(db, normalised);
  const session = await createSession(db, user.id, userAgent);
  return { user: (await repo.me(db, user.id))!, ...session };
}

export const me = (db: Db, userId: string) => repo.me(db, userId);

export interface NewAccount { email: string; displayName: string; password: string; role: Role; organisationId: string }

const ROLE_FOR_KIND: Record<Role, string[]> = {
  admin: ['ministry', 'ministry_unit', 'other'],
  ministry: ['ministry', 'ministry_unit'],
  department: ['department'],
  school: ['school'],
  donor: ['donor'],
};

export async function createAccount(db: Db, actor: Actor, input: NewAccount): Promise<Me> {
  return db.tx(async (t) => {
    const org = await t.maybeOne<{ id: string; kind: string; province_code: string | null }>('SELECT id, kind, province_code FROM organisation WHERE id = $1', [input.organisationId]);
    if (!org) throw invalid('Không có tổ chức này', [{ path: 'organisationId', message: 'Tổ chức không tồn tại' }]);
    authorize(accountPolicy, 'create', actor, { role: input.role, organisationKind: org.kind, organisationProvinceCode: org.province_code });
    if (!ROLE_FOR_KIND[input.role].includes(org.kind)) {
      throw invalid('Vai trò không phù hợp với loại tổ chức', [{ path: 'role', message: `Vai trò này không dùng cho tổ chức loại "${org.kind}"` }]);
    }
    if (await repo.findByEmail(t, input.email.toLowerCase())) throw conflict('E-mail đã được dùng', [{ path: 'email', message: 'E-mail đã có tài khoản' }]);
    const id = await repo.insertUser(t, { email: input.email.toLowerCase(), displayName: input.displayName, passwordHash: await hashPassword(input.password), role: input.role, organisationId: input.organisationId });
    const created = (await repo.me(t, id))!;
    await audit(t, actor, { entity: 'account', entityId: id, action: 'create', after: { email: created.email, role: created.role, organisationId: input.organisationId } });
    return created;
  });
}

export async function listAccounts(db: Db, actor: Actor, f: repo.AccountFilter & PageRequest): Promise<PageOf<Me>> {
  authorize(accountPolicy, 'list', actor, { role: 'admin', organisationKind: '', organisationProvinceCode: null });
  const after = afterKey(f.cursor, ['string', 'uuid']) as [string, string] | null;
  const [rows, total] = await Promise.all([repo.list(db, f, after, f.limit + 1), repo.count(db, f)]);
  return page(rows, f, total, (u) => [u.email, u.id]);
}

/**
 * The first account of an organisation that registers itself (a donor), inside the registering
 * module's transaction; the password is already hashed and the e-mail checked as free.
 */
export async function createRegisteredAccount(t: Db, u: { email: string; displayName: string; passwordHash: string; role: 'donor'; organisationId: string }): Promise<string> {
  return repo.insertUser(t, u);
}
