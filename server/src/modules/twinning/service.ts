import type { Db } from '../../platform/db.js';
import { SYSTEM, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { storeFile } from '../../platform/files.js';
import { cleanLongText, cleanText } from '../../platform/text.js';
import { notifyMany } from '../notifications/service.js';
import * as ledger from '../ledger/service.js';
import { activityPolicy, pairPolicy, reportPolicy, type PairTarget, type ReportTarget } from './policy.js';
import {
  BORDER_PROVINCES, HANOI, SUPPORT_CATEGORY, calendar, isValidKind, rankPartners, reportDue, reportFigures,
  type ActivityKind, type ReportFigures,
} from './domain.js';

interface PairRow {
  id: string; hanoi_school_id: string | null; hanoi_school_name: string | null; hanoi_cluster_id: string | null; hanoi_cluster_name: string | null;
  cluster_of_school: string | null; cluster_of_school_name: string | null; border_school_id: string; border_school_name: string; border_province: string;
  border_province_name: string; border_commune_name: string; start_year: number; status: string; note: string | null; created_at: Date;
  hanoi_lat: number | null; hanoi_lng: number | null; border_lat: number | null; border_lng: number | null; activities: number;
}

const PAIR_SELECT = (yearParam: string) => `SELECT p.id, p.hanoi_school_id, hs.name AS hanoi_school_name, p.hanoi_cluster_id, hc.name AS hanoi_cluster_name,
    hs.cluster_id AS cluster_of_school, sc.name AS cluster_of_school_name, p.border_school_id, bs.name AS border_school_name, bs.province_code AS border_province,
    bp.name AS border_province_name, bc.full_name AS border_commune_name, p.start_year, p.status, p.note, p.created_at,
    hs.lat AS hanoi_lat, hs.lng AS hanoi_lng, bs.lat AS border_lat, bs.lng AS border_lng,
    (SELECT count(*) FROM twinning_activity a WHERE a.pair_id = p.id AND extract(year FROM a.held_on) = ${yearParam}) AS activities
  FROM twinning_pair p
  LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id
  LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
  LEFT JOIN organisation sc ON sc.id = hs.cluster_id
  JOIN school bs ON bs.organisation_id = p.border_school_id
  JOIN area bp ON bp.era = 'current' AND bp.level = 'province' AND bp.code = bs.province_code
  JOIN area bc ON bc.era = 'current' AND bc.level = 'commune' AND bc.code = bs.commune_code`;

const target = (r: PairRow): PairTarget => ({ hanoiSchoolId: r.hanoi_school_id, hanoiClusterId: r.hanoi_cluster_id, hanoiClusterOfSchool: r.cluster_of_school, borderSchoolId: r.border_school_id, borderProvince: r.border_province });

export const toPair = (r: PairRow) => ({
  id: r.id, hanoiSchoolId: r.hanoi_school_id, hanoiSchoolName: r.hanoi_school_name, hanoiClusterId: r.hanoi_cluster_id ?? r.cluster_of_school,
  hanoiClusterName: r.hanoi_cluster_name ?? r.cluster_of_school_name, hanoiSide: r.hanoi_school_name ?? r.hanoi_cluster_name ?? '', hanoiProvinceCode: HANOI,
  onBehalfOfCluster: r.hanoi_cluster_id !== null, borderSchoolId: r.border_school_id, borderSchoolName: r.border_school_name, borderProvinceCode: r.border_province,
  borderProvinceName: r.border_province_name, borderCommuneName: r.border_commune_name, startYear: Number(r.start_year), status: r.status, note: r.note,
  activitiesThisYear: Number(r.activities), line: r.hanoi_lat !== null && r.border_lat !== null ? [[r.hanoi_lng, r.hanoi_lat], [r.border_lng, r.border_lat]] : null,
});
export type Pair = ReturnType<typeof toPair>;

export interface PairFilter { year: number; status?: string; provinceCode?: string; clusterId?: string; schoolId?: string }

export async function listPairs(db: Db, f: PairFilter): Promise<Pair[]> {
  const rows = await db.query<PairRow>(
    `${PAIR_SELECT('$1')} WHERE ($2::text IS NULL OR p.status = $2) AND ($3::text IS NULL OR bs.province_code = $3)
       AND ($4::uuid IS NULL OR p.hanoi_cluster_id = $4 OR hs.cluster_id = $4) AND ($5::uuid IS NULL OR p.hanoi_school_id = $5 OR p.border_school_id = $5)
     ORDER BY hs.name COLLATE "und-x-icu" NULLS LAST, hc.name, bs.name COLLATE "und-x-icu"`,
    [f.year, f.status ?? null, f.provinceCode ?? null, f.clusterId ?? null, f.schoolId ?? null],
  );
  return rows.map(toPair);
}

async function loadPair(db: Db, id: string, year: number): Promise<PairRow> {
  const r = await db.maybeOne<PairRow>(`${PAIR_SELECT('$2')} WHERE p.id = $1`, [id, year]);
  if (!r) throw notFound('Không tìm thấy cặp kết nghĩa');
  return r;
}

async function borderSchoolCheck(db: Db, schoolId: string) {
  const s = await db.maybeOne<{ province_code: string; flags: string[]; name: string }>(
    `SELECT s.province_code, c.flags, s.name FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code WHERE s.organisation_id = $1`, [schoolId]);
  if (!s) throw invalid('Không tìm thấy trường biên giới', [{ path: 'borderSchoolId', message: 'Trường không tồn tại' }]);
  if (!BORDER_PROVINCES.includes(s.province_code)) throw invalid('Trường kết nghĩa phải thuộc Sơn La, Lai Châu hoặc Điện Biên', [{ path: 'borderSchoolId', message: 'Không thuộc ba tỉnh của kế hoạch' }]);
  if (!s.flags.includes('border')) throw invalid('Trường không ở xã biên giới', [{ path: 'borderSchoolId', message: 'Xã của trường chưa được đánh dấu là xã biên giới' }]);
  return s;
}

export async function createPair(db: Db, actor: Actor, input: { hanoiSchoolId?: string | null; hanoiClusterId?: string | null; borderSchoolId: string; startYear: number; note?: string | null }) {
  authorize(pairPolicy, 'manage', actor, { hanoiSchoolId: null, hanoiClusterId: null, hanoiClusterOfSchool: null, borderSchoolId: input.borderSchoolId, borderProvince: '' });
  if (!input.hanoiSchoolId === !input.hanoiClusterId) throw invalid('Chọn một trường Hà Nội hoặc một cụm trường', [{ path: 'hanoiSchoolId', message: 'Chọn đúng một trong hai' }]);
  return db.tx(async (t) => {
    if (input.hanoiSchoolId) {
      const h = await t.maybeOne<{ province_code: string }>('SELECT province_code FROM school WHERE organisation_id = $1', [input.hanoiSchoolId]);
      if (!h || h.province_code !== HANOI) throw invalid('Trường kết nghĩa phía Hà Nội phải là trường của Hà Nội', [{ path: 'hanoiSchoolId', message: 'Không phải trường Hà Nội' }]);
    } else {
      const c = await t.maybeOne<{ kind: string; province_code: string | null }>('SELECT kind, province_code FROM organisation WHERE id = $1', [input.hanoiClusterId]);
      if (!c || c.kind !== 'cluster' || c.province_code !== HANOI) throw invalid('Không tìm thấy cụm trường của Hà Nội', [{ path: 'hanoiClusterId', message: 'Không hợp lệ' }]);
    }
    await borderSchoolCheck(t, input.borderSchoolId);
    const dup = await t.maybeOne(`SELECT 1 FROM twinning_pair WHERE border_school_id = $1 AND status <> 'ended' AND (hanoi_school_id = $2 OR hanoi_cluster_id = $3)`, [input.borderSchoolId, input.hanoiSchoolId ?? null, input.hanoiClusterId ?? null]);
    if (dup) throw conflict('Hai đơn vị này đã kết nghĩa');
    const r = await t.one<{ id: string }>(
      `INSERT INTO twinning_pair (hanoi_school_id, hanoi_cluster_id, border_school_id, start_year, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.hanoiSchoolId ?? null, input.hanoiClusterId ?? null, input.borderSchoolId, input.startYear, cleanText(input.note ?? null), actor.userId],
    );
    await t.query(`INSERT INTO twinning_pair_event (pair_id, status, reason, actor_id) VALUES ($1, 'active', 'Ghép cặp', $2)`, [r.id, actor.userId]);
    const pair = toPair(await loadPair(t, r.id, input.startYear));
    await audit(t, actor, { entity: 'twinning_pair', entityId: r.id, action: 'create', after: pair });
    await notifyMany(t, [input.hanoiSchoolId, input.borderSchoolId].filter((x): x is string => !!x).map((org) => ({ organisationId: org, kind: 'pair_created', title: `Kết nghĩa: ${pair.hanoiSide} – ${pair.borderSchoolName}`, body: `Sở GDĐT Hà Nội đã ghép cặp kết nghĩa từ năm ${input.startYear}. Hãy xây dựng kế hoạch hoạt động của cặp.`, link: `/ket-nghia/${r.id}` })));
    return pair;
  });
}

export async function setPairStatus(db: Db, actor: Actor, clock: Clock, id: string, status: 'active' | 'paused' | 'ended', reason: string | null) {
  return db.tx(async (t) => {
    const r = await loadPair(t, id, Number(vnDate(clock.now()).slice(0, 4)));
    authorize(pairPolicy, 'manage', actor, target(r));
    if (r.status === 'ended') throw conflict('Cặp kết nghĩa đã kết thúc, không đổi trạng thái được');
    if (r.status === status) throw conflict('Cặp đã ở trạng thái này');
    if (status !== 'active' && !reason?.trim()) throw invalid('Cần nêu lý do', [{ path: 'reason', message: 'Bắt buộc khi tạm dừng hoặc kết thúc' }]);
    await t.query('UPDATE twinning_pair SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
    await t.query('INSERT INTO twinning_pair_event (pair_id, status, reason, actor_id) VALUES ($1, $2, $3, $4)', [id, status, cleanText(reason), actor.userId]);
    const after = toPair(await loadPair(t, id, Number(vnDate(clock.now()).slice(0, 4))));
    await audit(t, actor, { entity: 'twinning_pair', entityId: id, action: `status_${status}`, before: toPair(r), after });
    return after;
  });
}

/** Border schools ranked as partners for a Hanoi school: same level first, then those with fewest partners. */
export async function suggestions(db: Db, hanoiSchoolId: string, provinceCode?: string) {
  const h = await db.maybeOne<{ levels: string[]; province_code: string }>('SELECT levels, province_code FROM school WHERE organisation_id = $1', [hanoiSchoolId]);
  if (!h || h.province_code !== HANOI) throw invalid('Chọn một trường của Hà Nội', [{ path: 'hanoiSchoolId', message: 'Không phải trường Hà Nội' }]);
  const rows = await db.query<{ id: string; name: string; levels: string[]; province_code: string; province_name: string; commune_name: string; partners: number }>(
    `SELECT s.organisation_id AS id, s.name, s.levels, s.province_code, p.name AS province_name, c.full_name AS commune_name,
            (SELECT count(*) FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.status <> 'ended') AS partners
       FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code
       JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = s.province_code
      WHERE s.province_code = ANY($1::text[]) AND 'border' = ANY(c.flags) AND ($2::text IS NULL OR s.province_code = $2)
        AND NOT EXISTS (SELECT 1 FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.hanoi_school_id = $3 AND tp.status <> 'ended')`,
    [BORDER_PROVINCES, provinceCode ?? null, hanoiSchoolId],
  );
  return rankPartners(h.levels, rows.map((r) => ({ ...r, partners: Number(r.partners) }))).slice(0, 50)
    .map((r) => ({ id: r.id, name: r.name, levels: r.levels, provinceCode: r.province_code, provinceName: r.province_name, communeName: r.commune_name, partners: r.partners, levelMatch: r.levelMatch }));
}

interface ActivityRow { id: string; pair_id: string; held_on: string; kind: ActivityKind; sub_kind: string; mode: string | null; title: string; description: string | null; teachers: number; pupils: number; logged_by_school_id: string; logged_by_name: string; confirmed_at: Date | null; confirmation_note: string | null; support_value: number; files: { id: string; name: string }[] | null }
const ACTIVITY_SELECT = `SELECT a.id, a.pair_id, a.held_on, a.kind, a.sub_kind, a.mode, a.title, a.description, a.teachers, a.pupils, a.logged_by_school_id,
    ls.name AS logged_by_name, a.confirmed_at, a.confirmation_note,
    COALESCE((SELECT sum(value_vnd) FROM contribution k WHERE k.twinning_activity_id = a.id AND k.status <> 'cancelled'), 0) AS support_value,
    (SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name)) FROM twinning_activity_file af JOIN stored_file f ON f.id = af.file_id WHERE af.activity_id = a.id) AS files
  FROM twinning_activity a JOIN school ls ON ls.organisation_id = a.logged_by_school_id`;
const toActivity = (r: ActivityRow) => ({
  id: r.id, pairId: r.pair_id, heldOn: r.held_on, kind: r.kind, subKind: r.sub_kind, mode: r.mode, title: r.title, description: r.description, teachers: r.teachers, pupils: r.pupils,
  loggedBySchoolId: r.logged_by_school_id, loggedByName: r.logged_by_name, confirmed: r.confirmed_at !== null, confirmedAt: r.confirmed_at && new Date(r.confirmed_at).toISOString(),
  confirmationNote: r.confirmation_note, supportValue: Number(r.support_value), files: r.files ?? [],
});

export async function getPair(db: Db, actor: Actor, clock: Clock, id: string, year?: number) {
  const y = year ?? Number(vnDate(clock.now()).slice(0, 4));
  const r = await loadPair(db, id, y);
  authorize(pairPolicy, 'read', actor, target(r));
  const [history, plans, activities] = await Promise.all([
    db.query<{ status: string; reason: string | null; at: Date }>('SELECT status, reason, at FROM twinning_pair_event WHERE pair_id = $1 ORDER BY id', [id]),
    db.query<{ year: number; items: unknown[]; note: string | null; updated_at: Date }>('SELECT year, items, note, updated_at FROM twinning_plan WHERE pair_id = $1 ORDER BY year DESC', [id]),
    db.query<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.pair_id = $1 ORDER BY a.held_on DESC, a.created_at DESC`, [id]),
  ]);
  const t = target(r);
  return {
    ...toPair(r), year: y,
    history: history.map((h) => ({ status: h.status, reason: h.reason, at: new Date(h.at).toISOString() })),
    plans: plans.map((p) => ({ year: Number(p.year), items: p.items, note: p.note, updatedAt: new Date(p.updated_at).toISOString() })),
    activities: activities.map(toActivity).map((a) => ({ ...a, permissions: { edit: can(activityPolicy, 'edit', actor, { ...t, loggedBy: a.loggedBySchoolId }), confirm: !a.confirmed && can(activityPolicy, 'confirm', actor, { ...t, loggedBy: a.loggedBySchoolId }) } })),
    permissions: { manage: can(pairPolicy, 'manage', actor, t), plan: can(pairPolicy, 'plan', actor, t), log: can(pairPolicy, 'log', actor, t) },
  };
}

