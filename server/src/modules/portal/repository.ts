import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';

/** The open data's filter; every row of the ledger except cancelled ones. */
export interface PublicFilter { year?: number; provinceCode?: string; category?: string; schoolId?: string; contributorId?: string; needId?: string }

/** An individual donor who chose to be anonymous is never named in public, whatever a row says. */
const ANONYMOUS_DONOR = `SELECT 1 FROM donor_profile ad WHERE ad.organisation_id = k.contributor_id AND ad.donor_type = 'individual' AND ad.anonymous_default`;

function where(f: PublicFilter, params: unknown[]): string[] {
  const w = [`k.status <> 'cancelled'`];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  // a range on the date (an index on pledged_on serves it), never extract() of it
  if (f.year) w.push(`k.pledged_on >= make_date(${p(f.year)}::int, 1, 1) AND k.pledged_on < make_date($${params.length}::int + 1, 1, 1)`);
  if (f.provinceCode) w.push(`k.province_code = ${p(f.provinceCode)}`);
  if (f.category) w.push(`k.category = ${p(f.category)}`);
  if (f.schoolId) w.push(`k.school_id = ${p(f.schoolId)}::uuid`);
  if (f.contributorId) w.push(`k.contributor_id = ${p(f.contributorId)}::uuid AND NOT k.anonymous AND NOT EXISTS (${ANONYMOUS_DONOR})`);
  if (f.needId) w.push(`k.need_id = ${p(f.needId)}::uuid`);
  return w;
}

/** Sums of đồng as decimal text: exact past 2^53 (numeric in SQL, never a float in between). */
const SUMS = `count(*) AS count, COALESCE(sum(k.value_vnd), 0)::text AS value_vnd,
  COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0)::text AS received_vnd,
  COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0)::text AS accepted_vnd`;
export type SumsRow = { count: number; value_vnd: string; received_vnd: string; accepted_vnd: string };

/** Whether the figures can be read from the ledger's yearly summary (ledger_totals) rather than from its rows. */
const summarised = (f: PublicFilter) => !f.schoolId && !f.contributorId && !f.needId;

/** The same sums over ledger_totals `t` (one row per year, province, category, form and status). */
const TOTAL_SUMS = `COALESCE(sum(t.count), 0) AS count, COALESCE(sum(t.value_vnd), 0)::text AS value_vnd,
  COALESCE(sum(t.value_vnd) FILTER (WHERE t.status IN ('received', 'accepted')), 0)::text AS received_vnd,
  COALESCE(sum(t.value_vnd) FILTER (WHERE t.status = 'accepted'), 0)::text AS accepted_vnd`;

function totalsWhere(f: PublicFilter, params: unknown[]): string {
  const w = [`t.status <> 'cancelled'`];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.year) w.push(`t.year = ${p(f.year)}`);
  if (f.provinceCode) w.push(`t.province_code = ${p(f.provinceCode)}`);
  if (f.category) w.push(`t.category = ${p(f.category)}`);
  return 'WHERE ' + w.join(' AND ');
}

/** The totals of the ledger's rows the filter keeps (a school's or a donor's page), in one statement. */
export function rowTotals(db: Db, f: PublicFilter): Promise<SumsRow> {
  const params: unknown[] = [];
  return db.one<SumsRow>(`SELECT ${SUMS} FROM contribution k WHERE ${where(f, params).join(' AND ')}`, params);
}

/**
 * The portal's figures. Nationwide, by province, year or category they are read from the summary
 * the ledger's transactions keep (ledger_totals, a few thousand rows); for one school, donor or
 * need from the ledger's rows through their indexes. Both equal a direct sum to the đồng.
 */
