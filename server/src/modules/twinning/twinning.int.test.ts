import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { testApp, type TestContext } from '../../../test/harness.js';
import { fixedClock } from '../../platform/clock.js';
import { remindIdlePairs } from './service.js';
import { rankPartners } from './domain.js';
import * as repo from './repository.js';

const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
let hanoiSchool: string; // truong.hanoi@'s school, lead of its cluster
let clusterId: string;
let otherCluster: string;
let borderSchool: string; // a THPT in a border commune of Điện Biên
let borderCookie: string;
let pairId: string;

type M = 'GET' | 'POST' | 'PUT';
const call = async (who: string | null, method: M, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, payload: payload as never, headers: { ...headers, ...(who ? { cookie: who.startsWith('kn_session=') ? who : await ctx.cookie(who) } : {}) } });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
function multipart(fields: Record<string, string>, files: { filename: string; data: Buffer }[] = []) {
  const b = '----tw' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${f.filename}"\r\nContent-Type: image/png\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return [Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${b}` }] as const;
}

beforeAll(async () => {
  ctx = await testApp({ clock });
  const h = await ctx.db.one<{ id: string; cluster_id: string }>(`SELECT s.organisation_id AS id, s.cluster_id FROM app_user u JOIN school s ON s.organisation_id = u.organisation_id WHERE u.email = 'truong.hanoi@ketnoi.demo'`);
  hanoiSchool = h.id;
  clusterId = h.cluster_id;
  otherCluster = (await ctx.db.one<{ cluster_id: string }>(`SELECT cluster_id FROM cluster_lead WHERE cluster_id <> $1 LIMIT 1`, [clusterId])).cluster_id;
  borderSchool = (await ctx.db.one<{ id: string }>(
    `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
      WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND 'thpt' = ANY(s.levels) ORDER BY s.code LIMIT 1`)).id;
  const acc = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/accounts', { email: 'thpt.bien@ketnoi.test', displayName: 'Cán bộ trường biên giới', password: 'mat-khau-dai-2026', role: 'school', organisationId: borderSchool });
  expect(acc.statusCode).toBe(201);
  const s = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'thpt.bien@ketnoi.test', password: 'mat-khau-dai-2026' } });
  borderCookie = `kn_session=${s.cookies.find((c) => c.name === 'kn_session')!.value}`;
});
afterAll(async () => { await ctx.close(); });

