import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid, notFound, unauthorized } from '../../platform/errors.js';
import { checkUploads, storeFile, type Upload } from '../../platform/files.js';
import { afterKey, batches, page, type KeyPart } from '../../platform/paging.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import type { Call, CallInput, Proposal, ProposalDetail, ProposalFileKind, ProposalInput, ProposalPatch, ProposalState, ReviewerCandidate } from '../../../../contracts/startups.js';
import { callPolicy, proposalPolicy, type PlacedProposal, type Units } from './policy.js';
import { checkScores, editBlocked, isOpen } from './domain.js';
import * as repo from './repository.js';

const toCall = (r: repo.CallRow, today: string): Call => ({ id: r.id, title: r.title, deadline: r.deadline, criteria: r.criteria, open: isOpen(r.deadline, today), proposals: Number(r.proposals), approved: Number(r.approved) });

export async function listCalls(db: Db, actor: Actor, clock: Clock) {
  const u = await repo.units(db);
  authorize(callPolicy, 'read', actor, u);
  const today = vnDate(clock.now());
  return { items: (await repo.calls(db)).map((c) => toCall(c, today)), can: allowed(callPolicy, actor, u, ['create', 'submit']) };
}

export async function createCall(db: Db, actor: Actor, clock: Clock, input: CallInput): Promise<Call> {
  return db.tx(async (t) => {
    authorize(callPolicy, 'create', actor, await repo.units(t));
    const keys = input.criteria.map((c) => c.key);
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0) throw invalid('Tiêu chí lặp lại', [{ path: `criteria.${dup}.key`, message: 'Mã tiêu chí lặp lại' }]);
    const today = vnDate(clock.now());
    if (input.deadline < today) throw invalid('Hạn nộp đã qua', [{ path: 'deadline', message: 'Hạn nộp phải từ hôm nay trở đi' }]);
    const id = await repo.insertCall(t, { title: cleanText(input.title)!, deadline: input.deadline, criteria: input.criteria.map((c) => ({ key: c.key, label: cleanText(c.label)!, max: c.max })), createdBy: actor.userId });
    const c = toCall((await repo.call(t, id))!, today);
    await audit(t, actor, { entity: 'startup_call', entityId: id, action: 'create', after: c });
    return c;
  });
}

const placed = (r: repo.ProposalRow, u: Units): PlacedProposal => ({ ...u, institutionId: r.institution_id, reviewerIds: r.reviewer_ids });

const toProposal = (r: repo.ProposalRow): Proposal => ({
  id: r.id, callId: r.call_id, callTitle: r.call_title, institution: { id: r.institution_id, name: r.institution_name }, title: r.title, locality: r.locality,
  provinceCode: r.province_code, targetHouseholds: r.target_households, budget: Number(r.budget), state: r.state, averageScore: r.average === null ? null : Number(r.average),
  reviews: Number(r.reviews), decisionNumber: r.decision_number, decisionDate: r.decision_date, createdAt: new Date(r.created_at).toISOString(),
});

async function detail(db: Db, actor: Actor, r: repo.ProposalRow, u: Units): Promise<ProposalDetail> {
  const target = placed(r, u);
  const all = await repo.reviews(db, r.id);
  const reports = await repo.progress(db, r.id);
  const files = await repo.files(db, r.id);
  // Vụ GDCTHSSV and Vụ KHTC see every review; a reviewer its own; the institution none
  const visible = can(proposalPolicy, 'readReviews', actor, target) ? all : all.filter((x) => x.reviewer_id === actor.userId);
  return {
    ...toProposal(r), model: r.model, expectedResults: r.expected_results, criteria: r.criteria, budgetOpinion: r.budget_opinion, decisionNote: r.decision_note,
    reviewList: visible.map((x) => ({ reviewerId: x.reviewer_id, reviewer: x.reviewer, scores: x.scores, total: x.total === null ? null : Number(x.total), comment: x.comment, scoredAt: x.scored_at ? new Date(x.scored_at).toISOString() : null })),
    progress: reports.map((p) => ({ reportedOn: p.reported_on, householdsSupported: p.households_supported, jobs: p.jobs, incomeNote: p.income_note, averageIncomeVnd: p.average_income_vnd === null ? null : Number(p.average_income_vnd), note: p.note, closed: p.closed })),
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size), kind: f.kind })),
    can: {
      ...allowed(proposalPolicy, actor, target, ['assign', 'score', 'budgetOpinion', 'decide']), report: r.state === 'approved' && !reports.some((p) => p.closed) && can(proposalPolicy, 'report', actor, target),
      attachProposal: r.state === 'submitted' && can(proposalPolicy, 'attachProposal', actor, target), attachDecision: r.state !== 'submitted' && can(proposalPolicy, 'attachDecision', actor, target),
      edit: editBlocked(r.state, Number(r.reviews)) === null && can(proposalPolicy, 'edit', actor, target),
    },
  };
}

