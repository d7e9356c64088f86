import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { vnDate, type Clock } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, invalid, isUniqueViolation, notFound, type FieldError } from '../../platform/errors.js';
import { afterKey, batches, page, type KeyPart } from '../../platform/paging.js';
import { cleanLongText, cleanText, fold } from '../../platform/text.js';
import type {
  AppraisalAction, ContributorRank, Decision, DecisionDetail, DecisionInput, Honour, ListDetail, ListInput, ListState, Nominee, NomineeInput, RecognitionForm,
  RecognitionList, Verification,
} from '../../../../contracts/recognition.js';
import { appraise, certificateCode, mayHonour, needsReason, normaliseCode } from './domain.js';
import { certificatePolicy, recognitionPolicy, type Units } from './policy.js';
import * as repo from './repository.js';

/** The board's side (seed 000 §IV.1, §IV.3.1–3.2) and Vụ TĐKT (§IV.3.6), by organisation code. */
export const BOARD_CODES = ['ban-dieu-phoi-kh29', 'to-thu-ky-kh29', 'vu-gdtc', 'vu-gdcthssv'];
export const TDKT_CODE = 'vu-tdkt';

export async function units(db: Db): Promise<Units> {
  const rows = await repo.orgIdsByCode(db, [...BOARD_CODES, TDKT_CODE]);
  const board = rows.filter((r) => BOARD_CODES.includes(r.code)).sort((a, b) => BOARD_CODES.indexOf(a.code) - BOARD_CODES.indexOf(b.code));
  return { boardIds: board.map((r) => r.id), tdktId: rows.find((r) => r.code === TDKT_CODE)?.id ?? null };
}

const org = (id: string, name: string, shortName: string | null) => ({ id, name, shortName });
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function cursorKey(cursor: string | undefined, first: 'date' | 'digits' | 'timestamp') {
  const k = afterKey(cursor, [first === 'timestamp' ? 'timestamp' : 'string', 'uuid']);
  const ok = !k || (first === 'date' ? /^\d{4}-\d{2}-\d{2}$/ : first === 'digits' ? /^\d{1,30}$/ : /./).test(String(k[0]));
  if (!ok) throw badRequest('Tham số cursor không hợp lệ');
  return k;
}

// ---------- ranking ----------

export type RankFilter = repo.RankFilter;
const toRank = (r: repo.RankRow): ContributorRank => ({
  rank: Number(r.rank), contributor: org(r.contributor_id, r.name, r.short_name), money: r.money, inKind: r.in_kind, total: r.total,
  contributions: Number(r.contributions), provinces: Number(r.provinces),
});
const RANK_KEY = (r: repo.RankRow): KeyPart[] => [r.total, r.contributor_id];

async function readable(db: Db, actor: Actor): Promise<Units> {
  const u = await units(db);
  authorize(recognitionPolicy, 'read', actor, u);
  return u;
}

export async function ranking(db: Db, actor: Actor, f: RankFilter & { cursor?: string; limit: number }) {
  await readable(db, actor);
  const filter = { ...f, q: fold(f.q) || undefined };
  const after = cursorKey(f.cursor, 'digits');
  const rows = await repo.ranking(db, filter, after, f.limit + 1);
  const total = rows.length ? Number(rows[0].ranked) : await repo.rankingCount(db, filter);
  return page(rows, f, total, RANK_KEY, (items) => items.map(toRank));
}

export async function allRanking(db: Db, actor: Actor, f: RankFilter): Promise<AsyncGenerator<ContributorRank[]>> {
  await readable(db, actor);
  const filter = { ...f, q: fold(f.q) || undefined };
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.ranking(db, filter, after, limit), RANK_KEY)) yield rows.map(toRank);
  })();
}

// ---------- lists ----------

const toList = (r: repo.ListRow): RecognitionList => ({
  id: r.id, title: r.title, year: r.year, state: r.state, proposedBy: org(r.proposed_by, r.proposer_name, r.proposer_short), submittedAt: iso(r.submitted_at),
  nominees: Number(r.nominees), accepted: Number(r.accepted), honoured: Number(r.honoured), createdAt: iso(r.created_at)!,
});
const LIST_KEY = (r: repo.ListRow): KeyPart[] => [new Date(r.created_at).toISOString(), r.id];

