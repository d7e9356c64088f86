import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { HomeSection } from '../../../../contracts/home.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, isUniqueViolation, notFound, unauthorized } from '../../platform/errors.js';
import { afterKey, page } from '../../platform/paging.js';
import { cleanLongText, cleanText } from '../../platform/text.js';
import type {
  AccessLogEntry, AssignCandidates, CaseDetail, FocalPoints, CaseEntryInput, CaseInput, CaseOutcome, CasePatch, CaseState, CaseStep, CaseSummary, EntryKind, LegalBasis, Referral, ReferralAction,
  ReferralInput, ReferralStateName, SharedField,
} from '../../../../contracts/cases.js';
import { notifyMany, type NewNotification } from '../notifications/service.js';
import { providerForReferral } from '../providers/service.js';
import { caseReference, isUrgentCategory, referralMove, stepMove, type ReferralState } from './domain.js';
import { accessLogScope, caseListScope, casePolicy, mayOpenCase, referralPolicy, type PlacedCase, type PlacedReferral } from './policy.js';
import { clockState, urgentDue, vnCalendar } from './working-time.js';
import * as repo from './repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** How long a break-glass grant lasts. */
const BREAK_GLASS_HOURS = 4;
const NOT_FOUND = 'Không tìm thấy trường hợp';
const CAN = ['edit', 'move', 'addEntry', 'refer', 'assign', 'unassign', 'viewLog', 'breakGlass', 'export'] as const;

async function placed(db: Db, r: repo.CaseRow, actor: Actor, now: Date): Promise<{ place: PlacedCase; assignees: repo.Assignee[]; grantUntil: Date | null }> {
  const assignees = await repo.assignees(db, r.id);
  const grantUntil = actor.userId ? await repo.grantUntil(db, r.id, actor.userId, now) : null;
  const focal = actor.role === 'department' && actor.provinceCode === r.province_code && !!actor.userId && (await repo.isFocal(db, actor.userId));
  return {
    place: { schoolId: r.school_id, provinceCode: r.province_code, assigned: assignees.map((a) => a.user_id), leads: assignees.filter((a) => a.lead).map((a) => a.user_id), granted: !!grantUntil, focal },
    assignees, grantUntil,
  };
}

/** The urgent clock while no referral has gone out and the case is open. */
function clockOf(r: repo.CaseRow, now: Date): CaseSummary['clock'] {
  if (!r.urgent || !r.due_at || r.first_referral_at || r.step === 'closed') return null;
  const s = clockState(vnCalendar(), new Date(r.due_at), now);
  return { dueAt: new Date(r.due_at).toISOString(), ...s };
}

function toSummary(r: repo.CaseRow, assignees: repo.Assignee[], restricted: boolean, now: Date): CaseSummary {
  return {
    id: r.id, reference: r.reference, schoolId: r.school_id, schoolName: r.school_name, step: r.step, urgent: r.urgent, reportedAt: new Date(r.reported_at).toISOString(),
    clock: clockOf(r, now), firstReferralAt: iso(r.first_referral_at), closedAt: iso(r.closed_at), anonymised: r.anonymised_at !== null,
    category: restricted ? null : r.category, risk: restricted ? null : r.risk,
    assigned: assignees.map((a) => ({ userId: a.user_id, name: a.name, lead: a.lead })), restricted,
  };
}

