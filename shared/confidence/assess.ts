import type {
  ConfidenceAssessment,
  ConfidenceForecast,
  ConfidenceOptions,
  ForecastPoint,
  GoelOkumotoFit,
  RateEstimate,
  TrendResult,
} from '../api/confidence';
import { bisect } from './search';
import { crossingTime, expectedCount, fitGoelOkumoto, likelihoodRegion } from './goel-okumoto';
import type { GoelOkumotoEstimate, GroupedCount, LikelihoodRegion } from './goel-okumoto';
import { weightedCountInterval } from './poisson';
import { laplaceTest } from './trend';
import { DEFAULT_SEVERITY_WEIGHTS, WEEK_MS, countedEvents, isoWeekLabel, presentWeek, weeklyCounts } from './weeks';
import type { ConfidenceInvestigation, WeekBin } from './weeks';

export const DEFAULT_CONFIDENCE_OPTIONS: ConfidenceOptions = {
  weights: DEFAULT_SEVERITY_WEIGHTS,
  windowWeeks: 4,
  level: 0.9,
  target: 1,
  trendAlpha: 0.05,
  trendWeeks: null,
  minWeeks: 4,
  minEvents: 3,
  minFoundFraction: 0.1,
};

export interface AssessConfidenceInput {
  investigations: readonly ConfidenceInvestigation[];
  /** hand-off, or the last recycle into a phase before weirdness */
  start: string | Date;
  now: string | Date;
  options?: Partial<ConfidenceOptions>;
}

/** Weighted counts behind the rate's interval: what a severity-weighted count looks like. */
interface WeightScale {
  /** Σw² / Σw since the start; 1 with unit weights */
  dispersion: number;
  /** mean weight since the start: the weight of the "one more" oddity of an upper bound */
  meanWeight: number;
}

function weightScale(bins: readonly WeekBin[]): WeightScale {
  const weighted = bins.reduce((sum, bin) => sum + bin.weighted, 0);
  const squares = bins.reduce((sum, bin) => sum + bin.weightedSquares, 0);
  const count = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (!(weighted > 0)) return { dispersion: 1, meanWeight: 1 };
  return { dispersion: squares / weighted, meanWeight: weighted / count };
}

/** The weekly rate over the trailing window, with its gamma (Garwood) interval. */
export function currentRate(
  input: Pick<AssessConfidenceInput, 'investigations' | 'start' | 'now'>,
  options: ConfidenceOptions = DEFAULT_CONFIDENCE_OPTIONS,
): RateEstimate {
  const start = new Date(input.start).getTime();
  const now = new Date(input.now).getTime();
  const from = Math.max(start, now - options.windowWeeks * WEEK_MS);
  const all = countedEvents(input.investigations, start, now, options.weights);
  const inWindow = all.filter((event) => event.t >= (from - start) / WEEK_MS);
  const weighted = inWindow.reduce((sum, event) => sum + event.weight, 0);
  const squares = inWindow.reduce((sum, event) => sum + event.weight ** 2, 0);
  const meanWeight = all.length ? all.reduce((sum, event) => sum + event.weight, 0) / all.length : 1;
  const exposureWeeks = (now - from) / WEEK_MS;
  const interval = weightedCountInterval(weighted, squares, meanWeight, options.level);
  const perWeek = (x: number) => (exposureWeeks > 0 ? x / exposureWeeks : Number.POSITIVE_INFINITY);
  return {
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    exposureWeeks,
    count: inWindow.length,
    weighted,
    rate: perWeek(weighted),
    lower: perWeek(interval.lower),
    upper: perWeek(interval.upper),
    level: options.level,
  };
}

function trendOf(bins: readonly WeekBin[], observedWeeks: number, options: ConfidenceOptions): TrendResult {
  const tested = options.trendWeeks === null ? bins : bins.slice(-Math.max(1, Math.ceil(options.trendWeeks)));
  const span = tested.length ? tested[tested.length - 1].t1 - tested[0].t0 : 0;
  const events = tested.reduce((sum, bin) => sum + bin.count, 0);
  if (observedWeeks < options.minWeeks || span < Math.min(options.minWeeks, options.trendWeeks ?? Infinity))
    return { status: 'insufficient', reason: `observed for ${formatWeeks(span)}; the trend needs ${options.minWeeks}` };
  if (events < options.minEvents)
    return {
      status: 'insufficient',
      reason: `${events} oddit${events === 1 ? 'y' : 'ies'} in the tested weeks; the trend needs ${options.minEvents}`,
    };
  const result = laplaceTest(tested.map((bin) => ({ ...bin, t0: bin.t0 - tested[0].t0, t1: bin.t1 - tested[0].t0 })));
  if (!result) return { status: 'insufficient', reason: 'nothing to test' };
  return {
    status: 'ok',
    statistic: result.statistic,
    pValue: result.pValue,
    rising: result.pValue < options.trendAlpha,
    alpha: options.trendAlpha,
    from: tested[0].from,
    weeks: span,
    events,
  };
}

function formatWeeks(weeks: number): string {
  const rounded = Math.round(weeks * 10) / 10;
  return `${rounded} week${rounded === 1 ? '' : 's'}`;
}

function forecastPoint(start: number, observedWeeks: number, weeksFromStart: number): ForecastPoint {
  const time = start + weeksFromStart * WEEK_MS;
  return {
    weeksFromStart,
    weeksFromNow: weeksFromStart - observedWeeks,
    date: new Date(time).toISOString(),
    week: isoWeekLabel(time),
  };
}

