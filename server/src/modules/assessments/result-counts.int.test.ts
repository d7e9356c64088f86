import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from '../../../test/harness.js';
import { fixedClock } from '../../platform/clock.js';
import type { Actor } from '../../platform/actor.js';
import type { PublicCampaign } from '../../../../contracts/assessments.js';
import { answerable } from './domain.js';
import { recomputeCampaign } from './rescore.js';
import { deltas } from './result-counts.js';
import * as repo from './repository.js';
import * as service from './service.js';

/**
 * The published distribution is read from counts kept by the approvals (`assessment_result_count`)
 * instead of counting the approved assessments per request. After any mix of approvals, unlocks,
 * reviews that change a result and recomputes, the public answer must be the one a direct count
 * of the assessments gives; approvals at the same time in one province must all land.
 */

const clock = fixedClock('2026-07-01T03:00:00Z');
let ctx: TestContext;
let dept: Actor;
let versionId = '';

/** A seeded pseudo-random sequence: the same run on both engines. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 12 });
  const officer = await ctx.db.one<{ id: string; organisation_id: string }>(
    `SELECT u.id, u.organisation_id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE o.code = 'so-11' AND u.role = 'department' ORDER BY u.email LIMIT 1`);
  dept = { userId: officer.id, role: 'department', label: 'Sở GDĐT Điện Biên', organisationId: officer.organisation_id, organisationKind: 'department', provinceCode: '11', communeCode: null };
  versionId = (await repo.publishedVersionOf(ctx.db, 'cds-truong-4725'))!.id;
});
afterAll(async () => { await ctx.close(); });

/** A published campaign of Điện Biên's schools, every assessment answered (a spread of strengths) and submitted. */
async function submittedCampaign(title: string, seed: number): Promise<{ id: string; ids: string[] }> {
  const c = await service.openCampaign(ctx.db, dept, clock, {
    versionId, year: 2026, title, provinceCode: '11', kinds: ['school'], schoolLevels: [],
    opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20',
  });
  const def = await repo.definitionOf(ctx.db, versionId);
  const ids = (await ctx.db.query<{ id: string }>('SELECT a.id FROM assessment a JOIN organisation o ON o.id = a.organisation_id WHERE a.campaign_id = $1 ORDER BY o.code', [c.id])).map((r) => r.id);
  const rand = rng(seed);
  const rows = ids.flatMap((id) => {
    const strength = rand();
    return answerable(def).flatMap((i): { assessment_id: string; code: string; value: boolean | number }[] => {
      if (i.type === 'yes_no') return [{ assessment_id: id, code: i.code, value: i.mandatory ? strength > 0.15 : rand() < strength }];
      if (i.type === 'percentage') return [{ assessment_id: id, code: i.code, value: Math.round(strength * 100) }];
      return [];
    });
  });
  await ctx.db.query(
    `INSERT INTO assessment_answer (assessment_id, code, value) SELECT x.assessment_id, x.code, x.value FROM jsonb_to_recordset($1::jsonb) AS x(assessment_id uuid, code text, value jsonb)`,
    [JSON.stringify(rows)]);
  await ctx.db.query(`UPDATE assessment SET state = 'submitted', submitted_at = now() WHERE campaign_id = $1`, [c.id]);
  return { id: c.id, ids };
}

