import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, migrate } from '../../server/db/data-source';
import { startEmbeddedDatabase } from '../../server/db/embedded';
import { User } from '../../server/modules/users/user.entity';

/**
 * `npm run backup` / `npm run restore` without DATABASE_URL: the embedded data folder is archived
 * and put back, and the database opened on it afterwards holds exactly the rows of the backup.
 * Runs on every database the suite runs on: it makes its own embedded folder.
 */

const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-backup-embedded-'));
const dataDir = path.join(work, 'data');
const archive = path.join(work, 'backup.tar.gz');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs scripts/backup.mjs on the embedded folder, with Cairn's health port at `port`. */
function backupScript(args: string[], port: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CAIRN_DATA_DIR: dataDir, PORT: String(port) };
  delete env.DATABASE_URL;
  // Not spawnSync: the refusal test's fake app answers from this process's event loop.
  const child = spawn(process.execPath, ['scripts/backup.mjs', ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Opens the embedded database in the folder, runs `body`, closes it again. */
async function withEmbedded<T>(body: (ds: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const database = await startEmbeddedDatabase(dataDir, 1);
  const ds = createDataSource(database.url, 1);
  await ds.initialize();
  try {
    return await body(ds);
  } finally {
    await ds.destroy();
    await database.stop();
  }
}

const addUser = (ds: ReturnType<typeof createDataSource>, email: string) =>
  ds.query(`INSERT INTO "user" (email, name, password_hash, role) VALUES ($1, $1, 'x', 'member')`, [email]);
const emails = (ds: ReturnType<typeof createDataSource>) =>
  ds.getRepository(User).find({ order: { email: 'ASC' } }).then((users) => users.map((u) => u.email));

describe('backup and restore of the embedded data folder', () => {
  it('restores exactly the rows of the backup, keeping the replaced folder aside', async () => {
    await withEmbedded(async (ds) => {
      await migrate(ds);
      await addUser(ds, 'before@example.test');
    });
    const unusedPort = 1; // nothing answers Cairn's health check there
    const backup = await backupScript(['backup', archive], unusedPort);
    expect(backup.status).toBe(0);
    expect(fs.statSync(archive).size).toBeGreaterThan(0);

    await withEmbedded((ds) => addUser(ds, 'after@example.test'));
    const restore = await backupScript(['restore', archive], unusedPort);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/moved to .*before-restore/);

    await withEmbedded(async (ds) => {
      expect(await migrate(ds)).toEqual([]);
      expect(await emails(ds)).toEqual(['before@example.test']);
    });
    const aside = fs.readdirSync(work).filter((name) => name.startsWith('data.before-restore-'));
    expect(aside).toHaveLength(1);
  });

  it('refuses to copy the folder while Cairn answers on its port', async () => {
    const server = http.createServer((_req, res) => res.end('{"status":"ok"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await backupScript(['backup', path.join(work, 'refused.tar.gz')], port);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/stop it first/);
      expect(fs.existsSync(path.join(work, 'refused.tar.gz'))).toBe(false);
    } finally {
      server.close();
    }
  });
});
