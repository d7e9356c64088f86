import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { AssessmentState } from '../../../../contracts/assessments.js';

/**
 * The queries of a campaign's spreadsheets, report and completeness by reviewer: every list is
 * one statement over the campaign's assessments (index on campaign, province, state, id), every
 * count an aggregate in SQL.
 */

export interface SheetRow {
  id: string; state: AssessmentState; organisation_name: string; school_code: string | null; province_code: string; province_name: string;
  commune_name: string | null; school_levels: string[]; self_points: string; self_result: string | null; reviewed_points: string | null;
  reviewed_result: string | null; group_results: unknown; submitted_at: Date | null; self_due_on: string; review_due_on: string;
}
const SHEET = `SELECT a.id, a.state, o.name AS organisation_name, s.code AS school_code, a.province_code, COALESCE(p.name, a.province_code) AS province_name,
    cm.full_name AS commune_name, a.school_levels, a.self_points::text AS self_points, a.self_result, a.reviewed_points::text AS reviewed_points,
    a.reviewed_result, a.group_results, a.submitted_at, c.self_due_on::text AS self_due_on, c.review_due_on::text AS review_due_on
  FROM assessment a
  JOIN assessment_campaign c ON c.id = a.campaign_id
  JOIN organisation o ON o.id = a.organisation_id
  LEFT JOIN school s ON s.organisation_id = a.organisation_id
  LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = a.province_code
  LEFT JOIN area cm ON cm.era = 'current' AND cm.level = 'commune' AND cm.code = a.commune_code`;

/** A campaign's assessments within a province (or all), by id after the key. */
export function sheetRows(db: Db, campaignId: string, provinceCode: string | null, after: KeyPart[] | null, limit: number, states?: AssessmentState[]) {
  const params: unknown[] = [campaignId, provinceCode];
  const w = ['a.campaign_id = $1', '($2::text IS NULL OR a.province_code = $2)'];
  if (states) { params.push(states); w.push(`a.state = ANY($${params.length}::text[])`); }
  if (after) { params.push(after[0]); w.push(`a.id > $${params.length}::uuid`); }
  params.push(limit);
  return db.query<SheetRow>(`${SHEET} WHERE ${w.join(' AND ')} ORDER BY a.id LIMIT $${params.length}`, params);
}

/** The answers of a campaign's assessments still open for answers, within a province (or all). */
export const openAnswers = (db: Db, campaignId: string, provinceCode: string | null) =>
  db.query<{ assessment_id: string; code: string; value: unknown }>(
    `SELECT x.assessment_id, x.code, x.value FROM assessment a JOIN assessment_answer x ON x.assessment_id = a.id
     WHERE a.campaign_id = $1 AND ($2::text IS NULL OR a.province_code = $2) AND a.state IN ('draft', 'returned') AND x.value IS NOT NULL`, [campaignId, provinceCode]);

/** The assessments an import names, with their place (only those of the campaign). */
export const importTargets = (db: Db, campaignId: string, ids: string[]) =>
  db.query<{ id: string; state: AssessmentState; province_code: string; organisation_name: string }>(
    `SELECT a.id, a.state, a.province_code, o.name AS organisation_name FROM assessment a JOIN organisation o ON o.id = a.organisation_id
     WHERE a.campaign_id = $1 AND a.id = ANY($2::uuid[])`, [campaignId, ids]);

