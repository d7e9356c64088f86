import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { FrameworkDefinition, FrameworkVersion, FrameworkVersionDetail } from '../../../../contracts/assessments.js';

/**
 * Editing a framework: the administrator starts a draft from the published digital-transformation
 * framework, adds, changes, moves and retires indicators, publishes it as a new version; the
 * published versions never change (service and triggers), and nobody else may edit.
 */
const clock = fixedClock('2026-05-10T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const ADMIN = 'quantri@ketnoi.demo';
const OTHERS = ['dieuphoi@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'truong.dienbien@ketnoi.demo', null];
let safe: FrameworkVersion;
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => {
  ctx = await testApp({ clock, poolSize: 8 });
  safe = ((await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[]).find((x) => x.key === 'truong-an-toan-tt18')!;
});
afterAll(async () => { await ctx.close(); });

const copy = async (id = safe.id, year?: number) => {
  const r = await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${id}/copy`, year ? { year } : {});
  ok(r, 201);
  return r.json() as FrameworkVersionDetail;
};
const put = (who: string | null, id: string, definition: unknown) => call(who, 'PUT', `/api/v1/assessment-frameworks/${id}/definition`, { definition });
const frozenCount = async (id: string) => (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM assessment_indicator WHERE version_id = $1', [id])).n;

describe('a draft from a published version, edited and published', () => {
  it('copies, edits (add, change, move, retire), publishes as the next version; the old one is unchanged', async () => {
    const before = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${safe.id}`)).json() as FrameworkVersionDetail;
    const draft = await copy(safe.id, 2027);
    expect(draft.state).toBe('draft');
    expect(draft.version).toBeGreaterThan(before.version);
    expect(draft.year).toBe(2027);
    expect(draft.definition.groups).toEqual(before.definition.groups);
    expect(draft.can.publish).toBe(true);

    const def: FrameworkDefinition = structuredClone(draft.definition);
    const g1 = def.groups[0]!;
    // change text, type, mandatory, scoring, maximum and evidence of the first indicator
    g1.indicators[0] = { ...g1.indicators[0]!, text: 'Khuôn viên an toàn (sửa)', mandatory: false, scoring: { kind: 'choice', options: [{ value: 'a', label: 'Chưa', points: 0 }, { value: 'b', label: 'Đạt', points: 2 }] }, type: 'choice', max: 2, evidence: 'Ảnh khuôn viên' };
    // move the second one up, retire the last one, add a new one and a new group
    const [first, second] = [g1.indicators[0]!, g1.indicators[1]!];
    g1.indicators[0] = second; g1.indicators[1] = first;
    const retired = g1.indicators.pop()!.code;
    g1.indicators.push({ code: '1.9', text: 'Có nước uống sạch cho học sinh', type: 'yes_no', mandatory: true, provisional: true, scoring: { kind: 'yes', points: 1 }, evidence: null });
    def.groups.push({ code: '6', name: 'Nhóm mới (thử)', indicators: [{ code: '6.1', text: 'Tiêu chí của nhóm mới', type: 'evidence', mandatory: false, provisional: true, scoring: { kind: 'evidence', points: 1 } }] });
    const r = await put(ADMIN, draft.id, def);
    ok(r);
    const saved = r.json() as FrameworkVersionDetail;
    expect(saved.definition.groups[0]!.indicators.map((i) => i.code).slice(0, 2)).toEqual([second.code, first.code]);
    expect(saved.definition.groups[0]!.indicators.some((i) => i.code === retired)).toBe(false);
    const rows = await ctx.db.query<{ code: string; position: number; type: string; max_points: string }>('SELECT code, position, type, max_points::text FROM assessment_indicator WHERE version_id = $1 ORDER BY position', [draft.id]);
    expect(rows.map((x) => x.code).slice(0, 2)).toEqual([second.code, first.code]);
    expect(rows.find((x) => x.code === first.code)).toMatchObject({ type: 'choice', max_points: '2.00' });
    expect(rows.map((x) => x.code)).toContain('6.1');
    expect(rows.map((x) => x.code)).not.toContain(retired);

    const p = await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.id}/publish`);
    ok(p);
    expect(p.json().state).toBe('published');
    // the version it came from did not change
    const again = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${safe.id}`)).json() as FrameworkVersionDetail;
    expect(again.definition).toEqual(before.definition);
    expect(await frozenCount(safe.id)).toBe(before.indicatorCount);
    // the public list now holds both versions
    const list = (await call(null, 'GET', '/api/v1/assessment-frameworks')).json().items as FrameworkVersion[];
    expect(list.filter((x) => x.key === 'truong-an-toan-tt18').map((x) => x.version)).toEqual(expect.arrayContaining([before.version, saved.version]));
    const audit = await ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'assessment_framework_version' AND entity_id = $1 ORDER BY id`, [draft.id]);
    expect(audit.map((a) => a.action)).toEqual(['copy', 'update', 'publish']);
  });

  it('a published version is refused with a Vietnamese 409, and the triggers refuse a direct write too', async () => {
    const before = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${safe.id}`)).json() as FrameworkVersionDetail;
    const r = await put(ADMIN, safe.id, { ...before.definition, name: 'Tên khác' });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail ?? r.json().title).toMatch(/đã công bố nên không sửa được/);
    await expect(ctx.db.query(`UPDATE assessment_framework_version SET definition = '{}'::jsonb WHERE id = $1`, [safe.id])).rejects.toThrow(/immutable|23514/);
    await expect(ctx.db.query(`DELETE FROM assessment_indicator WHERE version_id = $1`, [safe.id])).rejects.toThrow(/immutable|23514/);
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${safe.id}`)).json().definition).toEqual(before.definition);
  });

  it('bad drafts give a Vietnamese 422 and write nothing', async () => {
    const draft = await copy();
    const dup = structuredClone(draft.definition);
    dup.groups[0]!.indicators.push({ ...dup.groups[0]!.indicators[0]! });
    const r = await put(ADMIN, draft.id, dup);
    expect(r.statusCode).toBe(422);
    const key = await put(ADMIN, draft.id, { ...draft.definition, key: 'khac-hẳn' });
    expect(key.statusCode).toBe(422);
    const key2 = await put(ADMIN, draft.id, { ...draft.definition, key: 'bo-khac' });
    expect(key2.statusCode).toBe(422);
    expect(key2.json().errors[0].message).toMatch(/Mã bộ chỉ số/);
    const empty = await put(ADMIN, draft.id, { ...draft.definition, groups: [] });
    expect(empty.statusCode).toBe(422);
    const still = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json() as FrameworkVersionDetail;
    expect(still.definition).toEqual(draft.definition);
    expect(await frozenCount(draft.id)).toBe(draft.indicatorCount);
    expect((await call(ADMIN, 'PUT', '/api/v1/assessment-frameworks/00000000-0000-4000-8000-000000000000/definition', { definition: draft.definition })).statusCode).toBe(404);
    expect((await call(ADMIN, 'POST', '/api/v1/assessment-frameworks/00000000-0000-4000-8000-000000000000/copy', {})).statusCode).toBe(404);
  });

  it('only the administrator edits or copies; a draft is not visible to others', async () => {
    const draft = await copy();
    for (const who of OTHERS) {
      const want = who ? 403 : 401;
      expect((await put(who, draft.id, draft.definition)).statusCode, String(who)).toBe(want);
      expect((await call(who, 'POST', `/api/v1/assessment-frameworks/${safe.id}/copy`, {})).statusCode, String(who)).toBe(want);
      expect((await call(who, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).statusCode, String(who)).toBe(404);
    }
  });

  it('an edit racing a publish: the published definition is what the edit left or the edit is refused, never a change after publication', async () => {
    for (let round = 0; round < 3; round++) {
      const draft = await copy();
      const def = structuredClone(draft.definition);
      def.groups[0]!.indicators[0]!.text = `Sửa trong lúc công bố ${round}`;
      const [e, p] = await Promise.all([put(ADMIN, draft.id, def), call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.id}/publish`)]);
      ok(p);
      expect([200, 409]).toContain(e.statusCode);
      const after = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json() as FrameworkVersionDetail;
      expect(after.state).toBe('published');
      expect(after.definition.groups[0]!.indicators[0]!.text).toBe(e.statusCode === 200 ? def.groups[0]!.indicators[0]!.text : draft.definition.groups[0]!.indicators[0]!.text);
      const row = await ctx.db.one<{ text: string }>('SELECT text FROM assessment_indicator WHERE version_id = $1 AND code = $2', [draft.id, def.groups[0]!.indicators[0]!.code]);
      expect(row.text).toBe(after.definition.groups[0]!.indicators[0]!.text);
    }
  });
});
