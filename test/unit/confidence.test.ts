import poissonGenerator from '@stdlib/random-base-poisson';
import {
  assessConfidence,
  currentRate,
  windowCountThreshold,
  DEFAULT_CONFIDENCE_OPTIONS,
} from '../../shared/confidence';
import { expectedCount, fitGoelOkumoto } from '../../shared/confidence';
import type { GroupedCount } from '../../shared/confidence';
import { garwoodInterval, weightedCountInterval } from '../../shared/confidence';
import { isoWeekLabel, laplaceTest } from '../../shared/confidence';

describe('Garwood exact Poisson interval', () => {
  // Published exact limits for a Poisson mean (Garwood 1936; tabulated e.g. in Ulm 1990, Am J
  // Epidemiol 131:373, and the Documenta Geigy tables). Each was checked against
  // ½χ²(α/2; 2x) and ½χ²(1−α/2; 2x+2).
  const table: [number, number, number, number][] = [
    // x, level, lower, upper
    [0, 0.95, 0, 3.689],
    [1, 0.95, 0.0253, 5.572],
    [5, 0.95, 1.624, 11.668],
    [20, 0.95, 12.217, 30.888],
    [0, 0.9, 0, 2.996],
    [1, 0.9, 0.0513, 4.744],
    [5, 0.9, 1.97, 10.513],
    [20, 0.9, 13.255, 29.062],
  ];
  it.each(table)('x = %d at %d', (x, level, lower, upper) => {
    const interval = garwoodInterval(x, level);
    // Tables print 3 decimals (x = 5, 95 %: exact lower 1.62349, printed 1.624).
    expect(Math.abs(interval.lower - lower)).toBeLessThan(1e-3);
    expect(Math.abs(interval.upper - upper)).toBeLessThan(1e-3);
  });

  it('the weighted interval is Garwood with unit weights', () => {
    for (const x of [0, 1, 5, 20]) {
      const weighted = weightedCountInterval(x, x, 1, 0.9);
      const exact = garwoodInterval(x, 0.9);
      expect(weighted.lower).toBeCloseTo(exact.lower, 10);
      expect(weighted.upper).toBeCloseTo(exact.upper, 10);
    }
  });
});

describe('Laplace trend test', () => {
  const unitWeeks = (counts: number[]) =>
    counts.map((count, i) => ({ t0: i, t1: i + 1, weighted: count, weightedSquares: count }));

  it('matches the hand computation on 1, 2, 3, 4', () => {
    // k = 4, N = 10: Σ(i−1)n(i) = 0 + 2 + 6 + 12 = 20; N(k−1)/2 = 15; N(k²−1)/12 = 12.5.
    // U = 5 / √12.5 = 1.41421; one-sided p = 1 − Φ(1.41421) = 0.07865.
    const result = laplaceTest(unitWeeks([1, 2, 3, 4]))!;
    expect(result.statistic).toBeCloseTo(5 / Math.sqrt(12.5), 10);
    expect(result.pValue).toBeCloseTo(0.07865, 4);
  });

  it('is negative on a falling rate and 0 on a flat one', () => {
    expect(laplaceTest(unitWeeks([6, 3, 1, 0, 0]))!.statistic).toBeLessThan(-2);
    expect(laplaceTest(unitWeeks([2, 2, 2, 2]))!.statistic).toBeCloseTo(0, 12);
  });
});

describe('ISO weeks', () => {
  it('labels weeks as ISO 8601 does', () => {
    expect(isoWeekLabel(Date.UTC(2026, 0, 1))).toBe('2026-W01'); // a Thursday
    expect(isoWeekLabel(Date.UTC(2027, 0, 1))).toBe('2026-W53'); // a Friday of 2026's week 53
    expect(isoWeekLabel(Date.UTC(2024, 11, 30))).toBe('2025-W01');
  });
});

/** Weekly counts drawn from a Goel–Okumoto process with a seeded Poisson generator. */
function simulate(a: number, b: number, weeks: number, seed: number): GroupedCount[] {
  const poisson = poissonGenerator.factory({ seed });
  return Array.from({ length: weeks }, (_, i) => ({ t0: i, t1: i + 1, count: poisson(expectedCount(a, b, i, i + 1)) }));
}

