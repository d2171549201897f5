/**
 * bench/results/latest.json and latest.md, shared by bench/run.mjs (server runs, merged by scale)
 * and bench/board-browser.mjs (browser runs, merged by scale). Each writer changes its own part of
 * the JSON; the markdown is always rendered from the whole JSON, so neither erases the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TARGETS = { ratioToLimit: 0.6, maxQueries: 5, p99GrowthScale10: 1.5, maxRssMb: 300 };

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const jsonFile = path.join(resultsDir, 'latest.json');
const mdFile = path.join(resultsDir, 'latest.md');

const round = (value, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null);

/** Reads latest.json, lets `change` edit it, writes it back with the markdown. Returns the markdown. */
export function updateResults(change) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const results = fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, 'utf8')) : {};
  results.targets = TARGETS;
  results.runs ??= {};
  change(results);
  fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  const md = `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.mjs) and \`node bench/board-browser.mjs\`; ✗ marks a missed target.\n\n${renderMarkdown(results)}`;
  fs.writeFileSync(mdFile, md);
  return md;
}

export function renderRun(run) {
  const lines = [];
  lines.push(`### Scale ${run.scale} (${run.at})`);
  lines.push('');
  lines.push(
    `${run.sizes.domains} domains, ${run.sizes.users} users, ${run.sizes.tickets} tickets, ${run.sizes.investigations} investigations, ` +
      `~${run.sizes.auditEventsEstimate} audit events; per-domain endpoints on ${run.domainKey} (${run.sizes.domainTickets} tickets, ` +
      `${run.sizes.domainInvestigations} investigations). ${run.connections} connections, ${run.durationSeconds} s per endpoint after a ` +
      `${run.warmupSeconds} s warm-up; ${run.machine.nproc} cores, load average at start ${run.machine.loadAverageAtStart.join(' / ')}` +
      (run.machine.commit
        ? `; repository at ${run.machine.commit} with ${run.machine.workingTreeChanges} uncommitted files in the shared working tree${run.rebuilt === false ? ', dist/ as last built (--no-build)' : ''}.`
        : '.'),
  );
  lines.push('');
  lines.push(
    '| Endpoint | App req/s | p50 ms | p99 ms | Limit req/s | Limit p99 ms | Ratio to limit (≥ 0.6) | Queries/request (≤ 5) | Node CPU ms/request, app / limit |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of run.endpoints) {
    const ratio =
      e.ratioToLimit === null ? 'n/a' : `${e.ratioToLimit}${e.ratioToLimit >= TARGETS.ratioToLimit ? '' : ' ✗'}`;
    const queries = `${e.queriesPerRequest}${e.queriesPerRequest <= TARGETS.maxQueries ? '' : ' ✗'}`;
    const interrupted = e.app.interrupted ? ' (the app was stopped from outside during this run)' : '';
    const failures =
      e.app.non2xx || e.app.errors || e.app.timeouts
        ? ` (non-2xx ${e.app.non2xx}, errors ${e.app.errors}, timeouts ${e.app.timeouts})`
        : '';
    // autocannon gives 0 ms latencies when no request finished: say so instead of printing zeros.
    const none = (side) => (side.requests ? null : `none finished within ${run.durationSeconds} s`);
    const p99 = e.p99TargetMs
      ? `${e.app.p99Ms} (≤ ${e.p99TargetMs})${e.app.p99Ms <= e.p99TargetMs ? '' : ' ✗'}`
      : e.app.p99Ms;
    const rate = e.reqPerSecTarget
      ? `${e.app.reqPerSec} (≥ ${e.reqPerSecTarget})${e.app.reqPerSec >= e.reqPerSecTarget ? '' : ' ✗'}`
      : e.app.reqPerSec;
    const app = none(e.app) ?? `${rate}${failures}${interrupted} | ${e.app.p50Ms} | ${p99}`;
    const limit = none(e.limit) ?? `${e.limit.reqPerSec} | ${e.limit.p99Ms}`;
    lines.push(
      `| ${e.label} \`${e.path}\` | ${none(e.app) ? `0 | ${app} | ${app}` : app} | ${none(e.limit) ? `0 | ${limit}` : limit} | ${ratio} | ${queries} | ${e.app.cpuMsPerRequest ?? 'n/a'} / ${e.limit.cpuMsPerRequest ?? 'n/a'} |`,
    );
  }
  lines.push('');
  if (run.appRestarts) {
    lines.push(
      `The app was stopped from outside ${run.appRestarts} time(s) during the run (a neighbour on the shared machine), started again, and the endpoint measured again.`,
    );
    lines.push('');
  }
  if (run.importDelay) {
    const d = run.importDelay;
    const over = (value, target) => (value <= target ? '' : ' ✗');
    lines.push(
      `Largest import (${d.tickets} tickets, ${d.bodyMb} MB) took ${d.importSeconds} s; the app's event-loop delay meanwhile: ` +
        `p99 ${d.eventLoopP99Ms} ms (target ≤ ${d.targets.eventLoopP99Ms})${over(d.eventLoopP99Ms, d.targets.eventLoopP99Ms)}, ` +
        `max ${d.eventLoopMaxMs} ms (≤ ${d.targets.eventLoopMaxMs})${over(d.eventLoopMaxMs, d.targets.eventLoopMaxMs)}; ` +
        `${d.probes} /health/live probes, p99 ${d.probeP99Ms} ms, max ${d.probeMaxMs} ms (≤ ${d.targets.probeMaxMs})${over(d.probeMaxMs, d.targets.probeMaxMs)}.`,
    );
    lines.push('');
  }
  if (!run.appRss) return lines.join('\n');
  lines.push(
    `App RSS under the benchmark: max ${run.appRss.maxMb} MB (target ≤ ${TARGETS.maxRssMb} MB)${run.appRss.maxMb > TARGETS.maxRssMb ? ' ✗' : ''}; limit server max ${run.limitRss.maxMb} MB.`,
  );
  lines.push('');
  return lines.join('\n');
}

