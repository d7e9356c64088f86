import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { storeFile } from '../../platform/files.js';
import { cleanText } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import * as repo from './repository.js';
import { contributionPolicy } from './policy.js';
import { checkPledge, contributionTransition, needStatus, remainder, CONTRIBUTION_STATUS_LABELS, type ContributionAction, type ContributionStatus } from './domain.js';

/**
 * The contributions ledger: one row per gift, from a donor, a twin school or a campaign. A
 * pledge against a need sets against its remainder; the row then moves pledged → delivered →
 * received (the school confirms with evidence) → accepted, or is cancelled with a reason.
 */

export function toContribution(r: repo.ContributionRow, events: Awaited<ReturnType<typeof repo.contributionEvents>> = [], files: Awaited<ReturnType<typeof repo.contributionFiles>> = []) {
  return {
    id: r.id, contributorId: r.contributor_id, contributorName: r.contributor_name, anonymous: r.anonymous, schoolId: r.school_id, schoolName: r.school_name,
    provinceCode: r.province_code, provinceName: r.province_name, recipientGroup: r.recipient_group, beneficiaryId: r.beneficiary_id, form: r.form,
    category: r.category, description: r.description, valueVnd: Number(r.value_vnd), quantity: r.quantity === null ? null : Number(r.quantity), unit: r.unit,
    needId: r.need_id, needTitle: r.need_title, agreementId: r.agreement_id, planTaskId: r.plan_task_id, status: r.status as ContributionStatus,
    statusLabel: CONTRIBUTION_STATUS_LABELS[r.status as ContributionStatus], cancelReason: r.cancel_reason, pledgedOn: r.pledged_on,
    deliveredAt: r.delivered_at && new Date(r.delivered_at).toISOString(), receivedAt: r.received_at && new Date(r.received_at).toISOString(),
    acceptedAt: r.accepted_at && new Date(r.accepted_at).toISOString(),
    history: events.filter((e) => e.contribution_id === r.id).map((e) => ({ status: e.status, note: e.note, at: new Date(e.at).toISOString(), by: e.actor_org })),
    evidence: files.filter((f) => f.contribution_id === r.id).map((f) => ({ id: f.id, name: f.name, mime: f.mime })),
  };
}
export type Contribution = ReturnType<typeof toContribution>;

export interface PledgeInput {
  needId?: string | null; schoolId?: string | null; contributorId?: string | null; anonymous?: boolean; form: 'money' | 'in_kind' | 'non_material';
  category?: string | null; description: string; valueVnd: number; quantity?: number | null; unit?: string | null; agreementId?: string | null;
  planTaskId?: string | null; recipientGroup?: string | null; beneficiaryId?: string | null; twinningPairId?: string | null;
  /** the date it was given, for records of past gifts (Ministry, Departments, administrators); donors pledge today */
  pledgedOn?: string | null;
}

async function donorStatus(db: Db, orgId: string): Promise<{ kind: string; vetting: string | null; name: string }> {
  const r = await db.maybeOne<{ kind: string; vetting_status: string | null; name: string }>(
    'SELECT o.kind, d.vetting_status, o.name FROM organisation o LEFT JOIN donor_profile d ON d.organisation_id = o.id WHERE o.id = $1', [orgId]);
  if (!r) throw invalid('Không tìm thấy bên đóng góp', [{ path: 'contributorId', message: 'Tổ chức không tồn tại' }]);
  return { kind: r.kind, vetting: r.vetting_status, name: r.name };
}

