import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { needVerifier } from '../src/modules/needs/policy.js';

/**
 * Every unit the seed plans name can act: commune People's Committee officers follow their
 * commune's preschools, primary and lower-secondary schools (and nothing else); unit staff post
 * progress on their own organisation's tasks only; no assignment of a seed plan is without a lead.
 */

let ctx: TestContext;
const COMMUNE = 'xa.sinthau@ketnoi.demo';
let communeCode: string;
let otherCommune: string;
let seq = 0;

async function as(who: string, opts: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown }) {
  return ctx.app.inject({ ...opts, payload: opts.payload as never, headers: { cookie: await ctx.cookie(who) } });
}
async function asAdmin(opts: { method: 'GET' | 'POST'; url: string; payload?: unknown }) {
  const r = await as('admin', opts);
  if (r.statusCode >= 300) throw new Error(`${opts.url}: ${r.statusCode} ${r.body}`);
  return r.json();
}
/** A school of the given levels in the given commune, with a submitted need. */
async function submittedNeed(levels: string[], commune: string): Promise<string> {
  const s = await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: `UN${process.pid}${++seq}`, name: `Trường Thử Đơn Vị ${seq}`, levels, ownership: 'public', communeCode: commune } });
  const n = await asAdmin({ method: 'POST', url: '/api/v1/needs', payload: { schoolId: s.id, category: 'equipment', title: 'Bàn ghế (thử phạm vi xã)', quantity: 5, unit: 'bộ', estimatedCost: 5_000_000, priority: 'normal' } });
  await asAdmin({ method: 'POST', url: `/api/v1/needs/${n.id}/transitions`, payload: { action: 'submit' } });
  return n.id;
}

beforeAll(async () => {
  ctx = await testApp();
  communeCode = (await ctx.db.one<{ commune_code: string }>(`SELECT o.commune_code FROM organisation o JOIN app_user u ON u.organisation_id = o.id WHERE u.email = $1`, [COMMUNE])).commune_code;
  otherCommune = (await ctx.db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = '11' AND 'border' = ANY(flags) AND code <> $1 ORDER BY code LIMIT 1`, [communeCode])).code;
});
afterAll(async () => { await ctx.close(); });

describe('who verifies a need', () => {
  it('the commune for preschools, primary and lower-secondary schools; the Department for the rest', () => {
    expect(needVerifier({ levels: ['mam_non'] })).toBe('commune');
    expect(needVerifier({ levels: ['tieu_hoc', 'thcs'] })).toBe('commune');
    expect(needVerifier({ levels: ['thcs', 'thpt'] })).toBe('department');
    expect(needVerifier({ levels: ['thpt'] })).toBe('department');
    expect(needVerifier({ levels: ['gdtx'] })).toBe('department');
    expect(needVerifier({ levels: [] })).toBe('department');
  });
});

describe('a commune officer', () => {
  it('sees in its queue the submitted needs of its commune\'s preschools, primary and lower-secondary schools only', async () => {
    const thpt = await submittedNeed(['thpt'], communeCode);
    const r = await as(COMMUNE, { method: 'GET', url: '/api/v1/needs?scope=mine&status=submitted&limit=200' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; communeCode: string; schoolLevels: string[]; title: string; state: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((n) => n.communeCode === communeCode && n.state === 'submitted')).toBe(true);
    expect(items.every((n) => n.schoolLevels.every((l) => ['mam_non', 'tieu_hoc', 'thcs'].includes(l)))).toBe(true);
    expect(items.some((n) => n.schoolLevels.includes('mam_non'))).toBe(true);
    expect(items.some((n) => n.id === thpt)).toBe(false);
    const me = (await as(COMMUNE, { method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me.user.can['needs.queue']).toBe(true);
    expect(me.user.can['needs.verify']).toBe(true);
  });

  it('verifies a preschool\'s need of its commune and returns a lower-secondary school\'s', async () => {
    const pre = await submittedNeed(['mam_non'], communeCode);
    const d = await as(COMMUNE, { method: 'GET', url: `/api/v1/needs/${pre}` });
    expect(d.statusCode).toBe(200);
    expect(d.json().can.verify).toBe(true);
    expect(d.json().can.publish).toBe(false);
    const v = await as(COMMUNE, { method: 'POST', url: `/api/v1/needs/${pre}/transitions`, payload: { action: 'verify' } });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().state).toBe('verified');
    // publishing stays with the Department
    const p = await as(COMMUNE, { method: 'POST', url: `/api/v1/needs/${pre}/transitions`, payload: { action: 'publish' } });
    expect(p.statusCode).toBe(403);
    const thcs = await submittedNeed(['thcs'], communeCode);
    const ret = await as(COMMUNE, { method: 'POST', url: `/api/v1/needs/${thcs}/transitions`, payload: { action: 'return', reason: 'Bổ sung ảnh hiện trạng' } });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().state).toBe('returned');
  });

  it('cannot act on a THPT school\'s need of its own commune, nor on a preschool\'s need of another commune (403, nothing written)', async () => {
    for (const id of [await submittedNeed(['thpt'], communeCode), await submittedNeed(['mam_non'], otherCommune), await submittedNeed(['thcs', 'thpt'], communeCode)]) {
      expect((await as(COMMUNE, { method: 'GET', url: `/api/v1/needs/${id}` })).statusCode).toBe(403);
      for (const action of ['verify', 'return']) {
        const r = await as(COMMUNE, { method: 'POST', url: `/api/v1/needs/${id}/transitions`, payload: { action, reason: 'x' } });
        expect(r.statusCode).toBe(403);
      }
      expect((await ctx.db.one<{ state: string }>('SELECT state FROM need WHERE id = $1', [id])).state).toBe('submitted');
    }
  });

  it('leaves the Department its power over the commune\'s schools', async () => {
    const pre = await submittedNeed(['tieu_hoc'], communeCode);
    const v = await as('so.dienbien@ketnoi.demo', { method: 'POST', url: `/api/v1/needs/${pre}/transitions`, payload: { action: 'verify' } });
    expect(v.statusCode).toBe(200);
  });

  it('a Department officer of another province does not verify them', async () => {
    const pre = await submittedNeed(['mam_non'], communeCode);
    expect((await as('so.sonla@ketnoi.demo', { method: 'POST', url: `/api/v1/needs/${pre}/transitions`, payload: { action: 'verify' } })).statusCode).toBe(403);
  });
});

describe('seed plans', () => {
  it('leave no assignment without an organisation that can post progress', async () => {
    const plans = await ctx.db.query<{ key: string; assignments: number; unassigned: number }>(
      `SELECT p.key, count(*)::int AS assignments,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment_unit u WHERE u.assignment_id = a.id AND u.role = 'lead'))::int AS unassigned
         FROM plan p JOIN task_assignment a ON a.plan_id = p.id GROUP BY p.key ORDER BY p.key`);
    expect(plans.length).toBeGreaterThanOrEqual(5);
    expect(plans.filter((p) => p.unassigned > 0)).toEqual([]);
  });

  it('fan "Các đơn vị Vụ, Cục" out to the Ministry\'s Vụ and Cục, each by name', async () => {
    const rows = await ctx.db.query<{ id: string; names: string[] }>(
      `SELECT a.id, array_agg(o.name) AS names FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead'
         JOIN organisation o ON o.id = u.organisation_id WHERE a.lead_text = 'Các đơn vị Vụ, Cục' GROUP BY a.id`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.names.length).toBeGreaterThanOrEqual(10);
      expect(r.names.every((n) => /^(Vụ|Cục) /.test(n))).toBe(true);
      expect(r.names).toContain('Cục Công nghệ thông tin');
    }
  });

  it('give the communes\' People\'s Committees of the issuing Department\'s province the tasks written to them', async () => {
    const r = await ctx.db.one<{ n: number; outside: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE o.province_code <> io.province_code)::int AS outside
         FROM task_assignment a JOIN plan p ON p.id = a.plan_id JOIN organisation io ON io.id = p.issuer_id
         JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead' JOIN organisation o ON o.id = u.organisation_id
        WHERE 'ubnd-cac-xa' = ANY(a.lead_groups) AND o.kind = 'commune_committee'`);
    expect(r.n).toBeGreaterThan(0);
    expect(r.outside).toBe(0);
  });
});

