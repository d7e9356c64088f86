import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';
import type { ContributionFilter } from '../../../../contracts/ledger.js';
import { LEDGER_COLUMNS_SQL, LEDGER_LATERAL_SQL, ledgerSums, type LedgerRow, type LedgerSums, type NeedState } from '../needs/domain.js';
import type { LedgerScope } from './policy.js';

export interface ContributionRow {
  id: string; contributor_id: string; contributor_name: string; anonymous: boolean; school_id: string; school_name: string; province_code: string;
  province_name: string; recipient_group: string | null; beneficiary_id: string | null; form: string; category: string; description: string;
  value_vnd: number; quantity: number | null; unit: string | null; need_id: string | null; need_title: string | null; agreement_id: string | null;
  plan_task_id: string | null; status: string; cancel_reason: string | null; pledged_on: string; delivered_at: Date | null; received_at: Date | null;
  accepted_at: Date | null; created_at: Date; twinning_activity_id: string | null; beneficiary_kind: string | null;
}

const CONTRIBUTION_SELECT = `SELECT k.id, k.contributor_id, o.name AS contributor_name, k.anonymous, k.school_id, s.name AS school_name, k.province_code,
    p.name AS province_name, k.recipient_group, k.beneficiary_id, k.form, k.category, k.description, k.value_vnd, k.quantity, k.unit, k.need_id,
    n.title AS need_title, k.agreement_id, k.plan_task_id, k.status, k.cancel_reason, k.pledged_on, k.delivered_at, k.received_at, k.accepted_at, k.created_at, k.twinning_activity_id, b.kind AS beneficiary_kind
  FROM contribution k
  JOIN organisation o ON o.id = k.contributor_id
  JOIN school s ON s.organisation_id = k.school_id
  JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
  LEFT JOIN need n ON n.id = k.need_id
  LEFT JOIN beneficiary b ON b.id = k.beneficiary_id`;

export const contributionById = (db: Db, id: string) => db.maybeOne<ContributionRow>(`${CONTRIBUTION_SELECT} WHERE k.id = $1`, [id]);
export const contributionForUpdate = (db: Db, id: string) => db.maybeOne<ContributionRow>(`${CONTRIBUTION_SELECT} WHERE k.id = $1 FOR UPDATE OF k`, [id]);
export const giftsOfActivityForUpdate = (db: Db, twinningActivityId: string) =>
  db.query<ContributionRow>(`${CONTRIBUTION_SELECT} WHERE k.twinning_activity_id = $1 AND k.status IN ('pledged', 'delivered') FOR UPDATE OF k`, [twinningActivityId]);

export type EventRow = { id: number; contribution_id: string; status: string; note: string | null; at: Date; actor_org: string | null };
export const contributionEvents = (db: Db, ids: string[]) =>
  db.query<EventRow>(
    `SELECT e.id, e.contribution_id, e.status, e.note, e.at, o.name AS actor_org FROM contribution_event e LEFT JOIN organisation o ON o.id = e.actor_org_id
      WHERE e.contribution_id = ANY($1::uuid[]) ORDER BY e.id`, [ids]);

export type FileRow = { contribution_id: string; id: string; name: string; mime: string; event_id: number | null };
export const contributionFiles = (db: Db, ids: string[]) =>
  db.query<FileRow>(
    `SELECT cf.contribution_id, f.id, f.name, f.mime, cf.event_id FROM contribution_file cf JOIN stored_file f ON f.id = cf.file_id
      WHERE cf.contribution_id = ANY($1::uuid[]) ORDER BY f.created_at`, [ids]);

function listWhere(f: ContributionFilter, scope: LedgerScope, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.needId) w.push(`k.need_id = ${p(f.needId)}::uuid`);
  if (f.schoolId) w.push(`k.school_id = ${p(f.schoolId)}::uuid`);
  if (f.contributorId) w.push(`k.contributor_id = ${p(f.contributorId)}::uuid`);
  if (f.agreementId) w.push(`k.agreement_id = ${p(f.agreementId)}::uuid`);
  if (f.status) w.push(`k.status = ${p(f.status)}`);
  if (f.provinceCode) w.push(`k.province_code = ${p(f.provinceCode)}`);
  if ('provinceCode' in scope) w.push(`k.province_code = ${p(scope.provinceCode)}`);
  if ('schoolOrGiver' in scope) w.push(`(k.school_id = ${p(scope.schoolOrGiver)}::uuid OR k.contributor_id = $${params.length}::uuid)`);
  if ('giver' in scope) w.push(`k.contributor_id = ${p(scope.giver)}::uuid`);
  return w;
}