export async function savePlan(db: Db, actor: Actor, id: string, year: number, items: { kind: string; subKind: string; description: string; month?: number | null }[], note: string | null) {
  return db.tx(async (t) => {
    const r = await loadPair(t, id, year);
    authorize(pairPolicy, 'plan', actor, target(r));
    const bad = items.findIndex((i) => !isValidKind(i.kind, i.subKind));
    if (bad >= 0) throw invalid('Loại hoạt động không hợp lệ', [{ path: `items.${bad}`, message: 'Loại và nội dung hoạt động không khớp với mục II của kế hoạch' }]);
    const before = await t.maybeOne('SELECT items, note FROM twinning_plan WHERE pair_id = $1 AND year = $2', [id, year]);
    await t.query(
      `INSERT INTO twinning_plan (pair_id, year, items, note, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (pair_id, year) DO UPDATE SET items = EXCLUDED.items, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [id, year, JSON.stringify(items.map((i) => ({ ...i, description: cleanText(i.description) }))), cleanText(note), actor.userId],
    );
    await audit(t, actor, { entity: 'twinning_plan', entityId: `${id}:${year}`, action: before ? 'update' : 'create', before, after: { items, note } });
    return { year, items, note };
  });
}

export interface ActivityInput {
  heldOn: string; kind: ActivityKind; subKind: string; mode?: 'in_person' | 'online' | null; title: string; description?: string | null; teachers: number; pupils: number;
  support?: { form: 'money' | 'in_kind'; valueVnd: number; quantity?: number | null; unit?: string | null; description?: string | null } | null;
}

/** Log an activity; a material support with a value is also written to the contributions ledger. */
export async function logActivity(db: Db, actor: Actor, id: string, input: ActivityInput, files: { filename: string; data: Buffer }[]) {
  if (!isValidKind(input.kind, input.subKind)) throw invalid('Loại hoạt động không hợp lệ', [{ path: 'subKind', message: 'Không thuộc loại hoạt động đã chọn (mục II của kế hoạch)' }]);
  if (input.subKind === 'connected_classroom' && !input.mode) throw invalid('Cần chọn hình thức', [{ path: 'mode', message: '"Kết nối lớp học" trực tiếp hay trực tuyến' }]);
  if (input.support && input.kind !== 'material_support') throw invalid('Chỉ hoạt động hỗ trợ mới có giá trị hỗ trợ', [{ path: 'support', message: 'Không áp dụng' }]);
  return db.tx(async (t) => {
    const year = Number(input.heldOn.slice(0, 4));
    const r = await loadPair(t, id, year);
    authorize(pairPolicy, 'log', actor, target(r));
    if (r.status !== 'active') throw conflict('Cặp kết nghĩa không còn hoạt động');
    const loggedBy = actor.role === 'school' ? actor.organisationId! : (r.hanoi_school_id ?? r.border_school_id);
    const a = await t.one<{ id: string }>(
      `INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, mode, title, description, teachers, pupils, logged_by_school_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [id, input.heldOn, input.kind, input.subKind, input.mode ?? null, cleanText(input.title), cleanLongText(input.description ?? null), input.teachers, input.pupils, loggedBy, actor.userId],
    );
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { imagesOrPdf: true });
      await t.query('INSERT INTO twinning_activity_file (activity_id, file_id) VALUES ($1, $2)', [a.id, sf.id]);
    }
    if (input.support && input.support.valueVnd >= 0) {
      if (loggedBy === r.border_school_id) throw invalid('Trường nhận hỗ trợ không tự ghi khoản hỗ trợ; trường Hà Nội ghi, trường nhận xác nhận', [{ path: 'support', message: 'Không hợp lệ' }]);
      const giver = r.hanoi_school_id ?? r.hanoi_cluster_id!;
      await ledger.recordGift(t, actor, {
        contributorId: giver, schoolId: r.border_school_id, provinceCode: r.border_province, form: input.support.form,
        category: SUPPORT_CATEGORY[input.subKind] ?? 'equipment', description: input.support.description ?? input.title, valueVnd: input.support.valueVnd,
        quantity: input.support.quantity ?? null, unit: input.support.unit ?? null, givenOn: input.heldOn, twinningActivityId: a.id, note: 'Hỗ trợ qua kết nghĩa',
      });
    }
    const created = toActivity((await t.one<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.id = $1`, [a.id])));
    await audit(t, actor, { entity: 'twinning_activity', entityId: a.id, action: 'create', after: created });
    const other = loggedBy === r.border_school_id ? r.hanoi_school_id : r.border_school_id;
    if (other) await notifyMany(t, [{ organisationId: other, kind: 'twinning_activity', title: `Hoạt động kết nghĩa mới: ${created.title}`, body: `${created.loggedByName} đã ghi nhận hoạt động ngày ${created.heldOn.split('-').reverse().join('/')}. Đề nghị trường xác nhận.`, link: `/ket-nghia/${id}` }]);
    return created;
  });
}

/** The receiving school confirms an activity; the support written to the ledger becomes received. */
export async function confirmActivity(db: Db, actor: Actor, activityId: string, note: string | null, files: { filename: string; data: Buffer }[]) {
  return db.tx(async (t) => {
    const a = await t.maybeOne<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.id = $1`, [activityId]);
    if (!a) throw notFound('Không tìm thấy hoạt động');
    const r = await loadPair(t, a.pair_id, Number(a.held_on.slice(0, 4)));
    authorize(activityPolicy, 'confirm', actor, { ...target(r), loggedBy: a.logged_by_school_id });
    if (a.confirmed_at) throw conflict('Hoạt động đã được xác nhận');
    await t.query('UPDATE twinning_activity SET confirmed_at = now(), confirmed_by = $2, confirmation_note = $3, updated_at = now() WHERE id = $1', [activityId, actor.userId, cleanText(note)]);
    const confirmed = await ledger.confirmGiftsOfActivity(t, actor, activityId, note, files);
    if (!confirmed) for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { imagesOrPdf: true });
      await t.query('INSERT INTO twinning_activity_file (activity_id, file_id) VALUES ($1, $2)', [activityId, sf.id]);
    }
    const after = toActivity((await t.one<ActivityRow>(`${ACTIVITY_SELECT} WHERE a.id = $1`, [activityId])));
    await audit(t, actor, { entity: 'twinning_activity', entityId: activityId, action: 'confirm', before: toActivity(a), after });
    return after;
  });
}

