import 'reflect-metadata';
import crypto from 'node:crypto';
import type { Express } from 'express';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createApp, type ResponseRecord } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createDataSource } from '../../server/db/data-source';
import type { AppDeps } from '../../server/http/deps';
import { contractViolations } from './contract';
import { templateDatabaseUrl, withDatabase } from './database-urls';

export interface TestContext {
  app: Express;
  dataSource: DataSource;
  deps: AppDeps;
  /** fixes the clock the app sees; `null` goes back to real time */
  setNow(date: Date | null): void;
  /** empties every table, as before each test (e.g. to play "another Cairn" mid-test) */
  reset(): Promise<void>;
}

/** Tables emptied between tests; the audit log's append-only triggers are bypassed only here. */
async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'root_cause')`,
  );
  if (!tables.length) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(', ');
  await dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
    await tx.query(`DELETE FROM root_cause WHERE key NOT IN ('data_bug','collection_gap','definition','expected','upstream_change','unknown')`);
    await tx.query(`UPDATE root_cause SET retired = false`);
  });
}

/**
 * Registers beforeAll/afterAll/beforeEach hooks that give the test file its own app on a real,
 * migrated database (a copy of the template on PostgreSQL), emptied before each test.
 */
export function useTestApp(): TestContext {
  const context = {} as TestContext;
  let fixedNow: Date | null = null;
  let databaseName: string | null = null;
  const responses: ResponseRecord[] = [];
  const baseUrl = process.env.DATABASE_URL!;

  beforeAll(async () => {
    let url = baseUrl;
    if (!process.env.CAIRN_TEST_EMBEDDED) {
      databaseName = `cairn_test_${process.env.JEST_WORKER_ID ?? '0'}_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await admin.connect();
      const template = new URL(templateDatabaseUrl(baseUrl)).pathname.slice(1);
      await admin.query(`CREATE DATABASE "${databaseName}" TEMPLATE "${template}"`);
      await admin.end();
      url = withDatabase(baseUrl, databaseName);
    }
    // One connection on the embedded database, as the app uses it (see server/db/database.ts).
    const dataSource = createDataSource(url, process.env.CAIRN_TEST_EMBEDDED ? 1 : 10);
    await dataSource.initialize();
    // Webhook tests post to receivers on 127.0.0.1; webhooks-ssrf.test.ts turns the guard back on.
    const config = {
      ...loadConfig({ ...process.env, DATABASE_URL: url }),
      logLevel: 'silent',
      loginRateLimit: 1000,
      webhookAllowPrivate: true,
    };
    const deps: AppDeps = { dataSource, config, now: () => fixedNow ?? new Date() };
    context.dataSource = dataSource;
    context.deps = deps;
    // Every response the suite receives is checked against the OpenAPI document in afterAll.
    context.app = createApp(deps, { onResponse: (record) => responses.push(record) });
    context.reset = () => truncateAll(dataSource);
    context.setNow = (date) => {
      fixedNow = date;
    };
  });

  beforeEach(async () => {
    fixedNow = null;
    await truncateAll(context.dataSource);
  });

  afterAll(async () => {
    const violations = contractViolations(responses);
    await context.dataSource?.destroy();
    if (databaseName) {
      const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    }
    if (violations.length) {
      throw new Error(`Responses that break the OpenAPI contract:\n  ${violations.join('\n  ')}`);
    }
  });
  return context;
}
