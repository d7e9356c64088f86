import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { storeFile } from '../../platform/files.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import * as repo from './repository.js';
import { needPolicy, surveyPolicy } from './policy.js';
import {
  hygieneService, needStatus, needTransition, remainder, sanitationService, waterService,
  NEED_STATUS_LABELS, type NeedAction, type NeedState, type NeedStatus,
} from './domain.js';

// ---------- facility surveys ----------

export interface SurveyInput {
  classroomsSolid: number; classroomsSemiSolid: number; classroomsTemporary: number; classroomsLacking: number; subjectRooms: number;
  subjectRoomsLacking: number; toiletsTotal: number; toiletsStandard: number; toiletsImproved: boolean; toiletsSingleSex: boolean; toiletsUsable: boolean;
  waterSource: string; waterAvailable: boolean; handwashing: string; electricity: string; roadAccess: string; boardingPlaces: number;
  semiBoardingPlaces: number; kitchen: boolean; teachingEquipment: string; computers: number; internet: boolean; note?: string | null;
}

const SURVEY_COLS: [keyof SurveyInput, string][] = [
  ['classroomsSolid', 'classrooms_solid'], ['classroomsSemiSolid', 'classrooms_semi_solid'], ['classroomsTemporary', 'classrooms_temporary'],
  ['classroomsLacking', 'classrooms_lacking'], ['subjectRooms', 'subject_rooms'], ['subjectRoomsLacking', 'subject_rooms_lacking'],
  ['toiletsTotal', 'toilets_total'], ['toiletsStandard', 'toilets_standard'], ['toiletsImproved', 'toilets_improved'], ['toiletsSingleSex', 'toilets_single_sex'],
  ['toiletsUsable', 'toilets_usable'], ['waterSource', 'water_source'], ['waterAvailable', 'water_available'], ['handwashing', 'handwashing'],
  ['electricity', 'electricity'], ['roadAccess', 'road_access'], ['boardingPlaces', 'boarding_places'], ['semiBoardingPlaces', 'semi_boarding_places'],
  ['kitchen', 'kitchen'], ['teachingEquipment', 'teaching_equipment'], ['computers', 'computers'], ['internet', 'internet'], ['note', 'note'],
];

type SurveyRow = Record<string, unknown> & { school_year: string; water_service: string; sanitation_service: string; hygiene_service: string; updated_at: Date };
const toSurvey = (r: SurveyRow) => ({
  schoolYear: r.school_year,
  ...Object.fromEntries(SURVEY_COLS.map(([k, c]) => [k, r[c]])),
  waterService: r.water_service, sanitationService: r.sanitation_service, hygieneService: r.hygiene_service, updatedAt: new Date(r.updated_at).toISOString(),
});

async function schoolPlace(db: Db, schoolId: string) {
  const s = await db.maybeOne<{ province_code: string; commune_code: string; name: string }>('SELECT province_code, commune_code, name FROM school WHERE organisation_id = $1', [schoolId]);
  if (!s) throw notFound('Không tìm thấy trường');
  return s;
}

export async function surveys(db: Db, schoolId: string) {
  await schoolPlace(db, schoolId);
  return (await db.query<SurveyRow>('SELECT * FROM facility_survey WHERE school_id = $1 ORDER BY school_year DESC', [schoolId])).map(toSurvey);
}