describe('pairs', () => {
  it('suggests border schools with a matching level first and few partners', async () => {
    const r = (await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/suggestions?hanoiSchoolId=${hanoiSchool}&provinceCode=11`)).json().items;
    expect(r.length).toBeGreaterThan(0);
    expect(r[0].levelMatch).toBe(true);
    expect(r.every((x: { provinceCode: string }) => x.provinceCode === '11')).toBe(true);
    const firstMismatch = r.findIndex((x: { levelMatch: boolean }) => !x.levelMatch);
    if (firstMismatch > 0) expect(r.slice(firstMismatch).every((x: { levelMatch: boolean }) => !x.levelMatch)).toBe(true);
  });

  it("suggests exactly the border schools of the three provinces not yet paired with the school, with their live partners, ranked", async () => {
    const levels = (await ctx.db.one<{ levels: string[] }>('SELECT levels FROM school WHERE organisation_id = $1', [hanoiSchool])).levels;
    const direct = await ctx.db.query<{ id: string; name: string; levels: string[]; partners: string }>(
      `SELECT s.organisation_id AS id, s.name, s.levels, (SELECT count(*) FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.status <> 'ended') AS partners
         FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code
        WHERE s.province_code IN ('11', '12', '14') AND 'border' = ANY(c.flags)
          AND NOT EXISTS (SELECT 1 FROM twinning_pair tp WHERE tp.border_school_id = s.organisation_id AND tp.hanoi_school_id = $1 AND tp.status <> 'ended')`, [hanoiSchool]);
    expect(direct.length).toBeGreaterThan(1);
    const expected = rankPartners(levels, direct.map((d) => ({ ...d, partners: Number(d.partners) }))).slice(0, 50);
    const r = (await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/suggestions?hanoiSchoolId=${hanoiSchool}`)).json().items;
    expect(r.map((x: { id: string; partners: number }) => [x.id, x.partners])).toEqual(expected.map((d) => [d.id, d.partners]));
    // the database keeps the first few by level and partners with everything tied with the last;
    // ordered by name after, their first few are the first few of the whole ranking
    const all = rankPartners(levels, direct.map((d) => ({ ...d, partners: Number(d.partners) })));
    for (const k of [1, 2, 3, 5]) {
      const kept = await repo.partnerCandidates(ctx.db, ['11', '12', '14'], hanoiSchool, null, levels, k);
      expect(kept.length).toBeGreaterThanOrEqual(Math.min(k, all.length));
      expect(rankPartners(levels, kept.map((d) => ({ ...d, partners: Number(d.partners) }))).slice(0, k).map((d) => d.id), `first ${k}`).toEqual(all.slice(0, k).map((d) => d.id));
    }
  });

  it('only the Hanoi Department pairs, and only with a school in a border commune of the three provinces', async () => {
    const body = { hanoiSchoolId: hanoiSchool, borderSchoolId: borderSchool, startYear: 2026 };
    expect((await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', body)).statusCode).toBe(403);
    expect((await call('truong.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', body)).statusCode).toBe(403);
    const notBorder = (await ctx.db.one<{ id: string }>(`SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code WHERE s.province_code = '11' AND NOT ('border' = ANY(c.flags)) LIMIT 1`)).id;
    const bad = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { ...body, borderSchoolId: notBorder });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().title).toBe('Trường không ở xã biên giới');
    const ok = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', body);
    expect(ok.statusCode).toBe(201);
    pairId = ok.json().id;
    expect(ok.json()).toMatchObject({ hanoiSchoolId: hanoiSchool, borderSchoolId: borderSchool, borderProvinceCode: '11', status: 'active', hanoiClusterId: clusterId });
    expect((await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', body)).statusCode).toBe(409);
  });

  it('lists pairs as JSON and CSV with both schools, provinces, status and this year\'s activity count', async () => {
    const j = (await call(null, 'GET', '/api/v1/twinning/pairs?format=json')).json();
    const p = j.items.find((x: { id: string }) => x.id === pairId);
    expect(p).toMatchObject({ hanoiProvinceCode: '01', borderProvinceName: 'Điện Biên', status: 'active', activitiesThisYear: 0 });
    // pages newest first with a cursor; the pages together are the whole list, once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const pg: { items: { id: string }[]; nextCursor: string | null; total: number } = (await call(null, 'GET', `/api/v1/twinning/pairs?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(pg.total).toBe(j.total);
      expect(pg.items.length).toBeLessThanOrEqual(7);
      seen.push(...pg.items.map((x) => x.id));
      cursor = pg.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(j.total);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(pairId);
    expect((await call(null, 'GET', '/api/v1/twinning/pairs?cursor=nonsense')).statusCode).toBe(400);
    const csv = (await call(null, 'GET', '/api/v1/twinning/pairs?format=csv')).body.replace(/^\uFEFF/, '');
    expect(csv.trim().split('\r\n')).toHaveLength(j.total + 1);
    expect(csv.split('\r\n')[0]).toContain('Số hoạt động năm 2026');
    expect(csv).toContain(pairId);
  });

  it('shows the pair without activity in compliance, per cluster and province', async () => {
    const c = (await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/compliance?year=2026')).json();
    expect(c.withoutActivity.map((p: { id: string }) => p.id)).toContain(pairId);
    expect(c.withoutActivityCount).toBe(c.withoutActivity.length);
    expect(c.byProvince.find((g: { key: string }) => g.key === 'Điện Biên').withoutActivity).toBeGreaterThanOrEqual(1);
    expect(c.calendar[0]).toMatchObject({ key: 'pairing', from: '2026-03-01', to: '2026-04-30' });
    // the monthly job reminds only during the activities period (May–November in 2026)
    clock.set('2026-04-01T01:00:00Z');
    expect(await remindIdlePairs(ctx.db, clock)).toBeNull();
    clock.set('2026-06-01T01:00:00Z');
    expect((await remindIdlePairs(ctx.db, clock))!.pairs).toBeGreaterThanOrEqual(1);
    clock.set('2026-06-15T03:00:00Z');
    const r = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/compliance/remind', { year: 2026 });
    expect(r.json().notified).toBeGreaterThanOrEqual(2);
    expect((await call('truong.hanoi@ketnoi.demo', 'GET', '/api/v1/notifications')).json().items.some((n: { kind: string }) => n.kind === 'twinning_reminder')).toBe(true);
  });

  it('checks "ít nhất 01 hoạt động trong 01 năm học" per school year (1/9–31/8), not per calendar year', async () => {
    clock.set('2026-06-15T03:00:00Z');
    const missing = async (q: string) => {
      const c = (await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/compliance?${q}`)).json();
      return { schoolYear: c.schoolYear.label, missing: c.withoutActivity.map((p: { id: string }) => p.id).includes(pairId) };
    };
    expect(await missing('year=2026')).toEqual({ schoolYear: '2025-2026', missing: true });
    // an activity on 15/10/2026 falls in school year 2026-2027: calendar 2026, but not the school year 2025-2026
    const a = await ctx.db.one<{ id: string }>(
      `INSERT INTO twinning_activity (pair_id, held_on, kind, sub_kind, mode, title, teachers, pupils, logged_by_school_id) VALUES ($1, '2026-10-15', 'exchange', 'sports', null, 'Giao lưu thể thao', 2, 30, $2) RETURNING id`,
      [pairId, hanoiSchool]);
    expect(await missing('year=2026')).toEqual({ schoolYear: '2025-2026', missing: true });
    expect(await missing('year=2026&schoolYear=2026')).toEqual({ schoolYear: '2026-2027', missing: false });
    // in November, the programme year's compliance is the school year in progress
    clock.set('2026-11-02T03:00:00Z');
    expect(await missing('year=2026')).toEqual({ schoolYear: '2026-2027', missing: false });
    clock.set('2026-06-15T03:00:00Z');
    await ctx.db.query('DELETE FROM twinning_activity WHERE id = $1', [a.id]);
  });
});

describe('activities', () => {
  it('the Hanoi school logs a connected classroom online and a gift of 200 books, written to the ledger', async () => {
    const [p1, h1] = multipart({ heldOn: '2026-06-10', kind: 'exchange', subKind: 'connected_classroom', mode: 'online', title: 'Kết nối lớp học trực tuyến môn Ngữ văn', teachers: '4', pupils: '70' });
    const a1 = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pairId}/activities`, p1, h1);
    expect(a1.statusCode).toBe(201);
    const noMode = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pairId}/activities`, { heldOn: '2026-06-10', kind: 'exchange', subKind: 'connected_classroom', title: 'Thiếu hình thức' });
    expect(noMode.statusCode).toBe(422);
    const wrongKind = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pairId}/activities`, { heldOn: '2026-06-10', kind: 'material_support', subKind: 'sports', title: 'Sai loại' });
    expect(wrongKind.statusCode).toBe(422);
    const [p2, h2] = multipart({ heldOn: '2026-06-12', kind: 'material_support', subKind: 'textbooks', title: 'Tặng 200 cuốn sách', teachers: '2', pupils: '0', support: JSON.stringify({ form: 'in_kind', valueVnd: 16_000_000, quantity: 200, unit: 'cuốn' }) }, [{ filename: 'trao-sach.png', data: PNG }]);
    const a2 = await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pairId}/activities`, p2, h2);
    expect(a2.statusCode).toBe(201);
    expect(a2.json()).toMatchObject({ supportValue: 16_000_000, confirmed: false });
    const k = await ctx.db.one<{ contributor_id: string; school_id: string; status: string; category: string; quantity: number }>(`SELECT contributor_id, school_id, status, category, quantity FROM contribution WHERE twinning_activity_id = $1`, [a2.json().id]);
    expect(k).toMatchObject({ contributor_id: hanoiSchool, school_id: borderSchool, status: 'delivered', category: 'books' });
    expect(Number(k.quantity)).toBe(200);
    // another school cannot log for this pair
    expect((await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/twinning/pairs/${pairId}/activities`, { heldOn: '2026-06-12', kind: 'exchange', subKind: 'sports', title: 'Không phải cặp của tôi' })).statusCode).toBe(403);
  });

  it('refuses to confirm a material support without a photo or record, and writes nothing (the ledger\'s evidence rule)', async () => {
    const pair = (await call(borderCookie, 'GET', `/api/v1/twinning/pairs/${pairId}`)).json();
    const gift = pair.activities.find((a: { subKind: string }) => a.subKind === 'textbooks');
    const k = await ctx.db.one<{ id: string }>(`SELECT id FROM contribution WHERE twinning_activity_id = $1`, [gift.id]);
    const counts = async () => ctx.db.one<{ events: number; audits: number; files: number }>(
      `SELECT (SELECT count(*) FROM contribution_event WHERE contribution_id = $1) AS events,
              (SELECT count(*) FROM audit_log WHERE (entity = 'contribution' AND entity_id = $1::text) OR (entity = 'twinning_activity' AND entity_id = $2::text)) AS audits,
              (SELECT count(*) FROM contribution_file WHERE contribution_id = $1) AS files`, [k.id, gift.id]);
    const before = await counts();
    const [p, h] = multipart({ note: 'Đã nhận, ảnh gửi sau' });
    const refused = await call(borderCookie, 'POST', `/api/v1/twinning/activities/${gift.id}/confirm`, p, h);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain('files');
    expect(await counts()).toEqual(before);
    expect(await ctx.db.one(`SELECT status FROM contribution WHERE id = $1`, [k.id])).toEqual({ status: 'delivered' });
    expect(await ctx.db.one(`SELECT confirmed_at, confirmation_note FROM twinning_activity WHERE id = $1`, [gift.id])).toEqual({ confirmed_at: null, confirmation_note: null });
    const again = (await call(borderCookie, 'GET', `/api/v1/twinning/pairs/${pairId}`)).json().activities.find((a: { id: string }) => a.id === gift.id);
    expect(again).toMatchObject({ confirmed: false, can: { confirm: true } });
  });

  it('the border school confirms; the Hanoi school cannot confirm its own; the gift becomes received', async () => {
    const pair = (await call(borderCookie, 'GET', `/api/v1/twinning/pairs/${pairId}`)).json();
    const gift = pair.activities.find((a: { subKind: string }) => a.subKind === 'textbooks');
    expect(gift.can.confirm).toBe(true);
    expect(pair.can).toEqual({ changeStatus: false, editPlan: true, logActivity: true, logSupport: false });
    expect((await call('truong.hanoi@ketnoi.demo', 'POST', `/api/v1/twinning/activities/${gift.id}/confirm`, { note: 'tự xác nhận' })).statusCode).toBe(403);
    // four confirmations at once (a double tap on a weak line): one wins, the others are told it is done
    const sends = await Promise.all([1, 2, 3, 4].map(() => {
      const [p, h] = multipart({ note: 'Đã nhận đủ 200 cuốn sách' }, [{ filename: 'nhan-sach.png', data: PNG }]);
      return call(borderCookie, 'POST', `/api/v1/twinning/activities/${gift.id}/confirm`, p, h);
    }));
    expect(sends.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const ok = sends.find((r) => r.statusCode === 200)!;
    expect(ok.json().confirmed).toBe(true);
    expect((await call(borderCookie, 'POST', `/api/v1/twinning/activities/${gift.id}/confirm`, { note: 'lần nữa' })).statusCode).toBe(409);
    const k = await ctx.db.one<{ id: string; status: string }>(`SELECT id, status FROM contribution WHERE twinning_activity_id = $1`, [gift.id]);
    expect(k.status).toBe('received');
    const trail = await ctx.db.query<{ action: string; before: { status: string }; after: { status: string } }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'contribution' AND entity_id = $1 ORDER BY id`, [k.id]);
    expect(trail.map((a) => a.action)).toEqual(['deliver', 'confirm']);
    expect(trail[1].before.status).toBe('delivered');
    expect(trail[1].after.status).toBe('received');
    // the receipt of a twinning gift may show pupils: stored under a neutral name, never public, owned by the ledger row
    const evidence = await ctx.db.query<{ name: string; public: boolean; owner_kind: string; owner_id: string }>(
      `SELECT f.name, f.public, f.owner_kind, f.owner_id FROM contribution_file cf JOIN stored_file f ON f.id = cf.file_id WHERE cf.contribution_id = $1`, [k.id]);
    expect(evidence).toHaveLength(1);
    expect(evidence[0].name).toMatch(/^bien-nhan-[0-9a-f]{8}\.png$/);
    expect(evidence[0]).toMatchObject({ public: false, owner_kind: 'contribution', owner_id: k.id });
    const pub = (await call(null, 'GET', `/api/v1/public/contributions?format=json&provinceCode=11`)).json().items;
    expect(pub.some((c: { contributorId: string; valueVnd: number; status: string }) => c.contributorId === hanoiSchool && c.valueVnd === 16_000_000 && c.status === 'received')).toBe(true);
  });

  it('a Sơn La or Lai Châu Department cannot see a Điện Biên pair; Điện Biên can', async () => {
    expect((await call('so.sonla@ketnoi.demo', 'GET', `/api/v1/twinning/pairs/${pairId}`)).statusCode).toBe(403);
    expect((await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/twinning/pairs/${pairId}`)).statusCode).toBe(200);
  });
});

