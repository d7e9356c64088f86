import type { Db } from '../../platform/db.js';
import { type Actor, SYSTEM } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { afterKey, page } from '../../platform/paging.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import type { FormFile } from '../../platform/route.js';
import { cleanText } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import { refuseRecipientNames } from '../plan29/service.js';
import { beneficiaryPolicy } from '../plan29/policy.js';
import type { Contribution, ContributionAction, ContributionDetail, ContributionFilter, ContributionForm, ContributionStatus, PledgeInput } from '../../../../contracts/ledger.js';
import type { NeedCategory } from '../../../../contracts/needs.js';
import { needStatus, remainder } from '../needs/domain.js';
import * as repo from './repository.js';
import { contributionPolicy, ledgerScope, pledgeRules } from './policy.js';
import { CONTRIBUTION_STATUS_LABELS, checkPledge, contributionTransition } from './domain.js';

/**
 * The contributions ledger: one row per gift, from a donor, a twin school or a campaign. A
 * pledge against a need sets against its remainder; the row then moves pledged → delivered →
 * received (the school confirms with evidence) → accepted, or is cancelled with a reason.
 */

export function toContribution(r: repo.ContributionRow, events: repo.EventRow[] = [], files: repo.FileRow[] = []): Contribution {
  const status = r.status as ContributionStatus;
  return {
    id: r.id, contributorId: r.contributor_id, contributorName: r.contributor_name, anonymous: r.anonymous, schoolId: r.school_id, schoolName: r.school_name,
    provinceCode: r.province_code, provinceName: r.province_name, recipientGroup: r.recipient_group, beneficiaryId: r.beneficiary_id, form: r.form as ContributionForm,
    category: r.category as NeedCategory, description: r.description, valueVnd: Number(r.value_vnd), quantity: r.quantity === null ? null : Number(r.quantity), unit: r.unit,
    needId: r.need_id, needTitle: r.need_title, agreementId: r.agreement_id, planTaskId: r.plan_task_id, status,
    statusLabel: CONTRIBUTION_STATUS_LABELS[status], cancelReason: r.cancel_reason, pledgedOn: r.pledged_on,
    deliveredAt: r.delivered_at && new Date(r.delivered_at).toISOString(), receivedAt: r.received_at && new Date(r.received_at).toISOString(),
    acceptedAt: r.accepted_at && new Date(r.accepted_at).toISOString(),
    history: events.filter((e) => e.contribution_id === r.id).map((e) => ({ status: e.status as ContributionStatus, note: e.note, at: new Date(e.at).toISOString(), by: e.actor_org })),
    evidence: files.filter((f) => f.contribution_id === r.id).map((f) => ({ id: f.id, name: f.name, mime: f.mime })),
  };
}

async function giverOf(db: Db, orgId: string): Promise<{ kind: string; vetting: string | null; name: string }> {
  const r = await repo.giver(db, orgId);
  if (!r) throw invalid('Không tìm thấy bên đóng góp', [{ path: 'contributorId', message: 'Tổ chức không tồn tại' }]);
  return { kind: r.kind, vetting: r.vetting_status, name: r.name };
}

/** The giver of a new row: the donor itself, or the organisation the actor names (policy: pledgeRules). */
async function giverFor(t: Db, actor: Actor, input: PledgeInput): Promise<string> {
  if (pledgeRules.inOwnName(actor)) {
    const d = await giverOf(t, actor.organisationId!);
    if (!pledgeRules.donorMayPledge(d.vetting)) throw forbidden('Nhà tài trợ cần được Ban Quản lý các dự án thẩm định trước khi cam kết');
    return actor.organisationId!;
  }
  if (!pledgeRules.namesGiver(actor)) throw actor.userId ? forbidden() : unauthorized();
  if (!input.contributorId) throw invalid('Cần chọn bên đóng góp', [{ path: 'contributorId', message: 'Bắt buộc khi ghi nhận thay nhà tài trợ' }]);
  const d = await giverOf(t, input.contributorId);
  if (!pledgeRules.givesAs(actor, input.contributorId)) throw forbidden('Trường chỉ ghi nhận đóng góp của chính trường');
  if (d.kind === 'donor' && !pledgeRules.donorMayPledge(d.vetting)) throw invalid('Nhà tài trợ chưa được thẩm định', [{ path: 'contributorId', message: 'Chỉ ghi nhận đóng góp của nhà tài trợ đã được phê duyệt' }]);
  return input.contributorId;
}

