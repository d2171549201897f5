import { linkBase } from '../../config';
import PgBoss from 'pg-boss';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import type { AppDeps } from '../../http/deps';
import { WebhookDelivery } from './webhook-delivery.entity';
import { deliverWebhook, type AttemptInfo } from './webhook-sender';

/** The pg-boss queue holding one job per delivery attempt chain. */
export const WEBHOOK_QUEUE = 'webhook-delivery';

export interface WebhookWorkerOptions {
  logger?: pino.Logger;
  /** retries after the first attempt (pg-boss retryLimit) */
  retryLimit?: number;
  /** seconds before the first retry; doubled each time with jitter (pg-boss retryDelay + retryBackoff) */
  retryDelaySeconds?: number;
  /** how often an idle worker looks for jobs (pg-boss minimum 0.5) */
  pollingIntervalSeconds?: number;
  /** per-request timeout of the POST */
  requestTimeoutMs?: number;
}

interface RunningWorker {
  boss: PgBoss;
  jobOptions: Pick<PgBoss.SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'>;
}

/**
 * The worker started in this process, if any. notify() is called deep inside other features'
 * transactions with only `tx`, so the queue it enqueues into is found here rather than threaded
 * through every service. Without a running worker, deliveries stay `pending` with no job and the
 * next worker start enqueues them (see enqueueOrphans).
 */
let running: RunningWorker | null = null;

/** Counts what is still touching the database, so stopping can wait for it. */
export interface InFlight {
  count: number;
}

/**
 * pg-boss's database adapter over TypeORM's pool, so it shares connections (and works on PGlite).
 * pg-boss 10 fires its job-completion query without awaiting it; counting queries in flight lets
 * stop() wait for those before the caller closes the database.
 */
export function poolDb(dataSource: DataSource, inFlight: InFlight): PgBoss.Db {
  return {
    async executeSql(text, values) {
      inFlight.count++;
      const runner = dataSource.createQueryRunner();
      try {
        const result = await runner.query(text, values, true);
        return { rows: (result.records as unknown[] | undefined) ?? [] };
      } finally {
        await runner.release();
        inFlight.count--;
      }
    },
  };
}

async function settle(inFlight: InFlight, deadline: number): Promise<void> {
  while (inFlight.count > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** pg-boss's adapter over an open transaction: the job commits or rolls back with the delivery row. */
function transactionDb(tx: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await tx.queryRunner!.query(text, values, true);
      return { rows: (result.records as unknown[] | undefined) ?? [] };
    },
  };
}

/**
 * Queues a pg-boss job for the delivery inside the caller's transaction and records its id. Leaves
 * the delivery job-less when no worker runs in this process (its schema may not even exist yet).
 */
export async function enqueueDelivery(tx: EntityManager, deliveryId: string): Promise<void> {
  if (!running) return;
  const jobId = await running.boss.send(
    WEBHOOK_QUEUE,
    { deliveryId },
    { ...running.jobOptions, db: transactionDb(tx) },
  );
  await tx.update(WebhookDelivery, { id: deliveryId }, { jobId });
}

/** Pending deliveries written while no worker ran get their job now. */
async function enqueueOrphans(dataSource: DataSource): Promise<number> {
  const orphans = await dataSource
    .getRepository(WebhookDelivery)
    .find({ select: { id: true }, where: { status: 'pending', jobId: IsNull() } });
  let queued = 0;
  for (const { id } of orphans) {
    await dataSource.transaction(async (tx) => {
      const row = await tx.findOne(WebhookDelivery, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (row && row.status === 'pending' && !row.jobId) {
        await enqueueDelivery(tx, id);
        queued++;
      }
    });
  }
  return queued;
}

/**
 * Starts pg-boss on the app's database (its own `pgboss` schema, created or migrated here) and a
 * worker that sends webhook deliveries. Called from server/index.ts after migrations, never from
 * createApp, so tests decide when a worker runs. Returns the function that stops it.
 */
export async function startWebhookWorker(
  deps: AppDeps,
  options: WebhookWorkerOptions = {},
): Promise<() => Promise<void>> {
  if (running) throw new Error('The webhook worker is already running in this process.');
  const logger = options.logger;
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: false,
    supervise: true,
    migrate: true,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(WEBHOOK_QUEUE);
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const jobOptions = {
    retryLimit: options.retryLimit ?? 8,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true as const,
    // An attempt lost with a crashed process is retried after this, not pg-boss's default 15 minutes.
    expireInSeconds: Math.ceil(timeoutMs / 1000) + 50,
  };
  let workerId = '';
  workerId = await boss.work<{ deliveryId: string }>(
    WEBHOOK_QUEUE,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      inFlight.count++;
      try {
        for (const job of jobs) {
          const attempt: AttemptInfo = { jobId: job.id, finalAttempt: job.retryCount >= job.retryLimit };
          // A failed attempt throws, which is what makes pg-boss schedule the retry.
          await deliverWebhook(deps.dataSource, job.data.deliveryId, attempt, {
            timeoutMs,
            now: deps.now,
            allowPrivate: deps.config.webhookAllowPrivate,
            publicUrl: linkBase(deps.config),
          });
        }
      } finally {
        inFlight.count--;
        // pg-boss waits a polling interval after every batch, even a full one: with one job per
        // batch a process would send one delivery per interval. While there is work, fetch again now.
        boss.notifyWorker(workerId);
      }
    },
  );
  running = { boss, jobOptions };
  const orphans = await enqueueOrphans(deps.dataSource);
  if (orphans) logger?.info({ orphans }, 'queued webhook deliveries written while no worker ran');
  return async () => {
    if (running?.boss === boss) running = null;
    const deadline = Date.now() + timeoutMs + 5_000;
    // Graceful: an attempt in progress finishes; pg-boss fails (and so retries) any it had to cut.
    await boss.stop({ graceful: true, timeout: timeoutMs + 2_000, close: false });
    await settle(inFlight, deadline);
  };
}