function toReferral(r: repo.ReferralRow, actor: Actor, place: PlacedReferral): Referral {
  const shared = new Set(r.shared_fields);
  const fromState = r.state as ReferralState;
  const may = (to: ReferralState) => 'to' in referralMove(fromState, to, { reason: 'x' });
  const answer = referralPolicy.answer(actor, place);
  return {
    id: r.id, caseId: r.case_id, caseReference: r.reference, schoolName: r.school_name, providerId: r.provider_id, providerName: r.provider_name,
    providerKind: r.provider_kind, online: r.provider_org_id !== null, state: r.state as ReferralStateName, sharedFields: r.shared_fields as SharedField[],
    sharedSummary: r.shared_summary, legalBasis: r.legal_basis as LegalBasis, pupilConsent: r.pupil_consent, parentConsent: r.parent_consent,
    consentNote: r.consent_note, channel: r.channel, sentAt: new Date(r.sent_at).toISOString(), decidedAt: iso(r.decided_at), declineReason: r.decline_reason,
    report: r.report, reportedAt: iso(r.reported_at), closedAt: iso(r.closed_at),
    pupil: shared.has('identity') && r.full_name ? { fullName: r.full_name, className: r.class_name } : null,
    category: shared.has('category') ? r.category : null,
    assessment: shared.has('assessment') ? r.initial_assessment : null,
    can: {
      accept: answer && may('accepted'), decline: answer && may('declined'), report: answer && may('reported'), close: answer && may('closed'),
      withdraw: referralPolicy.withdraw(actor, place) && may('withdrawn'),
    },
  };
}

async function log(db: Db, actor: Actor, r: { id: string; school_id: string; province_code: string }, action: AccessLogEntry['action'], detail: string | null, now: Date) {
  await repo.logAccess(db, { caseId: r.id, schoolId: r.school_id, provinceCode: r.province_code, userId: actor.userId, label: actor.label, role: actor.role, action, detail, at: now });
}

async function load(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lock(db, id))) throw notFound(NOT_FOUND);
  const r = await repo.byId(db, id);
  if (!r) throw notFound(NOT_FOUND);
  return r;
}

/** The whole case as its assigned staff (or a break-glass reader) see it. */
async function detail(db: Db, actor: Actor, r: repo.CaseRow, p: Awaited<ReturnType<typeof placed>>, now: Date): Promise<CaseDetail> {
  const pupil = await repo.pupil(db, r.id);
  const steps = await repo.steps(db, r.id);
  const entries = await repo.entries(db, r.id);
  const referrals = await repo.referralsOfCase(db, r.id);
  const refPlace = { caseAssigned: p.place.assigned };
  return {
    ...toSummary(r, p.assignees, false, now),
    source: r.source,
    pupil: pupil ? { fullName: pupil.full_name, className: pupil.class_name, recordCode: pupil.record_code } : null,
    initialAssessment: r.initial_assessment,
    outcome: r.outcome,
    steps: steps.map((s) => ({ from: s.from_step, to: s.to_step, at: new Date(s.at).toISOString(), actor: s.actor, reason: s.reason })),
    entries: entries.map((e) => ({
      id: e.id, kind: e.kind as EntryKind, body: e.body, occurredOn: e.occurred_on, plan: (e.plan ?? null) as CaseDetail['entries'][number]['plan'],
      pupilParticipated: e.pupil_participated, parentParticipated: e.parent_participated, author: e.author, createdAt: new Date(e.created_at).toISOString(),
    })),
    referrals: referrals.map((x) => toReferral(x, actor, { ...refPlace, providerOrgId: x.provider_org_id })),
    breakGlassUntil: p.place.assigned.includes(actor.userId ?? '') ? null : iso(p.grantUntil),
    can: allowed(casePolicy, actor, p.place, CAN),
  };
}

/**
 * A summary-only answer (the school's head, not assigned): existence and deadlines, the dates of its
 * steps (which step, when; not who moved it nor why), nothing of the notes.
 */
async function summaryDetail(db: Db, actor: Actor, r: repo.CaseRow, p: Awaited<ReturnType<typeof placed>>, now: Date): Promise<CaseDetail> {
  const steps = await repo.steps(db, r.id);
  return {
    ...toSummary(r, p.assignees, true, now), source: r.source, pupil: null, initialAssessment: null, outcome: null,
    steps: steps.map((s) => ({ from: s.from_step, to: s.to_step, at: new Date(s.at).toISOString(), actor: null, reason: null })),
    entries: [], referrals: [], breakGlassUntil: null,
    can: allowed(casePolicy, actor, p.place, CAN),
  };
}

