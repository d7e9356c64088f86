import type { Db } from '../../platform/db.js';
import { SYSTEM, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, isUniqueViolation, notFound, unauthorized } from '../../platform/errors.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import { afterKey, batches, page, type PageRequest } from '../../platform/paging.js';
import { cleanLongText, cleanText, compareVi } from '../../platform/text.js';
import type { FormFile } from '../../platform/route.js';
import { mapCellSize } from '../../platform/map-cells.js';
import { PAIR_MAP_SINGLE_ZOOM } from '../../../../contracts/twinning.js';
import type {
  Activity, ActivityFields, Compliance, Dashboard, Figures, FocalPoint, FocalPointInput, GroupCount, Narrative, Pair, PairDetail, PairInput, PairMap, PairStatus, PlanItemInput, Report, ReportLevel, Submission, Suggestion,
} from '../../../../contracts/twinning.js';
import { notifyMany } from '../notifications/service.js';
import * as ledger from '../ledger/service.js';
import { refuseRecipientNames } from '../plan29/service.js';
import * as repo from './repository.js';
import { activityPolicy, focalPointPolicy, loggingSchool, pairPolicy, programmePolicy, reportPolicy, type ReportTarget } from './policy.js';
import { BORDER_PROVINCES, HANOI, SUPPORT_CATEGORY, calendar, complianceSchoolYear, isValidKind, rankPartners, reportDue, schoolYear } from './domain.js';

export type { PairFilter } from './repository.js';
const yearOf = (clock: Clock) => Number(vnDate(clock.now()).slice(0, 4));

async function loadPair(db: Db, id: string, year: number): Promise<repo.PairRow> {
  const r = await repo.pairById(db, id, year);
  if (!r) throw notFound('Không tìm thấy cặp kết nghĩa');
  return r;
}

// ---------- pairs ----------

/** One page of pairs, newest first. */
export async function listPairs(db: Db, f: repo.PairFilter & PageRequest) {
  const after = afterKey(f.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.listPairs(db, f, after, f.limit + 1), repo.countPairs(db, f)]);
  return page(rows, f, total, repo.pairKey, (rs) => rs.map(repo.toPair));
}

/**
 * Every pair of the filter in keyset batches, for the CSV export (bounded memory). Batches of 250:
 * for a batch of 1,000 the planner joined its pairs to every school and organisation by hashing
 * them (50,000 rows read a batch, so the export grew with pairs × schools: 693 ms at national scale,
 * ×16 of a tenth); for 250 it looks each side up by its key (393 ms, ×8.7), and 100 is slower again.
 */
export async function* exportPairs(db: Db, f: repo.PairFilter): AsyncGenerator<Pair[]> {
  for await (const rows of batches((after, limit) => repo.listPairs(db, f, after, limit), repo.pairKey, 250)) yield rows.map(repo.toPair);
}