// ---------- compliance, reports, dashboard ----------

async function scopeData(db: Db, year: number, clusterId: string | null) {
  const pairs = await listPairs(db, { year, clusterId: clusterId ?? undefined });
  const ids = pairs.map((p) => p.id);
  const [acts, support] = await Promise.all([
    ids.length ? db.query<{ pair_id: string; held_on: string; kind: ActivityKind; teachers: number; pupils: number; confirmed: boolean }>(
      `SELECT pair_id, held_on, kind, teachers, pupils, confirmed_at IS NOT NULL AS confirmed FROM twinning_activity WHERE pair_id = ANY($1::uuid[]) AND extract(year FROM held_on) = $2`, [ids, year]) : [],
    ids.length ? db.query<{ form: string; value_vnd: number; status: string }>(
      `SELECT k.form, k.value_vnd, k.status FROM contribution k JOIN twinning_activity a ON a.id = k.twinning_activity_id WHERE a.pair_id = ANY($1::uuid[]) AND extract(year FROM a.held_on) = $2`, [ids, year]) : [],
  ]);
  return { pairs, acts, support };
}

export type Figures = ReportFigures & { joinedSchools: number };

export async function figures(db: Db, year: number, clusterId: string | null): Promise<Figures> {
  const { pairs, acts, support } = await scopeData(db, year, clusterId);
  const f = reportFigures(year, pairs.map((p) => ({ id: p.id, startYear: p.startYear, status: p.status, hanoiSchoolId: p.hanoiSchoolId, hanoiClusterId: p.hanoiClusterId, createdAt: '' })),
    acts.map((a) => ({ pairId: a.pair_id, heldOn: a.held_on, kind: a.kind, teachers: a.teachers, pupils: a.pupils, confirmed: a.confirmed })),
    support.map((s) => ({ form: s.form, valueVnd: Number(s.value_vnd), status: s.status })));
  // spread: schools (both sides) taking part for the first time this year
  const first = new Map<string, number>();
  for (const p of pairs) for (const s of [p.hanoiSchoolId, p.borderSchoolId]) if (s) first.set(s, Math.min(first.get(s) ?? 9999, p.startYear));
  return { ...f, joinedSchools: [...first.values()].filter((y) => y === year).length };
}