/** Read a case: in full when assigned or granted, as a summary for the school's head; logged either way. */
export async function getCase(db: Db, actor: Actor, clock: Clock, id: string): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id);
    const p = await placed(t, r, actor, now);
    if (casePolicy.read(actor, p.place)) {
      await log(t, actor, r, 'read', p.place.granted && !p.place.assigned.includes(actor.userId ?? '') ? 'Truy cập khẩn cấp' : null, now);
      return detail(t, actor, r, p, now);
    }
    authorize(casePolicy, 'readSummary', actor, p.place);
    await log(t, actor, r, 'read_summary', null, now);
    return summaryDetail(t, actor, r, p, now);
  });
}

/**
 * The whole case for a document of it: the assigned staff only (casePolicy `export`), the export
 * written to the access log and audited by reference in the same transaction.
 */
export async function getCaseForExport(db: Db, actor: Actor, clock: Clock, id: string): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'export', actor, p.place);
    await log(t, actor, r, 'export', 'Hồ sơ trường hợp (.docx)', now);
    await auditCase(t, actor, r, 'export', { format: 'docx' });
    return detail(t, actor, r, p, now);
  });
}

/** After a write: the case as the writer (assigned) sees it. */
async function reread(db: Db, actor: Actor, id: string, now: Date) {
  const r = await load(db, id);
  return detail(db, actor, r, await placed(db, r, actor, now), now);
}

export async function listCases(db: Db, actor: Actor, clock: Clock, f: { state?: CaseState; step?: CaseStep; urgent?: boolean; cursor?: string; limit: number }) {
  const scope = caseListScope(actor);
  if (!scope) throw actor.userId ? forbidden() : unauthorized();
  const now = clock.now();
  // one step named: that step's cases, whatever the state (`step=closed` lists the closed ones)
  const filter = { ...scope, state: f.step ? undefined : f.state, step: f.step, urgent: f.urgent };
  const after = afterKey(f.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  const shown = rows.slice(0, f.limit);
  const assignees = await repo.assigneesOf(db, shown.map((r) => r.id));
  return page(rows, f, total, (r) => [r.sort_at, r.id], (items) => items.map((r) => {
    const mine = assignees.filter((a) => a.case_id === r.id);
    return toSummary(r, mine, !mine.some((a) => a.user_id === actor.userId), now);
  }));
}

/** The case-level audit entry: the reference and step only (no pupil, no category, no notes). */
const auditCase = (db: Db, actor: Actor, r: { id: string; reference: string }, action: string, after: Record<string, unknown> = {}) =>
  audit(db, actor, { entity: 'support_case', entityId: r.id, action, after: { reference: r.reference, ...after } });

export async function createCase(db: Db, actor: Actor, clock: Clock, input: CaseInput): Promise<CaseDetail> {
  if (!mayOpenCase(actor, input.schoolId)) throw actor.userId ? forbidden() : unauthorized();
  const now = clock.now();
  const reportedAt = new Date(input.reportedAt);
  if (reportedAt.getTime() > now.getTime() + 5 * 60_000) throw invalid('Dữ liệu không hợp lệ', [{ path: 'reportedAt', message: 'Thời điểm tiếp nhận không được ở tương lai' }]);
  if (reportedAt.getTime() < now.getTime() - 366 * 24 * 3600_000) throw invalid('Dữ liệu không hợp lệ', [{ path: 'reportedAt', message: 'Thời điểm tiếp nhận quá xa (hơn một năm)' }]);
  const urgent = isUrgentCategory(input.category);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.tx(async (t) => {
        const s = await repo.schoolPlace(t, input.schoolId);
        if (!s) throw notFound('Không tìm thấy trường');
        const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(reportedAt));
        const reference = caseReference(year, await repo.nextSeq(t, input.schoolId, year));
        const id = await repo.insertCase(t, {
          schoolId: input.schoolId, provinceCode: s.province_code, communeCode: s.commune_code, reference, category: input.category, risk: input.risk, source: input.source,
          urgent, reportedAt, dueAt: urgent ? urgentDue(reportedAt) : null, initialAssessment: cleanLongText(input.initialAssessment ?? null), createdBy: actor.userId, at: now,
        });
        await repo.insertPupil(t, id, { fullName: cleanText(input.pupil.fullName)!, className: cleanText(input.pupil.className ?? null), recordCode: cleanText(input.pupil.recordCode ?? null) });
        await repo.assign(t, id, actor.userId!, true, actor.userId, now);
        await repo.firstStep(t, id, actor.userId, now);
        await auditCase(t, actor, { id, reference }, 'create', { step: 'screening' });
        return reread(t, actor, id, now);
      });
    } catch (e) {
      // two cases of one school at once took the same number: take the next
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}