/**
 * Whether the actor may pledge in its own name now: a donor whose vetting is not approved may not
 * (its vetting is returned, so a page says so before any form is filled).
 */
export async function pledgeStanding(db: Db, actor: Actor): Promise<{ mayPledge: boolean; vetting: 'pending' | 'approved' | 'rejected' | null }> {
  if (!pledgeRules.inOwnName(actor) || !actor.organisationId) return { mayPledge: false, vetting: null };
  const vetting = ((await repo.giver(db, actor.organisationId))?.vetting_status ?? 'pending') as 'pending' | 'approved' | 'rejected';
  return { mayPledge: pledgeRules.donorMayPledge(vetting), vetting };
}

/** Record a pledge. Donors pledge in their own name once approved; the Ministry and Departments record for a donor. */
export async function pledge(db: Db, actor: Actor, clock: Clock, input: PledgeInput): Promise<Contribution> {
  return db.tx(async (t) => {
    const contributorId = await giverFor(t, actor, input);
    let schoolId = input.schoolId ?? null;
    let category = input.category ?? null;
    let need: repo.NeedForPledge | undefined;
    if (input.needId) {
      need = await repo.needForPledge(t, input.needId);
      if (!need) throw invalid('Không tìm thấy nhu cầu', [{ path: 'needId', message: 'Nhu cầu không tồn tại' }]);
      const sums = repo.sumsOf(need);
      const err = checkPledge(needStatus(need.state, sums), remainder(sums), { quantity: input.quantity ?? null, valueVnd: input.valueVnd });
      if (err) throw conflict(err.message, [{ path: err.path, message: err.message }]);
      schoolId = need.school_id;
      category = category ?? (need.category as NeedCategory);
    }
    if (!schoolId) throw invalid('Cần chọn trường nhận', [{ path: 'schoolId', message: 'Bắt buộc' }]);
    if (!category) throw invalid('Cần chọn hạng mục', [{ path: 'category', message: 'Bắt buộc' }]);
    const school = await repo.school(t, schoolId);
    if (!school) throw invalid('Không tìm thấy trường nhận', [{ path: 'schoolId', message: 'Trường không tồn tại' }]);
    if (!pledgeRules.forSchoolIn(actor, school.province_code)) throw forbidden('Sở chỉ ghi nhận đóng góp cho trường trong tỉnh');
    if (input.beneficiaryId) {
      const b = await repo.beneficiarySchool(t, input.beneficiaryId);
      if (!b || b.school_id !== schoolId) throw invalid('Người nhận không thuộc trường này', [{ path: 'beneficiaryId', message: 'Không hợp lệ' }]);
    }
    await refuseRecipientNames(t, [schoolId], [{ path: 'description', text: input.description }, { path: 'recipientGroup', text: input.recipientGroup }]);
    if (input.planTaskId && !(await repo.planTaskExists(t, input.planTaskId))) {
      throw invalid('Không tìm thấy nhiệm vụ của kế hoạch', [{ path: 'planTaskId', message: 'Không hợp lệ' }]);
    }
    if (input.agreementId) {
      const a = await repo.agreementDonor(t, input.agreementId);
      if (!a || a.donor_id !== contributorId) throw invalid('Văn bản ký kết không thuộc bên đóng góp này', [{ path: 'agreementId', message: 'Không hợp lệ' }]);
    }
    if (input.quantity != null && !need && !input.unit) throw invalid('Cần đơn vị tính cho số lượng', [{ path: 'unit', message: 'Bắt buộc khi có số lượng' }]);
    const today = vnDate(clock.now());
    const pledgedOn = input.pledgedOn ?? today;
    if (input.pledgedOn && !pledgeRules.recordsPast(actor)) throw forbidden('Chỉ Bộ, Sở ghi nhận khoản đóng góp đã trao trước đây');
    if (pledgedOn > today || pledgedOn < '2000-01-01') throw invalid('Ngày không hợp lệ', [{ path: 'pledgedOn', message: 'Ngày trao không được sau hôm nay' }]);
    const id = await repo.insertPledge(t, {
      contributorId, anonymous: input.anonymous ?? (await repo.anonymousByDefault(t, contributorId)), schoolId, provinceCode: school.province_code, recipientGroup: cleanText(input.recipientGroup ?? null),
      beneficiaryId: input.beneficiaryId ?? null, form: input.form, category, description: cleanText(input.description), valueVnd: input.valueVnd,
      quantity: input.quantity ?? null, unit: need ? need.unit : cleanText(input.unit ?? null), needId: input.needId ?? null, agreementId: input.agreementId ?? null,
      planTaskId: input.planTaskId ?? null, pledgedOn, createdBy: actor.userId,
    });
    await repo.insertEvent(t, { contributionId: id, status: 'pledged', note: null, actorId: actor.userId, actorOrgId: actor.organisationId });
    const after = toContribution((await repo.contributionById(t, id))!);
    await audit(t, actor, { entity: 'contribution', entityId: id, action: 'pledge', after });
    await notifyMany(t, [{ organisationId: schoolId, kind: 'pledge_received', params: { description: after.description, donorName: after.anonymous ? null : after.contributorName, quantity: after.quantity, unit: after.unit, valueVnd: after.valueVnd, needTitle: need?.title ?? null }, link: need ? `/nhu-cau/${need.id}` : null }]);
    return after;
  });
}

