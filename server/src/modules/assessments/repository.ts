import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { AssessmentState, FrameworkDefinition } from '../../../../contracts/assessments.js';
import type { AssessmentScope } from './policy.js';
import { COMMUNE_LEVELS } from '../../../../contracts/common.js';

/** The organisation's own assessments, or, for a commune, also the schools it reviews (an assessment aliased `a`). */
function ownOrReviewed(s: AssessmentScope, p: (v: unknown) => string): string {
  const own = `a.organisation_id = ${p(s.organisationId)}::uuid`;
  if (!s.communeReview) return own;
  return `(${own} OR ((SELECT x.reviewer_level FROM assessment_campaign x WHERE x.id = a.campaign_id) = 'commune' AND a.province_code = ${p(s.communeReview.provinceCode)}
    AND a.commune_code = ${p(s.communeReview.communeCode)} AND cardinality(a.school_levels) > 0 AND a.school_levels <@ ${p(COMMUNE_LEVELS)}::text[]))`;
}

// ---------------------------------------------------------------------------------------------
// Frameworks and their versions

export interface VersionRow {
  id: string; framework_id: string; key: string; name: string; basis: string; version: number; year: number;
  state: 'draft' | 'published' | 'retired'; complete: boolean; definition: FrameworkDefinition; published_at: Date | null;
  indicator_count: number; provisional_count: number;
}
const VERSION = `SELECT v.id, v.framework_id, f.key, f.name, f.basis, v.version, v.year, v.state, v.complete, v.definition, v.published_at,
    (SELECT count(*)::int FROM assessment_indicator i WHERE i.version_id = v.id AND i.answerable) AS indicator_count,
    (SELECT count(*)::int FROM assessment_indicator i WHERE i.version_id = v.id AND i.provisional) AS provisional_count
  FROM assessment_framework_version v JOIN assessment_framework f ON f.id = v.framework_id`;

export const versions = (db: Db, withDrafts: boolean) =>
  db.query<VersionRow>(`${VERSION} ${withDrafts ? '' : `WHERE v.state = 'published'`} ORDER BY f.key, v.version DESC`);
export const version = (db: Db, id: string) => db.maybeOne<VersionRow>(`${VERSION} WHERE v.id = $1`, [id]);
export const lockVersion = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM assessment_framework_version WHERE id = $1 FOR UPDATE', [id]));

/** The framework of a key (made on first use) and the number its next version takes. */
export async function frameworkFor(db: Db, d: { key: string; name: string; basis: string }): Promise<{ id: string; next: number }> {
  const f = await db.one<{ id: string }>(
    `INSERT INTO assessment_framework (key, name, basis) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, basis = EXCLUDED.basis RETURNING id`, [d.key, d.name, d.basis]);
  // the framework's row is locked by the upsert until the transaction ends: two drafts at once take consecutive numbers
  const n = await db.one<{ n: number }>('SELECT COALESCE(max(version), 0)::int + 1 AS n FROM assessment_framework_version WHERE framework_id = $1', [f.id]);
  return { id: f.id, next: n.n };
}

export interface IndicatorRow {
  code: string; group_code: string; parent_code: string | null; position: number; text: string; type: string; mandatory: boolean;
  provisional: boolean; answerable: boolean; max_points: number; scoring: unknown; evidence: string | null;
}

