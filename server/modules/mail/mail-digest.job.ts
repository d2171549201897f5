import type pino from 'pino';
import { startCronJob } from '../../http/cron-job';
import type { AppDeps } from '../../http/deps';
import { queueDigests } from './mail-queue';

/** The pg-boss queue of the daily digest's schedule. */
export const MAIL_DIGEST_SCHEDULE_QUEUE = 'mail-digest-schedule';

/** Once a day at the hour (UTC) CAIRN_MAIL_DIGEST_HOUR names. */
export function digestCron(hourUtc: number): string {
  return `0 ${hourUtc} * * *`;
}

/**
 * Schedules the daily digest: at the configured hour (UTC) one job per person with digest items
 * is queued (see queueDigests). While email is off nothing is scheduled (and an old schedule is
 * removed). Returns the function that stops it.
 */
export async function startMailDigest(deps: AppDeps, logger?: pino.Logger): Promise<() => Promise<void>> {
  if (!deps.config.smtp) {
    // Email turned off since the last start: no process may keep queueing digests.
    const [found] = await deps.dataSource.query<{ exists: boolean }[]>(
      `SELECT to_regclass('pgboss.schedule') IS NOT NULL AS exists`,
    );
    if (found?.exists)
      await deps.dataSource.query(`DELETE FROM pgboss.schedule WHERE name = $1`, [MAIL_DIGEST_SCHEDULE_QUEUE]);
    return async () => {};
  }
  return startCronJob(
    deps,
    {
      queue: MAIL_DIGEST_SCHEDULE_QUEUE,
      cron: digestCron(deps.config.mailDigestHourUtc),
      label: 'mail digest',
      run: async () => {
        const queued = await queueDigests(deps.dataSource);
        if (queued) logger?.info({ digests: queued }, 'daily digests queued');
      },
    },
    logger,
  );
}
