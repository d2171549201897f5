import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { augurs } from './augurs';
import { gridOf, interpolate, median, robustBaseline, type Grid } from './detector-robust';

/**
 * The detection half of monitors (issue #20): given a metric's time series, whether its newest
 * points lie outside the band a seasonal model predicts. Pure: no database, no clock.
 *
 * The model is @bsull/augurs' MSTL (seasonal-trend decomposition by Loess over the given periods)
 * with an AutoETS trend, fitted on the history before the judged points and forecast over them
 * with prediction intervals. Before fitting, a robust pass (rolling median + per-phase median +
 * MAD) replaces past outliers and caveat-covered points by the baseline, so an old spike or a
 * known holiday neither widens the band nor bends the expected value. See docs/monitors-detection.md.
 */

export interface SeriesPoint {
  ts: string;
  value: number;
}
export type Seasonality =
  { kind: 'auto' } | { kind: 'none' } | { kind: 'weekly' } | { kind: 'monthly' } | { kind: 'dayOfMonth' };
export interface DetectOptions {
  seasonality: Seasonality;
  /** 0..1, higher = tighter band: the band is the model's prediction interval at level 1 − 10^−(1 + 2·(1 − s)). */
  sensitivity: number;
  /** Minimum relative change from the expected value (0.05 = 5%) before a point can alarm; default 0.01. */
  minChange?: number;
  /** How many of the newest points are judged (default 1). */
  evaluateLast?: number;
  /** Points a caveat covers: never alarmed, never used as training anomalies. */
  isSuppressed?: (ts: string) => boolean;
}
export interface DetectedPoint {
  ts: string;
  value: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  anomaly: boolean;
  suppressed: boolean;
  /** Whether this point was among the judged newest points. */
  judged?: boolean;
}
export interface Detection {
  enoughHistory: boolean;
  reason?: string;
  period: number | null;
  points: DetectedPoint[];
  anomalies: DetectedPoint[];
  suppressedAnomalies: DetectedPoint[];
  /** The prediction-interval level the band was drawn at (from the sensitivity). */
  level?: number;
}

const DAY_MS = 86_400_000;
/** Without seasonality the model still needs some history: two weeks of daily points. */
const MIN_POINTS_WITHOUT_SEASON = 14;
/** Older history adds fitting time but little to a forecast of the next points. */
const MAX_TRAINING_POINTS = 400;
const DEFAULT_MIN_CHANGE = 0.01;

/** The prediction-interval level for a sensitivity: 0 → 99.9%, 0.5 → 99%, 1 → 90%. */
export function levelForSensitivity(sensitivity: number): number {
  const s = Number.isFinite(sensitivity) ? Math.min(1, Math.max(0, sensitivity)) : 0.5;
  return 1 - 10 ** -(1 + 2 * (1 - s));
}

/** The seasonal period in points for a seasonality and the series' step; null when none applies. */
function periodFor(kind: Seasonality['kind'], stepMs: number): number | null {
  const inPoints = (days: number) => Math.round((days * DAY_MS) / stepMs);
  const fit = (p: number) => (p >= 2 ? p : null);
  switch (kind) {
    case 'weekly':
      return fit(inPoints(7));
    case 'monthly':
    case 'dayOfMonth':
      return fit(inPoints(30));
    default:
      return null;
  }
}

/** Day-of-month key for calendar seasonality: the month's last day is 31, so billing on the 31st lines up. */
function dayOfMonthKey(ms: number): number {
  const date = new Date(ms);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return date.getUTCDate() === last ? 31 : date.getUTCDate();
}

interface Model {
  /** In-sample one-step expectations and band over the training grid (null where unknown). */
  inSample: { point: number[]; lower: number[]; upper: number[] } | null;
  /** Forecast for grid slots trainLength .. trainLength + horizon − 1. */
  forecast: { point: number[]; lower: number[]; upper: number[] };
}

function fitAndForecast(y: number[], periods: number[], horizon: number, level: number): Model {
  const lib = augurs();
  if (periods.length) {
    const model = lib.mstl.MSTL.ets(periods);
    try {
      model.fit(y);
      const ahead = model.predict(horizon, level);
      const fitted = model.predictInSample(level);
      return {
        forecast: {
          point: ahead.point,
          lower: ahead.intervals?.lower ?? ahead.point,
          upper: ahead.intervals?.upper ?? ahead.point,
        },
        inSample: {
          point: fitted.point,
          lower: fitted.intervals?.lower ?? fitted.point,
          upper: fitted.intervals?.upper ?? fitted.point,
        },
      };
    } finally {
      model.free();
    }
  }
  // No season: AutoETS alone (it has no in-sample forecast, so the history carries no band).
  const model = new lib.ets.AutoETS(1, 'ZZN');
  try {
    model.fit(y);
    const ahead = model.predict(horizon, level);
    return {
      forecast: {
        point: ahead.point,
        lower: ahead.intervals?.lower ?? ahead.point,
        upper: ahead.intervals?.upper ?? ahead.point,
      },
      inSample: null,
    };
  } finally {
    model.free();
  }
}

