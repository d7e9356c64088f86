/**
 * A national-scale data set, at a fraction of the country (1.0: 50,000 schools, 500,000 needs,
 * 1,000,000 contributions, 20,000 twinning pairs with 200,000 activities, 50,000 task updates,
 * 200,000 audit rows) on top of the reference data (34 provinces, 3,321 communes) and the demo.
 *
 *   npm run bench:generate -- --fraction 0.1 --target pg --url postgres://postgres@127.0.0.1:5432/kn_scale
 *   npm run bench:generate -- --fraction 0.01 --target pglite --dir .data/scale-1pct
 *
 * Everything is made inside the database by set-based statements (generate_series, one chunk of
 * rows per statement), so memory stays bounded and the same code runs on PGlite and PostgreSQL.
 * Deterministic: every "random" choice is a hash of the row number. The rows keep the schema's
 * rules and the app's conventions:
 * - each need's state has its history in need_event (create → submit → verify → publish → accept →
 *   close, or returned / withdrawn with a reason) and its stamps in that order, all in the past;
 * - pledges go to published, accepted and closed needs only, by vetted donors, after publication;
 *   a published need's pledges never cover more than the need (some cover it exactly, some part,
 *   some none); an accepted or closed need is fully received (its status derives as before);
 * - each contribution's status has its events (pledged, delivered, received, accepted, cancelled)
 *   and stamps; twinning gifts are written as the twinning module writes them (delivered by the
 *   Hanoi school, then received by the border school);
 * - twinning pairs join a Hanoi school with a school in a border commune of Điện Biên, Lai Châu or
 *   Sơn La, at most one live pair per couple; task updates are by a lead unit of their assignment,
 *   in a period of its window, never after today.
 * The generated rows are recognisable: school codes start with 'QG', donor codes with 'qg-donor-'.
 */
import path from 'node:path';
import type { Db } from '../../server/src/platform/db.js';
import { openPglite, openPostgres, SUMMARY_TABLES } from '../../server/src/platform/db.js';
import { migrate } from '../../server/src/platform/migrate.js';
import { loadReferenceData } from '../../server/src/seed/reference.js';
import { loadDemoData } from '../../server/src/seed/demo.js';
import { NEEDS } from '../../server/src/seed/demo-activity.js';
import { fold } from '../../server/src/platform/text.js';

export interface GenerateOptions {
  fraction: number;
  /** rows per statement (default 20,000) */
  chunk?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  counts: Record<string, number>;
  seconds: number;
}

/** The sizes at fraction 1.0. */
export const FULL = {
  donors: 2_000, schools: 50_000, needs: 500_000, contributions: 1_000_000, pairs: 20_000, activities: 200_000, taskUpdates: 50_000, audit: 200_000,
};

/** A deterministic number in [0, 1) from a row number and a salt, in SQL. */
const rnd = (expr: string, salt: string) => `((hashtext((${expr})::text || '${salt}') & 2147483647)::float8 / 2147483648.0)`;
/** A deterministic version-4 UUID from a text (the API's validators want a version and a variant). */
const uid = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
/** A deterministic integer in [0, n). */
const pick = (expr: string, salt: string, n: string | number) => `floor(${rnd(expr, salt)} * (${n}))::int`;


/** School kinds: levels, the name's prefix and its fold. */
const SCHOOL_KINDS: { levels: string[]; prefix: string }[] = [
  { levels: ['mam_non'], prefix: 'Trường Mầm non' },
  { levels: ['tieu_hoc'], prefix: 'Trường Tiểu học' },
  { levels: ['tieu_hoc'], prefix: 'Trường Tiểu học' },
  { levels: ['thcs'], prefix: 'Trường THCS' },
  { levels: ['thpt'], prefix: 'Trường THPT' },
  { levels: ['tieu_hoc', 'thcs'], prefix: 'Trường TH và THCS' },
  { levels: ['ptdtbt', 'thcs'], prefix: 'Trường PTDTBT THCS' },
  { levels: ['mam_non'], prefix: 'Trường Mầm non' },
];

const ACTIVITY_DEFS: { kind: string; subKind: string; title: string; mode: string | null }[] = [
  { kind: 'material_support', subKind: 'equipment', title: 'Trao tặng thiết bị dạy học', mode: 'in_person' },
  { kind: 'material_support', subKind: 'warm_clothes', title: 'Trao áo ấm cho học sinh', mode: 'in_person' },
  { kind: 'material_support', subKind: 'textbooks', title: 'Tặng sách giáo khoa', mode: 'in_person' },
  { kind: 'material_support', subKind: 'scholarships', title: 'Trao học bổng', mode: 'in_person' },
  { kind: 'professional', subKind: 'teaching_methods', title: 'Sinh hoạt chuyên môn chung về phương pháp dạy học', mode: 'online' },
  { kind: 'professional', subKind: 'school_management', title: 'Trao đổi kinh nghiệm quản lý nhà trường', mode: 'online' },
  { kind: 'professional', subKind: 'assessment', title: 'Chuyên đề kiểm tra, đánh giá', mode: null },
  { kind: 'exchange', subKind: 'connected_classroom', title: 'Kết nối lớp học trực tuyến', mode: 'online' },
  { kind: 'exchange', subKind: 'sports', title: 'Giao lưu thể thao', mode: 'in_person' },
  { kind: 'exchange', subKind: 'culture_arts', title: 'Giao lưu văn nghệ', mode: 'in_person' },
  { kind: 'tradition', subKind: 'sovereignty', title: 'Chuyên đề chủ quyền biên giới', mode: null },
  { kind: 'tradition', subKind: 'tradition_history', title: 'Giáo dục truyền thống lịch sử', mode: null },
];
const SUPPORT_CATEGORY: Record<string, string> = { equipment: 'equipment', textbooks: 'books', warm_clothes: 'warm_clothes', scholarships: 'scholarship' };

