import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, invalid, notFound, unauthorized, type FieldError } from '../../platform/errors.js';
import { checkUploads, storeFile, type Upload } from '../../platform/files.js';
import { afterKey, batches, page, type KeyPart } from '../../platform/paging.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import {
  categoryOf, COMMUNICATION_KINDS, EVENT_KINDS, type Activity, type ActivityCategory, type ActivityDetail, type ActivityFileKind, type ActivityInput, type ActivityKind,
  type ActivityPatch, type ActivityState, type FeedbackInput, type OrgRef,
} from '../../../../contracts/activities.js';
import { activityPolicy, actsFor, mayOrganise, type PlacedActivity } from './policy.js';
import { recordProblems } from './domain.js';
import * as repo from './repository.js';

const org = (id: string, name: string, shortName: string | null): OrgRef => ({ id, name, shortName });
const num = (s: string | null) => (s === null ? null : Number(s));

export function toActivity(r: repo.ActivityRow): Activity {
  return {
    id: r.id, kind: r.kind, category: categoryOf(r.kind), state: r.state, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, place: r.place, link: r.link,
    channel: r.channel, organiser: org(r.organiser_id, r.organiser_name, r.organiser_short_name), provinceCode: r.province_code, provinceName: r.province_name,
    audience: r.audience, reach: num(r.reach), participantsActual: num(r.participants_actual), participantsPlanned: num(r.participants_planned),
    evaluationScore: num(r.evaluation_score), taskCount: Number(r.task_count),
  };
}

const placed = (r: { organiser_id: string; organiser_kind: string; organiser_province: string | null }): PlacedActivity =>
  ({ organiserId: r.organiser_id, organiserKind: r.organiser_kind, organiserProvince: r.organiser_province });

export interface ListFilter { kind?: ActivityKind; category?: ActivityCategory; state?: ActivityState; unitId?: string; provinceCode?: string; taskId?: string; from?: string; to?: string; q?: string }

function scoped(actor: Actor, f: ListFilter): repo.ActivityFilter {
  if (!can(activityPolicy, 'read', actor, { organiserId: '', organiserKind: '', organiserProvince: null })) throw actor.userId ? forbidden() : unauthorized();
  const kinds = f.category === 'event' ? EVENT_KINDS : f.category === 'communication' ? COMMUNICATION_KINDS : undefined;
  const q = fold(f.q);
  return { kind: f.kind, kinds, state: f.state, unitId: f.unitId, provinceCode: f.provinceCode, taskId: f.taskId, from: f.from, to: f.to, q: q || undefined };
}

const KEY = (r: repo.ActivityRow): KeyPart[] => [r.starts_on, r.id];
function cursorKey(cursor: string | undefined) {
  const k = afterKey(cursor, ['string', 'uuid']);
  if (k && !/^\d{4}-\d{2}-\d{2}$/.test(String(k[0]))) throw badRequest('Tham số cursor không hợp lệ');
  return k;
}

export async function listActivities(db: Db, actor: Actor, f: ListFilter & { cursor?: string; limit: number }) {
  const filter = scoped(actor, f);
  const after = cursorKey(f.cursor);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(rows, f, total, KEY, (items) => items.map(toActivity));
}

/** Every record of the filter, newest first, in keyset batches (exports); the scope is checked before anything is sent. */
export function allActivities(db: Db, actor: Actor, f: ListFilter): AsyncGenerator<Activity[]> {
  const filter = scoped(actor, f);
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.list(db, filter, after, limit), KEY)) yield rows.map(toActivity);
  })();
}

async function load(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lock(db, id))) throw notFound('Không tìm thấy hoạt động');
  const r = await repo.byId(db, id);
  if (!r) throw notFound('Không tìm thấy hoạt động');
  return r;
}