const RECIPIENT_KIND: Record<string, string> = { pupil: 'học sinh', teacher: 'giáo viên', manager: 'cán bộ quản lý' };

/** What a gift to a person is called outside its school and Department (its typed description may name the person). */
const neutralDescription = (r: repo.ContributionRow): string | null => (r.beneficiary_kind ? `Quà tặng ${RECIPIENT_KIND[r.beneficiary_kind] ?? 'người nhận'}` : null);

/**
 * A row as this reader sees it: a gift to a person keeps its description and notes only for the
 * school and its Department (who know the recipients); the donor and the Ministry read a neutral one.
 */
function forViewer<C extends Contribution>(actor: Actor, r: repo.ContributionRow, c: C): C {
  const neutral = neutralDescription(r);
  if (!neutral || can(beneficiaryPolicy, 'read', actor, { schoolId: r.school_id, provinceCode: r.province_code })) return c;
  return { ...c, description: neutral, recipientGroup: null, history: c.history.map((h) => ({ ...h, note: null })) };
}

async function load(db: Db, id: string) {
  const r = await repo.contributionById(db, id);
  if (!r) throw notFound('Không tìm thấy khoản đóng góp');
  return r;
}
const target = (r: repo.ContributionRow) => ({ schoolId: r.school_id, provinceCode: r.province_code, contributorId: r.contributor_id });

export async function getContribution(db: Db, actor: Actor, id: string): Promise<ContributionDetail> {
  const r = await load(db, id);
  authorize(contributionPolicy, 'read', actor, target(r));
  const [events, files] = await Promise.all([repo.contributionEvents(db, [id]), repo.contributionFiles(db, [id])]);
  return { ...forViewer(actor, r, toContribution(r, events, files)), can: allowed(contributionPolicy, actor, target(r), ['deliver', 'confirm', 'accept', 'cancel']) };
}

/**
 * Store the evidence files of an event under neutral names. Evidence of receipt is public (the
 * portal shows it), except for a gift to a person or through twinning: those photos may show
 * pupils and stay with the parties, the school's Department and the Ministry.
 */
