import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { caller, PNG } from './calls.js';
import { storeFile } from '../src/platform/files.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });
const call = caller(() => ctx);

/** The protective headers every answer carries. */
function expectProtected(h: Record<string, unknown>) {
  const csp = String(h['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("worker-src 'self' blob:");
  expect(csp).toContain("object-src 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
}

describe('security headers', () => {
  it('a JSON answer with personal data: protected and never stored', async () => {
    const r = await call('admin', 'GET', '/api/v1/auth/me');
    expect(r.statusCode).toBe(200);
    expectProtected(r.headers);
    expect(r.headers['cache-control']).toBe('no-store');
    // no HSTS over plain http (PUBLIC_URL is not https here)
    expect(r.headers['strict-transport-security']).toBeUndefined();
    // errors too
    const e = await call(null, 'GET', '/api/v1/accounts');
    expect(e.statusCode).toBe(401);
    expectProtected(e.headers);
    expect(e.headers['cache-control']).toBe('no-store');
  });

  it('public, cacheable answers and public file downloads keep their caching; private files are not stored', async () => {
    const pub = await call(null, 'GET', '/api/v1/public/stats');
    expect(pub.statusCode).toBe(200);
    expectProtected(pub.headers);
    // the public stats are cached briefly and revalidated by their ETag (a 304 when nothing changed)
    expect(pub.headers['cache-control']).toBe('public, max-age=30');
    expect(pub.headers.etag).toBeTruthy();
    const need = await ctx.db.one<{ id: string }>(`SELECT id FROM need WHERE state = 'published' LIMIT 1`);
    const open = await storeFile(ctx.db, null, 'anh-cong-khai.png', PNG, { owner: { kind: 'need', id: need.id }, public: true, neutralName: 'anh-nhu-cau' });
    const file = await call(null, 'GET', `/api/v1/files/${open.id}`);
    expect(file.statusCode).toBe(200);
    expectProtected(file.headers);
    expect(file.headers['cache-control']).toBe('public, max-age=600');
    const agreement = await ctx.db.one<{ id: string }>('SELECT id FROM agreement LIMIT 1');
    const closed = await storeFile(ctx.db, null, 'bien-ban.png', PNG, { owner: { kind: 'agreement', id: agreement.id } });
    const priv = await call('admin', 'GET', `/api/v1/files/${closed.id}`);
    expect(priv.statusCode).toBe(200);
    expectProtected(priv.headers);
    expect(priv.headers['cache-control']).toBe('private, no-store');
  });

  it('a page (the API documentation) is protected and cannot be framed', async () => {
    const r = await call(null, 'GET', '/api/docs/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expectProtected(r.headers);
    // its scripts are files of its own, not inline
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const https = await testApp({ db: ctx.db, config: { publicUrl: 'https://ketnoi.example' } });
    try {
      const r = await https.app.inject({ method: 'GET', url: '/api/health' });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(r.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      // a write from PUBLIC_URL's origin is this site's, whatever Host the proxy passed on
      const w = await https.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'ai@ketnoi.test' }, headers: { origin: 'https://ketnoi.example', host: '10.0.0.7:3000' } });
      expect(w.statusCode).toBe(202);
    } finally {
      await https.close();
    }
  });
});

describe('writes need this site\'s Origin', () => {
  const body = { email: 'ai@ketnoi.test' };
  it('refuses a write without Origin and one from another site, signed in or not; accepts its own', async () => {
    for (const origin of [undefined, 'https://evil.example', 'null', 'http://localhost.evil.example', 'file://', 'http://localhost:8080']) {
      const r = await call(null, 'POST', '/api/v1/auth/password-reset', body, { origin });
      expect(r.statusCode, String(origin)).toBe(403);
      expect(r.json().title).toBe('Yêu cầu từ trang khác bị từ chối');
    }
    const signedIn = await call('admin', 'POST', '/api/v1/auth/sign-out', undefined, { origin: undefined });
    expect(signedIn.statusCode).toBe(403);
    expect((await call('admin', 'GET', '/api/v1/auth/me')).json().user.email).toBe('quantri@ketnoi.demo');
    const patch = await call('admin', 'PATCH', '/api/v1/donors/00000000-0000-4000-8000-000000000000', {}, { origin: undefined });
    expect(patch.statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/v1/auth/password-reset', body)).statusCode).toBe(202);
    expect((await call(null, 'POST', '/api/v1/auth/password-reset', body, { origin: 'http://localhost:80' })).statusCode).toBe(202);
    // reads need no Origin
    expect((await call(null, 'GET', '/api/v1/auth/me', undefined, { origin: undefined })).statusCode).toBe(200);
  });
});
