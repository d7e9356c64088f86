import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db.js';
import { BASE_SQL, LEDGER_COLUMNS_SQL, LEDGER_LATERAL_SQL, PW_SQL } from '../src/modules/needs/domain.js';
import { freshDb, testApp, type TestContext } from './harness.js';
import { generateNational } from '../../bench/national/generate.js';
import { explain, planNodes, recordingDb, type PlanNode } from '../../bench/national/capture.js';
import { DIENBIEN_DEPT, DONOR, HANOI_DEPT, MINISTRY, ADMIN, readIds, type Ids } from '../../bench/national/endpoints.js';
import * as caseRepo from '../src/modules/cases/repository.js';
import * as needRepo from '../src/modules/needs/repository.js';

/**
 * A guard against plans that regress at scale: the national data set at 1% (bench/national),
 * then EXPLAIN (FORMAT JSON) of the main list queries, each of which must use its index and not
 * read its table whole. Timings are not asserted. To guard another query, add a line to ROUTES
 * (a statement a route runs, picked by a pattern of its text, run with the route's own
 * parameters) or to STATEMENTS (a statement written here).
 */

interface RouteGuard {
  name: string;
  /** a demo account's e-mail, or null for the public */
  as: string | null;
  url: (ids: Ids & { providerCommune: string }) => string;
  /** picks the statement among those the route runs */
  statement: RegExp;
  /** the index it must use (or one of several that serve it equally) */
  expectedIndex: string | string[];
}

const CASE_COUNSELLOR = 'tuvan.dienbien@ketnoi.demo';
const CASE_HEAD = 'truong.dienbien@ketnoi.demo';
/** a head's list: its school's cases by an index on school_id (either serves; the few hundred of a school sorted after), or'd with the primary key for those assigned to it */
const HEAD_CASES = ['support_case_school_idx', 'support_case_school_id_reference_key'];

interface StatementGuard { name: string; sql: string; params: unknown[]; expectedIndex: string | string[] }

