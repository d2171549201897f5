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

const env = { ...process.env, PORT: port, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO_DATA: 'true', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const server = spawn(process.execPath, ['dist/server/index.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
};

const baseUrl = `http://127.0.0.1:${port}`;
let ready = false;
// up to ~2 minutes: a loaded machine seeds the demo (and its warehouse) slowly
for (let i = 0; i < 240 && !ready; i++) {
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
  env: { ...process.env, E2E_BASE_URL: baseUrl },
  stdio: 'inherit',
});
const code = await new Promise((resolve) => jest.on('exit', (c) => resolve(c ?? 1)));
stop();
process.exit(code);
