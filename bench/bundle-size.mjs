#!/usr/bin/env node
// Measures the JavaScript the browser must load before the first page renders (the entry script
// and its modulepreloads in dist/client/index.html), gzipped, and fails above the 200 kB budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_KB = 200;
const dir = path.resolve('dist/client');
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const files = new Set();
for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(match[1]);
for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(match[1]);
let total = 0;
const rows = [];
for (const file of files) {
  const bytes = zlib.gzipSync(fs.readFileSync(path.join(dir, file.replace(/^\//, '')))).length;
  total += bytes;
  rows.push(`  ${file}  ${(bytes / 1024).toFixed(1)} kB`);
}
const allJs = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js')).length;
console.log(
  `Initial JS (gzipped): ${(total / 1024).toFixed(1)} kB in ${files.size} files (budget ${BUDGET_KB} kB; ${allJs} chunks in all)`,
);
console.log(rows.join('\n'));
if (total / 1024 > BUDGET_KB) {
  console.error(`Over budget by ${(total / 1024 - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
