/**
 * The published distribution of a campaign kept as counts (`assessment_result_count`): the
 * approved results by province, by commune and by school level, each within its province and by
 * result. Kept in the transaction that moves an assessment into or out of "approved" (and that
 * may change an approved result), rebuilt from the assessments when a campaign is recomputed.
 *
 * Locks, always in this order: the assessment's row (its transaction locked it first), the
 * campaign's row (FOR SHARE: approvals do not wait for one another there, a rebuild waits for them
 * and they for it), then the count rows in the order (dimension, province, key, result). Two
 * approvals in the same province update the same province row; they queue on it, never deadlock.
 */
import type { Db } from '../../platform/db.js';

/** An assessment as it is counted: where, which levels, which result, and whether approved. */
export interface Counted { state: string; province_code: string; commune_code: string | null; school_levels: string[]; reviewed_result: string | null }

interface Delta { dimension: 'commune' | 'level' | 'province'; province_code: string; key: string; result: string; n: number }

function rowsOf(a: Counted, sign: 1 | -1): Delta[] {
  const result = a.reviewed_result ?? '';
  return [
    { dimension: 'province', province_code: a.province_code, key: '', result, n: sign },
    { dimension: 'commune', province_code: a.province_code, key: a.commune_code ?? '', result, n: sign },
    // every element of the list counts, as `unnest` of the list does
    ...a.school_levels.map((l): Delta => ({ dimension: 'level', province_code: a.province_code, key: l, result, n: sign })),
  ];
}

const keyOf = (d: Delta) => `${d.dimension}\u0000${d.province_code}\u0000${d.key}\u0000${d.result}`;

/** The count changes of an assessment moving from `before` to `after`, merged, without the ones that cancel out, in lock order. */
export function deltas(before: Counted, after: Counted): Delta[] {
  const all = [...(before.state === 'approved' ? rowsOf(before, -1) : []), ...(after.state === 'approved' ? rowsOf(after, 1) : [])];
  const merged = new Map<string, Delta>();
  for (const d of all) {
    const k = keyOf(d);
    const m = merged.get(k);
    merged.set(k, m ? { ...m, n: m.n + d.n } : d);
  }
  // a total order shared by every writer: byte order of the key's parts
  return [...merged.entries()].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/** Keep the counts of an assessment that moved from `before` to `after` (in the transaction that moved it, its row locked). */
export async function keepCounts(t: Db, campaignId: string, before: Counted, after: Counted): Promise<void> {
  const rows = deltas(before, after);
  if (!rows.length) return;
  await t.query('SELECT 1 FROM assessment_campaign WHERE id = $1 FOR SHARE', [campaignId]);
  // one statement, its rows inserted (and their locks taken) in one order shared by every writer
  await t.query(
    `INSERT INTO assessment_result_count (campaign_id, dimension, province_code, key, result, n)
     SELECT $1, x.dimension, x.province_code, x.key, x.result, x.n FROM jsonb_to_recordset($2::jsonb) AS x(dimension text, province_code text, key text, result text, n int)
     ORDER BY x.dimension COLLATE "C", x.province_code COLLATE "C", x.key COLLATE "C", x.result COLLATE "C"
     ON CONFLICT (campaign_id, dimension, province_code, key, result) DO UPDATE SET n = assessment_result_count.n + EXCLUDED.n`,
    [campaignId, JSON.stringify(rows)]);
}

/** Count a campaign's approved results again from its assessments (after a recompute, or after assessments were written in bulk). */
export async function rebuildCounts(db: Db, campaignId: string): Promise<void> {
  await db.tx(async (t) => {
    // waits for the approvals under way, which then wait for this: the count below sees them all
    await t.query('SELECT 1 FROM assessment_campaign WHERE id = $1 FOR UPDATE', [campaignId]);
    await t.query('DELETE FROM assessment_result_count WHERE campaign_id = $1', [campaignId]);
    await t.query(
      `INSERT INTO assessment_result_count (campaign_id, dimension, province_code, key, result, n)
       SELECT $1, x.dimension, x.province_code, x.key, x.result, count(*)::int FROM (
         SELECT 'province' AS dimension, a.province_code, '' AS key, COALESCE(a.reviewed_result, '') AS result FROM assessment a WHERE a.campaign_id = $1 AND a.state = 'approved'
         UNION ALL
         SELECT 'commune', a.province_code, COALESCE(a.commune_code, ''), COALESCE(a.reviewed_result, '') FROM assessment a WHERE a.campaign_id = $1 AND a.state = 'approved'
         UNION ALL
         SELECT 'level', a.province_code, l.level, COALESCE(a.reviewed_result, '') FROM assessment a CROSS JOIN LATERAL unnest(a.school_levels) AS l(level) WHERE a.campaign_id = $1 AND a.state = 'approved'
       ) x GROUP BY x.dimension, x.province_code, x.key, x.result ORDER BY 1, 2, 3, 4`, [campaignId]);
  });
}

/** Approved results of a campaign by province and result. */
export const byProvince = (db: Db, campaignId: string) =>
  db.query<{ province_code: string; province_name: string; result: string; n: number }>(
    `SELECT r.province_code, COALESCE(p.name, r.province_code) AS province_name, r.result, r.n FROM assessment_result_count r
     LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = r.province_code
     WHERE r.campaign_id = $1 AND r.dimension = 'province' AND r.n <> 0 ORDER BY r.province_code, r.result`, [campaignId]);

/** Approved results of a campaign by school level and result (a multi-level school under each of its levels), in a province or the whole campaign. */
export const byLevel = (db: Db, campaignId: string, provinceCode: string | null = null) =>
  db.query<{ level: string; result: string; n: number }>(
    `SELECT r.key AS level, r.result, sum(r.n)::int AS n FROM assessment_result_count r
     WHERE r.campaign_id = $1 AND r.dimension = 'level' AND ($2::text IS NULL OR r.province_code = $2)
     GROUP BY r.key, r.result HAVING sum(r.n) <> 0 ORDER BY r.key, r.result`, [campaignId, provinceCode]);

/** Approved results of a campaign in one province by commune and result ('' for organisations without a commune). */
export const byCommune = (db: Db, campaignId: string, provinceCode: string) =>
  db.query<{ commune_code: string; commune_name: string | null; result: string; n: number }>(
    `SELECT r.key AS commune_code, cm.full_name AS commune_name, r.result, r.n FROM assessment_result_count r
     LEFT JOIN area cm ON cm.era = 'current' AND cm.level = 'commune' AND cm.code = r.key
     WHERE r.campaign_id = $1 AND r.dimension = 'commune' AND r.province_code = $2 AND r.n <> 0 ORDER BY r.key, r.result`, [campaignId, provinceCode]);