export async function compliance(db: Db, year: number) {
  const pairs = (await listPairs(db, { year, status: 'active' })).filter((p) => p.startYear <= year);
  const missing = pairs.filter((p) => p.activitiesThisYear === 0);
  // groups carry an id (cluster id, province code; null for pairs outside a cluster) and a name
  const group = (key: (p: Pair) => string, id: (p: Pair) => string | null) => {
    const m = new Map<string, { key: string; id: string | null; pairs: number; withoutActivity: number }>();
    for (const p of pairs) {
      const g = m.get(key(p)) ?? { key: key(p), id: id(p), pairs: 0, withoutActivity: 0 };
      g.pairs++;
      if (p.activitiesThisYear === 0) g.withoutActivity++;
      m.set(key(p), g);
    }
    return [...m.values()];
  };
  return {
    year, calendar: calendar(year), reportDue: reportDue(year), pairs: pairs.length,
    withoutActivity: missing,
    byCluster: group((p) => p.hanoiClusterName ?? 'Không thuộc cụm', (p) => p.hanoiClusterId),
    byProvince: group((p) => p.borderProvinceName, (p) => p.borderProvinceCode),
  };
}

/** Remind the Hanoi side (and the cluster's lead school) of pairs with no activity this year: one notice per school. */
export async function remind(db: Db, actor: Actor, year: number) {
  authorize(pairPolicy, 'manage', actor, { hanoiSchoolId: null, hanoiClusterId: null, hanoiClusterOfSchool: null, borderSchoolId: '', borderProvince: '' });
  const { withoutActivity } = await compliance(db, year);
  const bySchool = new Map<string, Pair[]>();
  for (const p of withoutActivity) for (const org of [p.hanoiSchoolId ?? p.hanoiClusterId, p.borderSchoolId]) if (org) (bySchool.get(org) ?? bySchool.set(org, []).get(org)!).push(p);
  await db.tx((t) => notifyMany(t, [...bySchool].map(([org, ps]) => ({
    organisationId: org, kind: 'twinning_reminder', title: `Nhắc: ${ps.length} cặp kết nghĩa chưa có hoạt động năm ${year}`,
    body: `Mỗi cặp kết nghĩa tổ chức ít nhất 01 hoạt động trong năm. Chưa có hoạt động: ${ps.map((p) => `${p.hanoiSide} – ${p.borderSchoolName}`).join('; ')}. Báo cáo sơ kết trước ngày 15/12/${year}.`,
    link: '/ket-nghia',
  }))));
  return { notified: bySchool.size, pairs: withoutActivity.length };
}

