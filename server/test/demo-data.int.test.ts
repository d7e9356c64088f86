import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { caller } from './calls.js';
import { vnDate } from '../src/platform/clock.js';
import { CASE_STEPS } from '../../contracts/cases.js';

/**
 * The demo data tells the truth: what it claims happened has its evidence and its dates, in
 * order; the seed plans' tasks carry their units' progress; the demo schools are twinned; plan
 * 29's selection of the district the seed names is loaded. Run on the database every test starts
 * from (migrations, reference data, demo data).
 */

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });
const call = caller(() => ctx);

/** At most this many of the seed plans' ~150 tasks are overdue in the demo (without its progress: 140). */
const OVERDUE_BOUND = 30;

describe('demo data', () => {
  it('every received or accepted contribution carries evidence, stored by the ledger on its receipt', async () => {
    const rows = await ctx.db.query<{ id: string; status: string; school_id: string; files: number; owned: number; on_receipt: number }>(
      `SELECT k.id, k.status, k.school_id,
              (SELECT count(*)::int FROM contribution_file cf WHERE cf.contribution_id = k.id) AS files,
              (SELECT count(*)::int FROM contribution_file cf JOIN stored_file f ON f.id = cf.file_id
                WHERE cf.contribution_id = k.id AND f.owner_kind = 'contribution' AND f.owner_id = k.id AND f.size > 0) AS owned,
              (SELECT count(*)::int FROM contribution_file cf JOIN contribution_event e ON e.id = cf.event_id
                WHERE cf.contribution_id = k.id AND e.status = 'received') AS on_receipt
         FROM contribution k WHERE k.status IN ('received', 'accepted')`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.files === 0 || r.owned !== r.files || r.on_receipt !== r.files)).toEqual([]);
    // the evidence is a real image the public portal can open (a receipt of a need's gift is public)
    const f = await ctx.db.one<{ id: string; name: string; mime: string }>(
      `SELECT f.id, f.name, f.mime FROM contribution_file cf JOIN stored_file f ON f.id = cf.file_id WHERE cf.contribution_id = $1 LIMIT 1`, [rows[0].id]);
    expect(f.name).toMatch(/^bien-nhan-[0-9a-f]{8}\.png$/);
    const got = await call(null, 'GET', `/api/v1/files/${f.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('image/png');
    expect(got.rawPayload.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('needs: events in order, each as dated as the need claims, none before the need was created', async () => {
    const needs = await ctx.db.query<{ id: string; state: string; created_at: Date; submitted_at: Date | null; verified_at: Date | null; published_at: Date | null; accepted_at: Date | null }>(
      `SELECT id, state, created_at, submitted_at, verified_at, published_at, accepted_at FROM need WHERE school_id NOT IN (SELECT organisation_id FROM app_user WHERE organisation_id IS NOT NULL)`);
    expect(needs.length).toBeGreaterThan(10);
    const events = await ctx.db.query<{ need_id: string; id: number; action: string; to_state: string; at: Date }>(
      `SELECT need_id, id, action, to_state, at FROM need_event WHERE need_id = ANY($1::uuid[]) ORDER BY need_id, id`, [needs.map((n) => n.id)]);
    const bad: string[] = [];
    const now = Date.now();
    for (const n of needs) {
      const ev = events.filter((e) => e.need_id === n.id);
      if (!ev.length) bad.push(`${n.id}: no events`);
      ev.forEach((e, k) => {
        if (+e.at < +n.created_at) bad.push(`${n.id}: ${e.action} before creation`);
        if (+e.at > now) bad.push(`${n.id}: ${e.action} in the future`);
        if (k && +e.at <= +ev[k - 1].at) bad.push(`${n.id}: ${e.action} not after ${ev[k - 1].action}`);
      });
      const when = (state: string) => ev.find((e) => e.to_state === state)?.at;
      for (const [state, claimed] of [['submitted', n.submitted_at], ['verified', n.verified_at], ['published', n.published_at], ['accepted', n.accepted_at]] as const) {
        const e = when(state);
        if ((claimed === null) !== (e === undefined) || (claimed && e && +claimed !== +e)) bad.push(`${n.id}: ${state}_at ${claimed?.toISOString()} vs event ${e?.toISOString()}`);
      }
      if (ev[ev.length - 1]?.to_state !== n.state) bad.push(`${n.id}: last event ${ev[ev.length - 1]?.to_state} but state ${n.state}`);
    }
    expect(bad).toEqual([]);
  });

  it('contributions: pledged after the need was published, then delivered, received, accepted in that order and as the row claims', async () => {
    const rows = await ctx.db.query<{ id: string; status: string; pledged_on: string; created_at: Date; delivered_at: Date | null; received_at: Date | null; accepted_at: Date | null; published_at: Date | null }>(
      `SELECT k.id, k.status, k.pledged_on, k.created_at, k.delivered_at, k.received_at, k.accepted_at, n.published_at
         FROM contribution k LEFT JOIN need n ON n.id = k.need_id WHERE k.twinning_activity_id IS NULL`);
    expect(rows.length).toBeGreaterThan(5);
    const events = await ctx.db.query<{ contribution_id: string; status: string; at: Date; actor_org_id: string | null }>(
      `SELECT contribution_id, status, at, actor_org_id FROM contribution_event WHERE contribution_id = ANY($1::uuid[]) ORDER BY contribution_id, id`, [rows.map((r) => r.id)]);
    const order = ['pledged', 'delivered', 'received', 'accepted'];
    const bad: string[] = [];
    for (const r of rows) {
      const ev = events.filter((e) => e.contribution_id === r.id);
      const expected = order.slice(0, order.indexOf(r.status) + 1);
      if (ev.map((e) => e.status).join() !== expected.join()) bad.push(`${r.id}: events ${ev.map((e) => e.status)} for ${r.status}`);
      if (r.published_at && r.pledged_on < vnDate(r.published_at)) bad.push(`${r.id}: pledged ${r.pledged_on} before the need was published`);
      if (vnDate(r.created_at) !== r.pledged_on) bad.push(`${r.id}: created ${r.created_at.toISOString()} but pledged on ${r.pledged_on}`);
      ev.forEach((e, k) => {
        if (+e.at < +r.created_at || +e.at > Date.now()) bad.push(`${r.id}: ${e.status} at ${e.at.toISOString()} outside its life`);
        if (k && +e.at <= +ev[k - 1].at) bad.push(`${r.id}: ${e.status} not after ${ev[k - 1].status}`);
        if (!e.actor_org_id) bad.push(`${r.id}: ${e.status} by nobody`);
      });
      for (const [status, claimed] of [['delivered', r.delivered_at], ['received', r.received_at], ['accepted', r.accepted_at]] as const) {
        const e = ev.find((x) => x.status === status);
        if ((claimed === null) !== (e === undefined) || (claimed && e && +claimed !== +e.at)) bad.push(`${r.id}: ${status}_at vs its event`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('twinning: pairs made when their event says, activities after the pairing and confirmed after they were held', async () => {
    const pairs = await ctx.db.query<{ id: string; created_at: Date; first: Date }>(
      `SELECT p.id, p.created_at, (SELECT min(at) FROM twinning_pair_event e WHERE e.pair_id = p.id) AS first FROM twinning_pair p`);
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter((p) => +p.first !== +p.created_at)).toEqual([]);
    const acts = await ctx.db.query<{ id: string; held_on: string; created_at: Date; confirmed_at: Date | null; paired: Date }>(
      `SELECT a.id, a.held_on, a.created_at, a.confirmed_at, p.created_at AS paired FROM twinning_activity a JOIN twinning_pair p ON p.id = a.pair_id`);
    expect(acts.length).toBeGreaterThan(0);
    expect(acts.filter((a) => a.held_on < vnDate(a.paired) || vnDate(a.created_at) < a.held_on || (a.confirmed_at && +a.confirmed_at < +a.created_at) || +a.created_at > Date.now())).toEqual([]);
  });

  it(`the seed plans' tasks carry their lead units' progress: at most ${OVERDUE_BOUND} overdue today`, async () => {
    const updates = await ctx.db.query<{ n: number; wrong_unit: number; future: number; before_window: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment_unit au WHERE au.assignment_id = u.assignment_id AND au.organisation_id = u.organisation_id AND au.role = 'lead'))::int AS wrong_unit,
              count(*) FILTER (WHERE u.reported_on > $1::date OR u.created_at > now())::int AS future,
              count(*) FILTER (WHERE u.reported_on < a.window_from)::int AS before_window
         FROM task_update u JOIN task_assignment a ON a.id = u.assignment_id`, [vnDate(new Date())]);
    expect(updates[0].n).toBeGreaterThan(300);
    expect(updates[0]).toMatchObject({ wrong_unit: 0, future: 0, before_window: 0 });
    // a spread, not everything done: some in progress, some done, some blocked
    const states = await ctx.db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM task_update GROUP BY state`);
    expect(states.map((s) => s.state).sort()).toEqual(['blocked', 'done', 'in_progress']);
    const overdue = await call('admin', 'GET', '/api/v1/tasks/overdue?limit=200');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.json().total).toBeLessThanOrEqual(OVERDUE_BOUND);
    // each plan's own view agrees: more done than overdue
    for (const key of ['kh-29-bgddt-2021', 'qd-4969-bgddt-2021', 'qd-cds-bgddt-2022', 'kh-237-bgddt-2023']) {
      const plan = (await call('admin', 'GET', `/api/v1/plans/${key}`)).json();
      expect(plan.tally.done, key).toBeGreaterThan(plan.tally.overdue);
    }
  });

  it('every demo school account is in an active twinning pair', async () => {
    const schools = await ctx.db.query<{ email: string; pairs: number }>(
      `SELECT u.email, (SELECT count(*)::int FROM twinning_pair p WHERE p.status = 'active' AND (p.hanoi_school_id = u.organisation_id OR p.border_school_id = u.organisation_id)) AS pairs
         FROM app_user u WHERE u.email LIKE 'truong.%@ketnoi.demo' ORDER BY u.email`);
    expect(schools.length).toBeGreaterThanOrEqual(2);
    expect(schools.filter((s) => s.pairs === 0).map((s) => s.email)).toEqual([]);
  });

  it("plan 29's 2021 selection of Hướng Hóa (Quảng Trị), the district the seed names, is loaded", async () => {
    const q = (await call('admin', 'GET', '/api/v1/programmes/plan29/quota?year=2021')).json().items;
    const quangTri = q.find((p: { oldCode: string }) => p.oldCode === '45');
    expect(quangTri.districts).toEqual([{ code: '465', name: expect.stringMatching(/Hướng Hóa/) }]);
    expect(quangTri.schools).toHaveLength(20);
    // its schools are in the communes that replaced the district
    const outside = await ctx.db.query(
      `SELECT s.code FROM plan29_selection ps JOIN school s ON s.organisation_id = ps.school_id
        WHERE ps.year = 2021 AND ps.old_province_code = '45'
          AND NOT EXISTS (SELECT 1 FROM area_succession x JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = x.old_code
                           WHERE x.old_level = 'commune' AND x.new_commune_code = s.commune_code AND c.district_code = ps.old_district_code)`);
    expect(outside).toEqual([]);
  });

  it("plan 29's launch meeting of 22/01/2021 is a record: its 13-item programme, about 100 delegates, its tasks, and its six signings each linked to its agreement", async () => {
    const list = await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/activities?kind=launch&q=gap%20mat%20tri%20an');
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({ startsOn: '2021-01-22', state: 'held', place: 'Khách sạn Sheraton Hà Nội', participantsPlanned: 100, organiser: { shortName: 'Vụ GDTC' } });
    const d = (await call('dieuphoi@ketnoi.demo', 'GET', `/api/v1/activities/${item.id}`)).json();
    expect(d.agenda).toHaveLength(13);
    expect(d.agenda[4]).toMatchObject({ content: expect.stringContaining('Tôn vinh'), responsibleOrg: { shortName: 'Vụ TĐKT' } });
    // its six signings (items 7–12), each linked to its own agreement signed that day with the unit that signs it
    const signed = d.agenda.filter((a: { agreement: unknown }) => a.agreement) as { position: number; content: string; responsibleOrg: { id: string } | null; agreement: { id: string; title: string } }[];
    expect(signed.map((a) => a.position)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(signed.every((a) => /^Ký/.test(a.content) && a.agreement.title.includes('22/01/2021'))).toBe(true);
    expect(d.agenda.filter((a: { content: string }) => /^Ký/.test(a.content)).map((a: { position: number }) => a.position)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(new Set(signed.map((a) => a.agreement.id)).size).toBe(6);
    const agreements = await ctx.db.query<{ id: string; signed_on: string; counterpart_id: string; counterpart: string; donor_kind: string; donor_code: string }>(
      `SELECT g.id, to_char(g.signed_on, 'YYYY-MM-DD') AS signed_on, g.counterpart_id, c.code AS counterpart, o.kind AS donor_kind, o.code AS donor_code
         FROM agreement g JOIN organisation c ON c.id = g.counterpart_id JOIN organisation o ON o.id = g.donor_id WHERE g.id = ANY($1::uuid[])`, [signed.map((a) => a.agreement.id)]);
    expect(agreements).toHaveLength(6);
    for (const g of agreements) expect(g).toMatchObject({ signed_on: '2021-01-22', donor_kind: 'donor', donor_code: expect.stringMatching(/^demo-donor-\d$/) });
    // the unit that signs is the item's own (the Ministry for item 10, the digitisation software)
    for (const a of signed) {
      const g = agreements.find((x) => x.id === a.agreement.id)!;
      expect(g.counterpart, String(a.position)).toBe(a.position === 10 ? 'bgddt' : (await ctx.db.one<{ code: string }>('SELECT code FROM organisation WHERE id = $1', [a.responsibleOrg!.id])).code);
    }
    expect(d.tasks.map((t: { number: string }) => t.number)).toEqual(['IV.3.1-a', 'IV.3.1-g']);
    expect(d.invitees.length).toBeGreaterThanOrEqual(8);
    // counts, never names
    expect(d.participants).toEqual([{ group: 'other', planned: 100, actual: null }]);
  });
  it('school social work: providers in every demo province by role and agency, the hotline 111, and cases at every step with placeholder pupils only', async () => {
    // the demo provinces: those of the demo Departments
    const provinces = (await ctx.db.query<{ code: string }>(
      `SELECT DISTINCT o.province_code AS code FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.role = 'department' ORDER BY 1`)).map((r) => r.code);
    expect(provinces.length).toBeGreaterThanOrEqual(4);
    const providers = await ctx.db.query<{ kind: string; name: string; province_code: string | null; phone: string | null; email: string | null; focal_role: string | null }>(
      'SELECT kind, name, province_code, phone, email, focal_role FROM service_provider WHERE active');
    for (const code of provinces) {
      const kinds = providers.filter((p) => p.province_code === code).map((p) => p.kind);
      expect(kinds, code).toEqual(expect.arrayContaining(['social_work_centre', 'health_service', 'ngo']));
    }
    expect(providers.filter((p) => p.province_code === null).map((p) => [p.kind, p.phone])).toEqual([['hotline', '111']]);
    // named by agency and role, marked as samples, with no contact of a person: only the hotline is a real public service
    for (const p of providers.filter((x) => x.kind !== 'hotline')) {
      expect(p.name, p.name).toMatch(/mẫu/);
      expect([p.phone, p.email], p.name).toEqual([null, null]);
      expect(p.focal_role, p.name).toBeTruthy();
    }
    // cases: one at least at each step of the circular, an urgent one among them, a referral answered online and one by phone
    const steps = (await ctx.db.query<{ step: string }>('SELECT DISTINCT step FROM support_case')).map((r) => r.step).sort();
    expect(steps).toEqual([...CASE_STEPS].sort());
    expect(Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM support_case WHERE urgent')).n)).toBeGreaterThanOrEqual(1);
    const referrals = await ctx.db.query<{ state: string; channel: string }>('SELECT state, channel FROM case_referral ORDER BY state');
    expect(referrals.map((r) => r.channel).sort()).toEqual(['online', 'phone']);
    // pupils are "Học sinh A", "Học sinh B"…: no real or realistic name; every text is marked as a sample
    const pupils = await ctx.db.query<{ full_name: string; class_name: string | null }>('SELECT full_name, class_name FROM case_pupil');
    expect(pupils.length).toBeGreaterThanOrEqual(steps.length);
    for (const p of pupils) {
      expect(p.full_name).toMatch(/^Học sinh [A-Z]$/);
      expect(p.class_name).toMatch(/^Lớp \d{1,2}[A-Z]$/);
    }
    const texts = await ctx.db.query<{ t: string }>(
      `SELECT initial_assessment AS t FROM support_case WHERE initial_assessment IS NOT NULL
       UNION ALL SELECT plan->>'goals' FROM case_entry WHERE plan IS NOT NULL
       UNION ALL SELECT shared_summary FROM case_referral UNION ALL SELECT report FROM case_referral WHERE report IS NOT NULL`);
    expect(texts.length).toBeGreaterThan(5);
    for (const { t } of texts) expect(t).toMatch(/mẫu\)/);
  });
});