async function detail(db: Db, actor: Actor, r: repo.ActivityRow): Promise<ActivityDetail> {
  // one after the other: inside a transaction the statements share one connection
  const co = await repo.coOrganisers(db, r.id);
  const inv = await repo.invitees(db, r.id);
  const tasks = await repo.tasks(db, r.id);
  const parts = await repo.participants(db, r.id);
  const agenda = await repo.agenda(db, r.id);
  const files = await repo.files(db, r.id);
  const participantIds = [r.organiser_id, ...co.map((o) => o.id), ...inv.map((o) => o.id)];
  const may = allowed(activityPolicy, actor, { ...placed(r), participantIds }, ['edit', 'attach', 'feedback']);
  const fb = await repo.feedbackSummary(db, r.id);
  const mine = actor.userId ? await repo.feedbackOf(db, r.id, actor.userId) : undefined;
  const comments = may.edit ? await repo.feedbackComments(db, r.id) : [];
  return {
    ...toActivity(r), summary: r.summary,
    coOrganisers: co.map((o) => org(o.id, o.name, o.short_name)), invitees: inv.map((o) => org(o.id, o.name, o.short_name)),
    tasks: tasks.map((t) => ({ id: t.id, number: t.number, content: t.content, planId: t.plan_id, planKey: t.plan_key, planNumber: t.plan_number })),
    participants: parts.map((p) => ({ group: p.grp, planned: p.planned, actual: p.actual })),
    agenda: agenda.map((i) => ({
      position: i.position, time: i.time_text, content: i.content, responsible: i.responsible,
      responsibleOrg: i.responsible_id ? org(i.responsible_id, i.responsible_name!, i.responsible_short) : null,
      agreement: i.agreement_id ? { id: i.agreement_id, title: i.agreement_title! } : null,
    })),
    evaluation: { respondents: r.evaluation_respondents, score: num(r.evaluation_score), note: r.evaluation_note },
    feedback: { count: Number(fb.count), average: num(fb.average), mine: mine ? { score: mine.score, comment: mine.comment } : null, comments: comments.map((c) => c.comment) },
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size), kind: f.kind })),
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    can: { edit: may.edit, attach: may.attach, feedback: may.feedback && r.state === 'held' && !mine },
  };
}

export async function getActivity(db: Db, actor: Actor, id: string): Promise<ActivityDetail> {
  const r = await load(db, id);
  authorize(activityPolicy, 'read', actor, placed(r));
  return detail(db, actor, r);
}

type Full = Required<Omit<ActivityInput, 'organiserId' | 'endsOn'>> & { endsOn: string };

/**
 * Check the record's references and figures: organisations, tasks and agreements exist; a task is
 * one the organiser or a co-organiser leads or partners (an administrator may link any); dates.
 */
async function checkRefs(db: Db, actor: Actor, organiserId: string, v: Full, today: string): Promise<void> {
  const errors: FieldError[] = [];
  const orgIds = [...new Set([...v.coOrganiserIds, ...v.inviteeIds, ...v.agenda.flatMap((a) => (a.responsibleId ? [a.responsibleId] : []))])];
  const orgs = await repo.organisations(db, orgIds);
  const found = new Set(orgs.map((o) => o.id));
  v.coOrganiserIds.forEach((id, i) => { if (!found.has(id)) errors.push({ path: `coOrganiserIds.${i}`, message: 'Không tìm thấy đơn vị phối hợp' }); });
  v.inviteeIds.forEach((id, i) => { if (!found.has(id)) errors.push({ path: `inviteeIds.${i}`, message: 'Không tìm thấy đơn vị được mời' }); });
  v.agenda.forEach((a, i) => { if (a.responsibleId && !found.has(a.responsibleId)) errors.push({ path: `agenda.${i}.responsibleId`, message: 'Không tìm thấy đơn vị thực hiện' }); });
  const agreements = new Set(await repo.agreementsExisting(db, v.agenda.flatMap((a) => (a.agreementId ? [a.agreementId] : []))));
  v.agenda.forEach((a, i) => { if (a.agreementId && !agreements.has(a.agreementId)) errors.push({ path: `agenda.${i}.agreementId`, message: 'Không tìm thấy văn bản ký kết' }); });
  const units = new Map((await repo.taskUnits(db, v.taskIds)).map((t) => [t.task_id, t.organisation_ids]));
  // a co-organiser's task counts the record only when the actor also writes for that co-organiser:
  // naming another unit co-organiser does not fill that unit's task
  const coSide = v.coOrganiserIds.filter((id) => { const o = orgs.find((x) => x.id === id); return !!o && actsFor(actor, o); });
  v.taskIds.forEach((id, i) => {
    const u = units.get(id);
    if (!u) errors.push({ path: `taskIds.${i}`, message: 'Không tìm thấy nhiệm vụ' });
    else if (actor.role === 'admin' || u.includes(organiserId) || u.some((o) => coSide.includes(o))) return;
    else if (u.some((o) => v.coOrganiserIds.includes(o))) errors.push({ path: `taskIds.${i}`, message: 'Nhiệm vụ này do đơn vị phối hợp chủ trì hoặc phối hợp; chỉ đơn vị đó ghi hoạt động cho nhiệm vụ' });
    else errors.push({ path: `taskIds.${i}`, message: 'Đơn vị tổ chức hoặc phối hợp không chủ trì, không phối hợp nhiệm vụ này' });
  });
  errors.push(...recordProblems({ state: v.state, startsOn: v.startsOn, endsOn: v.endsOn, participants: v.participants, evaluated: !!v.evaluation && (v.evaluation.score != null || v.evaluation.respondents != null) }, today));
  if (errors.length) throw invalid('Hoạt động có thông tin chưa hợp lệ', errors);
}

