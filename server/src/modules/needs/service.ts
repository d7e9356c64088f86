import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { afterKey, cappedPage, exportBatches } from '../../platform/paging.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import type { FormFile } from '../../platform/route.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import { mapCellSize } from '../../platform/map-cells.js';
import { notifyMany, type NewNotification } from '../notifications/service.js';
import type { MapPoints, Need, NeedAction, NeedCategory, NeedDetail, NeedInput, NeedPatch, NeedSort, Priority } from '../../../../contracts/needs.js';
import type { SchoolLevel, AreaFlag } from '../../../../contracts/common.js';
import * as repo from './repository.js';
import { needPolicy, needScope, needVerifier } from './policy.js';
import { needPledging } from '../ledger/policy.js';
import { pledgeStanding } from '../ledger/service.js';
import { refuseRecipientNames } from '../plan29/service.js';
import { EDITABLE_STATES, FINISHED_STATES, NEED_STATUS_LABELS, PUBLIC_STATES, ledgerSums, needStatus, needTransition, remainder, type NeedStatus } from './domain.js';

type FileRow = { id: string; name: string; mime: string; purpose: string };

export function toNeed(r: repo.NeedRow, files: FileRow[] = []): Need {
  const sums = repo.sumsOf(r);
  const status = needStatus(r.state, sums);
  const open = remainder(sums);
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, schoolCode: r.school_code, schoolLevels: r.school_levels as SchoolLevel[], provinceCode: r.province_code,
    provinceName: r.province_name, communeCode: r.commune_code, communeName: r.commune_name, communeFlags: (r.commune_flags ?? []) as AreaFlag[], lat: r.lat, lng: r.lng,
    category: r.category as NeedCategory, title: r.title, description: r.description, quantity: Number(r.quantity), unit: r.unit, estimatedCost: Number(r.estimated_cost),
    priority: r.priority as Priority, state: r.state, status, statusLabel: NEED_STATUS_LABELS[status], returnReason: r.return_reason, withdrawReason: r.withdraw_reason,
    acceptanceNote: r.acceptance_note, pledgeCount: sums.pledgeCount, pledgedShare: sums.pledgedShare, receivedShare: sums.receivedShare, pledgedQuantity: sums.pledgedQuantity, pledgedValue: sums.pledgedValue, receivedQuantity: sums.receivedQuantity,
    receivedValue: sums.receivedValue, remainingQuantity: open.quantity, remainingValue: open.value, createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    photos: files.filter((f) => f.purpose === 'photo').map((f) => ({ id: f.id, name: f.name, mime: f.mime })),
    acceptanceEvidence: files.filter((f) => f.purpose === 'acceptance').map((f) => ({ id: f.id, name: f.name, mime: f.mime })),
  };
}

export type ListFilter = repo.NeedFilter & { scope?: 'public' | 'mine' };

/** Which needs an actor may list: the public sees published ones; others also see their own scope's drafts. */
function scopeFilter(actor: Actor, f: ListFilter): repo.NeedFilter {
  const scope = f.scope === 'mine' ? needScope(actor) : null;
  const filter = { ...f, q: f.q ? fold(f.q) || undefined : undefined };
  if (scope) return { ...filter, ...scope };
  return { ...filter, states: (f.states ?? PUBLIC_STATES).filter((s) => PUBLIC_STATES.includes(s)) };
}

/** A list's count stops here when it is read from the needs themselves ("more than 1,000 needs"). */
export const NEED_COUNT_CAP = 1_000;

export async function listNeeds(db: Db, actor: Actor, f: ListFilter & { sort: NeedSort; cursor?: string; limit: number }) {
  const filter = scopeFilter(actor, f);
  const after = afterKey(f.cursor, ['number', 'uuid']);
  // a search of the public needs in the urgency order is counted first: when it matches more needs
  // than the count stops at, its page is found walking the list (repo.needs, `walk`); otherwise
  // among its matches
  const walkable = f.sort === 'urgency' && repo.searchMayWalk(filter);
  const [rows, total] = walkable
    ? await repo.countNeeds(db, filter, NEED_COUNT_CAP).then(async (n) => [await repo.needs(db, filter, f.sort, after, f.limit + 1, { walk: n > NEED_COUNT_CAP }), n] as const)
    : await Promise.all([repo.needs(db, filter, f.sort, after, f.limit + 1), repo.countNeeds(db, filter, NEED_COUNT_CAP)]);
  const files = await repo.needFiles(db, rows.slice(0, f.limit).map((r) => r.id));
  return cappedPage(rows, f, total, NEED_COUNT_CAP, (r) => [Number(r.sort_key), r.id], (items) => items.map((r) => toNeed(r, files.filter((x) => x.need_id === r.id))));
}