export async function editCase(db: Db, actor: Actor, clock: Clock, id: string, patch: CasePatch): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'edit', actor, p.place);
    if (r.anonymised_at) throw conflict('Trường hợp đã được ẩn danh theo thời hạn lưu trữ');
    const category = patch.category ?? r.category;
    const urgent = isUrgentCategory(category);
    await repo.updateCase(t, id, {
      category, risk: patch.risk ?? r.risk, urgent, dueAt: urgent ? (r.due_at ? new Date(r.due_at) : urgentDue(new Date(r.reported_at))) : null,
      initialAssessment: patch.initialAssessment !== undefined ? cleanLongText(patch.initialAssessment) : r.initial_assessment, at: now,
    });
    if (patch.pupil) {
      const cur = await repo.pupil(t, id);
      await repo.updatePupil(t, id, {
        fullName: cleanText(patch.pupil.fullName ?? cur?.full_name)!, className: patch.pupil.className !== undefined ? cleanText(patch.pupil.className) : cur?.class_name ?? null,
        recordCode: patch.pupil.recordCode !== undefined ? cleanText(patch.pupil.recordCode) : cur?.record_code ?? null,
      });
    }
    await auditCase(t, actor, r, 'update', { fields: Object.keys(patch) });
    return reread(t, actor, id, now);
  });
}

/**
 * Move a case to another step. The row is locked before it is read and moved only from the step
 * read: of two moves at once one succeeds and the other is a 409.
 */
export async function moveCase(db: Db, actor: Actor, clock: Clock, id: string, to: CaseStep, opts: { outcome?: CaseOutcome | null; reason?: string | null }): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'move', actor, p.place);
    if (r.anonymised_at) throw conflict('Trường hợp đã được ẩn danh theo thời hạn lưu trữ');
    const reason = cleanLongText(opts.reason ?? null);
    const next = stepMove(r.step, to, { outcome: opts.outcome, reason });
    if ('error' in next) throw conflict(next.error);
    if (!(await repo.move(t, id, { from: r.step, to, outcome: to === 'closed' ? opts.outcome ?? null : null, reason, actorId: actor.userId, at: now }))) {
      throw conflict('Trường hợp vừa được thay đổi bởi một thao tác khác; hãy tải lại trang');
    }
    await auditCase(t, actor, r, 'move', { from: r.step, to });
    return reread(t, actor, id, now);
  });
}

export async function addEntry(db: Db, actor: Actor, clock: Clock, id: string, input: CaseEntryInput): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'addEntry', actor, p.place);
    if (r.anonymised_at) throw conflict('Trường hợp đã được ẩn danh theo thời hạn lưu trữ');
    const body = cleanLongText(input.body ?? null);
    if (input.kind === 'plan' && !input.plan) throw invalid('Dữ liệu không hợp lệ', [{ path: 'plan', message: 'Cần mục tiêu và hoạt động của kế hoạch hỗ trợ' }]);
    if (input.kind !== 'plan' && !body) throw invalid('Dữ liệu không hợp lệ', [{ path: 'body', message: 'Cần nội dung ghi chép' }]);
    await repo.insertEntry(t, id, {
      kind: input.kind, body, occurredOn: input.occurredOn ?? null, plan: input.plan ?? null,
      pupil: input.pupilParticipated ?? null, parent: input.parentParticipated ?? null, authorId: actor.userId, at: now,
    });
    await repo.touchFirstAction(t, id, now);
    await auditCase(t, actor, r, 'entry', { kind: input.kind });
    return reread(t, actor, id, now);
  });
}

