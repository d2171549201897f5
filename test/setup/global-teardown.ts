import { Client } from 'pg';
import { templateDatabaseUrl, withDatabase } from './database-urls';

/** Drops this run's template database (PostgreSQL only). */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || process.env.CAIRN_TEST_EMBEDDED || !process.env.CAIRN_TEST_TEMPLATE) return;
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(templateDatabaseUrl(url)).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}
