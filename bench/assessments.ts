/**
 * Benchmark of the yearly assessments at national scale on PostgreSQL: 50,000 schools × 60
 * indicators (3 million answers) in one campaign. Each figure the app computes is timed beside a
 * hand-written SQL of the same figure on the same database in the same run, and the two results
 * are compared. A scratch database is created and dropped (see bench/assessments.md).
 *
 *   npx tsx bench/assessments.ts [--schools 50000] [--reps 30] [--keep]
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
 */
import ExcelJS from 'exceljs';
import { openPostgres, type Db } from '../server/src/platform/db.js';
import { migrate } from '../server/src/platform/migrate.js';
import { fixedClock } from '../server/src/platform/clock.js';
import type { Actor } from '../server/src/platform/actor.js';
import { loadReferenceData } from '../server/src/seed/reference.js';
import { readTable } from '../server/src/platform/tabular.js';
import { insertDraft } from '../server/src/modules/assessments/service.js';
import * as service from '../server/src/modules/assessments/service.js';
import * as repo from '../server/src/modules/assessments/repository.js';
import { importAnswers, ANSWER_IMPORT_MAX_ROWS } from '../server/src/modules/assessments/excel.js';
import { recomputeCampaign } from '../server/src/modules/assessments/rescore.js';
import { rebuildCounts } from '../server/src/modules/assessments/result-counts.js';
import { SYSTEM } from '../server/src/platform/actor.js';
import type { FrameworkDefinition, IndicatorDef } from '../contracts/assessments.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const SCHOOLS = Number(arg('schools', '50000'));
const REPS = Number(arg('reps', '30'));
const IMPORT_ROWS = 1000;
const KEEP = process.argv.includes('--keep');
const DB_NAME = 'kn_bench_assess';

/** 60 indicators in two groups of 100 points (Quyết định 4725's shape): per group 20 yes/no × 3 points and 10 percentages in bands up to 4 points. */
function framework(): FrameworkDefinition {
  const group = (g: number) => {
    const inds: IndicatorDef[] = [];
    for (let i = 1; i <= 20; i++) inds.push({ code: `${g}.${i}`, text: `Chỉ số có/không ${g}.${i}`, type: 'yes_no', mandatory: i === 1, provisional: true, scoring: { kind: 'yes', points: 3 } } as IndicatorDef);
    for (let i = 21; i <= 30; i++) {
      inds.push({ code: `${g}.${i}`, text: `Tỉ lệ ${g}.${i}`, type: 'percentage', mandatory: false, provisional: true, scoring: { kind: 'bands', bands: [{ from: 0, points: 0 }, { from: 50, points: 2 }, { from: 80, points: 4 }] } } as IndicatorDef);
    }
    return { code: String(g), name: `Nhóm ${g}`, max: 100, indicators: inds };
  };
  return {
    key: 'bench-60', name: 'Bộ chỉ số thử tải (60 chỉ số)', basis: 'Thử tải', year: 2026, appliesTo: { kinds: ['school'], schoolLevels: [] },
    result: { kind: 'levels', per: 'group', outOf: 100, levels: [
      { code: '1', label: 'Chưa đáp ứng', min: null }, { code: '2', label: 'Đáp ứng cơ bản', min: 50, inclusive: true, requiresMandatory: true },
      { code: '3', label: 'Đáp ứng tốt', min: 75, inclusive: false, requiresMandatory: true }] },
    groups: [group(1), group(2)],
    provenance: { sources: [{ title: 'Thử tải', reference: 'bench', verified: 'không' }], complete: false, note: 'Dữ liệu thử tải' },
  } as unknown as FrameworkDefinition;
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: ms(t0), value };
}
async function reps(f: () => Promise<unknown>, n = REPS) {
  await f(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push((await timed(f)).ms);
  return { p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) };
}