export async function insertVersion(db: Db, v: { frameworkId: string; version: number; year: number; definition: FrameworkDefinition; complete: boolean; createdBy: string | null }, indicators: IndicatorRow[]): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO assessment_framework_version (framework_id, version, year, definition, complete, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id`,
    [v.frameworkId, v.version, v.year, JSON.stringify(v.definition), v.complete, v.createdBy]);
  await db.query(
    `INSERT INTO assessment_indicator (version_id, code, group_code, parent_code, position, text, type, mandatory, provisional, answerable, max_points, scoring, evidence)
     SELECT $1, x.code, x.group_code, x.parent_code, x.position, x.text, x.type, x.mandatory, x.provisional, x.answerable, x.max_points, x.scoring, x.evidence
     FROM jsonb_to_recordset($2::jsonb) AS x(code text, group_code text, parent_code text, position int, text text, type text, mandatory boolean, provisional boolean, answerable boolean, max_points numeric, scoring jsonb, evidence text)`,
    [r.id, JSON.stringify(indicators)]);
  return r.id;
}

/** Publish a draft version (a version that is no longer a draft is left alone: false). */
export const publishVersion = async (db: Db, id: string, by: string | null, at: Date) =>
  (await db.query(`UPDATE assessment_framework_version SET state = 'published', published_at = $3::timestamptz, published_by = $2 WHERE id = $1 AND state = 'draft' RETURNING id`, [id, by, at.toISOString()])).length > 0;

/** The newest published version of a framework key (seed, demo). */
export const publishedVersionOf = (db: Db, key: string) =>
  db.maybeOne<{ id: string }>(`SELECT v.id FROM assessment_framework_version v JOIN assessment_framework f ON f.id = v.framework_id WHERE f.key = $1 AND v.state = 'published' ORDER BY v.version DESC LIMIT 1`, [key]);

// ---------------------------------------------------------------------------------------------
// Campaigns

export interface CampaignRow {
  id: string; title: string; year: number; version_id: string; framework_key: string; framework_name: string; basis: string; complete: boolean;
  definition: FrameworkDefinition;
  province_code: string | null; province_name: string | null; scope_kinds: string[]; scope_levels: string[]; owner_id: string; owner_name: string;
  opens_on: string; self_due_on: string; review_due_on: string; publish_on: string; created_at: Date; sort_at: string;
  reviewer_level: 'department' | 'commune';
}
const CAMPAIGN = `SELECT c.id, c.title, c.year, c.version_id, f.key AS framework_key, f.name AS framework_name, f.basis, v.complete, v.definition,
    c.province_code, p.name AS province_name, c.scope_kinds, c.scope_levels, c.owner_id, o.name AS owner_name, c.reviewer_level,
    c.opens_on::text AS opens_on, c.self_due_on::text AS self_due_on, c.review_due_on::text AS review_due_on, c.publish_on::text AS publish_on, c.created_at,
    to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at
  FROM assessment_campaign c
  JOIN assessment_framework_version v ON v.id = c.version_id
  JOIN assessment_framework f ON f.id = v.framework_id
  JOIN organisation o ON o.id = c.owner_id
  LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = c.province_code`;

function campaignWhere(s: AssessmentScope, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (s.organisationId) w.push(`EXISTS (SELECT 1 FROM assessment a WHERE ${ownOrReviewed(s, p)} AND a.campaign_id = c.id)`);
  if (s.provinceCode) {
    const x = p(s.provinceCode);
    w.push(`(c.province_code = ${x} OR EXISTS (SELECT 1 FROM assessment a WHERE a.campaign_id = c.id AND a.province_code = ${x}))`);
  }
  return w;
}

export function campaigns(db: Db, s: AssessmentScope, f: { year?: number }, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = campaignWhere(s, params);
  if (f.year) { params.push(f.year); w.push(`c.year = $${params.length}`); }
  if (after) { params.push(after[0], after[1]); w.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`); }
  params.push(limit);
  return db.query<CampaignRow>(`${CAMPAIGN} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`, params);
}
export async function campaignCount(db: Db, s: AssessmentScope, f: { year?: number }): Promise<number> {
  const params: unknown[] = [];
  const w = campaignWhere(s, params);
  if (f.year) { params.push(f.year); w.push(`c.year = $${params.length}`); }
  return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_campaign c ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n;
}
/** Whether a campaign is within a scope. */
export async function campaignVisible(db: Db, s: AssessmentScope, id: string): Promise<boolean> {
  const params: unknown[] = [id];
  const w = ['c.id = $1', ...campaignWhere(s, params)];
  return !!(await db.maybeOne(`SELECT 1 FROM assessment_campaign c WHERE ${w.join(' AND ')}`, params));
}
export const campaign = (db: Db, id: string) => db.maybeOne<CampaignRow>(`${CAMPAIGN} WHERE c.id = $1`, [id]);

