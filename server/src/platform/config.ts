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
  };
}
