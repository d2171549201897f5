import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../server/db/data-source';
import { templateDatabaseUrl, withDatabase } from './database-urls';

/**
 * Migrates a template database once. On PostgreSQL each test file then copies it; on the embedded
 * database (one database only) the files share it and truncate between tests.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set by scripts/test.mjs');
  let target = url;
  if (!process.env.CAIRN_TEST_EMBEDDED) {
    const template = templateDatabaseUrl(url);
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    const name = new URL(template).pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    target = template;
  }
  const dataSource = createDataSource(target, 2);
  await dataSource.initialize();
  await migrate(dataSource);
  await dataSource.destroy();
}