async function addEvidence(t: Db, actor: Actor, r: repo.ContributionRow, eventId: number, files: FormFile[]) {
  const showsPupils = r.beneficiary_id !== null || r.twinning_activity_id !== null;
  for (const f of files) {
    const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'contribution', id: r.id }, public: !showsPupils, neutralName: 'bien-nhan', imagesOrPdf: true });
    await repo.addFile(t, r.id, sf.id, eventId);
  }
}

/**
 * Evidence of a receipt recorded before the platform (an import of past records, the demo):
 * stored like a school's upload, under the ledger's naming and visibility rules, on the event
 * that recorded the receipt. `userId`: the account that handed the file in, if known.
 */
export async function attachPastEvidence(t: Db, userId: string | null, contributionId: string, file: FormFile): Promise<void> {
  const r = await repo.contributionById(t, contributionId);
  if (!r) throw notFound('Không tìm thấy khoản đóng góp');
  const ev = await repo.eventOf(t, contributionId, 'received');
  if (!ev) throw conflict('Khoản đóng góp chưa được xác nhận đã nhận');
  await addEvidence(t, { ...SYSTEM, userId }, r, ev.id, [file]);
}

/**
 * Who downloads a contribution's evidence: everyone when the file is public and the row is on the
 * portal (not cancelled); otherwise those who may read the row.
 */
export async function mayReadContributionFile(db: Db, actor: Actor, id: string, file: { public: boolean }): Promise<boolean> {
  const r = await repo.contributionById(db, id);
  if (!r) return false;
  if (file.public && r.status !== 'cancelled' && r.beneficiary_id === null && r.twinning_activity_id === null) return true;
  return can(contributionPolicy, 'read', actor, target(r));
}

export async function transitionContribution(db: Db, actor: Actor, id: string, action: ContributionAction, opts: { note?: string | null; reason?: string | null; files?: FormFile[] }): Promise<Contribution> {
  await checkUploads(opts.files ?? [], { imagesOrPdf: true });
  return db.tx(async (t) => {
    const r = await repo.contributionForUpdate(t, id);
    if (!r) throw notFound('Không tìm thấy khoản đóng góp');
    authorize(contributionPolicy, action, actor, target(r));
    await refuseRecipientNames(t, [r.school_id], [{ path: 'note', text: opts.note }, { path: 'reason', text: opts.reason }]);
    const files = opts.files ?? [];
    const next = contributionTransition(r.status as ContributionStatus, action, { reason: opts.reason, evidenceCount: files.length });
    if ('error' in next) throw conflict(next.error);
    const before = toContribution(r);
    await repo.setStatus(t, id, next.to, action === 'cancel' ? cleanText(opts.reason ?? null) : undefined);
    const ev = await repo.insertEvent(t, { contributionId: id, status: next.to, note: cleanText(opts.note ?? opts.reason ?? null), actorId: actor.userId, actorOrgId: actor.organisationId });
    await addEvidence(t, actor, r, ev, files);
    const after = toContribution((await repo.contributionById(t, id))!);
    await audit(t, actor, { entity: 'contribution', entityId: id, action, before, after });
    const toDonor = neutralDescription(r) ?? r.description;
    if (action === 'deliver') {
      await notifyMany(t, [{ organisationId: r.school_id, kind: 'delivery_marked', params: { description: r.description, donorName: r.anonymous ? null : r.contributor_name }, link: `/dong-gop/${id}` }]);
    }
    if (action === 'confirm') {
      // the donor, and the Department that accepts the evidence next
      const dept = await repo.departmentOf(t, r.province_code);
      await notifyMany(t, [
        { organisationId: r.contributor_id, kind: 'delivery_confirmed', params: { description: toDonor, schoolName: r.school_name }, link: `/dong-gop/${id}` },
        ...(dept && dept.id !== r.contributor_id ? [{ organisationId: dept.id, kind: 'delivery_confirmed' as const, params: { description: r.description, schoolName: r.school_name }, link: `/dong-gop/${id}` }] : []),
      ]);
    }
    if (action === 'accept') {
      await notifyMany(t, [
        { organisationId: r.contributor_id, kind: 'evidence_accepted', params: { description: toDonor, schoolName: r.school_name, to: 'donor' }, link: `/dong-gop/${id}` },
        { organisationId: r.school_id, kind: 'evidence_accepted', params: { description: r.description, schoolName: r.school_name, to: 'school' }, link: `/dong-gop/${id}` },
      ]);
    }
    return after;
  });
}

