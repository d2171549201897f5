import crypto from 'node:crypto';
import PgBoss from 'pg-boss';
import type pino from 'pino';
import type { EntityManager } from 'typeorm';
import type { AppDeps } from '../../http/deps';
import { poolDb, type InFlight } from '../webhooks/webhook-queue';
import { Monitor, MonitorRun } from './monitor.entity';
import { runMonitor } from './monitor-run.service';
import { nextCronTime } from './monitor-schedule';

/** One job per run; `stately` with the monitor as singleton key: at most one queued and one active per monitor. */
export const MONITOR_RUN_QUEUE = 'monitor-run';
/** Every minute, one process (a singleton cron) queues the monitors whose schedule is due. */
export const MONITOR_TICK_QUEUE = 'monitor-tick';
export const MONITOR_TICK_CRON = '* * * * *';

interface RunJob {
  monitorId: string;
  runId: string;
}

/** The worker of this process, if any: "Run now" and the tick queue jobs through it. */
let running: PgBoss | null = null;

/** pg-boss's adapter over an open transaction: the job commits or rolls back with the run row. */
function transactionDb(tx: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await tx.queryRunner!.query(text, values, true);
      return { rows: (result.records as unknown[] | undefined) ?? [] };
    },
  };
}

/** True when a monitor worker runs in this process (runs are then jobs, not inline). */
export function monitorQueueRunning(): boolean {
  return running !== null;
}

/**
 * Queues a run of the monitor in the caller's transaction: the run row and its job commit
 * together. Null when a run of it is already queued (stately policy) or no worker runs here.
 */
export async function enqueueRun(
  tx: EntityManager,
  monitorId: string,
  trigger: MonitorRun['trigger'],
  now: Date,
): Promise<MonitorRun | null> {
  if (!running) return null;
  const runId = crypto.randomUUID();
  const jobId = await running.send(
    MONITOR_RUN_QUEUE,
    { monitorId, runId } satisfies RunJob,
    { singletonKey: monitorId, expireInSeconds: 15 * 60, retryLimit: 0, db: transactionDb(tx) },
  );
  if (!jobId) return null;
  return tx.save(tx.create(MonitorRun, { id: runId, monitorId, trigger, status: 'queued', queuedAt: now }));
}

/**
 * Queues every active monitor whose next run is due, and moves its next run on. Rows are taken
 * with SKIP LOCKED, so a tick that overlaps another never queues a monitor twice.
 */
export async function enqueueDueMonitors(deps: AppDeps): Promise<number> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const due: Monitor[] = await tx
      .createQueryBuilder(Monitor, 'm')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('m.active = true AND m.next_run_at <= :now', { now })
      .orderBy('m.next_run_at')
      .limit(500)
      .getMany();
    let queued = 0;
    for (const monitor of due) {
      if (await enqueueRun(tx, monitor.id, 'schedule', now)) queued++;
      await tx.update(Monitor, { id: monitor.id }, { nextRunAt: nextCronTime(monitor.schedule, now) });
    }
    return queued;
  });
}

/** Runs a job's run; a run that was queued without its row (should not happen) is skipped. */
async function runJob(deps: AppDeps, job: RunJob, logger?: pino.Logger): Promise<void> {
  const exists = await deps.dataSource.manager.existsBy(MonitorRun, { id: job.runId });
  if (!exists) return;
  const started = Date.now();
  const outcome = await runMonitor(deps, job.monitorId, job.runId);
  logger?.info(
    { monitorId: job.monitorId, runId: job.runId, status: outcome.run.status, anomalies: outcome.run.anomalies, ms: Date.now() - started },
    'monitor run',
  );
}

export interface MonitorWorkerOptions {
  logger?: pino.Logger;
  pollingIntervalSeconds?: number;
}

/**
 * Starts this process's monitor worker: the minute tick (a pg-boss schedule; one process gets each
 * tick) and the run queue, which every process polls, so runs spread over processes. Returns the
 * stop function, which waits for a run in progress.
 */
export async function startMonitorWorker(deps: AppDeps, options: MonitorWorkerOptions = {}): Promise<() => Promise<void>> {
  if (running) throw new Error('The monitor worker is already running in this process.');
  const { logger } = options;
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: true,
    supervise: true,
    // the webhook worker installed or migrated the schema just before
    migrate: false,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'pg-boss error (monitors)'));
  await boss.start();
  await boss.createQueue(MONITOR_TICK_QUEUE, { name: MONITOR_TICK_QUEUE, policy: 'singleton' });
  await boss.createQueue(MONITOR_RUN_QUEUE, { name: MONITOR_RUN_QUEUE, policy: 'stately' });
  await boss.schedule(MONITOR_TICK_QUEUE, MONITOR_TICK_CRON, {}, { tz: 'UTC' });
  await boss.work(MONITOR_TICK_QUEUE, { batchSize: 1 }, async () => {
    inFlight.count++;
    try {
      await enqueueDueMonitors(deps);
    } finally {
      inFlight.count--;
    }
  });
  let workerId = '';
  workerId = await boss.work<RunJob>(
    MONITOR_RUN_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      inFlight.count++;
      try {
        for (const job of jobs) await runJob(deps, job.data, logger);
      } finally {
        inFlight.count--;
        boss.notifyWorker(workerId);
      }
    },
  );
  running = boss;
  return async () => {
    if (running === boss) running = null;
    await boss.stop({ graceful: true, timeout: 20_000, close: false });
    const deadline = Date.now() + 5_000;
    while (inFlight.count > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  };
}

/** Queues one run of a monitor now (the demo's first run at start). */
export async function queueRunAtStart(deps: AppDeps, monitorId: string): Promise<void> {
  await deps.dataSource.transaction((tx) => enqueueRun(tx, monitorId, 'schedule', deps.now()));
}
