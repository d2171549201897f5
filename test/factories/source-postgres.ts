import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * A PostgreSQL server of its own for data-source tests: the machine's server trusts every loopback
 * login, so a wrong password would pass there. This one (initdb from the machine's PostgreSQL
 * binaries, on a free loopback port) asks for SCRAM passwords, and holds a `metrics` schema that
 * the role `monitor_reader` may only SELECT from.
 */
export interface SourcePostgres {
  host: string;
  port: number;
  database: string;
  reader: { user: string; password: string };
  /** a superuser client, to shape the data */
  admin(): Promise<Client>;
  stop(): void;
}

const READER_PASSWORD = 'reader-pass-1234';
const ADMIN_PASSWORD = 'admin-pass-1234';

function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const version = fs.readdirSync(root).sort().pop();
  if (!version) throw new Error('No PostgreSQL binaries under /usr/lib/postgresql');
  return path.join(root, version, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs a PostgreSQL binary as the postgres user when the tests run as root (initdb refuses root). */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' })
    : spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

export async function startSourcePostgres(): Promise<SourcePostgres> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-source-pg-'));
  const data = path.join(dir, 'data');
  const pwFile = path.join(dir, 'pw');
  fs.writeFileSync(pwFile, ADMIN_PASSWORD);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', dir]);
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'scram-sha-256', `--pwfile=${pwFile}`, '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), [
    '-D', data, '-w', '-l', path.join(dir, 'log'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start',
  ]);
  const admin = async () => {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: ADMIN_PASSWORD, database: 'postgres' });
    await client.connect();
    return client;
  };
  const setup = await admin();
  await setup.query(`
    CREATE ROLE monitor_reader LOGIN PASSWORD '${READER_PASSWORD}';
    CREATE SCHEMA metrics;
    CREATE TABLE metrics.daily (ts date NOT NULL, value double precision NOT NULL, segment text NOT NULL DEFAULT '');
    CREATE TABLE metrics.secret (note text);
    CREATE TABLE metrics.counter (n int);
    INSERT INTO metrics.counter VALUES (0);
    -- a function that writes: the static checks cannot see that, the READ ONLY transaction refuses it
    CREATE FUNCTION metrics.bump() RETURNS int LANGUAGE sql AS 'UPDATE metrics.counter SET n = n + 1 RETURNING n';
    GRANT USAGE ON SCHEMA metrics TO monitor_reader;
    GRANT SELECT ON metrics.daily, metrics.counter TO monitor_reader;
    REVOKE ALL ON metrics.secret FROM monitor_reader;
  `);
  await setup.end();
  return {
    host: '127.0.0.1',
    port,
    database: 'postgres',
    reader: { user: 'monitor_reader', password: READER_PASSWORD },
    admin,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