export async function createPair(db: Db, actor: Actor, input: PairInput): Promise<Pair> {
  authorize(programmePolicy, 'createPair', actor, null);
  const hanoiSchoolId = input.hanoiSchoolId ?? null;
  const hanoiClusterId = input.hanoiClusterId ?? null;
  if (!hanoiSchoolId === !hanoiClusterId) throw invalid('Chọn một trường Hà Nội hoặc một cụm trường', [{ path: 'hanoiSchoolId', message: 'Chọn đúng một trong hai' }]);
  return db.tx(async (t) => {
    if (hanoiSchoolId) {
      const h = await repo.schoolOf(t, hanoiSchoolId);
      if (!h || h.province_code !== HANOI) throw invalid('Trường kết nghĩa phía Hà Nội phải là trường của Hà Nội', [{ path: 'hanoiSchoolId', message: 'Không phải trường Hà Nội' }]);
    } else {
      const c = await repo.organisationOf(t, hanoiClusterId!);
      if (c?.kind !== 'cluster' || c.province_code !== HANOI) throw invalid('Không tìm thấy cụm trường của Hà Nội', [{ path: 'hanoiClusterId', message: 'Không phải cụm trường của Hà Nội' }]);
    }
    const b = await repo.schoolOf(t, input.borderSchoolId);
    if (!b) throw invalid('Không tìm thấy trường biên giới', [{ path: 'borderSchoolId', message: 'Trường biên giới không tồn tại' }]);
    if (!(BORDER_PROVINCES as readonly string[]).includes(b.province_code)) throw invalid('Trường kết nghĩa phải thuộc Sơn La, Lai Châu hoặc Điện Biên', [{ path: 'borderSchoolId', message: 'Không thuộc ba tỉnh của kế hoạch' }]);
    if (!b.flags.includes('border')) throw invalid('Trường không ở xã biên giới', [{ path: 'borderSchoolId', message: 'Xã của trường chưa được đánh dấu là xã biên giới' }]);
    if (await repo.livePairExists(t, input.borderSchoolId, hanoiSchoolId, hanoiClusterId)) throw conflict('Hai đơn vị này đã kết nghĩa');
    // the unique indexes on live pairs settle two requests that pair the same schools at once
    const id = await repo.insertPair(t, { hanoiSchoolId, hanoiClusterId, borderSchoolId: input.borderSchoolId, startYear: input.startYear, note: input.note ?? null }, actor.userId)
      .catch((e: unknown) => { throw isUniqueViolation(e) ? conflict('Hai đơn vị này đã kết nghĩa') : e; });
    await repo.insertPairEvent(t, id, 'active', 'Ghép cặp', actor.userId);
    const pair = repo.toPair(await loadPair(t, id, input.startYear));
    await audit(t, actor, { entity: 'twinning_pair', entityId: id, action: 'create', after: pair });
    await notifyMany(t, [hanoiSchoolId, input.borderSchoolId].filter((x): x is string => !!x).map((org) => ({ organisationId: org, kind: 'pair_created' as const, params: { hanoiSide: pair.hanoiSide, borderSchoolName: pair.borderSchoolName, startYear: input.startYear }, link: `/ket-nghia/${id}` })));
    return pair;
  });
}

export async function setPairStatus(db: Db, actor: Actor, clock: Clock, id: string, status: PairStatus, reason: string | null): Promise<Pair> {
  return db.tx(async (t) => {
    await repo.lockPair(t, id);
    const r = await loadPair(t, id, yearOf(clock));
    authorize(pairPolicy, 'changeStatus', actor, repo.pairTarget(r));
    if (r.status === 'ended') throw conflict('Cặp kết nghĩa đã kết thúc, không đổi trạng thái được');
    if (r.status === status) throw conflict('Cặp đã ở trạng thái này');
    if (status !== 'active' && !reason?.trim()) throw invalid('Cần nêu lý do', [{ path: 'reason', message: 'Bắt buộc khi tạm dừng hoặc kết thúc' }]);
    await repo.updatePairStatus(t, id, status);
    await repo.insertPairEvent(t, id, status, reason, actor.userId);
    const after = repo.toPair(await loadPair(t, id, yearOf(clock)));
    await audit(t, actor, { entity: 'twinning_pair', entityId: id, action: `status_${status}`, before: repo.toPair(r), after });
    return after;
  });
}

/** How many partners are suggested to a Hanoi school. */
const SUGGESTIONS = 50;

/** Border schools ranked as partners for a Hanoi school: same level first, then those with fewest partners, then by name. */
export async function suggestions(db: Db, hanoiSchoolId: string, provinceCode?: string): Promise<Suggestion[]> {
  const h = await repo.schoolOf(db, hanoiSchoolId);
  if (!h || h.province_code !== HANOI) throw invalid('Chọn một trường của Hà Nội', [{ path: 'hanoiSchoolId', message: 'Không phải trường Hà Nội' }]);
  const rows = await repo.partnerCandidates(db, BORDER_PROVINCES, hanoiSchoolId, provinceCode ?? null, h.levels, SUGGESTIONS);
  return rankPartners(h.levels, rows.map((r) => ({ ...r, partners: Number(r.partners) }))).slice(0, SUGGESTIONS)
    .map((r) => ({ id: r.id, name: r.name, levels: r.levels, provinceCode: r.province_code, provinceName: r.province_name, communeName: r.commune_name, partners: r.partners, levelMatch: r.levelMatch }));
}