export async function saveSurvey(db: Db, actor: Actor, schoolId: string, schoolYear: string, input: SurveyInput) {
  const [y1, y2] = schoolYear.split('-').map(Number);
  if (!/^\d{4}-\d{4}$/.test(schoolYear) || y2 !== y1 + 1) throw invalid('Năm học không hợp lệ', [{ path: 'schoolYear', message: 'Năm học có dạng 2026-2027' }]);
  if (input.toiletsStandard > input.toiletsTotal) throw invalid('Số nhà vệ sinh đạt chuẩn lớn hơn tổng số', [{ path: 'toiletsStandard', message: 'Không được lớn hơn tổng số nhà vệ sinh' }]);
  return db.tx(async (t) => {
    const s = await schoolPlace(t, schoolId);
    authorize(surveyPolicy, 'write', actor, { schoolId, provinceCode: s.province_code });
    const before = await t.maybeOne<SurveyRow>('SELECT * FROM facility_survey WHERE school_id = $1 AND school_year = $2', [schoolId, schoolYear]);
    const levels = {
      water_service: waterService(input.waterSource, input.waterAvailable),
      sanitation_service: sanitationService(input.toiletsTotal, input.toiletsImproved, input.toiletsSingleSex, input.toiletsUsable),
      hygiene_service: hygieneService(input.handwashing),
    };
    const cols = SURVEY_COLS.map(([, c]) => c);
    const vals = SURVEY_COLS.map(([k]) => (k === 'note' ? cleanText(input.note ?? null) : input[k]));
    const all = [...cols, 'water_service', 'sanitation_service', 'hygiene_service'];
    const params = [schoolId, schoolYear, ...vals, levels.water_service, levels.sanitation_service, levels.hygiene_service, actor.userId];
    const row = await t.one<SurveyRow>(
      `INSERT INTO facility_survey (school_id, school_year, ${all.join(', ')}, updated_by)
       VALUES ($1, $2, ${all.map((_, i) => `$${i + 3}`).join(', ')}, $${all.length + 3})
       ON CONFLICT (school_id, school_year) DO UPDATE SET ${all.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *`,
      params,
    );
    await audit(t, actor, { entity: 'facility_survey', entityId: `${schoolId}:${schoolYear}`, action: before ? 'update' : 'create', before: before ? toSurvey(before) : undefined, after: toSurvey(row) });
    return toSurvey(row);
  });
}

/** Schools with their latest survey's service levels, for the map layer. */
export async function surveyPoints(db: Db, f: { schoolYear?: string; provinceCode?: string }) {
  const rows = await db.query<{ id: string; name: string; lat: number; lng: number; school_year: string; water_service: string; sanitation_service: string; hygiene_service: string }>(
    `SELECT DISTINCT ON (s.organisation_id) s.organisation_id AS id, s.name, s.lat, s.lng, f.school_year, f.water_service, f.sanitation_service, f.hygiene_service
       FROM facility_survey f JOIN school s ON s.organisation_id = f.school_id
      WHERE s.lat IS NOT NULL AND ($1::text IS NULL OR f.school_year = $1) AND ($2::text IS NULL OR s.province_code = $2)
      ORDER BY s.organisation_id, f.school_year DESC`,
    [f.schoolYear ?? null, f.provinceCode ?? null],
  );
  return { fields: ['id', 'name', 'lat', 'lng', 'schoolYear', 'water', 'sanitation', 'hygiene'], rows: rows.map((r) => [r.id, r.name, r.lat, r.lng, r.school_year, r.water_service, r.sanitation_service, r.hygiene_service]) };
}

// ---------- needs ----------

export const PUBLIC_STATES: NeedState[] = ['published', 'accepted', 'closed'];

export function toNeed(r: repo.NeedRow, files: { id: string; name: string; mime: string; purpose: string }[] = []) {
  const sums = repo.sumsOf(r);
  const status = needStatus(r.state, Number(r.quantity), sums);
  const open = remainder(Number(r.quantity), Number(r.estimated_cost), sums);
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, schoolCode: r.school_code, schoolLevels: r.school_levels, provinceCode: r.province_code,
    provinceName: r.province_name, communeCode: r.commune_code, communeName: r.commune_name, communeFlags: r.commune_flags ?? [], lat: r.lat, lng: r.lng,
    category: r.category, title: r.title, description: r.description, quantity: Number(r.quantity), unit: r.unit, estimatedCost: Number(r.estimated_cost),
    priority: r.priority, state: r.state, status, statusLabel: NEED_STATUS_LABELS[status], returnReason: r.return_reason, withdrawReason: r.withdraw_reason,
    acceptanceNote: r.acceptance_note, pledgedQuantity: sums.pledgedQuantity, pledgedValue: sums.pledgedValue, receivedQuantity: sums.receivedQuantity,
    receivedValue: sums.receivedValue, remainingQuantity: open.quantity, remainingValue: open.value, createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    photos: files.filter((f) => f.purpose === 'photo').map((f) => ({ id: f.id, name: f.name })),
    acceptanceEvidence: files.filter((f) => f.purpose === 'acceptance').map((f) => ({ id: f.id, name: f.name })),
  };
}
export type Need = ReturnType<typeof toNeed>;

