import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized, type FieldError } from '../../platform/errors.js';
import { afterKey, batches, page } from '../../platform/paging.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import type { FormFile } from '../../platform/route.js';
import { cleanLongText, cleanText, compareVi } from '../../platform/text.js';
import type { SchoolLevel } from '../../../../contracts/common.js';
import type {
  AnswerValue, AnswersInput, AssessmentAction, AssessmentDetail, AssessmentState, AssessmentSummary, Campaign, CampaignInput, CompletenessRow,
  FrameworkDefinition, FrameworkVersion, FrameworkVersionDetail, IndicatorDef, OrgTarget, PublicCampaign, PublicCommunes, PublicResult, ReviewInput, Score,
} from '../../../../contracts/assessments.js';
import {
  answerProblem, answerable, assessmentTransition, frameworkFieldProblems, indicatorMax, isOpen, isPublished, resultCodes,
  round2, scoreAssessment, selfPoints, toScore, windowProblem, SCHOOL_EDITABLE, type Answer, type AssessmentScore,
} from './domain.js';
import { scaleProblems } from './frameworks.js';
import { assessmentPolicy, assessmentScope, campaignPolicy, frameworkPolicy, type AssessmentScope, type PlacedAssessment } from './policy.js';
import * as repo from './repository.js';
import { setReviewerLevel } from './commune-review.js';
import * as counts from './result-counts.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const NOT_FOUND_VERSION = 'Không tìm thấy phiên bản bộ chỉ số';
const NOT_FOUND_CAMPAIGN = 'Không tìm thấy đợt đánh giá';
const NOT_FOUND_ASSESSMENT = 'Không tìm thấy bản tự đánh giá';

// ---------------------------------------------------------------------------------------------
// Framework versions

function toVersion(r: repo.VersionRow): FrameworkVersion {
  return {
    id: r.id, frameworkId: r.framework_id, key: r.key, name: r.name, basis: r.basis, version: r.version, year: r.year, state: r.state,
    complete: r.complete, indicatorCount: r.indicator_count, provisionalCount: r.provisional_count, publishedAt: iso(r.published_at),
    appliesTo: { kinds: r.definition.appliesTo.kinds, schoolLevels: r.definition.appliesTo.schoolLevels ?? [] },
  };
}
export const versionDetail = (actor: Actor, r: repo.VersionRow): FrameworkVersionDetail => ({ ...toVersion(r), definition: r.definition, can: allowed(frameworkPolicy, actor, r, ['publish']) });

export async function listVersions(db: Db, actor: Actor) {
  return { items: (await repo.versions(db, frameworkPolicy.readDraft(actor, { state: 'draft' }))).map(toVersion) };
}

export async function getVersion(db: Db, actor: Actor, id: string) {
  const r = await repo.version(db, id);
  if (!r || (r.state === 'draft' && !frameworkPolicy.readDraft(actor, r))) throw notFound(NOT_FOUND_VERSION);
  return versionDetail(actor, r);
}

/** A definition's indicators as rows, in order, each with its group, parent and maximum. */
export function indicatorRows(def: FrameworkDefinition): repo.IndicatorRow[] {
  const rows: repo.IndicatorRow[] = [];
  const ind = (groupCode: string, parent: string | null) => (i: IndicatorDef) => {
    rows.push({
      code: i.code, group_code: groupCode, parent_code: parent, position: rows.length + 1, text: i.text, type: i.type, mandatory: i.mandatory, provisional: i.provisional,
      answerable: !i.parts?.length, max_points: indicatorMax(i), scoring: i.scoring, evidence: i.evidence ?? null,
    });
    i.parts?.forEach(ind(groupCode, i.code));
  };
  const group = (top: string) => (g: FrameworkDefinition['groups'][number]) => { g.indicators.forEach(ind(top, null)); g.groups?.forEach(group(top)); };
  for (const g of def.groups) group(g.code)(g);
  return rows;
}

/** A sound definition or a 422 listing what is wrong. */
export function checkDefinition(def: FrameworkDefinition): void {
  // each on its field where it has one (a level's threshold: definition.groups.0.indicators.2.levels.1.min)
  const problems = [...frameworkFieldProblems(def), ...scaleProblems(def).map((message) => ({ path: '', message }))];
  if (problems.length) throw invalid('Bộ chỉ số chưa hợp lệ', problems.map((p) => ({ path: p.path ? `definition.${p.path}` : 'definition', message: p.message })));
  if (!def.provenance.complete && !answerable(def).some((i) => i.provisional)) {
    throw invalid('Bộ chỉ số chưa hợp lệ', [{ path: 'definition.provenance.complete', message: 'Bộ chỉ số chưa đầy đủ phải đánh dấu các chỉ số tạm thời (provisional)' }]);
  }
}

