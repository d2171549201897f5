#!/usr/bin/env node
/**
 * node bench/board-browser.mjs [--scale 1] [--rounds 5] [--no-build]
 *
 * The portfolio board in a real browser on a database seeded by `npm run seed:scale` (DATABASE_URL):
 *
 * - cold: from navigation to the first domain card on screen (visible), to every domain's card
 *   rendered (complete), and to the main thread being free of long tasks after that (usable);
 * - warm: board → a domain page (its title on screen) → back to the board (every card again), with
 *   the client's query cache warm, the median of --rounds rounds.
 *
 * Debian's Chromium (/usr/bin/chromium) through playwright-core on an empty profile; a browser is
 * never downloaded. The app runs as in production (dist/, CAIRN_DEMO_DATA=false) and the browser
 * is signed in with a session written straight to the database. Results are merged into
 * bench/results/latest.json under `browser` and appended to bench/results/latest.md.
 */
import { spawn, execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { updateResults } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    port: { type: 'string', default: '3458' },
    'no-build': { type: 'boolean', default: false },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('bench/board-browser.mjs needs DATABASE_URL: a database seeded with `npm run seed:scale`.');
  process.exit(2);
}
const port = Number(args.port);
const baseUrl = `http://127.0.0.1:${port}`;
const log = (message) => process.stderr.write(`board-browser: ${message}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function signInSession(db) {
  const admin = (
    await db.query(
      `SELECT id FROM "user" WHERE active AND role = 'admin' ORDER BY (email = 'bench-admin@scale.cairn.test') DESC LIMIT 1`,
    )
  ).rows[0];
  const token = crypto.randomBytes(32).toString('base64url');
  const idHash = crypto.createHash('sha256').update(token).digest('hex');
  await db.query(`INSERT INTO session (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
    idHash,
    admin.id,
  ]);
  return { token, idHash };
}

async function main() {
  if (!args['no-build'] || !fs.existsSync(path.join(root, 'dist', 'client', 'index.html'))) {
    log('building server and client (npm run build)');
    execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const total = (await db.query('SELECT count(*)::int AS n FROM "domain"')).rows[0].n;
  const session = await signInSession(db);

  const app = spawn(process.execPath, ['dist/server/index.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CAIRN_DEMO_DATA: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-profile-'));
  let context;
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
      } catch {
        // not yet listening
      }
      await sleep(200);
    }
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await context.addCookies([
      { name: 'cairn_session', value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    await context.addInitScript(() => {
      window.localStorage.setItem('cairn.signedIn', '1');
      // Long tasks (> 50 ms of main thread) from the very start, to know when the page is usable.
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          window.__longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cards = page.locator('[data-testid^="domain-card-"]');
    // Complete: the board's "N of M domains" line is shown (the list query has every page it
    // will fetch) and N cards are on the page. N may be less than the domains in the database
    // when the client stops fetching pages; the result reports both.
    const allCardsRendered = () =>
      page.waitForFunction(
        () => {
          const line = [...document.querySelectorAll('[aria-live="polite"]')]
            .map((e) => e.textContent)
            .find((t) => /\d+ of \d+ domains/.test(t ?? ''));
          const shown = line ? Number(/(\d+) of/.exec(line)[1]) : null;
          return shown !== null && document.querySelectorAll('[data-testid^="domain-card-"]').length >= shown;
        },
        undefined,
        { timeout: 180_000, polling: 50 },
      );

    // Warm the server (JIT, caches) and the HTTP cache of the static assets with one load first.
    await page.goto(`${baseUrl}/`);
    await allCardsRendered();

    // Cold: a fresh document (the client's query cache is empty), the assets from the HTTP cache.
    await page.goto('about:blank');
    const navigationStart = Date.now();
    await page.goto(`${baseUrl}/`);
    await cards.first().waitFor({ state: 'visible', timeout: 120_000 });
    const visibleMs = Date.now() - navigationStart;
    await allCardsRendered();
    const completeMs = Date.now() - navigationStart;
    // Usable: nothing has blocked the main thread for 500 ms after the last card appeared.
    let usableMs = completeMs;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const { now, lastEnd, origin } = await page.evaluate(() => ({
        now: performance.now(),
        lastEnd: Math.max(0, ...window.__longTasks.map((t) => t.end)),
        origin: performance.timeOrigin,
      }));
      usableMs = Math.max(completeMs, Math.round(origin + lastEnd - navigationStart));
      if (now - lastEnd >= 500) break;
      await sleep(100);
    }
    const longTasks = await page.evaluate(() => window.__longTasks);
    const blockingMs = Math.round(longTasks.reduce((sum, t) => sum + Math.max(0, t.end - t.start - 50), 0));
    const rendered = await cards.count();
    log(
      `cold board: first card ${visibleMs} ms, all ${rendered} cards ${completeMs} ms, usable ${usableMs} ms (blocking ${blockingMs} ms)`,
    );

    // Warm: board → domain page → back, the query cache of the client warm.
    const toDomain = [];
    const back = [];
    // The biggest domains the board shows (it may show fewer than the database holds).
    const shownKeys = await page.$$eval('[data-testid^="domain-card-"]', (cards) =>
      cards.map((c) => c.getAttribute('data-testid').slice('domain-card-'.length)),
    );
    const keys = (
      await db.query(`SELECT key FROM "domain" WHERE key = ANY($1) ORDER BY ticket_seq DESC LIMIT $2`, [
        shownKeys,
        Number(args.rounds),
      ])
    ).rows.map((r) => r.key);
    for (const key of keys) {
      const link = page.locator(`[data-testid="domain-card-${key}"] a`).first();
      await link.scrollIntoViewIfNeeded();
      let t0 = Date.now();
      await link.click();
      await page.getByTestId('domain-title').waitFor({ state: 'visible', timeout: 60_000 });
      toDomain.push(Date.now() - t0);
      // Let the domain page finish its own requests before going back, as a reader would.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      t0 = Date.now();
      await page.goBack();
      await cards.first().waitFor({ state: 'visible', timeout: 60_000 });
      await allCardsRendered();
      back.push(Date.now() - t0);
    }
    log(
      `warm: board → domain ${median(toDomain)} ms (median of ${toDomain.length}), domain → board ${median(back)} ms`,
    );

    const result = {
      at: new Date().toISOString(),
      scale: Number(args.scale),
      domains: total,
      cardsRendered: rendered,
      cold: { firstCardVisibleMs: visibleMs, allCardsMs: completeMs, usableMs, blockingMs },
      warm: {
        boardToDomainMs: median(toDomain),
        domainToBoardMs: median(back),
        rounds: toDomain.length,
        boardToDomainAllMs: toDomain,
        domainToBoardAllMs: back,
      },
      machine: { nproc: os.cpus().length, loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100) },
    };
    updateResults((results) => {
      results.browser = { ...(results.browser ?? {}), [String(result.scale)]: result };
    });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await context?.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    app.kill('SIGTERM');
    await db.query('DELETE FROM session WHERE id_hash = $1', [session.idHash]).catch(() => undefined);
    await db.end();
  }
}

main().catch((error) => {
  console.error('board-browser failed:', error);
  process.exit(1);
});