/** Which needs an actor may list: the public sees published ones; others also see their own scope's drafts. */
function scopeFilter(actor: Actor, f: repo.NeedFilter & { scope?: 'public' | 'mine' }): repo.NeedFilter {
  if (f.scope === 'mine' && actor.userId) {
    if (actor.role === 'school') return { ...f, schoolId: actor.organisationId! };
    if (actor.role === 'department') return { ...f, provinceCode: actor.provinceCode! };
    if (actor.role === 'admin' || actor.role === 'ministry') return f;
  }
  return { ...f, states: (f.states ?? PUBLIC_STATES).filter((s) => PUBLIC_STATES.includes(s)) };
}

export async function listNeeds(db: Db, actor: Actor, f: repo.NeedFilter & { scope?: 'public' | 'mine'; sort: 'urgency' | 'remaining' | 'recent'; cursor?: string; limit: number }) {
  const filter = scopeFilter(actor, { ...f, q: f.q ? fold(f.q) || undefined : undefined });
  const after = decodeCursor(f.cursor, 2);
  const [rows, total] = await Promise.all([repo.needs(db, filter, f.sort, after, f.limit + 1), repo.countNeeds(db, filter)]);
  const page = rows.slice(0, f.limit) as (repo.NeedRow & { sort_key: number })[];
  const files = await repo.needFiles(db, page.map((r) => r.id));
  const last = page[page.length - 1];
  return { items: page.map((r) => toNeed(r, files.filter((x) => x.need_id === r.id))), nextCursor: rows.length > f.limit && last ? encodeCursor([Number(last.sort_key), last.id]) : null, total };
}

export async function* allNeeds(db: Db, actor: Actor, f: repo.NeedFilter & { scope?: 'public' | 'mine' }) {
  const filter = scopeFilter(actor, { ...f, q: f.q ? fold(f.q) || undefined : undefined });
  let after: unknown[] | null = null;
  for (;;) {
    const rows = (await repo.needs(db, filter, 'recent', after, 2000)) as (repo.NeedRow & { sort_key: number })[];
    if (!rows.length) return;
    yield rows.map((r) => toNeed(r));
    const last = rows[rows.length - 1];
    after = [Number(last.sort_key), last.id];
  }
}

export async function needPoints(db: Db, actor: Actor, f: repo.NeedFilter) {
  const filter = scopeFilter(actor, f);
  const rows = (await repo.needs(db, filter, 'urgency', null, 50_000)).filter((r) => r.lat !== null);
  return { fields: ['id', 'title', 'lat', 'lng', 'status', 'category', 'remainingValue'], rows: rows.map((r) => { const n = toNeed(r); return [n.id, n.title, n.lat!, n.lng!, n.status, n.category, n.remainingValue]; }) };
}

async function loadNeed(db: Db, id: string) {
  const r = await repo.needById(db, id);
  if (!r) throw notFound('Không tìm thấy nhu cầu');
  return r;
}
const placed = (r: repo.NeedRow) => ({ schoolId: r.school_id, provinceCode: r.province_code, isPublic: PUBLIC_STATES.includes(r.state) });

export async function getNeed(db: Db, actor: Actor, id: string) {
  const r = await loadNeed(db, id);
  authorize(needPolicy, 'read', actor, placed(r));
  const [files, events] = await Promise.all([repo.needFiles(db, [id]), repo.needEvents(db, id)]);
  const need = toNeed(r, files);
  const permissions = Object.fromEntries((['edit', 'submit', 'return', 'verify', 'publish', 'accept', 'close', 'withdraw'] as const).map((a) => [a, can(needPolicy, a, actor, placed(r))]));
  return { ...need, history: events.map((e) => ({ action: e.action, from: e.from_state, to: e.to_state, reason: e.reason, at: new Date(e.at).toISOString(), actor: actor.userId ? e.actor : null })), permissions };
}