export async function stats(db: Db, f: PublicFilter) {
  const params: unknown[] = [];
  if (summarised(f)) {
    // one pass over the summary, grouped five ways at once (GROUPING SETS); `g` tells the rows apart
    // (the bits of the columns not grouped by: 15 the totals, 7 a year, 11 a province, 13 a category, 14 a form)
    const rows = await db.query<SumsRow & { g: number; year: number | null; province_code: string | null; province_name: string | null; category: string | null; form: string | null }>(
      `SELECT x.*, p.name AS province_name FROM (
         SELECT GROUPING(t.year, t.province_code, t.category, t.form) AS g, t.year, t.province_code, t.category, t.form, ${TOTAL_SUMS}, sum(t.value_vnd) AS v
           FROM ledger_totals t ${totalsWhere(f, params)}
          GROUP BY GROUPING SETS ((), (t.year), (t.province_code), (t.category), (t.form))) x
         LEFT JOIN area p ON x.province_code IS NOT NULL AND p.era = 'current' AND p.level = 'province' AND p.code = x.province_code
        WHERE x.g = 15 OR x.count > 0
        ORDER BY x.g, x.year, x.v DESC, x.province_code, x.category, x.form`, params);
    const of = (g: number) => rows.filter((r) => Number(r.g) === g);
    const totals = of(15)[0] ?? { count: 0, value_vnd: '0', received_vnd: '0', accepted_vnd: '0' };
    const byForm = of(14).sort((a, b) => (a.form! < b.form! ? -1 : 1));
    return {
      totals, byYear: of(7) as (SumsRow & { year: number })[], byProvince: of(11).filter((r) => r.province_name !== null) as (SumsRow & { province_code: string; province_name: string })[],
      byCategory: of(13) as (SumsRow & { category: string })[], byForm: byForm as (SumsRow & { form: string })[],
    };
  }
  const w = 'WHERE ' + where(f, params).join(' AND ');
  const [totals, byYear, byProvince, byCategory, byForm] = await Promise.all([
    rowTotals(db, f),
    db.query<SumsRow & { year: number }>(`SELECT extract(year FROM k.pledged_on)::int AS year, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY 1`, params),
    db.query<SumsRow & { province_code: string; province_name: string }>(
      `SELECT x.*, p.name AS province_name FROM (SELECT k.province_code, ${SUMS}, sum(k.value_vnd) AS v FROM contribution k ${w} GROUP BY 1) x
         JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = x.province_code ORDER BY x.v DESC, x.province_code`, params),
    db.query<SumsRow & { category: string }>(`SELECT k.category, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY sum(k.value_vnd) DESC, 1`, params),
    db.query<SumsRow & { form: string }>(`SELECT k.form, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY 1`, params),
  ]);
  return { totals, byYear, byProvince, byCategory, byForm };
}

export interface PublicRow {
  id: string; pledged_on: string; anonymous: boolean; contributor_id: string; contributor_name: string; donor_type: string | null; school_id: string; school_code: string;
  school_name: string; province_code: string; province_name: string; recipient_group: string | null; beneficiary_kind: string | null; category: string; form: string;
  description: string; value_vnd: number; quantity: number | null; unit: string | null; status: string; need_id: string | null; evidence: string[] | null;
}

/** The contributors' and schools' names of one export, read once for all its batches. */
export class NameCache {
  readonly contributors = new Map<string, { name: string; donor_type: string | null; anonymous_default: boolean }>();
  readonly schools = new Map<string, { code: string; name: string }>();
  /** more distinct names than this and the cache starts again (memory stays bounded on any export) */
  constructor(readonly max = 50_000) {}
  trim() {
    if (this.contributors.size > this.max) this.contributors.clear();
    if (this.schools.size > this.max) this.schools.clear();
  }
}

type LedgerPart = Omit<PublicRow, 'contributor_name' | 'donor_type' | 'school_code' | 'school_name'>;

/** A row's public evidence files (over `k`). */
const EVIDENCE = `(SELECT array_agg(cf.file_id ORDER BY cf.file_id) FROM contribution_file cf JOIN stored_file sf ON sf.id = cf.file_id AND sf.public WHERE cf.contribution_id = k.id) AS evidence`;