/**
 * The seasonal period in a history: augurs' periodogram proposes candidates (on the detrended
 * series, so a trend does not pass for a long season), and each is refined to the best integer lag
 * within ±2 by autocorrelation — a periodogram's bins are coarse (120 points put a weekly season at
 * "6"). A season counts when that autocorrelation is at least 0.3.
 */
function detectPeriod(y: number[]): number | null {
  if (y.length < 2 * MIN_POINTS_WITHOUT_SEASON) return null;
  const detrended = robustBaseline(y, null, null, 31).detrended;
  let candidates: number[];
  try {
    candidates = Array.from(
      augurs().seasons.seasonalities(detrended, {
        minPeriod: 2,
        maxPeriod: Math.floor(y.length / 3),
        threshold: undefined,
      }),
    );
  } catch {
    return null;
  }
  for (const candidate of candidates) {
    let best: { lag: number; acf: number } | null = null;
    for (let lag = Math.max(2, candidate - 2); lag <= candidate + 2 && lag <= y.length / 2; lag++) {
      const acf = autocorrelation(detrended, lag);
      if (!best || acf > best.acf) best = { lag, acf };
    }
    if (best && best.acf >= 0.3) return best.lag;
  }
  return null;
}

function autocorrelation(y: number[], lag: number): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    den += (y[i] - mean) ** 2;
    if (i >= lag) num += (y[i] - mean) * (y[i - lag] - mean);
  }
  return den > 0 ? num / den : 0;
}

function quiet(points: DetectedPoint[], period: number | null, reason: string, level: number): Detection {
  return { enoughHistory: false, reason, period, points, anomalies: [], suppressedAnomalies: [], level };
}

/**
 * Judges the newest `evaluateLast` points of a series against the band predicted from the points
 * before them. Quiet (enoughHistory false, no anomalies) until the history before the judged points
 * holds two seasonal periods of observed values.
 */