export async function getPair(db: Db, actor: Actor, clock: Clock, id: string, year?: number): Promise<PairDetail> {
  const y = year ?? yearOf(clock);
  const r = await loadPair(db, id, y);
  const t = repo.pairTarget(r);
  authorize(pairPolicy, 'read', actor, t);
  const [history, plans, activities] = await Promise.all([repo.pairHistory(db, id), repo.plansOf(db, id), repo.activitiesOfPair(db, id)]);
  return {
    ...repo.toPair(r), year: y, history, plans,
    activities: activities.map(repo.toActivity).map((a) => {
      const c = allowed(activityPolicy, actor, { ...t, loggedBy: a.loggedBySchoolId }, ['edit', 'confirm']);
      return { ...a, can: { edit: c.edit, confirm: c.confirm && !a.confirmed } };
    }),
    can: allowed(pairPolicy, actor, t, ['changeStatus', 'editPlan', 'logActivity', 'logSupport']),
  };
}

export async function savePlan(db: Db, actor: Actor, id: string, year: number, items: PlanItemInput[], note: string | null) {
  return db.tx(async (t) => {
    const r = await loadPair(t, id, year);
    authorize(pairPolicy, 'editPlan', actor, repo.pairTarget(r));
    const bad = items.findIndex((i) => !isValidKind(i.kind, i.subKind));
    if (bad >= 0) throw invalid('Loại hoạt động không hợp lệ', [{ path: `items.${bad}`, message: 'Loại và nội dung hoạt động không khớp với mục II của kế hoạch' }]);
    const clean = items.map((i) => ({ kind: i.kind, subKind: i.subKind, description: cleanText(i.description) ?? '', month: i.month ?? null }));
    const cleanNote = cleanText(note);
    const before = await repo.planOf(t, id, year);
    await repo.savePlan(t, id, year, clean, cleanNote, actor.userId);
    await audit(t, actor, { entity: 'twinning_plan', entityId: `${id}:${year}`, action: before ? 'update' : 'create', before, after: { items: clean, note: cleanNote } });
    return { year, items: clean, note: cleanNote };
  });
}

// ---------- activities ----------

/** Log an activity; a material support with a value is also written to the contributions ledger. */
export async function logActivity(db: Db, actor: Actor, id: string, input: ActivityFields, files: FormFile[]): Promise<Activity> {
  if (!isValidKind(input.kind, input.subKind)) throw invalid('Loại hoạt động không hợp lệ', [{ path: 'subKind', message: 'Không thuộc loại hoạt động đã chọn (mục II của kế hoạch)' }]);
  if (input.subKind === 'connected_classroom' && !input.mode) throw invalid('Cần chọn hình thức', [{ path: 'mode', message: '"Kết nối lớp học" trực tiếp hay trực tuyến' }]);
  if (input.support && input.kind !== 'material_support') throw invalid('Chỉ hoạt động hỗ trợ mới có giá trị hỗ trợ', [{ path: 'support', message: 'Không áp dụng cho loại hoạt động này' }]);
  await checkUploads(files, { imagesOrPdf: true });
  return db.tx(async (t) => {
    await repo.lockPair(t, id, 'share'); // the pair's status holds until the activity is written
    const r = await loadPair(t, id, Number(input.heldOn.slice(0, 4)));
    const target = repo.pairTarget(r);
    authorize(pairPolicy, 'logActivity', actor, target);
    if (r.status !== 'active') throw conflict('Cặp kết nghĩa không còn hoạt động');
    if (input.support && !can(pairPolicy, 'logSupport', actor, target)) {
      throw invalid('Trường nhận hỗ trợ không tự ghi khoản hỗ trợ; trường Hà Nội ghi, trường nhận xác nhận', [{ path: 'support', message: 'Trường Hà Nội ghi khoản hỗ trợ' }]);
    }
    const loggedBy = loggingSchool(actor, target);
    // the other school, the Departments and the Ministry read the activity: no pupil is named in it
    await refuseRecipientNames(t, [r.hanoi_school_id, r.border_school_id], [
      { path: 'title', text: input.title }, { path: 'description', text: input.description }, { path: 'support', text: input.support?.description },
    ]);
    const activityId = await repo.insertActivity(t, {
      pairId: id, heldOn: input.heldOn, kind: input.kind, subKind: input.subKind, mode: input.mode ?? null, title: input.title,
      description: input.description ?? null, teachers: input.teachers, pupils: input.pupils, loggedBy,
    }, actor.userId);
    for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'twinning_activity', id: activityId }, neutralName: 'hoat-dong', imagesOrPdf: true });
      await repo.attachActivityFile(t, activityId, sf.id);
    }
    if (input.support) {
      await ledger.recordGift(t, actor, {
        contributorId: r.hanoi_school_id ?? r.hanoi_cluster_id!, schoolId: r.border_school_id, provinceCode: r.border_province, form: input.support.form,
        category: SUPPORT_CATEGORY[input.subKind] ?? 'equipment', description: input.support.description ?? input.title, valueVnd: input.support.valueVnd,
        quantity: input.support.quantity ?? null, unit: input.support.unit ?? null, givenOn: input.heldOn, twinningActivityId: activityId, note: 'Hỗ trợ qua kết nghĩa',
      });
    }
    const created = repo.toActivity((await repo.activityById(t, activityId))!);
    await audit(t, actor, { entity: 'twinning_activity', entityId: activityId, action: 'create', after: created });
    const other = loggedBy === r.border_school_id ? r.hanoi_school_id : r.border_school_id;
    if (other) await notifyMany(t, [{ organisationId: other, kind: 'twinning_activity', params: { activityTitle: created.title, loggedBy: created.loggedByName, heldOn: created.heldOn }, link: `/ket-nghia/${id}` }]);
    return created;
  });
}

