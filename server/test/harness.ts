import fs from 'node:fs';
import crypto from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import type { Db } from '../src/platform/db.js';
import { openPglite, openPostgres } from '../src/platform/db.js';
import { buildApp, type BuildOptions } from '../src/app.js';
import type { Clock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
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

export interface TestContext {
  app: App;
  db: Db;
  /** Cookie header of a demo account, by e-mail or by role (first account with that role). */
  cookie(who: string): Promise<string>;
  close(): Promise<void>;
}

export async function testApp(opts: { clock?: Clock; onRoute?: BuildOptions['onRoute']; poolSize?: number; logger?: BuildOptions['logger'] } = {}): Promise<TestContext> {
  const { poolSize, ...build } = opts;
  const db = await freshDb(poolSize);
  const app = await buildApp({ db, config: { ...loadConfig({}), demoData: false }, ...build });
  await app.ready();
  const cookies = new Map<string, string>();
  return {
    app,
    db,
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
      await db.close();
    },
  };
}

export const isPg = () => inject('dbTarget') === 'pg';
