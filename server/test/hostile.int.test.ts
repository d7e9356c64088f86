import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPg, testApp, type TestContext } from './harness.js';
import type { Endpoint } from '../../contracts/http.js';
import { variantsSettled } from '../src/platform/files.js';

/**
 * The hostile corpus: every route the app registers, called as the public and as the
 * administrator, with hostile values in each path parameter, each query field and each body
 * field (and whole hostile bodies). Every answer must be below 500, a 4xx must be
 * problem+json, and a refused request must write nothing (no transaction that wrote commits
 * while it runs: checked on PGlite, whose transaction ids are this test's alone; a PostgreSQL
 * server shares them with every database it holds). The totals are printed for the note.
 */

let ctx: TestContext;
const routes: RouteOptions[] = [];

// ---------- the contracts: every endpoint with its schemas ----------

const endpoints = new Map<string, Endpoint>();
const dir = path.resolve(__dirname, '../../contracts');
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))) {
  const m = (await import(path.join(dir, f))) as Record<string, unknown>;
  for (const [k, v] of Object.entries(m)) {
    if (!k.endsWith('Api') || !v || typeof v !== 'object') continue;
    for (const e of Object.values(v as Record<string, Endpoint>)) endpoints.set(`${e.method} ${e.path}`, e);
  }
}
/** Routes registered outside the contracts. */
const EXTRA: Endpoint[] = [{ method: 'GET', path: '/api/health', summary: '', tags: [], responses: {} }];
// deletions last, so the records the other routes are called on still exist
const ALL = [...endpoints.values(), ...EXTRA].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

let tried = 0;
let fivexx = 0;
const walked = new Set<string>();
const fivexxSeen: string[] = [];
/** What the plausible request (no hostile value) of each route answered the administrator: how deep the corpus reaches. */
const baseline = new Map<string, number>();

beforeAll(async () => {
  ctx = await testApp({ onRoute: (r) => routes.push(r) });
  await setup();
});
afterAll(async () => {
  const ok = [...baseline.values()].filter((s) => s < 300).length;
  console.log(`hostile corpus: ${walked.size} routes, ${tried} requests (routes × inputs × public/admin), ${fivexx} answered 5xx; the plausible request of ${ok} of ${baseline.size} routes succeeds as the administrator`);
  if (fivexxSeen.length) console.log(fivexxSeen.join('\n'));
  await ctx?.close();
});

// ---------- the corpus ----------

const deepObject = (n: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};
const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
const MB = 'x'.repeat(1024 * 1024);

/** Hostile text, for path parameters, query fields and form fields (and as JSON strings in bodies). */
const TEXT: Record<string, string> = {
  nul: 'a\u0000b',
  'lone surrogate': 'a\uD800b',
  'long (1 MB)': MB,
  'forged cursor': forged,
  'nested JSON text': JSON.stringify(deepObject(50)),
  'not a uuid': 'not-a-uuid',
  'nil uuid': '00000000-0000-0000-0000-000000000000',
  'uuid, wrong version': '12345678-1234-9234-a234-123456789abc',
  "'null'": 'null',
  '../': '../',
  'date 0000-01-01': '0000-01-01',
  'date 9999-12-31': '9999-12-31',
  'date 2025-02-30': '2025-02-30',
  'date -0001-01-01': '-0001-01-01',
  'year 0': '0',
  'year -1': '-1',
  '1e309': '1e309',
  '2^63': '9223372036854775808',
  NaN: 'NaN',
  empty: '',
  'school year 0000-0001': '0000-0001',
  'javascript: url': 'javascript:alert(1)',
  'SQL quote': "' OR 1=1 --",
  __proto__: '__proto__',
};

