#!/usr/bin/env node
/**
 * npm run bench -- --only detector   (or: node bench/detector.mjs [--series 60] [--throughput 300])
 *
 * Detection quality and speed of the monitors' detector (server/modules/monitors/detector.ts,
 * issue #20 item 6), on the simulated labelled series of bench/detector-data.mjs (fixed seeds):
 *
 * 1. quality: each series is replayed as a monitor that runs weekly and judges the 7 newest days
 *    (detect(history so far, { evaluateLast: 7 })), from day 91 to the year's end. Against the
 *    labels it reports precision (alarms inside a labelled window / all alarms), recall (labelled
 *    events with at least one alarm in their window), and time to detection (days from an event's
 *    onset to its first alarm). The same replay runs a baseline: a rolling z-score of each point
 *    against the 28 observed points before it, alarming at |z| > 3.
 * 2. speed: detect() once (evaluateLast 1) on each of N fresh 365-point series, timed: series per
 *    minute on this machine, with the process's peak RSS.
 *
 * No public labelled anomaly benchmark (NAB, Yahoo S5, …) is published as an npm or Debian
 * package, and this machine reaches no other source, so only the simulated set is measured.
 *
 * Needs the compiled detector: `npm run build:server` (bench/run.mjs builds first). Writes
 * bench/results/detector.md and bench/results/detector.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulatedSet, simulateSeries, FIRST_ANOMALY_DAY } from './detector-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const RUN_EVERY = 7;
const FIRST_RUN_DAY = 91;
const SENSITIVITY = 0.5;
const BASELINE_WINDOW = 28;
const BASELINE_Z = 3;

/** Rolling z-score: each judged point against the mean and sd of the BASELINE_WINDOW observed points before it. */
function baselineAlarms(points, judgedFrom) {
  const alarms = [];
  for (let i = judgedFrom; i < points.length; i++) {
    const window = points.slice(Math.max(0, i - BASELINE_WINDOW), i).map((p) => p.value);
    if (window.length < BASELINE_WINDOW / 2) continue;
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / (window.length - 1));
    if (sd > 0 && Math.abs(points[i].value - mean) / sd > BASELINE_Z) alarms.push(points[i].day);
  }
  return alarms;
}

/** Replays one series as weekly monitor runs; returns the alarmed day indexes of each detector. */
function replay(series, detect, seasonality) {
  const alarms = { detector: [], baseline: [] };
  let quietRuns = 0;
  let runs = 0;
  for (let runEnd = FIRST_RUN_DAY + RUN_EVERY; runEnd <= 365 + RUN_EVERY - 1; runEnd += RUN_EVERY) {
    const history = series.points.filter((p) => p.day < Math.min(runEnd, 365));
    const judgedFrom = history.findIndex((p) => p.day >= runEnd - RUN_EVERY);
    if (judgedFrom < 0) continue;
    runs++;
    const result = detect(
      history.map(({ ts, value }) => ({ ts, value })),
      { seasonality: { kind: seasonality }, sensitivity: SENSITIVITY, evaluateLast: history.length - judgedFrom },
    );
    if (!result.enoughHistory) quietRuns++;
    const dayOf = new Map(history.map((p) => [p.ts, p.day]));
    alarms.detector.push(...result.anomalies.map((p) => dayOf.get(p.ts)));
    alarms.baseline.push(...baselineAlarms(history, judgedFrom));
  }
  return { alarms, runs, quietRuns };
}