/** The ledger within the actor's scope (its school, its province, its own gifts, or all for the Ministry), newest first, a page at a time. */
export async function listContributions(db: Db, actor: Actor, f: ContributionFilter & { cursor?: string; limit: number }) {
  const scope = ledgerScope(actor);
  if (!scope) throw unauthorized();
  const { cursor, limit, ...filter } = f;
  const after = afterKey(cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, scope, after, limit + 1), repo.count(db, filter, scope)]);
  const ids = rows.slice(0, limit).map((r) => r.id);
  const files = ids.length ? await repo.contributionFiles(db, ids) : [];
  return page(rows, f, total, (r) => [r.sort_at, r.id], (items) => items.map((r) => forViewer(actor, r, toContribution(r, [], files))));
}

// ---------- gifts recorded by other modules (twinning) ----------

/** A gift handed over through another programme (a twinning activity): written as "delivered". */
export interface GiftInput {
  contributorId: string;
  schoolId: string;
  provinceCode: string;
  form: 'money' | 'in_kind';
  category: string;
  description: string;
  valueVnd: number;
  quantity: number | null;
  unit: string | null;
  givenOn: string;
  twinningActivityId: string;
  note: string;
}

/**
 * Record a gift handed over in another programme, inside the caller's transaction: the row and
 * its "delivered" event, audited like every ledger write. The caller has already checked that
 * the actor may act for the giver.
 */
export async function recordGift(t: Db, actor: Actor, g: GiftInput) {
  const id = await repo.insertGift(t, {
    contributorId: g.contributorId, schoolId: g.schoolId, provinceCode: g.provinceCode, form: g.form, category: g.category, description: cleanText(g.description),
    valueVnd: g.valueVnd, quantity: g.quantity, unit: g.quantity ? cleanText(g.unit ?? 'đơn vị') : null, givenOn: g.givenOn, createdBy: actor.userId, twinningActivityId: g.twinningActivityId,
  });
  await repo.insertEvent(t, { contributionId: id, status: 'delivered', note: g.note, actorId: actor.userId, actorOrgId: actor.organisationId });
  const after = toContribution((await repo.contributionById(t, id))!);
  await audit(t, actor, { entity: 'contribution', entityId: id, action: 'deliver', after });
  return after;
}

/**
 * The receiving school confirms the gifts of a twinning activity, inside the caller's transaction,
 * under the ledger's own rule: a receipt needs evidence (a photo or a handover record), and each
 * row changes with its event, files and audit. Returns how many rows were confirmed.
 */
export async function confirmGiftsOfActivity(t: Db, actor: Actor, twinningActivityId: string, note: string | null, files: FormFile[]): Promise<number> {
  const rows = await repo.giftsOfActivityForUpdate(t, twinningActivityId);
  for (const r of rows) {
    const next = contributionTransition(r.status as ContributionStatus, 'confirm', { evidenceCount: files.length });
    if ('error' in next) throw invalid(next.error, [{ path: 'files', message: next.error }]);
    const before = toContribution(r);
    await repo.setStatus(t, r.id, next.to);
    const ev = await repo.insertEvent(t, { contributionId: r.id, status: next.to, note: cleanText(note) ?? 'Trường kết nghĩa xác nhận đã nhận', actorId: actor.userId, actorOrgId: actor.organisationId });
    await addEvidence(t, actor, r, ev, files);
    await audit(t, actor, { entity: 'contribution', entityId: r.id, action: 'confirm', before, after: toContribution((await repo.contributionById(t, r.id))!) });
  }
  return rows.length;
}

/** Re-place the contributions of schools that moved, inside the schools module's transaction. */
export async function followSchools(t: Db, schoolIds: string[]): Promise<void> {
  if (schoolIds.length) await repo.followSchools(t, schoolIds);
}