/** Hostile JSON values for a body field, as raw JSON text (some are not what JSON.stringify would write). */
const JSON_VALUES: Record<string, Buffer> = {
  ...Object.fromEntries(Object.entries(TEXT).map(([k, v]) => [`"${k}"`, Buffer.from(JSON.stringify(v))])),
  'invalid UTF-8 bytes': Buffer.concat([Buffer.from('"a'), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]), Buffer.from('b"')]),
  'escaped lone surrogate': Buffer.from('"\\ud800"'),
  '1e309 (number)': Buffer.from('1e309'),
  '-1e309 (number)': Buffer.from('-1e309'),
  '2^63 (number)': Buffer.from('9223372036854775808'),
  '0 (number)': Buffer.from('0'),
  '-1 (number)': Buffer.from('-1'),
  '1.5 (number)': Buffer.from('1.5'),
  true: Buffer.from('true'),
  null: Buffer.from('null'),
  '{}': Buffer.from('{}'),
  '[]': Buffer.from('[]'),
  'array for a scalar': Buffer.from('["a","b"]'),
  'object with __proto__': Buffer.from('{"__proto__":{"polluted":true}}'),
  'object with constructor.prototype': Buffer.from('{"constructor":{"prototype":{"polluted":true}}}'),
  'nested 50 levels': Buffer.from(JSON.stringify(deepObject(50))),
  'array of 100,000': Buffer.from(JSON.stringify(Array.from({ length: 100_000 }, () => 'x'))),
};

/** Percent-encoded sequences that are not valid UTF-8 (or are otherwise hostile), sent raw in paths and queries. */
const RAW_ENCODED: Record<string, string> = {
  '%C0%80 (overlong NUL)': '%C0%80',
  '%FF': '%FF',
  '%ED%A0%80 (encoded surrogate)': '%ED%A0%80',
  '%00': '%00',
  '%E0%A4 (truncated)': '%E0%A4',
};

/** Whole bodies. */
const BODIES: Record<string, Buffer> = {
  'invalid UTF-8 body': Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  'not JSON': Buffer.from('{not json'),
  'JSON array': Buffer.from('[1,2,3]'),
  'JSON string': Buffer.from('"x"'),
  'JSON null': Buffer.from('null'),
  'JSON number': Buffer.from('1e309'),
  '__proto__ at the top': Buffer.from('{"__proto__":{"polluted":true},"a":1}'),
  'constructor.prototype at the top': Buffer.from('{"constructor":{"prototype":{"polluted":true}}}'),
  'nested 100,000 arrays': Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)),
  'nested 100,000 objects': Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)),
  'body of 3 MB': Buffer.from(JSON.stringify({ a: 'x'.repeat(3 * 1024 * 1024) })),
};

// ---------- a plausible request for each endpoint, to change one part at a time ----------

let ids: Record<string, string> = {};
let adminCookie = '';
let seq = 0;

type Def = { type: string; [k: string]: unknown };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function shapeOf(s: z.ZodType | undefined): Record<string, z.ZodType> | null {
  if (!s) return null;
  const d = def(s);
  if (d.type === 'object') return d.shape as Record<string, z.ZodType>;
  if (d.type === 'pipe') return shapeOf(d.in as z.ZodType);
  if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') return shapeOf(d.innerType as z.ZodType);
  return null;
}

/** A value the field would accept, guessed from its name and its schema. */
function sample(name: string, s: z.ZodType): unknown {
  const d = def(s);
  const n = name.toLowerCase();
  if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault' || d.type === 'readonly' || d.type === 'catch') return sample(name, d.innerType as z.ZodType);
  if (d.type === 'pipe') return sample(name, d.in as z.ZodType);
  if (d.type === 'enum') return Object.values(d.entries as Record<string, string>)[0];
  if (d.type === 'literal') return (d.values as unknown[])[0];
  if (d.type === 'boolean') return false;
  if (d.type === 'number' || d.type === 'int') return n.includes('year') ? 2026 : 1;
  if (d.type === 'array') return [sample(name, d.element as z.ZodType)];
  if (d.type === 'union') return sample(name, (d.options as z.ZodType[])[0]);
  if (d.type === 'object') return Object.fromEntries(Object.entries(d.shape as Record<string, z.ZodType>).map(([k, v]) => [k, sample(k, v)]));
  if (d.type !== 'string') return 'x';
  const format = d.format as string | undefined;
  if (format === 'uuid' || n.endsWith('id')) return ids[n] ?? ids.id;
  if (format === 'email' || n === 'email') return `hostile-${++seq}@ketnoi.test`;
  if (format === 'url' || n === 'website') return 'https://example.org';
  if (n === 'password') return 'mat-khau-dai-2026';
  if (n === 'provincecode' || n === 'oldprovincecode') return '11';
  if (n === 'communecode') return ids.communecode;
  if (n === 'schoolyear') return '2025-2026';
  if (n === 'code') return `HOSTILE-${++seq}`;
  if (n === 'asof' || n.endsWith('on') || n.endsWith('from') || n.endsWith('to') || n === 'period') return '2026-03-01';
  return 'Giá trị thử';
}