describe('unit staff', () => {
  /** An assignment `code` leads and the actor's organisation does not. */
  const ledBy = async (code: string, notBy?: string) => (await ctx.db.one<{ id: string }>(
    `SELECT a.id FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead' JOIN organisation o ON o.id = u.organisation_id
      WHERE o.code = $1 AND NOT EXISTS (SELECT 1 FROM assignment_unit x JOIN app_user m ON m.organisation_id = x.organisation_id WHERE x.assignment_id = a.id AND x.role = 'lead' AND m.email = $2)
      ORDER BY a.id LIMIT 1`, [code, notBy ?? ''])).id;
  const post = (who: string, assignment: string) => as(who, { method: 'POST', url: `/api/v1/assignments/${assignment}/updates`, payload: { state: 'in_progress', note: 'Đã triển khai (thử)' } });

  it('post progress on their own organisation\'s tasks', async () => {
    for (const [who, code] of [['daotao.dhsphn@ketnoi.demo', 'dhsp-ha-noi'], ['phong.gdmn.hanoi@ketnoi.demo', 'so-01-phong-gdmn'], ['clb.mamnon.hanoi@ketnoi.demo', 'so-01-clb-mam-non'], ['cum1.hanoi@ketnoi.demo', 'cum-thpt-01']] as const) {
      const a = await ledBy(code);
      const r = await post(who, a);
      expect(r.statusCode, `${who}: ${r.body}`).toBe(201);
      const org = await ctx.db.one<{ code: string }>(`SELECT o.code FROM task_update t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1`, [r.json().id]);
      expect(org.code).toBe(code);
    }
  });

  it('cannot post on another organisation\'s tasks (403, nothing written)', async () => {
    const before = await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM task_update');
    for (const [who, code] of [['daotao.dhsphn@ketnoi.demo', 'vu-gdtc'], ['phong.gdmn.hanoi@ketnoi.demo', 'so-11'], ['cum1.hanoi@ketnoi.demo', 'so-01'], ['thuky.bandieuphoi@ketnoi.demo', 'so-01'], ['xa.sinthau@ketnoi.demo', 'vu-gdtc']] as const) {
      const r = await post(who, await ledBy(code, who));
      expect(r.statusCode, who).toBe(403);
    }
    expect((await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM task_update')).n).toBe(before.n);
  });

  it('see their unit\'s tasks under "my tasks"', async () => {
    const r = await as('daotao.dhsphn@ketnoi.demo', { method: 'GET', url: '/api/v1/auth/me' });
    expect(r.json().user.can['plans.myTasks']).toBe(true);
  });
});

describe('focal points', () => {
  const idOf = async (code: string) => (await ctx.db.one<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [code])).id;
  const body = { roleTitle: 'Chuyên viên phụ trách kết nghĩa', unit: 'Phòng Kế hoạch tài chính', contact: 'phongkhtc@so11.example' };

  it('are edited by their own Department, audited, and say who may edit them', async () => {
    const so11 = await idOf('so-11');
    const list = (await as('so.dienbien@ketnoi.demo', { method: 'GET', url: '/api/v1/twinning/focal-points' })).json().items as { departmentId: string; can: { edit: boolean } }[];
    expect(list.filter((f) => f.can.edit).map((f) => f.departmentId)).toEqual([so11]);
    const r = await as('so.dienbien@ketnoi.demo', { method: 'PUT', url: `/api/v1/twinning/focal-points/${so11}`, payload: body });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ...body, departmentId: so11, can: { edit: true } });
    const pub = (await ctx.app.inject({ method: 'GET', url: '/api/v1/twinning/focal-points' })).json().items.find((f: { departmentId: string }) => f.departmentId === so11);
    expect(pub).toMatchObject({ ...body, can: { edit: false } });
    const a = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'programme_focal_point' AND entity_id = $1`, [so11]);
    expect(a.n).toBe(1);
  });

  it('are not edited by another Department, a school, a commune or the public (nothing written); a blank role is refused', async () => {
    const so14 = await idOf('so-14');
    const before = await ctx.db.one<{ role_title: string }>('SELECT role_title FROM programme_focal_point WHERE department_id = $1', [so14]);
    for (const who of ['so.dienbien@ketnoi.demo', 'truong.dienbien@ketnoi.demo', COMMUNE, 'daotao.dhsphn@ketnoi.demo']) {
      expect((await as(who, { method: 'PUT', url: `/api/v1/twinning/focal-points/${so14}`, payload: body })).statusCode, who).toBe(403);
    }
    expect((await ctx.app.inject({ method: 'PUT', url: `/api/v1/twinning/focal-points/${so14}`, payload: body })).statusCode).toBe(401);
    const bad = await as('so.sonla@ketnoi.demo', { method: 'PUT', url: `/api/v1/twinning/focal-points/${so14}`, payload: { roleTitle: ' ' } });
    expect(bad.statusCode).toBe(422);
    expect((await ctx.db.one<{ role_title: string }>('SELECT role_title FROM programme_focal_point WHERE department_id = $1', [so14])).role_title).toBe(before.role_title);
    // a Department without a focal point in the programme
    expect((await as('admin', { method: 'PUT', url: `/api/v1/twinning/focal-points/${await idOf('so-44')}`, payload: body })).statusCode).toBe(404);
  });
});

describe('a commune officer in twinning', () => {
  it('follows the pair of a primary school of its commune, not a pair of another commune\'s school', async () => {
    const hanoiCommune = (await ctx.db.one<{ commune_code: string }>(`SELECT commune_code FROM school WHERE province_code = '01' ORDER BY code LIMIT 1`)).commune_code;
    const pairOf = async (borderCommune: string) => {
      const hanoi = await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: `UNH${process.pid}${++seq}`, name: `Trường THPT Thử Đơn Vị ${seq}`, levels: ['thpt'], ownership: 'public', communeCode: hanoiCommune } });
      const border = await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: `UNB${process.pid}${++seq}`, name: `Trường Tiểu học Thử Đơn Vị ${seq}`, levels: ['tieu_hoc'], ownership: 'public', communeCode: borderCommune } });
      return (await asAdmin({ method: 'POST', url: '/api/v1/twinning/pairs', payload: { hanoiSchoolId: hanoi.id, borderSchoolId: border.id, startYear: 2026 } })).id as string;
    };
    const own = await pairOf(communeCode);
    const r = await as(COMMUNE, { method: 'GET', url: `/api/v1/twinning/pairs/${own}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().can).toMatchObject({ changeStatus: false, editPlan: false, logActivity: false });
    expect((await as(COMMUNE, { method: 'GET', url: `/api/v1/twinning/pairs/${await pairOf(otherCommune)}` })).statusCode).toBe(403);
  });
});