/**
 * The receiving school confirms an activity; the support written to the ledger becomes received,
 * under the ledger's evidence rule (a photo or a handover record), or nothing is written.
 */
export async function confirmActivity(db: Db, actor: Actor, activityId: string, note: string | null, files: FormFile[]): Promise<Activity> {
  await checkUploads(files, { imagesOrPdf: true });
  return db.tx(async (t) => {
    const a = await repo.activityById(t, activityId, true);
    if (!a) throw notFound('Không tìm thấy hoạt động');
    const r = await loadPair(t, a.pair_id, Number(a.held_on.slice(0, 4)));
    authorize(activityPolicy, 'confirm', actor, { ...repo.pairTarget(r), loggedBy: a.logged_by_school_id });
    if (a.confirmed_at) throw conflict('Hoạt động đã được xác nhận');
    await refuseRecipientNames(t, [r.hanoi_school_id, r.border_school_id], [{ path: 'note', text: note }]);
    await repo.markConfirmed(t, activityId, actor.userId, note);
    const confirmed = await ledger.confirmGiftsOfActivity(t, actor, activityId, note, files);
    if (!confirmed) for (const f of files) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'twinning_activity', id: activityId }, neutralName: 'hoat-dong', imagesOrPdf: true });
      await repo.attachActivityFile(t, activityId, sf.id);
    }
    const after = repo.toActivity((await repo.activityById(t, activityId))!);
    await audit(t, actor, { entity: 'twinning_activity', entityId: activityId, action: 'confirm', before: repo.toActivity(a), after });
    return after;
  });
}

// ---------- compliance, figures ----------

/** The figures of the yearly report of a cluster (or of all pairs), summed in SQL in one statement. */
export async function figures(db: Db, year: number, clusterId: string | null): Promise<Figures> {
  const r = await repo.figuresRow(db, year, clusterId);
  const n = (x: number | string) => Number(x);
  return {
    year, pairs: n(r.pairs), pairsActive: n(r.pairs_active), newPairs: n(r.new_pairs), pairsWithoutActivity: n(r.pairs_without_activity),
    activities: n(r.activities), activitiesConfirmed: n(r.activities_confirmed),
    byKind: { material_support: n(r.material_support), professional: n(r.professional), exchange: n(r.exchange), tradition: n(r.tradition) },
    teachers: n(r.teachers), pupils: n(r.pupils),
    supportValue: r.support_value, supportByForm: { money: r.support_money, in_kind: r.support_in_kind, non_material: r.support_non_material },
    joinedSchools: n(r.joined_schools),
  };
}

const NO_CLUSTER = 'Không thuộc cụm';

