import type pino from 'pino';
import { startCronJob } from '../../http/cron-job';
import type { AppDeps } from '../../http/deps';
import { refitAllDomains } from './confidence.service';

/** The pg-boss queue and schedule of the nightly confidence refit. */
export const CONFIDENCE_REFIT_QUEUE = 'confidence-refit';

/**
 * Every night at 02:30 UTC: a quiet week lowers the rate and its bound although no investigation
 * changed, so every domain is measured again from its investigations.
 */
export const CONFIDENCE_REFIT_CRON = '30 2 * * *';

/** Schedules the refit (refitAllDomains), each domain under its own row lock. Returns the stop function. */
export function startConfidenceRefit(deps: AppDeps, logger?: pino.Logger): Promise<() => Promise<void>> {
  return startCronJob(
    deps,
    {
      queue: CONFIDENCE_REFIT_QUEUE,
      cron: CONFIDENCE_REFIT_CRON,
      label: 'confidence refit',
      run: async () => {
        const started = Date.now();
        const result = await refitAllDomains(deps);
        logger?.info({ refit: result, ms: Date.now() - started }, 'confidence refit');
      },
    },
    logger,
  );
}
