import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { afterKey, batches, page } from '../../platform/paging.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import type { SchoolLevel } from '../../../../contracts/common.js';
import type {
  PlanItem, SponsorshipForm, SponsorshipPlan, SponsorshipPlanAction, SponsorshipPlanDetail, SponsorshipPlanInput, SponsorshipPlanPatch, SponsorshipPlanState,
} from '../../../../contracts/sponsorship.js';
import { notifyMany, type NewNotification } from '../notifications/service.js';
import { needVerifiers } from '../needs/service.js';
import { refuseRecipientNames } from '../plan29/service.js';
import { EDITABLE_STATES, PLAN_STATE_LABELS, approvalDue, forbiddenUse, planTransition } from './domain.js';
import { planApprover, planPolicy, planScope, type PlacedPlan } from './policy.js';
import * as repo from './repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toPlan(r: repo.PlanRow, today: string): SponsorshipPlan {
  const due = approvalDue(r.state, r.submitted_on, today);
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, schoolLevels: r.school_levels as SchoolLevel[], provinceCode: r.province_code,
    communeCode: r.commune_code, communeName: r.commune_name, title: r.title, purpose: r.purpose, beneficiaries: r.beneficiaries, period: r.period,
    state: r.state, approver: planApprover({ levels: r.school_levels }), itemCount: Number(r.item_count), total: r.total, returnReason: r.return_reason,
    decisionNumber: r.decision_number, submittedAt: iso(r.submitted_at), dueOn: due.dueOn, overdue: due.overdue, decidedAt: iso(r.decided_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const placed = (r: { school_id: string; province_code: string; commune_code: string; school_levels: string[] }): PlacedPlan =>
  ({ schoolId: r.school_id, provinceCode: r.province_code, communeCode: r.commune_code, levels: r.school_levels });

export interface ListFilter { state?: SponsorshipPlanState; overdue?: boolean; schoolId?: string }

/** The actor's scope as a filter; an actor without one (the public, donors, units) may not list plans. */
function scoped(actor: Actor, f: ListFilter, today: string): repo.PlanFilter {
  const scope = planScope(actor);
  if (!scope) throw actor.userId ? forbidden() : unauthorized();
  return { ...scope, state: f.state, only: f.schoolId, overdueOn: f.overdue ? today : undefined };
}

export async function listPlans(db: Db, actor: Actor, clock: Clock, f: ListFilter & { cursor?: string; limit: number }) {
  const today = vnDate(clock.now());
  const filter = scoped(actor, f, today);
  const after = afterKey(f.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(rows, f, total, (r) => [r.sort_at, r.id], (items) => items.map((r) => toPlan(r, today)));
}

/** Every plan of the filter, newest first, in keyset batches (exports); the scope is checked before anything is sent. */
export function allPlans(db: Db, actor: Actor, clock: Clock, f: ListFilter): AsyncGenerator<SponsorshipPlan[]> {
  const today = vnDate(clock.now());
  const filter = scoped(actor, f, today);
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.list(db, filter, after, limit), (r) => [r.sort_at, r.id])) yield rows.map((r) => toPlan(r, today));
  })();
}

/**
 * Plans waiting for the actor's approval, the longest waiting first, and how many: the count is
 * the total of the list filtered on "submitted" (the home links to it), computed by the same filter.
 */
export async function plansAwaitingApproval(db: Db, actor: Actor, clock: Clock, limit: number): Promise<{ total: number; items: SponsorshipPlan[] }> {
  const today = vnDate(clock.now());
  const filter = scoped(actor, { state: 'submitted' }, today);
  const [rows, total] = await Promise.all([repo.waiting(db, filter, limit), repo.count(db, filter)]);
  return { total, items: rows.map((r) => toPlan(r, today)) };
}

async function load(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lock(db, id))) throw notFound('Không tìm thấy kế hoạch vận động tài trợ');
  const r = await repo.byId(db, id);
  if (!r) throw notFound('Không tìm thấy kế hoạch vận động tài trợ');
  return r;
}

