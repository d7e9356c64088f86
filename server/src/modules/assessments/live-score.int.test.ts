import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';
import type { AnswerValue, AssessmentDetail, AssessmentSummary } from '../../../../contracts/assessments.js';
import { answerable, selfScoreOf } from '../../../../contracts/assessment-scoring.js';

/**
 * The self-assessment page scores the answers as they are typed with contracts/assessment-scoring
 * (the same module the server imports): on every demo assessment, and after a school changes its
 * answers and evidence, the page's live score is exactly the score the server saved.
 */
const clock = fixedClock('2026-10-01T03:00:00Z');
let ctx: TestContext;
const call = caller(() => ctx);
const MINISTRY = 'dieuphoi@ketnoi.demo';
const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';
const ok = (r: { statusCode: number; body: string }, code = 200) => expect(r.statusCode, r.body).toBe(code);

beforeAll(async () => { ctx = await testApp({ clock }); });
afterAll(async () => { await ctx.close(); });

/** What the page computes: every answerable indicator with the value on screen (none: null), and the evidence attached. */
const webScore = (a: AssessmentDetail, values: ReadonlyMap<string, AnswerValue> = new Map(a.answers.map((x) => [x.code, x.value]))) =>
  selfScoreOf(a.framework, answerable(a.framework).map((i) => ({ code: i.code, value: values.get(i.code) ?? null })), a.evidence);

describe('the live score of the self-assessment page', () => {
  it('equals the saved score of every demo assessment, as detail and as the stored points and result', async () => {
    const list: AssessmentSummary[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(MINISTRY, 'GET', `/api/v1/assessments?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ok(r);
      list.push(...r.json().items);
      cursor = r.json().nextCursor;
    } while (cursor);
    const answered = list.filter((a) => a.state !== 'draft' || a.selfPoints > 0);
    expect(answered.length).toBeGreaterThan(20);
    const frameworks = new Set<string>();
    for (const s of answered) {
      const a = (await call(MINISTRY, 'GET', `/api/v1/assessments/${s.id}`)).json() as AssessmentDetail;
      frameworks.add(a.framework.key);
      const live = webScore(a);
      expect(live, a.id).toEqual(a.selfScore);
      expect(live.points).toBe(s.selfPoints);
      expect(live.result.code).toBe(s.selfResult);
    }
    // both result rules: levels per group (4725) and the pass rule (Thông tư 18/2023)
    expect([...frameworks].sort()).toEqual(['cds-truong-4725', 'truong-an-toan-tt18']);
  });

  it('equals what the server saves as a school changes its answers', async () => {
    const mine = (await call(SCHOOL, 'GET', '/api/v1/assessments')).json().items as AssessmentSummary[];
    const own = mine.find((a) => a.campaignTitle.includes('an toàn'))!;
    let a = (await call(SCHOOL, 'GET', `/api/v1/assessments/${own.id}`)).json() as AssessmentDetail;
    expect(a.can.answer).toBe(true);
    const codes = answerable(a.framework).map((i) => i.code);
    // three rounds: everything yes, one mandatory criterion no, then 80% exactly (the pass rule's edge)
    const rounds: Map<string, AnswerValue>[] = [
      new Map(codes.map((c) => [c, true])),
      new Map(codes.map((c, n) => [c, n !== 0])),
      new Map(codes.map((c, n) => [c, n < Math.ceil(codes.length * 0.8)])),
    ];
    for (const values of rounds) {
      const typed = webScore(a, values);
      const r = await call(SCHOOL, 'PUT', `/api/v1/assessments/${a.id}/answers`, { answers: [...values].map(([code, value]) => ({ code, value })) });
      ok(r);
      a = r.json() as AssessmentDetail;
      expect(typed).toEqual(a.selfScore);
      expect(typed.points).toBe(a.selfPoints);
      expect(typed.result.code).toBe(a.selfResult);
    }
    expect(new Set(rounds.map((v) => webScore(a, v).result.code))).toEqual(new Set(['dat', 'khong_dat']));
  });
});