/** The monthly job: during the activities period, remind the schools of pairs with no activity yet. */
export async function remindIdlePairs(db: Db, clock: Clock): Promise<{ notified: number; pairs: number } | null> {
  const today = vnDate(clock.now());
  const phase = calendar(Number(today.slice(0, 4))).find((p) => p.key === 'activities');
  if (!phase || today < phase.from || today > phase.to) return null;
  return remind(db, SYSTEM, Number(today.slice(0, 4)));
}

// ---------- reports ----------

async function clusterLead(db: Db, clusterId: string): Promise<string | null> {
  return (await db.maybeOne<{ school_id: string }>('SELECT school_id FROM cluster_lead WHERE cluster_id = $1', [clusterId]))?.school_id ?? null;
}

interface ReportRow { id: string; narrative: Record<string, string>; figures: Figures | null; status: 'draft' | 'submitted'; submitted_at: Date | null; updated_at: Date }

async function reportTarget(db: Db, level: 'cluster' | 'department', organisationId: string, year: number): Promise<{ t: ReportTarget; row: ReportRow | undefined; name: string }> {
  const org = await db.maybeOne<{ kind: string; name: string; province_code: string | null }>('SELECT kind, name, province_code FROM organisation WHERE id = $1', [organisationId]);
  if (!org || (level === 'cluster' ? org.kind !== 'cluster' : !(org.kind === 'department' && org.province_code === HANOI))) throw notFound('Không tìm thấy đơn vị báo cáo');
  const row = await db.maybeOne<ReportRow>('SELECT id, narrative, figures, status, submitted_at, updated_at FROM twinning_report WHERE level = $1 AND organisation_id = $2 AND year = $3', [level, organisationId, year]);
  return { t: { level, organisationId, status: row?.status ?? 'draft', leadSchoolId: level === 'cluster' ? await clusterLead(db, organisationId) : null }, row, name: org.name };
}