async function detail(db: Db, actor: Actor, r: repo.PlanRow, today: string): Promise<SponsorshipPlanDetail> {
  // one after the other: inside a transaction the statements share one connection
  const items = await repo.items(db, r.id);
  const needs = await repo.linkedNeeds(db, r.id);
  const events = await repo.events(db, r.id);
  return {
    ...toPlan(r, today),
    items: items.map((i) => ({ description: i.description, form: i.form as SponsorshipForm, estimatedValue: Number(i.estimated_value) })),
    needs,
    history: events.map((e) => ({ action: e.action, from: e.from_state, to: e.to_state, reason: e.reason, at: new Date(e.at).toISOString(), actor: e.actor })),
    can: allowed(planPolicy, actor, placed(r), ['edit', 'submit', 'approve', 'return']),
  };
}

export async function getPlan(db: Db, actor: Actor, clock: Clock, id: string): Promise<SponsorshipPlanDetail> {
  const r = await load(db, id);
  authorize(planPolicy, 'read', actor, placed(r));
  return detail(db, actor, r, vnDate(clock.now()));
}

/** Refuse, naming the field, a text that describes a use Thông tư 16/2018 forbids or names a pupil. */
async function checkTexts(db: Db, schoolId: string, v: { title?: string; purpose?: string; beneficiaries?: string | null; items?: PlanItem[] }) {
  const texts: { path: string; text: string | null | undefined }[] = [
    { path: 'title', text: v.title }, { path: 'purpose', text: v.purpose }, { path: 'beneficiaries', text: v.beneficiaries },
    ...(v.items ?? []).map((i, n) => ({ path: `items.${n}.description`, text: i.description })),
  ];
  const bad = texts.flatMap((t) => { const why = forbiddenUse(t.text); return why ? [{ path: t.path, message: `Không vận động tài trợ cho nội dung bị cấm: ${why}` }] : []; });
  if (bad.length) throw invalid('Kế hoạch có nội dung Thông tư 16/2018/TT-BGDĐT không cho phép vận động tài trợ', bad);
  await refuseRecipientNames(db, [schoolId], texts);
}

async function checkNeeds(db: Db, schoolId: string, needIds: string[]): Promise<string[]> {
  const unique = [...new Set(needIds)];
  const found = await repo.needsOfSchool(db, schoolId, unique);
  const missing = unique.filter((id) => !found.includes(id));
  if (missing.length) throw invalid('Nhu cầu liên kết phải là nhu cầu của chính trường', [{ path: 'needIds', message: `${missing.length} nhu cầu không thuộc trường` }]);
  return unique;
}

const cleanItems = (items: PlanItem[]) => items.map((i) => ({ description: cleanText(i.description)!, form: i.form, estimatedValue: i.estimatedValue }));

export async function createPlan(db: Db, actor: Actor, clock: Clock, input: SponsorshipPlanInput): Promise<SponsorshipPlanDetail> {
  return db.tx(async (t) => {
    const s = await repo.schoolPlace(t, input.schoolId);
    if (!s) throw notFound('Không tìm thấy trường');
    authorize(planPolicy, 'create', actor, { schoolId: input.schoolId, provinceCode: s.province_code, communeCode: s.commune_code, levels: s.levels });
    const items = input.items;
    await checkTexts(t, input.schoolId, { title: input.title, purpose: input.purpose, beneficiaries: input.beneficiaries, items });
    const needIds = await checkNeeds(t, input.schoolId, input.needIds ?? []);
    const title = cleanText(input.title)!;
    const id = await repo.insert(t, {
      schoolId: input.schoolId, provinceCode: s.province_code, communeCode: s.commune_code, title, purpose: cleanLongText(input.purpose)!,
      beneficiaries: cleanLongText(input.beneficiaries ?? null), period: cleanText(input.period)!, createdBy: actor.userId, search: fold(`${title} ${s.name}`),
    });
    await repo.setItems(t, id, cleanItems(items));
    await repo.setNeeds(t, id, needIds);
    const after = await detail(t, actor, (await repo.byId(t, id))!, vnDate(clock.now()));
    await audit(t, actor, { entity: 'sponsorship_plan', entityId: id, action: 'create', after });
    return after;
  });
}

