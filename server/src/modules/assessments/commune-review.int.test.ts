import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { TEST_SCRYPT_N } from '../../../test/hashing.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/auth.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { FrameworkVersion } from '../../../../contracts/assessments.js';
import { remindAssessments } from './reminders.js';

/**
 * A campaign reviewed by the communes: the commune People's Committee reviews the primary and
 * lower-secondary schools it manages; not another commune's, not the upper-secondary ones (the
 * Department's); the Department still reads them but no longer decides them.
 */
const clock = fixedClock('2026-05-10T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const DEPT = 'so.dienbien@ketnoi.demo';
const COMMUNE = 'xa.sinthau@ketnoi.demo';
const OTHER_COMMUNE = 'xa.khac.assess@ketnoi.test';
let campaignId = '', commune = '', communeOrg = '', ownSchool = '', otherSchool = '';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  const c = await ctx.db.one<{ commune_code: string; organisation_id: string }>(`SELECT o.commune_code, o.id AS organisation_id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.email = $1`, [COMMUNE]);
  commune = c.commune_code; communeOrg = c.organisation_id;
  // another commune of Điện Biên with a primary or lower-secondary school, and an account for its committee
  const other = await ctx.db.one<{ id: string; commune_code: string }>(
    `SELECT o.id, o.commune_code FROM organisation o WHERE o.kind = 'commune_committee' AND o.province_code = '11' AND o.commune_code <> $1
      AND EXISTS (SELECT 1 FROM school s WHERE s.commune_code = o.commune_code AND s.levels && ARRAY['tieu_hoc', 'thcs']::text[] AND s.levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[]) ORDER BY o.code LIMIT 1`, [commune]);
  await ctx.db.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Cán bộ xã (thử)', $2, 'commune', $3)`,
    [OTHER_COMMUNE, await hashPassword(DEMO_PASSWORD, TEST_SCRYPT_N), other.id]);
  const dx = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'cds-truong-4725')!;
  const r = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', {
    versionId: dx.id, year: 2026, title: 'Đánh giá chuyển đổi số (xã thẩm định)', provinceCode: '11', kinds: ['school'], schoolLevels: ['tieu_hoc', 'thcs', 'thpt'],
    opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20', reviewerLevel: 'commune',
  });
  ok(r, 201);
  expect(r.json().reviewerLevel).toBe('commune');
  campaignId = r.json().id;
  const pick = async (communeCode: string) => (await ctx.db.one<{ id: string }>(
    `SELECT a.id FROM assessment a WHERE a.campaign_id = $1 AND a.commune_code = $2 AND a.school_levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[] ORDER BY a.id LIMIT 1`, [campaignId, communeCode])).id;
  ownSchool = await pick(commune);
  otherSchool = await pick(other.commune_code);
  await ctx.db.query(`UPDATE assessment SET state = 'submitted', submitted_at = now() WHERE campaign_id = $1`, [campaignId]);
});
afterAll(async () => { await ctx.close(); });

const move = (who: string, id: string, action: string, reason?: string) => call(who, 'POST', `/api/v1/assessments/${id}/transitions`, { action, reason });