export async function getReport(db: Db, actor: Actor, level: 'cluster' | 'department', organisationId: string, year: number) {
  const { t, row, name } = await reportTarget(db, level, organisationId, year);
  authorize(reportPolicy, 'read', actor, t);
  // a submitted report keeps the figures it was sent with; a draft shows today's
  const live = await figures(db, year, level === 'cluster' ? organisationId : null);
  return {
    level, organisationId, organisationName: name, year, due: reportDue(year), status: t.status,
    submittedAt: row?.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    narrative: { results: '', quality: '', difficulties: '', proposals: '', ...(row?.narrative ?? {}) },
    figures: (row?.status === 'submitted' && row.figures) ? row.figures : live,
    permissions: { write: can(reportPolicy, 'write', actor, t) && t.status === 'draft' },
  };
}

export async function saveReport(db: Db, actor: Actor, clock: Clock, level: 'cluster' | 'department', organisationId: string, year: number, narrative: Record<string, string>, submit: boolean) {
  return db.tx(async (tx) => {
    const { t, row } = await reportTarget(tx, level, organisationId, year);
    authorize(reportPolicy, 'write', actor, t);
    if (row?.status === 'submitted') throw conflict('Báo cáo đã gửi, không sửa được');
    const clean = Object.fromEntries(Object.entries(narrative).map(([k, v]) => [k, cleanLongText(v) ?? '']));
    if (submit && !clean.results) throw invalid('Cần nêu kết quả trước khi gửi', [{ path: 'narrative.results', message: 'Bắt buộc' }]);
    const figs = submit ? await figures(tx, year, level === 'cluster' ? organisationId : null) : null;
    await tx.query(
      `INSERT INTO twinning_report (level, organisation_id, year, narrative, figures, status, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, CASE WHEN $6 = 'submitted' THEN now() END, CASE WHEN $6 = 'submitted' THEN $7::uuid END)
       ON CONFLICT (level, organisation_id, year) DO UPDATE SET narrative = EXCLUDED.narrative, figures = EXCLUDED.figures, status = EXCLUDED.status,
         submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by, updated_at = now()`,
      [level, organisationId, year, JSON.stringify(clean), figs ? JSON.stringify(figs) : null, submit ? 'submitted' : 'draft', actor.userId],
    );
    await audit(tx, actor, { entity: 'twinning_report', entityId: `${level}:${organisationId}:${year}`, action: submit ? 'submit' : 'save', before: row ?? undefined, after: { narrative: clean, figures: figs } });
    if (submit && level === 'cluster') {
      const dept = await tx.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-01'`);
      await notifyMany(tx, [{ organisationId: dept.id, kind: 'twinning_report_submitted', title: `Cụm trường đã gửi báo cáo kết nghĩa năm ${year}`, body: `Báo cáo của cụm đã được gửi lúc ${vnDate(clock.now()).split('-').reverse().join('/')}.`, link: '/ket-nghia/bao-cao' }]);
    }
    return getReport(tx, actor, level, organisationId, year);
  });
}