/** Pairs per cluster and per border province, from the grouped rows: live pairs, and for compliance the pairs checked and those idle. */
function groupsOf(rows: Awaited<ReturnType<typeof repo.pairGroups>>) {
  const fold = (key: (r: (typeof rows)[number]) => string, id: (r: (typeof rows)[number]) => string | null) => {
    const m = new Map<string, { key: string; id: string | null; live: number; checked: number; idle: number }>();
    for (const r of rows) {
      const g = m.get(key(r)) ?? { key: key(r), id: id(r), live: 0, checked: 0, idle: 0 };
      g.live += Number(r.live); g.checked += Number(r.checked); g.idle += Number(r.idle);
      m.set(key(r), g);
    }
    return [...m.values()].sort((a, b) => compareVi(a.key, b.key));
  };
  return { byCluster: fold((r) => r.cluster_name ?? NO_CLUSTER, (r) => r.cluster_id), byProvince: fold((r) => r.province_name, (r) => r.province_code) };
}
const complianceGroups = (gs: ReturnType<typeof groupsOf>['byCluster']): GroupCount[] =>
  gs.filter((g) => g.checked > 0).map((g) => ({ key: g.key, id: g.id, pairs: g.checked, withoutActivity: g.idle }));

/**
 * Active pairs without an activity in the school year (the plan's rule: at least one activity
 * per school year); the school year is the one in progress in the programme year, or the one asked.
 * Counted in SQL; the answer lists the first 100 such pairs.
 */
export async function compliance(db: Db, clock: Clock, year: number, schoolYearStart?: number): Promise<Compliance> {
  const sy = schoolYearStart ? schoolYear(schoolYearStart) : complianceSchoolYear(year, vnDate(clock.now()));
  const [rows, first] = await Promise.all([repo.pairGroups(db, sy.start + 1, sy.from, sy.to), repo.idlePairs(db, year, sy.start + 1, sy.from, sy.to, 100)]);
  const g = groupsOf(rows);
  return {
    year, schoolYear: { label: sy.label, from: sy.from, to: sy.to }, calendar: calendar(year), reportDue: reportDue(year),
    pairs: rows.reduce((n, r) => n + Number(r.checked), 0), withoutActivityCount: rows.reduce((n, r) => n + Number(r.idle), 0), withoutActivity: first,
    byCluster: complianceGroups(g.byCluster), byProvince: complianceGroups(g.byProvince),
  };
}

/** Remind the Hanoi side (and the cluster's lead school) of pairs with no activity this year: one notice per school. */
export async function remind(db: Db, actor: Actor, clock: Clock, year: number) {
  authorize(programmePolicy, 'remind', actor, null);
  const sy = complianceSchoolYear(year, vnDate(clock.now()));
  const withoutActivity = await repo.idlePairs(db, year, sy.start + 1, sy.from, sy.to, null);
  const bySchool = new Map<string, Pair[]>();
  for (const p of withoutActivity) for (const org of [p.hanoiSchoolId ?? p.hanoiClusterId, p.borderSchoolId]) if (org) (bySchool.get(org) ?? bySchool.set(org, []).get(org)!).push(p);
  await db.tx((t) => notifyMany(t, [...bySchool].map(([org, ps]) => ({
    organisationId: org, kind: 'twinning_reminder' as const, params: { year, pairs: ps.map((p) => `${p.hanoiSide} – ${p.borderSchoolName}`) },
    link: '/ket-nghia',
  }))));
  return { notified: bySchool.size, pairs: withoutActivity.length };
}

/** The monthly job: during the activities period, remind the schools of pairs with no activity yet. */
export async function remindIdlePairs(db: Db, clock: Clock): Promise<{ notified: number; pairs: number } | null> {
  const today = vnDate(clock.now());
  const phase = calendar(Number(today.slice(0, 4))).find((p) => p.key === 'activities');
  if (!phase || today < phase.from || today > phase.to) return null;
  return remind(db, SYSTEM, clock, Number(today.slice(0, 4)));
}

// ---------- reports ----------

