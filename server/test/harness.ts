import fs from 'node:fs';
import crypto from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import type { Db } from '../src/platform/db.js';
import { openPglite, openPostgres } from '../src/platform/db.js';
import { buildApp, type BuildOptions } from '../src/app.js';
import type { Clock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import type { Mailer } from '../src/platform/mail.js';
import { TEST_SCRYPT_N } from './hashing.js';
import type { App } from '../src/platform/http.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js';

/** A fresh copy of the demo database for one test file, on the engine the run targets. */
export async function freshDb(poolSize = 4): Promise<Db> {
  if (inject('dbTarget') === 'pglite') {
    const buf = fs.readFileSync(inject('pgliteDump'));
    return openPglite(undefined, new Blob([buf]));
  }
  const name = `kn_t_${inject('pgTemplate').replace('kn_tpl_', '')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  await admin.end();
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = '/' + name;
  const db = await openPostgres(url.toString(), poolSize);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  };
  return db;
}

/** An e-mail the app sent (tests read them from ctx.mail). */
export interface SentMail { to: string[]; subject: string; text: string }

/** The Origin a browser on the app's own page sends (light-my-request's host is localhost:80). */
export const SAME_ORIGIN = 'http://localhost';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes made with app.inject carry the app's own Origin, as a browser's would, unless the test
 * sets one: `origin: 'https://evil.example'`, or `origin: undefined` for a request without any.
 */
function withOriginByDefault(app: App): void {
  const inject = app.inject.bind(app) as (...a: unknown[]) => unknown;
  (app as unknown as { inject: (...a: unknown[]) => unknown }).inject = (opts?: unknown, ...rest: unknown[]) => {
    if (opts && typeof opts === 'object') {
      const o = opts as { method?: string; headers?: Record<string, unknown> };
      const headers = { ...(o.headers ?? {}) };
      if (!('origin' in headers)) {
        if (WRITES.has(String(o.method ?? 'GET').toUpperCase())) headers.origin = SAME_ORIGIN;
      } else if (headers.origin === undefined) delete headers.origin;
      opts = { ...o, headers };
    }
    return inject(opts, ...rest);
  };
}

export interface TestContext {
  app: App;
  db: Db;
  /** E-mails the app sent, oldest first. */
  mail: SentMail[];
  /** Cookie header of a demo account, by e-mail or by role (first account with that role). */
  cookie(who: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * An app on a fresh copy of the demo database. Passwords are hashed at the test cost
 * (TEST_SCRYPT_N) and the per-address limit of the sign-in routes is lifted (many sign-ins come
 * from one address); tests of those pass `config`. E-mails are kept in `mail`.
 */
export async function testApp(opts: { clock?: Clock; onRoute?: BuildOptions['onRoute']; config?: Partial<Config>; db?: Db; poolSize?: number; logger?: BuildOptions['logger'] } = {}): Promise<TestContext> {
  const db = opts.db ?? await freshDb(opts.poolSize);
  const mail: SentMail[] = [];
  const mailer: Mailer = { enabled: true, send: async (to, subject, text) => { mail.push({ to, subject, text }); } };
  const config: Config = { ...loadConfig({}), demoData: false, scryptN: TEST_SCRYPT_N, authRatePerMinute: 100_000, ...opts.config };
  const app = await buildApp({ db, config, mailer, clock: opts.clock, onRoute: opts.onRoute, logger: opts.logger });
  withOriginByDefault(app);
  await app.ready();
  const cookies = new Map<string, string>();
  return {
    app,
    db,
    mail,
    async cookie(who: string) {
      const email = who.includes('@') ? who : DEMO_ACCOUNTS.find((a) => a.role === who)?.email;
      if (!email) throw new Error(`No demo account for ${who}`);
      if (cookies.has(email)) return cookies.get(email)!;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'kn_session')!;
      const header = `kn_session=${c.value}`;
      cookies.set(email, header);
      return header;
    },
    async close() {
      await app.close();
      if (!opts.db) await db.close();
    },
  };
}

export const isPg = () => inject('dbTarget') === 'pg';
