import type { Db } from '../../platform/db.js';
import { LEDGER_LATERAL_SQL, OPEN_SQL } from '../needs/domain.js';

/**
 * Every SQL statement of the home: reads across the modules' tables (needs, ledger, twinning,
 * surveys, plans, accounts, audit), each section's counts aggregated in one statement and its
 * short list in another, never a statement per row. The filters match the lists the counts link to.
 */

const first = async <T>(p: Promise<T[]>): Promise<T | undefined> => (await p)[0];
export interface ItemRow { id: string; title: string; detail: string | null; date: string | null; step: string | null }

// ---------- a school ----------

export const schoolCounts = (db: Db, schoolId: string) =>
  first(db.query<{ name: string; needs: Record<string, number> | null; to_confirm: number; activities_to_confirm: number; pairs: number; surveys: number; last_survey: string | null }>(
    `SELECT o.name,
            (SELECT jsonb_object_agg(x.state, x.n) FROM (SELECT state, count(*) AS n FROM need WHERE school_id = $1 GROUP BY state) x) AS needs,
            (SELECT count(*) FROM contribution WHERE school_id = $1 AND status = 'delivered') AS to_confirm,
            (SELECT count(*) FROM twinning_activity a JOIN twinning_pair p ON p.id = a.pair_id
              WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND a.logged_by_school_id <> $1 AND a.confirmed_at IS NULL) AS activities_to_confirm,
            (SELECT count(*) FROM twinning_pair p WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND p.status <> 'ended') AS pairs,
            (SELECT count(*) FROM facility_survey WHERE school_id = $1) AS surveys,
            (SELECT max(school_year) FROM facility_survey WHERE school_id = $1) AS last_survey
       FROM organisation o WHERE o.id = $1`,
    [schoolId]));

/** Gifts delivered to the school and waiting for it to confirm receipt, oldest first. */
export const receiptsToConfirm = (db: Db, schoolId: string, limit: number) =>
  db.query<ItemRow>(
    `SELECT k.id, k.description AS title, CASE WHEN k.anonymous THEN NULL ELSE o.name END AS detail, to_char(k.delivered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM contribution k JOIN organisation o ON o.id = k.contributor_id
      WHERE k.school_id = $1 AND k.status = 'delivered' ORDER BY k.delivered_at NULLS FIRST, k.id LIMIT $2`,
    [schoolId, limit]);

/** The school's pairs and each one's next step: an activity of the partner to confirm, none in the school year compliance checks, or on track. */
export const pairSteps = (db: Db, schoolId: string, sy: SchoolYearWindow, limit: number) =>
  db.query<ItemRow>(
    `SELECT p.id, CASE WHEN p.border_school_id = $1 THEN COALESCE(hs.name, hc.name) ELSE bs.name END AS title, NULL AS detail,
            to_char(act.last_on, 'YYYY-MM-DD') AS date,
            CASE WHEN act.to_confirm > 0 THEN 'confirm_activity' WHEN act.this_year = 0 THEN 'no_activity' ELSE 'on_track' END AS step
       FROM twinning_pair p
       JOIN organisation bs ON bs.id = p.border_school_id
       LEFT JOIN organisation hs ON hs.id = p.hanoi_school_id
       LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
       CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE a.logged_by_school_id <> $1 AND a.confirmed_at IS NULL) AS to_confirm,
                                  count(*) FILTER (WHERE a.held_on BETWEEN $2::date AND $3::date) AS this_year, max(a.held_on) AS last_on
                             FROM twinning_activity a WHERE a.pair_id = p.id) act
      WHERE (p.hanoi_school_id = $1 OR p.border_school_id = $1) AND p.status <> 'ended'
      ORDER BY act.to_confirm DESC, act.this_year, p.created_at, p.id LIMIT $4`,
    [schoolId, sy.from, sy.to, limit]);

// ---------- a Department ----------

/** The school year an idle pair is judged in (twinning's compliance): its first year, first and last day. */
export interface SchoolYearWindow { start: number; from: string; to: string }