/** Plausible bodies where a guess from the schema would not pass (so the corpus reaches the service). */
const BASES: Record<string, () => Record<string, unknown>> = {
  'POST /api/v1/contributions': () => ({ schoolId: ids.schools, contributorId: ids.donors, category: 'books', form: 'in_kind', description: 'Sách tham khảo', valueVnd: 1_000_000 }),
  'POST /api/v1/donors/register': () => ({ organisationName: `Công ty Thử ${++seq}`, donorType: 'business', email: `hostile-${seq}@ketnoi.test`, password: 'mat-khau-dai-2026', displayName: 'Người thử' }),
  'POST /api/v1/agreements': () => ({ title: 'Biên bản thử', donorId: ids.donors, counterpartId: ids.organisations, committedValue: 100_000_000, periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: '2026-01-05' }),
};

function params(e: Endpoint | undefined, url: string): Record<string, string> {
  const shape = shapeOf(e?.params) ?? {};
  const out: Record<string, string> = {};
  for (const [, k] of url.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (k === 'code') out[k] = '11';
    else if (k === 'year') out[k] = '2026';
    else if (k === 'level') out[k] = 'school';
    else if (k === 'id' && url.startsWith('/api/v1/plans/')) out[k] = ids.planid;
    else if (shape[k]) out[k] = String(sample(k, shape[k]));
    else out[k] = ids.id;
    if (k === 'id') out[k] = ids[url.split('/')[3]] ?? out[k];
  }
  return out;
}

/** Percent-encoding as a browser would, except that a lone surrogate goes as its (invalid) UTF-8 bytes. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.split(/([\uD800-\uDFFF])/).map((x) => (/^[\uD800-\uDFFF]$/.test(x) ? '%ED%A0%80' : encodeURIComponent(x))).join('');
  }
};

const fill = (url: string, p: Record<string, string>, raw: Record<string, string> = {}) =>
  url.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) => raw[k] ?? enc(p[k]));

const qs = (q: Record<string, unknown>, raw = '') => {
  const parts = Object.entries(q).map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  if (raw) parts.push(raw);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** A JSON body with one field's value replaced by raw JSON text. */
function bodyWith(base: Record<string, unknown>, field: string, raw: Buffer): Buffer {
  const mark = `__HOSTILE_${field}__`;
  const text = JSON.stringify({ ...base, [field]: mark });
  const [before, after] = text.split(JSON.stringify(mark));
  return Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
}