async function load(db: Db, id: string, lock = false) {
  if (lock && !(await repo.lock(db, id))) throw notFound('Không tìm thấy đề xuất');
  const r = await repo.byId(db, id);
  if (!r) throw notFound('Không tìm thấy đề xuất');
  return r;
}

export async function submit(db: Db, actor: Actor, clock: Clock, callId: string, input: ProposalInput): Promise<ProposalDetail> {
  return db.tx(async (t) => {
    const u = await repo.units(t);
    authorize(callPolicy, 'submit', actor, u);
    const c = await repo.call(t, callId);
    if (!c) throw notFound('Không tìm thấy đợt đề xuất');
    if (!isOpen(c.deadline, vnDate(clock.now()))) throw conflict(`Đợt đề xuất đã hết hạn nộp (${c.deadline.split('-').reverse().join('/')})`);
    const title = cleanText(input.title)!;
    const id = await repo.insertProposal(t, {
      callId, institutionId: actor.organisationId!, title, model: cleanLongText(input.model)!, locality: cleanText(input.locality)!, provinceCode: input.provinceCode ?? null,
      targetHouseholds: input.targetHouseholds, budget: input.budget, expectedResults: cleanLongText(input.expectedResults)!, search: fold(`${title} ${input.locality}`), createdBy: actor.userId,
    });
    const after = await detail(t, actor, (await repo.byId(t, id))!, u);
    await audit(t, actor, { entity: 'startup_proposal', entityId: id, action: 'submit', after });
    return after;
  });
}

const editable = (r: repo.ProposalRow) => ({
  title: r.title, model: r.model, locality: r.locality, provinceCode: r.province_code, targetHouseholds: r.target_households, budget: Number(r.budget), expectedResults: r.expected_results,
});

/**
 * The institution corrects its proposal while it waits for its decision and before any reviewer
 * scores it. The row is locked first and written only if still so (a score or a decision at the
 * same moment makes it a 409); the whole proposal before and after goes to the audit log.
 */
export async function editProposal(db: Db, actor: Actor, id: string, patch: ProposalPatch): Promise<ProposalDetail> {
  return db.tx(async (t) => {
    const u = await repo.units(t);
    const r = await load(t, id, true);
    authorize(proposalPolicy, 'edit', actor, placed(r, u));
    const blocked = editBlocked(r.state, Number(r.reviews));
    if (blocked) throw conflict(blocked);
    const before = editable(r);
    const next = {
      title: patch.title !== undefined ? cleanText(patch.title)! : r.title,
      model: patch.model !== undefined ? cleanLongText(patch.model)! : r.model,
      locality: patch.locality !== undefined ? cleanText(patch.locality)! : r.locality,
      provinceCode: patch.provinceCode !== undefined ? patch.provinceCode : r.province_code,
      targetHouseholds: patch.targetHouseholds ?? r.target_households,
      budget: patch.budget ?? Number(r.budget),
      expectedResults: patch.expectedResults !== undefined ? cleanLongText(patch.expectedResults)! : r.expected_results,
    };
    const written = await repo.updateProposal(t, id, { ...next, search: fold(`${next.title} ${next.locality}`) });
    if (!written.length) throw conflict('Đề xuất vừa được chấm điểm hoặc quyết định; hãy tải lại trang');
    const row = (await repo.byId(t, id))!;
    await audit(t, actor, { entity: 'startup_proposal', entityId: id, action: 'edit', before, after: editable(row) });
    return detail(t, actor, row, u);
  });
}

export interface ProposalListFilter { state?: ProposalState; callId?: string; q?: string }

/** The filter within the actor's scope: everything for Vụ GDCTHSSV and Vụ KHTC; an institution its own; anyone else what it was assigned to review. */
async function scoped(db: Db, actor: Actor, f: ProposalListFilter): Promise<repo.ProposalFilter> {
  if (!actor.userId) throw unauthorized();
  const u = await repo.units(db);
  const all = can(proposalPolicy, 'readReviews', actor, { ...u, institutionId: '', reviewerIds: [] });
  const mine = actor.role === 'unit' && actor.organisationKind === 'training_institution';
  const q = fold(f.q);
  return { state: f.state, callId: f.callId, q: q || undefined, ...(all ? {} : mine ? { institutionId: actor.organisationId! } : { reviewerId: actor.userId }) };
}