function values(v: Full, organiserName: string): repo.ActivityValues {
  const title = cleanText(v.title)!;
  const place = cleanText(v.place);
  const channel = cleanText(v.channel);
  const audience = cleanLongText(v.audience);
  return {
    kind: v.kind, state: v.state, title, summary: cleanLongText(v.summary), startsOn: v.startsOn, endsOn: v.endsOn ?? v.startsOn, place, link: v.link ?? null, channel,
    provinceCode: v.provinceCode ?? null, audience, reach: v.reach ?? null, evaluationRespondents: v.evaluation?.respondents ?? null,
    evaluationScore: v.evaluation?.score ?? null, evaluationNote: cleanLongText(v.evaluation?.note ?? null), search: fold(`${title} ${organiserName} ${place ?? ''} ${channel ?? ''} ${audience ?? ''}`),
  };
}

async function writeLinks(t: Db, id: string, v: Full) {
  await repo.setLinks(t, id, 'activity_organiser', [...new Set(v.coOrganiserIds)]);
  await repo.setLinks(t, id, 'activity_invitee', [...new Set(v.inviteeIds)]);
  await repo.setTasks(t, id, [...new Set(v.taskIds)]);
  await repo.setParticipants(t, id, v.participants.map((p) => ({ group: p.group, planned: p.planned ?? null, actual: p.actual ?? null })));
  await repo.setAgenda(t, id, v.agenda.map((a) => ({ time: cleanText(a.time), content: cleanText(a.content)!, responsible: cleanText(a.responsible), responsibleId: a.responsibleId ?? null, agreementId: a.agreementId ?? null })));
}

const full = (input: Omit<ActivityInput, 'organiserId'>): Full => ({
  kind: input.kind, state: input.state ?? 'planned', title: input.title, summary: input.summary ?? null, startsOn: input.startsOn, endsOn: input.endsOn ?? input.startsOn,
  place: input.place ?? null, link: input.link ?? null, channel: input.channel ?? null, coOrganiserIds: input.coOrganiserIds ?? [], provinceCode: input.provinceCode ?? null,
  audience: input.audience ?? null, reach: input.reach ?? null, taskIds: input.taskIds ?? [], participants: input.participants ?? [], inviteeIds: input.inviteeIds ?? [],
  agenda: input.agenda ?? [], evaluation: input.evaluation ?? null,
});

export async function createActivity(db: Db, actor: Actor, clock: Clock, input: ActivityInput): Promise<ActivityDetail> {
  if (!mayOrganise(actor)) throw actor.userId ? forbidden() : unauthorized();
  return db.tx(async (t) => {
    const [o] = await repo.organisations(t, [input.organiserId]);
    if (!o) throw invalid('Không tìm thấy đơn vị tổ chức', [{ path: 'organiserId', message: 'Không tìm thấy đơn vị tổ chức' }]);
    authorize(activityPolicy, 'create', actor, { organiserId: o.id, organiserKind: o.kind, organiserProvince: o.province_code });
    const v = full(input);
    await checkRefs(t, actor, o.id, v, vnDate(clock.now()));
    const id = await repo.insert(t, { ...values(v, `${o.name} ${o.short_name ?? ''}`), organiserId: o.id, createdBy: actor.userId });
    await writeLinks(t, id, v);
    const after = await detail(t, actor, (await repo.byId(t, id))!);
    await audit(t, actor, { entity: 'activity', entityId: id, action: 'create', after });
    return after;
  });
}

