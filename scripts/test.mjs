#!/usr/bin/env node
// `npm test`: the whole jest suite. With DATABASE_URL it runs on that PostgreSQL server (a migrated
// template database, a copy per test file). Without it, it starts an embedded PGlite server here,
// outside jest, and runs the files one by one against it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env, NODE_ENV: 'test' };
// PGlite (ESM, WASM) loaded inside jest needs the VM modules flag.
env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim();
let stop = async () => {};

if (!env.DATABASE_URL) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-test-pg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 12 });
  await server.start();
  env.DATABASE_URL = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
  env.CAIRN_TEST_EMBEDDED = '1';
  args.unshift('--runInBand');
  console.log('npm test: no DATABASE_URL, using an embedded PGlite database.');
  stop = async () => {
    await server.stop();
    await db.close();
    fs.rmSync(socketDir, { recursive: true, force: true });
  };
} else {
  // A template per run, so concurrent runs on one server never drop each other's template.
  env.CAIRN_TEST_TEMPLATE = `cairn_template_${process.pid}_${Date.now().toString(36)}`;
  // Test files wait on the database more than on the CPU: two workers even on two cores.
  if (!args.some((a) => a.startsWith('--maxWorkers') || a === '-w' || a === '--runInBand' || a === '-i')) args.unshift('--maxWorkers=2');
  console.log('npm test: using DATABASE_URL.');
}

const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { env, stdio: 'inherit' });
const code = await new Promise((resolve) => jest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await stop();
process.exit(code);