/**
 * The Department's counts. Idle pairs: active pairs either of whose schools (or the Hanoi cluster)
 * is in the province, started by the school year compliance checks and without an activity in
 * it, as the pairs list filtered `?tinh=&chua-hoat-dong=1` counts them (twinning/repository.ts).
 */
export const departmentCounts = (db: Db, provinceCode: string, sy: SchoolYearWindow) =>
  first(db.query<{ to_verify: number; verified_unpublished: number; to_accept: number; idle_pairs: number }>(
    `SELECT (SELECT count(*) FROM need WHERE province_code = $1 AND state = 'submitted') AS to_verify,
            (SELECT count(*) FROM need WHERE province_code = $1 AND state = 'verified') AS verified_unpublished,
            (SELECT count(*) FROM contribution WHERE province_code = $1 AND status = 'received') AS to_accept,
            (SELECT count(*) FROM twinning_pair p JOIN school bs ON bs.organisation_id = p.border_school_id
                LEFT JOIN school hs ON hs.organisation_id = p.hanoi_school_id LEFT JOIN organisation hc ON hc.id = p.hanoi_cluster_id
              WHERE (bs.province_code = $1 OR COALESCE(hs.province_code, hc.province_code) = $1) AND p.status = 'active' AND p.start_year <= $2::int
                AND NOT EXISTS (SELECT 1 FROM twinning_activity a WHERE a.pair_id = p.id AND a.held_on BETWEEN $3::date AND $4::date)) AS idle_pairs`,
    [provinceCode, sy.start + 1, sy.from, sy.to]));

/** Needs of the province in a state, the longest waiting first (by when they were submitted, then verified). */
export const waitingNeeds = (db: Db, provinceCode: string, state: 'submitted' | 'verified', limit: number) =>
  db.query<ItemRow>(
    `SELECT n.id, n.title, o.name AS detail, to_char(${state === 'submitted' ? 'n.submitted_at' : 'n.verified_at'} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM need n JOIN organisation o ON o.id = n.school_id
      WHERE n.province_code = $1 AND n.state = $2
      ORDER BY ${state === 'submitted' ? 'n.submitted_at' : 'n.verified_at'} NULLS FIRST, n.id LIMIT $3`,
    [provinceCode, state, limit]);

/**
 * A commune People's Committee's queue: submitted needs of the commune's preschools, primary and
 * lower-secondary schools (the ones it verifies first), the longest waiting first, and how many.
 */
export const communeQueue = (db: Db, provinceCode: string, communeCode: string, levels: readonly string[], limit: number) =>
  db.query<ItemRow & { total: number }>(
    `SELECT n.id, n.title, o.name AS detail, to_char(n.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step,
            count(*) OVER () AS total
       FROM need n JOIN school s ON s.organisation_id = n.school_id JOIN organisation o ON o.id = n.school_id
      WHERE n.province_code = $1 AND n.commune_code = $2 AND n.state = 'submitted' AND s.levels <@ $3::text[] AND cardinality(s.levels) > 0
      ORDER BY n.submitted_at NULLS FIRST, n.id LIMIT $4`,
    [provinceCode, communeCode, levels, limit]);

/** Gifts the province's schools confirmed, waiting for the Department's acceptance, oldest first. */
export const receiptsToAccept = (db: Db, provinceCode: string, limit: number) =>
  db.query<ItemRow>(
    `SELECT k.id, k.description AS title, o.name AS detail, to_char(k.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM contribution k JOIN organisation o ON o.id = k.school_id
      WHERE k.province_code = $1 AND k.status = 'received' ORDER BY k.received_at NULLS FIRST, k.id LIMIT $2`,
    [provinceCode, limit]);

// ---------- a donor ----------

export const donorCounts = (db: Db, donorId: string) =>
  first(db.query<{ province_code: string | null; province_name: string | null; to_deliver: number; open_near: number }>(
    `SELECT d.province_code, pa.name AS province_name,
            (SELECT count(*) FROM contribution WHERE contributor_id = $1 AND status = 'pledged') AS to_deliver,
            (SELECT COALESCE(sum(t.open), 0) FROM need_totals t WHERE t.state = 'published' AND (d.province_code IS NULL OR t.province_code = d.province_code)) AS open_near
       FROM organisation d LEFT JOIN area pa ON pa.era = 'current' AND pa.level = 'province' AND pa.code = d.province_code
      WHERE d.id = $1`,
    [donorId]));