export async function assignStaff(db: Db, actor: Actor, clock: Clock, id: string, userId: string): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'assign', actor, p.place);
    const who = await repo.schoolStaff(t, userId, r.school_id);
    if (!who) throw invalid('Dữ liệu không hợp lệ', [{ path: 'userId', message: 'Chỉ phân công cán bộ tư vấn hoặc lãnh đạo của trường' }]);
    await repo.assign(t, id, userId, false, actor.userId, now);
    await auditCase(t, actor, r, 'assign', { userId });
    const after = await load(t, id);
    const q = await placed(t, after, actor, now);
    // the head who assigns without being assigned still sees the summary only
    return casePolicy.read(actor, q.place) ? detail(t, actor, after, q, now) : summaryDetail(t, actor, after, q, now);
  });
}

/** Who may be assigned to the case: its school's counselling staff and head, not assigned now (those who may assign only). */
export async function assignable(db: Db, actor: Actor, clock: Clock, id: string): Promise<AssignCandidates> {
  const r = await load(db, id);
  const p = await placed(db, r, actor, clock.now());
  authorize(casePolicy, 'assign', actor, p.place);
  return { candidates: (await repo.assignable(db, r.school_id, id)).map((u) => ({ userId: u.user_id, name: u.name, role: u.role })) };
}

/**
 * Take someone off a case: a member of the assignment (themselves included) or the school's head.
 * The last counsellor assigned stays (a case always has someone working on it); when the one who
 * led goes, the earliest remaining counsellor leads. The case row is locked first, so two removals
 * at once cannot leave it without a counsellor. Audited with the reference and the account only.
 */
export async function unassignStaff(db: Db, actor: Actor, clock: Clock, id: string, userId: string): Promise<void> {
  await db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'unassign', actor, p.place);
    if (!p.place.assigned.includes(userId)) throw notFound('Cán bộ này không được phân công vào trường hợp');
    if ((await repo.userRole(t, userId)) === 'counsellor' && (await repo.counsellorsAssigned(t, id)) <= 1) {
      throw conflict('Không thể thôi phân công cán bộ tư vấn cuối cùng của trường hợp: hãy phân công người thay thế trước');
    }
    await repo.unassign(t, id, userId, now);
    await auditCase(t, actor, r, 'unassign', { userId });
  });
}

/**
 * Break-glass: an account entitled to ask (the school's head or counsellors, the Department) reads
 * the case for a few hours with a typed reason; the read is logged and the school's head and the
 * Department are told at once (the notice names the case's reference and the reader, not the reason).
 */
export async function breakGlass(db: Db, actor: Actor, clock: Clock, id: string, reason: string): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'breakGlass', actor, p.place);
    const why = cleanLongText(reason)!;
    await repo.insertGrant(t, id, actor.userId!, why, now, new Date(now.getTime() + BREAK_GLASS_HOURS * 3600_000));
    await log(t, actor, r, 'break_glass', why, now);
    await auditCase(t, actor, r, 'break_glass');
    const notes: NewNotification[] = (await repo.supervisors(t, r.school_id, r.province_code)).filter((u) => u !== actor.userId)
      .map((userId) => ({ userId, kind: 'cases_break_glass', params: { reference: r.reference, actorLabel: actor.label }, link: '/cong-tac-xa-hoi/nhat-ky' }));
    await notifyMany(t, notes);
    const q = await placed(t, r, actor, now);
    await log(t, actor, r, 'read', 'Truy cập khẩn cấp', now);
    return detail(t, actor, r, q, now);
  });
}

// ---------- referrals ----------

