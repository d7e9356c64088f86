import type PgBoss from 'pg-boss';
import type { Db } from './db.js';

/**
 * Scheduled and queued work on pg-boss, over the app's own database connection on both engines
 * (PGlite gets parameterless multi-statement SQL through exec, as pg-boss sends transactions).
 */

export interface JobDef {
  name: string;
  /** cron in Asia/Ho_Chi_Minh; absent for jobs only ever sent */
  cron?: string;
  handler: (data: unknown) => Promise<unknown>;
  /** Retry policy of the queue: a job whose handler throws is run again up to retryLimit times. */
  queue?: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean };
}

/**
 * Start pg-boss with these jobs' queues. By default this process works them (and runs the
 * schedules and maintenance); `sendOnly` only makes the queues and sends to them, for a process
 * whose jobs run elsewhere.
 */
export async function startJobs(db: Db, jobs: JobDef[], log: (msg: string) => void = () => undefined, opts: { sendOnly?: boolean } = {}): Promise<PgBoss> {
  // loaded here, not at start: a server whose jobs run in another process never needs it
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await db.rawRows(text, values) }) },
    schema: 'pgboss',
    supervise: !opts.sendOnly,
    schedule: !opts.sendOnly,
    migrate: true,
  });
  boss.on('error', (e: Error) => log(`job queue: ${e.message}`));
  await boss.start();
  for (const j of jobs) {
    await boss.createQueue(j.name, { name: j.name, ...j.queue });
    // a queue made by an earlier release keeps its options unless told the current ones
    if (j.queue) await boss.updateQueue(j.name, { name: j.name, ...j.queue });
    if (opts.sendOnly) continue;
    await boss.work(j.name, { pollingIntervalSeconds: 2 }, async (batch) => {
      for (const job of batch) await j.handler(job.data);
    });
    if (j.cron) await boss.schedule(j.name, j.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }
  return boss;
}