/** A need's line in an export: what the export's columns write, its status and remainder derived as a list's are. */
export interface NeedExportLine {
  schoolName: string; provinceName: string; communeName: string; category: NeedCategory; title: string; quantity: number; unit: string;
  estimatedCost: number; pledgedValue: string; remainingQuantity: number; remainingValue: number; status: NeedStatus;
}

function toExportLine(r: repo.NeedExportRow): NeedExportLine {
  const sums = ledgerSums(r);
  const open = remainder(sums);
  return {
    schoolName: r.school_name, provinceName: r.province_name, communeName: r.commune_name, category: r.category as NeedCategory, title: r.title,
    quantity: Number(r.quantity), unit: r.unit, estimatedCost: Number(r.estimated_cost), pledgedValue: sums.pledgedValue,
    remainingQuantity: open.quantity, remainingValue: open.value, status: needStatus(r.state, sums),
  };
}

/** Every need of the filter, newest first, in keyset batches (exports). */
export async function* allNeeds(db: Db, actor: Actor, f: ListFilter): AsyncGenerator<NeedExportLine[]> {
  const filter = scopeFilter(actor, f);
  const key = (r: repo.NeedExportRow) => [r.sort_at, r.id];
  const names = new repo.ExportNames();
  const source = exportBatches(db.engine, (after, limit, until) => repo.needsForExport(db, filter, after, limit, until, names), (after, size) => repo.needExportBoundary(db, filter, after, size), key);
  for await (const rows of source) yield rows.map(toExportLine);
}

/** A cluster's status on the map: the most open group among its needs. */
const RANK_STATUS = ['published', 'partly_pledged', 'fully_pledged', 'delivered'] as const;

/**
 * Needs on the map, clustered on the server: cells of about 40 pixels at the asked zoom (5, the
 * whole country, by default) within the box on screen. A cell of one need is that need (id, title,
 * status); a larger one has no id, its count, and the status of its most open group.
 */
export async function needPoints(db: Db, actor: Actor, f: ListFilter & { zoom?: number; bbox?: [number, number, number, number] }): Promise<MapPoints> {
  const { zoom = 5, bbox, ...filter } = f;
  const cells = await repo.mapCells(db, scopeFilter(actor, filter), mapCellSize(zoom), bbox ?? null);
  return {
    fields: ['id', 'title', 'lat', 'lng', 'status', 'category', 'remainingValue', 'count'],
    rows: cells.map((c) => [c.id, c.title, c.lat, c.lng, c.status ?? RANK_STATUS[Number(c.rank)], c.category, Number(c.remaining), Number(c.count)]),
  };
}

async function loadNeed(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lockNeed(db, id))) throw notFound('Không tìm thấy nhu cầu');
  const r = await repo.needById(db, id);
  if (!r) throw notFound('Không tìm thấy nhu cầu');
  return r;
}
const placed = (r: repo.NeedRow) => ({ schoolId: r.school_id, provinceCode: r.province_code, isPublic: PUBLIC_STATES.includes(r.state), communeCode: r.commune_code, levels: r.school_levels });

async function schoolOf(db: Db, schoolId: string) {
  const s = await repo.schoolPlace(db, schoolId);
  if (!s) throw notFound('Không tìm thấy trường');
  return s;
}

export async function getNeed(db: Db, actor: Actor, id: string): Promise<NeedDetail> {
  const r = await loadNeed(db, id);
  authorize(needPolicy, 'read', actor, placed(r));
  const [files, events, standing] = await Promise.all([repo.needFiles(db, [id]), repo.needEvents(db, id), pledgeStanding(db, actor)]);
  const pledging = needPledging(actor, { provinceCode: r.province_code });
  return {
    ...toNeed(r, files),
    history: events.map((e) => ({ action: e.action, from: e.from_state, to: e.to_state, reason: e.reason, at: new Date(e.at).toISOString(), actor: actor.userId ? e.actor : null })),
    can: {
      ...allowed(needPolicy, actor, placed(r), ['edit', 'submit', 'return', 'verify', 'publish', 'accept', 'close', 'withdraw']),
      // the ledger's rules: who pledges (a donor once vetted) or records a contribution against this need
      ...pledging,
      pledge: pledging.pledge && standing.mayPledge,
    },
    pledgeVetting: pledging.pledge && !standing.mayPledge ? standing.vetting : null,
  };
}