describe('Goel–Okumoto fit', () => {
  it('recovers a and b from simulated weekly counts (a = 60, b = 0.15, 26 weeks)', () => {
    // With ~59 oddities seen (98 % of a) the standard error of a is ≈ √60/60 ≈ 13 % and of b
    // ≈ 15 %: the tolerances are about two of them.
    for (const seed of [1, 2, 3, 4, 5]) {
      const fit = fitGoelOkumoto(simulate(60, 0.15, 26, seed));
      if ('failed' in fit) throw new Error(fit.reason);
      expect(Math.abs(fit.a / 60 - 1)).toBeLessThan(0.25);
      expect(Math.abs(fit.b / 0.15 - 1)).toBeLessThan(0.35);
    }
  });

  it('reproduces Goel & Okumoto (1979) on the NTDS data', () => {
    // Naval Tactical Data System: the 26 failure times (days) of the production phase, Jelinski &
    // Moranda (1972), refitted by Goel & Okumoto (1979, IEEE Trans. Reliability R-28(3) p. 206):
    // a = 33.99, b = 0.00579 per day. Their fit is on failure times; here the times are grouped
    // into 1-day intervals (a failure at day d in (d−1, d]), which approaches it closely.
    const gaps = [9, 12, 11, 4, 7, 2, 5, 8, 5, 7, 1, 6, 1, 9, 4, 1, 3, 3, 6, 1, 11, 33, 7, 91, 2, 1];
    const days = new Map<number, number>();
    let time = 0;
    for (const gap of gaps) days.set((time += gap), (days.get(time) ?? 0) + 1);
    const bins = Array.from({ length: time }, (_, d) => ({ t0: d, t1: d + 1, count: days.get(d + 1) ?? 0 }));
    const fit = fitGoelOkumoto(bins);
    if ('failed' in fit) throw new Error(fit.reason);
    expect(Math.abs(fit.a / 33.99 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.b / 0.00579 - 1)).toBeLessThan(0.02);
  });

  it('says why when the counts do not fall', () => {
    const fit = fitGoelOkumoto([1, 2, 2, 3, 3, 4].map((count, i) => ({ t0: i, t1: i + 1, count })));
    expect(fit).toEqual({ failed: true, reason: expect.stringContaining('do not fall') });
  });
});

describe('assessConfidence', () => {
  const start = '2026-06-01T00:00:00.000Z';
  const at = (weeks: number) => new Date(Date.parse(start) + weeks * 7 * 86_400_000).toISOString();

  it('answers "not enough data" with its reason on a fresh domain', () => {
    const result = assessConfidence({
      investigations: [{ reportedAt: at(0.5), severity: 'medium' }],
      start,
      now: at(2),
    });
    expect(result.fit).toEqual({ status: 'insufficient', reason: expect.stringContaining('the fit needs 4') });
    expect(result.forecast.status).toBe('insufficient');
    expect(result.trend.status).toBe('insufficient');
    expect(result.rate.count).toBe(1);
  });

  it('leaves duplicates out and weighs severities', () => {
    const result = assessConfidence({
      investigations: [
        { reportedAt: at(0.1), severity: 'critical' },
        { reportedAt: at(0.2), severity: 'low' },
        { reportedAt: at(0.3), severity: 'high', duplicate: true },
      ],
      start,
      now: at(1),
    });
    expect(result.events).toBe(2);
    expect(result.weighted).toBe(3.5);
  });

  it('fits a decaying history and forecasts with a range', () => {
    const poisson = poissonGenerator.factory({ seed: 7 });
    const investigations = [];
    for (let week = 0; week < 12; week++) {
      const n = poisson(expectedCount(30, 0.2, week, week + 1));
      for (let k = 0; k < n; k++)
        investigations.push({ reportedAt: at(week + (k + 0.5) / (n + 1)), severity: 'medium' as const });
    }
    const result = assessConfidence({ investigations, start, now: at(12) });
    expect(result.fit.status).toBe('ok');
    if (result.fit.status !== 'ok' || result.forecast.status !== 'ok') throw new Error('expected a fit and a forecast');
    expect(result.forecast.earliest.weeksFromStart).toBeLessThanOrEqual(result.forecast.weeksFromStart);
    expect(
      result.forecast.latest === null || result.forecast.latest.weeksFromStart >= result.forecast.weeksFromStart,
    ).toBe(true);
    expect(result.fit.expectedWeekly).toHaveLength(result.weeks.length);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('the window threshold is where the Garwood upper bound meets the target', () => {
    const threshold = windowCountThreshold(DEFAULT_CONFIDENCE_OPTIONS)!;
    expect(garwoodInterval(threshold, 0.9).upper / 4).toBeCloseTo(1, 8);
    const rate = currentRate({ investigations: [], start, now: at(8) });
    expect(rate.upper).toBeCloseTo(2.996 / 4, 3);
  });
});
