import crypto from 'node:crypto';
import type { Db } from '../platform/db.js';
import { fold } from '../platform/text.js';
import { hygieneService, sanitationService, waterService } from '../modules/surveys/domain.js';
import { attachPastEvidence } from '../modules/ledger/service.js';
import { receiptPng } from './demo-images.js';
import { assignmentsWithLeads, recordPastProgress } from '../modules/plans/service.js';
import { daysBetween, periodsOf, type TimeWindow } from '../modules/plans/domain.js';
import { vnDate } from '../platform/clock.js';
import { SYSTEM } from '../platform/actor.js';
import { dataPath, readJsonData } from '../platform/data-files.js';
import { select as selectForPlan29 } from '../modules/plan29/service.js';
import fs from 'node:fs';

/**
 * Demo activity, so a newcomer finds a living platform: facility surveys, needs at every stage,
 * a few vetted demo donors (organisations, no people) with pledges, deliveries and acceptances,
 * two agreements, and twinning pairs with activities. Deterministic (seeded), loaded once with
 * the demo accounts. It avoids the records the browser journeys create (the Điện Biên demo
 * school, the first border high school of Điện Biên, the Hanoi demo school's cluster).
 */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** When the demo pairs were made (the 2026 plan's pairing window is March–April). */
const PAIRED_AT = '2026-04-10T02:00:00Z';
/** A day at a given hour (UTC). */
const at = (d: string, hour: number) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);
/** `days` later, and `hours` more. */
const plusDays = (t: Date, days: number, hours = 0) => new Date(t.getTime() + days * DAY + hours * 3_600_000);
const day = (t: Date) => t.toISOString().slice(0, 10);

/** The kinds of need the demo (and the national data set of bench/national) draws from, with realistic quantities and unit costs. */
export const NEEDS: { category: string; title: string; unit: string; qty: [number, number]; unitCost: number }[] = [
  { category: 'classroom', title: 'Sửa chữa phòng học xuống cấp', unit: 'phòng', qty: [1, 3], unitCost: 120_000_000 },
  { category: 'toilet', title: 'Xây nhà vệ sinh đạt chuẩn cho học sinh', unit: 'khu', qty: [1, 2], unitCost: 180_000_000 },
  { category: 'clean_water', title: 'Hệ thống lọc nước uống cho điểm trường', unit: 'hệ thống', qty: [1, 2], unitCost: 45_000_000 },
  { category: 'books', title: 'Sách tham khảo cho thư viện trường', unit: 'cuốn', qty: [200, 800], unitCost: 60_000 },
  { category: 'warm_clothes', title: 'Áo ấm mùa đông cho học sinh bán trú', unit: 'chiếc', qty: [80, 300], unitCost: 250_000 },
  { category: 'meals', title: 'Bữa trưa cho học sinh bán trú', unit: 'suất', qty: [2000, 6000], unitCost: 25_000 },
  { category: 'equipment', title: 'Máy tính cho phòng tin học', unit: 'máy', qty: [10, 25], unitCost: 9_000_000 },
  { category: 'electricity', title: 'Điện năng lượng mặt trời cho khu bán trú', unit: 'hệ thống', qty: [1, 1], unitCost: 150_000_000 },
  { category: 'scholarship', title: 'Học bổng cho học sinh nghèo vượt khó', unit: 'suất', qty: [10, 40], unitCost: 2_000_000 },
  { category: 'boarding', title: 'Giường tầng cho khu nội trú', unit: 'chiếc', qty: [20, 60], unitCost: 3_500_000 },
];

