import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { hashPassword } from '../../platform/auth.js';
import type { Lang } from '../../platform/i18n.js';
import { afterKey, page } from '../../platform/paging.js';
import { cleanText, fold } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import { normalizeTaxCode, type Donor, type DonorDetail, type DonorDocument, type DonorDocumentKind, type DonorPatch, type DonorRegistration, type DonorType, type VettingStatus } from '../../../../contracts/donors.js';
import { storeFile } from '../../platform/files.js';
import type { FormFile } from '../../platform/route.js';
import * as repo from './repository.js';
import * as organisations from '../organisations/service.js';
import * as accounts from '../accounts/service.js';
import { donorPolicy, listsDonors, VETTING_UNITS } from './policy.js';

const toDonor = (r: repo.DonorRow): Donor => ({
  id: r.id, name: r.name, shortName: r.short_name, provinceCode: r.province_code, donorType: r.donor_type as DonorType, taxCode: r.tax_code, country: r.country,
  website: r.website, description: r.description, contactRole: r.contact_role, references: r.reference_list ?? [], anonymousDefault: r.anonymous_default, vettingStatus: r.vetting_status as VettingStatus, vettingReason: r.vetting_reason,
  vettedAt: r.vetted_at && new Date(r.vetted_at).toISOString(), createdAt: new Date(r.created_at).toISOString(),
});

/** A tax code in its canonical form, or a Vietnamese 422 naming what a valid one looks like. */
function checkedTaxCode(input: string | null | undefined): string | null {
  const raw = cleanText(input ?? null);
  if (!raw) return null;
  const code = normalizeTaxCode(raw);
  if (!code) throw invalid('Mã số thuế không hợp lệ', [{ path: 'taxCode', message: 'Mã số thuế gồm 10 chữ số (hoặc 13 chữ số: 10 số và 3 số của đơn vị phụ thuộc), chữ số thứ 10 là số kiểm tra' }]);
  return code;
}

/** References as lines: trimmed, without empty or repeated lines. */
const cleanReferences = (refs: string[] | undefined) => [...new Set((refs ?? []).map((r) => cleanText(r)).filter((r): r is string => !!r))];

/**
 * Self-registration: the organisation, its donor profile (pending vetting) and its first account.
 * The answer is the same, and takes the same time, whether the e-mail already has an account or
 * not: the address is told by e-mail (welcome, or "you already have an account"). Two
 * registrations of one address at once make one account; neither fails.
 */
export async function register(db: Db, input: DonorRegistration, lang: Lang, publicUrl: string | undefined, send: accounts.SendMail, hashing: accounts.Hashing): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const taxCode = checkedTaxCode(input.taxCode);
  const passwordHash = await hashPassword(input.password, hashing.scryptN);
  // checks that do not depend on the e-mail come first, so their answers reveal nothing about it
  if (input.provinceCode && !(await repo.provinceExists(db, input.provinceCode))) throw invalid('Mã tỉnh không tồn tại', [{ path: 'provinceCode', message: 'Không có tỉnh này' }]);
  if (taxCode && await repo.taxCodeTaken(db, taxCode)) throw conflict('Mã số thuế đã được đăng ký', [{ path: 'taxCode', message: 'Đã có nhà tài trợ với mã số thuế này' }]);
  let created: boolean;
  try {
    created = await db.tx(async (t) => {
      // one registration of an address at a time; the second sees the first's account
      await repo.lockRegistration(t, email);
      if (await repo.emailTaken(t, email)) return false;
      if (taxCode && await repo.taxCodeTaken(t, taxCode)) throw conflict('Mã số thuế đã được đăng ký', [{ path: 'taxCode', message: 'Đã có nhà tài trợ với mã số thuế này' }]);
      const name = cleanText(input.organisationName)!;
      // the organisation and its first account are written by their own modules; the profile here
      const organisationId = await organisations.registerDonorOrganisation(t, { name, provinceCode: input.provinceCode ?? null });
      await repo.insertProfile(t, organisationId, {
        donorType: input.donorType, taxCode, contactRole: cleanText(input.contactRole ?? null), references: cleanReferences(input.references), country: input.country ?? 'VN', website: cleanText(input.website ?? null),
        description: cleanText(input.description ?? null), anonymousDefault: input.anonymousDefault ?? input.donorType === 'individual',
      });
      const userId = await accounts.createRegisteredAccount(t, { email, displayName: cleanText(input.displayName) ?? name, passwordHash, role: 'donor', organisationId });
      const donor = toDonor((await repo.byId(t, organisationId))!);
      await audit(t, { userId, role: 'donor', label: email, organisationId, organisationKind: 'donor', provinceCode: null, communeCode: null }, { entity: 'donor', entityId: organisationId, action: 'register', after: donor });
      const vetters = await repo.vettingUnits(t, VETTING_UNITS);
      await notifyMany(t, vetters.map((v) => ({ organisationId: v.id, kind: 'donor_pending' as const, params: { donorName: name }, link: `/nha-tai-tro/${organisationId}` })));
      return true;
    });
  } catch (e) {
    // the e-mail's unique index, should two registrations meet anyway: the address has its account
    if ((e as { code?: string }).code !== '23505' || !/email/.test(String((e as { constraint?: string; message?: string }).constraint ?? (e as Error).message))) throw e;
    created = false;
  }
  const locale = created ? lang : (await accounts.findLocale(db, email)) === 'en' ? 'en' : 'vi';
  send(email, accounts.registrationMail(!created, locale, publicUrl));
}