export async function lists(db: Db, actor: Actor, f: repo.ListFilter & { cursor?: string; limit: number }) {
  await readable(db, actor);
  const filter = { ...f, q: fold(f.q) || undefined };
  const after = cursorKey(f.cursor, 'timestamp');
  const [rows, total] = [await repo.lists(db, filter, after, f.limit + 1), await repo.listCount(db, filter)];
  return page(rows, f, total, LIST_KEY, (items) => items.map(toList));
}

export async function allLists(db: Db, actor: Actor, f: repo.ListFilter): Promise<AsyncGenerator<RecognitionList[]>> {
  await readable(db, actor);
  const filter = { ...f, q: fold(f.q) || undefined };
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.lists(db, filter, after, limit), LIST_KEY)) yield rows.map(toList);
  })();
}

function toNominee(actor: Actor, u: Units, r: repo.NomineeRow): Nominee {
  return {
    id: r.id, listId: r.list_id, contributor: org(r.contributor_id, r.contributor_name, r.contributor_short), reason: r.reason, form: r.proposed_form,
    acceptedMoney: r.accepted_money, acceptedInKind: r.accepted_in_kind, state: r.state, appraisalNote: r.appraisal_note, appraisedAt: iso(r.appraised_at),
    decision: r.decision_id ? { id: r.decision_id, number: r.decision_number!, decidedOn: r.decided_on! } : null,
    certificateCode: r.certificate_code,
    can: {
      appraise: r.list_state === 'submitted' && r.state === 'proposed' && can(recognitionPolicy, 'appraise', actor, u),
      respond: r.state === 'more_info' && can(recognitionPolicy, 'nominate', actor, u),
      certificate: r.state === 'honoured' && can(certificatePolicy, 'read', actor, { ...u, contributorId: r.contributor_id }),
    },
  };
}

async function listDetail(db: Db, actor: Actor, u: Units, r: repo.ListRow): Promise<ListDetail> {
  const items = await repo.nomineesOf(db, r.id);
  const may = allowed(recognitionPolicy, actor, u, ['nominate', 'appraise', 'decide']);
  return {
    ...toList(r), items: items.map((n) => toNominee(actor, u, n)),
    can: {
      nominate: may.nominate && r.state === 'draft', submit: may.nominate && r.state === 'draft' && items.length > 0,
      appraise: may.appraise && r.state === 'submitted', decide: may.decide && items.some((n) => n.state === 'accepted'),
    },
  };
}

export async function getList(db: Db, actor: Actor, id: string): Promise<ListDetail> {
  const u = await readable(db, actor);
  const r = await repo.listById(db, id);
  if (!r) throw notFound('Không tìm thấy danh sách đề nghị');
  return listDetail(db, actor, u, r);
}

/** Check the nominees: each a donor, none twice (nor already on the list); their accepted value in the list's year, read from the ledger. */
async function nomineeRows(db: Db, listId: string | null, year: number, nominees: NomineeInput[], path: (i: number) => string) {
  const errors: FieldError[] = [];
  const ids = nominees.map((n) => n.contributorId);
  const found = new Set((await repo.contributors(db, ids)).map((c) => c.id));
  const already = new Set(listId ? (await repo.nomineesOf(db, listId)).map((n) => n.contributor_id) : []);
  const seen = new Set<string>();
  nominees.forEach((n, i) => {
    if (!found.has(n.contributorId)) errors.push({ path: `${path(i)}.contributorId`, message: 'Không tìm thấy nhà tài trợ' });
    else if (seen.has(n.contributorId) || already.has(n.contributorId)) errors.push({ path: `${path(i)}.contributorId`, message: 'Nhà tài trợ đã có trong danh sách' });
    seen.add(n.contributorId);
  });
  if (errors.length) throw invalid('Danh sách đề nghị có thông tin chưa hợp lệ', errors);
  const sums = new Map((await repo.acceptedOf(db, ids, year)).map((s) => [s.contributor_id, s]));
  return nominees.map((n) => ({
    contributorId: n.contributorId, reason: cleanLongText(n.reason)!, form: n.form as RecognitionForm,
    money: sums.get(n.contributorId)?.money ?? '0', inKind: sums.get(n.contributorId)?.in_kind ?? '0',
  }));
}

