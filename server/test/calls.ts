import { SAME_ORIGIN, type TestContext } from './harness.js';

/**
 * Calls of the API as a demo account (by e-mail or role) or as the public (null). Writes carry the
 * app's own Origin, as a browser's do, unless `headers` sets one (`origin: undefined`: none).
 */
export function caller(ctx: () => TestContext) {
  return async (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string | undefined> = {}) => {
    // `origin: undefined` stays in the headers: testApp's inject then sends no Origin at all
    const h: Record<string, string | undefined> = { ...(method !== 'GET' && !('origin' in headers) ? { origin: SAME_ORIGIN } : {}), ...headers, ...(who ? { cookie: await ctx().cookie(who) } : {}) };
    return ctx().app.inject({ method, url, payload: payload as never, headers: h as Record<string, string> });
  };
}

/** A real 1×1 PNG: stored photos are decoded (to make their smaller copies). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A multipart body with fields and files (field "files"), as [payload, headers] for `call(...)`. */
export function multipart(fields: Record<string, string>, files: { filename: string; type: string; data: Buffer }[]): [Buffer, Record<string, string>] {
  const b = '----kn' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return [Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${b}` }];
}

/**
 * Register a donor as the public does (202, nothing revealed), then sign in with the password it
 * chose: its session cookie and organisation id.
 */
export async function registerDonor(ctx: TestContext, payload: Record<string, unknown> & { email: string; password: string }): Promise<{ cookie: string; id: string }> {
  const reg = await ctx.app.inject({ method: 'POST', url: '/api/v1/donors/register', payload });
  if (reg.statusCode !== 202) throw new Error(`register ${payload.email}: ${reg.statusCode} ${reg.body}`);
  const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: payload.email, password: payload.password } });
  if (signIn.statusCode !== 200) throw new Error(`sign-in ${payload.email}: ${signIn.statusCode} ${signIn.body}`);
  return { cookie: `kn_session=${signIn.cookies.find((c) => c.name === 'kn_session')!.value}`, id: signIn.json().user.organisation.id };
}