export async function refer(db: Db, actor: Actor, clock: Clock, id: string, input: ReferralInput): Promise<CaseDetail> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await load(t, id, true);
    const p = await placed(t, r, actor, now);
    authorize(casePolicy, 'refer', actor, p.place);
    if (r.step === 'closed' || r.anonymised_at) throw conflict('Không chuyển gửi được trường hợp đã kết thúc');
    const provider = await providerForReferral(t, input.providerId);
    if (!provider) throw invalid('Dữ liệu không hợp lệ', [{ path: 'providerId', message: 'Không có cơ sở cung cấp dịch vụ này trong mạng lưới' }]);
    if (input.channel === 'online' && !provider.organisationId) throw invalid('Dữ liệu không hợp lệ', [{ path: 'channel', message: 'Cơ sở này chưa nhận chuyển gửi trực tuyến: hãy gọi điện hoặc gửi công văn' }]);
    // consent (Decree 13/2023/NĐ-CP): sharing on consent needs the pupil's and the parent's
    const pupilConsent = input.pupilConsent ?? false;
    const parentConsent = input.parentConsent ?? false;
    if (input.legalBasis === 'consent' && !(pupilConsent && parentConsent)) {
      throw invalid('Dữ liệu không hợp lệ', [{ path: 'parentConsent', message: 'Chia sẻ theo sự đồng ý cần ghi nhận sự đồng ý của học sinh và cha mẹ (hoặc chọn căn cứ pháp lý khác)' }]);
    }
    const consentNote = cleanLongText(input.consentNote ?? null);
    if (input.legalBasis !== 'consent' && !consentNote) throw invalid('Dữ liệu không hợp lệ', [{ path: 'consentNote', message: 'Cần ghi căn cứ chia sẻ khi không có sự đồng ý' }]);
    const refId = await repo.insertReferral(t, {
      caseId: id, providerId: provider.id, providerOrgId: input.channel === 'online' ? provider.organisationId : null, sharedFields: [...new Set(input.sharedFields ?? [])],
      sharedSummary: cleanLongText(input.sharedSummary)!, legalBasis: input.legalBasis, pupilConsent, parentConsent, consentNote, channel: input.channel, sentBy: actor.userId, at: now,
    });
    // the case moves to the referral step when its step allows it
    if ('to' in stepMove(r.step, 'referral')) await repo.move(t, id, { from: r.step, to: 'referral', outcome: null, reason: null, actorId: actor.userId, at: now });
    await audit(t, actor, { entity: 'case_referral', entityId: refId, action: 'create', after: { reference: r.reference, providerId: provider.id, channel: input.channel, legalBasis: input.legalBasis } });
    if (input.channel === 'online' && provider.organisationId) {
      await notifyMany(t, [{ organisationId: provider.organisationId, kind: 'cases_referral_received', params: { reference: r.reference, schoolName: r.school_name }, link: `/chuyen-gui/${refId}` }]);
    }
    return reread(t, actor, id, now);
  });
}

async function loadReferral(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lockReferral(db, id))) throw notFound('Không tìm thấy yêu cầu chuyển gửi');
  const r = await repo.referralById(db, id);
  if (!r) throw notFound('Không tìm thấy yêu cầu chuyển gửi');
  return r;
}
const placedReferral = async (db: Db, r: repo.ReferralRow): Promise<PlacedReferral> =>
  ({ providerOrgId: r.provider_org_id, caseAssigned: (await repo.assignees(db, r.case_id)).map((a) => a.user_id) });

export async function getReferral(db: Db, actor: Actor, clock: Clock, id: string): Promise<Referral> {
  return db.tx(async (t) => {
    const r = await loadReferral(t, id);
    const place = await placedReferral(t, r);
    authorize(referralPolicy, 'read', actor, place);
    await log(t, actor, { id: r.case_id, school_id: r.school_id, province_code: r.province_code }, 'read_referral', null, clock.now());
    return toReferral(r, actor, place);
  });
}

/**
 * The home sections of the accounts that work on cases: a counsellor's own open cases and its
 * nearest urgent deadlines; a provider's referrals awaiting its answer. Each line is a reference and
 * a date only (no pupil, no category, no notes); any other account gets none.
 */
/** The case list of the open cases: what the home's counts count. */
const OPEN_CASES = '/cong-tac-xa-hoi?trang-thai=dang-mo';

