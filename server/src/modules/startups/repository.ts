import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import { likeEscape } from '../../platform/text.js';
import type { Criterion, ProposalFileKind, ProposalState } from '../../../../contracts/startups.js';

export const units = async (db: Db) => {
  const rows = await db.query<{ id: string; code: string }>(`SELECT id, code FROM organisation WHERE code IN ('vu-gdcthssv', 'vu-khtc')`);
  return { leadId: rows.find((r) => r.code === 'vu-gdcthssv')?.id ?? null, budgetId: rows.find((r) => r.code === 'vu-khtc')?.id ?? null };
};

export interface CallRow { id: string; title: string; deadline: string; criteria: Criterion[]; proposals: string; approved: string }
const CALL = `SELECT c.id, c.title, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.criteria,
    (SELECT count(*) FROM startup_proposal p WHERE p.call_id = c.id)::text AS proposals,
    (SELECT count(*) FROM startup_proposal p WHERE p.call_id = c.id AND p.state = 'approved')::text AS approved FROM startup_call c`;
export const calls = (db: Db) => db.query<CallRow>(`${CALL} ORDER BY c.deadline DESC, c.id DESC LIMIT 200`);
export const call = (db: Db, id: string) => db.maybeOne<CallRow>(`${CALL} WHERE c.id = $1`, [id]);
export const insertCall = async (db: Db, v: { title: string; deadline: string; criteria: Criterion[]; createdBy: string | null }) =>
  (await db.one<{ id: string }>('INSERT INTO startup_call (title, deadline, criteria, created_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING id', [v.title, v.deadline, JSON.stringify(v.criteria), v.createdBy])).id;

export interface ProposalRow {
  id: string; call_id: string; call_title: string; criteria: Criterion[]; institution_id: string; institution_name: string; title: string; model: string; locality: string;
  province_code: string | null; target_households: number; budget: string; expected_results: string; state: ProposalState; budget_opinion: string | null;
  decision_number: string | null; decision_date: string | null; decision_note: string | null; created_at: Date; sort_at: string;
  average: string | null; reviews: string; reviewer_ids: string[];
}
const PROPOSAL = `SELECT p.id, p.call_id, c.title AS call_title, c.criteria, p.institution_id, o.name AS institution_name, p.title, p.model, p.locality, p.province_code,
    p.target_households, p.budget::text AS budget, p.expected_results, p.state, p.budget_opinion, p.decision_number, to_char(p.decision_date, 'YYYY-MM-DD') AS decision_date,
    p.decision_note, p.created_at, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at,
    (SELECT round(avg(total), 1)::text FROM startup_review r WHERE r.proposal_id = p.id AND r.total IS NOT NULL) AS average,
    (SELECT count(*) FROM startup_review r WHERE r.proposal_id = p.id AND r.total IS NOT NULL)::text AS reviews,
    COALESCE((SELECT array_agg(r.reviewer_id::text) FROM startup_review r WHERE r.proposal_id = p.id), '{}') AS reviewer_ids
  FROM startup_proposal p JOIN startup_call c ON c.id = p.call_id JOIN organisation o ON o.id = p.institution_id`;

/** `q`: folded words (platform/text.ts `fold`), each found in the title, the locality or the institution's name. */
export interface ProposalFilter { institutionId?: string; reviewerId?: string; state?: ProposalState; callId?: string; q?: string }
function where(f: ProposalFilter, params: unknown[]) {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.institutionId) w.push(`p.institution_id = ${p(f.institutionId)}::uuid`);
  if (f.reviewerId) w.push(`EXISTS (SELECT 1 FROM startup_review r WHERE r.proposal_id = p.id AND r.reviewer_id = ${p(f.reviewerId)}::uuid)`);
  if (f.state) w.push(`p.state = ${p(f.state)}`);
  if (f.callId) w.push(`p.call_id = ${p(f.callId)}::uuid`);
  // the proposal's own words (title, locality), or its institution's name and its other names
  for (const word of (f.q ?? '').split(' ').filter(Boolean).slice(0, 8)) {
    const like = p(`%${likeEscape(word)}%`);
    w.push(`(p.search LIKE ${like} OR EXISTS (SELECT 1 FROM organisation io WHERE io.id = p.institution_id AND io.search LIKE ${like}))`);
  }
  return w;
}
export function list(db: Db, f: ProposalFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) { params.push(after[0], after[1]); w.push(`(p.created_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`); }
  params.push(limit);
  return db.query<ProposalRow>(`${PROPOSAL} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
}
export async function count(db: Db, f: ProposalFilter) {
  const params: unknown[] = [];
  const w = where(f, params);
  return Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM startup_proposal p ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n);
}
export const byId = (db: Db, id: string) => db.maybeOne<ProposalRow>(`${PROPOSAL} WHERE p.id = $1`, [id]);
export const lock = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM startup_proposal WHERE id = $1 FOR UPDATE', [id]));

export const reviews = (db: Db, id: string) =>
  db.query<{ reviewer_id: string; reviewer: string; scores: Record<string, number> | null; total: string | null; comment: string | null; scored_at: Date | null }>(
    `SELECT r.reviewer_id, u.display_name AS reviewer, r.scores, r.total::text AS total, r.comment, r.scored_at FROM startup_review r JOIN app_user u ON u.id = r.reviewer_id
      WHERE r.proposal_id = $1 ORDER BY r.assigned_at, r.reviewer_id`, [id]);

export const insertProposal = async (db: Db, v: { callId: string; institutionId: string; title: string; model: string; locality: string; provinceCode: string | null; targetHouseholds: number; budget: number; expectedResults: string; search: string; createdBy: string | null }) =>
  (await db.one<{ id: string }>(
    `INSERT INTO startup_proposal (call_id, institution_id, title, model, locality, province_code, target_households, budget, expected_results, search, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [v.callId, v.institutionId, v.title, v.model, v.locality, v.provinceCode, v.targetHouseholds, v.budget, v.expectedResults, v.search, v.createdBy])).id;

