import PgBoss from 'pg-boss';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import type { AppDeps } from '../../http/deps';
import { poolDb, type InFlight } from '../webhooks/webhook-queue';
import { MailOutbox } from './mail-outbox.entity';
import { digestRecipients, sendDigest, sendOutboxMail, type MailSenderContext } from './mail-sender';
import { createMailTransport, type MailTransport } from './mail-transport';

/** One job per `now` outbox row (its attempt chain). */
export const MAIL_QUEUE = 'mail-send';
/** One job per person with digest items, queued by the daily digest. */
export const MAIL_DIGEST_QUEUE = 'mail-digest';

export interface MailWorkerOptions {
  logger?: pino.Logger;
  /** retries after the first attempt (pg-boss retryLimit) */
  retryLimit?: number;
  /** seconds before the first retry; doubled each time (pg-boss retryBackoff) */
  retryDelaySeconds?: number;
  /** how often an idle worker looks for jobs (pg-boss minimum 0.5) */
  pollingIntervalSeconds?: number;
  /** SMTP connect, greeting and socket timeout */
  timeoutMs?: number;
  /** instead of the configured SMTP server (tests wrap the real one) */
  transport?: MailTransport;
}

interface RunningMailWorker {
  boss: PgBoss;
  jobOptions: Pick<PgBoss.SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'>;
}

/**
 * The mail workers started in this process (tests start two to play two processes). notify()
 * writes outbox rows only while one runs — email is on — and queues their jobs through the first.
 */
const running: RunningMailWorker[] = [];

/** Email is on in this process: SMTP is configured and a mail worker runs. */
export function mailEnabled(): boolean {
  return running.length > 0;
}

/** pg-boss's adapter over an open transaction: the job commits or rolls back with the outbox row. */
function transactionDb(tx: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await tx.queryRunner!.query(text, values, true);
      return { rows: (result.records as unknown[] | undefined) ?? [] };
    },
  };
}

/** Queues the job that mails one `now` outbox row, in the caller's transaction. */
export async function enqueueMail(tx: EntityManager, outboxId: string): Promise<void> {
  const worker = running[0];
  if (!worker) return;
  const jobId = await worker.boss.send(MAIL_QUEUE, { outboxId }, { ...worker.jobOptions, db: transactionDb(tx) });
  await tx.update(MailOutbox, { id: outboxId }, { jobId });
}

/**
 * Queues one digest job per person with pending digest items (the daily digest's work). Returns
 * how many were queued; none when no mail worker runs here.
 */
export async function queueDigests(dataSource: DataSource): Promise<number> {
  const worker = running[0];
  if (!worker) return 0;
  const userIds = await digestRecipients(dataSource);
  for (const userId of userIds) await worker.boss.send(MAIL_DIGEST_QUEUE, { userId }, worker.jobOptions);
  return userIds.length;
}

/** `now` rows written while no worker ran (or whose job was lost) get a job. */
async function enqueueOrphans(dataSource: DataSource): Promise<number> {
  const orphans = await dataSource
    .getRepository(MailOutbox)
    .find({ select: { id: true }, where: { mode: 'now', status: 'pending', jobId: IsNull() } });
  for (const { id } of orphans) await dataSource.transaction((tx) => enqueueMail(tx, id));
  return orphans.length;
}

async function settle(inFlight: InFlight, deadline: number): Promise<void> {
  while (inFlight.count > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

/**
 * Starts pg-boss workers that send mail: the `now` rows, and the per-person digests. Does nothing
 * (and email stays off) without SMTP configuration. Called from server/index.ts after migrations;
 * returns the function that stops it.
 */
export async function startMailWorker(deps: AppDeps, options: MailWorkerOptions = {}): Promise<() => Promise<void>> {
  const { config } = deps;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = options.transport ?? createMailTransport(config, { timeoutMs });
  if (!transport || !config.publicUrl || !config.mailFrom) return async () => {};
  const logger = options.logger;
  const inFlight: InFlight = { count: 0 };
  const boss = new PgBoss({
    db: poolDb(deps.dataSource, inFlight),
    schema: 'pgboss',
    schedule: false,
    supervise: true,
    migrate: true,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'pg-boss error (mail)'));
  await boss.start();
  await boss.createQueue(MAIL_QUEUE);
  await boss.createQueue(MAIL_DIGEST_QUEUE);
  const jobOptions = {
    retryLimit: options.retryLimit ?? 6,
    retryDelay: options.retryDelaySeconds ?? 60,
    retryBackoff: true as const,
    // an attempt lost with a crashed process is retried after this, not pg-boss's default 15 minutes
    expireInSeconds: Math.ceil((timeoutMs * 3) / 1000) + 60,
  };
  const sender: MailSenderContext = {
    dataSource: deps.dataSource,
    transport,
    publicUrl: config.publicUrl,
    from: config.mailFrom,
    now: deps.now,
  };
  const workOptions = {
    includeMetadata: true as const,
    batchSize: 1,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  };
  const workerIds: string[] = [];
  const handle =
    <T>(run: (data: T, attempt: { finalAttempt: boolean }) => Promise<unknown>) =>
    async (jobs: PgBoss.JobWithMetadata<T>[]) => {
      inFlight.count++;
      try {
        // A failed attempt throws, which is what makes pg-boss schedule the retry.
        for (const job of jobs) await run(job.data, { finalAttempt: job.retryCount >= job.retryLimit });
      } finally {
        inFlight.count--;
        // pg-boss waits a polling interval after every batch; while there is work, fetch again now.
        for (const id of workerIds) boss.notifyWorker(id);
      }
    };
  workerIds.push(
    await boss.work<{ outboxId: string }>(
      MAIL_QUEUE,
      workOptions,
      handle((data, attempt) => sendOutboxMail(sender, data.outboxId, attempt)),
    ),
  );
  workerIds.push(
    await boss.work<{ userId: string }>(
      MAIL_DIGEST_QUEUE,
      workOptions,
      handle((data, attempt) => sendDigest(sender, data.userId, attempt)),
    ),
  );
  const self: RunningMailWorker = { boss, jobOptions };
  running.push(self);
  const orphans = await enqueueOrphans(deps.dataSource);
  if (orphans) logger?.info({ orphans }, 'queued mails written while no mail worker ran');
  return async () => {
    const index = running.indexOf(self);
    if (index >= 0) running.splice(index, 1);
    const deadline = Date.now() + timeoutMs * 3 + 5_000;
    await boss.stop({ graceful: true, timeout: timeoutMs * 3 + 2_000, close: false });
    await settle(inFlight, deadline);
    if (!options.transport) transport.close();
  };
}