const DONORS: { code: string; name: string; type: string; description: string }[] = [
  { code: 'demo-donor-2', name: 'Tổng công ty Viễn thông Mẫu (nhà tài trợ mẫu)', type: 'business', description: 'Doanh nghiệp mẫu tài trợ thiết bị tin học.' },
  { code: 'demo-donor-3', name: 'Quỹ Học bổng Mẫu (nhà tài trợ mẫu)', type: 'other', description: 'Quỹ mẫu trao học bổng cho học sinh vùng khó.' },
  { code: 'demo-donor-4', name: 'Trường Đại học Mẫu (nhà tài trợ mẫu)', type: 'university', description: 'Trường đại học mẫu hỗ trợ sách và bồi dưỡng giáo viên.' },
  { code: 'demo-donor-5', name: 'Nhà hảo tâm (cá nhân mẫu)', type: 'individual', description: 'Một cá nhân mẫu, giấu tên khi công khai.' },
];

export async function loadDemoActivity(db: Db): Promise<void> {
  const r = rng(2026);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const between = (a: number, b: number) => Math.round(a + r() * (b - a));

  // ---------- donors ----------
  for (const d of DONORS) {
    const o = await db.one<{ id: string }>(
      `INSERT INTO organisation (code, kind, name, province_code, search) VALUES ($1, 'donor', $2, '01', $3) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [d.code, d.name, fold(d.name)]);
    await db.query(`INSERT INTO donor_profile (organisation_id, donor_type, description, anonymous_default, vetting_status, vetted_at) VALUES ($1, $2, $3, $4, 'approved', now()) ON CONFLICT DO NOTHING`,
      [o.id, d.type, d.description, d.type === 'individual']);
  }
  const pending = await db.one<{ id: string }>(
    `INSERT INTO organisation (code, kind, name, province_code, search) VALUES ('demo-donor-pending', 'donor', $1, '79', $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    ['Công ty TNHH Mẫu chờ thẩm định', fold('Công ty TNHH Mẫu chờ thẩm định')]);
  await db.query(`INSERT INTO donor_profile (organisation_id, donor_type, description) VALUES ($1, 'business', 'Hồ sơ mẫu đang chờ Ban Quản lý các dự án thẩm định.') ON CONFLICT DO NOTHING`, [pending.id]);
  const donors = await db.query<{ id: string; code: string }>(`SELECT id, code FROM organisation WHERE code LIKE 'demo-donor-%' AND code <> 'demo-donor-pending' ORDER BY code`);

  // schools the journeys use are left alone
  const reserved = (await db.query<{ id: string }>(
    `SELECT organisation_id AS id FROM app_user WHERE role = 'school'
     UNION SELECT (SELECT s.organisation_id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
                    WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND 'thpt' = ANY(s.levels) ORDER BY s.code LIMIT 1)`)).map((x) => x.id);
  const schools = await db.query<{ id: string; name: string; province_code: string; commune_code: string; levels: string[]; border: boolean }>(
    `SELECT s.organisation_id AS id, s.name, s.province_code, s.commune_code, s.levels, 'border' = ANY(c.flags) AS border
       FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
      WHERE s.province_code <> '01' AND NOT (s.organisation_id = ANY($1::uuid[])) ORDER BY s.code`, [reserved]);

  // ---------- facility surveys (school year 2025-2026) ----------
  const surveys = schools.filter(() => r() < 0.6).map((s) => {
    const waterSource = pick(['piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none']);
    const waterAvailable = r() < 0.7;
    const toiletsTotal = between(0, 6);
    const toiletsImproved = r() < 0.6, toiletsSingleSex = r() < 0.5, toiletsUsable = r() < 0.7;
    const handwashing = pick(['water_soap', 'water_only', 'none']);
    return {
      school_id: s.id, school_year: '2025-2026', classrooms_solid: between(2, 14), classrooms_semi_solid: between(0, 4), classrooms_temporary: between(0, 3),
      classrooms_lacking: between(0, 4), subject_rooms: between(0, 4), subject_rooms_lacking: between(0, 4), toilets_total: toiletsTotal,
      toilets_standard: Math.min(toiletsTotal, between(0, 3)), toilets_improved: toiletsImproved, toilets_single_sex: toiletsSingleSex, toilets_usable: toiletsUsable,
      water_source: waterSource, water_available: waterAvailable, handwashing, electricity: pick(['grid', 'grid', 'grid', 'solar', 'none']),
      road_access: pick(['paved', 'dirt', 'dirt', 'seasonal']), boarding_places: s.levels.includes('ptdtnt') ? between(100, 400) : 0,
      semi_boarding_places: s.border ? between(30, 250) : 0, kitchen: r() < 0.6, teaching_equipment: pick(['sufficient', 'partial', 'partial', 'lacking']),
      computers: between(0, 20), internet: r() < 0.6,
      water_service: waterService(waterSource, waterAvailable), sanitation_service: sanitationService(toiletsTotal, toiletsImproved, toiletsSingleSex, toiletsUsable),
      hygiene_service: hygieneService(handwashing),
    };
  });
  await db.query(
    `INSERT INTO facility_survey (school_id, school_year, classrooms_solid, classrooms_semi_solid, classrooms_temporary, classrooms_lacking, subject_rooms,
       subject_rooms_lacking, toilets_total, toilets_standard, toilets_improved, toilets_single_sex, toilets_usable, water_source, water_available, handwashing,
       electricity, road_access, boarding_places, semi_boarding_places, kitchen, teaching_equipment, computers, internet, water_service, sanitation_service, hygiene_service)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(school_id uuid, school_year text, classrooms_solid int, classrooms_semi_solid int, classrooms_temporary int,
       classrooms_lacking int, subject_rooms int, subject_rooms_lacking int, toilets_total int, toilets_standard int, toilets_improved boolean, toilets_single_sex boolean,
       toilets_usable boolean, water_source text, water_available boolean, handwashing text, electricity text, road_access text, boarding_places int,
       semi_boarding_places int, kitchen boolean, teaching_equipment text, computers int, internet boolean, water_service text, sanitation_service text, hygiene_service text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(surveys)]);

  // ---------- needs at every stage, with the ledger behind them ----------
  // Every step is dated after the one before it, and each row's dates are its events' dates:
  // created → submitted (1–3 days) → verified (1–6 days) → published (0–2 days) → pledged
  // (3–20 days) → delivered (+10) → received (+12) → accepted (+20) → need accepted (1–5 days).
  const needSchools = schools.filter((s) => ['11', '12', '14', '44', '15'].includes(s.province_code)).filter(() => r() < 0.35).slice(0, 45);
  const stages = ['published', 'published', 'published', 'published', 'published', 'accepted', 'submitted', 'draft'];
  const departments = new Map((await db.query<{ id: string; province_code: string }>(`SELECT id, province_code FROM organisation WHERE kind = 'department'`)).map((d) => [d.province_code, d.id]));
  const needs: object[] = [];
  const events: object[] = [];
  const gifts: object[] = [];
  const giftEvents: object[] = [];
  const received: string[] = [];
  needSchools.forEach((s, i) => {
    const def = NEEDS[i % NEEDS.length];
    const qty = between(def.qty[0], def.qty[1]);
    const cost = qty * def.unitCost;
    const stage = stages[i % stages.length];
    const id = crypto.randomUUID();
    const created = at(`2026-${String(between(3, 8)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`, between(1, 4));
    const submitted = plusDays(created, between(1, 3));
    const verified = plusDays(submitted, between(1, 6));
    const published = plusDays(verified, between(0, 2), 1);
    const trail = stage === 'draft' ? ['draft'] : stage === 'submitted' ? ['draft', 'submitted'] : ['draft', 'submitted', 'verified', 'published', ...(stage === 'accepted' ? ['accepted'] : [])];
    const times: (Date | null)[] = [created, submitted, verified, published, null];
    const dept = departments.get(s.province_code) ?? null;
    // pledges: accepted needs fully given and received; published ones partly, at various stages
    let needAccepted: Date | null = null;
    if (stage === 'published' || stage === 'accepted') {
      const share = stage === 'accepted' ? 1 : pick([0, 0.3, 0.5, 0.7, 1]);
      const pledgedQty = Math.round(qty * share);
      if (pledgedQty > 0) {
        const donor = pick(donors);
        const status = stage === 'accepted' ? 'accepted' : pick(['pledged', 'delivered', 'received']);
        const kid = crypto.randomUUID();
        const pledged = at(day(plusDays(published, between(3, 20))), 3);
        const stamps: Record<string, Date> = { pledged, delivered: plusDays(pledged, 10), received: plusDays(pledged, 12), accepted: plusDays(pledged, 20) };
        const steps = ['pledged', 'delivered', 'received', 'accepted'].slice(0, ['pledged', 'delivered', 'received', 'accepted'].indexOf(status) + 1);
        gifts.push({ id: kid, contributor_id: donor.id, anonymous: donor.code === 'demo-donor-5', school_id: s.id, province_code: s.province_code, form: def.category === 'scholarship' ? 'money' : 'in_kind',
          category: def.category, description: `${def.title} (${pledgedQty} ${def.unit})`, value_vnd: pledgedQty * def.unitCost, quantity: pledgedQty, unit: def.unit,
          need_id: id, status, pledged_on: day(pledged), created_at: pledged, updated_at: stamps[status],
          delivered_at: steps.includes('delivered') ? stamps.delivered : null, received_at: steps.includes('received') ? stamps.received : null, accepted_at: steps.includes('accepted') ? stamps.accepted : null });
        const by: Record<string, string | null> = { pledged: donor.id, delivered: donor.id, received: s.id, accepted: dept };
        for (const st of steps) giftEvents.push({ contribution_id: kid, status: st, note: st === 'received' ? 'Nhà trường xác nhận đã nhận' : null, actor_org_id: by[st], at: stamps[st] });
        if (steps.includes('received')) received.push(kid);
        if (stage === 'accepted') needAccepted = plusDays(stamps.accepted, between(1, 5));
      }
    }
    times[4] = needAccepted;
    const last = times[trail.length - 1] ?? published;
    needs.push({ id, school_id: s.id, province_code: s.province_code, commune_code: s.commune_code, category: def.category, title: def.title,
      description: `${def.title} tại ${s.name}.`, quantity: qty, unit: def.unit, estimated_cost: cost, priority: pick(['urgent', 'high', 'normal', 'normal', 'low']),
      state: stage === 'accepted' && !needAccepted ? 'published' : stage, search: fold(`${def.title} ${s.name}`), created_at: created, updated_at: last,
      submitted_at: trail.includes('submitted') ? submitted : null, verified_at: trail.includes('verified') ? verified : null,
      published_at: trail.includes('published') ? published : null, accepted_at: trail.includes('accepted') ? needAccepted : null });
    trail.forEach((st, k) => {
      const when = times[k];
      if (when) events.push({ need_id: id, action: ['create', 'submit', 'verify', 'publish', 'accept'][k], from_state: k ? trail[k - 1] : null, to_state: st, at: when });
    });
  });
  await db.query(
    `INSERT INTO need (id, school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, state, search,
       created_at, updated_at, submitted_at, verified_at, published_at, accepted_at)
     SELECT id, school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, state, search,
       created_at, updated_at, submitted_at, verified_at, published_at, accepted_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, school_id uuid, province_code text, commune_code text, category text, title text, description text, quantity numeric,
       unit text, estimated_cost bigint, priority text, state text, search text, created_at timestamptz, updated_at timestamptz, submitted_at timestamptz,
       verified_at timestamptz, published_at timestamptz, accepted_at timestamptz)`, [JSON.stringify(needs)]);
  await db.query(`INSERT INTO need_event (need_id, action, from_state, to_state, at) SELECT need_id, action, from_state, to_state, at FROM jsonb_to_recordset($1::jsonb) AS x(need_id uuid, action text, from_state text, to_state text, at timestamptz) ORDER BY at`, [JSON.stringify(events)]);
  await db.query(
    `INSERT INTO contribution (id, contributor_id, anonymous, school_id, province_code, form, category, description, value_vnd, quantity, unit, need_id, status, pledged_on,
       delivered_at, received_at, accepted_at, created_at, updated_at)
     SELECT id, contributor_id, anonymous, school_id, province_code, form, category, description, value_vnd, quantity, unit, need_id, status, pledged_on,
       delivered_at, received_at, accepted_at, created_at, updated_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, contributor_id uuid, anonymous boolean, school_id uuid, province_code text, form text, category text, description text,
       value_vnd bigint, quantity numeric, unit text, need_id uuid, status text, pledged_on date, delivered_at timestamptz, received_at timestamptz, accepted_at timestamptz,
       created_at timestamptz, updated_at timestamptz)`, [JSON.stringify(gifts)]);
  await db.query(
    `INSERT INTO contribution_event (contribution_id, status, note, actor_org_id, at)
     SELECT contribution_id, status, note, actor_org_id, at FROM jsonb_to_recordset($1::jsonb) AS x(contribution_id uuid, status text, note text, actor_org_id uuid, at timestamptz) ORDER BY at`,
    [JSON.stringify(giftEvents)]);
  // every receipt carries its evidence, stored through the ledger as the school's upload would be
  for (const [k, id] of received.entries()) await attachPastEvidence(db, null, id, { filename: `bien-nhan-${k + 1}.png`, data: receiptPng(k) });

  // ---------- plan 29: the 2021 selection the seed names (Hướng Hóa, Quảng Trị; §IV.3.4) ----------
  await loadPlan29Selection(db);

  // ---------- progress on the seed plans' tasks ----------
  await loadTaskProgress(db, rng(2021), vnDate(new Date()));

  // ---------- agreements ----------
  const so11 = await db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`);
  const bgddt = await db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'bgddt'`);
  await db.query(
    `INSERT INTO agreement (code, title, donor_id, counterpart_id, scope, committed_value, period_from, period_to, signed_on, search) VALUES
       ('01/BGN-MAU', 'Biên bản ghi nhớ mẫu: hỗ trợ tin học hoá trường vùng khó', $1, $2, 'Thiết bị tin học cho 30 trường', 2000000000, '2026-01-01', '2026-12-31', '2026-01-10', 'bien ban ghi nho mau tin hoc'),
       ('02/BGN-MAU', 'Biên bản ghi nhớ mẫu: học bổng học sinh vùng biên', $3, $4, 'Học bổng cho học sinh các xã biên giới Điện Biên', 500000000, '2026-03-01', '2027-02-28', '2026-03-01', 'bien ban ghi nho mau hoc bong')
     ON CONFLICT (code) DO NOTHING`,
    [donors.find((d) => d.code === 'demo-donor-2')!.id, bgddt.id, donors.find((d) => d.code === 'demo-donor-3')!.id, so11.id]);

  // ---------- twinning ----------
  const leadCluster = (await db.maybeOne<{ cluster_id: string | null }>(
    `SELECT s.cluster_id FROM app_user u JOIN school s ON s.organisation_id = u.organisation_id WHERE u.email = 'truong.hanoi@ketnoi.demo'`))?.cluster_id ?? null;
  const hanoi = await db.query<{ id: string }>(
    `SELECT organisation_id AS id FROM school WHERE province_code = '01' AND 'thpt' = ANY(levels) AND cluster_id IS DISTINCT FROM $1 AND NOT (organisation_id = ANY($2::uuid[])) ORDER BY code LIMIT 5`,
    [leadCluster, reserved]);
  const border = schools.filter((s) => s.border && ['11', '12', '14'].includes(s.province_code) && (s.levels.includes('thpt') || s.levels.includes('thcs')));
  const kinds: [string, string, string | null, string][] = [
    ['exchange', 'connected_classroom', 'online', 'Kết nối lớp học trực tuyến'], ['professional', 'teaching_methods', null, 'Sinh hoạt chuyên môn chung về phương pháp dạy học'],
    ['tradition', 'sovereignty', null, 'Chuyên đề chủ quyền biên giới'], ['exchange', 'sports', null, 'Giao lưu thể thao'],
  ];
  const paired = async (hanoiId: string, borderId: string) => {
    const pair = await db.one<{ id: string }>(
      `INSERT INTO twinning_pair (hanoi_school_id, border_school_id, start_year, created_at, updated_at) VALUES ($1, $2, 2026, $3, $3) RETURNING id`, [hanoiId, borderId, PAIRED_AT]);
    await db.query(`INSERT INTO twinning_pair_event (pair_id, status, reason, at) VALUES ($1, 'active', 'Ghép cặp', $2)`, [pair.id, PAIRED_AT]);
    return pair.id;
  };
  for (let i = 0; i < Math.min(hanoi.length, border.length); i++) {
    const b = border[Math.floor((i * border.length) / Math.min(hanoi.length, border.length))];
    const pairId = await paired(hanoi[i].id, b.id);
    if (i >= 3) continue; // two pairs without activity yet, for the compliance list
    const [kind, sub, mode, title] = kinds[i % kinds.length];
    const heldOn = `2026-0${5 + i}-15`;
    await db.query(
      `INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, mode, title, teachers, pupils, logged_by_school_id, confirmed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $10, $11)`,
      [pairId, heldOn, kind, sub, mode, title, between(2, 6), between(30, 90), hanoi[i].id, at(heldOn, 9), plusDays(at(heldOn, 9), 3)]);
  }
  // the demo school accounts are twinned too: each Hanoi demo school with a border demo school
  // (or the first border school), each border demo school not yet twinned with a Hanoi one
  const demoSchools = await db.query<{ id: string; province_code: string; border: boolean }>(
    `SELECT s.organisation_id AS id, s.province_code, 'border' = ANY(c.flags) AS border FROM app_user u JOIN school s ON s.organisation_id = u.organisation_id
       JOIN area c ON c.era = 'current' AND c.code = s.commune_code WHERE u.email LIKE 'truong.%@ketnoi.demo' ORDER BY u.email`);
  const hanoiDemo = demoSchools.filter((s) => s.province_code === '01');
  const borderDemo = demoSchools.filter((s) => s.border && ['11', '12', '14'].includes(s.province_code));
  const twinned = new Set<string>();
  for (const [i, h] of hanoiDemo.entries()) {
    const b = borderDemo.length ? borderDemo[i % borderDemo.length].id : border[0]?.id;
    if (!b) continue;
    await paired(h.id, b);
    twinned.add(b);
  }
  for (const b of borderDemo) {
    const h = hanoiDemo[0]?.id ?? hanoi[0]?.id;
    if (!twinned.has(b.id) && h) await paired(h, b.id);
  }
}

/**
 * Progress on the seed plans' tasks as their lead units would have reported it, up to `today`:
 * most past periods done (a few late, a few still in progress or blocked), current periods in
 * progress near the share of the window elapsed. Every update is by a lead unit of its
 * assignment and dated within or shortly after its period, never after `today`.
 */
async function loadTaskProgress(db: Db, r: () => number, today: string): Promise<void> {
  const between = (a: number, b: number) => Math.round(a + r() * (b - a));
  const iso = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  const earliest = (a: string, b: string) => (a < b ? a : b);
  // an update reported today is recorded at a time of today that has already come
  const loadedAt = Date.now();
  const notAfterNow = (at: string) => (Date.parse(at) > loadedAt ? new Date(loadedAt - 60_000).toISOString() : at);
  const rows: Parameters<typeof recordPastProgress>[1] = [];
  const push = (assignmentId: string, organisationId: string, period: string, state: 'in_progress' | 'done' | 'blocked', percent: number | null, reportedOn: string, note: string) =>
    rows.push({ assignmentId, organisationId, period, state, percent, milestone: null, note, reportedOn, createdAt: notAfterNow(`${reportedOn}T0${between(1, 9)}:${String(between(0, 59)).padStart(2, '0')}:00Z`) });
  for (const a of await assignmentsWithLeads(db)) {
    const window: TimeWindow = { kind: a.window_kind as TimeWindow['kind'], from: a.window_from, to: a.window_to, due: a.due };
    // an assignment led by many units (every Department) is followed closely by the Ministry: fewer laggards
    const lagging = a.leads.length > 5 ? 0.01 : 0.04;
    for (const org of a.leads) {
      for (const p of periodsOf(window)) {
        if (p.from > today) break;
        const length = Math.max(1, daysBetween(p.from, p.to));
        if (p.to < today) {
          const mid = iso(p.from, Math.floor(length / 2));
          if (length > 30 && r() < 0.6) push(a.id, org, p.key, 'in_progress', between(30, 70), earliest(mid, today), 'Đang triển khai theo kế hoạch');
          const x = r();
          if (x < lagging) push(a.id, org, p.key, 'in_progress', between(50, 85), earliest(iso(p.to, -between(0, Math.min(20, length))), today), 'Còn một số nội dung đang hoàn thiện');
          else if (x < lagging * 1.5) push(a.id, org, p.key, 'blocked', between(20, 60), earliest(iso(p.to, -between(0, Math.min(20, length))), today), 'Chờ bố trí kinh phí');
          else {
            // done on time mostly, some a few weeks late
            const on = r() < 0.85 ? iso(p.to, -between(0, Math.min(25, length))) : iso(p.to, between(1, 25));
            push(a.id, org, p.key, 'done', 100, earliest(on <= mid ? iso(mid, 1) : on, today), 'Đã hoàn thành, báo cáo kết quả gửi đơn vị chủ trì kế hoạch');
          }
        } else {
          // the current period: most units have reported recently, close to the time elapsed
          if (r() < 0.15) continue;
          const elapsed = (daysBetween(p.from, today) + 1) / (length + 1);
          const percent = Math.max(5, Math.min(95, Math.round(elapsed * 100 + between(-10, 15))));
          const on = iso(today, -between(0, Math.min(20, daysBetween(p.from, today))));
          push(a.id, org, p.key, 'in_progress', percent, on, 'Đang triển khai theo kế hoạch');
        }
      }
    }
  }
  await recordPastProgress(db, rows);
}

interface Plan29DemoSelection { year: number; oldProvinceCode: string; oldDistrictCode: string; districtNamedInSeed: boolean; schoolCodes: string[] }

/**
 * The 2021 selection of plan 29 for the district the seed itself names (the former Hướng Hóa
 * district of Quảng Trị, now its communes), through plan 29's own rules. The other provinces'
 * districts in the file are demo choices, left for the Departments to make.
 */
async function loadPlan29Selection(db: Db): Promise<void> {
  if (!fs.existsSync(dataPath('demo', 'plan29-selection.json'))) return;
  const file = readJsonData<{ selection2021: Plan29DemoSelection[] }>('demo', 'plan29-selection.json');
  for (const s of file.selection2021.filter((x) => x.districtNamedInSeed)) {
    const ids = (await db.query<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE code = ANY($1::text[]) ORDER BY code`, [s.schoolCodes])).map((x) => x.id);
    if (ids.length) await selectForPlan29(db, SYSTEM, { year: s.year, oldProvinceCode: s.oldProvinceCode, oldDistrictCode: s.oldDistrictCode, schoolIds: ids });
  }
}
