import PgBoss from 'pg-boss';
import type pino from 'pino';
import { poolDb, type InFlight } from '../modules/webhooks/webhook-queue';
import type { AppDeps } from './deps';

/**
 * A pg-boss cron job in the app's database: pg-boss sends one job per tick across every process
 * (a singleton queue), so several processes never run it twice. `run` does the work; the
 * returned function stops the job, waiting for a run in progress.
 */
export async function startCronJob(
  deps: AppDeps,
  job: { queue: string; cron: string; label: string; run: () => Promise<void> },
  logger?: pino.Logger,
): Promise<() => Promise<void>> {
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: true,
    supervise: true,
    // the webhook worker installed or migrated the schema just before
    migrate: false,
  });
  boss.on('error', (error) => logger?.error({ err: error }, `pg-boss error (${job.label})`));
  await boss.start();
  await boss.createQueue(job.queue, { name: job.queue, policy: 'singleton' });
  await boss.schedule(job.queue, job.cron, {}, { tz: 'UTC' });
  await boss.work(job.queue, { batchSize: 1 }, async () => {
    inFlight.count++;
    try {
      await job.run();
    } finally {
      inFlight.count--;
    }
  });
  return async () => {
    await boss.stop({ graceful: true, timeout: 10_000, close: false });
  };
}