function score(seriesList, alarmsOf) {
  let alarms = 0;
  let truePositiveAlarms = 0;
  let events = 0;
  let detected = 0;
  const delays = [];
  const byKind = {};
  for (const [index, series] of seriesList.entries()) {
    const days = alarmsOf(index);
    alarms += days.length;
    truePositiveAlarms += days.filter((d) => series.events.some((e) => d >= e.start && d < e.end)).length;
    for (const event of series.events) {
      events++;
      const kind = (byKind[event.kind] ??= { events: 0, detected: 0, delays: [] });
      kind.events++;
      const hits = days.filter((d) => d >= event.start && d < event.end);
      if (hits.length) {
        detected++;
        kind.detected++;
        const delay = Math.min(...hits) - event.start;
        delays.push(delay);
        kind.delays.push(delay);
      }
    }
  }
  const precision = alarms ? truePositiveAlarms / alarms : null;
  const recall = events ? detected / events : null;
  return {
    alarms,
    falseAlarms: alarms - truePositiveAlarms,
    events,
    detected,
    precision,
    recall,
    f1: precision && recall ? (2 * precision * recall) / (precision + recall) : null,
    meanDelayDays: mean(delays),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([k, v]) => [
        k,
        { events: v.events, recall: v.detected / v.events, meanDelayDays: mean(v.delays) },
      ]),
    ),
  };
}

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function peakRss() {
  let peak = process.memoryUsage().rss;
  return {
    sample() {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
    get mb() {
      return Math.round((peak / 2 ** 20) * 10) / 10;
    },
  };
}

export async function runDetectorBench({ seriesCount = 60, throughputSeries = 300 } = {}) {
  const { detect, levelForSensitivity } = require(path.join(root, 'dist/server/modules/monitors/detector.js'));
  const rss = peakRss();
  const started = Date.now();
  const set = simulatedSet(seriesCount);
  const configs = [
    { name: 'configured', seasonalityOf: (s) => s.season },
    { name: 'auto', seasonalityOf: () => 'auto' },
  ];
  const quality = {};
  let baseline;
  for (const config of configs) {
    const replays = set.map((series) => {
      const result = replay(series, detect, config.seasonalityOf(series));
      rss.sample();
      return result;
    });
    quality[config.name] = {
      all: score(set, (i) => replays[i].alarms.detector),
      bySeason: Object.fromEntries(
        ['weekly', 'monthly', 'dayOfMonth'].map((season) => {
          const indexes = set.map((s, i) => (s.season === season ? i : -1)).filter((i) => i >= 0);
          return [
            season,
            score(
              indexes.map((i) => set[i]),
              (j) => replays[indexes[j]].alarms.detector,
            ),
          ];
        }),
      ),
      runs: replays.reduce((n, r) => n + r.runs, 0),
      quietRuns: replays.reduce((n, r) => n + r.quietRuns, 0),
    };
    if (!baseline) {
      baseline = {
        all: score(set, (i) => replays[i].alarms.baseline),
        bySeason: Object.fromEntries(
          ['weekly', 'monthly', 'dayOfMonth'].map((season) => {
            const indexes = set.map((s, i) => (s.season === season ? i : -1)).filter((i) => i >= 0);
            return [
              season,
              score(
                indexes.map((i) => set[i]),
                (j) => replays[indexes[j]].alarms.baseline,
              ),
            ];
          }),
        ),
      };
    }
  }
  // Holdout: fresh seeds the band's noise factor was not chosen on, seasonality as configured.
  const holdoutSet = simulatedSet(seriesCount, 2000);
  const holdoutReplays = holdoutSet.map((series) => {
    const result = replay(series, detect, series.season);
    rss.sample();
    return result;
  });
  const holdout = {
    detector: score(holdoutSet, (i) => holdoutReplays[i].alarms.detector),
    baseline: score(holdoutSet, (i) => holdoutReplays[i].alarms.baseline),
  };
  const qualitySeconds = (Date.now() - started) / 1000;

  // Speed: one judged point per series, as a daily monitor run does.
  const speed = {};
  for (const kind of ['weekly', 'auto']) {
    const inputs = Array.from({ length: throughputSeries }, (_, i) =>
      simulateSeries(50_000 + i, 'weekly').points.map(({ ts, value }) => ({ ts, value })),
    );
    detect(inputs[0], { seasonality: { kind }, sensitivity: SENSITIVITY }); // warm: wasm compiled
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    for (const points of inputs) {
      detect(points, { seasonality: { kind }, sensitivity: SENSITIVITY });
      rss.sample();
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    speed[kind] = {
      series: throughputSeries,
      pointsPerSeries: Math.round(mean(inputs.map((p) => p.length))),
      seconds,
      msPerSeries: (seconds * 1000) / throughputSeries,
      seriesPerMinute: (throughputSeries / seconds) * 60,
      cpuSeconds,
      seriesPerCpuMinute: (throughputSeries / cpuSeconds) * 60,
    };
  }
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      node: process.version,
      loadAverage: os.loadavg(),
    },
    series: set.length,
    events: baseline.all.events,
    protocol: {
      runEvery: RUN_EVERY,
      firstRunDay: FIRST_RUN_DAY,
      firstAnomalyDay: FIRST_ANOMALY_DAY,
      sensitivity: SENSITIVITY,
      level: levelForSensitivity(SENSITIVITY),
    },
    quality,
    baseline,
    holdout,
    qualitySeconds,
    speed,
    peakRssMb: rss.mb,
  };
}

