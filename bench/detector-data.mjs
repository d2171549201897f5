/**
 * Simulated metric series with labelled anomalies, for bench/detector.mjs (issue #20, item 6).
 *
 * Each series is a year of daily points (2025-01-01 .. 2025-12-31) from a fixed seed:
 *   level 100..10,000 × (1 + a linear trend of −30%..+50% over the year)
 *   × a season: `weekly` (a weekday shape with a weekend dip of 10–40%), `monthly` (a smooth
 *     within-month swing of ±10–30%, calendar-aligned) or `dayOfMonth` (a billing day on the 1st
 *     at +80..200%, over a mild weekly shape)
 *   × (1 + gaussian noise of sd 2–6%),
 * with missing days (0–5% of days at random, and in a third of the series a 3-day outage) and,
 * from day 120 on, injected anomalies at least 14 days apart:
 *   - 3 spikes (70% up, 30% down), one point each, of 6–12 noise standard deviations;
 *   - in half the series a level shift of 6–12 noise sd (up or down) that persists; its label
 *     window is the 7 days from its onset.
 * Missing days are not anomalies: a detector that alarms around them pays in precision. A spike
 * that falls on a missing day is dropped from the labels.
 */

export const DAY_MS = 86_400_000;
export const START = Date.UTC(2025, 0, 1);
export const DAYS = 365;
export const FIRST_ANOMALY_DAY = 120;
export const SHIFT_WINDOW = 7;

/** mulberry32: small, fast, and the same on every machine. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function gaussian(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}
const uniform = (next, lo, hi) => lo + (hi - lo) * next();
export const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Days from FIRST_ANOMALY_DAY on, at least `gap` apart, none on the 1st of a month (billing days). */
function pickDays(next, count, taken, gap = 14) {
  const days = [];
  for (let attempt = 0; days.length < count && attempt < 1000; attempt++) {
    const day = FIRST_ANOMALY_DAY + Math.floor(next() * (DAYS - FIRST_ANOMALY_DAY - 1));
    if (new Date(START + day * DAY_MS).getUTCDate() === 1) continue;
    if ([...taken, ...days].some((d) => Math.abs(d - day) < gap)) continue;
    days.push(day);
  }
  return days;
}

/**
 * One simulated series: { seed, season, points: [{ ts, value }], events: [{ kind, start, end }],
 * noise } — event windows are day indexes, end exclusive; points carry `day` (its index).
 */
export function simulateSeries(seed, season) {
  const next = random(seed);
  const level = 10 ** uniform(next, 2, 4);
  const trend = uniform(next, -0.3, 0.5);
  const noise = uniform(next, 0.02, 0.06);
  const weekendDip = season === 'dayOfMonth' ? uniform(next, 0, 0.2) : uniform(next, 0.1, 0.4);
  const weekShape = [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
    weekday === 0 || weekday === 6 ? -weekendDip : (weekendDip * 2) / 5 + uniform(next, -0.03, 0.03),
  );
  const monthSwing = uniform(next, 0.1, 0.3);
  const billingLift = uniform(next, 0.8, 2);

  const shiftDay = next() < 0.5 ? pickDays(next, 1, [], 30)[0] : undefined;
  const shiftSize = (next() < 0.5 ? -1 : 1) * uniform(next, 6, 12) * noise;
  const spikeDays = pickDays(next, 3, shiftDay === undefined ? [] : [shiftDay]);
  const spikes = spikeDays.map((day) => ({ day, size: (next() < 0.7 ? 1 : -1) * uniform(next, 6, 12) * noise }));

  const missing = new Set();
  const missingRate = uniform(next, 0, 0.05);
  for (let day = 1; day < DAYS; day++) if (next() < missingRate) missing.add(day);
  if (next() < 1 / 3) {
    const outage = 30 + Math.floor(next() * (DAYS - 40));
    for (let d = outage; d < outage + 3; d++) missing.add(d);
  }
  missing.delete(DAYS - 1);

  const points = [];
  for (let day = 0; day < DAYS; day++) {
    const ms = START + day * DAY_MS;
    const date = new Date(ms);
    const monthDays = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    let expected = level * (1 + (trend * day) / DAYS);
    if (season === 'weekly' || season === 'dayOfMonth') expected *= 1 + weekShape[date.getUTCDay()];
    if (season === 'monthly')
      expected *= 1 + monthSwing * Math.cos((2 * Math.PI * (date.getUTCDate() - 1)) / monthDays);
    if (season === 'dayOfMonth' && date.getUTCDate() === 1) expected *= 1 + billingLift;
    let value = expected * (1 + noise * gaussian(next));
    if (shiftDay !== undefined && day >= shiftDay) value *= 1 + shiftSize;
    const spike = spikes.find((s) => s.day === day);
    if (spike) value *= 1 + spike.size;
    if (!missing.has(day)) points.push({ ts: isoDay(ms), value, day });
  }
  const events = [
    ...spikes.filter((s) => !missing.has(s.day)).map((s) => ({ kind: 'spike', start: s.day, end: s.day + 1 })),
    ...(shiftDay === undefined ? [] : [{ kind: 'levelShift', start: shiftDay, end: shiftDay + SHIFT_WINDOW }]),
  ].sort((a, b) => a.start - b.start);
  return { seed, season, noise, points, events };
}

/** The labelled set: half weekly, a quarter monthly, a quarter billing-day series. */
export function simulatedSet(count = 60, firstSeed = 1000) {
  const seasons = ['weekly', 'monthly', 'weekly', 'dayOfMonth'];
  return Array.from({ length: count }, (_, i) => simulateSeries(firstSeed + i, seasons[i % seasons.length]));
}
