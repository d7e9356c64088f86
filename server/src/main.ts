import { loadConfig } from './platform/config.js';
import { keepStatistics, openDb } from './platform/db.js';
import { migrate } from './platform/migrate.js';
import { buildApp } from './app.js';
import { warmServerPages } from './platform/pages.js';
import { loadReferenceData } from './seed/reference.js';
import { loadDemoData } from './seed/demo.js';
import { startJobs } from './platform/jobs.js';
import { runReminders } from './modules/plans/reminders.js';
import { remindIdlePairs } from './modules/twinning/service.js';
import { caseJobs } from './modules/cases/jobs.js';
import { assessmentJobs } from './modules/assessments/reminders.js';
import { notificationDigestJob, notificationEmailJob, setEmailQueue } from './modules/notifications/mail.js';

const config = loadConfig();
const db = await openDb(config.databaseUrl, config.dataDir);
const applied = await migrate(db);
if (applied.length) console.log(`Đã áp dụng ${applied.length} migration: ${applied.join(', ')}`);
await loadReferenceData(db);
if (config.demoData) {
  const r = await loadDemoData(db);
  if (r.loaded) console.log(`Đã nạp dữ liệu mẫu: ${r.schools} trường, ${r.accounts} tài khoản`);
}
const stopStatistics = await keepStatistics(db);
const app = await buildApp({ db, config, logger: true });
// Đôn đốc: every morning at 07:00 Vietnam time, one digest per lead unit
const emailJobs = app.mailer.enabled ? [notificationEmailJob(db, app.mailer)] : [];
const boss = config.jobs
  ? await startJobs(db, [
      { name: 'plan-reminders', cron: '0 7 * * *', handler: () => runReminders(db, app.clock) },
      // twinning: on the 1st of each month of the activities period, pairs still without an activity are reminded
      { name: 'twinning-reminders', cron: '0 7 1 * *', handler: () => remindIdlePairs(db, app.clock) },
      // every notification by e-mail, when an SMTP server is configured
      // school social work: the urgent cases' 12-working-hour alerts and the retention of closed cases
      ...caseJobs(db, app.clock, config.caseRetentionDays),
      // assessments: before each deadline of a campaign, one digest per organisation that has not acted
      ...assessmentJobs(db, app.clock),
      ...emailJobs,
      // the daily digest of those who chose it, at 18:00 Vietnam time
      ...(app.mailer.enabled ? [notificationDigestJob(db, app.mailer, app.clock)] : []),
    ], (m) => app.log.warn(m))
  : emailJobs.length
    ? // jobs run in another process: this one still queues the e-mail of the notifications it makes
      await startJobs(db, emailJobs, (m) => app.log.warn(m), { sendOnly: true })
    : null;
if (boss && app.mailer.enabled) setEmailQueue(boss);
const shutdown = async () => {
  setEmailQueue(null);
  stopStatistics();
  await boss?.stop({ graceful: true, wait: true });
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
await app.listen({ port: config.port, host: config.host });
await warmServerPages(app);
console.log(`KếtNối đang chạy tại http://localhost:${(app.server.address() as { port: number }).port} (cơ sở dữ liệu: ${db.engine === 'pglite' ? 'PGlite tại ' + config.dataDir : 'PostgreSQL'})`);