/** Counts by state of campaigns' assessments within a scope, and the scope's own assessment in each. */
export async function campaignCounts(db: Db, ids: string[], s: AssessmentScope) {
  if (!ids.length) return new Map<string, { total: number; draft: number; submitted: number; returned: number; approved: number; own: string | null }>();
  const params: unknown[] = [ids];
  const w = ['a.campaign_id = ANY($1::uuid[])'];
  if (s.provinceCode) { params.push(s.provinceCode); w.push(`a.province_code = $${params.length}`); }
  if (s.organisationId) w.push(ownOrReviewed(s, (v) => { params.push(v); return `$${params.length}`; }));
  const rows = await db.query<{ campaign_id: string; total: number; draft: number; submitted: number; returned: number; approved: number }>(
    `SELECT a.campaign_id, count(*)::int AS total, count(*) FILTER (WHERE a.state = 'draft')::int AS draft, count(*) FILTER (WHERE a.state = 'submitted')::int AS submitted,
       count(*) FILTER (WHERE a.state = 'returned')::int AS returned, count(*) FILTER (WHERE a.state = 'approved')::int AS approved
     FROM assessment a WHERE ${w.join(' AND ')} GROUP BY a.campaign_id`, params);
  return new Map(rows.map((r) => [r.campaign_id, { ...r, own: null as string | null }]));
}
export const ownAssessments = async (db: Db, ids: string[], organisationId: string) =>
  new Map((await db.query<{ campaign_id: string; id: string }>('SELECT campaign_id, id FROM assessment WHERE organisation_id = $1 AND campaign_id = ANY($2::uuid[])', [organisationId, ids])).map((r) => [r.campaign_id, r.id]));

/** The frameworks of keys, each with its newest published version. */
export const frameworksOf = (db: Db, keys: string[]) =>
  db.query<{ key: string; name: string; basis: string; version_id: string | null; year: number | null }>(
    `SELECT f.key, f.name, f.basis, v.id AS version_id, v.year FROM assessment_framework f
     LEFT JOIN LATERAL (SELECT id, year FROM assessment_framework_version x WHERE x.framework_id = f.id AND x.state = 'published' ORDER BY x.version DESC LIMIT 1) v ON true
     WHERE f.key = ANY($1::text[]) ORDER BY f.key`, [keys]);
/** The campaigns of frameworks (any version), the newest year first. */
export const campaignsOfFrameworks = (db: Db, keys: string[], limit: number) =>
  db.query<CampaignRow>(`${CAMPAIGN} WHERE f.key = ANY($1::text[]) ORDER BY c.year DESC, c.publish_on DESC, p.name NULLS FIRST, c.id LIMIT $2`, [keys, limit]);