/** Who has submitted and who is late: every Hanoi cluster's report and the Department's. */
export async function submissions(db: Db, actor: Actor, clock: Clock, year: number) {
  if (!actor.userId) throw unauthorized();
  if (!(actor.role === 'admin' || actor.role === 'ministry' || (actor.role === 'department' && actor.provinceCode === HANOI))) throw forbidden();
  const today = vnDate(clock.now());
  const rows = await db.query<{ id: string; name: string; kind: string; status: string | null; submitted_at: Date | null }>(
    `SELECT o.id, o.name, o.kind, r.status, r.submitted_at FROM organisation o
       LEFT JOIN twinning_report r ON r.organisation_id = o.id AND r.year = $1
      WHERE (o.kind = 'cluster' AND o.province_code = '01') OR o.code = 'so-01' ORDER BY o.kind = 'department', o.name`, [year]);
  return rows.map((r) => ({
    organisationId: r.id, name: r.name, level: r.kind === 'cluster' ? 'cluster' : 'department', status: r.status ?? 'not_started',
    submittedAt: r.submitted_at && new Date(r.submitted_at).toISOString(), due: reportDue(year),
    late: r.status !== 'submitted' ? today > reportDue(year) : vnDate(new Date(r.submitted_at!)) > reportDue(year),
  }));
}