async function reportTarget(db: Db, level: ReportLevel, organisationId: string, year: number): Promise<{ t: ReportTarget; row: repo.ReportRow | undefined; name: string }> {
  const org = await repo.organisationOf(db, organisationId);
  if (!org || (level === 'cluster' ? org.kind !== 'cluster' : !(org.kind === 'department' && org.province_code === HANOI))) throw notFound('Không tìm thấy đơn vị báo cáo');
  const row = await repo.reportRow(db, level, organisationId, year);
  return { t: { level, organisationId, status: row?.status ?? 'draft', leadSchoolId: level === 'cluster' ? await repo.clusterLead(db, organisationId) : null }, row, name: org.name };
}

export async function getReport(db: Db, actor: Actor, level: ReportLevel, organisationId: string, year: number): Promise<Report> {
  const { t, row, name } = await reportTarget(db, level, organisationId, year);
  authorize(reportPolicy, 'read', actor, t);
  // a submitted report keeps the figures it was sent with; a draft shows today's
  const frozen = row?.status === 'submitted' && row.figures ? (row.figures as Figures) : null;
  return {
    level, organisationId, organisationName: name, year, due: reportDue(year), status: t.status,
    submittedAt: row?.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    narrative: { results: '', quality: '', difficulties: '', proposals: '', ...(row?.narrative ?? {}) },
    figures: frozen ?? (await figures(db, year, level === 'cluster' ? organisationId : null)),
    can: { write: can(reportPolicy, 'write', actor, t) && t.status === 'draft' },
  };
}

export async function saveReport(db: Db, actor: Actor, clock: Clock, level: ReportLevel, organisationId: string, year: number, narrative: Narrative, submit: boolean): Promise<Report> {
  return db.tx(async (tx) => {
    const { t, row } = await reportTarget(tx, level, organisationId, year);
    authorize(reportPolicy, 'write', actor, t);
    if (row?.status === 'submitted') throw conflict('Báo cáo đã gửi, không sửa được');
    const clean = Object.fromEntries(Object.entries(narrative).map(([k, v]) => [k, cleanLongText(v) ?? '']));
    if (submit && !clean.results) throw invalid('Cần nêu kết quả trước khi gửi', [{ path: 'narrative.results', message: 'Bắt buộc khi gửi báo cáo' }]);
    const figs = submit ? await figures(tx, year, level === 'cluster' ? organisationId : null) : null;
    // written only while not yet submitted: of two sends at once, the second finds it submitted
    if (!(await repo.saveReport(tx, { level, organisationId, year, narrative: clean, figures: figs, submit }, actor.userId))) throw conflict('Báo cáo đã gửi, không sửa được');
    await audit(tx, actor, { entity: 'twinning_report', entityId: `${level}:${organisationId}:${year}`, action: submit ? 'submit' : 'save', before: row ?? undefined, after: { narrative: clean, figures: figs } });
    if (submit && level === 'cluster') {
      await notifyMany(tx, [{ organisationId: await repo.hanoiDepartmentId(tx), kind: 'twinning_report_submitted', params: { year, submittedOn: vnDate(clock.now()) }, link: '/ket-nghia/bao-cao' }]);
    }
    return getReport(tx, actor, level, organisationId, year);
  });
}

/** Who has submitted and who is late: every Hanoi cluster's report and the Department's. */
export async function submissions(db: Db, actor: Actor, clock: Clock, year: number): Promise<Submission[]> {
  authorize(programmePolicy, 'submissions', actor, null);
  const today = vnDate(clock.now());
  const due = reportDue(year);
  const rows = await repo.submissionRows(db, year);
  return rows.map((r) => ({
    organisationId: r.id, name: r.name, level: r.kind === 'cluster' ? 'cluster' : 'department', status: r.status ?? 'not_started',
    submittedAt: r.submitted_at && new Date(r.submitted_at).toISOString(), due,
    late: r.status !== 'submitted' || !r.submitted_at ? today > due : vnDate(new Date(r.submitted_at)) > due,
  }));
}