const asInput = (d: ActivityDetail): Full => ({
  kind: d.kind, state: d.state, title: d.title, summary: d.summary, startsOn: d.startsOn, endsOn: d.endsOn, place: d.place, link: d.link, channel: d.channel,
  coOrganiserIds: d.coOrganisers.map((o) => o.id), provinceCode: d.provinceCode, audience: d.audience, reach: d.reach, taskIds: d.tasks.map((x) => x.id),
  participants: d.participants, inviteeIds: d.invitees.map((o) => o.id),
  agenda: d.agenda.map((a) => ({ time: a.time, content: a.content, responsible: a.responsible, responsibleId: a.responsibleOrg?.id ?? null, agreementId: a.agreement?.id ?? null })),
  evaluation: d.evaluation,
});

export async function editActivity(db: Db, actor: Actor, clock: Clock, id: string, patch: ActivityPatch): Promise<ActivityDetail> {
  return db.tx(async (t) => {
    const r = await load(t, id, true);
    authorize(activityPolicy, 'edit', actor, placed(r));
    const before = await detail(t, actor, r);
    const v: Full = { ...asInput(before), ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) } as Full;
    if (v.endsOn === null || (patch.startsOn !== undefined && patch.endsOn === undefined && v.endsOn < v.startsOn)) v.endsOn = v.startsOn;
    await checkRefs(t, actor, r.organiser_id, v, vnDate(clock.now()));
    await repo.update(t, id, values(v, `${r.organiser_name} ${r.organiser_short_name ?? ''}`));
    await writeLinks(t, id, v);
    const after = await detail(t, actor, (await repo.byId(t, id))!);
    await audit(t, actor, { entity: 'activity', entityId: id, action: 'update', before, after });
    return after;
  });
}

export async function attachFiles(db: Db, actor: Actor, id: string, kind: ActivityFileKind, uploads: Upload[]): Promise<ActivityDetail> {
  if (!uploads.length) throw invalid('Cần chọn ít nhất một tệp', [{ path: 'files', message: 'Chưa có tệp nào' }]);
  const r0 = await load(db, id);
  authorize(activityPolicy, 'attach', actor, placed(r0));
  await checkUploads(uploads, {});
  return db.tx(async (t) => {
    const r = await load(t, id, true);
    const stored = [];
    for (const f of uploads) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'activity', id } });
      await repo.attachFile(t, id, sf.id, kind);
      stored.push(sf.name);
    }
    await repo.touch(t, id);
    await audit(t, actor, { entity: 'activity', entityId: id, action: 'attach', after: { kind, files: stored } });
    return detail(t, actor, (await repo.byId(t, r.id))!);
  });
}

/**
 * A participant's own evaluation of a held activity, by an account of an organisation taking part
 * (organiser, co-organiser, invitee; others 403): once per account (a second is a 409, decided
 * by the primary key, so two at once give one 201), audited without the comment's text.
 */
export async function giveFeedback(db: Db, actor: Actor, id: string, input: FeedbackInput): Promise<ActivityDetail> {
  const r0 = await load(db, id);
  const participantIds = [r0.organiser_id, ...(await repo.coOrganisers(db, id)).map((o) => o.id), ...(await repo.invitees(db, id)).map((o) => o.id)];
  authorize(activityPolicy, 'feedback', actor, { ...placed(r0), participantIds });
  if (r0.state !== 'held') throw conflict('Chỉ đánh giá hoạt động đã tổ chức');
  return db.tx(async (t) => {
    const comment = cleanLongText(input.comment ?? null);
    if (!(await repo.insertFeedback(t, id, actor.userId!, input.score, comment))) throw conflict('Bạn đã gửi đánh giá cho hoạt động này');
    await audit(t, actor, { entity: 'activity', entityId: id, action: 'feedback', after: { score: input.score, comment: comment !== null } });
    return detail(t, actor, (await repo.byId(t, id))!);
  });
}

/** A record's files are read by whoever may read the record. */
export async function mayReadActivityFile(db: Db, actor: Actor, id: string): Promise<boolean> {
  const r = await repo.byId(db, id);
  return !!r && can(activityPolicy, 'read', actor, placed(r));
}
