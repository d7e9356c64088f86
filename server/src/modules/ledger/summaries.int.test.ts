import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { BASE_SQL, LEDGER_COLUMNS_SQL, LEDGER_LATERAL_SQL, PW_SQL, RW_SQL } from '../needs/domain.js';

/**
 * The ledger's summaries (need_ledger, ledger_totals, need_totals) are kept by the transaction
 * that writes the ledger. After random writes (pledges, deliveries, receipts, acceptances,
 * cancellations, changed amounts, moved schools, needs changing state), every summary row and
 * every figure of the portal and the dashboard equals a direct sum over the ledger, to the đồng,
 * every need's derived figures equal those summed pledge by pledge, and whether each need is open
 * to pledges (need_ledger.open) and how many are open in each group (need_totals.open) equal what
 * the pledges summed one by one give; so do the map's figures of each school (school_need_map) and of each school and category
 * (school_need_map_category).
 */

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
beforeAll(async () => { ctx = await testApp({ clock }); });
afterAll(async () => { await ctx.close(); });

// a small seeded generator: the same writes on every run and both engines
let seed = 20261120;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The figures of a need summed pledge by pledge, as they were before the summary existed. */
const DIRECT_LATERAL = `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE k.status <> 'cancelled') AS pc,
           sum(k.quantity) FILTER (WHERE k.status <> 'cancelled') AS pq, sum(k.value_vnd) FILTER (WHERE k.status <> 'cancelled') AS pv,
           sum(k.quantity) FILTER (WHERE k.status IN ('received', 'accepted')) AS rq, sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')) AS rv,
           sum(W) FILTER (WHERE k.status <> 'cancelled') AS pw, sum(W) FILTER (WHERE k.status IN ('received', 'accepted')) AS rw
      FROM contribution k WHERE k.need_id = n.id) l ON true`.replaceAll('W)',
  `CASE WHEN n.estimated_cost > 0 THEN COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity) ELSE COALESCE(k.quantity, 0) END)`);