export async function homeSections(db: Db, actor: Actor, clock: Clock, limit: number): Promise<HomeSection[]> {
  if (!actor.userId || !actor.organisationId) return [];
  const now = clock.now();
  const sections: HomeSection[] = [];
  if (actor.role === 'counsellor') {
    const h = await repo.homeOfCounsellor(db, actor.userId, limit);
    sections.push({
      key: 'cases',
      counts: [{ key: 'cases_mine', count: h.open, href: OPEN_CASES }, { key: 'cases_due', count: h.due, href: OPEN_CASES }],
      items: h.items.map((r) => ({ id: r.id, title: r.reference, detail: null, date: new Date(r.due_at).toISOString(), href: `/cong-tac-xa-hoi/${r.id}`, step: new Date(r.due_at) <= now ? 'overdue' : 'due' })),
    });
  }
  // the school's head: its school's cases exist and their deadlines (reference and date only)
  if (actor.role === 'school' && actor.organisationKind === 'school') {
    const h = await repo.homeOfHead(db, actor.organisationId, limit);
    sections.push({
      key: 'schoolCases',
      counts: [{ key: 'cases_school_open', count: h.open, href: OPEN_CASES }, { key: 'cases_school_due', count: h.due, href: OPEN_CASES }],
      items: h.items.map((r) => ({ id: r.id, title: r.reference, detail: null, date: new Date(r.due_at).toISOString(), href: `/cong-tac-xa-hoi/${r.id}`, step: new Date(r.due_at) <= now ? 'overdue' : 'due' })),
    });
  }
  // a provider's account, or a counsellor on a provider's staff: what its organisation was sent
  if (actor.role === 'provider' || (actor.role === 'counsellor' && actor.organisationKind === 'provider')) {
    const h = await repo.homeOfProvider(db, actor.organisationId, limit);
    sections.push({
      key: 'referrals',
      counts: [{ key: 'referrals_waiting', count: h.waiting, href: '/chuyen-gui' }],
      items: h.items.map((r) => ({ id: r.id, title: r.reference, detail: null, date: new Date(r.sent_at).toISOString(), href: `/chuyen-gui/${r.id}`, step: null })),
    });
  }
  return sections;
}

/** A provider's inbox: referrals sent to its organisation, newest first (only what was shared). */
export async function inbox(db: Db, actor: Actor, clock: Clock, f: { state?: ReferralStateName; cursor?: string; limit: number }) {
  if (!actor.userId) throw unauthorized();
  if (!(actor.role === 'provider' || actor.role === 'counsellor') || !actor.organisationId) throw forbidden();
  const orgId = actor.organisationId;
  const after = afterKey(f.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.inbox(db, orgId, f.state, after, f.limit + 1), repo.inboxCount(db, orgId, f.state)]);
  // the inbox shows what was shared: each referral listed is a read of its case, logged
  const now = clock.now();
  for (const r of rows.slice(0, f.limit)) await log(db, actor, { id: r.case_id, school_id: r.school_id, province_code: r.province_code }, 'read_referral', 'Hộp thư chuyển gửi', now);
  return page(rows, f, total, (r) => [r.sort_at, r.id], (items) => items.map((r) => toReferral(r, actor, { providerOrgId: r.provider_org_id, caseAssigned: [] })));
}

const ACTION_TO: Record<ReferralAction, ReferralState> = { accept: 'accepted', decline: 'declined', report: 'reported', close: 'closed', withdraw: 'withdrawn' };