export async function createList(db: Db, actor: Actor, input: ListInput): Promise<ListDetail> {
  const u = await units(db);
  authorize(recognitionPolicy, 'nominate', actor, u);
  const year = Number(input.year);
  return db.tx(async (t) => {
    const rows = await nomineeRows(t, null, year, input.nominees ?? [], (i) => `nominees.${i}`);
    const proposedBy = actor.organisationId && u.boardIds.includes(actor.organisationId) ? actor.organisationId : u.boardIds[0] ?? actor.organisationId;
    if (!proposedBy) throw invalid('Không xác định được Ban điều phối', [{ path: 'title', message: 'Không xác định được Ban điều phối' }]);
    const title = cleanText(input.title)!;
    const id = await repo.insertList(t, { title, year, proposedBy, search: fold(title), createdBy: actor.userId });
    await repo.insertNominees(t, id, rows);
    const after = await listDetail(t, actor, u, (await repo.listById(t, id))!);
    await audit(t, actor, { entity: 'recognition_list', entityId: id, action: 'create', after });
    return after;
  });
}

async function lockedList(t: Db, id: string): Promise<repo.ListRow> {
  if (!(await repo.lockList(t, id))) throw notFound('Không tìm thấy danh sách đề nghị');
  return (await repo.listById(t, id))!;
}

export async function addNominee(db: Db, actor: Actor, id: string, input: NomineeInput): Promise<ListDetail> {
  const u = await units(db);
  authorize(recognitionPolicy, 'nominate', actor, u);
  return db.tx(async (t) => {
    const l = await lockedList(t, id);
    if (l.state !== 'draft') throw conflict('Danh sách đã gửi, không thêm người được đề nghị');
    const rows = await nomineeRows(t, id, l.year, [input], () => 'nominee');
    await repo.insertNominees(t, id, rows);
    const after = await listDetail(t, actor, u, (await repo.listById(t, id))!);
    await audit(t, actor, { entity: 'recognition_list', entityId: id, action: 'nominate', after: { contributorId: input.contributorId, form: input.form } });
    return after;
  });
}

export async function submitList(db: Db, actor: Actor, id: string): Promise<ListDetail> {
  const u = await units(db);
  authorize(recognitionPolicy, 'nominate', actor, u);
  return db.tx(async (t) => {
    const l = await lockedList(t, id);
    if (l.state !== 'draft') throw conflict('Danh sách đã được gửi');
    if (Number(l.nominees) === 0) throw invalid('Danh sách chưa có người được đề nghị', [{ path: 'nominees', message: 'Chưa có người được đề nghị' }]);
    if (!(await repo.submitList(t, id))) throw conflict('Danh sách đã được gửi');
    const after = await listDetail(t, actor, u, (await repo.listById(t, id))!);
    await audit(t, actor, { entity: 'recognition_list', entityId: id, action: 'submit', after: { state: after.state } });
    return after;
  });
}

// ---------- appraisal ----------

async function lockedNominee(t: Db, id: string): Promise<repo.NomineeRow> {
  if (!(await repo.lockNominees(t, [id]))) throw notFound('Không tìm thấy người được đề nghị');
  return (await repo.nomineeById(t, id))!;
}

