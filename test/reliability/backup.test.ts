import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { makeArtifactRow, makeInvestigationRow, makeTicketRow } from '../factories/domains';
import { signedIn } from '../factories/users';
import { withDatabase } from '../setup/database-urls';
import { useTestApp } from '../setup/test-app';

/**
 * `npm run backup` / `npm run restore` on PostgreSQL: a dump of a database with data, restored into
 * another, gives the same rows. Needs a PostgreSQL server (skipped on the embedded test database,
 * which has no server for pg_dump to talk to) and pg_dump on the PATH.
 */

const ctx = useTestApp();
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
const onPostgres = !process.env.CAIRN_TEST_EMBEDDED;
const maybe = hasPgDump && onPostgres ? it : it.skip;

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of rows) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${tablename}"`);
      counts[tablename] = Number(result.rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

function script(args: string[], databaseUrl: string) {
  const result = spawnSync(process.execPath, ['scripts/backup.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`backup.mjs ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('Backup and restore (PostgreSQL)', () => {
  maybe('dumps a database with data and restores it into another with the same rows', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const created = await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'BAK', name: 'Backed up' });
    expect(created.status).toBe(201);
    const domain = (await ctx.dataSource.query(`SELECT * FROM "domain" WHERE key = 'BAK'`))[0];
    await makeTicketRow(ctx, { ...domain, stage: 'specs' });
    await makeArtifactRow(ctx, domain);
    await makeInvestigationRow(ctx, domain);
    await request(ctx.app).post('/api/v1/domains/BAK/tickets').set(auth).send({ kind: 'task', title: 'Through the API' }).expect(201);

    const sourceUrl = (ctx.dataSource.options as { url: string }).url;
    const target = `cairn_restore_${process.pid}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: withDatabase(sourceUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${target}"`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-backup-'));
    const file = path.join(dir, 'cairn.dump');
    try {
      script(['backup', file], sourceUrl);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
      const targetUrl = withDatabase(sourceUrl, target);
      script(['restore', file], targetUrl);

      const before = await rowCounts(sourceUrl);
      const after = await rowCounts(targetUrl);
      expect(after).toEqual(before);
      expect(after.audit_event).toBeGreaterThanOrEqual(2);
      expect(after.ticket).toBe(2);
      // Restoring again over the restored database (--clean --if-exists) is idempotent.
      script(['restore', file], targetUrl);
      expect(await rowCounts(targetUrl)).toEqual(before);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