const ROUTES: RouteGuard[] = [
  { name: "a Department's queue", as: DIENBIEN_DEPT, url: () => '/api/v1/needs?scope=mine&sort=waiting&status=submitted', statement: /^SELECT n\.sort_key, n\.id, n\.school_id/, expectedIndex: 'need_queue_idx' },
  { name: 'the audit log, newest first', as: ADMIN, url: () => '/api/v1/audit/log', statement: /FROM audit_log\s+ORDER BY/, expectedIndex: 'audit_log_pkey' },
  { name: "a school's public page: its gifts", as: null, url: (i) => `/api/v1/public/schools/${i.school}`, statement: /^SELECT k\.id, k\.pledged_on/, expectedIndex: ['contribution_school_idx', 'contribution_school_status_idx', 'contribution_export_school_idx'] },
  { name: "a school's public page: its needs", as: null, url: (i) => `/api/v1/public/schools/${i.school}`, statement: /^SELECT n\.sort_key, n\.id, n\.school_id/, expectedIndex: ['need_school_idx', 'need_school_state_idx'] },
  { name: "a donor's public page: its gifts", as: null, url: (i) => `/api/v1/public/donors/${i.donor}`, statement: /^SELECT k\.id, k\.pledged_on/, expectedIndex: ['contribution_contributor_idx', 'contribution_contributor_status_idx'] },
  { name: 'needs of a province', as: null, url: () => '/api/v1/needs?provinceCode=11', statement: /^SELECT n\.sort_key, n\.id, n\.school_id/, expectedIndex: ['need_state_province_idx', 'need_queue_idx', 'need_public_urgency_idx'] },
  { name: 'needs search, every word across need, school, commune and province', as: null, url: () => '/api/v1/needs?q=dien%20bien', statement: /^SELECT n\.sort_key, n\.id, n\.school_id/, expectedIndex: 'need_search_all_trgm' },
  { name: 'needs search: how many', as: null, url: () => '/api/v1/needs?q=dien%20bien', statement: /^SELECT count\(\*\) AS n FROM \(SELECT 1 FROM need n/, expectedIndex: 'need_search_all_trgm' },
  { name: 'open needs of a province: how many', as: null, url: () => '/api/v1/needs?open=true&provinceCode=11', statement: /^SELECT COALESCE\(sum\(open\), 0\) AS n FROM need_totals/, expectedIndex: 'need_totals_pkey' },
  { name: 'open needs, most urgent first', as: null, url: () => '/api/v1/needs?open=true', statement: /^SELECT n\.sort_key, n\.id, n\.school_id/, expectedIndex: ['need_public_urgency_idx', 'need_ledger_open_idx'] },
  { name: 'needs on the map of a province: the schools summary', as: null, url: () => '/api/v1/needs/points?provinceCode=11', statement: /FROM school_need_map m WHERE m\.province_code/, expectedIndex: 'school_need_map_pkey' },
  { name: 'needs on the map of a category: the summary by category', as: null, url: () => '/api/v1/needs/points?category=classroom', statement: /FROM school_need_map_category m WHERE m\.category/, expectedIndex: 'school_need_map_category_pkey' },
  { name: 'needs on the map: a need alone in its cell', as: null, url: () => '/api/v1/needs/points?provinceCode=11&zoom=14', statement: /n\.school_id = ANY\(/, expectedIndex: ['need_school_idx', 'need_school_state_idx'] },
  { name: "a Department's dashboard: its needs", as: DIENBIEN_DEPT, url: () => '/api/v1/dashboard/resources?provinceCode=11', statement: /^SELECT CASE WHEN grouping\(t\.province_code\)/, expectedIndex: 'need_totals_pkey' },
  { name: 'twinning compliance: activities of the pairs', as: null, url: () => '/api/v1/twinning/compliance', statement: /^SELECT g\.cluster_id, c\.name AS cluster_name/, expectedIndex: ['twinning_activity_pair_idx', 'twinning_activity_date_pair_idx'] },
  { name: "the twinning map over Hanoi: the schools in the box", as: HANOI_DEPT, url: () => '/api/v1/twinning/map?zoom=11&bbox=105.6,20.9,106.0,21.2', statement: /^WITH seen AS MATERIALIZED/, expectedIndex: 'school_place_idx' },
  // the provider directory (providers seeded at national scale below): each filter by its index
  { name: 'providers search without diacritics', as: null, url: () => '/api/v1/providers?q=827ccb0e', statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: 'service_provider_search_trgm' },
  { name: 'providers search: how many', as: null, url: () => '/api/v1/providers?q=827ccb0e', statement: /^SELECT count\(\*\) AS n FROM service_provider/, expectedIndex: 'service_provider_search_trgm' },
  { name: 'providers by service', as: null, url: () => '/api/v1/providers?service=legal_aid', statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: 'service_provider_services_idx' },
  { name: 'providers of a province', as: null, url: () => '/api/v1/providers?provinceCode=11', statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: 'service_provider_list_idx' },
  { name: 'providers of a province and kind', as: null, url: () => '/api/v1/providers?provinceCode=11&kind=ngo', statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: 'service_provider_list_idx' },
  { name: 'providers covering a commune', as: null, url: (i) => `/api/v1/providers?communeCode=${i.providerCommune}`, statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: ['service_provider_list_idx', 'service_provider_communes_idx'] },
  { name: "a Department's suspended providers", as: DIENBIEN_DEPT, url: () => '/api/v1/providers?state=suspended', statement: /^SELECT p\.id, p\.kind, p\.name/, expectedIndex: 'service_provider_list_idx' },
  // support cases (seeded at national scale below): a counsellor's assigned cases, a school's head its school's; open ones by default
  { name: "a counsellor's open cases", as: CASE_COUNSELLOR, url: () => '/api/v1/cases', statement: /^SELECT to_char\(c\.reported_at/, expectedIndex: 'case_assignment_user_idx' },
  { name: "a counsellor's open cases: how many", as: CASE_COUNSELLOR, url: () => '/api/v1/cases', statement: /^SELECT count\(\*\) AS n FROM support_case c/, expectedIndex: 'case_assignment_user_idx' },
  { name: "a counsellor's closed cases", as: CASE_COUNSELLOR, url: () => '/api/v1/cases?state=closed', statement: /^SELECT to_char\(c\.reported_at/, expectedIndex: 'case_assignment_user_idx' },
  { name: "a school head's open cases", as: CASE_HEAD, url: () => '/api/v1/cases', statement: /^SELECT to_char\(c\.reported_at/, expectedIndex: HEAD_CASES },
  { name: "a school head's open cases: how many", as: CASE_HEAD, url: () => '/api/v1/cases', statement: /^SELECT count\(\*\) AS n FROM support_case c/, expectedIndex: HEAD_CASES },
  { name: "a school head's closed cases", as: CASE_HEAD, url: () => '/api/v1/cases?state=closed', statement: /^SELECT to_char\(c\.reported_at/, expectedIndex: HEAD_CASES },
  { name: "a school head's cases, all", as: CASE_HEAD, url: () => '/api/v1/cases?state=all', statement: /^SELECT to_char\(c\.reported_at/, expectedIndex: HEAD_CASES },
  { name: "a plan's budget: social resources from the ledger", as: MINISTRY, url: (i) => `/api/v1/plans/${i.planKey}/budget`, statement: /FROM contribution k JOIN plan_task t ON t\.id = k\.plan_task_id/, expectedIndex: 'contribution_plan_task_idx' },
  { name: "a donor's home: open needs of its province, most urgent and longest published first", as: DONOR, url: () => '/api/v1/home', statement: /^SELECT n\.id, n\.title, o\.name AS detail/, expectedIndex: 'need_published_urgency_idx' },
  { name: 'Ministry dashboard: gifts under agreements', as: MINISTRY, url: () => '/api/v1/dashboard/resources', statement: /^SELECT a\.id, a\.code, a\.title/, expectedIndex: 'contribution_agreement_idx' },
];

const STATEMENTS: StatementGuard[] = [
  { name: 'the open data, newest pledge first (keyset)', sql: `SELECT id FROM contribution WHERE status <> 'cancelled' ORDER BY pledged_on DESC, id DESC LIMIT 50`, params: [], expectedIndex: 'contribution_public_idx' },
  { name: 'the ledger, newest first (keyset)', sql: 'SELECT id FROM contribution ORDER BY created_at DESC, id DESC LIMIT 50', params: [], expectedIndex: 'contribution_created_idx' },
  { name: 'the needs export, newest first (keyset)', sql: 'SELECT id FROM need ORDER BY created_at DESC, id DESC LIMIT 200', params: [], expectedIndex: 'need_created_idx' },
  { name: 'public needs, newest published first', sql: `SELECT id FROM need WHERE state IN ('published', 'accepted', 'closed') ORDER BY published_at DESC, id LIMIT 30`, params: [], expectedIndex: 'need_published_idx' },
  { name: 'twinning pairs, newest first (keyset)', sql: 'SELECT id FROM twinning_pair ORDER BY created_at DESC, id DESC LIMIT 50', params: [], expectedIndex: 'twinning_pair_created_idx' },
  { name: "a record's audit history", sql: `SELECT id FROM audit_log WHERE entity = 'need' AND entity_id = $1 ORDER BY id`, params: ['x'], expectedIndex: 'audit_log_entity_idx' },
  { name: "a need's history", sql: 'SELECT id FROM need_event WHERE need_id = $1 ORDER BY id', params: ['00000000-0000-4000-8000-000000000000'], expectedIndex: 'need_event_need_idx' },
];

/**
 * The Department's focal point, as the cases module asks it (`cases/repository.ts`): whether an
 * account is its Department's focal point, whom to tell of a break-glass read, and the accounts a
 * Department named. Each reads case_focal_point by its key (the Department first).
 */
const FOCAL_LOOKUPS: { name: string; run: (db: Db, f: { deptUser: string; deptOrg: string; school: string }) => Promise<unknown> }[] = [
  { name: 'is this account its Department\'s focal point', run: (db, f) => caseRepo.isFocal(db, f.deptUser) },
  { name: 'whom to tell of a break-glass read', run: (db, f) => caseRepo.supervisors(db, f.school, '11') },
  { name: 'the accounts a Department named', run: (db, f) => caseRepo.focalAccounts(db, f.deptOrg) },
];

/**
 * Providers and focal points at national scale: 20,000 providers over every commune (a third
 * covering their whole province; a rare service; one in fifty suspended, each named by a word of
 * its own: the first 8 hex digits of md5(n), "827ccb0e" for the 12,345th), and every organisation naming the demo accounts as its focal point (some 30 per
 * organisation), and support cases: 30 for each generated school over six years, five in six of
 * them closed, each assigned to one of 30 accounts; and 400 for the demo Điện Biên school, as many
 * closed, each assigned to its demo counsellor.
 */
async function seedCaseScale(db: Db) {
  await db.query(`WITH c AS (SELECT code, province_code, search, row_number() OVER (ORDER BY code) AS i, count(*) OVER () AS n FROM area WHERE era = 'current' AND level = 'commune')
    INSERT INTO service_provider (kind, name, province_code, commune_codes, services, channels, search, active)
    SELECT (ARRAY['school_team', 'social_work_centre', 'health_service', 'commune_police', 'commune_committee', 'ngo'])[1 + g % 6], 'Cơ sở thử ' || g, c.province_code,
      CASE WHEN g % 3 = 0 THEN '{}'::text[] ELSE ARRAY[c.code] END,
      CASE WHEN g % 97 = 0 THEN ARRAY['legal_aid', 'counselling'] ELSE ARRAY[(ARRAY['counselling', 'assessment', 'case_management', 'family_support', 'education_support'])[1 + g % 5]] END,
      '{phone}', 'co so thu ' || substr(md5(g::text), 1, 8) || ' ' || c.search, g % 50 <> 0
    FROM generate_series(1, 20000) g JOIN c ON c.i = 1 + g % c.n`);
  await db.query(`INSERT INTO case_focal_point (department_id, user_id) SELECT o.id, u.id FROM organisation o CROSS JOIN (SELECT id FROM app_user ORDER BY id LIMIT 30) u ON CONFLICT DO NOTHING`);
  const demo = await db.one<{ school: string; counsellor: string }>(`SELECT organisation_id AS school, id AS counsellor FROM app_user WHERE email = $1`, [CASE_COUNSELLOR]);
  await db.query(`WITH s AS (SELECT organisation_id AS id, province_code, commune_code, 30 AS n FROM school WHERE code LIKE 'QG%'
      UNION ALL SELECT organisation_id, province_code, commune_code, 400 FROM school WHERE organisation_id = $1::uuid)
    INSERT INTO support_case (school_id, province_code, commune_code, reference, category, risk, source, step, reported_at, outcome, closed_at)
    SELECT s.id, s.province_code, s.commune_code, 'CTXH-T-' || g, 'other', 'low', 'teacher', CASE WHEN g % 6 = 0 THEN 'intervention' ELSE 'closed' END,
      now() - (g * 131 % 2190) * interval '1 day', CASE WHEN g % 6 = 0 THEN NULL ELSE 'resolved' END, CASE WHEN g % 6 = 0 THEN NULL ELSE now() - interval '1 day' END
    FROM s CROSS JOIN generate_series(1, s.n) g`, [demo.school]);
  await db.query(`WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM (SELECT id FROM app_user ORDER BY id LIMIT 30) x),
      c AS (SELECT id, school_id, row_number() OVER (ORDER BY id) AS i FROM support_case WHERE reference LIKE 'CTXH-T-%')
    INSERT INTO case_assignment (case_id, user_id, lead)
    SELECT c.id, CASE WHEN c.school_id = $1::uuid THEN $2::uuid ELSE u.id END, true FROM c JOIN u ON u.i = c.i % 30`, [demo.school, demo.counsellor]);
  await db.exec('ANALYZE service_provider; ANALYZE case_focal_point; ANALYZE support_case; ANALYZE case_assignment');
}

/** What a plan reads: the tables it scans whole, and the indexes it uses. */
function reads(plan: PlanNode): { seqScans: string[]; indexes: string[] } {
  const nodes = planNodes(plan);
  return {
    seqScans: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']!),
    indexes: nodes.map((n) => n['Index Name']).filter((x): x is string => !!x),
  };
}

describe('query plans at national scale (1%)', () => {
  let ctx: TestContext;
  let db: Db;
  let rec: ReturnType<typeof recordingDb>;
  let ids: Ids & { providerCommune: string };
  const tableOf = new Map<string, string>();

  beforeAll(async () => {
    // one connection: the generator uses temporary tables
    db = await freshDb(1);
    const t0 = Date.now();
    const r = await generateNational(db, { fraction: 0.01 });
    console.log(`national data set at 1% on ${db.engine}: ${((Date.now() - t0) / 1000).toFixed(1)} s`, r.counts);
    await seedCaseScale(db);
    rec = recordingDb(db);
    // every call computes its answer (no public answer shared between calls): the statements are what is checked
    ctx = await testApp({ db: rec.db, config: { publicCacheSeconds: 0 } });
    ids = { ...(await readIds(db)), providerCommune: (await db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = '11' ORDER BY code LIMIT 1`)).code };
    for (const x of await db.query<{ indexname: string; tablename: string }>(`SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'public'`)) tableOf.set(x.indexname, x.tablename);
  }, 300_000);

  /** The plan uses the index (one of them) and does not read that index's table whole. */
  const check = (r: { seqScans: string[]; indexes: string[] }, expected: string | string[]) => {
    const any = [expected].flat();
    expect(r.indexes.filter((x) => any.includes(x)), `expected one of ${any.join(', ')}: ${JSON.stringify(r)}`).not.toEqual([]);
    for (const x of any) expect(r.seqScans, JSON.stringify(r)).not.toContain(tableOf.get(x));
  };

  afterAll(async () => {
    await ctx?.close();
    await db?.close();
  });

  it('makes the data set at its size, consistent with the ledger and the histories', async () => {
    const n = await db.one<Record<string, number>>(`SELECT
      (SELECT count(*) FROM school WHERE code LIKE 'QG%') AS schools, (SELECT count(*) FROM need n JOIN school s ON s.organisation_id = n.school_id AND s.code LIKE 'QG%') AS needs,
      (SELECT count(*) FROM contribution k JOIN school s ON s.organisation_id = k.school_id AND s.code LIKE 'QG%') AS contributions,
      (SELECT count(*) FROM twinning_activity a JOIN twinning_pair p ON p.id = a.pair_id JOIN school s ON s.organisation_id = p.hanoi_school_id AND s.code LIKE 'QG%') AS activities`);
    expect(Number(n.schools)).toBe(500);
    expect(Number(n.needs)).toBe(5000);
    expect(Number(n.contributions)).toBe(10_000);
    expect(Number(n.activities)).toBe(2000);
    // the ledger and the needs' states: no need pledged beyond itself; accepted and closed needs received in full;
    // pledges only to needs the public sees
    const needs = await db.one<Record<string, number>>(`SELECT
      count(*) FILTER (WHERE COALESCE(${PW_SQL}, 0) > ${BASE_SQL}) AS over_pledged,
      count(*) FILTER (WHERE n.state IN ('accepted', 'closed') AND NOT x.fully_received) AS accepted_not_received,
      count(*) FILTER (WHERE n.state NOT IN ('published', 'accepted', 'closed') AND COALESCE(l.pc, 0) > 0) AS pledged_unpublished,
      count(*) FILTER (WHERE n.state = 'published' AND x.fully_pledged) AS fully_pledged, count(*) FILTER (WHERE n.state = 'published' AND COALESCE(l.pc, 0) > 0 AND NOT x.fully_pledged) AS partly_pledged
      FROM need n ${LEDGER_LATERAL_SQL} CROSS JOIN LATERAL (SELECT ${LEDGER_COLUMNS_SQL}) x`);
    expect(Number(needs.over_pledged)).toBe(0);
    expect(Number(needs.accepted_not_received)).toBe(0);
    expect(Number(needs.pledged_unpublished)).toBe(0);
    expect(Number(needs.fully_pledged)).toBeGreaterThan(0);
    expect(Number(needs.partly_pledged)).toBeGreaterThan(0);
    // every record's last event is its state, and no stamp lies in the future
    const off = await db.one<Record<string, number>>(`SELECT
      (SELECT count(*) FROM need n WHERE n.state <> (SELECT e.to_state FROM need_event e WHERE e.need_id = n.id ORDER BY e.at DESC, e.id DESC LIMIT 1)) AS needs,
      (SELECT count(*) FROM contribution k WHERE k.status <> (SELECT e.status FROM contribution_event e WHERE e.contribution_id = k.id ORDER BY e.at DESC, e.id DESC LIMIT 1)) AS contributions,
      (SELECT count(*) FROM twinning_pair p WHERE p.status <> (SELECT e.status FROM twinning_pair_event e WHERE e.pair_id = p.id ORDER BY e.at DESC, e.id DESC LIMIT 1)) AS pairs,
      (SELECT count(*) FROM need WHERE GREATEST(created_at, submitted_at, verified_at, published_at, accepted_at, closed_at, updated_at) > now()) AS future_needs,
      (SELECT count(*) FROM contribution WHERE GREATEST(created_at, delivered_at, received_at, accepted_at, updated_at) > now()) AS future_contributions,
      (SELECT count(*) FROM task_update WHERE created_at > now()) AS future_updates`);
    expect(off).toEqual({ needs: 0, contributions: 0, pairs: 0, future_needs: 0, future_contributions: 0, future_updates: 0 });
    // a generated need opens through the API as it would for a visitor
    const id = (await db.one<{ id: string }>(`SELECT n.id FROM need n JOIN school s ON s.organisation_id = n.school_id AND s.code LIKE 'QG%' WHERE n.state = 'published' LIMIT 1`)).id;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/needs/${id}` })).statusCode).toBe(200);
  });

  it.each(ROUTES)('route: $name uses $expectedIndex', async (g) => {
    const headers = g.as ? { cookie: await ctx.cookie(g.as) } : {};
    rec.on();
    const res = await ctx.app.inject({ method: 'GET', url: g.url(ids), headers });
    rec.off();
    expect(res.statusCode).toBe(200);
    const s = rec.statements.find((x) => g.statement.test(x.text.trim()));
    expect(s, `no statement of ${g.url(ids)} matches ${g.statement}`).toBeDefined();
    check(reads(await explain(db, s!.text, s!.params)), g.expectedIndex);
  });

  it.each(STATEMENTS)('statement: $name uses $expectedIndex', async (g) => {
    check(reads(await explain(db, g.sql, g.params)), g.expectedIndex);
  });

  it('needs search matching many: walks the list in the order of its index, a bounded number of needs', async () => {
    // a search matching more needs than a list counts walks the list first (needs/repository.ts)
    rec.on();
    await needRepo.needs(rec.db, { states: ['published', 'accepted', 'closed'], q: 'dien bien' }, 'urgency', null, 31, { walk: true });
    rec.off();
    const s = rec.statements.find((x) => x.params.includes(needRepo.SEARCH_WALK));
    expect(s, 'the walk').toBeDefined();
    check(reads(await explain(db, s!.text, s!.params)), 'need_public_urgency_idx');
  });

  it.each(FOCAL_LOOKUPS)('focal point: $name reads case_focal_point by its key', async (g) => {
    const f = await db.one<{ dept_user: string; dept_org: string; school: string }>(`SELECT u.id AS dept_user, u.organisation_id AS dept_org,
      (SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo') AS school FROM app_user u WHERE u.email = $1`, [DIENBIEN_DEPT]);
    rec.on();
    await g.run(rec.db, { deptUser: f.dept_user, deptOrg: f.dept_org, school: f.school });
    rec.off();
    const s = rec.statements.find((x) => /case_focal_point/.test(x.text));
    expect(s, g.name).toBeDefined();
    check(reads(await explain(db, s!.text, s!.params)), 'case_focal_point_pkey');
  });
});