function multipartOf(fields: Record<string, string>, withFile: boolean): { payload: Buffer; headers: Record<string, string> } {
  const b = '----hostile' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (withFile) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\nMã,Tên\r\nA,B\r\n\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

// ---------- the walk ----------

async function xmax(): Promise<bigint> {
  const r = await ctx.db.one<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
  return BigInt(r.x);
}

/** Transactions that wrote and committed between `from` and `to`. */
async function committedBetween(from: bigint, to: bigint): Promise<number> {
  let n = 0;
  for (let x = from; x < to; x++) {
    const r = await ctx.db.one<{ s: string | null }>('SELECT pg_xact_status($1::text::xid8) AS s', [x.toString()]);
    if (r.s === 'committed') n++;
  }
  return n;
}

async function setup() {
  const row = async (sql: string) => (await ctx.db.one<{ id: string }>(sql)).id;
  ids = {
    id: '00000000-0000-4000-8000-000000000001',
    schools: await row("SELECT organisation_id AS id FROM school WHERE province_code = '11' ORDER BY code LIMIT 1"),
    needs: await row('SELECT id FROM need ORDER BY id LIMIT 1'),
    contributions: await row('SELECT id FROM contribution ORDER BY id LIMIT 1'),
    donors: await row('SELECT organisation_id AS id FROM donor_profile ORDER BY 1 LIMIT 1'),
    organisations: await row("SELECT id FROM organisation WHERE province_code = '11' ORDER BY id LIMIT 1"),
    agreements: await row('SELECT id FROM agreement ORDER BY id LIMIT 1').catch(() => ''),
    notifications: await row('SELECT id FROM notification ORDER BY id LIMIT 1').catch(() => ''),
    files: await row('SELECT id FROM stored_file ORDER BY id LIMIT 1').catch(() => ''),
    tasks: await row('SELECT id FROM plan_task ORDER BY id LIMIT 1'),
    assignments: await row('SELECT id FROM task_assignment ORDER BY id LIMIT 1'),
    targets: await row('SELECT id FROM plan_target ORDER BY id LIMIT 1'),
    planid: await row('SELECT id FROM plan ORDER BY id LIMIT 1'),
    communecode: await row("SELECT code AS id FROM area WHERE level = 'commune' AND era = 'current' AND code IN (SELECT commune_code FROM school WHERE province_code = '11') LIMIT 1"),
  };
  ids.twinning = await row('SELECT id FROM twinning_pair ORDER BY id LIMIT 1').catch(() => ids.id);
  // the assessments' routes on real records (a published version, a campaign, a school's assessment), not only on an unknown id
  ids['assessment-frameworks'] = await row("SELECT id FROM assessment_framework_version WHERE state = 'published' ORDER BY id LIMIT 1").catch(() => ids.id);
  ids['assessment-campaigns'] = await row('SELECT id FROM assessment_campaign ORDER BY id LIMIT 1').catch(() => ids.id);
  ids.assessments = await row("SELECT id FROM assessment WHERE state = 'draft' ORDER BY id LIMIT 1").catch(() => ids.id);
  for (const [k, v] of Object.entries(ids)) if (!v) ids[k] = ids.id;
  ids.schoolid = ids.schools;
  ids.needid = ids.needs;
  ids.donorid = ids.donors;
  ids.organisationid = ids.organisations;
  ids.orgid = ids.organisations;
  ids.public = ids.schools;
  adminCookie = await ctx.cookie('quantri@ketnoi.demo');
  // The sign-in layer writes a session's last_seen_at at most every SESSION_TOUCH_MINUTES; the walk takes
  // longer than that, and the touch would commit during whichever request came then. Seen from the
  // future, the session is never stale during the walk, so every commit counted below is a request's own.
  await ctx.db.query(`UPDATE user_session SET last_seen_at = now() + interval '1 day' WHERE user_id = (SELECT id FROM app_user WHERE email = 'quantri@ketnoi.demo')`);
  if (!isPg()) last = await xmax();
}

let last = 0n;

/** One request of the walk: below 500, problem+json when refused, and nothing written by a refusal. */
async function send(route: string, input: string, who: 'public' | 'admin', opts: InjectOptions, writesAllowed: boolean, failures: string[]) {
  const res = await ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(who === 'admin' ? { cookie: adminCookie } : {}) } });
  tried++;
  walked.add(route);
  const fail = (why: string) => failures.push(`${res.statusCode} ${who} ${route} [${input}] ${why}: ${res.body.slice(0, 200)}`);
  if (res.statusCode >= 500) {
    fivexx++;
    fivexxSeen.push(`${res.statusCode} ${who} ${route} [${input}]`);
    fail('5xx');
  }
  // a photo stored by an accepted request gets its copies after its commit: those writes belong to that request
  await variantsSettled();
  const now = isPg() ? 0n : await xmax();
  if (res.statusCode >= 400) {
    if (!String(res.headers['content-type']).includes('application/problem+json')) fail('not problem+json');
    if (!writesAllowed && !isPg() && now > last) {
      const n = await committedBetween(last, now);
      if (n > 0) fail(`refused yet ${n} transaction(s) committed`);
    }
  }
  last = now;
}