async function generate(db: Db): Promise<{ campaignId: string; ministry: Actor }> {
  await migrate(db);
  await loadReferenceData(db);
  // schools spread over every commune (hash of the row number), two school levels
  let t = performance.now();
  await db.exec(`
    CREATE TEMP TABLE bench_commune AS SELECT row_number() OVER (ORDER BY code) AS n, code, province_code FROM area WHERE era = 'current' AND level = 'commune';
    INSERT INTO organisation (id, kind, code, name, province_code, commune_code, search)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'school', 'BENCH' || g, 'Trường thử tải ' || g, c.province_code, c.code, 'truong thu tai ' || g
      FROM generate_series(1, ${SCHOOLS}) g JOIN bench_commune c ON c.n = 1 + (hashint4(g) & 2147483647) % (SELECT count(*) FROM bench_commune);
    INSERT INTO school (organisation_id, code, name, levels, ownership, province_code, commune_code, search)
      SELECT id, code, name, CASE WHEN hashint4(length(code) + hashtext(code)) % 2 = 0 THEN '{tieu_hoc}'::text[] ELSE '{thcs}'::text[] END, 'public', province_code, commune_code, search
      FROM organisation WHERE code LIKE 'BENCH%';`);
  console.log(`schools: ${SCHOOLS.toLocaleString('en')} in ${(ms(t) / 1000).toFixed(1)} s`);
  const ministryOrg = (await db.one<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'ministry' ORDER BY id LIMIT 1`)).id;
  const user = await db.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ('bench.bo@ketnoi.test', 'Bộ (thử tải)', 'x', 'ministry', $1) RETURNING id`, [ministryOrg]);
  const ministry: Actor = { userId: user.id, role: 'ministry', label: 'Bộ (thử tải)', organisationId: ministryOrg, organisationKind: 'ministry', provinceCode: null, communeCode: null };
  const versionId = await db.tx(async (tx) => {
    const id = await insertDraft(tx, SYSTEM, framework());
    await repo.publishVersion(tx, id, null, new Date());
    return id;
  });
  const clock = fixedClock('2026-04-02T03:00:00Z');
  t = performance.now();
  const c = await service.openCampaign(db, ministry, clock, {
    versionId, year: 2026, title: 'Đánh giá thử tải 2026', provinceCode: null, kinds: ['school'], schoolLevels: ['tieu_hoc', 'thcs'],
    opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20',
  });
  console.log(`campaign opened over ${c.counts.total.toLocaleString('en')} schools in ${(ms(t) / 1000).toFixed(1)} s`);
  // 60 answers each (hash of assessment and code): yes/no true 70%, percentages 0–100; states: 80% approved, 10% submitted, 10% draft
  t = performance.now();
  await db.exec(`CREATE TEMP TABLE bench_ind AS SELECT code, type FROM assessment_indicator WHERE version_id = '${versionId}' AND answerable`);
  const ids = (await db.query<{ id: string }>('SELECT id FROM assessment WHERE campaign_id = $1 ORDER BY id', [c.id])).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 5000) {
    await db.query(
      `INSERT INTO assessment_answer (assessment_id, code, value, self_points)
       SELECT a.id, i.code, v.value, CASE WHEN i.type = 'yes_no' THEN CASE WHEN v.value = 'true'::jsonb THEN 3 ELSE 0 END
                                        ELSE CASE WHEN (v.value)::text::numeric >= 80 THEN 4 WHEN (v.value)::text::numeric >= 50 THEN 2 ELSE 0 END END
       FROM unnest($1::uuid[]) AS a(id) CROSS JOIN bench_ind i
       CROSS JOIN LATERAL (SELECT CASE WHEN i.type = 'yes_no' THEN to_jsonb((hashtext(a.id::text || i.code) & 1023) < 717)
                                       ELSE to_jsonb((hashtext(i.code || a.id::text) & 2147483647) % 101) END AS value) v`, [ids.slice(i, i + 5000)]);
  }
  await db.query(`UPDATE assessment SET state = CASE WHEN (hashtext(id::text) & 1023) < 820 THEN 'approved' WHEN (hashtext(id::text) & 1023) < 920 THEN 'submitted' ELSE 'draft' END,
    locked = (hashtext(id::text) & 1023) < 820, submitted_at = CASE WHEN (hashtext(id::text) & 1023) < 920 THEN '2026-05-20'::timestamptz END WHERE campaign_id = $1`, [c.id]);
  // the states were written in bulk, not by approvals: the published distribution is counted once
  const rb = await timed(() => rebuildCounts(db, c.id));
  console.log(`published distribution counted (assessment_result_count): ${fmt(rb.ms)} ms`);
  // the steady state autovacuum reaches after a bulk load: statistics and the visibility map (index-only scans)
  await db.exec('VACUUM ANALYZE');
  const n = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment_answer');
  console.log(`answers: ${n.n.toLocaleString('en')} in ${(ms(t) / 1000).toFixed(1)} s`);
  return { campaignId: c.id, ministry };
}