const values = (rows: unknown[][]) => rows.map((r) => `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : Array.isArray(v) ? `ARRAY[${v.map((x) => `'${x}'`).join(',')}]::text[]` : `'${String(v).replace(/'/g, "''")}'`)).join(', ')})`).join(',\n');

/**
 * Generate the data set into a database that has the app's schema, reference data and demo
 * (see `prepare`). Runs on one connection (temporary tables): open PostgreSQL with a pool of 1.
 */
export async function generateNational(db: Db, opts: GenerateOptions): Promise<GenerateResult> {
  const f = opts.fraction;
  const chunk = opts.chunk ?? 20_000;
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const n = (full: number, min = 1) => Math.max(min, Math.round(full * f));
  const size = {
    donors: n(FULL.donors, 20), schools: n(FULL.schools, 50), needs: n(FULL.needs, 100), contributions: n(FULL.contributions, 200),
    pairs: n(FULL.pairs, 10), activities: n(FULL.activities, 50), taskUpdates: n(FULL.taskUpdates, 20), audit: n(FULL.audit, 50),
  };
  const already = await db.one<{ n: number }>(`SELECT count(*) AS n FROM school WHERE code LIKE 'QG%'`);
  if (Number(already.n) > 0) throw new Error('this database already has a generated data set (schools coded QG…): use a new database');
  const step = async (label: string, total: number, fn: (from: number, to: number) => Promise<void>) => {
    const s = Date.now();
    for (let from = 0; from < total; from += chunk) {
      const to = Math.min(total, from + chunk);
      await fn(from, to);
      if (total > chunk) log(`  ${label}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
    }
    log(`${label}: ${total.toLocaleString('en')} in ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  const q = (sql: string, params?: unknown[]) => db.query(sql, params);

  // ---------- lookups (temporary tables on this connection) ----------
  await q(`CREATE TEMP TABLE g_commune AS
    SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, code, province_code, name, name_key, 'border' = ANY(flags) AS border
      FROM area WHERE era = 'current' AND level = 'commune'`);
  const nc = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_commune')).n);
  await q(`CREATE TEMP TABLE g_prov AS
    SELECT p.code AS province_code, COALESCE(avg(s.lat), 16.0) AS lat, COALESCE(avg(s.lng), 106.0) AS lng
      FROM area p LEFT JOIN school s ON s.province_code = p.code AND s.lat IS NOT NULL
     WHERE p.era = 'current' AND p.level = 'province' GROUP BY p.code`);
  await q(`CREATE TEMP TABLE g_kind (idx int, levels text[], prefix text, prefix_key text)`);
  await q(`INSERT INTO g_kind VALUES ${values(SCHOOL_KINDS.map((k, i) => [i, k.levels, k.prefix, fold(k.prefix)]))}`);
  await q(`CREATE TEMP TABLE g_def (idx int, category text, title text, title_key text, unit text, qmin int, qmax int, unit_cost bigint)`);
  await q(`INSERT INTO g_def VALUES ${values(NEEDS.map((d, i) => [i, d.category, d.title, fold(d.title), d.unit, d.qty[0], d.qty[1], d.unitCost]))}`);
  await q(`CREATE TEMP TABLE g_act (idx int, kind text, sub_kind text, title text, mode text, category text)`);
  await q(`INSERT INTO g_act VALUES ${values(ACTIVITY_DEFS.map((a, i) => [i, a.kind, a.subKind, a.title, a.mode, SUPPORT_CATEGORY[a.subKind] ?? null]))}`);
  const depts = `(SELECT id FROM organisation WHERE kind = 'department' AND province_code = x.province_code)`;

  // ---------- donors ----------
  // donor i: vetted (90%), pending (7%) or rejected (3%); every 7th an individual who gives anonymously
  const donorTypes = `(ARRAY['business','business','bank','international','university','individual','media','other'])[1 + (i % 8)]`;
  await step('donors', size.donors, async (a, b) => {
    await q(`INSERT INTO organisation (id, kind, code, name, province_code, search, created_at, updated_at)
      SELECT ${uid(`'qg-donor-' || i`)}, 'donor', 'qg-donor-' || lpad(i::text, 5, '0'), 'Nhà tài trợ quy mô số ' || i, p.province_code,
             'nha tai tro quy mo so ' || i, timestamptz '2021-06-01' + (i || ' minutes')::interval, timestamptz '2021-06-01' + (i || ' minutes')::interval
        FROM generate_series($1::int, $2::int - 1) i
        JOIN (SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, code AS province_code FROM area WHERE era = 'current' AND level = 'province') p ON p.k = i % 34`, [a, b]);
    await q(`INSERT INTO donor_profile (organisation_id, donor_type, description, anonymous_default, vetting_status, vetting_reason, vetted_at, created_at)
      SELECT ${uid(`'qg-donor-' || i`)}, ${donorTypes}, 'Nhà tài trợ trong bộ dữ liệu quy mô quốc gia.', i % 8 = 5,
             CASE WHEN i % 100 < 90 THEN 'approved' WHEN i % 100 < 97 THEN 'pending' ELSE 'rejected' END,
             CASE WHEN i % 100 >= 97 THEN 'Hồ sơ chưa đủ giấy tờ pháp lý' END,
             CASE WHEN i % 100 < 90 OR i % 100 >= 97 THEN timestamptz '2021-07-01' + (i || ' minutes')::interval END,
             timestamptz '2021-06-01' + (i || ' minutes')::interval
        FROM generate_series($1::int, $2::int - 1) i`, [a, b]);
  });
  // the k-th vetted donor (k < approved): donors with i % 100 < 90
  const approved = Math.floor(size.donors / 100) * 90 + Math.min(90, size.donors % 100);
  const donorOf = (expr: string) => uid(`'qg-donor-' || (((${expr}) / 90) * 100 + (${expr}) % 90)`);
  const donorAnon = (expr: string) => `((((${expr}) / 90) * 100 + (${expr}) % 90) % 8 = 5)`;

  // ---------- schools ----------
  // school s stands in commune s % nc (every commune has schools), its kind s % 8
  await step('schools', size.schools, async (a, b) => {
    await q(`CREATE TEMP TABLE g_s AS
      SELECT s, ${uid(`'qg-school-' || s`)} AS id, 'QG' || lpad(s::text, 6, '0') AS code, k.levels,
             k.prefix || ' ' || c.name || ' số ' || (s / ${nc} + 1) AS name, k.prefix_key || ' ' || c.name_key || ' so ' || (s / ${nc} + 1) AS name_key,
             c.code AS commune_code, c.province_code, c.name AS commune_name,
             p.lat + (${rnd('s', 'lat')} - 0.5) * 0.8 AS lat, p.lng + (${rnd('s', 'lng')} - 0.5) * 0.8 AS lng,
             100 + ${pick('s', 'pupils', 1400)} AS pupils, 10 + ${pick('s', 'staff', 80)} AS staff,
             timestamptz '2021-01-01' + (s || ' seconds')::interval AS created_at
        FROM generate_series($1::int, $2::int - 1) s
        JOIN g_commune c ON c.idx = s % ${nc} JOIN g_kind k ON k.idx = s % 8 JOIN g_prov p ON p.province_code = c.province_code`, [a, b]);
    await q(`INSERT INTO organisation (id, kind, name, province_code, commune_code, search, created_at, updated_at)
      SELECT id, 'school', name, province_code, commune_code, name_key || ' ' || lower(code), created_at, created_at FROM g_s`);
    await q(`INSERT INTO school (organisation_id, code, name, levels, ownership, address, province_code, commune_code, lat, lng, pupils, staff, search, created_at, updated_at)
      SELECT id, code, name, levels, CASE WHEN s % 25 = 0 THEN 'private' ELSE 'public' END, 'Thôn ' || (1 + s % 12) || ', ' || commune_name,
             province_code, commune_code, lat, lng, pupils, staff, lower(code) || ' ' || name_key || ' thon ' || (1 + s % 12) || ' ' || name_key, created_at, created_at
        FROM g_s`);
    await q('DROP TABLE g_s');
  });
  const S = size.schools;
  const schoolOf = (expr: string) => uid(`'qg-school-' || (${expr})`);

  // ---------- needs and their histories ----------
  // state by share: draft 8%, submitted 8%, returned 3%, verified 5%, published 55%, accepted 8%, closed 8%, withdrawn 5%.
  // Every need is created at least 60 days ago; each later stamp a few days after the one before.
  await q(`CREATE TEMP TABLE g_need (i int PRIMARY KEY, id uuid, state text, school int, def int, qty int, cost bigint, unit_cost bigint,
    created_at timestamptz, submitted_at timestamptz, verified_at timestamptz, published_at timestamptz, accepted_at timestamptz, closed_at timestamptz,
    returned_at timestamptz, withdrawn_at timestamptz, pledges int, parts int)`);
  const spanDays = `(extract(epoch FROM (now() - interval '60 days' - timestamptz '2022-01-01')) / 86400)`;
  await step('needs', size.needs, async (a, b) => {
    await q(`INSERT INTO g_need (i, id, state, school, def, qty, cost, unit_cost, created_at, pledges, parts)
      SELECT i, ${uid(`'qg-need-' || i`)}, st, sc, d.idx, qt, qt * d.unit_cost, d.unit_cost,
             timestamptz '2022-01-01' + (${rnd('i', 'created')} * ${spanDays}) * interval '1 day', 0, 0
        FROM (SELECT i, ${pick('i', 'school', S)} AS sc, ${pick('i', 'def', NEEDS.length)} AS dx,
                     CASE WHEN r < 0.08 THEN 'draft' WHEN r < 0.16 THEN 'submitted' WHEN r < 0.19 THEN 'returned' WHEN r < 0.24 THEN 'verified'
                          WHEN r < 0.79 THEN 'published' WHEN r < 0.87 THEN 'accepted' WHEN r < 0.95 THEN 'closed' ELSE 'withdrawn' END AS st,
                     ${rnd('i', 'qty')} AS rq
                FROM (SELECT i, ${rnd('i', 'state')} AS r FROM generate_series($1::int, $2::int - 1) i) z) y
        JOIN g_def d ON d.idx = y.dx
        CROSS JOIN LATERAL (SELECT d.qmin + floor(y.rq * (d.qmax - d.qmin + 1))::int AS qt) qq`, [a, b]);
    await q(`UPDATE g_need SET
        submitted_at = CASE WHEN state <> 'draft' THEN created_at + (1 + ${rnd('i', 'sub')} * 4) * interval '1 day' END
      WHERE i >= $1 AND i < $2`, [a, b]);
    await q(`UPDATE g_need SET
        verified_at = CASE WHEN state IN ('verified', 'published', 'accepted', 'closed') THEN submitted_at + (1 + ${rnd('i', 'ver')} * 4) * interval '1 day' END,
        returned_at = CASE WHEN state = 'returned' THEN submitted_at + (1 + ${rnd('i', 'ver')} * 4) * interval '1 day' END,
        withdrawn_at = CASE WHEN state = 'withdrawn' THEN submitted_at + (1 + ${rnd('i', 'ver')} * 4) * interval '1 day' END
      WHERE i >= $1 AND i < $2`, [a, b]);
    // pledges: a published need has none (35%) or 1–6, in parts of the need (a gap of 0–2 parts left open);
    // an accepted or closed need 1–4 that cover it whole
    await q(`UPDATE g_need SET
        published_at = CASE WHEN state IN ('published', 'accepted', 'closed') THEN verified_at + (1 + ${rnd('i', 'pub')} * 4) * interval '1 day' END,
        pledges = CASE WHEN state = 'published' THEN (CASE WHEN ${rnd('i', 'none')} < 0.35 THEN 0 ELSE 1 + ${pick('i', 'pledges', 6)} END)
                       WHEN state IN ('accepted', 'closed') THEN 1 + ${pick('i', 'pledges', 4)} ELSE 0 END
      WHERE i >= $1 AND i < $2`, [a, b]);
    await q(`UPDATE g_need SET parts = pledges + CASE WHEN state = 'published' AND pledges > 0 THEN ${pick('i', 'gap', 3)} ELSE 0 END,
        accepted_at = CASE WHEN state IN ('accepted', 'closed') THEN published_at + interval '30 days' END,
        closed_at = CASE WHEN state = 'closed' THEN published_at + interval '36 days' END
      WHERE i >= $1 AND i < $2`, [a, b]);
    await q(`INSERT INTO need (id, school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, state,
        return_reason, withdraw_reason, acceptance_note, created_at, updated_at, submitted_at, verified_at, published_at, accepted_at, closed_at, search)
      SELECT g.id, ${schoolOf('g.school')}, c.province_code, c.code, d.category, d.title, d.title || ' tại trường số ' || g.school || '.', g.qty, d.unit, g.cost,
             (ARRAY['urgent','high','normal','normal','low'])[1 + ${pick('g.i', 'prio', 5)}], g.state,
             CASE WHEN g.state = 'returned' THEN 'Cần bổ sung ảnh hiện trạng và dự toán' END,
             CASE WHEN g.state = 'withdrawn' THEN 'Địa phương đã bố trí kinh phí' END,
             CASE WHEN g.state IN ('accepted', 'closed') THEN 'Đã nhận đủ, đưa vào sử dụng' END,
             g.created_at, COALESCE(g.closed_at, g.accepted_at, g.published_at, g.verified_at, g.returned_at, g.withdrawn_at, g.submitted_at, g.created_at),
             g.submitted_at, g.verified_at, g.published_at, g.accepted_at, g.closed_at,
             d.title_key || ' ' || k.prefix_key || ' ' || c.name_key || ' so ' || (g.school / ${nc} + 1)
        FROM g_need g JOIN g_def d ON d.idx = g.def JOIN g_commune c ON c.idx = g.school % ${nc} JOIN g_kind k ON k.idx = g.school % 8
       WHERE g.i >= $1 AND g.i < $2`, [a, b]);
    // the history: one event per transition, in order
    await q(`INSERT INTO need_event (need_id, action, from_state, to_state, reason, at)
      SELECT g.id, e.action, e.from_state, e.to_state, e.reason, e.at
        FROM g_need g CROSS JOIN LATERAL (VALUES
          (1, 'create', NULL, 'draft', NULL, g.created_at),
          (2, 'submit', 'draft', 'submitted', NULL, g.submitted_at),
          (3, 'return', 'submitted', 'returned', 'Cần bổ sung ảnh hiện trạng và dự toán', g.returned_at),
          (3, 'withdraw', 'submitted', 'withdrawn', 'Địa phương đã bố trí kinh phí', g.withdrawn_at),
          (3, 'verify', 'submitted', 'verified', NULL, g.verified_at),
          (4, 'publish', 'verified', 'published', NULL, g.published_at),
          (5, 'accept', 'published', 'accepted', NULL, g.accepted_at),
          (6, 'close', 'accepted', 'closed', NULL, g.closed_at)) AS e(k, action, from_state, to_state, reason, at)
       WHERE g.i >= $1 AND g.i < $2 AND e.at IS NOT NULL
       ORDER BY e.at`, [a, b]);
  });

  // ---------- the ledger: pledges against needs ----------
  // pledge k of a need covers part k of `parts` equal parts (in its unit when the need has as many
  // units as parts, else in đồng); a published need's pledge is pledged, delivered, received or
  // cancelled; an accepted need's received or accepted (closed: accepted), all received in full
  await q(`CREATE TEMP TABLE g_k (id uuid, need int, k int, status text, pledged_at timestamptz, donor int)`);
  const needRows = size.needs;
  let pledged = 0;
  await step('contributions to needs', needRows, async (a, b) => {
    await q(`INSERT INTO g_k (id, need, k, status, pledged_at, donor)
      SELECT ${uid(`'qg-k-' || g.i || '-' || k`)}, g.i, k,
             CASE WHEN g.state = 'closed' THEN 'accepted'
                  WHEN g.state = 'accepted' THEN (CASE WHEN ${rnd("g.i || '-' || k", 'acc')} < 0.6 THEN 'accepted' ELSE 'received' END)
                  ELSE (ARRAY['pledged','pledged','pledged','pledged','delivered','delivered','received','received','received','cancelled'])[1 + ${pick("g.i || '-' || k", 'st', 10)}] END,
             g.published_at + (1 + ${rnd("g.i || '-' || k", 'when')} * 9) * interval '1 day', ${pick("g.i || '-' || k", 'donor', approved)}
        FROM g_need g CROSS JOIN LATERAL generate_series(0, g.pledges - 1) k
       WHERE g.i >= $1 AND g.i < $2 AND g.pledges > 0`, [a, b]);
    await q(`INSERT INTO contribution (id, contributor_id, anonymous, school_id, province_code, form, category, description, value_vnd, quantity, unit, need_id,
        status, cancel_reason, pledged_on, delivered_at, received_at, accepted_at, created_at, updated_at)
      SELECT x.id, ${donorOf('x.donor')}, ${donorAnon('x.donor')}, ${schoolOf('g.school')}, c.province_code,
             CASE WHEN inkind THEN 'in_kind' ELSE 'money' END, d.category,
             CASE WHEN inkind THEN d.title || ' (' || qpart || ' ' || d.unit || ')' ELSE d.title || ' (tiền mặt)' END,
             CASE WHEN inkind THEN qpart * g.unit_cost ELSE vpart END, CASE WHEN inkind THEN qpart END, CASE WHEN inkind THEN d.unit END, g.id,
             x.status, CASE WHEN x.status = 'cancelled' THEN 'Nhà tài trợ điều chỉnh kế hoạch' END,
             (x.pledged_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
             CASE WHEN x.status IN ('delivered', 'received', 'accepted') THEN x.pledged_at + interval '5 days' END,
             CASE WHEN x.status IN ('received', 'accepted') THEN x.pledged_at + interval '7 days' END,
             CASE WHEN x.status = 'accepted' THEN x.pledged_at + interval '12 days' END,
             x.pledged_at,
             x.pledged_at + (CASE x.status WHEN 'delivered' THEN 5 WHEN 'received' THEN 7 WHEN 'accepted' THEN 12 WHEN 'cancelled' THEN 3 ELSE 0 END) * interval '1 day'
        FROM g_k x JOIN g_need g ON g.i = x.need JOIN g_def d ON d.idx = g.def JOIN g_commune c ON c.idx = g.school % ${nc}
        CROSS JOIN LATERAL (SELECT g.qty >= g.parts AS inkind,
                                   (g.qty::bigint * (x.k + 1)) / g.parts - (g.qty::bigint * x.k) / g.parts AS qpart,
                                   (g.cost * (x.k + 1)) / g.parts - (g.cost * x.k) / g.parts AS vpart) p`);
    await contributionEvents(q, `SELECT x.id, x.status, x.pledged_at, ${donorOf('x.donor')} AS giver, ${schoolOf('g.school')} AS school_id,
        ${depts.replace('x.province_code', 'c.province_code')} AS dept
      FROM g_k x JOIN g_need g ON g.i = x.need JOIN g_commune c ON c.idx = g.school % ${nc}`);
    pledged += Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_k')).n);
    await q('TRUNCATE g_k');
  });

  // ---------- twinning: pairs, their history, activities and gifts ----------
  await q(`CREATE TEMP TABLE g_h AS SELECT (row_number() OVER (ORDER BY s.code) - 1)::int AS idx, s.organisation_id AS id
             FROM school s WHERE s.code LIKE 'QG%' AND s.province_code = '01'`);
  await q(`CREATE TEMP TABLE g_b AS SELECT (row_number() OVER (ORDER BY s.code) - 1)::int AS idx, s.organisation_id AS id, s.province_code
             FROM school s JOIN g_commune c ON c.code = s.commune_code WHERE s.code LIKE 'QG%' AND c.border AND s.province_code IN ('11', '12', '14')`);
  const nH = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_h')).n);
  const nB = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_b')).n);
  let pairs = 0;
  let activities = 0;
  let gifts = 0;
  if (nH > 0 && nB > 0) {
    const P = Math.min(size.pairs, nH * nB);
    // pair j: border school j % nB with Hanoi school (j / nB + j) % nH; every couple at most once
    await q(`CREATE TEMP TABLE g_pair AS
      SELECT j, ${uid(`'qg-pair-' || j`)} AS id, h.id AS hanoi_id, b.id AS border_id, b.province_code,
             timestamptz '2021-03-01' + (${rnd('j', 'paired')} * (extract(epoch FROM (now() - interval '300 days' - timestamptz '2021-03-01')) / 86400)) * interval '1 day' AS created_at,
             CASE WHEN ${rnd('j', 'status')} < 0.85 THEN 'active' WHEN ${rnd('j', 'status')} < 0.95 THEN 'paused' ELSE 'ended' END AS status
        FROM generate_series(0, ${P - 1}) j JOIN g_b b ON b.idx = j % ${nB} JOIN g_h h ON h.idx = ((j / ${nB}) + j) % ${nH}`);
    await q(`DELETE FROM g_pair p WHERE EXISTS (SELECT 1 FROM g_pair o WHERE o.hanoi_id = p.hanoi_id AND o.border_id = p.border_id AND o.j < p.j)`);
    await q(`CREATE TEMP TABLE g_pi AS SELECT (row_number() OVER (ORDER BY j) - 1)::int AS idx, * FROM g_pair`);
    pairs = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_pi')).n);
    await step('twinning pairs', pairs, async (a, b) => {
      await q(`INSERT INTO twinning_pair (id, hanoi_school_id, border_school_id, start_year, status, note, created_at, updated_at)
        SELECT id, hanoi_id, border_id, extract(year FROM created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, status,
               CASE status WHEN 'paused' THEN 'Tạm dừng do thiên tai' WHEN 'ended' THEN 'Kết thúc theo đề nghị của hai trường' END,
               created_at, CASE WHEN status = 'active' THEN created_at ELSE created_at + interval '200 days' END
          FROM g_pi WHERE idx >= $1 AND idx < $2`, [a, b]);
      await q(`INSERT INTO twinning_pair_event (pair_id, status, reason, at)
        SELECT id, 'active', 'Ghép cặp', created_at FROM g_pi WHERE idx >= $1 AND idx < $2
        UNION ALL
        SELECT id, status, CASE status WHEN 'paused' THEN 'Tạm dừng do thiên tai' ELSE 'Kết thúc theo đề nghị của hai trường' END, created_at + interval '200 days'
          FROM g_pi WHERE idx >= $1 AND idx < $2 AND status <> 'active'
        ORDER BY 4`, [a, b]);
    });
    // activities of pair (a % pairs), held between its pairing and today (before it paused or ended)
    await step('twinning activities', size.activities, async (a, b) => {
      await q(`CREATE TEMP TABLE g_a AS
        SELECT i, ${uid(`'qg-act-' || i`)} AS id, p.id AS pair_id, p.hanoi_id, p.border_id, p.province_code, d.kind, d.sub_kind, d.title, d.mode, d.category,
               (p.created_at + (1 + ${rnd('i', 'held')} * (extract(epoch FROM ((CASE WHEN p.status = 'active' THEN now() - interval '5 days' ELSE p.created_at + interval '199 days' END) - p.created_at)) / 86400 - 1)) * interval '1 day') AS held_at,
               ${rnd('i', 'by')} < 0.7 AS by_hanoi, ${rnd('i', 'conf')} < 0.7 AS confirmed
          FROM generate_series($1::int, $2::int - 1) i JOIN g_pi p ON p.idx = i % ${pairs} JOIN g_act d ON d.idx = ${pick('i', 'kind', ACTIVITY_DEFS.length)}`, [a, b]);
      await q(`INSERT INTO twinning_activity (id, pair_id, held_on, kind, sub_kind, mode, title, description, teachers, pupils, logged_by_school_id,
          confirmed_at, confirmation_note, created_at, updated_at)
        SELECT id, pair_id, (held_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, kind, sub_kind, mode, title, title || ' giữa hai trường kết nghĩa.',
               2 + ${pick('i', 'teachers', 8)}, ${pick('i', 'pupils', 120)}, CASE WHEN by_hanoi THEN hanoi_id ELSE border_id END,
               CASE WHEN confirmed THEN held_at + interval '3 days' END, CASE WHEN confirmed THEN 'Xác nhận đúng nội dung' END,
               held_at + interval '1 day', held_at + interval '1 day' + CASE WHEN confirmed THEN interval '2 days' ELSE interval '0' END
          FROM g_a`);
      // the gift of a material-support activity: delivered by the Hanoi school, received (70%) by the border school
      await q(`CREATE TEMP TABLE g_g AS
        SELECT ${uid(`'qg-gift-' || i`)} AS id, id AS activity_id, hanoi_id, border_id, province_code, category, title, held_at,
               CASE WHEN confirmed THEN 'received' ELSE 'delivered' END AS status, (5 + ${pick('i', 'gift', 200)}) * 1000000::bigint AS value
          FROM g_a WHERE category IS NOT NULL`);
      await q(`INSERT INTO contribution (id, contributor_id, school_id, province_code, form, category, description, value_vnd, status, pledged_on,
          delivered_at, received_at, twinning_activity_id, created_at, updated_at)
        SELECT id, hanoi_id, border_id, province_code, CASE WHEN category = 'scholarship' THEN 'money' ELSE 'in_kind' END, category, title, value, status,
               (held_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, held_at + interval '1 day', CASE WHEN status = 'received' THEN held_at + interval '3 days' END,
               activity_id, held_at + interval '1 day', held_at + interval '1 day' + CASE WHEN status = 'received' THEN interval '2 days' ELSE interval '0' END
          FROM g_g`);
      await q(`INSERT INTO contribution_event (contribution_id, status, note, actor_org_id, at)
        SELECT id, 'delivered', 'Trao trong hoạt động kết nghĩa', hanoi_id, held_at + interval '1 day' FROM g_g
        UNION ALL SELECT id, 'received', 'Nhà trường xác nhận đã nhận', border_id, held_at + interval '3 days' FROM g_g WHERE status = 'received'
        ORDER BY 5`);
      gifts += Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_g')).n);
      await q('DROP TABLE g_g');
      await q('DROP TABLE g_a');
    });
    activities = size.activities;
  } else log('twinning: no Hanoi or border school at this fraction, skipped');

  // ---------- the ledger: gifts to schools outside any need, up to the ledger's size ----------
  const general = Math.max(0, size.contributions - pledged - gifts);
  await step('contributions to schools (no need)', general, async (a, b) => {
    await q(`CREATE TEMP TABLE g_k2 AS
      SELECT ${uid(`'qg-gift2-' || i`)} AS id, i, ${pick('i', 'school', S)} AS school, ${pick('i', 'donor', approved)} AS donor, d.category, d.title, d.unit, d.unit_cost,
             1 + ${pick('i', 'qty', 20)} AS qty,
             (ARRAY['pledged','delivered','received','received','accepted','accepted','accepted','cancelled'])[1 + ${pick('i', 'st', 8)}] AS status,
             timestamptz '2022-01-01' + (${rnd('i', 'when')} * ${spanDays}) * interval '1 day' AS pledged_at
        FROM generate_series($1::int, $2::int - 1) i JOIN g_def d ON d.idx = ${pick('i', 'def', NEEDS.length)}`, [a, b]);
    await q(`INSERT INTO contribution (id, contributor_id, anonymous, school_id, province_code, recipient_group, form, category, description, value_vnd, quantity, unit,
        status, cancel_reason, pledged_on, delivered_at, received_at, accepted_at, created_at, updated_at)
      SELECT x.id, ${donorOf('x.donor')}, ${donorAnon('x.donor')}, ${schoolOf('x.school')}, c.province_code, 'Học sinh toàn trường', 'in_kind', x.category,
             x.title || ' (' || x.qty || ' ' || x.unit || ')', x.qty * x.unit_cost, x.qty, x.unit, x.status,
             CASE WHEN x.status = 'cancelled' THEN 'Nhà tài trợ điều chỉnh kế hoạch' END, (x.pledged_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
             CASE WHEN x.status IN ('delivered', 'received', 'accepted') THEN x.pledged_at + interval '5 days' END,
             CASE WHEN x.status IN ('received', 'accepted') THEN x.pledged_at + interval '7 days' END,
             CASE WHEN x.status = 'accepted' THEN x.pledged_at + interval '12 days' END, x.pledged_at,
             x.pledged_at + (CASE x.status WHEN 'delivered' THEN 5 WHEN 'received' THEN 7 WHEN 'accepted' THEN 12 WHEN 'cancelled' THEN 3 ELSE 0 END) * interval '1 day'
        FROM g_k2 x JOIN g_commune c ON c.idx = x.school % ${nc}`);
    await contributionEvents(q, `SELECT x.id, x.status, x.pledged_at, ${donorOf('x.donor')} AS giver, ${schoolOf('x.school')} AS school_id,
        ${depts.replace('x.province_code', 'c.province_code')} AS dept
      FROM g_k2 x JOIN g_commune c ON c.idx = x.school % ${nc}`);
    await q('DROP TABLE g_k2');
  });

  // ---------- progress on the plans' tasks ----------
  await q(`CREATE TEMP TABLE g_lead AS
    SELECT (row_number() OVER (ORDER BY a.id, u.organisation_id) - 1)::int AS idx, a.id AS assignment_id, u.organisation_id, a.window_kind, a.window_from,
           LEAST(a.window_to, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1) AS until
      FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead'
     WHERE a.window_from < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1`);
  const nL = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM g_lead')).n);
  if (nL > 0) {
    await step('task updates', size.taskUpdates, async (a, b) => {
      await q(`INSERT INTO task_update (assignment_id, organisation_id, period, state, percent, milestone, note, reported_on, created_at)
        SELECT l.assignment_id, l.organisation_id, CASE WHEN l.window_kind = 'every_year' THEN extract(year FROM d)::int::text ELSE '' END, st,
               CASE st WHEN 'done' THEN 100 WHEN 'blocked' THEN 20 + ${pick('i', 'pct', 40)} ELSE 10 + ${pick('i', 'pct', 80)} END, NULL,
               CASE st WHEN 'done' THEN 'Đã hoàn thành' WHEN 'blocked' THEN 'Chờ bố trí kinh phí' ELSE 'Đang triển khai theo kế hoạch' END,
               d, d + interval '2 hours'
          FROM generate_series($1::int, $2::int - 1) i JOIN g_lead l ON l.idx = i % ${nL}
          CROSS JOIN LATERAL (SELECT l.window_from + floor(${rnd('i', 'on')} * (l.until - l.window_from + 1))::int AS d,
                                     CASE WHEN ${rnd('i', 'st')} < 0.3 THEN 'done' WHEN ${rnd('i', 'st')} < 0.9 THEN 'in_progress' ELSE 'blocked' END AS st) x`, [a, b]);
    });
  }

  // ---------- audit: the needs' transitions as the app audits them ----------
  const firstEvent = Number((await db.one<{ n: number }>(`SELECT COALESCE(min(e.id), 0) AS n FROM need_event e JOIN need n ON n.id = e.need_id JOIN school s ON s.organisation_id = n.school_id AND s.code LIKE 'QG%'`)).n);
  await step('audit', size.audit, async (a, b) => {
    await q(`INSERT INTO audit_log (at, actor_label, actor_role, entity, entity_id, action, before, after)
      SELECT e.at, CASE WHEN e.action IN ('create', 'submit', 'withdraw') THEN 'Nhà trường' ELSE 'Sở GDĐT' END,
             CASE WHEN e.action IN ('create', 'submit', 'withdraw') THEN 'school' ELSE 'department' END, 'need', e.need_id::text,
             CASE e.action WHEN 'create' THEN 'create' ELSE e.action END,
             CASE WHEN e.from_state IS NOT NULL THEN jsonb_build_object('state', e.from_state) END, jsonb_build_object('state', e.to_state)
        FROM need_event e WHERE e.id >= $1 AND e.id < $2 ORDER BY e.id`, [firstEvent + a, firstEvent + b]);
  });

  await q('DROP TABLE g_need, g_k, g_lead, g_commune, g_prov, g_kind, g_def, g_act');
  const s = Date.now();
  // The summaries kept by triggers were rewritten once per row written, thousands of times a row
  // inside each bulk statement, where no dead version can be pruned before the statement commits:
  // at 100%, need_totals held 2,720 rows in 50 MB, school_need_map_category 254,000 in 211 MB. A
  // running system writes one row at a time and its pages are pruned as they go (on PGlite
  // tidySummaries rewrites a bloated one): compact them, so the benchmark reads what it would.
  await q(`VACUUM FULL ${[...SUMMARY_TABLES, 'need_ledger'].join(', ')}`);
  // The needs and the ledger were made in an order unrelated to their dates (a need's pledges
  // follow it); a running system appends each row when it is written, so its table is in the order
  // of its creation date, and what is read newest first (exports, the recent lists) lies on
  // neighbouring pages rather than anywhere in the table. Store them that way.
  await q('CLUSTER contribution USING contribution_created_idx');
  await q('CLUSTER need USING need_created_idx');
  // VACUUM as well: a database in service has had its visibility map set by autovacuum, which the
  // index-only scans of the summaries and rankings rely on; freshly loaded rows have none yet
  await q('VACUUM ANALYZE');
  log(`vacuum and analyze: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  const counts: Record<string, number> = {};
  for (const t of ['school', 'need', 'need_event', 'contribution', 'contribution_event', 'twinning_pair', 'twinning_activity', 'task_update', 'audit_log', 'organisation']) {
    counts[t] = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).n);
  }
  return { counts: { ...counts, generatedPairs: pairs, generatedActivities: activities }, seconds: (Date.now() - t0) / 1000 };
}

/** The events of contributions described by `source` (id, status, pledged_at, giver, school_id, dept), in order. */
async function contributionEvents(q: (sql: string, params?: unknown[]) => Promise<unknown>, source: string) {
  await q(`INSERT INTO contribution_event (contribution_id, status, note, actor_org_id, at)
    SELECT x.id, e.status, e.note, e.actor, x.pledged_at + e.days * interval '1 day'
      FROM (${source}) x CROSS JOIN LATERAL (VALUES
        (0, 'pledged', NULL, x.giver, true),
        (5, 'delivered', NULL, x.giver, x.status IN ('delivered', 'received', 'accepted')),
        (7, 'received', 'Nhà trường xác nhận đã nhận', x.school_id, x.status IN ('received', 'accepted')),
        (12, 'accepted', NULL, x.dept, x.status = 'accepted'),
        (3, 'cancelled', 'Nhà tài trợ điều chỉnh kế hoạch', x.giver, x.status = 'cancelled')) AS e(days, status, note, actor, applies)
     WHERE e.applies ORDER BY 5`);
}

/** Migrate, load the reference data and the demo (accounts of every role) when the database has none. */
export async function prepare(db: Db, log: (line: string) => void = () => undefined): Promise<void> {
  const s = Date.now();
  await migrate(db);
  const areas = await db.one<{ n: number }>(`SELECT count(*) AS n FROM area`);
  if (Number(areas.n) === 0) await loadReferenceData(db);
  await loadDemoData(db);
  log(`schema, reference data and demo: ${((Date.now() - s) / 1000).toFixed(1)} s`);
}

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const fraction = Number(arg('fraction', '0.01'));
  const target = arg('target', 'pglite');
  if (!(fraction > 0 && fraction <= 1)) throw new Error('--fraction must be in (0, 1]');
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  let db: Db;
  if (target === 'pg') {
    const url = arg('url') ?? process.env.DATABASE_URL;
    if (!url) throw new Error('--url postgres://… (a database of its own: createdb -h 127.0.0.1 -U postgres kn_scale)');
    db = await openPostgres(url, 1);
  } else {
    const dir = path.resolve(arg('dir', `.data/scale-${fraction}`)!);
    db = await openPglite(path.join(dir, 'pglite'));
    log(`PGlite data directory: ${dir} (start the app on it with DATA_DIR=${dir})`);
  }
  try {
    await prepare(db, log);
    const r = await generateNational(db, { fraction, chunk: Number(arg('chunk', '20000')), log });
    log(`done in ${r.seconds.toFixed(1)} s`);
    console.table(r.counts);
    if (db.engine === 'postgres') {
      const sz = await db.one<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s');
      log(`database size: ${sz.s}`);
    }
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
