import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { createSession, hashPassword } from '../../platform/auth.js';
import { cleanText, fold } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import { donorPolicy } from './policy.js';

export const DONOR_TYPES = ['business', 'individual', 'bank', 'international', 'university', 'media', 'other'] as const;

interface DonorRow { id: string; name: string; short_name: string | null; province_code: string | null; donor_type: string; tax_code: string | null; country: string; website: string | null; description: string | null; anonymous_default: boolean; vetting_status: string; vetting_reason: string | null; vetted_at: Date | null; created_at: Date }
const SELECT = `SELECT o.id, o.name, o.short_name, o.province_code, d.donor_type, d.tax_code, d.country, d.website, d.description, d.anonymous_default,
    d.vetting_status, d.vetting_reason, d.vetted_at, d.created_at FROM organisation o JOIN donor_profile d ON d.organisation_id = o.id`;
const toDonor = (r: DonorRow) => ({ id: r.id, name: r.name, shortName: r.short_name, provinceCode: r.province_code, donorType: r.donor_type, taxCode: r.tax_code, country: r.country, website: r.website, description: r.description, anonymousDefault: r.anonymous_default, vettingStatus: r.vetting_status, vettingReason: r.vetting_reason, vettedAt: r.vetted_at && new Date(r.vetted_at).toISOString(), createdAt: new Date(r.created_at).toISOString() });

export interface DonorRegistration { organisationName: string; donorType: (typeof DONOR_TYPES)[number]; taxCode?: string | null; country?: string | null; website?: string | null; description?: string | null; provinceCode?: string | null; anonymousDefault?: boolean; email: string; password: string; displayName: string }