export function renderDetectorBench(r) {
  const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
  const days = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
  const row = (name, s) =>
    `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.alarms} | ${s.falseAlarms} | ${s.detected}/${s.events} | ${pct(s.byKind.spike?.recall)} | ${pct(s.byKind.levelShift?.recall)} | ${days(s.meanDelayDays)} | ${days(s.byKind.levelShift?.meanDelayDays)} |`;
  const header = [
    '| detector | precision | recall | F1 | alarms | false alarms | events found | spike recall | level-shift recall | mean days to detection | level shift: days to detection |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = [
    `# Monitors: detection quality (bench/detector.mjs)`,
    '',
    `Run ${r.at} on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average ${r.machine.loadAverage.map((x) => x.toFixed(2)).join(' ')}.`,
    '',
    `${r.series} simulated daily series of a year (bench/detector-data.mjs, fixed seeds 1000–${1000 + r.series - 1}: half weekly, a quarter smooth monthly, a quarter billing-day), ${r.events} labelled anomalies (spikes and level shifts of 6–12 noise sd, from day ${r.protocol.firstAnomalyDay}), missing days in every series. Each series is replayed as a monitor that runs every ${r.protocol.runEvery} days and judges the days since its last run, from day ${r.protocol.firstRunDay}; sensitivity ${r.protocol.sensitivity} (a ${(r.protocol.level * 100).toFixed(1)}% band), minChange default (1%).`,
    '',
    '## All series',
    '',
    ...header,
    row('MSTL + ETS, seasonality as configured', r.quality.configured.all),
    row('MSTL + ETS, seasonality auto', r.quality.auto.all),
    row(`baseline: rolling z-score (28 points, |z| > 3)`, r.baseline.all),
    '',
    `Holdout (seeds 2000–${2000 + r.series - 1}, not used to choose any constant; ${r.holdout.detector.events} events):`,
    '',
    ...header,
    row('MSTL + ETS, seasonality as configured', r.holdout.detector),
    row('baseline: rolling z-score', r.holdout.baseline),
    '',
    '## By season',
    '',
    ...header,
    ...['weekly', 'monthly', 'dayOfMonth'].flatMap((season) => [
      row(`${season}: configured`, r.quality.configured.bySeason[season]),
      row(`${season}: auto`, r.quality.auto.bySeason[season]),
      row(`${season}: baseline`, r.baseline.bySeason[season]),
    ]),
    '',
    `Quiet runs (not enough history): ${r.quality.configured.quietRuns} of ${r.quality.configured.runs} configured, ${r.quality.auto.quietRuns} of ${r.quality.auto.runs} auto. Quality replay took ${r.qualitySeconds.toFixed(1)} s.`,
    '',
    '## Speed',
    '',
    '| seasonality | series | points each | wall seconds | ms per series | series per minute (target ≥ 1,000) | CPU seconds | series per CPU-minute |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(r.speed).map(
      ([kind, s]) =>
        `| ${kind} | ${s.series} | ${s.pointsPerSeries} | ${s.seconds.toFixed(1)} | ${s.msPerSeries.toFixed(1)} | ${Math.round(s.seriesPerMinute).toLocaleString('en')} | ${s.cpuSeconds.toFixed(1)} | ${Math.round(s.seriesPerCpuMinute).toLocaleString('en')} |`,
    ),
    '',
    "Wall time is what this shared machine gave (its load average is above); CPU time is the detector's own cost on one core.",
    '',
    `Peak RSS of the bench process: ${r.peakRssMb} MB (one Node process, one core).`,
    '',
    '## Public labelled benchmark',
    '',
    'None measured: no public labelled anomaly benchmark (NAB, Yahoo S5, …) is published as an npm or Debian package, and this machine reaches no other source. The simulated set above is the only measurement.',
  ];
  return lines.join('\n');
}

/** Runs the bench, prints it and keeps it in bench/results/detector.{md,json}. */
export async function detectorBench(options) {
  const result = await runDetectorBench(options);
  const text = renderDetectorBench(result);
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/detector.md'), text + '\n');
  fs.writeFileSync(path.join(root, 'bench/results/detector.json'), JSON.stringify(result, null, 2) + '\n');
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { series: { type: 'string', default: '60' }, throughput: { type: 'string', default: '300' } },
  });
  console.log(await detectorBench({ seriesCount: Number(values.series), throughputSeries: Number(values.throughput) }));
}