const rows: string[][] = [];
const line = (what: string, app: string, sql: string, ratio: string, target: string, same: string) => rows.push([what, app, sql, ratio, target, same]);

async function main() {
  const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = await openPostgres(url, 1);
  await admin.exec(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${DB_NAME}`);
  const u = new URL(url);
  u.pathname = '/' + DB_NAME;
  const db = await openPostgres(u.toString(), 4);
  try {
    const { campaignId, ministry } = await generate(db);

    // 1. recompute every score by the rules (TS, batches) beside the hand-written SQL sum of the answers' points
    const app = await timed(() => recomputeCampaign(db, campaignId));
    const sql = await timed(() => db.one<{ points: string }>(
      `SELECT sum(x.self_points)::text AS points FROM assessment_answer x JOIN assessment a ON a.id = x.assessment_id WHERE a.campaign_id = $1`, [campaignId]));
    line(`recompute every score (${app.value.assessments.toLocaleString('en')} assessments)`, `${fmt(app.ms)} ms`, `${fmt(sql.ms)} ms (sum of points)`,
      `${(app.ms / sql.ms).toFixed(1)}×`, '≤ 60,000 ms', Number(sql.value.points) === app.value.points ? 'equal' : `DIFFERS ${app.value.points} / ${sql.value.points}`);

    // the published results are read long after they were scored: autovacuum has set the visibility map again by then
    const vac = await timed(() => db.exec('VACUUM ANALYZE assessment'));
    console.log(`VACUUM ANALYZE assessment after the recompute: ${fmt(vac.ms)} ms`);

    // 2. the province ranking: share at the top level by province, from the app's distribution, beside a SQL ranking
    const published = fixedClock('2026-07-01T03:00:00Z');
    const rankApp = async () => {
      const p = await service.publicCampaign(db, published, campaignId);
      return p.byProvince.map((x) => ({ code: x.provinceCode, share: (x.counts['3'] ?? 0) / x.total })).sort((a, b) => b.share - a.share || a.code.localeCompare(b.code)).map((x) => x.code);
    };
    const rankSql = async () => (await db.query<{ province_code: string }>(
      `SELECT province_code FROM assessment WHERE campaign_id = $1 AND state = 'approved' GROUP BY province_code
       ORDER BY count(*) FILTER (WHERE reviewed_result = '3')::numeric / count(*) DESC, province_code`, [campaignId])).map((r) => r.province_code);
    const [ra, rs] = [await reps(rankApp), await reps(rankSql)];
    line('province ranking (share at "Đáp ứng tốt")', `p50 ${fmt(ra.p50)} / p95 ${fmt(ra.p95)} ms`, `p50 ${fmt(rs.p50)} / p95 ${fmt(rs.p95)} ms`, `${(ra.p50 / rs.p50).toFixed(1)}×`, '',
      JSON.stringify(await rankApp()) === JSON.stringify(await rankSql()) ? 'equal' : 'DIFFERS');

    // 3. the public campaign page (its one API answer) beside the hand-written distribution by province and level
    const pageApp = () => service.publicCampaign(db, published, campaignId);
    const pageSql = () => db.query(
      `SELECT province_code, reviewed_result, count(*) FROM assessment WHERE campaign_id = $1 AND state = 'approved' GROUP BY 1, 2
       UNION ALL SELECT l, reviewed_result, count(*) FROM assessment, unnest(school_levels) l WHERE campaign_id = $1 AND state = 'approved' GROUP BY 1, 2`, [campaignId]);
    const [pa, ps] = [await reps(pageApp), await reps(pageSql)];
    // the same figure: every count of the page (by province and by level, each by result) against the hand-written count
    const samePage = async () => {
      const p = await pageApp();
      const fromApp = [...p.byProvince.flatMap((x) => Object.entries(x.counts).map(([r, n]) => `${x.provinceCode}:${r}:${n}`)),
        ...p.bySchoolLevel.flatMap((x) => Object.entries(x.counts).map(([r, n]) => `${x.level}:${r}:${n}`))].sort();
      const fromSql = (await db.query<{ k: string; r: string | null; n: string }>(
        `SELECT province_code AS k, reviewed_result AS r, count(*) AS n FROM assessment WHERE campaign_id = $1 AND state = 'approved' GROUP BY 1, 2
         UNION ALL SELECT l, reviewed_result, count(*) FROM assessment, unnest(school_levels) l WHERE campaign_id = $1 AND state = 'approved' GROUP BY 1, 2`, [campaignId]))
        .map((r) => `${r.k}:${r.r ?? ''}:${r.n}`).sort();
      return JSON.stringify(fromApp) === JSON.stringify(fromSql);
    };
    line('public campaign page', `p50 ${fmt(pa.p50)} / p95 ${fmt(pa.p95)} ms`, `p50 ${fmt(ps.p50)} / p95 ${fmt(ps.p95)} ms`, `${(pa.p50 / ps.p50).toFixed(1)}×`, 'p95 ≤ 100 ms', (await samePage()) ? 'equal' : 'DIFFERS');

    // 3b. the commune view of the province with the most schools beside its hand-written count
    const big = (await db.one<{ province_code: string }>(`SELECT province_code FROM assessment WHERE campaign_id = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [campaignId])).province_code;
    const communeApp = () => service.publicCommunes(db, published, campaignId, big);
    const communeSql = () => db.query<{ commune_code: string; r: string | null; n: string }>(
      `SELECT commune_code, reviewed_result AS r, count(*) AS n FROM assessment WHERE campaign_id = $1 AND state = 'approved' AND province_code = $2 GROUP BY 1, 2`, [campaignId, big]);
    const [ca, cs] = [await reps(communeApp), await reps(communeSql)];
    const sameCommunes = JSON.stringify((await communeApp()).byCommune.flatMap((x) => Object.entries(x.counts).map(([r, n]) => `${x.communeCode}:${r}:${n}`)).sort())
      === JSON.stringify((await communeSql()).map((r) => `${r.commune_code}:${r.r ?? ''}:${r.n}`).sort());
    line(`commune view (province ${big})`, `p50 ${fmt(ca.p50)} / p95 ${fmt(ca.p95)} ms`, `p50 ${fmt(cs.p50)} / p95 ${fmt(cs.p95)} ms`, `${(ca.p50 / cs.p50).toFixed(1)}×`, '', sameCommunes ? 'equal' : 'DIFFERS');

    // 3c. an approval now writes the counts in its transaction: approvals one after the other (a Department's reviewer), beside one UPDATE of the state
    const dept = await db.one<{ id: string; province_code: string }>(
      `SELECT o.id, o.province_code FROM organisation o WHERE o.kind = 'department' AND o.province_code = $1 LIMIT 1`, [big]);
    const deptUser = await db.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ('bench.so@ketnoi.test', 'Sở (thử tải)', 'x', 'department', $1) RETURNING id`, [dept.id]);
    const reviewer: Actor = { userId: deptUser.id, role: 'department', label: 'Sở (thử tải)', organisationId: dept.id, organisationKind: 'department', provinceCode: big, communeCode: null };
    const queue = (await db.query<{ id: string }>(`SELECT id FROM assessment WHERE campaign_id = $1 AND state = 'submitted' AND province_code = $2 ORDER BY id LIMIT ${REPS * 2 + 2}`, [campaignId, big])).map((r) => r.id);
    const approveApp = () => service.transition(db, reviewer, published, queue.shift()!, 'approve', null);
    const approveSql = () => db.query(`UPDATE assessment SET state = 'approved', locked = true WHERE id = $1 AND state = 'submitted'`, [queue.shift()!]);
    const [aa, as] = [await reps(approveApp), await reps(approveSql)];
    line('one approval (with its counts)', `p50 ${fmt(aa.p50)} / p95 ${fmt(aa.p95)} ms`, `p50 ${fmt(as.p50)} / p95 ${fmt(as.p95)} ms (UPDATE of the state)`, `${(aa.p50 / as.p50).toFixed(1)}×`, '', '');
    // the hand-written updates skipped the counts: count again, then the page must still equal the direct count
    await rebuildCounts(db, campaignId);
    if (!(await samePage())) line('public campaign page after the approvals', '', '', '', '', 'DIFFERS');

    // 4. the XLSX import of 1,000 schools × 60 indicators (parse, check, write, score, audit) beside one INSERT … SELECT of the same answers
    const targets = (await db.query<{ id: string }>(`SELECT id FROM assessment WHERE campaign_id = $1 AND state = 'draft' ORDER BY id LIMIT ${IMPORT_ROWS}`, [campaignId])).map((r) => r.id);
    const codes = (await db.query<{ code: string; type: string }>(`SELECT i.code, i.type FROM assessment_indicator i JOIN assessment_campaign c ON c.version_id = i.version_id WHERE c.id = $1 AND i.answerable ORDER BY i.position`, [campaignId]));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Trả lời');
    ws.addRow(['Mã bản đánh giá', ...codes.map((c) => c.code)]);
    targets.forEach((id, r) => {
      ws.addRow([id, ...codes.map((c, k) => (c.type === 'yes_no' ? ((r + k) % 3 ? 'Có' : 'Không') : (r * 7 + k * 13) % 101))]);
    });
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const during = fixedClock('2026-05-10T03:00:00Z');
    const imp = await timed(async () => importAnswers(db, ministry, during, campaignId, await readTable('tra-loi.xlsx', xlsx, ANSWER_IMPORT_MAX_ROWS + 1)));
    const floor = await timed(() => db.tx((tx) => tx.query(
      `INSERT INTO assessment_answer (assessment_id, code, value, self_points) SELECT a.id, c.code, to_jsonb(1), 0 FROM unnest($1::uuid[]) a(id) CROSS JOIN unnest($2::text[]) c(code)
       ON CONFLICT (assessment_id, code) DO UPDATE SET value = EXCLUDED.value`, [targets, codes.map((c) => c.code)])));
    line(`XLSX import ${IMPORT_ROWS.toLocaleString('en')} × ${codes.length} (${(xlsx.length / 1024).toFixed(0)} KB)`, `${fmt(imp.ms)} ms`, `${fmt(floor.ms)} ms (one INSERT … SELECT)`,
      `${(imp.ms / floor.ms).toFixed(1)}×`, '≤ 30,000 ms', imp.value.answers === targets.length * codes.length ? `${imp.value.answers} answers` : `DIFFERS ${imp.value.answers}`);

    const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ');
    console.log(`\nPostgreSQL, ${SCHOOLS.toLocaleString('en')} schools; load average ${load} (the machine is shared with other work)\n`);
    const head = ['measure', 'app', 'hand-written SQL', 'ratio', 'target', 'same figure'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, widths.map((w) => '-'.repeat(w)), ...rows]) console.log(`| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`);
  } finally {
    await db.close();
    if (!KEEP) await admin.exec(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.close();
  }
}

await main();