export interface NeedInput { schoolId: string; category: string; title: string; description?: string | null; quantity: number; unit: string; estimatedCost: number; priority: string }

export async function createNeed(db: Db, actor: Actor, input: NeedInput) {
  return db.tx(async (t) => {
    const s = await schoolPlace(t, input.schoolId);
    authorize(needPolicy, 'create', actor, { schoolId: input.schoolId, provinceCode: s.province_code, isPublic: false });
    const title = cleanText(input.title)!;
    const r = await t.one<{ id: string }>(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, created_by, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [input.schoolId, s.province_code, s.commune_code, input.category, title, cleanLongText(input.description ?? null), input.quantity, cleanText(input.unit), input.estimatedCost, input.priority, actor.userId, fold(`${title} ${s.name} ${input.description ?? ''}`)],
    );
    await t.query(`INSERT INTO need_event (need_id, action, to_state, actor_id) VALUES ($1, 'create', 'draft', $2)`, [r.id, actor.userId]);
    const after = toNeed((await repo.needById(t, r.id))!);
    await audit(t, actor, { entity: 'need', entityId: r.id, action: 'create', after });
    return after;
  });
}

export async function editNeed(db: Db, actor: Actor, id: string, patch: Partial<Omit<NeedInput, 'schoolId'>>) {
  return db.tx(async (t) => {
    const r = await loadNeed(t, id);
    authorize(needPolicy, 'edit', actor, placed(r));
    if (!['draft', 'returned'].includes(r.state)) throw conflict(`Chỉ sửa được nhu cầu ở trạng thái nháp hoặc bị trả lại (hiện: "${NEED_STATUS_LABELS[r.state as NeedStatus]}")`);
    const next = { category: patch.category ?? r.category, title: cleanText(patch.title ?? r.title)!, description: patch.description !== undefined ? cleanLongText(patch.description) : r.description, quantity: patch.quantity ?? Number(r.quantity), unit: cleanText(patch.unit ?? r.unit)!, estimatedCost: patch.estimatedCost ?? Number(r.estimated_cost), priority: patch.priority ?? r.priority };
    await t.query(
      `UPDATE need SET category = $2, title = $3, description = $4, quantity = $5, unit = $6, estimated_cost = $7, priority = $8, search = $9, updated_at = now() WHERE id = $1`,
      [id, next.category, next.title, next.description, next.quantity, next.unit, next.estimatedCost, next.priority, fold(`${next.title} ${r.school_name} ${next.description ?? ''}`)],
    );
    const after = toNeed((await repo.needById(t, id))!);
    await audit(t, actor, { entity: 'need', entityId: id, action: 'update', before: toNeed(r), after });
    return after;
  });
}

const TIMESTAMP: Partial<Record<NeedAction, string>> = { submit: 'submitted_at', verify: 'verified_at', publish: 'published_at', accept: 'accepted_at', close: 'closed_at' };