/** Self-registration: the organisation, its donor profile (pending vetting) and its first account, signed in. */
export async function register(db: Db, input: DonorRegistration, userAgent?: string) {
  return db.tx(async (t) => {
    const email = input.email.trim().toLowerCase();
    if (await t.maybeOne('SELECT 1 FROM app_user WHERE email = $1', [email])) throw conflict('E-mail đã được dùng', [{ path: 'email', message: 'E-mail đã có tài khoản' }]);
    if (input.taxCode && await t.maybeOne('SELECT 1 FROM donor_profile WHERE tax_code = $1', [input.taxCode.trim()])) throw conflict('Mã số thuế đã được đăng ký', [{ path: 'taxCode', message: 'Đã có nhà tài trợ với mã số thuế này' }]);
    if (input.provinceCode && !(await t.maybeOne(`SELECT 1 FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [input.provinceCode]))) throw invalid('Mã tỉnh không tồn tại', [{ path: 'provinceCode', message: 'Không có tỉnh này' }]);
    const name = cleanText(input.organisationName)!;
    const org = await t.one<{ id: string }>(`INSERT INTO organisation (kind, name, province_code, search) VALUES ('donor', $1, $2, $3) RETURNING id`, [name, input.provinceCode ?? null, fold(name)]);
    await t.query(`INSERT INTO donor_profile (organisation_id, donor_type, tax_code, country, website, description, anonymous_default) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [org.id, input.donorType, cleanText(input.taxCode ?? null), input.country ?? 'VN', cleanText(input.website ?? null), cleanText(input.description ?? null), input.anonymousDefault ?? input.donorType === 'individual']);
    const user = await t.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, $2, $3, 'donor', $4) RETURNING id`, [email, cleanText(input.displayName), await hashPassword(input.password), org.id]);
    const donor = toDonor((await t.one<DonorRow>(`${SELECT} WHERE o.id = $1`, [org.id])));
    await audit(t, { userId: user.id, role: 'donor', label: email, organisationId: org.id, organisationKind: 'donor', provinceCode: null, communeCode: null }, { entity: 'donor', entityId: org.id, action: 'register', after: donor });
    const vetters = await t.query<{ id: string }>(`SELECT id FROM organisation WHERE code IN ('ban-qlcda', 'cuc-htqt')`);
    await notifyMany(t, vetters.map((v) => ({ organisationId: v.id, kind: 'donor_pending', title: `Nhà tài trợ chờ thẩm định: ${name}`, body: `${name} vừa đăng ký và chờ thẩm định năng lực, uy tín trước khi ký kết.`, link: `/nha-tai-tro/${org.id}` })));
    const session = await createSession(t, user.id, userAgent);
    return { donor, session };
  });
}

export async function listDonors(db: Db, actor: Actor, f: { vetting?: string; type?: string; q?: string }) {
  authorize(donorPolicy, 'list', actor, { organisationId: '', actorOrgCode: null });
  const rows = await db.query<DonorRow>(
    `${SELECT} WHERE ($1::text IS NULL OR d.vetting_status = $1) AND ($2::text IS NULL OR d.donor_type = $2) AND ($3::text IS NULL OR o.search LIKE '%' || $3 || '%')
      ORDER BY d.vetting_status = 'pending' DESC, d.created_at DESC LIMIT 500`,
    [f.vetting ?? null, f.type ?? null, f.q ? fold(f.q) : null],
  );
  return rows.map(toDonor);
}

async function actorOrgCode(db: Db, actor: Actor): Promise<string | null> {
  if (!actor.organisationId) return null;
  return (await db.maybeOne<{ code: string | null }>('SELECT code FROM organisation WHERE id = $1', [actor.organisationId]))?.code ?? null;
}

export async function getDonor(db: Db, actor: Actor, id: string) {
  const r = await db.maybeOne<DonorRow>(`${SELECT} WHERE o.id = $1`, [id]);
  if (!r) throw notFound('Không tìm thấy nhà tài trợ');
  const code = await actorOrgCode(db, actor);
  authorize(donorPolicy, 'read', actor, { organisationId: id, actorOrgCode: code });
  return { ...toDonor(r), permissions: { edit: can(donorPolicy, 'edit', actor, { organisationId: id, actorOrgCode: code }), vet: can(donorPolicy, 'vet', actor, { organisationId: id, actorOrgCode: code }) } };
}

export async function vet(db: Db, actor: Actor, id: string, decision: 'approved' | 'rejected', reason: string | null) {
  const code = await actorOrgCode(db, actor);
  authorize(donorPolicy, 'vet', actor, { organisationId: id, actorOrgCode: code });
  if (decision === 'rejected' && !reason?.trim()) throw invalid('Cần nêu lý do từ chối', [{ path: 'reason', message: 'Bắt buộc khi từ chối' }]);
  return db.tx(async (t) => {
    const before = await t.maybeOne<DonorRow>(`${SELECT} WHERE o.id = $1`, [id]);
    if (!before) throw notFound('Không tìm thấy nhà tài trợ');
    await t.query('UPDATE donor_profile SET vetting_status = $2, vetting_reason = $3, vetted_by = $4, vetted_at = now() WHERE organisation_id = $1', [id, decision, cleanText(reason), actor.userId]);
    const after = toDonor((await t.one<DonorRow>(`${SELECT} WHERE o.id = $1`, [id])));
    await audit(t, actor, { entity: 'donor', entityId: id, action: `vet_${decision}`, before: toDonor(before), after });
    await notifyMany(t, [{ organisationId: id, kind: `donor_${decision}`, title: decision === 'approved' ? 'Hồ sơ nhà tài trợ đã được phê duyệt' : 'Hồ sơ nhà tài trợ chưa được phê duyệt', body: decision === 'approved' ? 'Đơn vị có thể cam kết tài trợ và ký kết văn bản.' : `Lý do: ${reason}`, link: `/nha-tai-tro/${id}` }]);
    return after;
  });
}

export async function editDonor(db: Db, actor: Actor, id: string, patch: { website?: string | null; description?: string | null; anonymousDefault?: boolean }) {
  authorize(donorPolicy, 'edit', actor, { organisationId: id, actorOrgCode: null });
  return db.tx(async (t) => {
    const before = await t.maybeOne<DonorRow>(`${SELECT} WHERE o.id = $1`, [id]);
    if (!before) throw notFound('Không tìm thấy nhà tài trợ');
    await t.query('UPDATE donor_profile SET website = COALESCE($2, website), description = COALESCE($3, description), anonymous_default = COALESCE($4, anonymous_default) WHERE organisation_id = $1', [id, patch.website ?? null, patch.description ?? null, patch.anonymousDefault ?? null]);
    const after = toDonor((await t.one<DonorRow>(`${SELECT} WHERE o.id = $1`, [id])));
    await audit(t, actor, { entity: 'donor', entityId: id, action: 'update', before: toDonor(before), after });
    return after;
  });
}
