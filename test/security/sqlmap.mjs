#!/usr/bin/env node
// SQL injection scan: sqlmap (Debian package `sqlmap`) against the list, filter and search
// endpoints of the built server, authenticated with an admin API token, on a scratch PostgreSQL
// database filled with the demo data. Exit code 0 only when sqlmap finds nothing injectable.
//
//   apt-get install sqlmap && npm run build:server && node test/security/sqlmap.mjs
//
// PG_URL (default postgres://postgres@127.0.0.1:5432) is the server the scratch database is made
// on; SQLMAP_LEVEL / SQLMAP_RISK (default 1 / 1) and SQLMAP_TECHNIQUE (default BEUS: boolean,
// error, UNION and stacked queries; add T for time-based, much slower) tune the scan.
// Each target is run as:
//   sqlmap -u "<url with parameters>" --headers "Authorization: Bearer <token>" --batch
//          --dbms=PostgreSQL --level 1 --risk 1 --technique BEUS --flush-session
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const base = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const appPort = Number(process.env.SQLMAP_APP_PORT ?? 3998);
const database = `cairn_sqlmap_${Date.now().toString(36)}`;
const origin = `http://127.0.0.1:${appPort}`;
const api = `${origin}/api/v1`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (spawnSync('sqlmap', ['--version']).status !== 0) {
  console.error('sqlmap is not installed (apt-get install sqlmap)');
  process.exit(2);
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  await client.query(sql);
  await client.end();
}

await admin(`CREATE DATABASE "${database}"`);
const server = spawn(process.execPath, ['dist/server/index.js'], {
  env: {
    ...process.env,
    DATABASE_URL: `${base}/${database}`,
    PORT: String(appPort),
    // The demo data (seeded only into an empty database, so no CAIRN_ADMIN_EMAIL here) has its admin.
    CAIRN_DEMO_DATA: 'true',
    CAIRN_ADMIN_EMAIL: '',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

let exitCode = 1;
const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-sqlmap-'));
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${api}/health`)).status === 200) break;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@cairn.test', password: 'cairn-demo-2026' }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0];
  const created = await fetch(`${api}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-cairn-csrf': '1' },
    body: JSON.stringify({ name: 'sqlmap' }),
  });
  const { token } = await created.json();
  const auth = { Authorization: `Bearer ${token}` };
  const domains = await (await fetch(`${api}/domains?limit=5&sort=name`, { headers: auth })).json();
  const key = domains.items?.[0]?.key;
  if (!key) throw new Error('no domain to scan: is the demo data on (CAIRN_DEMO_DATA)?');
  const me = (await (await fetch(`${api}/auth/me`, { headers: auth })).json()).user;
  const tickets = await (await fetch(`${api}/domains/${key}/tickets?limit=1`, { headers: auth })).json();
  const ticketKey = tickets.items?.[0]?.key ?? `${key}-1`;

  const targets = [
    `${api}/domains?q=retention&stage=specs&sort=name&order=asc&limit=10&lead=${me.id}`,
    `${api}/domains/${key}/tickets?q=metric&phase=specs&status=open&kind=task&priority=high&assignee=me&label=data&limit=10`,
    `${api}/investigations?q=spike&status=reported&severity=high&rootCause=data_bug&domain=${key}&limit=10`,
    `${api}/domains/${key}/investigations?q=spike&status=reported&limit=10`,
    `${api}/domains/${key}/artifacts?q=retention&type=metric&limit=10`,
    `${api}/users?q=admin&limit=10`,
    `${api}/audit?action=domain.create&entityType=domain&entityId=x&domain=${key}&limit=10`,
    `${api}/domains/${key}/events?limit=10&order=desc`,
    `${api}/reviews/decisions?limit=10`,
    `${api}/inbox?limit=10`,
    // `*` marks a path parameter as the injection point.
    `${api}/tickets/${ticketKey}*`,
    `${api}/domains/${key}*/gate`,
  ];
  const findings = [];
  for (const target of targets) {
    // A scan of a page that is already an error says nothing: the baseline must be a 200.
    // A fresh connection each time: the server closes idle keep-alive sockets after 5 s.
    const get = () => fetch(target.replace('*', ''), { headers: { ...auth, connection: 'close' } });
    const baseline = await get().catch(async () => {
      await sleep(500);
      return get();
    });
    if (baseline.status !== 200) {
      findings.push(`${target}: the baseline request answers ${baseline.status}, fix the target`);
      console.log(`baseline ${baseline.status} ${target.replace(api, '')}`);
      continue;
    }
    const args = [
      '-u',
      target,
      '--headers',
      `Authorization: Bearer ${token}`,
      '--batch',
      '--dbms=PostgreSQL',
      '--level',
      process.env.SQLMAP_LEVEL ?? '1',
      '--risk',
      process.env.SQLMAP_RISK ?? '1',
      '--technique',
      process.env.SQLMAP_TECHNIQUE ?? 'BEUS',
      '--flush-session',
      '--disable-coloring',
      '--output-dir',
      outputDir,
    ];
    const result = spawnSync('sqlmap', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const out = `${result.stdout}\n${result.stderr}`;
    const injectable = /is vulnerable|appears to be injectable|sqlmap identified the following injection point/i.test(out);
    const clean = /do not appear to be injectable|does not seem to be injectable/i.test(out);
    console.log(`${injectable ? 'INJECTABLE' : clean ? 'clean     ' : 'unclear   '} ${target.replace(api, '')}`);
    if (injectable || !clean) findings.push(`${target}\n${out.split('\n').filter((l) => /\[(CRITICAL|WARNING|INFO)\]/.test(l)).slice(-8).join('\n')}`);
  }
  // The server must have survived the scan.
  const health = await fetch(`${api}/health`, { headers: { connection: 'close' } }).catch(() => null);
  if (health?.status !== 200) findings.push(`the server does not answer /health after the scan (${health?.status ?? 'no answer'})`);
  if (findings.length) console.log(`\n${findings.join('\n\n')}`);
  console.log(findings.length ? 'SQLMAP SCAN: FINDINGS' : `SQLMAP SCAN CLEAN: ${targets.length} endpoints`);
  exitCode = findings.length ? 1 : 0;
} finally {
  server.kill('SIGTERM');
  await sleep(500);
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  fs.rmSync(outputDir, { recursive: true, force: true });
}
process.exit(exitCode);