describe('reports due 15/12', () => {
  it('the cluster lead compiles the cluster report with figures from the data; other clusters cannot see the draft', async () => {
    const url = `/api/v1/twinning/reports/cluster/${clusterId}/2026`;
    const r = (await call('truong.hanoi@ketnoi.demo', 'GET', url)).json();
    // three pairs: this file's, and the demo's two (the Hanoi demo school with each Điện Biên border demo school, the
    // preschool and the lower-secondary one, no activity yet)
    expect(r.figures).toMatchObject({ pairs: 3, newPairs: 3, activities: 2, activitiesConfirmed: 1, pupils: 70, teachers: 6, supportValue: '16000000' });
    expect(r.figures.byKind).toMatchObject({ exchange: 1, material_support: 1 });
    expect(r.figures.supportByForm.in_kind).toBe('16000000');
    const lead2 = (await ctx.db.one<{ school_id: string }>('SELECT school_id FROM cluster_lead WHERE cluster_id = $1', [otherCluster])).school_id;
    await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/health'); // no-op; keeps the cookie cache warm
    const acc = await call('admin', 'POST', '/api/v1/accounts', { email: 'cum2@ketnoi.test', displayName: 'Trưởng cụm khác', password: 'mat-khau-dai-2026', role: 'school', organisationId: lead2 });
    expect(acc.statusCode).toBe(201);
    const s = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'cum2@ketnoi.test', password: 'mat-khau-dai-2026' } });
    const other = `kn_session=${s.cookies.find((c) => c.name === 'kn_session')!.value}`;
    expect((await call(other, 'GET', url)).statusCode).toBe(403);
    expect((await call('so.hanoi@ketnoi.demo', 'GET', url)).statusCode).toBe(403); // a draft stays with the cluster
    const saved = await call('truong.hanoi@ketnoi.demo', 'PUT', url, { narrative: { results: 'Hai hoạt động, 200 cuốn sách', quality: 'Tốt', difficulties: '', proposals: 'Mở rộng' }, submit: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().status).toBe('submitted');
    expect((await call('so.hanoi@ketnoi.demo', 'GET', url)).statusCode).toBe(200);
    const locked = await call('truong.hanoi@ketnoi.demo', 'PUT', url, { narrative: { results: 'sửa' }, submit: false });
    expect(locked.statusCode).toBe(409); // a submitted report is final
    expect(locked.json().title).toBe('Báo cáo đã gửi, không sửa được');
  });

  it('tracks who submitted and who is late, by the date', async () => {
    const subs = (await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/submissions?year=2026')).json().items;
    expect(subs.find((s: { organisationId: string }) => s.organisationId === clusterId)).toMatchObject({ status: 'submitted', late: false });
    expect(subs.find((s: { organisationId: string }) => s.organisationId === otherCluster)).toMatchObject({ status: 'not_started', late: false });
    clock.set('2026-12-16T03:00:00Z');
    const later = (await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/submissions?year=2026')).json().items;
    expect(later.find((s: { organisationId: string }) => s.organisationId === otherCluster).late).toBe(true);
    expect(later.find((s: { organisationId: string }) => s.organisationId === clusterId).late).toBe(false);
    clock.set('2026-06-15T03:00:00Z');
  });

  it("the Department's report shows both activities, as .docx (Decree 30) and .xlsx", async () => {
    const so01 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-01'`)).id;
    const r = (await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/reports/department/${so01}/2026`)).json();
    expect(r.figures.activities).toBeGreaterThanOrEqual(2);
    expect(BigInt(r.figures.supportValue) >= 16_000_000n).toBe(true);
    const d = await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/reports/department/${so01}/2026/document?format=docx`);
    expect(d.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'BÁO CÁO', 'năm 2026', 'Kính gửi:', 'Nơi nhận:', '16.000.000 đồng']) expect(plain, s).toContain(s);
    const x = await call('so.hanoi@ketnoi.demo', 'GET', `/api/v1/twinning/reports/department/${so01}/2026/document?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Cặp kết nghĩa')!.actualRowCount).toBeGreaterThanOrEqual(2);
  });

  it("gives Hanoi's dashboard lines from Hanoi to the border schools", async () => {
    const d = (await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/dashboard?year=2026')).json();
    expect(d).not.toHaveProperty('map'); // asked apart, grouped at the map's zoom
    // from PAIR_MAP_SINGLE_ZOOM each pair is its own line, carrying its id
    const m = (await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/map?zoom=11')).json();
    const [, h, b, active, pairs] = m.lines.find((x: [string]) => x[0] === pairId);
    expect(m.places[h]).toMatchObject({ side: 'hanoi', schools: 1 });
    expect(m.places[h].name).toBeTruthy();
    expect(m.places[h].lat).toBeGreaterThan(20.5); // Hanoi latitude
    expect(m.places[b].lng).toBeLessThan(103.5); // Điện Biên longitude
    expect([active, pairs]).toEqual([1, 1]);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/twinning/map')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/twinning/map')).statusCode).toBe(401);
    const bad = await call('so.hanoi@ketnoi.demo', 'GET', '/api/v1/twinning/map?bbox=106,22,105,21');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Khung bản đồ không hợp lệ');
    expect(d.live.byProvince.find((g: { key: string }) => g.key === 'Điện Biên').pairs).toBeGreaterThanOrEqual(1);
    expect(d.figures.activities).toBeGreaterThanOrEqual(2);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/twinning/dashboard')).statusCode).toBe(403);
    const fp = (await call(null, 'GET', '/api/v1/twinning/focal-points')).json().items;
    expect(fp).toHaveLength(4);
    expect(JSON.stringify(fp)).not.toMatch(/\d{4}\.\d{3}\.\d{3}/); // roles, no phone numbers
  });
});
