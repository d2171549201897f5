#!/usr/bin/env node
// Database outage drill: stops PostgreSQL during a write load against the built server and starts
// it again, then prints
//   - how many requests were answered while the database was down, and how many of them were
//     503 problem+json (anything else there is a failure),
//   - how long after the database came back the API answered a write again (must be ≤ 10 s),
//   - whether every acknowledged (2xx) write exists afterwards.
// Exit code 0 only when all three hold.
//
//   npm run build:server && node test/reliability/db-outage.mjs
//
// It needs root (pg_ctlcluster) and, by default, makes its own throw-away cluster
// (`OUTAGE_CLUSTER`, default "15 cairn_outage" on port OUTAGE_PG_PORT=5499, trust auth on
// 127.0.0.1), so the shared cluster other work uses is never stopped. Remove it afterwards with
// `pg_dropcluster --stop 15 cairn_outage`.
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';

const [version, cluster] = (process.env.OUTAGE_CLUSTER ?? '15 cairn_outage').split(' ');
const pgPort = Number(process.env.OUTAGE_PG_PORT ?? 5499);
const appPort = Number(process.env.OUTAGE_APP_PORT ?? 3999);
const DOWN_SECONDS = Number(process.env.OUTAGE_DOWN_SECONDS ?? 6);
const database = `cairn_outage_${Date.now().toString(36)}`;
const base = `postgres://postgres@127.0.0.1:${pgPort}`;
const url = `${base}/${database}`;
const api = `http://127.0.0.1:${appPort}/api/v1`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function ctl(action) {
  execFileSync('pg_ctlcluster', [version, cluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { stdio: 'inherit' });
}

function ensureCluster() {
  const list = execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' });
  if (!list.split('\n').some((line) => line.split(/\s+/)[0] === version && line.split(/\s+/)[1] === cluster)) {
    execFileSync('pg_createcluster', [version, cluster, '-p', String(pgPort), '--', '--auth=trust'], { stdio: 'inherit' });
  }
  try {
    ctl('start');
  } catch {
    // already running
  }
}

async function createDatabase() {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
}

async function waitForHealth(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${api}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('the server did not become healthy');
}

ensureCluster();
await createDatabase();
const server = spawn(process.execPath, ['dist/server/index.js'], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(appPort),
    CAIRN_DEMO_DATA: 'false',
    CAIRN_ADMIN_EMAIL: 'outage@example.test',
    CAIRN_ADMIN_PASSWORD: 'a stopped database, then a started one',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let exitCode = 1;
try {
  await waitForHealth(60_000);
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'outage@example.test', password: 'a stopped database, then a started one' }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0];
  const headers = { 'content-type': 'application/json', cookie, 'x-cairn-csrf': '1' };
  const created = await fetch(`${api}/domains`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ key: 'OUT', name: 'Outage drill' }),
  });
  if (created.status !== 201) throw new Error(`could not create the domain: ${created.status}`);

  const acknowledged = [];
  const during = { total: 0, problem503: 0, other: [] };
  let phase = 'before';
  let downAt = 0;
  let upAt = 0;
  let firstWriteAfterUp = 0;
  let stop = false;
  let n = 0;

  async function writer() {
    while (!stop) {
      const title = `write ${++n}`;
      // Only requests sent and answered entirely while the database was stopped count as "during".
      const sentWhile = phase;
      let status = 0;
      let type = '';
      try {
        const res = await fetch(`${api}/domains/OUT/tickets`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ kind: 'task', title }),
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        type = res.headers.get('content-type') ?? '';
        if (status === 201) acknowledged.push((await res.json()).key);
        else await res.text();
      } catch (error) {
        status = -1;
        type = String(error);
      }
      if (sentWhile === 'down' && phase === 'down') {
        during.total++;
        if (status === 503 && type.startsWith('application/problem+json')) during.problem503++;
        else during.other.push(`${status} ${type}`);
      }
      if (phase === 'up' && status === 201 && !firstWriteAfterUp) firstWriteAfterUp = Date.now();
      if (status !== 201) await sleep(100);
    }
  }

  const writers = Array.from({ length: 4 }, writer);
  await sleep(3000);
  ctl('stop');
  downAt = Date.now();
  phase = 'down';
  await sleep(DOWN_SECONDS * 1000);
  phase = 'starting';
  ctl('start');
  upAt = Date.now();
  phase = 'up';
  while (!firstWriteAfterUp && Date.now() - upAt < 30_000) await sleep(100);
  await sleep(2000);
  stop = true;
  await Promise.all(writers);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT key FROM ticket`);
  await client.end();
  const stored = new Set(rows.map((r) => r.key));
  const missing = acknowledged.filter((key) => !stored.has(key));
  const recoverySeconds = firstWriteAfterUp ? (firstWriteAfterUp - upAt) / 1000 : Infinity;

  console.log(`database down for ${((upAt - downAt) / 1000).toFixed(1)} s`);
  console.log(`requests answered while down: ${during.total}, of which 503 problem+json: ${during.problem503}`);
  if (during.other.length) console.log(`  others: ${[...new Set(during.other)].slice(0, 5).join(' | ')}`);
  console.log(`first acknowledged write after the database returned: ${recoverySeconds.toFixed(1)} s (limit 10 s)`);
  console.log(`acknowledged writes: ${acknowledged.length}, missing afterwards: ${missing.length}`);
  const ok = during.total > 0 && during.other.length === 0 && recoverySeconds <= 10 && missing.length === 0;
  console.log(ok ? 'OUTAGE DRILL PASSED' : 'OUTAGE DRILL FAILED');
  exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  try {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  } catch {
    // the cluster may be down if the drill failed midway
  }
}
process.exit(exitCode);