/** Lock the assessments an import writes (in id order, so two imports never deadlock) and read their states. */
export const lockForImport = (db: Db, ids: string[]) =>
  db.query<{ id: string; state: AssessmentState }>('SELECT id, state FROM assessment WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);

/** Every answer and evidence count of these assessments (to score them after the import). */
export const answersOf = (db: Db, ids: string[]) =>
  db.query<{ assessment_id: string; code: string; value: unknown; reviewed_points: string | null }>(
    'SELECT assessment_id, code, value, reviewed_points::text AS reviewed_points FROM assessment_answer WHERE assessment_id = ANY($1::uuid[])', [ids]);
export const evidenceCountsOf = (db: Db, ids: string[]) =>
  db.query<{ assessment_id: string; code: string; n: number }>(
    'SELECT assessment_id, code, count(*)::int AS n FROM assessment_evidence WHERE assessment_id = ANY($1::uuid[]) GROUP BY assessment_id, code', [ids]);

/** Write many assessments' answers in one statement. */
export const upsertManyAnswers = (db: Db, rows: { assessment_id: string; code: string; value: unknown; self_points: number }[], at: Date) =>
  db.query(
    `INSERT INTO assessment_answer (assessment_id, code, value, self_points, updated_at)
     SELECT x.assessment_id, x.code, x.value, x.self_points, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS x(assessment_id uuid, code text, value jsonb, self_points numeric)
     ON CONFLICT (assessment_id, code) DO UPDATE SET value = EXCLUDED.value, self_points = EXCLUDED.self_points, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(rows), at.toISOString()]);

/** Keep many assessments' computed scores in one statement, only while still open for answers. */
export const setManyScores = (db: Db, rows: { id: string; self_points: number; self_result: string; reviewed_points: number; reviewed_result: string; group_results: unknown }[], at: Date) =>
  db.query(
    `UPDATE assessment a SET self_points = x.self_points, self_result = x.self_result, reviewed_points = x.reviewed_points, reviewed_result = x.reviewed_result,
       group_results = x.group_results, updated_at = $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, self_points numeric, self_result text, reviewed_points numeric, reviewed_result text, group_results jsonb)
     WHERE a.id = x.id AND a.state IN ('draft', 'returned')`, [JSON.stringify(rows), at.toISOString()]);

/** Approved results by result and school level (a multi-level school counts under each level), within a province (or all). */
export const resultsByLevel = (db: Db, campaignId: string, provinceCode: string | null) =>
  db.query<{ level: string; result: string | null; n: number }>(
    `SELECT l.level, a.reviewed_result AS result, count(*)::int AS n FROM assessment a CROSS JOIN LATERAL unnest(CASE WHEN cardinality(a.school_levels) = 0 THEN '{""}'::text[] ELSE a.school_levels END) AS l(level)
     WHERE a.campaign_id = $1 AND ($2::text IS NULL OR a.province_code = $2) AND a.state = 'approved' GROUP BY l.level, a.reviewed_result ORDER BY l.level`, [campaignId, provinceCode]);

/** Counts by state and late, within a province (or all). */
export const stateCounts = (db: Db, campaignId: string, provinceCode: string | null, today: string) =>
  db.one<{ total: number; draft: number; submitted: number; returned: number; approved: number; not_submitted_late: number; not_reviewed_late: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE a.state = 'draft')::int AS draft, count(*) FILTER (WHERE a.state = 'submitted')::int AS submitted,
       count(*) FILTER (WHERE a.state = 'returned')::int AS returned, count(*) FILTER (WHERE a.state = 'approved')::int AS approved,
       count(*) FILTER (WHERE a.state IN ('draft', 'returned') AND c.self_due_on < $3::date)::int AS not_submitted_late,
       count(*) FILTER (WHERE a.state = 'submitted' AND c.review_due_on < $3::date)::int AS not_reviewed_late
     FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id WHERE a.campaign_id = $1 AND ($2::text IS NULL OR a.province_code = $2)`,
    [campaignId, provinceCode, today]);

/**
 * Completeness by reviewing organisation: the Department of the province reviews its schools and
 * communes, the Ministry the Departments. Counted by province first, then joined to the
 * Departments (one row per province), so the join runs over a few dozen rows.
 */
export const byReviewer = (db: Db, campaignId: string, provinceCode: string | null, today: string) =>
  db.query<{ reviewer_id: string | null; reviewer_name: string; total: number; not_submitted: number; not_submitted_late: number; not_reviewed: number; not_reviewed_late: number; approved: number }>(
    `WITH x AS (
       SELECT a.province_code, o.kind = 'department' AS of_department, count(*)::int AS total,
         count(*) FILTER (WHERE a.state IN ('draft', 'returned'))::int AS not_submitted,
         count(*) FILTER (WHERE a.state IN ('draft', 'returned') AND c.self_due_on < $3::date)::int AS not_submitted_late,
         count(*) FILTER (WHERE a.state = 'submitted')::int AS not_reviewed,
         count(*) FILTER (WHERE a.state = 'submitted' AND c.review_due_on < $3::date)::int AS not_reviewed_late,
         count(*) FILTER (WHERE a.state = 'approved')::int AS approved
       FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id JOIN organisation o ON o.id = a.organisation_id
       WHERE a.campaign_id = $1 AND ($2::text IS NULL OR a.province_code = $2)
       GROUP BY a.province_code, o.kind = 'department'
     ), dep AS (
       SELECT DISTINCT ON (province_code) province_code, id, name FROM organisation WHERE kind = 'department' AND province_code IS NOT NULL ORDER BY province_code, id
     )
     SELECT CASE WHEN x.of_department THEN NULL ELSE d.id END AS reviewer_id,
       CASE WHEN x.of_department THEN 'Bộ Giáo dục và Đào tạo' ELSE COALESCE(d.name, 'Sở GDĐT (mã tỉnh ' || x.province_code || ')') END AS reviewer_name,
       sum(x.total)::int AS total, sum(x.not_submitted)::int AS not_submitted, sum(x.not_submitted_late)::int AS not_submitted_late,
       sum(x.not_reviewed)::int AS not_reviewed, sum(x.not_reviewed_late)::int AS not_reviewed_late, sum(x.approved)::int AS approved
     FROM x LEFT JOIN dep d ON d.province_code = x.province_code AND NOT x.of_department
     GROUP BY 1, 2 ORDER BY 2`, [campaignId, provinceCode, today]);