export const campaignCountOfFrameworks = async (db: Db, keys: string[]) =>
  (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_campaign c JOIN assessment_framework_version v ON v.id = c.version_id JOIN assessment_framework f ON f.id = v.framework_id WHERE f.key = ANY($1::text[])`, [keys])).n;

export interface CampaignValues {
  versionId: string; year: number; title: string; provinceCode: string | null; kinds: string[]; levels: string[]; ownerId: string;
  opensOn: string; selfDueOn: string; reviewDueOn: string; publishOn: string; createdBy: string | null;
}

/**
 * Open a campaign: its row, then one assessment per organisation in scope in one statement
 * (schools of the levels, Departments, commune People's Committees of the province or the
 * country), each starting with the score of no answers. How many were made.
 */
export async function openCampaign(db: Db, v: CampaignValues, start: { selfResult: string; groups: unknown }): Promise<{ id: string; made: number }> {
  const c = await db.one<{ id: string }>(
    `INSERT INTO assessment_campaign (version_id, year, title, province_code, scope_kinds, scope_levels, owner_id, opens_on, self_due_on, review_due_on, publish_on, created_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8::date, $9::date, $10::date, $11::date, $12) RETURNING id`,
    [v.versionId, v.year, v.title, v.provinceCode, v.kinds, v.levels, v.ownerId, v.opensOn, v.selfDueOn, v.reviewDueOn, v.publishOn, v.createdBy]);
  const made = await db.query<{ id: string }>(
    `INSERT INTO assessment (campaign_id, organisation_id, province_code, commune_code, school_levels, self_result, group_results)
     SELECT $1, x.id, x.province_code, x.commune_code, x.levels, $5, $6::jsonb FROM (
       SELECT s.organisation_id AS id, s.province_code, s.commune_code, s.levels FROM school s
        WHERE 'school' = ANY($2::text[]) AND ($3::text IS NULL OR s.province_code = $3) AND (cardinality($4::text[]) = 0 OR s.levels && $4::text[])
       UNION ALL
       SELECT o.id, o.province_code, NULL, '{}'::text[] FROM organisation o
        WHERE o.kind = 'department' AND 'department' = ANY($2::text[]) AND o.province_code IS NOT NULL AND ($3::text IS NULL OR o.province_code = $3)
       UNION ALL
       SELECT o.id, o.province_code, o.commune_code, '{}'::text[] FROM organisation o
        WHERE o.kind = 'commune_committee' AND 'commune' = ANY($2::text[]) AND o.province_code IS NOT NULL AND ($3::text IS NULL OR o.province_code = $3)
     ) x RETURNING id`,
    [c.id, v.kinds, v.provinceCode, v.levels, start.selfResult, JSON.stringify(start.groups)]);
  return { id: c.id, made: made.length };
}

/** Completeness by province: counts by state and those late on each deadline. */
export const completeness = (db: Db, campaignId: string, provinceCode: string | null, today: string) =>
  db.query<{ province_code: string; province_name: string; total: number; draft: number; submitted: number; returned: number; approved: number; not_submitted_late: number; not_reviewed_late: number }>(
    `SELECT a.province_code, COALESCE(p.name, a.province_code) AS province_name, count(*)::int AS total,
       count(*) FILTER (WHERE a.state = 'draft')::int AS draft, count(*) FILTER (WHERE a.state = 'submitted')::int AS submitted,
       count(*) FILTER (WHERE a.state = 'returned')::int AS returned, count(*) FILTER (WHERE a.state = 'approved')::int AS approved,
       count(*) FILTER (WHERE a.state IN ('draft', 'returned') AND c.self_due_on < $3::date)::int AS not_submitted_late,
       count(*) FILTER (WHERE a.state = 'submitted' AND c.review_due_on < $3::date)::int AS not_reviewed_late
     FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id
     LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = a.province_code
     WHERE a.campaign_id = $1 AND ($2::text IS NULL OR a.province_code = $2)
     GROUP BY a.province_code, p.name ORDER BY a.province_code`, [campaignId, provinceCode, today]);

// ---------------------------------------------------------------------------------------------
// Assessments

export interface AssessmentRow {
  id: string; campaign_id: string; campaign_title: string; year: number; organisation_id: string; organisation_name: string; organisation_kind: string;
  province_code: string; commune_code: string | null; commune_name: string | null; school_levels: string[]; state: AssessmentState; locked: boolean;
  self_points: string; self_result: string | null; reviewed_points: string | null; reviewed_result: string | null; group_results: unknown;
  return_reason: string | null; submitted_at: Date | null; decided_at: Date | null;
  self_due_on: string; review_due_on: string; opens_on: string; publish_on: string; owner_name: string; version_id: string;
  reviewer_level: 'department' | 'commune';
}
const ASSESSMENT = `SELECT a.id, a.campaign_id, c.title AS campaign_title, c.year, a.organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
    a.province_code, a.commune_code, cm.full_name AS commune_name, a.school_levels, a.state, a.locked,
    a.self_points::text AS self_points, a.self_result, a.reviewed_points::text AS reviewed_points, a.reviewed_result, a.group_results,
    a.return_reason, a.submitted_at, a.decided_at,
    c.self_due_on::text AS self_due_on, c.review_due_on::text AS review_due_on, c.opens_on::text AS opens_on, c.publish_on::text AS publish_on, ow.name AS owner_name, c.version_id,
    c.reviewer_level
  FROM assessment a
  JOIN assessment_campaign c ON c.id = a.campaign_id
  JOIN organisation o ON o.id = a.organisation_id
  JOIN organisation ow ON ow.id = c.owner_id
  LEFT JOIN area cm ON cm.era = 'current' AND cm.level = 'commune' AND cm.code = a.commune_code`;

export interface AssessmentFilter extends AssessmentScope { campaignId?: string; state?: AssessmentState; only?: { provinceCode?: string }; lateOn?: string }

function assessmentWhere(f: AssessmentFilter, params: unknown[]): string[] {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const w: string[] = [];
  if (f.organisationId) w.push(ownOrReviewed(f, p));
  if (f.provinceCode) w.push(`a.province_code = ${p(f.provinceCode)}`);
  if (f.only?.provinceCode) w.push(`a.province_code = ${p(f.only.provinceCode)}`);
  if (f.campaignId) w.push(`a.campaign_id = ${p(f.campaignId)}::uuid`);
  if (f.state) w.push(`a.state = ${p(f.state)}`);
  if (f.lateOn) {
    const d = p(f.lateOn);
    w.push(`((a.state IN ('draft', 'returned') AND c.self_due_on < ${d}::date) OR (a.state = 'submitted' AND c.review_due_on < ${d}::date))`);
  }
  return w;
}

/** Assessments of the filter by campaign (newest campaign first) then organisation name, after the key (campaign created_at, name, id). */
export function assessments(db: Db, f: AssessmentFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = assessmentWhere(f, params);
  if (after) { params.push(after[0], after[1]); w.push(`(a.campaign_id, a.id) > ($${params.length - 1}::uuid, $${params.length}::uuid)`); }
  params.push(limit);
  return db.query<AssessmentRow>(`${ASSESSMENT} ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY a.campaign_id, a.id LIMIT $${params.length}`, params);
}
export async function assessmentCount(db: Db, f: AssessmentFilter): Promise<number> {
  const params: unknown[] = [];
  const w = assessmentWhere(f, params);
  return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`, params)).n;
}