/**
 * The expected weighted count of the trailing window at which the rate's upper bound equals the
 * target, or null when even an empty window's bound is above it.
 */
export function windowCountThreshold(
  options: ConfidenceOptions,
  scale: WeightScale = { dispersion: 1, meanWeight: 1 },
): number | null {
  const excess = (expected: number) =>
    weightedCountInterval(expected, scale.dispersion * expected, scale.meanWeight, options.level).upper /
      options.windowWeeks -
    options.target;
  if (excess(0) > 0) return null;
  let high = 1;
  while (excess(high) <= 0) high *= 2;
  return bisect(excess, 0, high);
}

function forecastOf(
  start: number,
  observedWeeks: number,
  estimate: GoelOkumotoEstimate,
  region: LikelihoodRegion,
  scale: WeightScale,
  options: ConfidenceOptions,
): ConfidenceForecast {
  const threshold = windowCountThreshold(options, scale);
  if (threshold === null)
    return {
      status: 'insufficient',
      reason: `a ${options.windowWeeks}-week window cannot show a rate as low as ${options.target} a week at ${Math.round(options.level * 100)}%, even with no oddities`,
    };
  const window = options.windowWeeks;
  const point = crossingTime(estimate.a, estimate.b, window, threshold);
  let earliest = point;
  let latest = point;
  for (const slice of region.slices) {
    earliest = Math.min(earliest, crossingTime(slice.aLow, slice.b, window, threshold));
    latest = Math.max(latest, crossingTime(slice.aHigh, slice.b, window, threshold));
  }
  return {
    status: 'ok',
    ...forecastPoint(start, observedWeeks, point),
    target: options.target,
    windowWeeks: window,
    level: options.level,
    windowCountThreshold: threshold,
    reached: point <= observedWeeks,
    earliest: forecastPoint(start, observedWeeks, earliest),
    latest: region.bLowBounded ? forecastPoint(start, observedWeeks, latest) : null,
  };
}

/**
 * Measured confidence of a domain: weekly counts since `start`, the current rate with its
 * interval, the rising-trend test, the Goel–Okumoto fit and the forecast of when the rate's upper
 * bound reaches the target. Pure and serialisable; "not enough data" comes with its reason.
 */
export function assessConfidence(input: AssessConfidenceInput): ConfidenceAssessment {
  const options: ConfidenceOptions = {
    ...DEFAULT_CONFIDENCE_OPTIONS,
    ...input.options,
    weights: { ...DEFAULT_CONFIDENCE_OPTIONS.weights, ...input.options?.weights },
  };
  const start = new Date(input.start).getTime();
  const now = new Date(input.now).getTime();
  if (!Number.isFinite(start) || !Number.isFinite(now))
    throw new RangeError('assessConfidence: start and now must be dates');
  const bins = now > start ? weeklyCounts(input.investigations, start, now, options.weights) : [];
  const observedWeeks = Math.max(0, (now - start) / WEEK_MS);
  const events = bins.reduce((sum, bin) => sum + bin.count, 0);
  const weighted = bins.reduce((sum, bin) => sum + bin.weighted, 0);
  const scale = weightScale(bins);

  let fit: GoelOkumotoFit;
  let forecast: ConfidenceForecast;
  const tooFew =
    observedWeeks < options.minWeeks
      ? `observed for ${formatWeeks(observedWeeks)}; the fit needs ${options.minWeeks}`
      : events < options.minEvents
        ? `${events} oddit${events === 1 ? 'y' : 'ies'} since the start; the fit needs ${options.minEvents}`
        : null;
  const grouped: GroupedCount[] = bins.map((bin) => ({ t0: bin.t0, t1: bin.t1, count: bin.weighted }));
  const estimate = tooFew ? null : fitGoelOkumoto(grouped, options.minFoundFraction);
  if (tooFew || !estimate || 'failed' in estimate) {
    const reason = tooFew ?? (estimate && 'failed' in estimate ? estimate.reason : 'no fit');
    fit = { status: 'insufficient', reason };
    forecast = { status: 'insufficient', reason };
  } else {
    const region = likelihoodRegion(grouped, estimate, options.level, scale.dispersion);
    const aLow = Math.min(estimate.a, ...region.slices.map((slice) => slice.aLow));
    const aHigh = region.bLowBounded ? Math.max(estimate.a, ...region.slices.map((slice) => slice.aHigh)) : null;
    fit = {
      status: 'ok',
      a: estimate.a,
      b: estimate.b,
      aRange: { low: aLow, high: aHigh },
      bRange: { low: region.bLowBounded ? region.bLow : null, high: region.bHigh },
      observed: estimate.observed,
      remaining: estimate.a - estimate.observed,
      remainingRange: { low: aLow - estimate.observed, high: aHigh === null ? null : aHigh - estimate.observed },
      foundFraction: estimate.foundFraction,
      dispersion: scale.dispersion,
      level: options.level,
      expectedWeekly: bins.map((bin) => expectedCount(estimate.a, estimate.b, bin.t0, bin.t1)),
    };
    forecast = forecastOf(start, observedWeeks, estimate, region, scale, options);
  }

  return {
    start: new Date(start).toISOString(),
    now: new Date(now).toISOString(),
    options,
    weeks: bins.map(presentWeek),
    observedWeeks,
    events,
    weighted,
    rate: currentRate(input, options),
    trend: trendOf(bins, observedWeeks, options),
    fit,
    forecast,
  };
}