/** The Department's dashboard, compact: each figure computed once, in SQL (the map is asked apart, `pairMap`). */
export async function dashboard(db: Db, actor: Actor, clock: Clock, year: number): Promise<Dashboard> {
  if (!can(programmePolicy, 'dashboard', actor, null)) throw actor.userId ? forbidden('Bảng theo dõi dành cho Bộ và các Sở') : unauthorized();
  const sy = complianceSchoolYear(year, vnDate(clock.now()));
  const [figs, rows] = await Promise.all([figures(db, year, null), repo.pairGroups(db, sy.start + 1, sy.from, sy.to)]);
  const subs = can(programmePolicy, 'submissions', actor, null) ? await submissions(db, actor, clock, year) : [];
  const g = groupsOf(rows);
  const live = (gs: typeof g.byCluster) => gs.filter((x) => x.live > 0).sort((a, b) => b.live - a.live || compareVi(a.key, b.key)).map((x) => ({ key: x.key, id: x.id, pairs: x.live }));
  return {
    year, figures: figs, live: { byCluster: live(g.byCluster), byProvince: live(g.byProvince) },
    compliance: { byCluster: complianceGroups(g.byCluster), byProvince: complianceGroups(g.byProvince), withoutActivity: rows.reduce((n, r) => n + Number(r.idle), 0) },
    submissions: subs, calendar: calendar(year), reportDue: reportDue(year),
  };
}

/**
 * The dashboard's map of live pairs, for those who see the dashboard: grouped in cells of about 40
 * pixels at the zoom (7 by default: the northern border), each school and pair on its own from
 * PAIR_MAP_SINGLE_ZOOM, within the box on screen. Places are numbered in the answer; lines refer to them.
 */
export async function pairMap(db: Db, actor: Actor, q: { zoom?: number; bbox?: [number, number, number, number] }): Promise<PairMap> {
  if (!can(programmePolicy, 'dashboard', actor, null)) throw actor.userId ? forbidden('Bảng theo dõi dành cho Bộ và các Sở') : unauthorized();
  const zoom = q.zoom ?? 7;
  const cells = await repo.pairMapCells(db, zoom >= PAIR_MAP_SINGLE_ZOOM ? null : mapCellSize(zoom), q.bbox ?? null);
  const index = new Map<string, number>();
  const places = cells.places.map((p, i) => {
    index.set(`${p.side}:${p.key}`, i);
    return { name: p.name, lng: Number(p.lng), lat: Number(p.lat), side: p.side, schools: Number(p.schools) };
  });
  const lines = cells.lines.map((l) => [l.id, index.get(`hanoi:${l.hk}`) ?? -1, index.get(`border:${l.bk}`) ?? -1, Number(l.active), Number(l.pairs)] as [string | null, number, number, number, number]);
  return { places, lines, located: cells.located };
}

export const focalPoints = async (db: Db, actor: Actor): Promise<FocalPoint[]> =>
  (await repo.focalPoints(db)).map((f) => ({ ...f, can: allowed(focalPointPolicy, actor, f, ['edit']) }));

/** A Department edits its own focal point for the programme (a role and its office; audited). */
export async function saveFocalPoint(db: Db, actor: Actor, departmentId: string, input: FocalPointInput): Promise<FocalPoint> {
  return db.tx(async (t) => {
    if (!(await repo.lockFocalPoint(t, departmentId))) {
      if (!actor.userId) throw unauthorized();
      throw notFound('Sở này chưa có đầu mối trong chương trình');
    }
    authorize(focalPointPolicy, 'edit', actor, { departmentId });
    const [before] = await repo.focalPoints(t, departmentId);
    const next = { roleTitle: cleanText(input.roleTitle)!, unit: cleanText(input.unit ?? null), contact: cleanText(input.contact ?? null) };
    await repo.updateFocalPoint(t, departmentId, next);
    const [after] = await repo.focalPoints(t, departmentId);
    await audit(t, actor, { entity: 'programme_focal_point', entityId: departmentId, action: 'update', before, after });
    return { ...after, can: allowed(focalPointPolicy, actor, after, ['edit']) };
  });
}

export const calendarOf = (year: number) => ({ year, phases: calendar(year), reportDue: reportDue(year) });

/** An activity's photos and records may show pupils: never public, read by whoever may read the pair. */
export async function mayReadActivityFile(db: Db, actor: Actor, activityId: string): Promise<boolean> {
  const a = await repo.activityById(db, activityId);
  if (!a) return false;
  const r = await repo.pairById(db, a.pair_id, Number(a.held_on.slice(0, 4)));
  return !!r && can(pairPolicy, 'read', actor, repo.pairTarget(r));
}
