#!/usr/bin/env node
// `npm run test:e2e`: builds, starts `npm start`'s server on a fresh embedded database in a temp
// folder, runs the browser tests (jest + playwright-core driving Debian's Chromium) against it,
// and stops it.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '3310';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
if (!process.env.E2E_SKIP_BUILD) execSync('npm run build', { stdio: 'inherit' });

const baseUrl = `http://127.0.0.1:${port}`;
// Single sign-on against the OpenID Connect provider that e2e/sso.e2e.ts starts on this port (the
// other tests never press its button; discovery waits until someone does).
const oidcPort = process.env.E2E_OIDC_PORT ?? String(Number(port) + 1000);
const oidcEnv = {
  CAIRN_PUBLIC_URL: baseUrl,
  CAIRN_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  CAIRN_OIDC_CLIENT_ID: 'cairn',
  CAIRN_OIDC_CLIENT_SECRET: 'e2e-client-secret-long-enough-for-hs256',
  CAIRN_OIDC_ALLOWED_DOMAINS: 'cairn.test',
  CAIRN_OIDC_PROVIDER_NAME: 'Cairn Test ID',
  CAIRN_OIDC_SCOPES: 'openid email profile groups',
  CAIRN_OIDC_ROLE_MAP: 'groups:data-science=member,groups:leadership=viewer,groups:cairn-admins=admin',
};
const env = { ...process.env, ...oidcEnv, PORT: port, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO_DATA: 'true', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const server = spawn(process.execPath, ['dist/server/index.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
};

let ready = false;
// up to 3 minutes: a loaded machine (several test runs at once) starts the embedded database slowly
for (let i = 0; i < 360 && !ready; i++) {
  try {
    ready = (await fetch(`${baseUrl}/api/v1/health`)).ok;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
if (!ready) {
  console.error('The server did not become healthy.');
  stop();
  process.exit(1);
}

const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', '--config', 'e2e/jest.config.js', '--runInBand', ...process.argv.slice(2)], {
  env: {
    ...process.env,
    ...oidcEnv,
    E2E_BASE_URL: baseUrl,
    E2E_OIDC_PORT: oidcPort,
    // the test's OpenID Connect provider (oidc-provider) is an ES module, loaded with import()
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
  },
  stdio: 'inherit',
});
const code = await new Promise((resolve) => jest.on('exit', (c) => resolve(c ?? 1)));
stop();
process.exit(code);