/** The filter and the key to start after, over `k`: for a batch and for the key that ends one. */
function keysetWhere(f: PublicFilter, after: KeyPart[] | null, params: unknown[]): string[] {
  // the filter's year is a range on the key (where()), so the index scan starts and stops inside it
  const w = where(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(k.pledged_on, k.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  return w;
}

/** The key of the row `size` rows after `after` (the last of a batch of that size), or null when fewer remain: one walk of the index, keys only. */
export async function publicBoundary(db: Db, f: PublicFilter, after: KeyPart[] | null, size: number): Promise<[string, string] | null> {
  const params: unknown[] = [];
  const w = keysetWhere(f, after, params);
  params.push(size - 1);
  const r = await db.maybeOne<{ pledged_on: string; id: string }>(
    `SELECT k.pledged_on, k.id FROM contribution k WHERE ${w.join(' AND ')} ORDER BY k.pledged_on DESC, k.id DESC OFFSET $${params.length} LIMIT 1`, params);
  return r ? [r.pledged_on, r.id] : null;
}

/**
 * Public rows newest first, after the key (pledged_on, id) of the last row seen, read in the
 * order of the index contribution (pledged_on DESC, id DESC) WHERE status <> 'cancelled'.
 * A page joins its rows' names in the same statement. The batches of an export (`names` given)
 * come from the ledger alone (its province, recipient and evidence) and the names of their
 * contributors and schools are read after, once for all the batches: joined for every row, four
 * index lookups a row were most of an export's time, and an export repeats the same few thousand
 * names across a million rows. (For one page the second statement costs more than it saves, on
 * the embedded engine above all.) Read two at once (PostgreSQL), the batches share the cache: each
 * trims it only before it looks, and adds its names after its last await, so no batch loses a name.
 */
export async function publicRows(db: Db, f: PublicFilter, after: KeyPart[] | null, limit: number, names?: NameCache, until: KeyPart[] | null = null): Promise<PublicRow[]> {
  const params: unknown[] = [];
  const w = keysetWhere(f, after, params);
  // up to a key (inclusive) every row to it, however many were written since it was read; otherwise `limit` rows
  if (until) { params.push(until[0], until[1]); w.push(`(k.pledged_on, k.id) >= ($${params.length - 1}::date, $${params.length}::uuid)`); }
  params.push(until ? null : limit);
  // the page's keys are read from the ledger alone, in the index's order (no join can make the
  // planner sort the whole ledger for each batch)
  const chosen = `SELECT k.* FROM contribution k WHERE ${w.join(' AND ')} ORDER BY k.pledged_on DESC, k.id DESC LIMIT $${params.length}`;
  // one page (a school's, a donor's): the names joined to its rows in the same statement
  if (!names) {
    return db.query<PublicRow>(
      `SELECT k.id, k.pledged_on, (k.anonymous OR EXISTS (${ANONYMOUS_DONOR})) AS anonymous, k.contributor_id, o.name AS contributor_name, d.donor_type, k.school_id, s.code AS school_code, s.name AS school_name,
              k.province_code, p.name AS province_name, k.recipient_group, b.kind AS beneficiary_kind, k.category, k.form, k.description, k.value_vnd,
              k.quantity, k.unit, k.status, k.need_id, ${EVIDENCE}
         FROM (${chosen}) k
         JOIN organisation o ON o.id = k.contributor_id LEFT JOIN donor_profile d ON d.organisation_id = k.contributor_id
         JOIN school s ON s.organisation_id = k.school_id JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
         LEFT JOIN beneficiary b ON b.id = k.beneficiary_id
        ORDER BY k.pledged_on DESC, k.id DESC`, params);
  }
  const rows = await db.query<LedgerPart>(
    `SELECT k.id, k.pledged_on, k.anonymous, k.contributor_id, k.school_id, k.province_code, p.name AS province_name, k.recipient_group, b.kind AS beneficiary_kind,
            k.category, k.form, k.description, k.value_vnd, k.quantity, k.unit, k.status, k.need_id, ${EVIDENCE}
       FROM (${chosen}) k
       JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
       LEFT JOIN beneficiary b ON b.id = k.beneficiary_id
      ORDER BY k.pledged_on DESC, k.id DESC`,
    params,
  );
  names.trim();
  const contributors = [...new Set(rows.map((r) => r.contributor_id).filter((id) => !names.contributors.has(id)))];
  const schools = [...new Set(rows.map((r) => r.school_id).filter((id) => !names.schools.has(id)))];
  if (contributors.length || schools.length) {
    // an individual who asked for it stays anonymous on every gift (donor_profile.anonymous_default)
    const found = await db.query<{ side: 'c' | 's'; id: string; name: string; code: string | null; donor_type: string | null; anonymous_default: boolean | null }>(
      `SELECT 'c' AS side, o.id, o.name, NULL AS code, d.donor_type, (d.donor_type = 'individual' AND d.anonymous_default) AS anonymous_default
         FROM organisation o LEFT JOIN donor_profile d ON d.organisation_id = o.id WHERE o.id = ANY($1::uuid[])
       UNION ALL
       SELECT 's', s.organisation_id, s.name, s.code, NULL, NULL FROM school s WHERE s.organisation_id = ANY($2::uuid[])`, [contributors, schools]);
    for (const r of found) {
      if (r.side === 'c') names.contributors.set(r.id, { name: r.name, donor_type: r.donor_type, anonymous_default: r.anonymous_default === true });
      else names.schools.set(r.id, { code: r.code ?? '', name: r.name });
    }
  }
  // each row built field by field: spreading the driver's rows (objects of 18 fields added one by
  // one) cost more per row than anything else an export of the ledger does in the server
  return rows.map((r): PublicRow => {
    const c = names.contributors.get(r.contributor_id);
    const s = names.schools.get(r.school_id);
    return {
      id: r.id, pledged_on: r.pledged_on, anonymous: r.anonymous || c?.anonymous_default === true, contributor_id: r.contributor_id, contributor_name: c?.name ?? '',
      donor_type: c?.donor_type ?? null, school_id: r.school_id, school_code: s?.code ?? '', school_name: s?.name ?? '', province_code: r.province_code,
      province_name: r.province_name, recipient_group: r.recipient_group, beneficiary_kind: r.beneficiary_kind, category: r.category, form: r.form,
      description: r.description, value_vnd: r.value_vnd, quantity: r.quantity, unit: r.unit, status: r.status, need_id: r.need_id, evidence: r.evidence,
    };
  });
}

export const publicSchool = (db: Db, id: string) =>
  db.maybeOne<{ id: string; code: string; name: string; levels: string[]; province_code: string; province_name: string; commune_name: string; lat: number | null; lng: number | null; pupils: number | null }>(
    `SELECT s.organisation_id AS id, s.code, s.name, s.levels, s.province_code, p.name AS province_name, c.full_name AS commune_name, s.lat, s.lng, s.pupils
       FROM school s JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = s.province_code
       JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code WHERE s.organisation_id = $1`, [id]);

export const approvedDonor = (db: Db, id: string) =>
  db.maybeOne<{ id: string; name: string; donor_type: string; website: string | null; description: string | null }>(
    `SELECT o.id, o.name, d.donor_type, d.website, d.description FROM organisation o JOIN donor_profile d ON d.organisation_id = o.id
      WHERE o.id = $1 AND d.vetting_status = 'approved' AND NOT (d.donor_type = 'individual' AND d.anonymous_default)`, [id]);

/**
 * The dashboard's needs summed in SQL from need_totals (kept by the ledger's triggers): one row per
 * province and one per category (`by`), each with its count, value, pledged and received sums and
 * how many await verification; withdrawn needs and empty groups left out.
 */
export const needSums = (db: Db, province: string | null) =>
  db.query<{ by: 'province' | 'category'; province_code: string | null; province_name: string | null; category: string | null; count: number; value: string; pledged: string; received: string; awaiting: number }>(
    `SELECT CASE WHEN grouping(t.province_code) = 0 THEN 'province' ELSE 'category' END AS by, t.province_code, min(p.name) AS province_name, t.category,
            sum(t.count)::bigint AS count, sum(t.value)::text AS value, sum(t.pledged)::text AS pledged, sum(t.received)::text AS received,
            COALESCE(sum(t.count) FILTER (WHERE t.state = 'submitted'), 0)::bigint AS awaiting
       FROM need_totals t JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = t.province_code
      WHERE ($1::text IS NULL OR t.province_code = $1) AND t.state <> 'withdrawn' AND t.count > 0
      GROUP BY GROUPING SETS ((t.province_code), (t.category))
      ORDER BY 1 DESC, 2, 4`, [province]);

/** The ledger's value by status (dashboard), from the summary ledger_totals. */
export const ledgerByStatus = (db: Db, province: string | null) =>
  db.query<{ status: string; count: number; value: string }>(
    `SELECT status, sum(count) AS count, COALESCE(sum(value_vnd), 0)::text AS value FROM ledger_totals WHERE ($1::text IS NULL OR province_code = $1) GROUP BY 1 HAVING sum(count) > 0`, [province]);

export const donorsAwaitingVetting = async (db: Db) => Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM donor_profile WHERE vetting_status = 'pending'`)).n);
