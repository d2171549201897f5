import type { SeriesPoint } from './detector';

/** A series laid on a regular grid: one slot per step from the first timestamp, NaN where missing. */
export interface Grid {
  startMs: number;
  stepMs: number;
  values: number[];
  /** The grid slot of each input point (−1 for an unreadable timestamp). */
  slotOf: number[];
}

const DAY_MS = 86_400_000;
/** A grid longer than this means timestamps far apart for their step: not a series to model. */
const MAX_SLOTS = 1_000_000;

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The grid of a series. The step is the median gap between timestamps (a day when there is one
 * point), so missing days become NaN slots; values of points sharing a slot are averaged, and NaN or
 * infinite values count as missing.
 */
export function gridOf(series: SeriesPoint[]): Grid | null {
  const times = series.map((p) => Date.parse(p.ts));
  const valid = times.filter((t) => Number.isFinite(t));
  if (!valid.length) return null;
  const sorted = [...valid].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) gaps.push(sorted[i] - sorted[i - 1]);
  const stepMs = gaps.length ? median(gaps) : DAY_MS;
  const startMs = sorted[0];
  const slotOf = times.map((t) => (Number.isFinite(t) ? Math.round((t - startMs) / stepMs) : -1));
  const slots = Math.max(...slotOf) + 1;
  if (slots > MAX_SLOTS) return null;
  const sums = new Array<number>(slots).fill(0);
  const counts = new Array<number>(slots).fill(0);
  series.forEach((p, i) => {
    if (slotOf[i] >= 0 && Number.isFinite(p.value)) {
      sums[slotOf[i]] += p.value;
      counts[slotOf[i]]++;
    }
  });
  return { startMs, stepMs, slotOf, values: sums.map((s, i) => (counts[i] ? s / counts[i] : NaN)) };
}

/** Missing values filled by linear interpolation between their neighbours (the nearest one at the ends). */
export function interpolate(y: number[]): number[] {
  const out = [...y];
  let previous = -1;
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && !Number.isFinite(out[i])) continue;
    const from = previous;
    const to = i < out.length ? i : -1;
    for (let j = from + 1; j < (to === -1 ? out.length : to); j++) {
      if (from === -1 && to === -1) out[j] = 0;
      else if (from === -1) out[j] = out[to];
      else if (to === -1) out[j] = out[from];
      else out[j] = out[from] + ((out[to] - out[from]) * (j - from)) / (to - from);
    }
    previous = i;
  }
  return out;
}

function rollingMedian(y: number[], window: number): number[] {
  const half = window >> 1;
  return y.map((_, i) => median(y.slice(Math.max(0, i - half), Math.min(y.length, i + half + 1))));
}

/** Points further than this many robust standard deviations from the baseline are training outliers. */
const OUTLIER_SIGMAS = 3.5;

export interface RobustBaseline {
  /** y − rolling-median trend. */
  detrended: number[];
  /** trend + calendar effect + seasonal phase median, per point. */
  expected: number[];
  /** y with its outliers replaced by `expected`. */
  cleaned: number[];
  outlier: boolean[];
  /** 1.4826 · MAD of the residuals: a standard deviation that outliers do not inflate. */
  sigma: number;
  calendarEffect(index: number): number;
  effectForKey(key: number): number;
  /** Naive forecast for index ≥ n: the last trend value plus the seasonal phase (no calendar effect). */
  forecast(index: number): number;
}

/**
 * A cheap robust decomposition used before the model is fitted: a rolling-median trend, an
 * optional calendar profile (median deviation per calendar key, e.g. day of month), an optional
 * per-phase seasonal median, and the MAD of what is left. Its outliers are what the MSTL fit must
 * not learn from.
 */
export function robustBaseline(
  y: number[],
  period: number | null,
  calendarKey: ((index: number) => number) | null,
  window = period && period > 7 ? period | 1 : 7,
): RobustBaseline {
  const n = y.length;
  const phaseMedians = (detrended: number[]) => {
    const medians: number[] = [];
    if (period && period >= 2) {
      for (let phase = 0; phase < period; phase++) {
        const list: number[] = [];
        for (let i = phase; i < n; i += period) list.push(detrended[i]);
        medians.push(median(list));
      }
    }
    return medians;
  };
  // A narrow rolling median of a seasonal series jumps between the season's levels whenever one
  // spike enters the window, so: a wide median for a first level, the phases against it, and then
  // the narrow median of the deseasonalised series for the trend.
  const wide = rollingMedian(y, Math.max(31, window));
  const firstSeason = phaseMedians(y.map((v, i) => v - wide[i]));
  const deseasoned = firstSeason.length ? y.map((v, i) => v - firstSeason[i % period!]) : y;
  const trend = rollingMedian(deseasoned, window);
  const detrended = y.map((v, i) => v - trend[i]);
  // The seasonal phases first (medians, so the few calendar days barely move them), then the
  // calendar profile from what the phases leave.
  const seasonal = phaseMedians(detrended);
  const seasonalAt = (i: number) => (seasonal.length ? seasonal[i % seasonal.length] : 0);
  const profile = new Map<number, number>();
  if (calendarKey) {
    const byKey = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const key = calendarKey(i);
      const list = byKey.get(key) ?? [];
      list.push(detrended[i] - seasonalAt(i));
      byKey.set(key, list);
    }
    // One month tells nothing about a day of the month; two or more do.
    for (const [key, list] of byKey) profile.set(key, list.length >= 2 ? median(list) : 0);
  }
  const effectForKey = (key: number) => profile.get(key) ?? 0;
  const calendarEffect = (i: number) => (calendarKey ? effectForKey(calendarKey(i)) : 0);
  const expected = y.map((_, i) => trend[i] + calendarEffect(i) + seasonalAt(i));
  const residuals = y.map((v, i) => v - expected[i]);
  const center = median(residuals);
  const sigma = 1.4826 * median(residuals.map((r) => Math.abs(r - center)));
  const outlier = residuals.map((r) => sigma > 0 && Math.abs(r - center) > OUTLIER_SIGMAS * sigma);
  const cleaned = y.map((v, i) => (outlier[i] ? expected[i] : v));
  const lastTrend = trend[n - 1] ?? 0;
  return {
    detrended,
    expected,
    cleaned,
    outlier,
    sigma,
    calendarEffect,
    effectForKey,
    forecast: (index) => lastTrend + seasonalAt(index),
  };
}