/** Move a need through its lifecycle; every forbidden move is refused with a reason in Vietnamese. */
export async function transitionNeed(db: Db, actor: Actor, id: string, action: NeedAction, opts: { reason?: string | null; note?: string | null; files?: { filename: string; data: Buffer }[] }) {
  const result = await db.tx(async (t) => {
    const r = await loadNeed(t, id);
    authorize(needPolicy, action, actor, placed(r));
    const before = toNeed(r);
    const stored = [];
    for (const f of opts.files ?? []) stored.push(await storeFile(t, actor.userId, f.filename, f.data, { public: true, imagesOrPdf: true }));
    const existing = action === 'accept' ? (await repo.needFiles(t, [id])).filter((f) => f.purpose === 'acceptance').length : 0;
    const next = needTransition(before.status, action, { reason: opts.reason, pledgedQuantity: before.pledgedQuantity, evidenceCount: existing + stored.length });
    if ('error' in next) throw conflict(next.error);
    const sets = ['state = $2', 'updated_at = now()'];
    const params: unknown[] = [id, next.to];
    const set = (col: string, v: unknown) => { params.push(v); sets.push(`${col} = $${params.length}`); };
    const ts = TIMESTAMP[action];
    if (ts) sets.push(`${ts} = now()`);
    if (action === 'verify') set('verified_by', actor.userId);
    if (action === 'return') set('return_reason', cleanText(opts.reason ?? null));
    if (action === 'withdraw') set('withdraw_reason', cleanText(opts.reason ?? null));
    if (action === 'accept') set('acceptance_note', cleanLongText(opts.note ?? null));
    await t.query(`UPDATE need SET ${sets.join(', ')} WHERE id = $1`, params);
    for (const f of stored) await t.query(`INSERT INTO need_file (need_id, file_id, purpose) VALUES ($1, $2, 'acceptance')`, [id, f.id]);
    await t.query('INSERT INTO need_event (need_id, action, from_state, to_state, reason, actor_id) VALUES ($1, $2, $3, $4, $5, $6)', [id, action, r.state, next.to, cleanText(opts.reason ?? opts.note ?? null), actor.userId]);
    const after = toNeed((await repo.needById(t, id))!);
    await audit(t, actor, { entity: 'need', entityId: id, action, before, after });
    // tell the school when the Department verifies or returns; the Department when evidence is accepted
    const notes = [];
    if (action === 'verify' || action === 'return' || action === 'publish') {
      notes.push({ organisationId: r.school_id, kind: `need_${action}`, title: action === 'return' ? `Nhu cầu bị trả lại: ${r.title}` : action === 'verify' ? `Nhu cầu đã được xác minh: ${r.title}` : `Nhu cầu đã được công bố: ${r.title}`, body: action === 'return' ? `Lý do: ${opts.reason}` : `Nhu cầu "${r.title}" đã chuyển sang trạng thái "${after.statusLabel}".`, link: `/nhu-cau/${id}` });
    }
    if (action === 'accept') {
      const dept = await t.maybeOne<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'department' AND province_code = $1`, [r.province_code]);
      if (dept) notes.push({ organisationId: dept.id, kind: 'need_accepted', title: `Đã nghiệm thu: ${r.title}`, body: `${r.school_name} đã nghiệm thu nhu cầu "${r.title}" kèm minh chứng.`, link: `/nhu-cau/${id}` });
    }
    await notifyMany(t, notes);
    return after;
  });
  return result;
}

export async function addPhotos(db: Db, actor: Actor, id: string, files: { filename: string; data: Buffer }[]) {
  if (!files.length) throw invalid('Chưa chọn ảnh', [{ path: 'files', message: 'Chọn ít nhất một ảnh' }]);
  return db.tx(async (t) => {
    const r = await loadNeed(t, id);
    authorize(needPolicy, 'edit', actor, placed(r));
    if (['accepted', 'closed', 'withdrawn'].includes(r.state)) throw conflict('Nhu cầu đã kết thúc, không thêm ảnh');
    const count = (await repo.needFiles(t, [id])).filter((f) => f.purpose === 'photo').length;
    if (count + files.length > 10) throw invalid('Tối đa 10 ảnh cho một nhu cầu', [{ path: 'files', message: `Đã có ${count} ảnh` }]);
    const out = [];
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { public: true, imagesOnly: true, maxBytes: 5 * 1024 * 1024 });
      await t.query(`INSERT INTO need_file (need_id, file_id, purpose) VALUES ($1, $2, 'photo')`, [id, sf.id]);
      out.push({ id: sf.id, name: sf.name });
    }
    await audit(t, actor, { entity: 'need', entityId: id, action: 'add_photos', after: { photos: out.map((p) => p.name) } });
    return out;
  });
}