/** Accounts that may review: the Ministry's and units' staff, active. */
export const reviewerAccounts = async (db: Db, ids: string[]) =>
  (await db.query<{ id: string }>(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active AND role IN ('ministry', 'unit', 'admin')`, [ids])).map((r) => r.id);

export async function setReviewers(db: Db, id: string, reviewerIds: string[], by: string | null): Promise<void> {
  // reviewers no longer assigned leave with their scores; those kept keep them
  await db.query('DELETE FROM startup_review WHERE proposal_id = $1 AND NOT (reviewer_id = ANY($2::uuid[]))', [id, reviewerIds]);
  await db.query('INSERT INTO startup_review (proposal_id, reviewer_id, assigned_by) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING', [id, reviewerIds, by]);
}
export const setScore = (db: Db, id: string, reviewerId: string, scores: Record<string, number>, total: number, comment: string | null, at: Date) =>
  db.query('UPDATE startup_review SET scores = $3::jsonb, total = $4, comment = $5, scored_at = $6 WHERE proposal_id = $1 AND reviewer_id = $2', [id, reviewerId, JSON.stringify(scores), total, comment, at.toISOString()]);
export const setBudgetOpinion = (db: Db, id: string, opinion: string, at: Date) =>
  db.query('UPDATE startup_proposal SET budget_opinion = $2, budget_opinion_at = $3 WHERE id = $1', [id, opinion, at.toISOString()]);
/** Decide from the state read (a decision that lost a race writes nothing). */
export const decide = async (db: Db, id: string, v: { state: ProposalState; number: string; date: string; note: string | null; by: string | null; at: Date }) =>
  (await db.query(`UPDATE startup_proposal SET state = $2, decision_number = $3, decision_date = $4, decision_note = $5, decided_by = $6, decided_at = $7 WHERE id = $1 AND state = 'submitted' RETURNING id`,
    [id, v.state, v.number, v.date, v.note, v.by, v.at.toISOString()])).length > 0;

export const progress = (db: Db, id: string) =>
  db.query<{ reported_on: string; households_supported: number; jobs: number; income_note: string | null; average_income_vnd: string | null; note: string | null; closed: boolean }>(
    `SELECT to_char(reported_on, 'YYYY-MM-DD') AS reported_on, households_supported, jobs, income_note, average_income_vnd::text, note, closed FROM startup_progress WHERE proposal_id = $1 ORDER BY reported_on, created_at`, [id]);
export const insertProgress = (db: Db, id: string, v: { reportedOn: string; householdsSupported: number; jobs: number; incomeNote: string | null; averageIncomeVnd: number | null; note: string | null; closed: boolean; createdBy: string | null }) =>
  db.query('INSERT INTO startup_progress (proposal_id, reported_on, households_supported, jobs, income_note, average_income_vnd, note, closed, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [id, v.reportedOn, v.householdsSupported, v.jobs, v.incomeNote, v.averageIncomeVnd, v.note, v.closed, v.createdBy]);

export const files = (db: Db, id: string) =>
  db.query<{ id: string; name: string; mime: string; size: number; kind: ProposalFileKind }>(
    'SELECT f.id, f.name, f.mime, f.size, l.kind FROM startup_file l JOIN stored_file f ON f.id = l.file_id WHERE l.proposal_id = $1 ORDER BY l.kind DESC, f.created_at, f.id', [id]);
export const attachFile = (db: Db, id: string, fileId: string, kind: ProposalFileKind) =>
  db.query('INSERT INTO startup_file (proposal_id, file_id, kind) VALUES ($1, $2, $3)', [id, fileId, kind]);

/** The accounts that may be assigned to review: active staff of the Ministry and of units, by organisation. */
export const candidates = (db: Db) =>
  db.query<{ id: string; name: string; organisation: string }>(
    `SELECT u.id, u.display_name AS name, COALESCE(o.short_name, o.name, '') AS organisation FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
      WHERE u.active AND u.role IN ('ministry', 'unit') ORDER BY u.role, o.name, u.display_name, u.id LIMIT 500`);

export const updateProposal = (db: Db, id: string, v: { title: string; model: string; locality: string; provinceCode: string | null; targetHouseholds: number; budget: number; expectedResults: string; search: string }) =>
  db.query(
    `UPDATE startup_proposal SET title = $2, model = $3, locality = $4, province_code = $5, target_households = $6, budget = $7, expected_results = $8, search = $9
      WHERE id = $1 AND state = 'submitted' AND NOT EXISTS (SELECT 1 FROM startup_review r WHERE r.proposal_id = $1 AND r.total IS NOT NULL) RETURNING id`,
    [id, v.title, v.model, v.locality, v.provinceCode, v.targetHouseholds, v.budget, v.expectedResults, v.search]);

/** The latest report of each proposal given (for the export: its figures beside the proposal), by the index on (proposal, date). */
export const latestProgress = (db: Db, ids: string[]) =>
  db.query<{ proposal_id: string; reported_on: string; households_supported: number; jobs: number; average_income_vnd: string | null }>(
    `SELECT DISTINCT ON (proposal_id) proposal_id, to_char(reported_on, 'YYYY-MM-DD') AS reported_on, households_supported, jobs, average_income_vnd::text
       FROM startup_progress WHERE proposal_id = ANY($1::uuid[]) ORDER BY proposal_id, reported_on DESC, created_at DESC`, [ids]);