/**
 * A page of the ledger, newest first, after the key (created_at, id) of the last row seen; read in
 * the order of the index contribution (created_at DESC, id DESC). `sort_at` is created_at to the
 * microsecond, the cursor's first part.
 */
export async function list(db: Db, f: ContributionFilter, scope: LedgerScope, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = listWhere(f, scope, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(k.created_at, k.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  const select = CONTRIBUTION_SELECT.replace('SELECT k.id,', `SELECT to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, k.id,`);
  return db.query<ContributionRow & { sort_at: string }>(`${select} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: ContributionFilter, scope: LedgerScope): Promise<number> {
  // nationwide or for a province, by status: the ledger's summary by year, province and status has the count
  if (('all' in scope || 'provinceCode' in scope) && !f.needId && !f.schoolId && !f.contributorId && !f.agreementId) {
    const provinces = [f.provinceCode, 'provinceCode' in scope ? scope.provinceCode : undefined].filter((x): x is string => !!x);
    return Number((await db.one<{ n: string }>(
      `SELECT COALESCE(sum(count), 0) AS n FROM ledger_totals WHERE ($1::text IS NULL OR status = $1) AND province_code = ALL($2::text[])`,
      [f.status ?? null, provinces])).n);
  }
  const params: unknown[] = [];
  const w = listWhere(f, scope, params);
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM contribution k ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`, params)).n);
}

/** The giver of a contribution: its kind and, for a donor, its vetting. */
export const giver = (db: Db, orgId: string) =>
  db.maybeOne<{ kind: string; vetting_status: string | null; name: string }>(
    'SELECT o.kind, d.vetting_status, o.name FROM organisation o LEFT JOIN donor_profile d ON d.organisation_id = o.id WHERE o.id = $1', [orgId]);

export interface NeedForPledge extends LedgerRow {
  id: string; school_id: string; state: NeedState; quantity: number; estimated_cost: number; unit: string; category: string; title: string;
}

/**
 * The need a pledge is set against, locked until the pledge is written, with the ledger's sums.
 * The lock is taken first and the sums read after it, in a statement of their own: read in the
 * same statement they would be those of before the lock was granted (on PostgreSQL, a
 * statement sees what was committed when it began), and pledges made meanwhile would be missed.
 */
export async function needForPledge(db: Db, needId: string): Promise<NeedForPledge | undefined> {
  if (!(await db.maybeOne('SELECT 1 FROM need WHERE id = $1 FOR UPDATE', [needId]))) return undefined;
  return db.maybeOne<NeedForPledge>(
    `SELECT n.id, n.school_id, n.state, n.quantity, n.estimated_cost, n.unit, n.category, n.title, ${LEDGER_COLUMNS_SQL}
       FROM need n ${LEDGER_LATERAL_SQL}
      WHERE n.id = $1`, [needId]);
}

export const sumsOf = (r: NeedForPledge): LedgerSums => ledgerSums(r);

export const school = (db: Db, schoolId: string) => db.maybeOne<{ province_code: string; name: string }>('SELECT province_code, name FROM school WHERE organisation_id = $1', [schoolId]);
export const beneficiarySchool = (db: Db, id: string) => db.maybeOne<{ school_id: string }>('SELECT school_id FROM beneficiary WHERE id = $1', [id]);
export const planTaskExists = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 AS one FROM plan_task WHERE id = $1', [id]));
export const agreementDonor = (db: Db, id: string) => db.maybeOne<{ donor_id: string }>('SELECT donor_id FROM agreement WHERE id = $1 AND NOT cancelled', [id]);

export interface NewContribution {
  contributorId: string; anonymous: boolean; schoolId: string; provinceCode: string; recipientGroup: string | null; beneficiaryId: string | null;
  form: string; category: string; description: string | null; valueVnd: number; quantity: number | null; unit: string | null; needId: string | null;
  agreementId: string | null; planTaskId: string | null; pledgedOn: string; createdBy: string | null;
}

