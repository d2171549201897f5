#!/usr/bin/env node
// `npm run dev`: the API rebuilt and restarted on change (tsc --watch + node --watch) and the
// client served by Vite with hot reload on http://localhost:5173 (it proxies /api to :3000).
import { spawn } from 'node:child_process';

const run = (cmd, args) => spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const tsc = run('npx', ['tsc', '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
setTimeout(() => {
  const api = run(process.execPath, ['--watch-path=dist/server', '--watch-path=dist/shared', 'dist/server/index.js']);
  const vite = run('npx', ['vite', '--config', 'client/vite.config.ts']);
  const stop = () => [tsc, api, vite].forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}, 8000);
