import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { AssessmentDetail, FrameworkDefinition, FrameworkVersion, FrameworkVersionDetail } from '../../../../contracts/assessments.js';
import { indicatorLevel, liveSelfScore, toScore } from './domain.js';

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

describe('sub-groups, sub-indicators, levels and pass rules in a draft', () => {
  const messages = (r: { json: () => { errors?: { message: string }[] } }) => (r.json().errors ?? []).map((e) => e.message).join(' | ');

  it('saves nested groups, parts and a new result rule; the rows follow; the published version keeps them', async () => {
    const draft = await copy();
    const def: FrameworkDefinition = structuredClone(draft.definition);
    const g1 = def.groups[0]!;
    g1.groups = [{ code: '1.S', name: 'Nước sạch và nhà vệ sinh', indicators: [
      { code: '1.S.1', text: 'Có nước uống sạch', type: 'yes_no', mandatory: true, provisional: true, scoring: { kind: 'yes', points: 1 } },
    ], groups: [{ code: '1.S.T', name: 'Nhà vệ sinh', indicators: [
      { code: '1.S.T.1', text: 'Nhà vệ sinh riêng cho nam và nữ', type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 } },
    ] }] }];
    g1.indicators[1] = { ...g1.indicators[1]!, type: 'yes_no', scoring: { kind: 'none' }, parts: [
      { code: `${g1.indicators[1]!.code}.a`, text: 'Kết cấu an toàn', type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 } },
      { code: `${g1.indicators[1]!.code}.b`, text: 'Đủ chiếu sáng', type: 'percentage', mandatory: false, provisional: true, scoring: { kind: 'bands', bands: [{ from: 0, points: 0 }, { from: 80, points: 1 }] } },
    ] };
    def.result = { kind: 'levels', per: 'overall', outOf: 10, levels: [
      { code: 'c', label: 'Chưa đạt', min: null, inclusive: true, requiresMandatory: false },
      { code: 'd', label: 'Đạt', min: 5, inclusive: true, requiresMandatory: true },
      { code: 't', label: 'Tốt', min: 8, inclusive: false, requiresMandatory: true },
    ] };
    const r = await put(ADMIN, draft.id, def);
    ok(r);
    const saved = r.json() as FrameworkVersionDetail;
    expect(saved.definition.groups[0]!.groups![0]!.groups![0]!.indicators[0]!.code).toBe('1.S.T.1');
    expect(saved.definition.result).toEqual(def.result);
    const rows = await ctx.db.query<{ code: string; group_code: string; parent_code: string | null; answerable: boolean }>(
      'SELECT code, group_code, parent_code, answerable FROM assessment_indicator WHERE version_id = $1 ORDER BY position', [draft.id]);
    expect(rows.find((x) => x.code === '1.S.T.1')).toMatchObject({ group_code: g1.code, parent_code: null, answerable: true });
    expect(rows.find((x) => x.code === g1.indicators[1]!.code)).toMatchObject({ answerable: false });
    expect(rows.filter((x) => x.parent_code === g1.indicators[1]!.code).map((x) => x.code)).toEqual([`${g1.indicators[1]!.code}.a`, `${g1.indicators[1]!.code}.b`]);
    ok(await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.id}/publish`));
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition).toEqual(saved.definition);
    // the pass rule of another draft: 80% of criteria and 100% of the mandatory ones, or a count of each
    const other = await copy();
    for (const result of [
      { kind: 'pass', minPercent: 80, minMet: null, mandatory: 'all', passLabel: 'Đạt', failLabel: 'Không đạt' },
      { kind: 'pass', minPercent: null, minMet: 10, mandatory: 3, passLabel: 'Đạt', failLabel: 'Chưa đạt' },
    ] as const) {
      const p = await put(ADMIN, other.id, { ...other.definition, result });
      ok(p);
      expect(p.json().definition.result).toEqual(result);
    }
  });

  it('refuses unsound levels, pass rules and groups with a Vietnamese 422, and writes nothing', async () => {
    const draft = await copy();
    const base = draft.definition;
    const levels = (ls: { code: string; min: number | null }[], outOf = 100) => ({
      ...base, result: { kind: 'levels', per: 'group', outOf, levels: ls.map((l) => ({ ...l, label: `Mức ${l.code}`, inclusive: true, requiresMandatory: false })) },
    });
    const pass = (p: Record<string, unknown>) => ({ ...base, result: { kind: 'pass', minPercent: 80, minMet: null, mandatory: 'all', passLabel: 'Đạt', failLabel: 'Không đạt', ...p } });
    const g = base.groups[0]!;
    const cases: [unknown, RegExp][] = [
      [levels([{ code: '1', min: null }, { code: '2', min: 75 }, { code: '3', min: 50 }]), /các ngưỡng phải tăng dần/],
      [levels([{ code: '1', min: 10 }, { code: '2', min: 50 }]), /mức thấp nhất không có ngưỡng/],
      [levels([{ code: '1', min: null }, { code: '1', min: 50 }]), /mã mức trùng/],
      [levels([{ code: '1', min: null }, { code: '2', min: 120 }]), /phải từ 0 đến 100/],
      [pass({ minPercent: null, minMet: null }), /cần tỉ lệ hoặc số tiêu chí tối thiểu/],
      [pass({ minMet: 500 }), /đòi 500 tiêu chí nhưng bộ chỉ có/],
      [pass({ mandatory: 99 }), /đòi 99 tiêu chí bắt buộc/],
      [pass({ passLabel: 'Đạt', failLabel: 'Đạt' }), /hai nhãn khác nhau/],
      [{ ...base, groups: [{ ...g, groups: [{ code: '1.X', name: 'Nhóm con rỗng', indicators: [] }] }, ...base.groups.slice(1)] }, /Nhóm 1.X chưa có chỉ số nào/],
      [{ ...base, groups: [{ ...g, groups: [{ code: '1.X', name: 'Nhóm con', max: 50, indicators: [{ ...g.indicators[0]!, code: '1.X.1' }] }] }, ...base.groups.slice(1)] }, /1.X: các chỉ số cộng lại 1 điểm, thang nhóm là 50/],
      [{ ...base, groups: [{ ...g, groups: [{ code: g.indicators[0]!.code, name: 'Trùng mã', indicators: [{ ...g.indicators[0]!, code: '1.Y.1' }] }] }, ...base.groups.slice(1)] }, /Mã trùng/],
      [{ ...base, groups: [{ ...g, indicators: [{ ...g.indicators[0]!, parts: [{ ...g.indicators[1]! }] }, ...g.indicators.slice(1)] }, ...base.groups.slice(1)] }, /Mã trùng/],
    ];
    for (const [definition, message] of cases) {
      const r = await put(ADMIN, draft.id, definition);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().title).toBe('Bộ chỉ số chưa hợp lệ');
      expect(messages(r)).toMatch(message);
    }
    // the shape itself: a threshold that is not a number, a level without a name
    const shape = await put(ADMIN, draft.id, { ...base, result: { kind: 'levels', per: 'group', levels: [{ code: '1', label: '', min: null }, { code: '2', label: 'Hai', min: 'năm mươi' }] } });
    expect(shape.statusCode).toBe(422);
    const still = (await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json() as FrameworkVersionDetail;
    expect(still.definition).toEqual(base);
    expect(await frozenCount(draft.id)).toBe(draft.indicatorCount);
  });
});

describe('an indicator\'s own levels (its sub-scale) in a draft', () => {
  const DEPT = 'so.dienbien@ketnoi.demo';
  const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';
  const level = (code: string, min: number | null, inclusive = true) => ({ code, label: `Mức ${code}`, min, inclusive, requiresMandatory: false });
  const yes = (code: string, text: string) => ({ code, text, type: 'yes_no' as const, mandatory: false, provisional: true, scoring: { kind: 'yes' as const, points: 1 } });
  /** the draft with its first indicator made of three parts (3 points) on a sub-scale, and levels on its second (1 point) */
  const withLevels = (base: FrameworkDefinition, levels: ReturnType<typeof level>[], second?: ReturnType<typeof level>[]): FrameworkDefinition => {
    const def = structuredClone(base);
    const g1 = def.groups[0]!;
    const c = g1.indicators[0]!.code;
    g1.indicators[0] = { ...g1.indicators[0]!, type: 'yes_no', scoring: { kind: 'none' }, parts: [yes(`${c}.a`, 'Cổng và tường rào chắc chắn'), yes(`${c}.b`, 'Lối thoát hiểm thông suốt'), yes(`${c}.c`, 'Biển báo an toàn đủ')], levels };
    if (second) g1.indicators[1] = { ...g1.indicators[1]!, levels: second };
    return def;
  };
  const en = { 'accept-language': 'en' };

  it('saves, reads back and removes them; refuses thresholds out of order or past the indicator\'s maximum on the field, in Vietnamese and English', async () => {
    const draft = await copy();
    const code = draft.definition.groups[0]!.indicators[0]!.code;
    const second = draft.definition.groups[0]!.indicators[1]!.code;
    const good = withLevels(draft.definition, [level('1', null), level('2', 2), level('3', 3)], [level('1', null), level('2', 1)]);
    const r = await put(ADMIN, draft.id, good);
    ok(r);
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition.groups[0].indicators[0].levels).toEqual(good.groups[0]!.indicators[0]!.levels);
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition.groups[0].indicators[1].levels).toEqual([level('1', null), level('2', 1)]);

    const cases: [FrameworkDefinition, { path: string; vi: string; en: string }][] = [
      [withLevels(draft.definition, [level('1', null), level('2', 3), level('3', 2)]),
        { path: 'definition.groups.0.indicators.0.levels.2.min', vi: `${code}: các ngưỡng phải tăng dần`, en: `${code}: thresholds must increase` }],
      [withLevels(draft.definition, [level('1', null), level('2', 2), level('3', 4)]),
        { path: 'definition.groups.0.indicators.0.levels.2.min', vi: `${code}: ngưỡng của mức "Mức 3" phải từ 0 đến 3`, en: `${code}: the threshold of level "Mức 3" must be between 0 and 3` }],
      [withLevels(draft.definition, [level('1', null), level('2', 2)], [level('1', null), level('2', 2)]),
        { path: 'definition.groups.0.indicators.1.levels.1.min', vi: `${second}: ngưỡng của mức "Mức 2" phải từ 0 đến 1`, en: `${second}: the threshold of level "Mức 2" must be between 0 and 1` }],
      [withLevels(draft.definition, [level('1', 1), level('2', 2)]),
        { path: 'definition.groups.0.indicators.0.levels.0.min', vi: `${code}: mức thấp nhất không có ngưỡng (min: null)`, en: `${code}: the lowest level has no threshold (min: null)` }],
    ];
    for (const [definition, want] of cases) {
      const vi = await put(ADMIN, draft.id, definition);
      expect(vi.statusCode, vi.body).toBe(422);
      expect(vi.json().title).toBe('Bộ chỉ số chưa hợp lệ');
      expect(vi.json().errors).toEqual([{ path: want.path, message: want.vi }]);
      const inEnglish = await call(ADMIN, 'PUT', `/api/v1/assessment-frameworks/${draft.id}/definition`, { definition }, en);
      expect(inEnglish.statusCode).toBe(422);
      expect(inEnglish.json().title).toBe('The framework is not valid');
      expect(inEnglish.json().errors).toEqual([{ path: want.path, message: want.en }]);
    }
    // a level without a name is refused by the shape, on its field
    const unnamed = withLevels(draft.definition, [level('1', null), { ...level('2', 2), label: '' }]);
    const shape = await put(ADMIN, draft.id, unnamed);
    expect(shape.statusCode).toBe(422);
    expect(shape.json().errors.map((e: { path: string }) => e.path)).toContain('definition.groups.0.indicators.0.levels.1.label');
    // nothing of the refused ones was written
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition).toEqual(r.json().definition);

    // removed: the indicator has no sub-scale any more
    const none = structuredClone(good);
    delete none.groups[0]!.indicators[0]!.levels;
    ok(await put(ADMIN, draft.id, none));
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition.groups[0].indicators[0]).not.toHaveProperty('levels');
  });

  it('a published version keeps them and refuses a change; a school\'s assessment carries them, and its live level follows its answers', async () => {
    const draft = await copy();
    const code = draft.definition.groups[0]!.indicators[0]!.code;
    const def = withLevels(draft.definition, [level('1', null), level('2', 2), level('3', 3)]);
    ok(await put(ADMIN, draft.id, def));
    ok(await call(ADMIN, 'POST', `/api/v1/assessment-frameworks/${draft.id}/publish`));
    const changed = withLevels(draft.definition, [level('1', null), level('2', 1)]);
    expect((await put(ADMIN, draft.id, changed)).statusCode).toBe(409);
    expect((await call(ADMIN, 'GET', `/api/v1/assessment-frameworks/${draft.id}`)).json().definition.groups[0].indicators[0].levels).toEqual(def.groups[0]!.indicators[0]!.levels);

    const opened = await call(DEPT, 'POST', '/api/v1/assessment-campaigns', {
      versionId: draft.id, year: 2026, title: 'Trường học an toàn (mức của chỉ số)', provinceCode: '11', kinds: ['school'], schoolLevels: ['thcs'],
      opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-15', publishOn: '2026-06-20',
    });
    ok(opened, 201);
    const list = await call(SCHOOL, 'GET', `/api/v1/assessments?campaignId=${opened.json().id}`);
    ok(list);
    const id = list.json().items[0].id as string;
    ok(await call(SCHOOL, 'PUT', `/api/v1/assessments/${id}/answers`, { answers: [{ code: `${code}.a`, value: true }, { code: `${code}.b`, value: true }] }));
    const a = (await call(SCHOOL, 'GET', `/api/v1/assessments/${id}`)).json() as AssessmentDetail;
    const ind = a.framework.groups[0]!.indicators[0]!;
    expect(ind.levels).toEqual(def.groups[0]!.indicators[0]!.levels);
    // the page's live score (the same rules): 2 of 3 points reach "Mức 2"; the third part reaches "Mức 3"
    const live = (answers: { code: string; value: boolean }[]) => indicatorLevel(ind, liveSelfScore(a.framework, answers, a.evidence).indicators);
    expect(live(a.answers.map((x) => ({ code: x.code, value: x.value as boolean })))).toEqual({ code: '2', label: 'Mức 2' });
    expect(live([...a.answers.map((x) => ({ code: x.code, value: x.value as boolean })), { code: `${code}.c`, value: true }])).toEqual({ code: '3', label: 'Mức 3' });
    expect(toScore(liveSelfScore(a.framework, a.answers, a.evidence))).toEqual(a.selfScore);
  });
});