/** Public needs of a school, newest first (its public page). */
export const publicNeedsOfSchool = async (db: Db, actor: Actor, schoolId: string) =>
  (await listNeeds(db, actor, { schoolId, sort: 'recent', limit: 50, scope: 'public' })).items;

export async function createNeed(db: Db, actor: Actor, input: NeedInput) {
  return db.tx(async (t) => {
    const s = await schoolOf(t, input.schoolId);
    authorize(needPolicy, 'create', actor, { schoolId: input.schoolId, provinceCode: s.province_code, isPublic: false });
    // a need is published: it never names a pupil
    await refuseRecipientNames(t, [input.schoolId], [{ path: 'title', text: input.title }, { path: 'description', text: input.description }]);
    const title = cleanText(input.title)!;
    const id = await repo.insertNeed(t, {
      schoolId: input.schoolId, provinceCode: s.province_code, communeCode: s.commune_code, category: input.category, title, description: cleanLongText(input.description ?? null),
      quantity: input.quantity, unit: cleanText(input.unit)!, estimatedCost: input.estimatedCost, priority: input.priority, createdBy: actor.userId,
      search: fold(`${title} ${s.name} ${input.description ?? ''}`),
    });
    const after = toNeed((await repo.needById(t, id))!);
    await audit(t, actor, { entity: 'need', entityId: id, action: 'create', after });
    return after;
  });
}

export async function editNeed(db: Db, actor: Actor, id: string, patch: NeedPatch) {
  return db.tx(async (t) => {
    const r = await loadNeed(t, id, true);
    authorize(needPolicy, 'edit', actor, placed(r));
    if (!EDITABLE_STATES.includes(r.state)) throw conflict(`Chỉ sửa được nhu cầu ở trạng thái nháp hoặc bị trả lại (hiện: "${NEED_STATUS_LABELS[r.state as NeedStatus]}")`);
    await refuseRecipientNames(t, [r.school_id], [{ path: 'title', text: patch.title }, { path: 'description', text: patch.description }]);
    const title = cleanText(patch.title ?? r.title)!;
    const description = patch.description !== undefined ? cleanLongText(patch.description) : r.description;
    await repo.updateNeed(t, id, {
      category: patch.category ?? r.category, title, description, quantity: patch.quantity ?? Number(r.quantity), unit: cleanText(patch.unit ?? r.unit)!,
      estimatedCost: patch.estimatedCost ?? Number(r.estimated_cost), priority: patch.priority ?? r.priority, search: fold(`${title} ${r.school_name} ${description ?? ''}`),
    });
    const after = toNeed((await repo.needById(t, id))!);
    await audit(t, actor, { entity: 'need', entityId: id, action: 'update', before: toNeed(r), after });
    return after;
  });
}

/**
 * Who is told that a school's need awaits verification: its first verifier (`needVerifier`), the
 * commune's People's Committee for a preschool, primary or lower-secondary school, otherwise the
 * Department of the school's province (also when the commune has no committee in the system).
 */
export async function needVerifiers(db: Db, need: { province_code: string; commune_code: string; school_levels: string[] }): Promise<string[]> {
  if (needVerifier({ levels: need.school_levels }) === 'commune') {
    const committee = await repo.communeCommitteeOf(db, need.province_code, need.commune_code);
    if (committee) return [committee.id];
  }
  const dept = await repo.departmentOf(db, need.province_code);
  return dept ? [dept.id] : [];
}

