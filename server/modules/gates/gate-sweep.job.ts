import PgBoss from 'pg-boss';
import type pino from 'pino';
import type { AppDeps } from '../../http/deps';
import { poolDb, type InFlight } from '../webhooks/webhook-queue';
import { sweepGates } from './certification.service';

/** The pg-boss queue and schedule of the gate sweep. */
export const GATE_SWEEP_QUEUE = 'gate-sweep';

/** Every five minutes: staleness the clock caused is recorded within that, reviews fall due on time. */
export const GATE_SWEEP_CRON = '*/5 * * * *';

/**
 * Schedules the gate sweep (sweepGates) as a pg-boss cron job in the app's database. pg-boss
 * sends one job per tick across every process, so several processes never sweep twice; each
 * domain is then handled under its own row lock anyway. Returns the function that stops it.
 */
export async function startGateSweep(deps: AppDeps, logger?: pino.Logger): Promise<() => Promise<void>> {
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: true,
    supervise: true,
    // the webhook worker installed or migrated the schema just before
    migrate: false,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'pg-boss error (gate sweep)'));
  await boss.start();
  await boss.createQueue(GATE_SWEEP_QUEUE, { name: GATE_SWEEP_QUEUE, policy: 'singleton' });
  await boss.schedule(GATE_SWEEP_QUEUE, GATE_SWEEP_CRON, {}, { tz: 'UTC' });
  await boss.work(GATE_SWEEP_QUEUE, { batchSize: 1 }, async () => {
    inFlight.count++;
    try {
      const result = await sweepGates(deps);
      if (result.staleSigners || result.reviewsRequested || result.overdue)
        logger?.info({ sweep: result }, 'gate sweep');
    } finally {
      inFlight.count--;
    }
  });
  return async () => {
    await boss.stop({ graceful: true, timeout: 10_000, close: false });
  };
}