function renderMarkdown(results) {
  const scales = Object.keys(results.runs).sort((a, b) => Number(a) - Number(b));
  const lines = scales.map((scale) => renderRun(results.runs[scale]));
  lines.push('### p99 at scale 1 against scale 10 (target: scale 10 ≤ 1.5 × scale 1)');
  lines.push('');
  if (results.runs['1'] && results.runs['10']) {
    lines.push('| Endpoint | p99 scale 1 ms | p99 scale 10 ms | Growth | Queries scale 1 → 10 |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const e1 of results.runs['1'].endpoints) {
      const e10 = results.runs['10'].endpoints.find((e) => e.name === e1.name);
      if (!e10) continue;
      const p99 = (e) => (e.app.requests ? e.app.p99Ms : `none within ${results.runs['1'].durationSeconds} s`);
      const growth = e1.app.requests && e10.app.requests ? round(e10.app.p99Ms / e1.app.p99Ms) : null;
      const growthCell =
        growth === null
          ? e10.app.requests
            ? 'n/a'
            : 'n/a ✗'
          : `${growth}${growth <= TARGETS.p99GrowthScale10 ? '' : ' ✗'}`;
      lines.push(
        `| ${e1.label} | ${p99(e1)} | ${p99(e10)} | ${growthCell} | ${e1.queriesPerRequest} → ${e10.queriesPerRequest} |`,
      );
    }
  } else {
    lines.push(
      `Not measured: only scale ${scales.join(', ') || 'none'} has been run (\`npm run seed:scale -- --scale 10\` on a fresh database, then \`npm run bench -- --scale 10\`).`,
    );
  }
  lines.push('');
  for (const [scale, b] of Object.entries(results.browser ?? {})) {
    lines.push(`### Browser: the board at scale ${scale} (${b.at})`);
    lines.push('');
    lines.push(
      `| ${b.domains} domains, ${b.machine.nproc} cores, load average ${b.machine.loadAverage.join(' / ')} | ms |`,
    );
    lines.push('|---|---:|');
    lines.push(`| First domain card visible (cold) | ${b.cold.firstCardVisibleMs} |`);
    lines.push(`| All ${b.cardsRendered} cards rendered (cold) | ${b.cold.allCardsMs} |`);
    lines.push(`| Usable: no long task for 500 ms after that (cold) | ${b.cold.usableMs} |`);
    lines.push(`| Main-thread blocking time (cold) | ${b.cold.blockingMs} |`);
    lines.push(`| Board → domain page, warm cache (median of ${b.warm.rounds}) | ${b.warm.boardToDomainMs} |`);
    lines.push(`| Domain page → board, warm cache (median of ${b.warm.rounds}) | ${b.warm.domainToBoardMs} |`);
    lines.push('');
  }
  return lines.join('\n');
}