/** Record a pledge. Donors pledge in their own name once approved; the Ministry and Departments record for a donor. */
export async function pledge(db: Db, actor: Actor, clock: Clock, input: PledgeInput) {
  const created = await db.tx(async (t) => {
    let contributorId: string;
    if (actor.role === 'donor') {
      contributorId = actor.organisationId!;
      const d = await donorStatus(t, contributorId);
      if (d.vetting !== 'approved') throw forbidden('Nhà tài trợ cần được Ban Quản lý các dự án thẩm định trước khi cam kết');
    } else if (['admin', 'ministry', 'department', 'school'].includes(actor.role)) {
      if (!input.contributorId) throw invalid('Cần chọn bên đóng góp', [{ path: 'contributorId', message: 'Bắt buộc khi ghi nhận thay nhà tài trợ' }]);
      contributorId = input.contributorId;
      const d = await donorStatus(t, contributorId);
      // a school gives only in its own name (twinning); others record for an approved donor or a school
      if (actor.role === 'school' && contributorId !== actor.organisationId) throw forbidden('Trường chỉ ghi nhận đóng góp của chính trường');
      if (d.kind === 'donor' && d.vetting !== 'approved') throw invalid('Nhà tài trợ chưa được thẩm định', [{ path: 'contributorId', message: 'Chỉ ghi nhận đóng góp của nhà tài trợ đã được phê duyệt' }]);
    } else throw actor.userId ? forbidden() : unauthorized();

    let schoolId = input.schoolId ?? null;
    let category = input.category ?? null;
    let need: repo.NeedRow | undefined;
    if (input.needId) {
      need = await t.maybeOne<repo.NeedRow>(`${repo.NEED_SELECT} WHERE n.id = $1 FOR UPDATE OF n`, [input.needId]);
      if (!need) throw invalid('Không tìm thấy nhu cầu', [{ path: 'needId', message: 'Nhu cầu không tồn tại' }]);
      const sums = repo.sumsOf(need);
      const status = needStatus(need.state, Number(need.quantity), sums);
      const open = remainder(Number(need.quantity), Number(need.estimated_cost), sums);
      const err = checkPledge(status, open.quantity, input.quantity ?? null);
      if (err) throw conflict(err, [{ path: 'quantity', message: err }]);
      schoolId = need.school_id;
      category = category ?? need.category;
    }
    if (!schoolId) throw invalid('Cần chọn trường nhận', [{ path: 'schoolId', message: 'Bắt buộc' }]);
    if (!category) throw invalid('Cần chọn hạng mục', [{ path: 'category', message: 'Bắt buộc' }]);
    const school = await t.maybeOne<{ province_code: string; name: string }>('SELECT province_code, name FROM school WHERE organisation_id = $1', [schoolId]);
    if (!school) throw invalid('Không tìm thấy trường nhận', [{ path: 'schoolId', message: 'Trường không tồn tại' }]);
    if (actor.role === 'department' && school.province_code !== actor.provinceCode && actor.role === 'department') throw forbidden('Sở chỉ ghi nhận đóng góp cho trường trong tỉnh');
    if (input.beneficiaryId) {
      const b = await t.maybeOne<{ school_id: string }>('SELECT school_id FROM beneficiary WHERE id = $1', [input.beneficiaryId]);
      if (!b || b.school_id !== schoolId) throw invalid('Người nhận không thuộc trường này', [{ path: 'beneficiaryId', message: 'Không hợp lệ' }]);
    }
    if (input.agreementId) {
      const a = await t.maybeOne<{ donor_id: string }>('SELECT donor_id FROM agreement WHERE id = $1 AND NOT cancelled', [input.agreementId]);
      if (!a || a.donor_id !== contributorId) throw invalid('Văn bản ký kết không thuộc bên đóng góp này', [{ path: 'agreementId', message: 'Không hợp lệ' }]);
    }
    if (input.quantity != null && !need && !input.unit) throw invalid('Cần đơn vị tính cho số lượng', [{ path: 'unit', message: 'Bắt buộc khi có số lượng' }]);
    const today = vnDate(clock.now());
    const pledgedOn = input.pledgedOn ?? today;
    if (input.pledgedOn && !['admin', 'ministry', 'department'].includes(actor.role)) throw forbidden('Chỉ Bộ, Sở ghi nhận khoản đóng góp đã trao trước đây');
    if (pledgedOn > today || pledgedOn < '2000-01-01') throw invalid('Ngày không hợp lệ', [{ path: 'pledgedOn', message: 'Ngày trao không được sau hôm nay' }]);
    const r = await t.one<{ id: string }>(
      `INSERT INTO contribution (contributor_id, anonymous, school_id, province_code, recipient_group, beneficiary_id, form, category, description, value_vnd,
         quantity, unit, need_id, agreement_id, plan_task_id, pledged_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [contributorId, input.anonymous ?? false, schoolId, school.province_code, cleanText(input.recipientGroup ?? null), input.beneficiaryId ?? null, input.form, category,
        cleanText(input.description), input.valueVnd, input.quantity ?? null, need ? need.unit : cleanText(input.unit ?? null), input.needId ?? null, input.agreementId ?? null,
        input.planTaskId ?? null, pledgedOn, actor.userId],
    );
    await t.query(`INSERT INTO contribution_event (contribution_id, status, actor_id, actor_org_id) VALUES ($1, 'pledged', $2, $3)`, [r.id, actor.userId, actor.organisationId]);
    const after = toContribution((await repo.contributionById(t, r.id))!);
    await audit(t, actor, { entity: 'contribution', entityId: r.id, action: 'pledge', after });
    await notifyMany(t, [{ organisationId: schoolId, kind: 'pledge_received', title: `Có cam kết tài trợ mới: ${after.description}`, body: `${after.anonymous ? 'Một nhà hảo tâm (ẩn danh)' : after.contributorName} cam kết ${after.quantity ? `${after.quantity} ${after.unit ?? ''} ` : ''}trị giá ${after.valueVnd.toLocaleString('vi-VN')} đồng${need ? ` cho nhu cầu "${need.title}"` : ''}.`, link: need ? `/nhu-cau/${need.id}` : null }]);
    return after;
  });
  return created;
}

async function load(db: Db, id: string) {
  const r = await repo.contributionById(db, id);
  if (!r) throw notFound('Không tìm thấy khoản đóng góp');
  return r;
}
const target = (r: repo.ContributionRow) => ({ schoolId: r.school_id, provinceCode: r.province_code, contributorId: r.contributor_id });

export async function getContribution(db: Db, actor: Actor, id: string) {
  const r = await load(db, id);
  authorize(contributionPolicy, 'read', actor, target(r));
  const [events, files] = await Promise.all([repo.contributionEvents(db, [id]), repo.contributionFiles(db, [id])]);
  const permissions = Object.fromEntries((['deliver', 'confirm', 'accept', 'cancel'] as const).map((a) => [a, can(contributionPolicy, a, actor, target(r))]));
  return { ...toContribution(r, events, files), permissions };
}

const STAMP: Partial<Record<ContributionAction, string>> = { deliver: 'delivered_at', confirm: 'received_at', accept: 'accepted_at' };

export async function transitionContribution(db: Db, actor: Actor, id: string, action: ContributionAction, opts: { note?: string | null; reason?: string | null; files?: { filename: string; data: Buffer }[] }) {
  return db.tx(async (t) => {
    const r = await t.maybeOne<repo.ContributionRow>(`${repo.CONTRIBUTION_SELECT} WHERE k.id = $1 FOR UPDATE OF k`, [id]);
    if (!r) throw notFound('Không tìm thấy khoản đóng góp');
    authorize(contributionPolicy, action, actor, target(r));
    const files = opts.files ?? [];
    const next = contributionTransition(r.status as ContributionStatus, action, { reason: opts.reason, evidenceCount: files.length });
    if ('error' in next) throw conflict(next.error);
    const before = toContribution(r);
    const sets = ['status = $2', 'updated_at = now()'];
    if (STAMP[action]) sets.push(`${STAMP[action]} = now()`);
    const params: unknown[] = [id, next.to];
    if (action === 'cancel') { params.push(cleanText(opts.reason ?? null)); sets.push(`cancel_reason = $${params.length}`); }
    await t.query(`UPDATE contribution SET ${sets.join(', ')} WHERE id = $1`, params);
    const ev = await t.one<{ id: number }>('INSERT INTO contribution_event (contribution_id, status, note, actor_id, actor_org_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [id, next.to, cleanText(opts.note ?? opts.reason ?? null), actor.userId, actor.organisationId]);
    for (const f of files) {
      // evidence of receipt is public (the portal shows it); images are checked for children's names by the school before upload
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { public: true, imagesOrPdf: true });
      await t.query('INSERT INTO contribution_file (contribution_id, file_id, event_id) VALUES ($1, $2, $3)', [id, sf.id, ev.id]);
    }
    const after = toContribution((await repo.contributionById(t, id))!);
    await audit(t, actor, { entity: 'contribution', entityId: id, action, before, after });
    if (action === 'confirm') {
      await notifyMany(t, [{ organisationId: r.contributor_id, kind: 'delivery_confirmed', title: `Trường đã xác nhận nhận: ${r.description}`, body: `${r.school_name} đã xác nhận nhận khoản đóng góp "${r.description}" kèm minh chứng.`, link: `/dong-gop/${id}` }]);
    }
    if (action === 'accept') {
      await notifyMany(t, [
        { organisationId: r.contributor_id, kind: 'evidence_accepted', title: `Đã nghiệm thu: ${r.description}`, body: `Khoản đóng góp "${r.description}" cho ${r.school_name} đã được nghiệm thu.`, link: `/dong-gop/${id}` },
        { organisationId: r.school_id, kind: 'evidence_accepted', title: `Đã nghiệm thu: ${r.description}`, body: `Sở đã nghiệm thu khoản đóng góp "${r.description}".`, link: `/dong-gop/${id}` },
      ]);
    }
    return after;
  });
}

export interface LedgerFilter { needId?: string; schoolId?: string; contributorId?: string; agreementId?: string; status?: string; provinceCode?: string }

/** Internal list: what the actor's scope covers (its school, its province, its own gifts, or all for the Ministry). */
export async function listContributions(db: Db, actor: Actor, f: LedgerFilter, limit = 500) {
  if (!actor.userId) throw unauthorized();
  const w: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.needId) w.push(`k.need_id = ${p(f.needId)}::uuid`);
  if (f.schoolId) w.push(`k.school_id = ${p(f.schoolId)}::uuid`);
  if (f.contributorId) w.push(`k.contributor_id = ${p(f.contributorId)}::uuid`);
  if (f.agreementId) w.push(`k.agreement_id = ${p(f.agreementId)}::uuid`);
  if (f.status) w.push(`k.status = ${p(f.status)}`);
  if (f.provinceCode) w.push(`k.province_code = ${p(f.provinceCode)}`);
  if (actor.role === 'department') w.push(`k.province_code = ${p(actor.provinceCode)}`);
  if (actor.role === 'school') w.push(`(k.school_id = ${p(actor.organisationId)}::uuid OR k.contributor_id = $${params.length}::uuid)`);
  if (actor.role === 'donor') w.push(`k.contributor_id = ${p(actor.organisationId)}::uuid`);
  params.push(limit);
  const rows = await db.query<repo.ContributionRow>(`${repo.CONTRIBUTION_SELECT} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY k.created_at DESC LIMIT $${params.length}`, params);
  const ids = rows.map((r) => r.id);
  const files = ids.length ? await repo.contributionFiles(db, ids) : [];
  return rows.map((r) => toContribution(r, [], files));
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
  const r = await t.one<{ id: string }>(
    `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, quantity, unit, status, pledged_on, delivered_at, created_by, twinning_activity_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'delivered', $10, now(), $11, $12) RETURNING id`,
    [g.contributorId, g.schoolId, g.provinceCode, g.form, g.category, cleanText(g.description), g.valueVnd, g.quantity, g.quantity ? cleanText(g.unit ?? 'đơn vị') : null, g.givenOn, actor.userId, g.twinningActivityId],
  );
  await t.query(`INSERT INTO contribution_event (contribution_id, status, note, actor_id, actor_org_id) VALUES ($1, 'delivered', $2, $3, $4)`, [r.id, g.note, actor.userId, actor.organisationId]);
  const after = toContribution((await repo.contributionById(t, r.id))!);
  await audit(t, actor, { entity: 'contribution', entityId: r.id, action: 'deliver', after });
  return after;
}

/**
 * The receiving school confirms the gifts of a twinning activity, inside the caller's transaction,
 * under the ledger's own rule: a receipt needs evidence (a photo or a handover record), and each
 * row changes with its event, files and audit. Returns how many rows were confirmed.
 */
export async function confirmGiftsOfActivity(t: Db, actor: Actor, twinningActivityId: string, note: string | null, files: { filename: string; data: Buffer }[]): Promise<number> {
  const rows = await t.query<repo.ContributionRow>(`${repo.CONTRIBUTION_SELECT} WHERE k.twinning_activity_id = $1 AND k.status IN ('pledged', 'delivered') FOR UPDATE OF k`, [twinningActivityId]);
  for (const r of rows) {
    const next = contributionTransition(r.status as ContributionStatus, 'confirm', { evidenceCount: files.length });
    if ('error' in next) throw invalid(next.error, [{ path: 'files', message: next.error }]);
    const before = toContribution(r);
    await t.query(`UPDATE contribution SET status = $2, received_at = now(), updated_at = now() WHERE id = $1`, [r.id, next.to]);
    const ev = await t.one<{ id: number }>('INSERT INTO contribution_event (contribution_id, status, note, actor_id, actor_org_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [r.id, next.to, cleanText(note) ?? 'Trường kết nghĩa xác nhận đã nhận', actor.userId, actor.organisationId]);
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { public: true, imagesOrPdf: true });
      await t.query('INSERT INTO contribution_file (contribution_id, file_id, event_id) VALUES ($1, $2, $3)', [r.id, sf.id, ev.id]);
    }
    await audit(t, actor, { entity: 'contribution', entityId: r.id, action: 'confirm', before, after: toContribution((await repo.contributionById(t, r.id))!) });
  }
  return rows.length;
}