/** Vụ TĐKT appraises one nominee of a submitted list; the row is locked and moved only from `proposed`, so of two decisions one is a 409. */
export async function appraiseNominee(db: Db, actor: Actor, id: string, action: AppraisalAction, note: string | null | undefined): Promise<Nominee> {
  const u = await units(db);
  authorize(recognitionPolicy, 'appraise', actor, u);
  const text = cleanLongText(note);
  if (needsReason(action) && (!text || text.length < 5)) throw invalid('Cần nêu lý do', [{ path: 'note', message: 'Cần nêu lý do (ít nhất 5 ký tự)' }]);
  return db.tx(async (t) => {
    const n = await lockedNominee(t, id);
    if (n.list_state !== 'submitted') throw conflict('Danh sách chưa được gửi thẩm định');
    const to = appraise(n.state, action);
    if (!to || !(await repo.setAppraisal(t, id, to, text, actor.userId))) throw conflict('Người được đề nghị đã được thẩm định');
    const after = toNominee(actor, u, (await repo.nomineeById(t, id))!);
    await audit(t, actor, { entity: 'recognition_nominee', entityId: id, action: `appraise:${action}`, before: { state: n.state }, after: { state: after.state, note: text } });
    return after;
  });
}

/** The board answers Vụ TĐKT's request for more: a fuller reason, and the nominee is proposed again. */
export async function respond(db: Db, actor: Actor, id: string, reason: string): Promise<Nominee> {
  const u = await units(db);
  authorize(recognitionPolicy, 'nominate', actor, u);
  return db.tx(async (t) => {
    const n = await lockedNominee(t, id);
    if (n.state !== 'more_info' || !(await repo.respond(t, id, cleanLongText(reason)!))) throw conflict('Vụ Thi đua - Khen thưởng không yêu cầu bổ sung hồ sơ này');
    const after = toNominee(actor, u, (await repo.nomineeById(t, id))!);
    await audit(t, actor, { entity: 'recognition_nominee', entityId: id, action: 'respond', before: { reason: n.reason }, after: { reason: after.reason } });
    return after;
  });
}

// ---------- decisions ----------

const toHonour = (r: repo.HonourRow): Honour => ({
  nomineeId: r.nominee_id, contributor: org(r.contributor_id, r.name, r.short_name), form: r.form, decisionId: r.decision_id, decisionNumber: r.number,
  decidedOn: r.decided_on, year: r.year, certificateCode: r.certificate_code,
});
const toDecision = (r: repo.DecisionRow): Decision => ({
  id: r.id, number: r.number, decidedOn: r.decided_on, form: r.form, signer: r.signer,
  activity: r.activity_id ? { id: r.activity_id, title: r.activity_title!, agendaPosition: r.agenda_position } : null, honoured: Number(r.honoured),
});
const DECISION_KEY = (r: repo.DecisionRow): KeyPart[] => [r.decided_on, r.id];

/** Decisions are public once recorded (they are what the honour roll shows). */
export async function decisions(db: Db, f: repo.DecisionFilter & { cursor?: string; limit: number }) {
  const after = cursorKey(f.cursor, 'date');
  const rows = await repo.decisions(db, f, after, f.limit + 1);
  const total = await repo.decisionCount(db, f);
  return page(rows, f, total, DECISION_KEY, (items) => items.map(toDecision));
}

/** Every decision the filter keeps, for an export (public, as the list is), in keyset batches. */
export function allDecisions(db: Db, f: repo.DecisionFilter): AsyncGenerator<Decision[]> {
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.decisions(db, f, after, limit), DECISION_KEY)) yield rows.map(toDecision);
  })();
}

async function decisionDetail(db: Db, id: string): Promise<DecisionDetail> {
  const d = await repo.decisionById(db, id);
  if (!d) throw notFound('Không tìm thấy quyết định');
  const items = await repo.honours(db, { decisionId: id }, null, 1000);
  return { ...toDecision(d), items: items.map(toHonour) };
}
export const getDecision = (db: Db, id: string) => decisionDetail(db, id);

/**
 * Vụ TĐKT records the decision for accepted nominees: every nominee is locked (in one order) and
 * must still be accepted, so two decisions over the same nominees give one 201 and one 409; each
 * honoured nominee gets its certificate's verification code.
 */