const proposalKey = (r: repo.ProposalRow): KeyPart[] => [r.sort_at, r.id];

export async function listProposals(db: Db, actor: Actor, f: ProposalListFilter & { cursor?: string; limit: number }) {
  const filter = await scoped(db, actor, f);
  const after = afterKey(f.cursor, ['timestamp', 'uuid']);
  const [rows, total] = await Promise.all([repo.list(db, filter, after, f.limit + 1), repo.count(db, filter)]);
  return page(rows, f, total, proposalKey, (items) => items.map(toProposal));
}

/** Every proposal of the filter within the actor's scope, newest first, in keyset batches (exports); the scope is settled before anything is sent. */
/** A proposal in the export, with its latest progress report's figures (none before one). */
export type ProposalExportRow = Proposal & { latest: { reportedOn: string; householdsSupported: number; jobs: number; averageIncomeVnd: number | null } | null };

export async function allProposals(db: Db, actor: Actor, f: ProposalListFilter): Promise<AsyncGenerator<ProposalExportRow[]>> {
  const filter = await scoped(db, actor, f);
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.list(db, filter, after, limit), proposalKey)) {
      const latest = new Map((await repo.latestProgress(db, rows.map((r) => r.id))).map((p) => [p.proposal_id, p]));
      yield rows.map((r) => {
        const p = latest.get(r.id);
        return {
          ...toProposal(r),
          latest: p ? { reportedOn: p.reported_on, householdsSupported: p.households_supported, jobs: p.jobs, averageIncomeVnd: p.average_income_vnd === null ? null : Number(p.average_income_vnd) } : null,
        };
      });
    }
  })();
}

export async function getProposal(db: Db, actor: Actor, id: string): Promise<ProposalDetail> {
  const [r, u] = await Promise.all([load(db, id), repo.units(db)]);
  authorize(proposalPolicy, 'read', actor, placed(r, u));
  return detail(db, actor, r, u);
}

async function act(db: Db, actor: Actor, id: string, action: 'assign' | 'score' | 'budgetOpinion' | 'decide' | 'report' | 'attachProposal' | 'attachDecision', fn: (t: Db, r: repo.ProposalRow) => Promise<unknown>): Promise<ProposalDetail> {
  return db.tx(async (t) => {
    const u = await repo.units(t);
    const r = await load(t, id, true);
    authorize(proposalPolicy, action, actor, placed(r, u));
    const before = toProposal(r);
    await fn(t, r);
    const after = await detail(t, actor, (await repo.byId(t, id))!, u);
    await audit(t, actor, { entity: 'startup_proposal', entityId: id, action, before, after: { ...toProposal((await repo.byId(t, id))!), budgetOpinion: after.budgetOpinion } });
    return after;
  });
}

const decided = (r: repo.ProposalRow) => { if (r.state !== 'submitted') throw conflict('Đề xuất đã có quyết định'); };

export const assignReviewers = (db: Db, actor: Actor, id: string, reviewerIds: string[]) => act(db, actor, id, 'assign', async (t, r) => {
  decided(r);
  const unique = [...new Set(reviewerIds)];
  const found = await repo.reviewerAccounts(t, unique);
  const bad = unique.findIndex((x) => !found.includes(x));
  if (bad >= 0) throw invalid('Người chấm phải là tài khoản đang hoạt động của Bộ hoặc đơn vị', [{ path: `reviewerIds.${reviewerIds.indexOf(unique[bad])}`, message: 'Không phải tài khoản chấm hợp lệ' }]);
  await repo.setReviewers(t, id, unique, actor.userId);
});

export const score = (db: Db, actor: Actor, clock: Clock, id: string, input: { scores: Record<string, number>; comment?: string | null }) => act(db, actor, id, 'score', async (t, r) => {
  decided(r);
  const checked = checkScores(r.criteria, input.scores);
  if ('errors' in checked) throw invalid('Điểm chấm chưa hợp lệ', checked.errors);
  await repo.setScore(t, id, actor.userId!, input.scores, checked.total, cleanLongText(input.comment ?? null), clock.now());
});

export const budgetOpinion = (db: Db, actor: Actor, clock: Clock, id: string, opinion: string) =>
  act(db, actor, id, 'budgetOpinion', async (t) => repo.setBudgetOpinion(t, id, cleanLongText(opinion)!, clock.now()));

