import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export interface CountInterval {
  lower: number;
  upper: number;
}

/**
 * Garwood's (1936) exact interval for a Poisson mean from an observed count x, at a two-sided
 * level: [Γ⁻¹(α/2; x, 1), Γ⁻¹(1 − α/2; x + 1, 1)], the gamma form of the χ² quantiles.
 */
export function garwoodInterval(count: number, level = 0.9): CountInterval {
  const alpha = 1 - level;
  return {
    lower: count === 0 ? 0 : gammaQuantile(alpha / 2, count, 1),
    upper: gammaQuantile(1 - alpha / 2, count + 1, 1),
  };
}

/**
 * Gamma interval for a weighted Poisson count y = Σ wᵢ (Fay & Feuer 1997, with the mean-weight
 * modification of Tiwari, Clegg & Zou 2006): `squares` is Σ wᵢ², `pseudoWeight` the weight of the
 * "one more event" the upper bound allows for. With unit weights it is exactly Garwood's interval.
 */
export function weightedCountInterval(
  weighted: number,
  squares: number,
  pseudoWeight: number,
  level = 0.9,
): CountInterval {
  const alpha = 1 - level;
  const lower = weighted <= 0 ? 0 : (squares / weighted) * gammaQuantile(alpha / 2, (weighted * weighted) / squares, 1);
  const upperScale = (squares + pseudoWeight ** 2) / (weighted + pseudoWeight);
  const upperShape = (weighted + pseudoWeight) ** 2 / (squares + pseudoWeight ** 2);
  return { lower, upper: upperScale * gammaQuantile(1 - alpha / 2, upperShape, 1) };
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 1 - normalCdf(z, 0, 1);
}