/** Store a definition as a new draft version of its framework (administrators, and the reference loader). */
export async function insertDraft(t: Db, actor: Actor, def: FrameworkDefinition): Promise<string> {
  checkDefinition(def);
  const f = await repo.frameworkFor(t, { key: def.key, name: def.name, basis: def.basis });
  return repo.insertVersion(t, { frameworkId: f.id, version: f.next, year: def.year, definition: def, complete: def.provenance.complete, createdBy: actor.userId }, indicatorRows(def));
}

export async function createVersion(db: Db, actor: Actor, def: FrameworkDefinition): Promise<FrameworkVersionDetail> {
  if (actor.role !== 'admin') throw actor.userId ? forbidden() : unauthorized();
  return db.tx(async (t) => {
    const id = await insertDraft(t, actor, def);
    const after = versionDetail(actor, (await repo.version(t, id))!);
    await audit(t, actor, { entity: 'assessment_framework_version', entityId: id, action: 'create', after: { key: def.key, version: after.version, year: def.year } });
    return after;
  });
}

export async function publishVersion(db: Db, actor: Actor, clock: Clock, id: string): Promise<FrameworkVersionDetail> {
  if (actor.role !== 'admin') throw actor.userId ? forbidden() : unauthorized();
  return db.tx(async (t) => {
    if (!(await repo.lockVersion(t, id))) throw notFound(NOT_FOUND_VERSION);
    const r = (await repo.version(t, id))!;
    if (r.state !== 'draft') throw conflict('Phiên bản này đã được công bố; hãy tạo phiên bản mới để thay đổi');
    await repo.publishVersion(t, id, actor.userId, clock.now());
    const after = versionDetail(actor, (await repo.version(t, id))!);
    await audit(t, actor, { entity: 'assessment_framework_version', entityId: id, action: 'publish', before: { state: r.state }, after: { state: after.state } });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

function scopeOf(actor: Actor): AssessmentScope {
  const s = assessmentScope(actor);
  if (!s) throw actor.userId ? forbidden() : unauthorized();
  return s;
}

function toCampaign(r: repo.CampaignRow, today: string, counts: { total: number; draft: number; submitted: number; returned: number; approved: number } | undefined, own: string | null): Campaign {
  return {
    id: r.id, title: r.title, year: r.year, versionId: r.version_id, frameworkKey: r.framework_key, frameworkName: r.framework_name, complete: r.complete,
    provinceCode: r.province_code, provinceName: r.province_name, scopeKinds: r.scope_kinds as OrgTarget[], scopeLevels: r.scope_levels as SchoolLevel[],
    ownerId: r.owner_id, ownerName: r.owner_name, opensOn: r.opens_on, selfDueOn: r.self_due_on, reviewDueOn: r.review_due_on, publishOn: r.publish_on,
    published: isPublished({ publishOn: r.publish_on }, today),
    counts: counts ? { total: counts.total, draft: counts.draft, submitted: counts.submitted, returned: counts.returned, approved: counts.approved } : { total: 0, draft: 0, submitted: 0, returned: 0, approved: 0 },
    ownAssessmentId: own,
    reviewerLevel: r.reviewer_level,
  };
}

async function campaignsOut(db: Db, actor: Actor, scope: AssessmentScope, rows: repo.CampaignRow[], today: string): Promise<Campaign[]> {
  const ids = rows.map((r) => r.id);
  const counts = await repo.campaignCounts(db, ids, scope);
  const own = actor.organisationId ? await repo.ownAssessments(db, ids, actor.organisationId) : new Map<string, string>();
  return rows.map((r) => toCampaign(r, today, counts.get(r.id), own.get(r.id) ?? null));
}

export async function listCampaigns(db: Db, actor: Actor, clock: Clock, q: { year?: number; cursor?: string; limit: number }) {
  const scope = scopeOf(actor);
  const today = vnDate(clock.now());
  const after = afterKey(q.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.campaigns(db, scope, q, after, q.limit + 1), repo.campaignCount(db, scope, q)]);
  const p = page(rows, q, total, (r) => [r.sort_at, r.id]);
  return { ...p, items: await campaignsOut(db, actor, scope, p.items, today) };
}

/** A campaign the actor may see (it is in its scope), or a 404 / 403. */
async function visibleCampaign(db: Db, actor: Actor, id: string): Promise<{ row: repo.CampaignRow; scope: AssessmentScope }> {
  const scope = scopeOf(actor);
  const row = await repo.campaign(db, id);
  if (!row) throw notFound(NOT_FOUND_CAMPAIGN);
  if ((scope.organisationId || scope.provinceCode) && !(await repo.campaignVisible(db, scope, id))) throw forbidden();
  return { row, scope };
}

export async function getCampaign(db: Db, actor: Actor, clock: Clock, id: string): Promise<Campaign> {
  const { row, scope } = await visibleCampaign(db, actor, id);
  return (await campaignsOut(db, actor, scope, [row], vnDate(clock.now())))[0]!;
}

export async function completeness(db: Db, actor: Actor, clock: Clock, id: string): Promise<{ items: CompletenessRow[] }> {
  const { scope } = await visibleCampaign(db, actor, id);
  if (scope.organisationId) throw forbidden();
  const rows = await repo.completeness(db, id, scope.provinceCode ?? null, vnDate(clock.now()));
  return {
    items: rows.map((r) => ({
      provinceCode: r.province_code, provinceName: r.province_name, total: r.total, draft: r.draft, submitted: r.submitted, returned: r.returned, approved: r.approved,
      notSubmittedLate: r.not_submitted_late, notReviewedLate: r.not_reviewed_late,
    })),
  };
}

/** The score of no answers: where every assessment starts. */
const emptyScore = (def: FrameworkDefinition) => scoreAssessment(def, {});

export async function openCampaign(db: Db, actor: Actor, clock: Clock, input: CampaignInput): Promise<Campaign> {
  if (!actor.userId) throw unauthorized();
  const provinceCode = input.provinceCode ?? (actor.role === 'department' ? actor.provinceCode : null);
  authorize(campaignPolicy, 'open', actor, { provinceCode, kinds: input.kinds });
  const w = windowProblem(input);
  if (w) throw invalid(w, [{ path: 'selfDueOn', message: w }]);
  return db.tx(async (t) => {
    const v = await repo.version(t, input.versionId);
    if (v?.state !== 'published') throw invalid('Chỉ mở đợt đánh giá theo phiên bản bộ chỉ số đã công bố', [{ path: 'versionId', message: 'Phiên bản chưa công bố hoặc không tồn tại' }]);
    const applies = v.definition.appliesTo;
    const bad = input.kinds.filter((k) => !applies.kinds.includes(k));
    if (bad.length) throw invalid('Bộ chỉ số không áp dụng cho loại đơn vị này', [{ path: 'kinds', message: `Bộ chỉ số áp dụng cho: ${applies.kinds.join(', ')}` }]);
    const levels = input.schoolLevels?.length ? input.schoolLevels : applies.schoolLevels;
    const outside = applies.schoolLevels.length ? levels.filter((l) => !applies.schoolLevels.includes(l)) : [];
    if (outside.length) throw invalid('Bộ chỉ số không áp dụng cho cấp học này', [{ path: 'schoolLevels', message: `Không áp dụng cho: ${outside.join(', ')}` }]);
    if (provinceCode && !(await t.maybeOne(`SELECT 1 FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [provinceCode]))) {
      throw invalid('Không tìm thấy tỉnh', [{ path: 'provinceCode', message: 'Mã tỉnh không tồn tại' }]);
    }
    const start = emptyScore(v.definition);
    const { id, made } = await repo.openCampaign(t, {
      versionId: v.id, year: input.year, title: cleanText(input.title)!, provinceCode, kinds: input.kinds, levels, ownerId: actor.organisationId!,
      opensOn: input.opensOn, selfDueOn: input.selfDueOn, reviewDueOn: input.reviewDueOn, publishOn: input.publishOn, createdBy: actor.userId,
    }, { selfResult: start.result.code, groups: groupsOut(start) });
    if (made === 0) throw invalid('Không có đơn vị nào trong phạm vi đã chọn', [{ path: 'schoolLevels', message: 'Phạm vi không có đơn vị nào' }]);
    await setReviewerLevel(t, id, input.reviewerLevel ?? 'department', input.kinds);
    await repo.logCreate(t, id, actor.userId, clock.now());
    const after = (await campaignsOut(t, actor, scopeOf(actor), [(await repo.campaign(t, id))!], vnDate(clock.now())))[0]!;
    await audit(t, actor, { entity: 'assessment_campaign', entityId: id, action: 'open', after: { title: after.title, versionId: v.id, provinceCode, kinds: input.kinds, levels, assessments: made } });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Assessments

const placed = (r: { organisation_id: string; province_code: string; organisation_kind: string; reviewer_level?: 'department' | 'commune'; commune_code?: string | null; school_levels?: string[] }): PlacedAssessment =>
  ({
    organisationId: r.organisation_id, provinceCode: r.province_code, subject: r.organisation_kind === 'department' ? 'department' : r.organisation_kind === 'commune_committee' ? 'commune' : 'school',
    reviewer: r.reviewer_level, communeCode: r.commune_code, levels: r.school_levels,
  });

function toSummary(r: repo.AssessmentRow, today: string): AssessmentSummary {
  const late = (SCHOOL_EDITABLE.includes(r.state) && r.self_due_on < today) || (r.state === 'submitted' && r.review_due_on < today);
  return {
    id: r.id, campaignId: r.campaign_id, campaignTitle: r.campaign_title, year: r.year, organisationId: r.organisation_id, organisationName: r.organisation_name,
    provinceCode: r.province_code, communeCode: r.commune_code, communeName: r.commune_name, schoolLevels: r.school_levels as SchoolLevel[],
    state: r.state, locked: r.locked, selfPoints: Number(r.self_points), selfResult: r.self_result, reviewedPoints: r.reviewed_points === null ? null : Number(r.reviewed_points),
    reviewedResult: r.reviewed_result, submittedAt: iso(r.submitted_at), decidedAt: iso(r.decided_at), late,
  };
}

export interface AssessmentListFilter { campaignId?: string; state?: AssessmentState; provinceCode?: string; late?: boolean }
const filterOf = (actor: Actor, f: AssessmentListFilter, today: string): repo.AssessmentFilter =>
  ({ ...scopeOf(actor), campaignId: f.campaignId, state: f.state, only: { provinceCode: f.provinceCode }, lateOn: f.late ? today : undefined });

export async function listAssessments(db: Db, actor: Actor, clock: Clock, f: AssessmentListFilter & { cursor?: string; limit: number }) {
  const today = vnDate(clock.now());
  const filter = filterOf(actor, f, today);
  const after = afterKey(f.cursor, ['uuid', 'uuid']);
  const [rows, total] = await Promise.all([repo.assessments(db, filter, after, f.limit + 1), repo.assessmentCount(db, filter)]);
  return page(rows, f, total, (r) => [r.campaign_id, r.id], (items) => items.map((r) => toSummary(r, today)));
}

export function allAssessments(db: Db, actor: Actor, clock: Clock, f: AssessmentListFilter): AsyncGenerator<AssessmentSummary[]> {
  const today = vnDate(clock.now());
  const filter = filterOf(actor, f, today);
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.assessments(db, filter, after, limit), (r) => [r.campaign_id, r.id])) yield rows.map((r) => toSummary(r, today));
  })();
}

/** The answers as the rules read them: values, evidence counts and the reviewer's points. */
function answersOf(rows: repo.AnswerRow[], evidence: Map<string, number>): Map<string, Answer> {
  const m = new Map<string, Answer>();
  for (const r of rows) m.set(r.code, { value: (r.value ?? null) as AnswerValue, evidenceCount: evidence.get(r.code) ?? 0, reviewedPoints: r.reviewed_points === null ? null : Number(r.reviewed_points) });
  for (const [code, n] of evidence) if (!m.has(code)) m.set(code, { value: null, evidenceCount: n });
  return m;
}

const groupsOut = (s: AssessmentScore) => s.groups.map((g) => ({ code: g.code, name: g.name, points: g.points, max: g.max, level: g.level }));
const scoreOut = (s: AssessmentScore): Score => toScore(s);

/** Recompute an assessment's scores from its answers and keep them on its row. */
async function rescore(t: Db, r: repo.AssessmentRow, def: FrameworkDefinition, at: Date) {
  const answers = answersOf(await repo.answers(t, r.id), await repo.evidenceCounts(t, r.id));
  const self = scoreAssessment(def, answers);
  const reviewed = scoreAssessment(def, answers, { reviewed: true });
  await repo.setScores(t, r.id, { selfPoints: self.points, selfResult: self.result.code, reviewedPoints: reviewed.points, reviewedResult: reviewed.result.code, groups: groupsOut(reviewed) }, at);
  return { answers, self, reviewed };
}

async function detail(t: Db, actor: Actor, r: repo.AssessmentRow, today: string): Promise<AssessmentDetail> {
  const def = await repo.definitionOf(t, r.version_id);
  // one statement at a time: inside a transaction the connection runs them in turn anyway
  const answerRows = await repo.answers(t, r.id);
  const evidenceRows = await repo.evidence(t, r.id);
  const history = await repo.events(t, r.id);
  const counts = await repo.evidenceCounts(t, r.id);
  const answers = answersOf(answerRows, counts);
  const p = placed(r);
  const can = allowed(assessmentPolicy, actor, p, ['answer', 'submit', 'review', 'return', 'approve', 'unlock']);
  const window = { opensOn: r.opens_on, selfDueOn: r.self_due_on, reviewDueOn: r.review_due_on, publishOn: r.publish_on };
  const editable = SCHOOL_EDITABLE.includes(r.state) && isOpen(window, today);
  return {
    ...toSummary(r, today),
    campaign: { ...window, ownerName: r.owner_name },
    framework: def,
    returnReason: r.return_reason,
    answers: answerRows.map((a) => ({ code: a.code, value: (a.value ?? null) as AnswerValue, selfPoints: Number(a.self_points), reviewedPoints: a.reviewed_points === null ? null : Number(a.reviewed_points), reviewerComment: a.reviewer_comment })),
    // the evidence is shown to those who may read the assessment; it is never public
    evidence: evidenceRows.map((e) => ({ id: e.id, code: e.code, label: e.label, url: e.url, fileId: e.file_id, fileName: e.file_name, createdAt: new Date(e.created_at).toISOString() })),
    selfScore: scoreOut(scoreAssessment(def, answers)),
    reviewedScore: scoreOut(scoreAssessment(def, answers, { reviewed: true })),
    history: history.map((h) => ({ action: h.action, from: h.from_state, to: h.to_state, reason: h.reason, at: new Date(h.at).toISOString(), actor: h.actor })),
    can: {
      answer: can.answer && editable, submit: can.submit && editable, review: can.review && r.state === 'submitted',
      return: can.return && r.state === 'submitted', approve: can.approve && r.state === 'submitted', unlock: can.unlock && r.state === 'approved',
    },
  };
}

async function load(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lockAssessment(db, id))) throw notFound(NOT_FOUND_ASSESSMENT);
  const r = await repo.assessment(db, id);
  if (!r) throw notFound(NOT_FOUND_ASSESSMENT);
  return r;
}

export async function getAssessment(db: Db, actor: Actor, clock: Clock, id: string): Promise<AssessmentDetail> {
  const r = await load(db, id);
  authorize(assessmentPolicy, 'read', actor, placed(r));
  return detail(db, actor, r, vnDate(clock.now()));
}

/** The school may change its answers and evidence: its own, draft or returned, within the campaign's window. */
function checkEditable(r: repo.AssessmentRow, today: string): void {
  if (!SCHOOL_EDITABLE.includes(r.state)) throw conflict('Bản tự đánh giá đã gửi hoặc đã phê duyệt, không sửa được nữa');
  if (today < r.opens_on) throw conflict(`Đợt đánh giá mở từ ngày ${r.opens_on.split('-').reverse().join('/')}`);
  if (today > r.publish_on) throw conflict('Đợt đánh giá đã kết thúc');
}

export async function saveAnswers(db: Db, actor: Actor, clock: Clock, id: string, input: AnswersInput): Promise<AssessmentDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(assessmentPolicy, 'answer', actor, placed(r));
    checkEditable(r, today);
    const def = await repo.definitionOf(t, r.version_id);
    const byCode = new Map(answerable(def).map((i) => [i.code, i]));
    const errors: FieldError[] = [];
    const rows: { code: string; value: unknown; selfPoints: number }[] = [];
    const seen = new Set<string>();
    input.answers.forEach((a, n) => {
      const ind = byCode.get(a.code);
      if (!ind) { errors.push({ path: `answers.${n}.code`, message: `Không có chỉ số ${a.code} trong bộ chỉ số` }); return; }
      if (seen.has(a.code)) { errors.push({ path: `answers.${n}.code`, message: `Chỉ số ${a.code} được trả lời hai lần` }); return; }
      seen.add(a.code);
      const value = typeof a.value === 'string' ? (ind.type === 'choice' ? a.value : cleanLongText(a.value)) : a.value ?? null;
      const problem = answerProblem(ind, value);
      if (problem) { errors.push({ path: `answers.${n}.value`, message: `${a.code}: ${problem}` }); return; }
      rows.push({ code: a.code, value, selfPoints: 0 });
    });
    if (errors.length) throw invalid('Câu trả lời chưa hợp lệ', errors);
    const evidence = await repo.evidenceCounts(t, id);
    for (const row of rows) row.selfPoints = round2(selfPoints(byCode.get(row.code)!, { value: row.value as AnswerValue, evidenceCount: evidence.get(row.code) ?? 0 }));
    await repo.upsertAnswers(t, id, rows, clock.now());
    await rescore(t, r, def, clock.now());
    return detail(t, actor, (await repo.assessment(t, id))!, today);
  });
}

export async function addEvidence(db: Db, actor: Actor, clock: Clock, id: string, input: { code: string; label: string; url?: string | null }, file: FormFile | undefined): Promise<AssessmentDetail> {
  if (!file && !input.url) throw invalid('Cần một tệp hoặc một đường liên kết', [{ path: 'url', message: 'Đính kèm tệp hoặc nhập đường liên kết' }]);
  if (file && input.url) throw invalid('Mỗi minh chứng là một tệp hoặc một đường liên kết', [{ path: 'url', message: 'Chỉ chọn một trong hai' }]);
  if (file) await checkUploads([file], { imagesOrPdf: true });
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(assessmentPolicy, 'answer', actor, placed(r));
    checkEditable(r, today);
    const def = await repo.definitionOf(t, r.version_id);
    if (!answerable(def).some((i) => i.code === input.code)) throw invalid('Không có chỉ số này trong bộ chỉ số', [{ path: 'code', message: `Không có chỉ số ${input.code}` }]);
    // evidence files belong to the assessment: read by the organisation, its reviewer and national accounts; never public
    const fileId = file ? (await storeFile(t, actor.userId, file.filename, file.data, { owner: { kind: 'assessment', id }, imagesOrPdf: true, neutralName: 'minh-chung' })).id : null;
    const eid = await repo.addEvidence(t, { assessmentId: id, code: input.code, label: cleanText(input.label)!, url: input.url ?? null, fileId, createdBy: actor.userId });
    await rescoreWithSelf(t, r, def, clock.now());
    await audit(t, actor, { entity: 'assessment', entityId: id, action: 'add_evidence', after: { evidenceId: eid, code: input.code, fileId, url: input.url ?? null } });
    return detail(t, actor, (await repo.assessment(t, id))!, today);
  });
}

/** Evidence changes the points of evidence-scored indicators: recompute each answer's self points, then the scores. */
async function rescoreWithSelf(t: Db, r: repo.AssessmentRow, def: FrameworkDefinition, at: Date) {
  const counts = await repo.evidenceCounts(t, r.id);
  const current = new Map((await repo.answers(t, r.id)).map((a) => [a.code, a]));
  const rows = answerable(def).filter((i) => i.scoring.kind === 'evidence' || current.has(i.code)).map((i) => {
    const value = (current.get(i.code)?.value ?? null) as AnswerValue;
    return { code: i.code, value, selfPoints: round2(selfPoints(i, { value, evidenceCount: counts.get(i.code) ?? 0 })) };
  });
  if (rows.length) await repo.upsertAnswers(t, r.id, rows, at);
  await rescore(t, r, def, at);
}

export async function removeEvidence(db: Db, actor: Actor, clock: Clock, id: string, evidenceId: string): Promise<AssessmentDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(assessmentPolicy, 'answer', actor, placed(r));
    checkEditable(r, today);
    if (!(await repo.removeEvidence(t, id, evidenceId))) throw notFound('Không tìm thấy minh chứng');
    await rescoreWithSelf(t, r, await repo.definitionOf(t, r.version_id), clock.now());
    await audit(t, actor, { entity: 'assessment', entityId: id, action: 'remove_evidence', before: { evidenceId } });
    return detail(t, actor, (await repo.assessment(t, id))!, today);
  });
}

export async function review(db: Db, actor: Actor, clock: Clock, id: string, input: ReviewInput): Promise<AssessmentDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(assessmentPolicy, 'review', actor, placed(r));
    if (r.state !== 'submitted') throw conflict('Chỉ thẩm định được bản tự đánh giá đang chờ thẩm định');
    const def = await repo.definitionOf(t, r.version_id);
    const byCode = new Map(answerable(def).map((i) => [i.code, i]));
    const errors: FieldError[] = [];
    input.items.forEach((it, n) => {
      const ind = byCode.get(it.code);
      if (!ind) errors.push({ path: `items.${n}.code`, message: `Không có chỉ số ${it.code} trong bộ chỉ số` });
      else if (it.reviewedPoints !== null && it.reviewedPoints > indicatorMax(ind)) errors.push({ path: `items.${n}.reviewedPoints`, message: `${it.code}: tối đa ${indicatorMax(ind)} điểm` });
    });
    if (errors.length) throw invalid('Nội dung thẩm định chưa hợp lệ', errors);
    const before = await repo.answers(t, id);
    await repo.upsertReview(t, id, input.items.map((it) => ({ code: it.code, reviewedPoints: it.reviewedPoints === null ? null : round2(it.reviewedPoints), comment: cleanLongText(it.comment) })), clock.now());
    await rescore(t, r, def, clock.now());
    await audit(t, actor, {
      entity: 'assessment', entityId: id, action: 'review',
      before: before.filter((a) => input.items.some((i) => i.code === a.code)).map((a) => ({ code: a.code, reviewedPoints: a.reviewed_points, comment: a.reviewer_comment })),
      after: input.items,
    });
    return detail(t, actor, (await repo.assessment(t, id))!, today);
  });
}

/** Mandatory answerable indicators left without an answer (or, for evidence, without evidence). */
function unansweredMandatory(def: FrameworkDefinition, answers: Map<string, Answer>): number {
  return answerable(def).filter((i) => i.mandatory).filter((i) => {
    const a = answers.get(i.code);
    return i.type === 'evidence' ? (a?.evidenceCount ?? 0) === 0 : a?.value === null || a?.value === undefined;
  }).length;
}

/**
 * Submit, return, approve or unlock. The row is locked before it is read and moved only from the
 * state read: of two decisions at once one succeeds and the other is a 409.
 */
export async function transition(db: Db, actor: Actor, clock: Clock, id: string, action: AssessmentAction, reasonIn: string | null | undefined): Promise<AssessmentDetail> {
  return db.tx(async (t) => {
    const today = vnDate(clock.now());
    const r = await load(t, id, true);
    authorize(assessmentPolicy, action, actor, placed(r));
    const def = await repo.definitionOf(t, r.version_id);
    if (action === 'submit') checkEditable(r, today);
    const { answers } = await rescore(t, r, def, clock.now());
    const reason = cleanText(reasonIn ?? null);
    const next = assessmentTransition(r.state, action, { reason, unanswered: action === 'submit' ? unansweredMandatory(def, answers) : 0 });
    if ('error' in next) throw conflict(next.error);
    const moved = await repo.move(t, id, { action, from: r.state, to: next.to, actorId: actor.userId, reason, at: clock.now() });
    if (!moved) throw conflict('Bản tự đánh giá vừa được thay đổi bởi một thao tác khác; hãy tải lại trang');
    const moved2 = (await repo.assessment(t, id))!;
    // the published distribution follows in the same transaction: an approval adds the result, an unlock takes the old one away
    await counts.keepCounts(t, r.campaign_id, r, moved2);
    const after = await detail(t, actor, moved2, today);
    await audit(t, actor, { entity: 'assessment', entityId: id, action, before: { state: r.state, locked: r.locked }, after: { state: after.state, locked: after.locked, reason, reviewedPoints: after.reviewedPoints, reviewedResult: after.reviewedResult } });
    return after;
  });
}

/** Evidence files: the organisation, its reviewer and national accounts; never the public. */
export async function mayReadEvidenceFile(db: Db, actor: Actor, assessmentId: string): Promise<boolean> {
  if (!actor.userId) return false;
  const r = await repo.assessmentOfFile(db, assessmentId);
  return !!r && assessmentPolicy.read(actor, placed({ ...r, organisation_kind: r.kind }));
}

// ---------------------------------------------------------------------------------------------
// Publication: nothing before the publication date; results only, never evidence

export async function publicCampaigns(db: Db, clock: Clock) {
  const rows = await repo.publishedCampaigns(db, vnDate(clock.now()));
  return { items: rows.map((r) => ({ id: r.id, title: r.title, year: r.year, frameworkName: r.framework_name, provinceCode: r.province_code, publishOn: r.publish_on })) };
}

async function publishedCampaign(db: Db, clock: Clock, id: string) {
  const c = await repo.campaign(db, id);
  // before its publication date a campaign does not exist for the public
  if (!c || !isPublished({ publishOn: c.publish_on }, vnDate(clock.now()))) throw notFound(NOT_FOUND_CAMPAIGN);
  return c;
}

export async function publicCampaign(db: Db, clock: Clock, id: string): Promise<PublicCampaign> {
  const c = await publishedCampaign(db, clock, id);
  // the distributions are read from the counts kept by approvals (a few hundred rows), not counted from the assessments
  const [byProvince, byLevel, assessed, previous] = await Promise.all([counts.byProvince(db, id), counts.byLevel(db, id), repo.assessedCount(db, id), previousCampaign(db, clock, c)]);
  return {
    id: c.id, title: c.title, year: c.year, frameworkName: c.framework_name, basis: c.basis, complete: c.complete, provinceCode: c.province_code, publishOn: c.publish_on,
    results: resultCodes(c.definition.result), assessed, approved: byProvince.reduce((n, r) => n + r.n, 0),
    byProvince: provincesOut(byProvince), bySchoolLevel: levelsOut(byLevel),
    previous,
  };
}

const provincesOut = (rows: { province_code: string; province_name: string; result: string; n: number }[]) => {
  const provinces = new Map<string, { provinceCode: string; provinceName: string; counts: Record<string, number>; total: number }>();
  for (const r of rows) {
    const p = provinces.get(r.province_code) ?? { provinceCode: r.province_code, provinceName: r.province_name, counts: {}, total: 0 };
    p.counts[r.result] = (p.counts[r.result] ?? 0) + r.n;
    p.total += r.n;
    provinces.set(r.province_code, p);
  }
  return [...provinces.values()];
};
const levelsOut = (rows: { level: string; result: string; n: number }[]) => {
  const levels = new Map<string, { level: SchoolLevel; counts: Record<string, number>; total: number }>();
  for (const r of rows) {
    const l = levels.get(r.level) ?? { level: r.level as SchoolLevel, counts: {}, total: 0 };
    l.counts[r.result] = (l.counts[r.result] ?? 0) + r.n;
    l.total += r.n;
    levels.set(r.level, l);
  }
  return [...levels.values()];
};

/**
 * The same framework's published campaign of the year before, for the comparison year over year:
 * of the same scope (the same province, or national) if there is one, else a national one; its
 * distribution by province read from its counts.
 */
async function previousCampaign(db: Db, clock: Clock, c: repo.CampaignRow): Promise<PublicCampaign['previous']> {
  const p = await repo.previousCampaign(db, c.id, vnDate(clock.now()));
  if (!p) return null;
  return { id: p.id, title: p.title, year: p.year, results: resultCodes(p.definition.result), byProvince: provincesOut(await counts.byProvince(db, p.id)) };
}

/** A published campaign's distribution in one province by commune and by school level. */
export async function publicCommunes(db: Db, clock: Clock, id: string, provinceCode: string): Promise<PublicCommunes> {
  const c = await publishedCampaign(db, clock, id);
  const province = await db.maybeOne<{ name: string }>(`SELECT name FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [provinceCode]);
  if (!province) throw invalid('Không tìm thấy tỉnh', [{ path: 'provinceCode', message: 'Mã tỉnh không tồn tại' }]);
  const [rows, levels] = await Promise.all([counts.byCommune(db, c.id, provinceCode), counts.byLevel(db, c.id, provinceCode)]);
  const communes = new Map<string, PublicCommunes['byCommune'][number]>();
  for (const r of rows) {
    const x = communes.get(r.commune_code) ?? { communeCode: r.commune_code || null, communeName: r.commune_name, counts: {}, total: 0 };
    x.counts[r.result] = (x.counts[r.result] ?? 0) + r.n;
    x.total += r.n;
    communes.set(r.commune_code, x);
  }
  return {
    id: c.id, provinceCode, provinceName: province.name, results: resultCodes(c.definition.result),
    byCommune: [...communes.values()].sort((a, b) => compareVi(a.communeName ?? '', b.communeName ?? '')), bySchoolLevel: levelsOut(levels),
  };
}

function toPublic(r: repo.PublicRow, labels: Map<string, string>): PublicResult {
  return {
    assessmentId: r.id, organisationId: r.organisation_id, organisationName: r.organisation_name, schoolCode: r.school_code, provinceCode: r.province_code,
    provinceName: r.province_name, communeName: r.commune_name, schoolLevels: r.school_levels as SchoolLevel[], points: Number(r.reviewed_points),
    result: r.reviewed_result, resultLabel: labels.get(r.reviewed_result) ?? r.reviewed_result, groups: r.group_results as PublicResult['groups'],
  };
}
const labelsOf = (def: FrameworkDefinition) => new Map(resultCodes(def.result).map((x) => [x.code, x.label]));

export async function publicResults(db: Db, clock: Clock, id: string, q: { provinceCode?: string; cursor?: string; limit: number }) {
  const c = await publishedCampaign(db, clock, id);
  const after = afterKey(q.cursor, ['uuid']);
  const [rows, total] = await Promise.all([repo.publicResults(db, id, q.provinceCode, after, q.limit + 1), repo.publicResultCount(db, id, q.provinceCode)]);
  const labels = labelsOf(c.definition);
  return page(rows, q, total, (r) => [r.id], (items) => items.map((r) => toPublic(r, labels)));
}

/** Every published result of a campaign in keyset batches (open data); the date is checked before anything is sent. */
export async function allPublicResults(db: Db, clock: Clock, id: string, provinceCode?: string): Promise<AsyncGenerator<PublicResult[]>> {
  const c = await publishedCampaign(db, clock, id);
  const labels = labelsOf(c.definition);
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.publicResults(db, id, provinceCode, after, limit), (r) => [r.id])) yield rows.map((r) => toPublic(r, labels));
  })();
}

export async function publicResult(db: Db, clock: Clock, id: string) {
  const r = await repo.publicResult(db, id);
  if (r?.state !== 'approved') throw notFound('Không tìm thấy kết quả đã công bố');
  const c = await repo.campaign(db, r.campaign_id);
  if (!c || !isPublished({ publishOn: c.publish_on }, vnDate(clock.now()))) throw notFound('Không tìm thấy kết quả đã công bố');
  return { ...toPublic(r, labelsOf(c.definition)), campaignId: c.id, campaignTitle: c.title, year: c.year, frameworkName: c.framework_name };
}

