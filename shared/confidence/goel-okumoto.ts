import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { bisect, goldenMax } from './search';

/**
 * Goel–Okumoto reliability growth, μ(t) = a(1 − e^(−bt)), fitted by maximum likelihood to grouped
 * counts (Goel & Okumoto 1979; the grouped-data likelihood as in Ohba 1984 and Musa, Iannino &
 * Okumoto 1987 §12):
 *   ℓ(a, b) = Σ yᵢ ln(a Δᵢ(b)) − a F(b),   Δᵢ = e^(−b tᵢ₋₁) − e^(−b tᵢ),   F = 1 − e^(−bT).
 * For fixed b the best a is Y/F, so the likelihood profiles to one parameter, searched in
 * u = ln(bT). Intervals are profile likelihood: the set of (a, b) with
 * 2(ℓ̂ − ℓ)/φ ≤ χ²₁(level) is searched, which bounds any function of (a, b) (the forecast
 * included) at that level. φ = Σw²/Σw rescales the likelihood when counts are severity-weighted
 * (a quasi-Poisson model); it is 1 with unit weights.
 */

export interface GroupedCount {
  /** interval ends, in any time unit (weeks in Cairn), t0 of the first at 0 */
  t0: number;
  t1: number;
  count: number;
}

export interface GoelOkumotoEstimate {
  a: number;
  b: number;
  observed: number;
  foundFraction: number;
  logLikelihood: number;
}

export type GoelOkumotoFailure = { failed: true; reason: string };

/** Where the detection rate search stops, as bT: below, a constant rate fits as well. */
const MIN_BT = 1e-4;
/** Beyond this (per time unit), everything was found in the first moments: nothing to fit. */
const MAX_B = 5;
const GRID = 200;

/** ln Δᵢ(b) without cancellation for small b. */
function logIncrement(b: number, t0: number, t1: number): number {
  return -b * t0 + Math.log(-Math.expm1(-b * (t1 - t0)));
}

/** The likelihood maximised over a for fixed b, up to a constant. */
export function profileLogLikelihood(bins: readonly GroupedCount[], b: number): number {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  const span = bins[bins.length - 1].t1;
  let value = total * Math.log(total / -Math.expm1(-b * span)) - total;
  for (const bin of bins) if (bin.count > 0) value += bin.count * logIncrement(b, bin.t0, bin.t1);
  return value;
}

/** The maximum-likelihood (a, b), or why there is none. */
export function fitGoelOkumoto(
  bins: readonly GroupedCount[],
  minFoundFraction = 0.1,
): GoelOkumotoEstimate | GoelOkumotoFailure {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (bins.length === 0 || !(total > 0)) return { failed: true, reason: 'no oddities to fit' };
  const span = bins[bins.length - 1].t1;
  const uMin = Math.log(MIN_BT);
  const uMax = Math.log(MAX_B * span);
  const profile = (u: number) => profileLogLikelihood(bins, Math.exp(u) / span);
  // A grid first: the profile is smooth but need not be unimodal over the whole range.
  let best = 0;
  let bestValue = -Infinity;
  const step = (uMax - uMin) / GRID;
  for (let i = 0; i <= GRID; i++) {
    const value = profile(uMin + i * step);
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  if (best === 0)
    return {
      failed: true,
      reason:
        'the counts do not fall: a constant or rising rate fits best, so the fit cannot tell how many oddities remain',
    };
  if (best === GRID) return { failed: true, reason: 'every oddity came at the very start: too little to fit a decay' };
  const u = goldenMax(profile, uMin + (best - 1) * step, uMin + (best + 1) * step);
  const b = Math.exp(u) / span;
  const foundFraction = -Math.expm1(-b * span);
  if (foundFraction < minFoundFraction)
    return {
      failed: true,
      reason: `the fit says only ${Math.round(foundFraction * 100)}% of the oddities have been found: too early to tell how many remain`,
    };
  return { a: total / foundFraction, b, observed: total, foundFraction, logLikelihood: profile(u) };
}

/** r − 1 − ln r = s, for r below and above 1. */
function ratioRoots(s: number): [number, number] {
  const g = (r: number) => r - 1 - Math.log(r) - s;
  const low = s <= 0 ? 1 : bisect(g, 1e-300, 1);
  const high = s <= 0 ? 1 : bisect(g, 1, s + 2 + 2 * Math.log(s + 2) + 10);
  return [low, high];
}

/** One point of the likelihood region's edge, for fixed b: a from aLow to aHigh. */
export interface RegionSlice {
  b: number;
  aLow: number;
  aHigh: number;
}

export interface LikelihoodRegion {
  /** false: b → 0 (a → ∞) stays inside the region, so nothing that grows with a is bounded */
  bLowBounded: boolean;
  bLow: number;
  bHigh: number;
  slices: RegionSlice[];
}

/**
 * The profile-likelihood region {(a, b): 2(ℓ̂ − ℓ)/φ ≤ χ²₁(level)} as slices in b. The range of any
 * function of (a, b) over it is that function's profile-likelihood interval; for functions rising
 * in a (the remaining count, the crossing week) the slice ends give it.
 */
export function likelihoodRegion(
  bins: readonly GroupedCount[],
  estimate: GoelOkumotoEstimate,
  level: number,
  dispersion = 1,
  slices = 120,
): LikelihoodRegion {
  const span = bins[bins.length - 1].t1;
  const allowance = (dispersion * chisquareQuantile(level, 1)) / 2;
  const floor = estimate.logLikelihood - allowance;
  const excess = (u: number) => profileLogLikelihood(bins, Math.exp(u) / span) - floor;
  const uHat = Math.log(estimate.b * span);
  const uMin = Math.log(MIN_BT);
  const uMax = Math.log(MAX_B * span);
  const bLowBounded = excess(uMin) < 0;
  const uLow = bLowBounded ? bisect(excess, uMin, uHat) : uMin;
  const uHigh = excess(uMax) < 0 ? bisect(excess, uHat, uMax) : uMax;
  const region: RegionSlice[] = [];
  for (let i = 0; i <= slices; i++) {
    const u = uLow + ((uHigh - uLow) * i) / slices;
    const b = Math.exp(u) / span;
    const aHat = estimate.observed / -Math.expm1(-b * span);
    const slack = Math.max(0, excess(u)) / estimate.observed;
    const [low, high] = ratioRoots(slack);
    region.push({ b, aLow: aHat * low, aHigh: aHat * high });
  }
  return { bLowBounded, bLow: Math.exp(uLow) / span, bHigh: Math.exp(uHigh) / span, slices: region };
}

/** Expected count in (t0, t1]. */
export function expectedCount(a: number, b: number, t0: number, t1: number): number {
  return a * Math.exp(-b * t0) * -Math.expm1(-b * (t1 - t0));
}

/**
 * The first time t ≥ window at which the expected count of the trailing window (t − window, t]
 * is at most `threshold`: a e^(−bt)(e^(bw) − 1) ≤ threshold.
 */
export function crossingTime(a: number, b: number, window: number, threshold: number): number {
  return Math.max(window, Math.log((a * Math.expm1(b * window)) / threshold) / b);
}