export const assessment = (db: Db, id: string) => db.maybeOne<AssessmentRow>(`${ASSESSMENT} WHERE a.id = $1`, [id]);
/** Lock an assessment's row until the transaction ends, before reading it; whether it exists. */
export const lockAssessment = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM assessment WHERE id = $1 FOR UPDATE', [id]));
export const definitionOf = async (db: Db, versionId: string) =>
  (await db.one<{ definition: FrameworkDefinition }>('SELECT definition FROM assessment_framework_version WHERE id = $1', [versionId])).definition;

export interface AnswerRow { code: string; value: unknown; self_points: string; reviewed_points: string | null; reviewer_comment: string | null }
export const answers = (db: Db, id: string) =>
  db.query<AnswerRow>('SELECT code, value, self_points::text AS self_points, reviewed_points::text AS reviewed_points, reviewer_comment FROM assessment_answer WHERE assessment_id = $1 ORDER BY code', [id]);

export interface EvidenceRow { id: string; code: string; label: string; url: string | null; file_id: string | null; file_name: string | null; created_at: Date }
export const evidence = (db: Db, id: string) =>
  db.query<EvidenceRow>(`SELECT e.id, e.code, e.label, e.url, e.file_id, f.name AS file_name, e.created_at FROM assessment_evidence e LEFT JOIN stored_file f ON f.id = e.file_id
    WHERE e.assessment_id = $1 ORDER BY e.code, e.created_at, e.id`, [id]);
