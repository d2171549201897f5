import type pino from 'pino';
import { startCronJob } from '../../http/cron-job';
import type { AppDeps } from '../../http/deps';
import { sweepGates } from './certification.service';

/** The pg-boss queue and schedule of the gate sweep. */
export const GATE_SWEEP_QUEUE = 'gate-sweep';

/** Every five minutes: staleness the clock caused is recorded within that, reviews fall due on time. */
export const GATE_SWEEP_CRON = '*/5 * * * *';

/**
 * Schedules the gate sweep (sweepGates); each domain is handled under its own row lock anyway.
 * Returns the function that stops it.
 */
export function startGateSweep(deps: AppDeps, logger?: pino.Logger): Promise<() => Promise<void>> {
  return startCronJob(
    deps,
    {
      queue: GATE_SWEEP_QUEUE,
      cron: GATE_SWEEP_CRON,
      label: 'gate sweep',
      run: async () => {
        const result = await sweepGates(deps);
        if (result.staleSigners || result.reviewsRequested || result.overdue)
          logger?.info({ sweep: result }, 'gate sweep');
      },
    },
    logger,
  );
}