/** The distributions counted from the assessments, as the page computed them before the counts were kept. */
async function directCount(campaignId: string) {
  const byProvince = await ctx.db.query<{ province_code: string; province_name: string; result: string | null; n: number }>(
    `SELECT a.province_code, COALESCE(p.name, a.province_code) AS province_name, a.reviewed_result AS result, count(*)::int AS n
     FROM assessment a LEFT JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = a.province_code
     WHERE a.campaign_id = $1 AND a.state = 'approved' GROUP BY a.province_code, p.name, a.reviewed_result ORDER BY a.province_code`, [campaignId]);
  const byLevel = await ctx.db.query<{ level: string; result: string | null; n: number }>(
    `SELECT l.level, a.reviewed_result AS result, count(*)::int AS n FROM assessment a CROSS JOIN LATERAL unnest(a.school_levels) AS l(level)
     WHERE a.campaign_id = $1 AND a.state = 'approved' GROUP BY l.level, a.reviewed_result ORDER BY l.level`, [campaignId]);
  const byCommune = await ctx.db.query<{ commune_code: string | null; result: string | null; n: number }>(
    `SELECT a.commune_code, a.reviewed_result AS result, count(*)::int AS n FROM assessment a
     WHERE a.campaign_id = $1 AND a.state = 'approved' AND a.province_code = '11' GROUP BY a.commune_code, a.reviewed_result`, [campaignId]);
  const counts = await ctx.db.one<{ total: number; approved: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'approved')::int AS approved FROM assessment WHERE campaign_id = $1`, [campaignId]);
  const fold = <K extends string>(rows: { result: string | null; n: number }[], key: (r: never) => string, make: (r: never) => Record<K, unknown>) => {
    const m = new Map<string, { counts: Record<string, number>; total: number } & Record<K, unknown>>();
    for (const r of rows) {
      const k = key(r as never);
      const x = m.get(k) ?? { ...make(r as never), counts: {}, total: 0 };
      x.counts[r.result ?? ''] = (x.counts[r.result ?? ''] ?? 0) + r.n;
      x.total += r.n;
      m.set(k, x);
    }
    return [...m.values()];
  };
  return {
    assessed: counts.total, approved: counts.approved,
    byProvince: fold(byProvince, (r: { province_code: string }) => r.province_code, (r: { province_code: string; province_name: string }) => ({ provinceCode: r.province_code, provinceName: r.province_name })),
    bySchoolLevel: fold(byLevel, (r: { level: string }) => r.level, (r: { level: string }) => ({ level: r.level })),
    byCommune: new Map(fold(byCommune, (r: { commune_code: string | null }) => r.commune_code ?? '', (r: { commune_code: string | null }) => ({ communeCode: r.commune_code }))
      .map((x) => [x.communeCode as string | null, { counts: x.counts, total: x.total }])),
  };
}

async function expectSameAsDirect(campaignId: string) {
  const pub: PublicCampaign = await service.publicCampaign(ctx.db, clock, campaignId);
  const d = await directCount(campaignId);
  expect({ assessed: pub.assessed, approved: pub.approved, byProvince: pub.byProvince, bySchoolLevel: pub.bySchoolLevel })
    .toEqual({ assessed: d.assessed, approved: d.approved, byProvince: d.byProvince, bySchoolLevel: d.bySchoolLevel });
  const communes = await service.publicCommunes(ctx.db, clock, campaignId, '11');
  expect(new Map(communes.byCommune.map((c) => [c.communeCode, { counts: c.counts, total: c.total }]))).toEqual(d.byCommune);
  // no count row is ever below zero
  expect(await ctx.db.query('SELECT 1 FROM assessment_result_count WHERE campaign_id = $1 AND n < 0', [campaignId])).toEqual([]);
  return pub;
}

describe('the counts behind the public campaign page', () => {
  it('a school of several levels counts under each; the counts cancel out in lock order', () => {
    const a = { state: 'approved', province_code: '11', commune_code: '03100', school_levels: ['tieu_hoc', 'thcs'], reviewed_result: '2' };
    expect(deltas({ ...a, state: 'submitted' }, a).map((d) => [d.dimension, d.key, d.result, d.n])).toEqual([
      ['commune', '03100', '2', 1], ['level', 'thcs', '2', 1], ['level', 'tieu_hoc', '2', 1], ['province', '', '2', 1],
    ]);
    // an approved result that changes moves between results; the same result cancels out
    expect(deltas(a, { ...a, reviewed_result: '3' }).map((d) => `${d.dimension}:${d.key}:${d.result}:${d.n}`)).toEqual([
      'commune:03100:2:-1', 'commune:03100:3:1', 'level:thcs:2:-1', 'level:thcs:3:1', 'level:tieu_hoc:2:-1', 'level:tieu_hoc:3:1', 'province::2:-1', 'province::3:1',
    ]);
    expect(deltas(a, a)).toEqual([]);
    expect(deltas({ ...a, state: 'submitted' }, { ...a, state: 'submitted' })).toEqual([]);
  });

  it('after random approvals, unlocks, reviews and recomputes the public answer is the direct count of the assessments', async () => {
    // a school of two levels among them: it counts under both
    await ctx.db.query(`UPDATE school SET levels = '{tieu_hoc,thcs}' WHERE organisation_id = (SELECT organisation_id FROM school WHERE province_code = '11' AND levels = '{thcs}' ORDER BY code LIMIT 1)`);
    const c = await submittedCampaign('Đợt thử: đếm kết quả công bố', 7);
    const def = await repo.definitionOf(ctx.db, versionId);
    const scored = answerable(def).filter((i) => i.type === 'yes_no' && !i.mandatory);
    const rand = rng(42);
    const pick = () => c.ids[Math.floor(rand() * c.ids.length)]!;
    const ops: Record<string, number> = { approve: 0, unlock: 0, review: 0, rescore: 0 };
    for (let step = 0; step < 120; step++) {
      const id = pick();
      const state = (await ctx.db.one<{ state: string }>('SELECT state FROM assessment WHERE id = $1', [id])).state;
      const roll = rand();
      if (state === 'submitted' && roll < 0.2) {
        // the reviewer takes points away: the reviewed result may drop
        await service.review(ctx.db, dept, clock, id, { items: scored.slice(0, 1 + Math.floor(rand() * 12)).map((i) => ({ code: i.code, reviewedPoints: 0, comment: 'Chưa đủ minh chứng' })) });
        ops.review!++;
      } else if (state === 'submitted') {
        await service.transition(ctx.db, dept, clock, id, 'approve', null);
        ops.approve!++;
      } else if (state === 'approved' && roll < 0.5) {
        await service.transition(ctx.db, dept, clock, id, 'unlock', 'Rà soát lại minh chứng');
        ops.unlock!++;
      }
      if (step % 40 === 39) {
        // the rules read the answers differently (a correction): approved results change, the recompute counts again
        // every third school by code: the same ones on every run (an id's hash would change with the random ids)
        await ctx.db.query(`UPDATE assessment_answer SET value = 'false' WHERE assessment_id IN (SELECT id FROM assessment WHERE id = ANY($1::uuid[]) AND state = 'approved') AND code = ANY($2::text[])`,
          [c.ids.filter((_, i) => i % 3 === 0), scored.slice(0, 10).map((i) => i.code)]);
        await recomputeCampaign(ctx.db, c.id, 17);
        ops.rescore!++;
      }
      if (step % 10 === 9) await expectSameAsDirect(c.id);
    }
    const pub = await expectSameAsDirect(c.id);
    expect(ops.approve).toBeGreaterThan(30);
    expect(ops.unlock).toBeGreaterThan(5);
    expect(ops.review).toBeGreaterThan(5);
    expect(pub.approved).toBeGreaterThan(10);
    // more than one result, and the two-level school counted under both levels when approved
    expect(Object.keys(pub.byProvince[0]!.counts).length).toBeGreaterThan(1);
    const levelTotal = pub.bySchoolLevel.reduce((n, l) => n + l.total, 0);
    const approvedLevels = await ctx.db.one<{ n: number }>(`SELECT COALESCE(sum(cardinality(school_levels)), 0)::int AS n FROM assessment WHERE campaign_id = $1 AND state = 'approved'`, [c.id]);
    expect(levelTotal).toBe(approvedLevels.n);
  });

  it('approvals at the same time in one province all land, none refused, no deadlock; an unlock at the same time too', async () => {
    const c = await submittedCampaign('Đợt thử: phê duyệt đồng thời', 11);
    const ids = c.ids.slice(0, 24);
    // a few approved first, to be unlocked while the others are approved
    for (const id of ids.slice(0, 4)) await service.transition(ctx.db, dept, clock, id, 'approve', null);
    const results = await Promise.allSettled([
      ...ids.slice(4).map((id) => service.transition(ctx.db, dept, clock, id, 'approve', null)),
      ...ids.slice(0, 4).map((id) => service.transition(ctx.db, dept, clock, id, 'unlock', 'Rà soát lại')),
      // a recompute at the same time rebuilds the counts: it waits for the approvals under way, the later ones wait for it
      recomputeCampaign(ctx.db, c.id, 50),
    ]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const pub = await expectSameAsDirect(c.id);
    expect(pub.approved).toBe(20);
    expect(pub.byProvince.map((p) => [p.provinceCode, p.total])).toEqual([['11', 20]]);
    console.info(`parallel approvals (${isPg() ? 'PostgreSQL' : 'PGlite'}): 20 approvals, 4 unlocks and a recompute at once: counts equal the direct count`);
  });

  it('the commune view: an unknown province is a 422 with a Vietnamese message; nothing before the publication date', async () => {
    const c = await submittedCampaign('Đợt thử: theo xã', 3);
    const r = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${c.id}/communes?provinceCode=99` });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().title).toMatch(/tỉnh/);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${c.id}/communes?provinceCode=x` })).statusCode).toBe(422);
    const early = fixedClock('2026-06-01T03:00:00Z');
    await expect(service.publicCommunes(ctx.db, early, c.id, '11')).rejects.toMatchObject({ status: 404 });
    const ok = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${c.id}/communes?provinceCode=11` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ provinceCode: '11', provinceName: expect.stringContaining('Điện Biên'), byCommune: [] });
  });
});

