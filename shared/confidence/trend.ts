import { normalUpperTail } from './poisson';

/** A span of time with its (weighted) count, for the trend test. */
export interface TrendBin {
  /** weeks since the start at the bin's ends */
  t0: number;
  t1: number;
  weighted: number;
  /** Σ w² of the bin's events (equal to `weighted` with unit weights) */
  weightedSquares: number;
}

export interface LaplaceResult {
  statistic: number;
  pValue: number;
}

/**
 * The Laplace trend test on grouped counts. Under a constant rate each event falls in bin i with
 * probability ∝ its length, so its bin midpoint c has mean μ and variance σ² over the bins, and
 *   U = (Σ cᵢ yᵢ − Y μ) / √(Σw² · σ²)
 * is about N(0, 1); U > 0 means events come later: a rising rate. With k bins of equal length and
 * unit weights this is the grouped form of Kanoun, Kaâniche & Laprie (1997):
 *   U = (Σ (i − 1) n(i) − N (k − 1)/2) / √(N (k² − 1)/12).
 * Returns null when there is nothing to test (no events, or a single bin).
 */
export function laplaceTest(bins: readonly TrendBin[]): LaplaceResult | null {
  const span = bins.reduce((sum, bin) => sum + (bin.t1 - bin.t0), 0);
  const weighted = bins.reduce((sum, bin) => sum + bin.weighted, 0);
  const squares = bins.reduce((sum, bin) => sum + bin.weightedSquares, 0);
  if (!(span > 0) || !(weighted > 0)) return null;
  let mean = 0;
  let secondMoment = 0;
  let score = 0;
  for (const bin of bins) {
    const share = (bin.t1 - bin.t0) / span;
    const middle = (bin.t0 + bin.t1) / 2;
    mean += share * middle;
    secondMoment += share * middle * middle;
    score += middle * bin.weighted;
  }
  const variance = secondMoment - mean * mean;
  if (!(variance > 0)) return null;
  const statistic = (score - weighted * mean) / Math.sqrt(squares * variance);
  return { statistic, pValue: normalUpperTail(statistic) };
}