export async function decide(db: Db, actor: Actor, clock: Clock, input: DecisionInput): Promise<DecisionDetail> {
  const u = await units(db);
  authorize(recognitionPolicy, 'decide', actor, u);
  const ids = [...new Set(input.nomineeIds)];
  const activityId = input.activityId ?? null;
  const position = input.agendaPosition ?? null;
  if (input.decidedOn > vnDate(clock.now())) throw invalid('Ngày quyết định không sau hôm nay', [{ path: 'decidedOn', message: 'Ngày quyết định không sau hôm nay' }]);
  if (position !== null && !activityId) throw invalid('Mục chương trình cần kèm hoạt động', [{ path: 'agendaPosition', message: 'Cần chọn hoạt động trao tặng' }]);
  try {
    return await db.tx(async (t) => {
      if (activityId && !(await repo.activityExists(t, activityId, position))) {
        throw invalid('Không tìm thấy hoạt động trao tặng', [{ path: position === null ? 'activityId' : 'agendaPosition', message: 'Không tìm thấy hoạt động hoặc mục chương trình' }]);
      }
      if ((await repo.lockNominees(t, ids)) !== ids.length) throw invalid('Không tìm thấy người được đề nghị', [{ path: 'nomineeIds', message: 'Có người được đề nghị không tồn tại' }]);
      const rows = await repo.nomineesByIds(t, ids);
      const notReady = rows.filter((n) => !mayHonour(n.state));
      if (notReady.length) throw conflict('Chỉ khen thưởng người đã được Vụ Thi đua - Khen thưởng đồng ý và chưa có quyết định');
      const id = await repo.insertDecision(t, {
        number: cleanText(input.number)!, decidedOn: input.decidedOn, form: input.form, signer: cleanText(input.signer), activityId, agendaPosition: position, createdBy: actor.userId,
      });
      for (const n of rows) {
        if (!(await repo.honour(t, n.id, id, certificateCode(n.list_year)))) throw conflict('Người được đề nghị đã có quyết định');
      }
      const after = await decisionDetail(t, id);
      await audit(t, actor, { entity: 'recognition_decision', entityId: id, action: 'create', after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('Số quyết định đã được ghi', [{ path: 'number', message: 'Số quyết định đã được ghi' }]);
    throw e;
  }
}

// ---------- public: honour roll and verification ----------

const HONOUR_KEY = (r: repo.HonourRow): KeyPart[] => [r.decided_on, r.nominee_id];
export type HonourFilter = Omit<repo.HonourFilter, 'decisionId'>;

export async function honourRoll(db: Db, f: HonourFilter & { cursor?: string; limit: number }) {
  const filter = { year: f.year, form: f.form, q: fold(f.q) || undefined };
  const after = cursorKey(f.cursor, 'date');
  const rows = await repo.honours(db, filter, after, f.limit + 1);
  const total = await repo.honourCount(db, filter);
  return page(rows, f, total, HONOUR_KEY, (items) => items.map(toHonour));
}

export function allHonours(db: Db, f: HonourFilter): AsyncGenerator<Honour[]> {
  const filter = { year: f.year, form: f.form, q: fold(f.q) || undefined };
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.honours(db, filter, after, limit), HONOUR_KEY)) yield rows.map(toHonour);
  })();
}

export async function verify(db: Db, code: string): Promise<Verification> {
  const c = normaliseCode(code);
  const r = /^[A-Z0-9-]{1,40}$/.test(c) ? await repo.honourByCode(db, c) : undefined;
  if (!r) return { code: c, valid: false, contributorName: null, form: null, decisionNumber: null, decidedOn: null };
  return { code: c, valid: true, contributorName: r.name, form: r.form, decisionNumber: r.number, decidedOn: r.decided_on };
}

/** The honoured nominee whose certificate the actor may print. */
export async function certificateOf(db: Db, actor: Actor, nomineeId: string): Promise<repo.HonourRow> {
  const u = await units(db);
  const n = await repo.nomineeById(db, nomineeId);
  if (!n) throw notFound('Không tìm thấy người được đề nghị');
  authorize(certificatePolicy, 'read', actor, { ...u, contributorId: n.contributor_id });
  const h = n.certificate_code ? await repo.honourByCode(db, n.certificate_code) : undefined;
  if (!h) throw conflict('Người được đề nghị chưa có quyết định khen thưởng');
  return h;
}

export type { ListState };