describe('year over year', () => {
  it('the demo 2026 digital campaign of a province compares with the same framework 2025 campaign of that province', async () => {
    const now = await ctx.db.one<{ id: string }>(`SELECT id FROM assessment_campaign WHERE year = 2026 AND province_code = '11' AND title LIKE 'Đánh giá mức độ chuyển đổi số%'`);
    const before = await ctx.db.one<{ id: string }>(`SELECT id FROM assessment_campaign WHERE year = 2025 AND province_code = '11' AND title LIKE 'Đánh giá mức độ chuyển đổi số%'`);
    const r = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${now.id}` });
    expect(r.statusCode, r.body).toBe(200);
    const pub = r.json() as PublicCampaign;
    const old = await service.publicCampaign(ctx.db, clock, before.id);
    expect(pub.previous).toEqual({ id: before.id, title: old.title, year: 2025, results: old.results, byProvince: old.byProvince });
    expect(old.approved).toBeGreaterThan(0);
    expect(old.byProvince.map((p) => p.provinceCode)).toEqual(['11']);
    // the 2025 campaign has no year before it; another province's campaign is not this one's year before
    expect(old.previous).toBeNull();
    const sonLa = await ctx.db.one<{ id: string }>(`SELECT id FROM assessment_campaign WHERE year = 2026 AND province_code = '14' AND title LIKE 'Đánh giá mức độ chuyển đổi số%'`);
    expect((await service.publicCampaign(ctx.db, clock, sonLa.id)).previous?.byProvince.map((p) => p.provinceCode)).toEqual(['14']);
  });
});