/**
 * The Ministry's decision. The row is locked before it is read and the state written only from
 * "submitted": of two decisions at once one is a 409. Approval needs every assigned reviewer's
 * score and the budget opinion.
 */
export const decide = (db: Db, actor: Actor, clock: Clock, id: string, input: { decision: 'approve' | 'refuse'; number: string; date: string; note?: string | null }) => act(db, actor, id, 'decide', async (t, r) => {
  decided(r);
  if (input.date > vnDate(clock.now())) throw invalid('Ngày quyết định chưa đến', [{ path: 'date', message: 'Ngày quyết định không sau hôm nay' }]);
  if (input.decision === 'approve') {
    const reviews = await repo.reviews(t, id);
    if (!reviews.length || reviews.some((x) => x.total === null)) throw conflict('Chưa đủ điểm chấm của các người chấm được giao');
    if (!r.budget_opinion) throw conflict('Chưa có ý kiến của Vụ Kế hoạch - Tài chính về kinh phí');
  }
  const ok = await repo.decide(t, id, { state: input.decision === 'approve' ? 'approved' : 'refused', number: cleanText(input.number)!, date: input.date, note: cleanLongText(input.note ?? null), by: actor.userId, at: clock.now() });
  if (!ok) throw conflict('Đề xuất vừa được quyết định bởi một thao tác khác; hãy tải lại trang');
});


/** The institution reports on its approved model until its closing report. */
export const reportProgress = (db: Db, actor: Actor, clock: Clock, id: string, input: { householdsSupported: number; jobs: number; incomeNote?: string | null; averageIncomeVnd?: number | null; note?: string | null; closed?: boolean }) =>
  act(db, actor, id, 'report', async (t, r) => {
    if (r.state !== 'approved') throw conflict('Chỉ báo cáo tiến độ mô hình đã được phê duyệt');
    if ((await repo.progress(t, id)).some((p) => p.closed)) throw conflict('Mô hình đã có báo cáo kết thúc');
    await repo.insertProgress(t, id, { reportedOn: vnDate(clock.now()), householdsSupported: input.householdsSupported, jobs: input.jobs, incomeNote: cleanLongText(input.incomeNote ?? null), averageIncomeVnd: input.averageIncomeVnd ?? null, note: cleanLongText(input.note ?? null), closed: input.closed ?? false, createdBy: actor.userId });
  });

/**
 * Files of a proposal: the institution's documents while it waits for its decision, the decision's
 * file once decided. Checked (type, size, content) before the transaction; nothing is stored if one
 * is refused.
 */
export async function attachFiles(db: Db, actor: Actor, id: string, kind: ProposalFileKind, uploads: Upload[]): Promise<ProposalDetail> {
  if (!uploads.length) throw invalid('Cần chọn ít nhất một tệp', [{ path: 'files', message: 'Chưa có tệp nào' }]);
  const action = kind === 'decision' ? 'attachDecision' : 'attachProposal';
  const [r0, u0] = await Promise.all([load(db, id), repo.units(db)]);
  authorize(proposalPolicy, action, actor, placed(r0, u0));
  await checkUploads(uploads, {});
  return act(db, actor, id, action, async (t, r) => {
    if (kind === 'proposal' && r.state !== 'submitted') throw conflict('Đề xuất đã có quyết định; không bổ sung hồ sơ');
    if (kind === 'decision' && r.state === 'submitted') throw conflict('Đề xuất chưa có quyết định');
    for (const f of uploads) {
      const sf = await storeFile(t, actor.userId, f.filename, f.data, { owner: { kind: 'startup_proposal', id } });
      await repo.attachFile(t, id, sf.id, kind);
    }
  });
}

/** A proposal's files are read by whoever may read the proposal: an institution only its own. */
export async function mayReadProposalFile(db: Db, actor: Actor, id: string): Promise<boolean> {
  const [r, u] = await Promise.all([repo.byId(db, id), repo.units(db)]);
  return !!r && can(proposalPolicy, 'read', actor, placed(r, u));
}

/** The accounts Vụ GDCTHSSV may assign as reviewers. */
export async function reviewerCandidates(db: Db, actor: Actor): Promise<{ items: ReviewerCandidate[] }> {
  const u = await repo.units(db);
  authorize(proposalPolicy, 'assign', actor, { ...u, institutionId: '', reviewerIds: [] });
  return { items: await repo.candidates(db) };
}
