import PgBoss from 'pg-boss';
import type pino from 'pino';
import type { AppDeps } from '../../http/deps';
import { poolDb, type InFlight } from '../webhooks/webhook-queue';
import { refitAllDomains } from './confidence.service';

/** The pg-boss queue and schedule of the nightly confidence refit. */
export const CONFIDENCE_REFIT_QUEUE = 'confidence-refit';

/**
 * Every night at 02:30 UTC: a quiet week lowers the rate and its bound although no investigation
 * changed, so every domain is measured again from its investigations.
 */
export const CONFIDENCE_REFIT_CRON = '30 2 * * *';

/**
 * Schedules the refit (refitAllDomains) as a pg-boss cron job, registered like the gate sweep: one
 * job per tick across every process, each domain under its own row lock. Returns the stop function.
 */
export async function startConfidenceRefit(deps: AppDeps, logger?: pino.Logger): Promise<() => Promise<void>> {
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: true,
    supervise: true,
    // the webhook worker installed or migrated the schema just before
    migrate: false,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'pg-boss error (confidence refit)'));
  await boss.start();
  await boss.createQueue(CONFIDENCE_REFIT_QUEUE, { name: CONFIDENCE_REFIT_QUEUE, policy: 'singleton' });
  await boss.schedule(CONFIDENCE_REFIT_QUEUE, CONFIDENCE_REFIT_CRON, {}, { tz: 'UTC' });
  await boss.work(CONFIDENCE_REFIT_QUEUE, { batchSize: 1 }, async () => {
    inFlight.count++;
    try {
      const started = Date.now();
      const result = await refitAllDomains(deps);
      logger?.info({ refit: result, ms: Date.now() - started }, 'confidence refit');
    } finally {
      inFlight.count--;
    }
  });
  return async () => {
    await boss.stop({ graceful: true, timeout: 10_000, close: false });
  };
}