describe('the commune reviews the schools it manages when the campaign says so', () => {
  it('the commune reads, comments on and approves its own school; the Department reads it but may not decide it', async () => {
    const d = await call(COMMUNE, 'GET', `/api/v1/assessments/${ownSchool}`);
    ok(d);
    expect(d.json().can).toMatchObject({ review: true, approve: true, return: true, answer: false });
    const dept = await call(DEPT, 'GET', `/api/v1/assessments/${ownSchool}`);
    ok(dept);
    expect(dept.json().can).toMatchObject({ review: false, approve: false });
    expect((await move(DEPT, ownSchool, 'approve')).statusCode).toBe(403);
    ok(await call(COMMUNE, 'PUT', `/api/v1/assessments/${ownSchool}/review`, { items: [{ code: '1.1', reviewedPoints: null, comment: 'Đã xem minh chứng (xã)' }] }));
    ok(await move(COMMUNE, ownSchool, 'approve'));
  });

  it('a commune officer cannot read or review a school of another commune', async () => {
    expect((await call(COMMUNE, 'GET', `/api/v1/assessments/${otherSchool}`)).statusCode).toBe(403);
    expect((await call(COMMUNE, 'PUT', `/api/v1/assessments/${otherSchool}/review`, { items: [{ code: '1.1', reviewedPoints: 0, comment: 'x' }] })).statusCode).toBe(403);
    expect((await move(COMMUNE, otherSchool, 'return', 'Thiếu minh chứng')).statusCode).toBe(403);
    expect((await move(COMMUNE, otherSchool, 'approve')).statusCode).toBe(403);
    // its own commune officer may
    ok(await move(OTHER_COMMUNE, otherSchool, 'return', 'Thiếu minh chứng'));
    expect((await move(OTHER_COMMUNE, ownSchool, 'unlock', 'Sửa')).statusCode).toBe(403);
  });

  it('upper-secondary schools stay with the Department; the commune lists only the schools it reviews', async () => {
    const thpt = await ctx.db.maybeOne<{ id: string }>(`SELECT id FROM assessment WHERE campaign_id = $1 AND school_levels = ARRAY['thpt']::text[] AND state = 'submitted' LIMIT 1`, [campaignId]);
    expect(thpt).not.toBeNull();
    expect((await move(COMMUNE, thpt!.id, 'approve')).statusCode).toBe(403);
    ok(await move(DEPT, thpt!.id, 'approve'));
    const list = await call(COMMUNE, 'GET', `/api/v1/assessments?campaignId=${campaignId}&limit=200`);
    ok(list);
    const items = list.json().items as { id: string; communeCode: string; schoolLevels: string[] }[];
    expect(items.map((i) => i.id)).toContain(ownSchool);
    expect(items.every((i) => i.communeCode === commune && i.schoolLevels.every((l) => ['mam_non', 'tieu_hoc', 'thcs'].includes(l)))).toBe(true);
    expect(list.json().total).toBe(items.length);
    const campaigns = (await call(COMMUNE, 'GET', '/api/v1/assessment-campaigns?limit=50')).json().items as { id: string; counts: { total: number } }[];
    expect(campaigns.find((c) => c.id === campaignId)?.counts.total).toBe(items.length);
    expect(((await call(OTHER_COMMUNE, 'GET', `/api/v1/assessments?campaignId=${campaignId}&limit=200`)).json().items as { id: string }[]).map((i) => i.id)).not.toContain(ownSchool);
  });

  it('the review reminder goes to the commune for its schools, to the Department for the others', async () => {
    clock.set('2026-06-10T00:30:00Z');
    await remindAssessments(ctx.db, clock);
    const to = await ctx.db.query<{ organisation_id: string; lines: { campaignTitle: string; deadline: string; pending: number }[] }>(
      `SELECT organisation_id, params->'lines' AS lines FROM notification WHERE kind = 'assessments_reminder'`);
    const ours = to.filter((n) => n.lines.some((l) => l.campaignTitle.includes('xã thẩm định') && l.deadline === 'review'));
    const communePending = (await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment WHERE campaign_id = $1 AND state = 'submitted' AND commune_code = $2 AND school_levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[] AND cardinality(school_levels) > 0`, [campaignId, commune])).n;
    const mine = ours.find((n) => n.organisation_id === communeOrg);
    if (communePending > 0) expect(mine?.lines[0]?.pending).toBe(communePending);
    else expect(mine).toBeUndefined();
    const deptOrg = (await ctx.db.one<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [DEPT])).id;
    const deptPending = (await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM assessment WHERE campaign_id = $1 AND state = 'submitted' AND NOT (cardinality(school_levels) > 0 AND school_levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[] AND commune_code IS NOT NULL)`, [campaignId])).n;
    expect(deptPending).toBeGreaterThan(0);
    expect(ours.find((n) => n.organisation_id === deptOrg)?.lines[0]?.pending).toBe(deptPending);
  });

  it('a campaign over Departments cannot be reviewed by communes', async () => {
    const dx = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'cds-truong-4725')!;
    const r = await call('dieuphoi@ketnoi.demo', 'POST', '/api/v1/assessment-campaigns', {
      versionId: dx.id, year: 2026, title: 'Sai cấp thẩm định', kinds: ['department'], opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20', reviewerLevel: 'commune',
    });
    expect(r.statusCode).toBe(422);
  });
});