/** Move a need through its lifecycle; every forbidden move is refused with a reason in Vietnamese. */
export async function transitionNeed(db: Db, actor: Actor, id: string, action: NeedAction, opts: { reason?: string | null; note?: string | null; publish?: boolean; files?: FormFile[] }) {
  await checkUploads(opts.files ?? [], { imagesOrPdf: true });
  return db.tx(async (t) => {
    const r = await loadNeed(t, id, true);
    authorize(needPolicy, action, actor, placed(r));
    // verify and publish in one step, when the Department chooses to
    const andPublish = action === 'verify' && opts.publish === true;
    if (andPublish) authorize(needPolicy, 'publish', actor, placed(r));
    await refuseRecipientNames(t, [r.school_id], [{ path: 'reason', text: opts.reason }, { path: 'note', text: opts.note }]);
    const before = toNeed(r);
    const stored = [];
    for (const f of opts.files ?? []) stored.push(await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'need', id }, public: true, neutralName: 'nghiem-thu', imagesOrPdf: true }));
    const existing = action === 'accept' ? (await repo.needFiles(t, [id])).filter((f) => f.purpose === 'acceptance').length : 0;
    const next = needTransition(before.status, action, { reason: opts.reason, pledgeCount: before.pledgeCount, evidenceCount: existing + stored.length });
    if ('error' in next) throw conflict(next.error);
    const set: Record<string, unknown> = {};
    if (action === 'verify') set.verified_by = actor.userId;
    if (action === 'return') set.return_reason = cleanText(opts.reason ?? null);
    if (action === 'withdraw') set.withdraw_reason = cleanText(opts.reason ?? null);
    if (action === 'accept') set.acceptance_note = cleanLongText(opts.note ?? null);
    const moved = await repo.moveNeed(t, id, { action, from: r.state, to: next.to, actorId: actor.userId, eventReason: cleanText(opts.reason ?? opts.note ?? null), set });
    if (!moved) throw conflict('Nhu cầu vừa được thay đổi bởi một thao tác khác; hãy tải lại trang');
    if (andPublish) await repo.moveNeed(t, id, { action: 'publish', from: next.to, to: 'published', actorId: actor.userId, eventReason: null, set: {} });
    for (const f of stored) await repo.addNeedFile(t, id, f.id, 'acceptance');
    const after = toNeed((await repo.needById(t, id))!);
    await audit(t, actor, { entity: 'need', entityId: id, action: andPublish ? 'verify_publish' : action, before, after });
    // tell the school when the Department verifies or returns; the Department when evidence is accepted
    const notes: NewNotification[] = [];
    const link = `/nhu-cau/${id}`;
    if (action === 'submit') for (const org of await needVerifiers(t, r)) notes.push({ organisationId: org, kind: 'need_submitted', params: { needTitle: r.title, schoolName: r.school_name }, link });
    if (action === 'verify' || action === 'publish') notes.push({ organisationId: r.school_id, kind: `need_${action}`, params: { needTitle: r.title }, link });
    if (andPublish) notes.push({ organisationId: r.school_id, kind: 'need_publish', params: { needTitle: r.title }, link });
    if (action === 'return') notes.push({ organisationId: r.school_id, kind: 'need_return', params: { needTitle: r.title, reason: cleanText(opts.reason ?? null) ?? '' }, link });
    if (action === 'accept') {
      const dept = await repo.departmentOf(t, r.province_code);
      if (dept) notes.push({ organisationId: dept.id, kind: 'need_accepted', params: { needTitle: r.title, schoolName: r.school_name }, link });
    }
    await notifyMany(t, notes);
    return after;
  });
}

export async function addPhotos(db: Db, actor: Actor, id: string, files: FormFile[]) {
  if (!files.length) throw invalid('Chưa chọn ảnh', [{ path: 'files', message: 'Chọn ít nhất một ảnh' }]);
  await checkUploads(files, { imagesOnly: true, maxBytes: 5 * 1024 * 1024 });
  return db.tx(async (t) => {
    const r = await loadNeed(t, id, true);
    authorize(needPolicy, 'edit', actor, placed(r));
    if (FINISHED_STATES.includes(r.state)) throw conflict('Nhu cầu đã kết thúc, không thêm ảnh');
    const count = (await repo.needFiles(t, [id])).filter((f) => f.purpose === 'photo').length;
    if (count + files.length > 10) throw invalid('Tối đa 10 ảnh cho một nhu cầu', [{ path: 'files', message: `Đã có ${count} ảnh` }]);
    const out = [];
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'need', id }, public: true, neutralName: 'anh-nhu-cau', imagesOnly: true, maxBytes: 5 * 1024 * 1024 });
      await repo.addNeedFile(t, id, sf.id, 'photo');
      out.push({ id: sf.id, name: sf.name, mime: sf.mime });
    }
    await audit(t, actor, { entity: 'need', entityId: id, action: 'add_photos', after: { photos: out.map((p) => p.name) } });
    return out;
  });
}

/**
 * Re-place the needs of schools that moved, inside the schools module's transaction: a need's
 * province (who verifies it, who sees its draft) is always its school's.
 */
export async function followSchools(t: Db, schoolIds: string[]): Promise<void> {
  if (schoolIds.length) await repo.followSchools(t, schoolIds);
}

/** Files of a need (photos, acceptance evidence) are read by whoever may read the need: everyone once it is public. */
export async function mayReadNeedFile(db: Db, actor: Actor, needId: string): Promise<boolean> {
  const r = await repo.needById(db, needId);
  return !!r && can(needPolicy, 'read', actor, placed(r));
}