/** Donors, those awaiting vetting first, then newest first, a page at a time. */
export async function listDonors(db: Db, actor: Actor, f: repo.DonorFilter & { cursor?: string; limit: number }) {
  if (!listsDonors(actor)) throw actor.userId ? forbidden() : unauthorized();
  const filter = { vetting: f.vetting, type: f.type, q: f.q ? fold(f.q) : undefined };
  const after = afterKey(f.cursor, ['number', 'timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(rows, f, total, (r) => [r.vetting_status === 'pending' ? 0 : 1, r.sort_at, r.id], (items) => items.map(toDonor));
}

const actorOrgCode = (db: Db, actor: Actor) => (actor.organisationId ? repo.orgCode(db, actor.organisationId) : Promise.resolve(null));

export async function getDonor(db: Db, actor: Actor, id: string): Promise<DonorDetail> {
  const r = await repo.byId(db, id);
  if (!r) throw notFound('Không tìm thấy nhà tài trợ');
  const target = { organisationId: id, actorOrgCode: await actorOrgCode(db, actor) };
  authorize(donorPolicy, 'read', actor, target);
  const can = allowed(donorPolicy, actor, target, ['edit', 'vet']);
  // the papers are read by the donor itself and the vetting board, not by every reader of the profile
  const documents = mayReadDocuments(actor, target) ? (await repo.documents(db, id)).map(toDocument) : null;
  return { ...toDonor(r), documents, can };
}

const toDocument = (d: repo.DocumentRow): DonorDocument => ({ id: d.id, name: d.name, mime: d.mime, kind: d.kind as DonorDocumentKind, uploadedAt: new Date(d.created_at).toISOString() });

/** Who reads a donor's registration papers: the donor itself and whoever vets donors. */
export const mayReadDocuments = (actor: Actor, target: { organisationId: string; actorOrgCode: string | null }) =>
  (actor.role === 'donor' && actor.organisationId === target.organisationId) || donorPolicy.vet(actor, target);

/** The file reader for papers stored with owner kind `donor_profile` (the owner id is the donor). */
export async function mayReadDocument(db: Db, actor: Actor, organisationId: string): Promise<boolean> {
  if (!actor.userId) return false;
  return mayReadDocuments(actor, { organisationId, actorOrgCode: await actorOrgCode(db, actor) });
}

export const MAX_DOCUMENTS = 10;

/** The donor uploads its registration papers (PDF or images), at most 10 in all; nothing is kept if one is refused. */
export async function addDocuments(db: Db, actor: Actor, id: string, kind: DonorDocumentKind, files: FormFile[]): Promise<DonorDocument[]> {
  authorize(donorPolicy, 'edit', actor, { organisationId: id, actorOrgCode: null });
  if (!files.length) throw invalid('Cần chọn ít nhất một tệp', [{ path: 'files', message: 'Chưa có tệp nào' }]);
  return db.tx(async (t) => {
    await repo.lockProfile(t, id);
    if (!(await repo.byId(t, id))) throw notFound('Không tìm thấy nhà tài trợ');
    if ((await repo.documentCount(t, id)) + files.length > MAX_DOCUMENTS) throw invalid('Tối đa 10 giấy tờ', [{ path: 'files', message: 'Mỗi nhà tài trợ có tối đa 10 giấy tờ' }]);
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'donor_profile', id }, imagesOrPdf: true, variants: false });
      await repo.addDocument(t, id, sf.id, kind);
    }
    const docs = (await repo.documents(t, id)).map(toDocument);
    await audit(t, actor, { entity: 'donor', entityId: id, action: 'add_documents', after: { kind, files: files.map((f) => f.filename) } });
    return docs;
  });
}

export async function vet(db: Db, actor: Actor, id: string, decision: 'approved' | 'rejected', reason: string | null) {
  authorize(donorPolicy, 'vet', actor, { organisationId: id, actorOrgCode: await actorOrgCode(db, actor) });
  if (decision === 'rejected' && !reason?.trim()) throw invalid('Cần nêu lý do từ chối', [{ path: 'reason', message: 'Bắt buộc khi từ chối' }]);
  return db.tx(async (t) => {
    // decisions on one donor run one after the other; the same decision twice is refused
    await repo.lockProfile(t, id);
    const before = await repo.byId(t, id);
    if (!before) throw notFound('Không tìm thấy nhà tài trợ');
    if (before.vetting_status === decision) throw conflict('Nhà tài trợ đã ở trạng thái này');
    await repo.setVetting(t, id, decision, cleanText(reason), actor.userId);
    const after = toDonor((await repo.byId(t, id))!);
    await audit(t, actor, { entity: 'donor', entityId: id, action: `vet_${decision}`, before: toDonor(before), after });
    const link = `/nha-tai-tro/${id}`;
    await notifyMany(t, [decision === 'approved' ? { organisationId: id, kind: 'donor_approved', params: {}, link } : { organisationId: id, kind: 'donor_rejected', params: { reason: cleanText(reason)! }, link }]);
    return after;
  });
}

export async function editDonor(db: Db, actor: Actor, id: string, patch: DonorPatch) {
  authorize(donorPolicy, 'edit', actor, { organisationId: id, actorOrgCode: null });
  return db.tx(async (t) => {
    const before = await repo.byId(t, id);
    if (!before) throw notFound('Không tìm thấy nhà tài trợ');
    await repo.updateProfile(t, id, {
      website: patch.website ?? null, description: patch.description ?? null, anonymousDefault: patch.anonymousDefault ?? null,
      contactRole: patch.contactRole === undefined ? null : (cleanText(patch.contactRole) ?? ''), references: patch.references === undefined ? null : cleanReferences(patch.references),
    });
    const after = toDonor((await repo.byId(t, id))!);
    await audit(t, actor, { entity: 'donor', entityId: id, action: 'update', before: toDonor(before), after });
    return after;
  });
}