export const evidenceCounts = async (db: Db, id: string) =>
  new Map((await db.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM assessment_evidence WHERE assessment_id = $1 GROUP BY code', [id])).map((r) => [r.code, r.n]));

export const events = (db: Db, id: string) =>
  db.query<{ action: string; from_state: string | null; to_state: string; reason: string | null; at: Date; actor: string | null }>(
    'SELECT e.action, e.from_state, e.to_state, e.reason, e.at, u.display_name AS actor FROM assessment_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.assessment_id = $1 ORDER BY e.id', [id]);

/** Write the school's answers (value and self points), one statement. */
export const upsertAnswers = (db: Db, id: string, rows: { code: string; value: unknown; selfPoints: number }[], at: Date) =>
  db.query(
    `INSERT INTO assessment_answer (assessment_id, code, value, self_points, updated_at)
     SELECT $1, x.code, x.value, x.self_points, $3::timestamptz FROM jsonb_to_recordset($2::jsonb) AS x(code text, value jsonb, self_points numeric)
     ON CONFLICT (assessment_id, code) DO UPDATE SET value = EXCLUDED.value, self_points = EXCLUDED.self_points, updated_at = EXCLUDED.updated_at`,
    [id, JSON.stringify(rows.map((r) => ({ code: r.code, value: r.value, self_points: r.selfPoints }))), at.toISOString()]);

/** Write the reviewer's points and comments, one statement. */
export const upsertReview = (db: Db, id: string, rows: { code: string; reviewedPoints: number | null; comment: string | null }[], at: Date) =>
  db.query(
    `INSERT INTO assessment_answer (assessment_id, code, value, reviewed_points, reviewer_comment, updated_at)
     SELECT $1, x.code, NULL, x.reviewed_points, x.comment, $3::timestamptz FROM jsonb_to_recordset($2::jsonb) AS x(code text, reviewed_points numeric, comment text)
     ON CONFLICT (assessment_id, code) DO UPDATE SET reviewed_points = EXCLUDED.reviewed_points, reviewer_comment = EXCLUDED.reviewer_comment, updated_at = EXCLUDED.updated_at`,
    [id, JSON.stringify(rows.map((r) => ({ code: r.code, reviewed_points: r.reviewedPoints, comment: r.comment }))), at.toISOString()]);

/** Keep the computed scores on the assessment's row (lists, distributions, rankings read them). */
export const setScores = (db: Db, id: string, s: { selfPoints: number; selfResult: string; reviewedPoints: number | null; reviewedResult: string | null; groups: unknown }, at: Date) =>
  db.query('UPDATE assessment SET self_points = $2, self_result = $3, reviewed_points = $4, reviewed_result = $5, group_results = $6::jsonb, updated_at = $7::timestamptz WHERE id = $1',
    [id, s.selfPoints, s.selfResult, s.reviewedPoints, s.reviewedResult, JSON.stringify(s.groups), at.toISOString()]);

export async function addEvidence(db: Db, v: { assessmentId: string; code: string; label: string; url: string | null; fileId: string | null; createdBy: string | null }): Promise<string> {
  return (await db.one<{ id: string }>('INSERT INTO assessment_evidence (assessment_id, code, label, url, file_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [v.assessmentId, v.code, v.label, v.url, v.fileId, v.createdBy])).id;
}
export const removeEvidence = async (db: Db, assessmentId: string, evidenceId: string) =>
  (await db.query('DELETE FROM assessment_evidence WHERE id = $1 AND assessment_id = $2 RETURNING id', [evidenceId, assessmentId])).length > 0;
/** The assessment an evidence file belongs to (for the download check). */
export const assessmentOfFile = (db: Db, assessmentId: string) => db.maybeOne<{ organisation_id: string; province_code: string; kind: string; commune_code: string | null; school_levels: string[]; reviewer_level: 'department' | 'commune' }>(
  `SELECT a.organisation_id, a.province_code, o.kind, a.commune_code, a.school_levels, c.reviewer_level FROM assessment a JOIN organisation o ON o.id = a.organisation_id
   JOIN assessment_campaign c ON c.id = a.campaign_id WHERE a.id = $1`, [assessmentId]);

/** Move an assessment from the state it was read in (a move that lost a race writes nothing) and log it. */
export async function move(db: Db, id: string, m: { action: string; from: AssessmentState; to: AssessmentState; actorId: string | null; reason: string | null; at: Date }): Promise<boolean> {
  const params: unknown[] = [id, m.from, m.to, m.at.toISOString()];
  const sets = ['state = $3', 'updated_at = $4::timestamptz', `locked = ($3 = 'approved')`];
  if (m.action === 'submit') sets.push('submitted_at = $4::timestamptz', 'return_reason = NULL');
  if (m.action === 'approve' || m.action === 'return') { params.push(m.actorId); sets.push('decided_at = $4::timestamptz', `decided_by = $${params.length}`); }
  if (m.action === 'return') { params.push(m.reason); sets.push(`return_reason = $${params.length}`); }
  if (!(await db.query(`UPDATE assessment SET ${sets.join(', ')} WHERE id = $1 AND state = $2 RETURNING id`, params)).length) return false;
  await db.query('INSERT INTO assessment_event (assessment_id, action, from_state, to_state, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)',
    [id, m.action, m.from, m.to, m.reason, m.actorId, m.at.toISOString()]);
  return true;
}
export const logCreate = (db: Db, campaignId: string, actorId: string | null, at: Date) =>
  db.query(`INSERT INTO assessment_event (assessment_id, action, to_state, actor_id, at) SELECT id, 'create', 'draft', $2, $3::timestamptz FROM assessment WHERE campaign_id = $1`, [campaignId, actorId, at.toISOString()]);

// ---------------------------------------------------------------------------------------------
// Publication

export const publishedCampaigns = (db: Db, today: string) =>
  db.query<{ id: string; title: string; year: number; framework_name: string; province_code: string | null; publish_on: string }>(
    `SELECT c.id, c.title, c.year, f.name AS framework_name, c.province_code, c.publish_on::text AS publish_on FROM assessment_campaign c
     JOIN assessment_framework_version v ON v.id = c.version_id JOIN assessment_framework f ON f.id = v.framework_id
     WHERE c.publish_on <= $1::date ORDER BY c.publish_on DESC, c.id LIMIT 200`, [today]);

/** How many organisations a campaign assesses (its assessments in every state). */
export const assessedCount = async (db: Db, campaignId: string) =>
  (await db.one<{ total: number }>('SELECT count(*)::int AS total FROM assessment WHERE campaign_id = $1', [campaignId])).total;

/**
 * The same framework's published campaign of the year before a campaign: of the same scope (the
 * same province, or national) first, else a national one; the newest publication first.
 */
export const previousCampaign = (db: Db, campaignId: string, today: string) =>
  db.maybeOne<{ id: string; title: string; year: number; definition: FrameworkDefinition }>(
    `SELECT p.id, p.title, p.year, pv.definition FROM assessment_campaign c
     JOIN assessment_framework_version v ON v.id = c.version_id
     JOIN assessment_campaign p ON p.year = c.year - 1 AND p.publish_on <= $2::date AND (p.province_code IS NOT DISTINCT FROM c.province_code OR p.province_code IS NULL)
     JOIN assessment_framework_version pv ON pv.id = p.version_id AND pv.framework_id = v.framework_id
     WHERE c.id = $1 ORDER BY (p.province_code IS NOT DISTINCT FROM c.province_code) DESC, p.publish_on DESC, p.id LIMIT 1`, [campaignId, today]);

export interface PublicRow {
  id: string; organisation_id: string; organisation_name: string; school_code: string | null; province_code: string; province_name: string; commune_name: string | null;
  school_levels: string[]; reviewed_points: string; reviewed_result: string; group_results: unknown;
}
const PUBLIC = `SELECT a.id, a.organisation_id, o.name AS organisation_name, s.code AS school_code, a.province_code, COALESCE(p.name, a.province_code) AS province_name,
    cm.full_name AS commune_name, a.school_levels, a.reviewed_points::text AS reviewed_points, a.reviewed_result, a.group_results
  FROM assessment a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN school s ON s.organisation_id = a.organisation_id
  LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = a.province_code
  LEFT JOIN area cm ON cm.era = 'current' AND cm.level = 'commune' AND cm.code = a.commune_code`;
/** Approved results of a campaign (open data), by id. */
export function publicResults(db: Db, campaignId: string, provinceCode: string | undefined, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [campaignId];
  const w = [`a.campaign_id = $1`, `a.state = 'approved'`];
  if (provinceCode) { params.push(provinceCode); w.push(`a.province_code = $${params.length}`); }
  if (after) { params.push(after[0]); w.push(`a.id > $${params.length}::uuid`); }
  params.push(limit);
  return db.query<PublicRow>(`${PUBLIC} WHERE ${w.join(' AND ')} ORDER BY a.id LIMIT $${params.length}`, params);
}
export const publicResultCount = async (db: Db, campaignId: string, provinceCode?: string) =>
  (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment a WHERE a.campaign_id = $1 AND a.state = 'approved' AND ($2::text IS NULL OR a.province_code = $2)`, [campaignId, provinceCode ?? null])).n;
export const publicResult = (db: Db, id: string) => db.maybeOne<PublicRow & { campaign_id: string; state: string }>(
  `${PUBLIC.replace('SELECT a.id,', 'SELECT a.id, a.campaign_id, a.state,')} WHERE a.id = $1`, [id]);