async function walk(e: Endpoint): Promise<string[]> {
  const failures: string[] = [];
  const method = e.method as InjectOptions['method'];
  const url = e.path;
  const key = `${method} ${url}`;
  // signing out as the administrator would end the session the walk uses
  const actors: ('public' | 'admin')[] = key === 'POST /api/v1/auth/sign-out' ? ['public'] : ['public', 'admin'];
  // a failed sign-in, and a wrong current password on a password change, are recorded (that is
  // the point of the counters against guessing)
  const writesAllowed = key === 'POST /api/v1/auth/sign-in' || key === 'POST /api/v1/auth/password';
  const go = (input: string, who: 'public' | 'admin', opts: InjectOptions) => send(key, input, who, opts, writesAllowed, failures);
  const p = params(e, url);
  const qShape = shapeOf(e.query) ?? {};
  const q = Object.fromEntries(Object.entries(qShape).filter(([k]) => k !== 'cursor' && k !== 'format').map(([k, v]) => [k, sample(k, v)]).filter(([, v]) => v !== undefined));
  const bodySchema = e.body ?? e.form;
  const bShape = shapeOf(bodySchema) ?? {};
  const base = BASES[key]?.() ?? (bodySchema ? (sample('body', bodySchema) as Record<string, unknown>) : {});
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const plainBody: Pick<InjectOptions, 'payload' | 'headers'> = hasBody ? { payload: Buffer.from(JSON.stringify(base)), headers: { 'content-type': 'application/json' } } : {};

  for (const who of actors) {
    if (who === 'admin') {
      const res = await ctx.app.inject({ method, url: fill(url, p) + qs(q), ...plainBody, headers: { ...(plainBody.headers ?? {}), cookie: adminCookie } });
      baseline.set(key, res.statusCode);
      if (!isPg()) last = await xmax();
    }
    // path parameters
    for (const k of Object.keys(p)) {
      for (const [name, v] of Object.entries(TEXT)) await go(`param ${k}: ${name}`, who, { method, url: fill(url, p, { [k]: enc(v) }) + qs(q), ...plainBody });
      for (const [name, v] of Object.entries(RAW_ENCODED)) await go(`param ${k}: ${name}`, who, { method, url: fill(url, p, { [k]: v }) + qs(q), ...plainBody });
    }
    // query fields: each known one, plus repeated keys and keys that pollute prototypes
    for (const k of Object.keys(qShape)) {
      const rest = Object.fromEntries(Object.entries(q).filter(([x]) => x !== k));
      for (const [name, v] of Object.entries(TEXT)) await go(`query ${k}: ${name}`, who, { method, url: fill(url, p) + qs({ ...rest, [k]: v }), ...plainBody });
      for (const [name, v] of Object.entries(RAW_ENCODED)) await go(`query ${k}: ${name}`, who, { method, url: fill(url, p) + qs(rest, `${k}=${v}`), ...plainBody });
      await go(`query ${k}: array`, who, { method, url: fill(url, p) + qs(rest, `${k}=a&${k}=b`), ...plainBody });
    }
    for (const raw of ['__proto__=x', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'constructor=x', '%FF=%FF', `${'k'.repeat(10_000)}=v`]) {
      await go(`query ${raw.slice(0, 40)}`, who, { method, url: fill(url, p) + qs(q, raw), ...plainBody });
    }
    if (!hasBody) continue;
    // body fields: JSON, and as multipart for the endpoints that read a form
    for (const k of Object.keys(bShape)) {
      for (const [name, v] of Object.entries(JSON_VALUES)) await go(`body ${k}: ${name}`, who, { method, url: fill(url, p), payload: bodyWith(base, k, v), headers: { 'content-type': 'application/json' } });
      if (e.form) {
        const fields = Object.fromEntries(Object.entries(base).map(([x, v]) => [x, typeof v === 'string' ? v : JSON.stringify(v)]));
        for (const [name, v] of Object.entries(TEXT)) await go(`form ${k}: ${name}`, who, { method, url: fill(url, p), ...multipartOf({ ...fields, [k]: v }, true) });
      }
    }
    for (const [name, b] of Object.entries(BODIES)) await go(`body: ${name}`, who, { method, url: fill(url, p), payload: b, headers: { 'content-type': 'application/json' } });
    await go('body: wrong content type', who, { method, url: fill(url, p), payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await go('body: multipart without boundary', who, { method, url: fill(url, p), payload: '--x\r\n', headers: { 'content-type': 'multipart/form-data' } });
  }
  return failures;
}

describe('the hostile corpus', () => {
  for (const e of ALL) {
    it(`${e.method} ${e.path}`, async () => {
      const t = performance.now();
      const before = tried;
      const failures = await walk(e);
      if (process.env.HOSTILE_PROGRESS) fs.appendFileSync(process.env.HOSTILE_PROGRESS, `${e.method} ${e.path}: plausible request ${baseline.get(`${e.method} ${e.path}`)}, ${tried - before} requests, ${Math.round(performance.now() - t)} ms, ${failures.length} failures\n${failures.slice(0, 40).join('\n')}\n`);
      expect(failures.slice(0, 30)).toEqual([]);
    }, 300_000);
  }

  it('walked every route the app registers, and no prototype was polluted', () => {
    const registered = routes.filter((r) => String(r.url).startsWith('/api/') && !String(r.url).startsWith('/api/docs') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(90);
    expect(registered.filter((k) => !walked.has(k))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fivexx).toBe(0);
  });
});
