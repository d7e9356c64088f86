import path from 'node:path';

/** Settings come from the environment only; the README documents each one. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL 15+ URL; absent means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Origin the app is served at, used for cookies' Secure flag. */
  publicUrl: string | undefined;
  /** Load demo organisations, schools and accounts into an empty database. */
  demoData: boolean;
  logLevel: string;
  /** SMTP server for e-mail notifications (smtp://user:pass@host:587); absent = in-app only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Run scheduled jobs (reminders) in this process. */
  jobs: boolean;
  /**
   * Proxies whose X-Forwarded-For / -Host / -Proto are believed: false (none, the default), or
   * their addresses and CIDR ranges (TRUST_PROXY=10.0.0.5,10.1.0.0/16).
   */
  trustProxy: false | string[];
  /** A session unused for this many hours ends (SESSION_IDLE_HOURS, default 8). */
  sessionIdleHours: number;
  /** Requests per minute per client address to the sign-in, registration and password routes. */
  authRatePerMinute: number;
  /** scrypt cost (N) of new password hashes; 2^17. Hashes with other parameters are redone at sign-in. */
  scryptN: number;
  /**
   * Days a closed support case keeps its identities and notes before the retention job anonymises
   * it (CASE_RETENTION_DAYS, default 1825: five years; statistics are kept).
   */
  caseRetentionDays: number;
  /** how long a public answer (portal totals, a school's or donor's public page) is shared by its askers; 0: not at all */
  publicCacheSeconds: number;
}

export const SCRYPT_N = 2 ** 17;

/**
 * TRUST_PROXY: empty = trust no proxy; otherwise the proxies' addresses or CIDR ranges,
 * comma-separated (a hop count is refused: it cannot tell a proxy from a client that forges the header).
 */
export function parseTrustProxy(v: string | undefined): false | string[] {
  const s = (v ?? '').trim();
  if (!s || s === 'false') return false;
  if (/^\d+$/.test(s)) throw new Error(`TRUST_PROXY cần địa chỉ hoặc dải CIDR của proxy, không phải số bước: ${s}`);
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(x) && !['loopback', 'linklocal', 'uniquelocal'].includes(x)) throw new Error(`TRUST_PROXY không hợp lệ: ${x}`);
  }
  return list;
}

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} không hợp lệ: ${v}`);
  return n;
}

function nonNegative(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} không hợp lệ: ${v}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT không hợp lệ: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    publicUrl: env.PUBLIC_URL || undefined,
    demoData: (env.DEMO_DATA ?? 'true') !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'KếtNối <no-reply@ketnoi.local>',
    jobs: (env.JOBS ?? 'true') !== 'false',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionIdleHours: positive('SESSION_IDLE_HOURS', env.SESSION_IDLE_HOURS, 8),
    authRatePerMinute: positive('AUTH_RATE_PER_MINUTE', env.AUTH_RATE_PER_MINUTE, 20),
    scryptN: SCRYPT_N,
    caseRetentionDays: positive('CASE_RETENTION_DAYS', env.CASE_RETENTION_DAYS, 1825),
    publicCacheSeconds: nonNegative('PUBLIC_CACHE_SECONDS', env.PUBLIC_CACHE_SECONDS, 5),
  };
}