export const pledgesToDeliver = (db: Db, donorId: string, limit: number) =>
  db.query<ItemRow>(
    `SELECT k.id, k.description AS title, o.name AS detail, to_char(k.pledged_on, 'YYYY-MM-DD') AS date, NULL AS step
       FROM contribution k JOIN organisation o ON o.id = k.school_id
      WHERE k.contributor_id = $1 AND k.status = 'pledged' ORDER BY k.pledged_on, k.id LIMIT $2`,
    [donorId, limit]);

/** Open needs in the donor's province (every province without one), the most urgent first. */
export const needsNear = (db: Db, provinceCode: string | null, limit: number) =>
  db.query<ItemRow>(
    `SELECT n.id, n.title, o.name AS detail, to_char(n.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM need n JOIN organisation o ON o.id = n.school_id ${LEDGER_LATERAL_SQL}
      WHERE n.state = 'published' AND ($1::text IS NULL OR n.province_code = $1)
        AND ${OPEN_SQL}
      ORDER BY CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, n.published_at, n.id LIMIT $2`,
    [provinceCode, limit]);

// ---------- a Ministry unit ----------

/** Progress reported in the last 30 days on the plans the unit issued, newest first, with their count. */
export const reportsOnPlansOf = (db: Db, issuerId: string, since: string, limit: number) =>
  db.query<ItemRow & { total: number }>(
    `SELECT u.id, pl.number || ' – ' || t.number AS title, o.name AS detail, to_char(u.reported_on, 'YYYY-MM-DD') AS date, NULL AS step, t.id AS task_id,
            count(*) OVER () AS total
       FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id JOIN plan pl ON pl.id = a.plan_id JOIN plan_task t ON t.id = a.task_id
       JOIN organisation o ON o.id = u.organisation_id
      WHERE pl.issuer_id = $1 AND u.reported_on >= $2::date AND u.organisation_id <> $1
      ORDER BY u.created_at DESC, u.id LIMIT $3`,
    [issuerId, since, limit]);

// ---------- the donor vetting board ----------

/** Whether the organisation is one of the vetting units (donors/policy.ts), and donors awaiting vetting, as the donors list `?vetting=pending` counts them. */
export const vettingCounts = (db: Db, organisationId: string, vettingUnits: readonly string[]) =>
  first(db.query<{ board: boolean; pending: number }>(
    `SELECT o.code = ANY($2::text[]) AS board, (SELECT count(*) FROM donor_profile WHERE vetting_status = 'pending') AS pending FROM organisation o WHERE o.id = $1`,
    [organisationId, [...vettingUnits]]));

/** Donors awaiting vetting, the longest waiting first. */
export const donorsToVet = (db: Db, limit: number) =>
  db.query<ItemRow>(
    `SELECT o.id, o.name AS title, a.name AS detail, to_char(d.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM donor_profile d JOIN organisation o ON o.id = d.organisation_id
       LEFT JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = o.province_code
      WHERE d.vetting_status = 'pending' ORDER BY d.created_at, d.organisation_id LIMIT $1`,
    [limit]);

// ---------- an administrator ----------

export const adminCounts = (db: Db, since: string) =>
  first(db.query<{ active: number; inactive: number; audit_today: number }>(
    `SELECT count(*) FILTER (WHERE active) AS active, count(*) FILTER (WHERE NOT active) AS inactive,
            (SELECT count(*) FROM audit_log WHERE at >= $1::timestamptz) AS audit_today
       FROM app_user`,
    [since]));

export const recentAudit = (db: Db, limit: number) =>
  db.query<ItemRow>(
    `SELECT l.id::text AS id, l.entity || ' · ' || l.action AS title, l.actor_label AS detail, to_char(l.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS date, NULL AS step
       FROM audit_log l ORDER BY l.at DESC, l.id DESC LIMIT $1`,
    [limit]);