export async function dashboard(db: Db, actor: Actor, clock: Clock, year: number) {
  if (!actor.userId) throw unauthorized();
  if (!['admin', 'ministry', 'department'].includes(actor.role)) throw forbidden('Bảng theo dõi dành cho Bộ và các Sở');
  const [pairs, figs, comp] = await Promise.all([listPairs(db, { year }), figures(db, year, null), compliance(db, year)]);
  const subs = actor.role === 'department' && actor.provinceCode !== HANOI ? [] : await submissions(db, actor, clock, year);
  return { year, figures: figs, pairs, compliance: { byCluster: comp.byCluster, byProvince: comp.byProvince, withoutActivity: comp.withoutActivity.length }, submissions: subs, calendar: calendar(year), reportDue: reportDue(year) };
}

export async function focalPoints(db: Db) {
  const rows = await db.query<{ department_id: string; department: string; role_title: string; unit: string | null; contact: string | null }>(
    `SELECT f.department_id, o.name AS department, f.role_title, f.unit, f.contact FROM programme_focal_point f JOIN organisation o ON o.id = f.department_id
      WHERE f.programme = 'ket-nghia-bien-gioi' ORDER BY o.province_code`);
  return rows.map((r) => ({ departmentId: r.department_id, department: r.department, roleTitle: r.role_title, unit: r.unit, contact: r.contact }));
}
