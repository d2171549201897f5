import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { migrate } from './db/data-source';
import { openDatabase } from './db/database';
import { withStartupLock } from './db/startup-lock';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users';
import { seedDemoData } from './demo/seed';
import type { AppDeps } from './http/deps';
import { gracefulClose } from './http/graceful-close';
import { createLogger } from './http/logger';
import { ensureAdmin } from './modules/users/users.service';
import { startConfidenceRefit } from './modules/confidence/confidence.job';
import { startGateSweep } from './modules/gates/gate-sweep.job';
import { validators } from './modules/transfer/transfer.validate';
import { startWebhookWorker } from './modules/webhooks/webhook-queue';
import { startMailDigest } from './modules/mail/mail-digest.job';
import { startMailWorker } from './modules/mail/mail-queue';
import { seedDemoMonitors } from './modules/monitors/demo-monitors';
import { queueRunAtStart, startMonitorWorker } from './modules/monitors/monitor.job';

/** The logger for the fatal line when the configuration itself is wrong: LOG_LEVEL may be the bad one. */
function fallbackLogger(): pino.Logger {
  const level = process.env.LOG_LEVEL;
  return createLogger(level && level in pino.levels.values ? level : 'info');
}

/** Set once main has a logger of the configured level; the fatal line goes there. */
let runningLogger: pino.Logger | null = null;

async function main(): Promise<void> {
  const config: Config = loadConfig();
  const logger = createLogger(config.logLevel);
  runningLogger = logger;
  const database = await openDatabase(config);
  const deps: AppDeps = { dataSource: database.dataSource, config, now: () => new Date() };
  // Several processes may start at once on one database: one at a time migrates, installs the job
  // queue and loads the demo data; the others then find it done.
  const { stopWebhookWorker, seeded } = await withStartupLock(config.databaseUrl, async () => {
    const applied = await migrate(database.dataSource);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    // Webhook deliveries: pg-boss in the same database; not in createApp, so tests decide when it runs.
    const stopWorker = await startWebhookWorker(deps, { logger });
    const stopSweep = await startGateSweep(deps, logger);
    const stopRefit = await startConfidenceRefit(deps, logger);
    // Email: both do nothing while SMTP is not configured.
    const stopMail = await startMailWorker(deps, { logger });
    const stopDigest = await startMailDigest(deps, logger);
    logger.info(
      config.smtp
        ? { email: 'on', publicUrl: config.publicUrl, digestHourUtc: config.mailDigestHourUtc }
        : { email: 'off' },
      config.smtp ? 'email notifications on' : 'email notifications off (no SMTP configured)',
    );
    const stopMonitors = await startMonitorWorker(deps, { logger });
    // Demo data first: it loads only into a database without users, which the admin would not be.
    const demoLoaded = config.demoData ? await seedDemoData(deps.dataSource, deps.now()) : false;
    if (demoLoaded) {
      // The demo's warehouse (a DuckDB file generated into the data folder) and its monitors; the
      // billing monitor's first run starts now and finds the duplicated invoice events.
      for (const monitorId of await seedDemoMonitors(deps.dataSource, config.dataDir, deps.now()))
        await queueRunAtStart(deps, monitorId);
    }
    if (config.adminEmail && config.adminPassword)
      await ensureAdmin(deps.dataSource, config.adminEmail, config.adminPassword);
    return {
      stopWebhookWorker: async () => {
        await stopDigest();
        await stopMail();
        await stopMonitors();
        await stopRefit();
        await stopSweep();
        await stopWorker();
      },
      seeded: demoLoaded,
    };
  });

  const app = createApp(deps, { logger, clientDir: path.resolve(__dirname, '..', 'client') });
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  const closeServer = gracefulClose(server);
  // The import's JSON Schema compiles in ~0.5 s of blocking work: do it before the first request.
  validators();
  await new Promise<void>((resolve) => server.listen(config.port, resolve));

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  // The port it really listens on: PORT=0 lets the system pick a free one (the multi-process test).
  const { port } = server.address() as AddressInfo;
  logger.info(
    {
      port,
      database: config.databaseUrl ? 'postgresql' : 'embedded',
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      demoData: seeded,
    },
    'cairn listening',
  );
  console.log(`\nCairn is running on http://localhost:${port} — database: ${where}`);
  if (seeded) {
    console.log(`Demo data loaded. Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(20)} ${user.role.padEnd(7)} ${user.name}`);
  } else if (config.demoData) {
    console.log(`Demo logins (if this database holds the demo data): ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // The last resort for a request that never ends; under compose's stop_grace_period (20 s).
    setTimeout(() => process.exit(1), 15_000).unref();
    closeServer()
      .then(() => stopWebhookWorker())
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A fatal line in the JSON log for the collector, and the plain words on stderr for a person.
  const log = runningLogger ?? fallbackLogger();
  if (error instanceof ConfigError) {
    log.fatal({ problems: error.problems }, 'invalid configuration');
    console.error(`Cairn cannot start: ${error.message}`);
  } else {
    log.fatal({ err: error }, 'startup failed');
    console.error('Cairn failed to start:', error);
  }
  log.flush();
  process.exitCode = 1;
  setImmediate(() => process.exit(1));
});