async function expectSummariesEqualDirectSums() {
  const db = ctx.db;
  // the random writes go straight to the database, not through the app, so nothing told the app's
  // shared public answers (platform/public-cache.ts) that they changed: forget them as a write would
  ctx.app.publicCache.clear();
  // every need's figures, from the summary and summed pledge by pledge
  const viaSummary = await db.query(`SELECT n.id, ${LEDGER_COLUMNS_SQL} FROM need n ${LEDGER_LATERAL_SQL} ORDER BY n.id`);
  // the same columns over weights summed pledge by pledge (l.pw, l.rw) instead of those of the summary
  const columns = LEDGER_COLUMNS_SQL.replaceAll(PW_SQL, 'l.pw').replaceAll(RW_SQL, 'l.rw');
  expect(columns).not.toContain('pvu');
  const direct = await db.query(`SELECT n.id, ${columns} FROM need n ${DIRECT_LATERAL} ORDER BY n.id`);
  expect(viaSummary).toEqual(direct);
  // need_ledger against the ledger, every column
  const needLedger = await db.query(`
    (SELECT need_id, pledge_count, pledged_quantity, pledged_value, pledged_value_unmeasured, delivered_value, received_quantity, received_value, received_value_unmeasured, accepted_value
       FROM need_ledger WHERE pledge_count <> 0 OR pledged_value <> 0
     EXCEPT
     SELECT need_id, count(*), COALESCE(sum(quantity), 0), sum(value_vnd), COALESCE(sum(value_vnd) FILTER (WHERE quantity IS NULL), 0),
            COALESCE(sum(value_vnd) FILTER (WHERE status IN ('delivered', 'received', 'accepted')), 0),
            COALESCE(sum(quantity) FILTER (WHERE status IN ('received', 'accepted')), 0), COALESCE(sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')), 0),
            COALESCE(sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted') AND quantity IS NULL), 0), COALESCE(sum(value_vnd) FILTER (WHERE status = 'accepted'), 0)
       FROM contribution WHERE need_id IS NOT NULL AND status <> 'cancelled' GROUP BY need_id)
    UNION ALL
    (SELECT need_id, count(*), COALESCE(sum(quantity), 0), sum(value_vnd), 0, 0, 0, 0, 0, 0 FROM contribution WHERE need_id IS NOT NULL AND status <> 'cancelled' GROUP BY need_id
     EXCEPT SELECT need_id, pledge_count, pledged_quantity, pledged_value, 0, 0, 0, 0, 0, 0 FROM need_ledger)`);
  expect(needLedger).toEqual([]);
  // every need has its row, open exactly when it is published and its pledges (summed one by one) do not cover it
  const openWrong = await db.query(`SELECT n.id, n.state, nl.open FROM need n ${DIRECT_LATERAL} LEFT JOIN need_ledger nl ON nl.need_id = n.id
     WHERE nl.open IS DISTINCT FROM (n.state = 'published' AND NOT COALESCE(l.pw, 0) >= ${BASE_SQL})`);
  expect(openWrong).toEqual([]);
  const ledgerTotals = await db.query(`
    (SELECT year, province_code, category, form, status, count, value_vnd FROM ledger_totals WHERE count <> 0 OR value_vnd <> 0
     EXCEPT SELECT extract(year FROM pledged_on)::int, province_code, category, form, status, count(*), sum(value_vnd) FROM contribution GROUP BY 1, 2, 3, 4, 5)
    UNION ALL
    (SELECT extract(year FROM pledged_on)::int, province_code, category, form, status, count(*), sum(value_vnd) FROM contribution GROUP BY 1, 2, 3, 4, 5
     EXCEPT SELECT year, province_code, category, form, status, count, value_vnd FROM ledger_totals)`);
  expect(ledgerTotals).toEqual([]);
  // contributors' accepted value by year and form (the recognition ranking's sums)
  const DIRECT_CONTRIBUTORS = `SELECT contributor_id, extract(year FROM pledged_on)::int, form, count(*), sum(value_vnd) FROM contribution
      WHERE status = 'accepted' AND form IN ('money', 'in_kind') GROUP BY 1, 2, 3`;
  const contributorTotals = await db.query(`
    (SELECT contributor_id, year, form, count, value_vnd FROM contributor_totals WHERE count <> 0 OR value_vnd <> 0 EXCEPT ${DIRECT_CONTRIBUTORS})
    UNION ALL (${DIRECT_CONTRIBUTORS} EXCEPT SELECT contributor_id, year, form, count, value_vnd FROM contributor_totals)`);
  expect(contributorTotals).toEqual([]);
  const DIRECT_NEEDS = `SELECT n.province_code, n.category, n.state, count(*), sum(n.estimated_cost), COALESCE(sum(l.pv), 0), COALESCE(sum(l.rv), 0),
             count(*) FILTER (WHERE n.state = 'published' AND NOT COALESCE(l.pw, 0) >= ${BASE_SQL})
      FROM need n ${DIRECT_LATERAL} GROUP BY 1, 2, 3`;
  const needTotals = await db.query(`
    (SELECT province_code, category, state, count, value, pledged, received, open FROM need_totals WHERE count <> 0 OR pledged <> 0 OR received <> 0 OR open <> 0 EXCEPT ${DIRECT_NEEDS})
    UNION ALL (${DIRECT_NEEDS} EXCEPT SELECT province_code, category, state, count, value, pledged, received, open FROM need_totals)`);
  expect(needTotals).toEqual([]);
  // the map's summary of each school's public needs (school_need_map): counts by state and group on the
  // map, open needs apart, and what is still open, against the needs and their pledges summed one by one
  const DIRECT_OPEN = `(n.state = 'published' AND NOT COALESCE(l.pw, 0) >= ${BASE_SQL})`;
  const directMap = (key: string) => `SELECT ${key},
      count(*) FILTER (WHERE n.state = 'published' AND x.g = 0), count(*) FILTER (WHERE n.state = 'published' AND x.g = 1),
      count(*) FILTER (WHERE n.state = 'published' AND x.g = 2), count(*) FILTER (WHERE n.state = 'published' AND x.g = 3),
      count(*) FILTER (WHERE n.state = 'accepted'), count(*) FILTER (WHERE n.state = 'closed'),
      count(*) FILTER (WHERE ${DIRECT_OPEN} AND x.g = 0), count(*) FILTER (WHERE ${DIRECT_OPEN} AND x.g = 1), count(*) FILTER (WHERE ${DIRECT_OPEN} AND x.g >= 2),
      COALESCE(sum(x.rem) FILTER (WHERE n.state = 'published'), 0), COALESCE(sum(x.rem) FILTER (WHERE n.state = 'accepted'), 0),
      COALESCE(sum(x.rem) FILTER (WHERE n.state = 'closed'), 0), COALESCE(sum(x.rem) FILTER (WHERE ${DIRECT_OPEN}), 0)
      FROM need n ${DIRECT_LATERAL}
      CROSS JOIN LATERAL (SELECT CASE WHEN n.state IN ('accepted', 'closed') THEN 3 WHEN COALESCE(l.rw, 0) >= ${BASE_SQL} THEN 3 WHEN NOT ${DIRECT_OPEN} THEN 2
                                      WHEN COALESCE(l.pc, 0) > 0 THEN 1 ELSE 0 END AS g,
                                 CASE WHEN n.estimated_cost > 0 THEN ceil(GREATEST(${BASE_SQL} - COALESCE(l.pw, 0), 0) / n.quantity) ELSE 0 END AS rem) x
     WHERE n.state IN ('published', 'accepted', 'closed') GROUP BY ${key}`;
  const MAP_COLUMNS = `published_unpledged, published_partly, published_full, published_met, accepted, closed,
      open_unpledged, open_partly, open_met, remaining_published, remaining_accepted, remaining_closed, remaining_open`;
  for (const [table, key] of [['school_need_map', 'province_code, commune_code, school_id'], ['school_need_map_category', 'category, province_code, commune_code, school_id']]) {
    const DIRECT_MAP = directMap(key.replace(/(\w+)/g, 'n.$1'));
    const mapRows = await db.query(`
    (SELECT ${key}, ${MAP_COLUMNS} FROM ${table}
      WHERE published_unpledged <> 0 OR published_partly <> 0 OR published_full <> 0 OR published_met <> 0 OR accepted <> 0 OR closed <> 0
         OR open_unpledged <> 0 OR open_partly <> 0 OR open_met <> 0 OR remaining_published <> 0 OR remaining_accepted <> 0 OR remaining_closed <> 0 OR remaining_open <> 0
     EXCEPT ${DIRECT_MAP})
    UNION ALL (${DIRECT_MAP} EXCEPT SELECT ${key}, ${MAP_COLUMNS} FROM ${table})`);
    expect(mapRows, table).toEqual([]);
  }
  expect(Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM school_need_map WHERE published_unpledged + published_partly + published_full + published_met + accepted + closed > 0`)).n)).toBeGreaterThan(5);

  // the portal's figures, nationwide, for a year and for a province, against a direct sum
  const years = (await db.query<{ y: number }>(`SELECT DISTINCT extract(year FROM pledged_on)::int AS y FROM contribution ORDER BY 1`)).map((r) => r.y);
  for (const q of ['', `?year=${pick(years)}`, '?provinceCode=11', `?provinceCode=11&year=${pick(years)}`, '?year=2001']) {
    const res = await call(null, 'GET', `/api/v1/public/stats${q}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const p = new URLSearchParams(q);
    const w = [`status <> 'cancelled'`];
    if (p.get('year')) w.push(`extract(year FROM pledged_on) = ${Number(p.get('year'))}`);
    if (p.get('provinceCode')) w.push(`province_code = '${p.get('provinceCode')}'`);
    const d = await db.one<{ count: string; value: string; received: string; accepted: string }>(
      `SELECT count(*)::text AS count, COALESCE(sum(value_vnd), 0)::text AS value, COALESCE(sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')), 0)::text AS received,
              COALESCE(sum(value_vnd) FILTER (WHERE status = 'accepted'), 0)::text AS accepted FROM contribution WHERE ${w.join(' AND ')}`);
    expect(s.totals).toEqual({ count: Number(d.count), valueVnd: d.value, receivedVnd: d.received, acceptedVnd: d.accepted });
    const byProvince = await db.query<{ province_code: string; value: string; count: string }>(
      `SELECT province_code, sum(value_vnd)::text AS value, count(*)::text AS count FROM contribution WHERE ${w.join(' AND ')} GROUP BY 1 ORDER BY 1`);
    expect(s.byProvince.map((r: { provinceCode: string; valueVnd: string; count: number }) => [r.provinceCode, r.valueVnd, r.count]).sort())
      .toEqual(byProvince.map((r) => [r.province_code, r.value, Number(r.count)]).sort());
    const byYear = await db.query<{ y: number; value: string }>(`SELECT extract(year FROM pledged_on)::int AS y, sum(value_vnd)::text AS value FROM contribution WHERE ${w.join(' AND ')} GROUP BY 1 ORDER BY 1`);
    expect(s.byYear.map((r: { year: number; valueVnd: string }) => [r.year, r.valueVnd])).toEqual(byYear.map((r) => [r.y, r.value]));
    // by category (the largest first) and by form, in the order the portal shows them
    const byCategory = await db.query<{ category: string; value: string; count: string }>(
      `SELECT category, sum(value_vnd)::text AS value, count(*)::text AS count FROM contribution WHERE ${w.join(' AND ')} GROUP BY 1 ORDER BY sum(value_vnd) DESC, 1`);
    expect(s.byCategory.map((r: { category: string; valueVnd: string; count: number }) => [r.category, r.valueVnd, r.count]))
      .toEqual(byCategory.map((r) => [r.category, r.value, Number(r.count)]));
    const byForm = await db.query<{ form: string; value: string; accepted: string }>(
      `SELECT form, sum(value_vnd)::text AS value, COALESCE(sum(value_vnd) FILTER (WHERE status = 'accepted'), 0)::text AS accepted FROM contribution WHERE ${w.join(' AND ')} GROUP BY 1 ORDER BY 1`);
    expect(s.byForm.map((r: { form: string; valueVnd: string; acceptedVnd: string }) => [r.form, r.valueVnd, r.acceptedVnd])).toEqual(byForm.map((r) => [r.form, r.value, r.accepted]));
    if (q === '?year=2001') expect([s.totals.count, s.byYear.length, s.byProvince.length, s.byCategory.length, s.byForm.length]).toEqual([0, 0, 0, 0, 0]);
  }

  // the recognition ranking (from the kept totals; of a province, from the ledger) against a direct sum, every row
  for (const q of ['', `?year=${pick(years)}`, '?form=in_kind', '?provinceCode=11']) {
    const p = new URLSearchParams(q);
    const w = [`status = 'accepted'`, `form IN ('money', 'in_kind')`];
    if (p.get('year')) w.push(`extract(year FROM pledged_on) = ${Number(p.get('year'))}`);
    if (p.get('form')) w.push(`form = '${p.get('form')}'`);
    if (p.get('provinceCode')) w.push(`province_code = '${p.get('provinceCode')}'`);
    const direct = await db.query<{ id: string; total: string; money: string; n: string; provinces: string }>(
      `SELECT contributor_id AS id, sum(value_vnd)::text AS total, COALESCE(sum(value_vnd) FILTER (WHERE form = 'money'), 0)::text AS money, count(*)::text AS n,
              count(DISTINCT province_code)::text AS provinces
         FROM contribution WHERE ${w.join(' AND ')} GROUP BY 1 ORDER BY sum(value_vnd) DESC, contributor_id DESC`);
    const got: { contributor: { id: string }; total: string; money: string; contributions: number; provinces: number; rank: number }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('vu.tdkt@ketnoi.demo', 'GET', `/api/v1/recognition/contributors${q || '?'}${q ? '&' : ''}limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, q).toBe(200);
      got.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(got.map((r) => [r.contributor.id, r.total, r.money, r.contributions, r.provinces]), q).toEqual(direct.map((r) => [r.id, r.total, r.money, Number(r.n), Number(r.provinces)]));
    expect(got.map((r) => r.rank)).toEqual(direct.map((_, i) => i + 1));
  }

  // the Ministry's dashboard
  const dash = (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).json();
  const byStatus = await db.query<{ status: string; value: string }>(`SELECT status, sum(value_vnd)::text AS value FROM contribution GROUP BY 1`);
  for (const st of ['pledged', 'delivered', 'received', 'accepted', 'cancelled']) expect(dash.ledger[st]).toBe(byStatus.find((r) => r.status === st)?.value ?? '0');
  const groups = await db.query<{ province_code: string; count: string; value: string; pledged: string; received: string }>(
    `SELECT n.province_code, count(*)::text AS count, COALESCE(sum(n.estimated_cost), 0)::text AS value,
            COALESCE(sum((SELECT sum(value_vnd) FROM contribution WHERE need_id = n.id AND status <> 'cancelled')), 0)::text AS pledged,
            COALESCE(sum((SELECT sum(value_vnd) FROM contribution WHERE need_id = n.id AND status IN ('received', 'accepted'))), 0)::text AS received
       FROM need n WHERE n.state <> 'withdrawn' GROUP BY 1 ORDER BY 1`);
  expect(dash.needsByProvince.map((g: { provinceCode: string; count: number; value: string; pledged: string; received: string }) => [g.provinceCode, g.count, g.value, g.pledged, g.received]).sort())
    .toEqual(groups.map((g) => [g.province_code, Number(g.count), g.value, g.pledged, g.received]).sort());
}

describe('the ledger summaries equal direct sums after random writes', () => {
  it('holds after every round of pledges, deliveries, acceptances, cancellations and need changes', async () => {
    const db = ctx.db;
    const needs = await db.query<{ id: string; school_id: string; province_code: string; category: string }>(`SELECT id, school_id, province_code, category FROM need ORDER BY id`);
    const schools = await db.query<{ organisation_id: string; province_code: string }>(`SELECT organisation_id, province_code FROM school ORDER BY organisation_id LIMIT 40`);
    const donor = (await db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'nhataitro@ketnoi.demo'`)).organisation_id;
    const provinces = (await db.query<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'province' ORDER BY code`)).map((r) => r.code);
    const FLOW = ['pledged', 'delivered', 'received', 'accepted'];
    const added: string[] = [];
    await expectSummariesEqualDirectSums();
    for (let round = 0; round < 6; round++) {
      await db.tx(async (t) => {
        for (let i = 0; i < 25; i++) {
          const r = rand();
          if (r < 0.4) {
            // a pledge: against a need (money or in kind) or straight to a school
            const n = rand() < 0.8 ? pick(needs) : null;
            const s = n ? { organisation_id: n.school_id, province_code: n.province_code } : pick(schools);
            const quantity = rand() < 0.4 ? Math.ceil(rand() * 5) + (rand() < 0.2 ? 0.5 : 0) : null;
            await t.query(
              `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, quantity, unit, need_id, status, pledged_on)
               VALUES ($1, $2, $3, $4, $5, 'Đóng góp thử', $6, $7, $8, $9, $10, $11)`,
              [donor, s.organisation_id, s.province_code, quantity ? 'in_kind' : 'money', n?.category ?? 'books', Math.floor(rand() * 9_000_000_000_000) + 1,
                quantity, quantity && !n ? 'cái' : null, n?.id ?? null, pick(FLOW), `${2023 + Math.floor(rand() * 4)}-0${1 + Math.floor(rand() * 9)}-15`]);
          } else {
            const k = await t.maybeOne<{ id: string; status: string }>(`SELECT id, status FROM contribution ORDER BY md5(id::text || $1) LIMIT 1`, [String(rand())]);
            if (!k) continue;
            if (r < 0.6) {
              const next = FLOW[FLOW.indexOf(k.status) + 1];
              if (next) await t.query(`UPDATE contribution SET status = $2 WHERE id = $1`, [k.id, next]);
            } else if (r < 0.7) await t.query(`UPDATE contribution SET status = 'cancelled', cancel_reason = 'thử' WHERE id = $1`, [k.id]);
            else if (r < 0.75) await t.query(`UPDATE contribution SET status = 'pledged', cancel_reason = NULL WHERE id = $1`, [k.id]);
            else if (r < 0.8) await t.query(`UPDATE contribution SET value_vnd = $2 WHERE id = $1`, [k.id, Math.floor(rand() * 1e12)]);
            else if (r < 0.85) await t.query(`UPDATE contribution SET province_code = $2, pledged_on = pledged_on - 400 WHERE id = $1`, [k.id, pick(provinces)]);
            else if (r < 0.88) {
              for (const table of ['contribution_file', 'contribution_event']) await t.query(`DELETE FROM ${table} WHERE contribution_id = $1`, [k.id]);
              await t.query(`DELETE FROM contribution WHERE id = $1`, [k.id]);
            }
            else {
              // a need changes state, cost or place
              const n = pick(needs);
              const x = rand();
              if (x < 0.5) await t.query(`UPDATE need SET state = $2 WHERE id = $1`, [n.id, pick(['published', 'accepted', 'closed', 'withdrawn', 'verified'])]);
              else if (x < 0.6) await t.query(`UPDATE need SET estimated_cost = $2, quantity = $3 WHERE id = $1`, [n.id, rand() < 0.2 ? 0 : Math.floor(rand() * 1e10), Math.ceil(rand() * 20)]);
              else if (x < 0.7) await t.query(`UPDATE need SET quantity = $2 WHERE id = $1`, [n.id, Math.ceil(rand() * 20)]);
              else if (x < 0.75) await t.query(`UPDATE need SET province_code = $2, category = $3 WHERE id = $1`, [n.id, pick(provinces), pick(['classroom', 'toilet', 'books'])]);
              else if (x < 0.8) {
                // a need moved to another school (and its commune), of its province when there is one
                const near = await t.maybeOne<{ organisation_id: string }>(
                  `SELECT s.organisation_id FROM school s JOIN need n ON n.id = $1 WHERE s.province_code = n.province_code AND s.organisation_id <> n.school_id ORDER BY md5(s.organisation_id::text || $2) LIMIT 1`,
                  [n.id, String(rand())]);
                await t.query(`UPDATE need n SET school_id = s.organisation_id, province_code = s.province_code, commune_code = s.commune_code FROM school s WHERE n.id = $1 AND s.organisation_id = $2`,
                  [n.id, (near ?? pick(schools)).organisation_id]);
              }
              else if (x < 0.93) {
                // a new need of the same school, in any state; pledges may come to it in the rounds after
                const row = await t.one<{ id: string }>(
                  `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, search)
                   SELECT school_id, province_code, commune_code, category, 'Nhu cầu thử', $2, 'bộ', $3, 'high', $4, 'nhu cau thu' FROM need WHERE id = $1 RETURNING id`,
                  [n.id, Math.ceil(rand() * 20), rand() < 0.2 ? 0 : Math.floor(rand() * 1e9), pick(['published', 'published', 'verified', 'accepted'])]);
                needs.push({ ...n, id: row.id });
                added.push(row.id);
              } else if (added.length) {
                // a need added here and never pledged to is deleted (the ledger refers to the others)
                const id = added[Math.floor(rand() * added.length)];
                if ((await t.query(`DELETE FROM need n WHERE n.id = $1 AND NOT EXISTS (SELECT 1 FROM contribution k WHERE k.need_id = n.id) RETURNING n.id`, [id])).length) {
                  needs.splice(needs.findIndex((m) => m.id === id), 1);
                  added.splice(added.indexOf(id), 1);
                }
              }
            }
          }
        }
      });
      await expectSummariesEqualDirectSums();
    }
    // the open rule moves with the need alone: a published need fully pledged opens again when its
    // quantity or its cost grows, and closes when they shrink back; and with its state
    const n0 = needs[0];
    const id = (await db.one<{ id: string }>(
      `INSERT INTO need (school_id, province_code, commune_code, category, title, quantity, unit, estimated_cost, priority, state, search)
       SELECT school_id, province_code, commune_code, category, 'Nhu cầu thử', 10, 'bộ', 10000, 'high', 'published', 'nhu cau thu' FROM need WHERE id = $1 RETURNING id`, [n0.id])).id;
    // half in kind (5 of the 10 units), half in money (5,000 of the 10,000 đồng)
    await db.query(
      `INSERT INTO contribution (contributor_id, school_id, province_code, form, category, description, value_vnd, quantity, need_id, status, pledged_on)
       SELECT $1, school_id, province_code, x.form, category, 'Đóng góp thử', 5000, x.quantity, id, 'pledged', '2026-11-01'
         FROM need, (VALUES ('in_kind', 5), ('money', NULL)) AS x(form, quantity) WHERE id = $2`, [donor, id]);
    const openOf = async () => (await db.one<{ open: boolean }>(`SELECT open FROM need_ledger WHERE need_id = $1`, [id])).open;
    expect(await openOf()).toBe(false);
    for (const [set, open] of [['quantity = 11', true], ['quantity = 10', false], ['estimated_cost = 10001', true], ['estimated_cost = 10000', false],
      [`state = 'verified'`, false], [`state = 'published', quantity = 12`, true], [`state = 'accepted'`, false]] as const) {
      await db.query(`UPDATE need SET ${set} WHERE id = $1`, [id]);
      expect(await openOf(), set).toBe(open);
      await expectSummariesEqualDirectSums();
    }
    // a transaction rolled back leaves the summaries as they were
    await expect(db.tx(async (t) => {
      await t.query(`UPDATE contribution SET value_vnd = value_vnd + 1`);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await expectSummariesEqualDirectSums();
  });

  it('answers the public figures with an ETag, and 304 when it still matches', async () => {
    const first = await call(null, 'GET', '/api/v1/public/stats');
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/stats', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/stats?year=2000', headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
  });
});