export async function editPlan(db: Db, actor: Actor, clock: Clock, id: string, patch: SponsorshipPlanPatch): Promise<SponsorshipPlanDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(planPolicy, 'edit', actor, placed(r));
    if (!EDITABLE_STATES.includes(r.state)) throw conflict(`Chỉ sửa được kế hoạch nháp hoặc bị trả lại (hiện: "${PLAN_STATE_LABELS[r.state]}")`);
    await checkTexts(t, r.school_id, { title: patch.title, purpose: patch.purpose, beneficiaries: patch.beneficiaries, items: patch.items });
    const before = await detail(t, actor, r, today);
    const title = patch.title !== undefined ? cleanText(patch.title)! : r.title;
    await repo.update(t, id, {
      title, purpose: patch.purpose !== undefined ? cleanLongText(patch.purpose)! : r.purpose,
      beneficiaries: patch.beneficiaries !== undefined ? cleanLongText(patch.beneficiaries) : r.beneficiaries,
      period: patch.period !== undefined ? cleanText(patch.period)! : r.period, search: fold(`${title} ${r.school_name}`),
    });
    if (patch.items) await repo.setItems(t, id, cleanItems(patch.items));
    if (patch.needIds) await repo.setNeeds(t, id, await checkNeeds(t, r.school_id, patch.needIds));
    const after = await detail(t, actor, (await repo.byId(t, id))!, today);
    await audit(t, actor, { entity: 'sponsorship_plan', entityId: id, action: 'update', before, after });
    return after;
  });
}

/**
 * Submit, approve or return a plan. The row is locked before it is read, and the move is written
 * only from the state read: of two approvals at once one succeeds and the other is a 409.
 */
export async function transitionPlan(db: Db, actor: Actor, clock: Clock, id: string, action: SponsorshipPlanAction, opts: { reason?: string | null; decisionNumber?: string | null }): Promise<SponsorshipPlanDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(planPolicy, action, actor, placed(r));
    const reason = cleanText(opts.reason ?? null);
    await refuseRecipientNames(t, [r.school_id], [{ path: 'reason', text: reason }]);
    const next = planTransition(r.state, action, { reason, itemCount: Number(r.item_count) });
    if ('error' in next) throw conflict(next.error);
    const before = toPlan(r, today);
    const moved = await repo.move(t, id, { action, from: r.state, to: next.to, actorId: actor.userId, reason, decisionNumber: action === 'approve' ? cleanText(opts.decisionNumber ?? null) : null, at: clock.now() });
    if (!moved) throw conflict('Kế hoạch vừa được thay đổi bởi một thao tác khác; hãy tải lại trang');
    const after = await detail(t, actor, (await repo.byId(t, id))!, today);
    await audit(t, actor, { entity: 'sponsorship_plan', entityId: id, action, before, after: { state: after.state, returnReason: after.returnReason, decisionNumber: after.decisionNumber, submittedAt: after.submittedAt, decidedAt: after.decidedAt } });
    // hand-offs: the approver is told of a submitted plan, the school of the decision
    const link = `/ke-hoach-tai-tro/${id}`;
    const notes: NewNotification[] = [];
    if (action === 'submit') {
      for (const org of await needVerifiers(t, r)) notes.push({ organisationId: org, kind: 'sponsorship_submitted', params: { planTitle: r.title, schoolName: r.school_name, dueOn: after.dueOn! }, link });
    }
    if (action === 'approve') notes.push({ organisationId: r.school_id, kind: 'sponsorship_approved', params: { planTitle: r.title }, link });
    if (action === 'return') notes.push({ organisationId: r.school_id, kind: 'sponsorship_returned', params: { planTitle: r.title, reason: reason ?? '' }, link });
    await notifyMany(t, notes);
    return after;
  });
}