export interface OutstandingRow {
  id: string; organisation_name: string; province_code: string; province_name: string; commune_name: string | null; state: AssessmentState;
  reviewer_name: string; late: boolean; submitted_at: Date | null;
}
function outstandingWhere(f: { campaignId: string; kind: 'not_submitted' | 'not_reviewed'; provinceCode: string | null; late: boolean; today: string }, params: unknown[]) {
  params.push(f.campaignId, f.provinceCode, f.today);
  const w = ['a.campaign_id = $1', '($2::text IS NULL OR a.province_code = $2)', '$3::date IS NOT NULL'];
  if (f.kind === 'not_submitted') {
    w.push(`a.state IN ('draft', 'returned')`);
    if (f.late) w.push('c.self_due_on < $3::date');
  } else {
    w.push(`a.state = 'submitted'`);
    if (f.late) w.push('c.review_due_on < $3::date');
  }
  return w;
}
/** Who has not submitted (draft, returned) or not been reviewed (submitted), by id after the key. */
export function outstanding(db: Db, f: { campaignId: string; kind: 'not_submitted' | 'not_reviewed'; provinceCode: string | null; late: boolean; today: string }, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = outstandingWhere(f, params);
  if (after) { params.push(after[0]); w.push(`a.id > $${params.length}::uuid`); }
  params.push(limit);
  return db.query<OutstandingRow>(
    `SELECT a.id, o.name AS organisation_name, a.province_code, COALESCE(p.name, a.province_code) AS province_name, cm.full_name AS commune_name, a.state,
       CASE WHEN o.kind = 'department' THEN 'Bộ Giáo dục và Đào tạo' ELSE COALESCE(d.name, 'Sở GDĐT') END AS reviewer_name,
       CASE WHEN a.state = 'submitted' THEN c.review_due_on < $3::date ELSE c.self_due_on < $3::date END AS late, a.submitted_at
     FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id JOIN organisation o ON o.id = a.organisation_id
     LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = a.province_code
     LEFT JOIN area cm ON cm.era = 'current' AND cm.level = 'commune' AND cm.code = a.commune_code
     LEFT JOIN LATERAL (SELECT d.name FROM organisation d WHERE d.kind = 'department' AND d.province_code = a.province_code ORDER BY d.id LIMIT 1) d ON true
     WHERE ${w.join(' AND ')} ORDER BY a.id LIMIT $${params.length}`, params);
}
export async function outstandingCount(db: Db, f: { campaignId: string; kind: 'not_submitted' | 'not_reviewed'; provinceCode: string | null; late: boolean; today: string }): Promise<number> {
  const params: unknown[] = [];
  const w = outstandingWhere(f, params);
  return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id WHERE ${w.join(' AND ')}`, params)).n;
}

/** A campaign's assessment ids in id order after a key (the recompute walks them in batches). */
export const assessmentIds = async (db: Db, campaignId: string, after: string | null, limit: number) =>
  (await db.query<{ id: string }>('SELECT id FROM assessment WHERE campaign_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3', [campaignId, after, limit])).map((r) => r.id);

/** Keep many assessments' computed scores in one statement, whatever their state (a recompute by the rules). */
export const setScoresAll = (db: Db, rows: { id: string; self_points: number; self_result: string; reviewed_points: number; reviewed_result: string; group_results: unknown }[]) =>
  db.query(
    `UPDATE assessment a SET self_points = x.self_points, self_result = x.self_result, reviewed_points = x.reviewed_points, reviewed_result = x.reviewed_result,
       group_results = x.group_results
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, self_points numeric, self_result text, reviewed_points numeric, reviewed_result text, group_results jsonb)
     WHERE a.id = x.id`, [JSON.stringify(rows)]);
