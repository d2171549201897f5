#!/usr/bin/env node
/**
 * npm run bench -- --only backtest   (or: node bench/backtest.mjs [--seeds 40])
 *
 * Backtest of the confidence forecast (shared/confidence, issue #15): histories simulated from a
 * Goel–Okumoto process with known parameters (weekly counts ~ Poisson(a(e^(−b·t0) − e^(−b·t1)))),
 * observed for T weeks and assessed exactly as the server does. For each forecast it checks
 * whether the 90% range [earliest, latest] holds the true crossing week (the week the true
 * parameters' expected counts bring the rate's upper bound to the target), and the error of the
 * point forecast in weeks. "Not enough data" answers are counted apart: they are the model
 * declining, not a miss.
 *
 * Needs the compiled model: `npm run build:server` (bench/run.mjs builds first).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** A Monday, so simulated weeks are ISO weeks. */
const START = Date.UTC(2026, 0, 5);

export const SCENARIOS = (() => {
  const list = [];
  for (const a of [15, 30, 60])
    for (const b of [0.08, 0.15, 0.3]) for (const weeks of [8, 12, 20]) list.push({ a, b, weeks });
  return list;
})();

function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One simulated history: medium-severity reports spread evenly inside each week. */
function simulate(poisson, { a, b, weeks }) {
  const investigations = [];
  for (let w = 0; w < weeks; w++) {
    const n = poisson(a * (Math.exp(-b * w) - Math.exp(-b * (w + 1))));
    for (let k = 0; k < n; k++) {
      const at = START + (w + (k + 0.5) / n) * WEEK_MS;
      investigations.push({ reportedAt: new Date(at).toISOString(), severity: 'medium' });
    }
  }
  return investigations;
}

export async function runBacktest({ seeds = 40 } = {}) {
  const model = await import(pathToFileURL(path.join(root, 'dist/shared/confidence/index.js')).href);
  const { assessConfidence, crossingTime, windowCountThreshold, DEFAULT_CONFIDENCE_OPTIONS } = model.default ?? model;
  const poissonFactory = require('@stdlib/random-base-poisson').factory;
  const options = DEFAULT_CONFIDENCE_OPTIONS;
  const threshold = windowCountThreshold(options);
  const started = Date.now();
  const perScenario = [];
  let forecasts = 0;
  let covered = 0;
  let insufficient = 0;
  let unbounded = 0;
  let boundedCovered = 0;
  const errors = [];
  for (const [index, scenario] of SCENARIOS.entries()) {
    const truth = crossingTime(scenario.a, scenario.b, options.windowWeeks, threshold);
    let sCovered = 0;
    let sForecasts = 0;
    const sErrors = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const poisson = poissonFactory({ seed: index * 10_000 + seed });
      const now = new Date(START + scenario.weeks * WEEK_MS).toISOString();
      const result = assessConfidence({ investigations: simulate(poisson, scenario), start: new Date(START), now });
      if (result.forecast.status !== 'ok') {
        insufficient++;
        continue;
      }
      const f = result.forecast;
      const low = f.earliest.weeksFromStart;
      const high = f.latest ? f.latest.weeksFromStart : Number.POSITIVE_INFINITY;
      const inside = low <= truth && truth <= high;
      if (!f.latest) unbounded++;
      else if (inside) boundedCovered++;
      forecasts++;
      sForecasts++;
      if (inside) {
        covered++;
        sCovered++;
      }
      errors.push(Math.abs(f.weeksFromStart - truth));
      sErrors.push(Math.abs(f.weeksFromStart - truth));
    }
    perScenario.push({
      ...scenario,
      trueCrossingWeek: Math.round(truth * 10) / 10,
      forecasts: sForecasts,
      coverage: sForecasts ? sCovered / sForecasts : null,
      medianErrorWeeks: median(sErrors),
    });
  }
  return {
    seeds,
    histories: SCENARIOS.length * seeds,
    forecasts,
    insufficient,
    unbounded,
    coverage: forecasts ? covered / forecasts : null,
    boundedCoverage: forecasts > unbounded ? boundedCovered / (forecasts - unbounded) : null,
    level: options.level,
    medianErrorWeeks: median(errors),
    seconds: (Date.now() - started) / 1000,
    perScenario,
  };
}

export function renderBacktest(result) {
  const pct = (x) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const weeks = (x) => (x === null ? '—' : x.toFixed(1));
  const lines = [
    `Confidence forecast backtest: ${result.histories} simulated histories (${SCENARIOS.length} parameter sets × ${result.seeds} seeds), ${result.seconds.toFixed(1)} s`,
    `- ${result.forecasts} forecasts, ${result.insufficient} "not enough data"; ${result.unbounded} ranges without a latest date (the data cannot rule out a rate that never falls: counted as holding the truth)`,
    `- coverage of the ${Math.round(result.level * 100)}% range: ${pct(result.coverage)} (target ≥ ${Math.round(result.level * 100 - 10)}%); of the bounded ranges alone: ${pct(result.boundedCoverage)}`,
    `- median error of the point forecast: ${weeks(result.medianErrorWeeks)} weeks`,
    '',
    '| a | b | observed weeks | true crossing week | forecasts | coverage | median error (weeks) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...result.perScenario.map(
      (s) =>
        `| ${s.a} | ${s.b} | ${s.weeks} | ${s.trueCrossingWeek} | ${s.forecasts} | ${pct(s.coverage)} | ${weeks(s.medianErrorWeeks)} |`,
    ),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '40' } } });
  const result = await runBacktest({ seeds: Number(values.seeds) });
  console.log(renderBacktest(result));
}
