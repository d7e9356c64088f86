import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { multipart } from './calls.js';

/**
 * Every route has its contract: a response schema for its success status (which also serialises
 * the answer, so nothing undeclared leaves the server), and the OpenAPI document describes it.
 */
let ctx: TestContext;
const routes: RouteOptions[] = [];

beforeAll(async () => {
  ctx = await testApp({ onRoute: (r) => routes.push(r) });
});
afterAll(async () => ctx?.close());

const api = () => routes.filter((r) => String(r.url).startsWith('/api/') && !String(r.url).startsWith('/api/docs'));
const key = (r: RouteOptions) => `${[r.method].flat().join(',')} ${r.url}`;

describe('contracts', () => {
  it('every API route declares a response schema for its success status', () => {
    expect(api().length).toBeGreaterThan(90);
    const missing = api()
      .filter((r) => r.method !== 'HEAD')
      .filter((r) => {
        const response = (r.schema as { response?: Record<string, unknown> } | undefined)?.response;
        return !response || !Object.keys(response).some((s) => /^2\d\d$/.test(s));
      })
      .map(key);
    expect(missing).toEqual([]);
  });

  it('the OpenAPI document lists every route with its answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    for (const r of api().filter((x) => x.method !== 'HEAD')) {
      const path = String(r.url).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[String(r.method).toLowerCase()];
      expect(op, key(r)).toBeDefined();
      expect(Object.keys(op!.responses ?? {}).some((s) => /^2\d\d$/.test(s)), key(r)).toBe(true);
    }
  });

  it('answers validation errors as problem+json in Vietnamese, and in English when asked', async () => {
    const cookie = await ctx.cookie('quantri@ketnoi.demo');
    const send = (code: string, flags: string[], lang?: string) =>
      ctx.app.inject({ method: 'PUT', url: `/api/v1/areas/${code}/flags`, headers: { cookie, ...(lang ? { 'accept-language': lang } : {}) }, payload: { flags } });
    const badFlag = await send('01', ['nowhere']);
    expect(badFlag.statusCode).toBe(422);
    expect(badFlag.headers['content-type']).toContain('application/problem+json');
    expect(badFlag.json().title).toBe('Dữ liệu không hợp lệ');
    expect(badFlag.json().errors).toEqual([{ path: 'flags.0', message: 'Giá trị không nằm trong danh sách cho phép' }]);
    expect((await send('011', [])).json().errors).toEqual([{ path: 'code', message: 'Mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số)' }]);
    const en = await send('01', ['nowhere'], 'en-US,en;q=0.9');
    expect(en.statusCode).toBe(422);
    expect(en.json().title).toBe('Invalid data');
    expect(en.json().errors).toEqual([{ path: 'flags.0', message: 'Not one of the allowed values' }]);
    expect((await send('011', [], 'en')).json().errors).toEqual([{ path: 'code', message: 'A province code (2 digits) or a commune code (5 digits)' }]);
    const denied = await ctx.app.inject({ method: 'PUT', url: '/api/v1/areas/01/flags', headers: { 'accept-language': 'en' }, payload: { flags: [] } });
    expect(denied.statusCode).toBe(401);
    expect(denied.json().title).toBe('You need to sign in to do this');
  });

  it('reads a form with files through its contract: no file, an empty file, then a field error', async () => {
    const cookie = await ctx.cookie('quantri@ketnoi.demo');
    const send = async (files: { filename: string; type: string; data: Buffer }[]) => {
      const [payload, headers] = multipart({}, files);
      return ctx.app.inject({ method: 'POST', url: '/api/v1/areas/flags/import', payload, headers: { ...headers, cookie } });
    };
    const none = await send([]);
    expect(none.statusCode).toBe(400);
    expect(none.json().title).toBe('Chưa chọn tệp');
    const empty = await send([{ filename: 'dac-diem.csv', type: 'text/csv', data: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().title).toBe('Tệp rỗng');
    // a form's fields are validated by the contract like a JSON body: 422 with the field named
    const [payload, headers] = multipart({ action: 'nothing' }, []);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions/00000000-0000-4000-8000-000000000001/transitions', payload, headers: { ...headers, cookie, 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('action');
  });

  it('refuses a NUL character or absurd nesting anywhere with a 400, never a 500, and writes nothing', async () => {
    const cookie = await ctx.cookie('truong.dienbien@ketnoi.demo');
    const school = (await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().user.organisation.id;
    const needs = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM need')).n);
    const before = await needs();
    const body = { schoolId: school, category: 'books', title: 'Sách\u0000 giáo khoa', quantity: 10, unit: 'bộ', estimatedCost: 1_000_000, priority: 'normal' };
    const nul = await ctx.app.inject({ method: 'POST', url: '/api/v1/needs', headers: { cookie }, payload: body });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().title).toBe('Dữ liệu chứa ký tự không hợp lệ');
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const nested = await ctx.app.inject({ method: 'POST', url: '/api/v1/needs', headers: { cookie, 'accept-language': 'en' }, payload: { ...body, title: 'Sách giáo khoa', description: deep } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().title).toBe('The data is nested too deeply');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/needs?q=s%00ach' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/needs/%00' })).statusCode).toBe(400);
    const [payload, headers] = multipart({ action: 'cancel', reason: 'huỷ\u0000' }, []);
    const form = await ctx.app.inject({ method: 'POST', url: '/api/v1/contributions/00000000-0000-4000-8000-000000000001/transitions', payload, headers: { ...headers, cookie } });
    expect(form.statusCode).toBe(400);
    expect(await needs()).toBe(before);
  });

  it('answers a forged cursor with a 400 on every paged list, whatever its parts hold', async () => {
    const admin = await ctx.cookie('quantri@ketnoi.demo');
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const lists = ['/api/v1/schools', '/api/v1/organisations', '/api/v1/accounts', '/api/v1/notifications', '/api/v1/twinning/pairs', '/api/v1/contributions',
      '/api/v1/donors', '/api/v1/agreements', '/api/v1/needs', '/api/v1/tasks/overdue', '/api/v1/plans/kh-29-bgddt-2021/tasks'];
    const cursors = ['not-base64!', forged(['x']), forged(['x', 'not-a-uuid']), forged([1, 2, 3, 4, 5]), forged([null, null]), forged([{ a: 1 }, []]), forged(['a\u0000', 'b'])];
    for (const url of lists) {
      for (const c of cursors) {
        const res = await ctx.app.inject({ method: 'GET', url: `${url}?cursor=${encodeURIComponent(c)}`, headers: { cookie: admin } });
        expect(res.statusCode, `${url} cursor ${c}`).toBe(400);
      }
    }
    // lists keyed by a moment refuse one that does not exist
    const badMoment = forged(['2026-13-45T99:00:00', '00000000-0000-4000-8000-000000000001']);
    for (const url of ['/api/v1/notifications', '/api/v1/twinning/pairs', '/api/v1/contributions']) {
      expect((await ctx.app.inject({ method: 'GET', url: `${url}?cursor=${badMoment}`, headers: { cookie: admin } })).statusCode, url).toBe(400);
    }
  });
});