export function detect(series: SeriesPoint[], options: DetectOptions): Detection {
  const level = levelForSensitivity(options.sensitivity);
  const minChange = Math.max(0, options.minChange ?? DEFAULT_MIN_CHANGE);
  const isSuppressed = options.isSuppressed ?? (() => false);
  const points: DetectedPoint[] = series.map((p) => ({
    ts: p.ts,
    value: p.value,
    expected: null,
    lower: null,
    upper: null,
    anomaly: false,
    suppressed: isSuppressed(p.ts),
  }));
  if (!points.length) return quiet(points, null, 'no points', level);
  const evaluateLast = Math.max(1, Math.min(points.length, Math.floor(options.evaluateLast ?? 1) || 1));
  const judgedFrom = points.length - evaluateLast;
  for (let i = judgedFrom; i < points.length; i++) points[i].judged = true;

  const grid = gridOf(series);
  if (!grid) return quiet(points, null, 'no points with a valid timestamp', level);
  const kind = options.seasonality.kind;
  const judgedSlots = points.slice(judgedFrom).map((_, k) => grid.slotOf[judgedFrom + k]);
  const firstJudged = Math.min(...judgedSlots.filter((s) => s >= 0));
  if (!Number.isFinite(firstJudged)) return quiet(points, null, 'the judged points have no valid timestamp', level);

  // Training history: the grid slots before the first judged point, at most MAX_TRAINING_POINTS.
  const trainStart = Math.max(0, firstJudged - MAX_TRAINING_POINTS);
  const raw = grid.values.slice(trainStart, firstJudged);
  const slotMs = (slot: number) => grid.startMs + slot * grid.stepMs;
  // Points a caveat covers are left out of training like missing days.
  for (let i = 0; i < points.length; i++) {
    const slot = grid.slotOf[i];
    if (slot >= trainStart && slot < firstJudged && points[i].suppressed) raw[slot - trainStart] = NaN;
  }
  const observed = raw.filter(Number.isFinite).length;
  const seasonPeriod = kind === 'auto' || kind === 'none' ? null : periodFor(kind, grid.stepMs);
  if (kind !== 'auto' && kind !== 'none' && seasonPeriod === null)
    return quiet(points, null, `a ${kind} season does not fit points ${grid.stepMs / DAY_MS} days apart`, level);
  const needed = seasonPeriod !== null ? 2 * seasonPeriod : MIN_POINTS_WITHOUT_SEASON;
  if (observed < needed || raw.length < needed)
    return quiet(
      points,
      seasonPeriod,
      `${observed} observed points before the judged ones; at least ${needed} needed` +
        (seasonPeriod !== null ? ` (two periods of ${seasonPeriod})` : ''),
      level,
    );

  const filled = interpolate(raw);
  let period = seasonPeriod;
  if (kind === 'auto') {
    period = detectPeriod(robustBaseline(filled, null, null).cleaned);
    if (period !== null && filled.length < 2 * period) period = null;
  }
  // Billing cycles fall on calendar days, not every 30 points: a day-of-month profile models them.
  const calendarKey =
    kind === 'dayOfMonth' && grid.stepMs <= DAY_MS ? (slot: number) => dayOfMonthKey(slotMs(slot + trainStart)) : null;
  const stlPeriods =
    kind === 'dayOfMonth' && calendarKey
      ? filled.length >= 14
        ? [Math.round((7 * DAY_MS) / grid.stepMs)]
        : []
      : period
        ? [period]
        : [];
  const baseline = robustBaseline(filled, calendarKey ? (stlPeriods[0] ?? null) : period, calendarKey);
  const adjusted = baseline.cleaned.map((v, i) => v - baseline.calendarEffect(i));

  const horizon = Math.max(...judgedSlots) - firstJudged + 1;
  let model: Model;
  const spread = Math.max(...adjusted) - Math.min(...adjusted);
  const scale = median(adjusted.map(Math.abs));
  if (!(spread > 1e-9 * Math.max(1, scale))) {
    // A constant history: no model is needed, and ETS has nothing to estimate.
    const c = median(adjusted);
    const flat = (n: number) => Array.from({ length: n }, () => c);
    model = {
      inSample: { point: flat(adjusted.length), lower: flat(adjusted.length), upper: flat(adjusted.length) },
      forecast: { point: flat(horizon), lower: flat(horizon), upper: flat(horizon) },
    };
  } else {
    try {
      model = fitAndForecast(
        adjusted,
        stlPeriods.filter((p) => p >= 2 && adjusted.length >= 2 * p),
        horizon,
        level,
      );
    } catch {
      model = robustModel(baseline, adjusted.length, horizon, level);
    }
  }

  // The band is never thinner than a rounding error of the level, so a constant series stays sane.
  const floor = (expected: number) => Math.max(1e-9 * Math.abs(expected), 1e-12);
  const place = (p: DetectedPoint, expected: number, lower: number, upper: number, effect: number) => {
    const e = expected + effect;
    p.expected = e;
    p.lower = Math.min(lower + effect, e - floor(e));
    p.upper = Math.max(upper + effect, e + floor(e));
  };
  for (let i = 0; i < points.length; i++) {
    const slot = grid.slotOf[i];
    if (slot < 0) continue;
    const local = slot - trainStart;
    if (points[i].judged) {
      const h = slot - firstJudged;
      const effect = calendarKey ? baseline.effectForKey(calendarKey(local)) : 0;
      place(points[i], model.forecast.point[h], model.forecast.lower[h], model.forecast.upper[h], effect);
    } else if (local >= 0 && model.inSample) {
      place(
        points[i],
        model.inSample.point[local],
        model.inSample.lower[local],
        model.inSample.upper[local],
        baseline.calendarEffect(local),
      );
    }
  }

  const anomalies: DetectedPoint[] = [];
  const suppressedAnomalies: DetectedPoint[] = [];
  for (let i = judgedFrom; i < points.length; i++) {
    const p = points[i];
    if (!Number.isFinite(p.value) || p.expected === null || p.lower === null || p.upper === null) continue;
    const outside = p.value < p.lower || p.value > p.upper;
    const change = Math.abs(p.value - p.expected) / Math.max(Math.abs(p.expected), 1e-12);
    if (!outside || change < minChange) continue;
    if (p.suppressed) suppressedAnomalies.push(p);
    else {
      p.anomaly = true;
      anomalies.push(p);
    }
  }
  return {
    enoughHistory: true,
    period: calendarKey ? periodFor('dayOfMonth', grid.stepMs) : period,
    points,
    anomalies,
    suppressedAnomalies,
    level,
  };
}

/** When augurs cannot fit (a pathological history), the robust baseline with a MAD band stands in. */
function robustModel(baseline: ReturnType<typeof robustBaseline>, n: number, horizon: number, level: number): Model {
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const half = z * baseline.sigma;
  const inSample = Array.from({ length: n }, (_, i) => baseline.expected[i] - baseline.calendarEffect(i));
  const next = Array.from({ length: horizon }, (_, h) => baseline.forecast(n + h));
  return {
    inSample: { point: inSample, lower: inSample.map((v) => v - half), upper: inSample.map((v) => v + half) },
    forecast: { point: next, lower: next.map((v) => v - half), upper: next.map((v) => v + half) },
  };
}

/**
 * Severity from how far past the band a point lies, in band half-widths (the distance from the
 * expected value to the band's edge on the point's side): up to 1.5 low, 2.5 medium, 4 high, beyond
 * that critical. A point inside its band (or without one) is low.
 */
export function severityOf(point: DetectedPoint): 'low' | 'medium' | 'high' | 'critical' {
  if (point.expected === null || point.lower === null || point.upper === null || !Number.isFinite(point.value))
    return 'low';
  const above = point.value >= point.expected;
  const half = above ? point.upper - point.expected : point.expected - point.lower;
  const ratio = Math.abs(point.value - point.expected) / Math.max(half, 1e-12);
  if (ratio <= 1.5) return 'low';
  if (ratio <= 2.5) return 'medium';
  if (ratio <= 4) return 'high';
  return 'critical';
}

export type { Grid };