export async function transitionReferral(db: Db, actor: Actor, clock: Clock, id: string, action: ReferralAction, text: string | null | undefined): Promise<Referral> {
  return db.tx(async (t) => {
    const now = clock.now();
    const r = await loadReferral(t, id, true);
    const place = await placedReferral(t, r);
    authorize(referralPolicy, action === 'withdraw' ? 'withdraw' : 'answer', actor, place);
    const clean = cleanLongText(text ?? null);
    const next = referralMove(r.state as ReferralState, ACTION_TO[action], { reason: clean });
    if ('error' in next) throw conflict(next.error);
    if (!(await repo.moveReferral(t, id, { from: r.state, to: next.to, text: clean, actorId: actor.userId, at: now }))) {
      throw conflict('Yêu cầu chuyển gửi vừa được thay đổi bởi một thao tác khác; hãy tải lại trang');
    }
    await audit(t, actor, { entity: 'case_referral', entityId: id, action, after: { reference: r.reference, state: next.to } });
    if (action !== 'withdraw') {
      const notes: NewNotification[] = place.caseAssigned.filter((u) => u !== actor.userId)
        .map((userId) => ({ userId, kind: 'cases_referral_answered', params: { reference: r.reference, providerName: r.provider_name, state: next.to }, link: `/cong-tac-xa-hoi/${r.case_id}` }));
      await notifyMany(t, notes);
    }
    return toReferral((await repo.referralById(t, id))!, actor, place);
  });
}

// ---------- the access log ----------

export async function accessLog(db: Db, actor: Actor, f: { caseId?: string; cursor?: string; limit: number }) {
  const scope = accessLogScope(actor);
  if (!scope) throw actor.userId ? forbidden() : unauthorized();
  // a Department reads it through its focal point (every account of it while none is named)
  if (actor.role === 'department' && !(await repo.isFocal(db, actor.userId!))) throw forbidden('Chỉ tài khoản đầu mối công tác xã hội của Sở được xem nhật ký truy cập');

  const after = afterKey(f.cursor, ['number']);
  const filter = { ...scope, caseId: f.caseId };
  const [rows, total] = await Promise.all([repo.accessLog(db, filter, after ? Number(after[0]) : null, f.limit + 1), repo.accessLogCount(db, filter)]);
  return page(rows, f, total, (r) => [Number(r.id)], (items) => items.map((r): AccessLogEntry => ({
    id: Number(r.id), caseId: r.case_id, caseReference: r.reference, schoolName: r.school_name, at: new Date(r.at).toISOString(),
    actorLabel: r.actor_label, actorRole: r.actor_role, action: r.action as AccessLogEntry['action'], detail: r.detail,
  })));
}

// ---------- the Department's focal point ----------

async function focalView(db: Db, departmentId: string): Promise<FocalPoints> {
  const [dept, candidates, focal] = await Promise.all([repo.organisationName(db, departmentId), repo.departmentAccounts(db, departmentId), repo.focalAccounts(db, departmentId)]);
  const person = (a: repo.DeptAccount) => ({ userId: a.user_id, name: a.name, email: a.email });
  return { departmentName: dept ?? '', focal: focal.map(person), candidates: candidates.map(person), fallback: !focal.some((a) => a.active) };
}

const departmentOf = (actor: Actor) => {
  if (!actor.userId) throw unauthorized();
  if (actor.role !== 'department' || actor.organisationKind !== 'department' || !actor.organisationId) throw forbidden();
  return actor.organisationId;
};

/** A Department's focal point for school social work (its own accounts only). */
export async function focalPoints(db: Db, actor: Actor): Promise<FocalPoints> {
  return focalView(db, departmentOf(actor));
}

/**
 * A Department names its focal point: some of its own active accounts (none: every account of it,
 * as the answer says). An account of another organisation or role is a 422 naming it; audited.
 */
export async function setFocalPoints(db: Db, actor: Actor, clock: Clock, userIds: string[]): Promise<FocalPoints> {
  const departmentId = departmentOf(actor);
  return db.tx(async (t) => {
    const ids = [...new Set(userIds)];
    const own = new Set((await repo.departmentAccounts(t, departmentId)).map((a) => a.user_id));
    const bad = ids.findIndex((id) => !own.has(id));
    if (bad >= 0) throw invalid('Dữ liệu không hợp lệ', [{ path: `userIds.${userIds.indexOf(ids[bad])}`, message: 'Chỉ chỉ định được tài khoản đang hoạt động của Sở' }]);
    await repo.setFocal(t, departmentId, ids, actor.userId, clock.now());
    await audit(t, actor, { entity: 'case_focal_point', entityId: departmentId, action: 'update', after: { userIds: ids } });
    return focalView(t, departmentId);
  });
}