export async function insertPledge(db: Db, c: NewContribution): Promise<string> {
  return (await db.one<{ id: string }>(
    `INSERT INTO contribution (contributor_id, anonymous, school_id, province_code, recipient_group, beneficiary_id, form, category, description, value_vnd,
       quantity, unit, need_id, agreement_id, plan_task_id, pledged_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [c.contributorId, c.anonymous, c.schoolId, c.provinceCode, c.recipientGroup, c.beneficiaryId, c.form, c.category, c.description, c.valueVnd,
      c.quantity, c.unit, c.needId, c.agreementId, c.planTaskId, c.pledgedOn, c.createdBy],
  )).id;
}

export interface NewGift {
  contributorId: string; schoolId: string; provinceCode: string; form: string; category: string; description: string | null; valueVnd: number;
  quantity: number | null; unit: string | null; givenOn: string; createdBy: string | null; twinningActivityId: string;
}

/** A gift handed over in another programme, written as delivered. */
export async function insertGift(db: Db, g: NewGift): Promise<string> {
  return (await db.one<{ id: string }>(
    `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, quantity, unit, status, pledged_on, delivered_at, created_by, twinning_activity_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'delivered', $10, now(), $11, $12) RETURNING id`,
    [g.contributorId, g.schoolId, g.provinceCode, g.form, g.category, g.description, g.valueVnd, g.quantity, g.unit, g.givenOn, g.createdBy, g.twinningActivityId],
  )).id;
}

export async function insertEvent(db: Db, e: { contributionId: string; status: string; note: string | null; actorId: string | null; actorOrgId: string | null }): Promise<number> {
  return (await db.one<{ id: number }>('INSERT INTO contribution_event (contribution_id, status, note, actor_id, actor_org_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [e.contributionId, e.status, e.note, e.actorId, e.actorOrgId])).id;
}

const STAMP: Partial<Record<string, string>> = { delivered: 'delivered_at', received: 'received_at', accepted: 'accepted_at' };

/** Move a contribution to a status, stamping when it was delivered, received or accepted. */
export async function setStatus(db: Db, id: string, status: string, cancelReason?: string | null) {
  const sets = ['status = $2', 'updated_at = now()'];
  const params: unknown[] = [id, status];
  if (STAMP[status]) sets.push(`${STAMP[status]} = now()`);
  if (status === 'cancelled') { params.push(cancelReason ?? null); sets.push(`cancel_reason = $${params.length}`); }
  await db.query(`UPDATE contribution SET ${sets.join(', ')} WHERE id = $1`, params);
}

export const addFile = (db: Db, contributionId: string, fileId: string, eventId: number) =>
  db.query('INSERT INTO contribution_file (contribution_id, file_id, event_id) VALUES ($1, $2, $3)', [contributionId, fileId, eventId]);

/** Contributions follow their receiving school when it moves (its province decides who accepts them). */
export async function followSchools(db: Db, schoolIds: string[]): Promise<void> {
  await db.query(
    `UPDATE contribution c SET province_code = s.province_code FROM school s
      WHERE s.organisation_id = c.school_id AND c.school_id = ANY($1::uuid[]) AND c.province_code <> s.province_code`,
    [schoolIds],
  );
}

/** Whether a donor chose to be anonymous by default (its pledges then are, unless it says otherwise). */
export const anonymousByDefault = async (db: Db, orgId: string) =>
  (await db.maybeOne<{ anonymous_default: boolean }>('SELECT anonymous_default FROM donor_profile WHERE organisation_id = $1', [orgId]))?.anonymous_default ?? false;

/** The Department of a province (organisations' table, read): it accepts the evidence of the province's gifts. */
export const departmentOf = (db: Db, provinceCode: string) =>
  db.maybeOne<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'department' AND province_code = $1`, [provinceCode]);

/** The event a contribution reached a status with (its latest, if several). */
export const eventOf = (db: Db, contributionId: string, status: string) =>
  db.maybeOne<{ id: number }>('SELECT id FROM contribution_event WHERE contribution_id = $1 AND status = $2 ORDER BY id DESC LIMIT 1', [contributionId, status]);
