#!/usr/bin/env node
// Backup and restore of Cairn's data.
//
//   npm run backup -- [file]      with DATABASE_URL: pg_dump -Fc (custom format) to file
//                                 without: a .tar.gz of the embedded data folder (CAIRN_DATA_DIR)
//   npm run restore -- <file>     with DATABASE_URL: pg_restore --clean --if-exists into that database
//                                 without: replaces the data folder (the old one is kept aside)
//
// The embedded database is a folder of files that PGlite holds open: it is only copied while the
// app is stopped. The script refuses when the app answers on its health port (PORT, default 3000)
// or when --force is not given and the folder looks in use. A Postgres dump is consistent while
// the app runs (pg_dump reads one snapshot); a restore replaces the tables and should be done with
// the app stopped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [command, fileArg, ...rest] = process.argv.slice(2);
const force = rest.includes('--force') || fileArg === '--force';
const databaseUrl = process.env.DATABASE_URL;
const dataDir = path.resolve(process.env.CAIRN_DATA_DIR || './data');
const port = Number(process.env.PORT || 3000);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

function fail(message) {
  console.error(`backup: ${message}`);
  process.exit(1);
}

function run(bin, args) {
  const result = spawnSync(bin, args, { stdio: 'inherit' });
  if (result.error) fail(`${bin}: ${result.error.message}`);
  if (result.status !== 0) fail(`${bin} exited with ${result.status}`);
}

/** True when something answers Cairn's health endpoint on the configured port. */
async function appIsRunning() {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1500) });
    return res.status > 0;
  } catch {
    return false;
  }
}

async function refuseWhileRunning() {
  if (force) return;
  if (await appIsRunning()) {
    fail(`Cairn answers on port ${port}: stop it first (the embedded data folder is copied only at rest), or pass --force.`);
  }
}

if (command === 'backup') {
  if (databaseUrl) {
    const file = path.resolve(fileArg && fileArg !== '--force' ? fileArg : `cairn-${stamp}.dump`);
    run('pg_dump', ['--format=custom', '--no-owner', '--file', file, databaseUrl]);
    console.log(`backup: PostgreSQL dump written to ${file}`);
  } else {
    if (!fs.existsSync(dataDir)) fail(`no data folder at ${dataDir} (set CAIRN_DATA_DIR)`);
    await refuseWhileRunning();
    const file = path.resolve(fileArg && fileArg !== '--force' ? fileArg : `cairn-data-${stamp}.tar.gz`);
    run('tar', ['-czf', file, '-C', dataDir, '.']);
    console.log(`backup: data folder ${dataDir} archived to ${file}`);
  }
} else if (command === 'restore') {
  if (!fileArg || fileArg === '--force') fail('usage: npm run restore -- <file> [--force]');
  const file = path.resolve(fileArg);
  if (!fs.existsSync(file)) fail(`no such file: ${file}`);
  if (databaseUrl) {
    // --clean --if-exists: drop what the dump contains first, so a restore over a live schema works.
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--single-transaction', '--dbname', databaseUrl, file]);
    console.log(`restore: ${file} restored into the database`);
  } else {
    await refuseWhileRunning();
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length) {
      const aside = `${dataDir}.before-restore-${stamp}`;
      fs.renameSync(dataDir, aside);
      console.log(`restore: the current data folder was moved to ${aside}`);
    }
    fs.mkdirSync(dataDir, { recursive: true });
    run('tar', ['-xzf', file, '-C', dataDir]);
    console.log(`restore: ${file} unpacked into ${dataDir}`);
  }
} else {
  fail('usage: node scripts/backup.mjs backup [file] | restore <file>   (see the README)');
}
