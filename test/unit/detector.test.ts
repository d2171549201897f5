import { detect, levelForSensitivity, severityOf, type SeriesPoint } from '../../server/modules/monitors/detector';
import { matchesRecurrence } from '../../shared/monitors/recurrence';

/** mulberry32: a seeded generator, so each series is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WEEK_SHAPE = [0.1, 0.2, 0.25, 0.2, 0.1, -0.4, -0.45]; // Monday-first weekday effects

/** Daily points from `start` (ISO date): level 1000, a weekly shape, noise sd 10. */
function dailySeries(start: string, days: number, seed = 1, value?: (i: number, date: Date) => number): SeriesPoint[] {
  const next = random(seed);
  const startMs = Date.parse(start);
  return Array.from({ length: days }, (_, i) => {
    const ms = startMs + i * DAY;
    const date = new Date(ms);
    const base = 1000 * (1 + WEEK_SHAPE[(date.getUTCDay() + 6) % 7] * 0.5) + 10 * gaussian(next);
    return { ts: isoDay(ms), value: value ? value(i, date) + base - 1000 : base };
  });
}

describe('detect: known answers', () => {
  it('finds a planted spike on the newest point and rates its severity', () => {
    const series = dailySeries('2025-01-06', 120);
    series[119].value *= 1.6;
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(result.enoughHistory).toBe(true);
    expect(result.period).toBe(7);
    expect(result.anomalies.map((p) => p.ts)).toEqual([series[119].ts]);
    const spike = result.anomalies[0];
    expect(spike.value).toBeGreaterThan(spike.upper!);
    expect(spike.expected!).toBeGreaterThan(series[119].value / 1.6 - 60);
    expect(spike.expected!).toBeLessThan(series[119].value / 1.6 + 60);
    expect(severityOf(spike)).toBe('critical');
    // Every input point comes back, the history with the model's in-sample band.
    expect(result.points).toHaveLength(120);
    expect(result.points[100].expected).not.toBeNull();
  });

  it('stays quiet on the same series without the spike', () => {
    const series = dailySeries('2025-01-06', 120);
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, evaluateLast: 14 });
    expect(result.enoughHistory).toBe(true);
    expect(result.anomalies).toEqual([]);
    expect(result.points.filter((p) => p.judged)).toHaveLength(14);
  });

  it('does not alarm on the weekly low of a weekend (the season is learnt)', () => {
    // 2025-05-04 is a Sunday: the weekly shape's lowest day.
    const series = dailySeries('2025-01-06', 119);
    expect(new Date(Date.parse(series[118].ts)).getUTCDay()).toBe(0);
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(result.anomalies).toEqual([]);
    expect(result.points[118].expected!).toBeLessThan(850);
  });

  it('suppresses a Dec 25 dip covered by a yearly recurrence, and counts it', () => {
    const christmas = { kind: 'yearly', month: 12, day: 25 } as const;
    const series = dailySeries('2024-09-02', 480, 7, (i, date) =>
      date.getUTCMonth() === 11 && date.getUTCDate() === 25 ? 300 : 1000,
    );
    const until = series.findIndex((p) => p.ts === '2025-12-25') + 1;
    const history = series.slice(0, until);
    const isSuppressed = (ts: string) => matchesRecurrence(christmas, ts);
    const covered = detect(history, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, isSuppressed });
    expect(covered.anomalies).toEqual([]);
    expect(covered.suppressedAnomalies.map((p) => p.ts)).toEqual(['2025-12-25']);
    expect(covered.suppressedAnomalies[0].suppressed).toBe(true);
    expect(covered.suppressedAnomalies[0].anomaly).toBe(false);
    // Last year's dip was left out of training: the expected value for the day is the usual level.
    expect(covered.points.find((p) => p.ts === '2024-12-25')!.suppressed).toBe(true);
    // Without the caveat the same dip alarms.
    const uncovered = detect(history, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(uncovered.anomalies.map((p) => p.ts)).toEqual(['2025-12-25']);
    expect(uncovered.suppressedAnomalies).toEqual([]);
  });

  it('is quiet with fewer than two seasonal periods of history', () => {
    const series = dailySeries('2025-01-06', 14);
    series[13].value *= 3;
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(result.enoughHistory).toBe(false);
    expect(result.reason).toMatch(/at least 14 needed/);
    expect(result.anomalies).toEqual([]);
    expect(result.period).toBe(7);
    // With 15 points the 14 before the judged one are two weeks: it judges, and alarms.
    const longer = dailySeries('2025-01-06', 15);
    longer[14].value *= 3;
    expect(detect(longer, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 }).anomalies).toHaveLength(1);
  });

  it('keeps a tiny series quiet with the minimum-change gate', () => {
    // Almost constant: 500 ± 0.01, then a jump of 0.5 (0.1%) far outside the model's band.
    const next = random(3);
    const series = Array.from({ length: 60 }, (_, i) => ({
      ts: isoDay(Date.parse('2025-03-01') + i * DAY),
      value: 500 + 0.01 * gaussian(next),
    }));
    series[59].value = 500.5;
    const gated = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, minChange: 0.05 });
    expect(gated.enoughHistory).toBe(true);
    expect(gated.points[59].upper!).toBeLessThan(500.5);
    expect(gated.anomalies).toEqual([]);
    expect(gated.suppressedAnomalies).toEqual([]);
    const ungated = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, minChange: 0 });
    expect(ungated.anomalies).toHaveLength(1);
  });

  it('finds a level shift in the judged window', () => {
    const series = dailySeries('2025-01-06', 150, 11, (i) => (i >= 143 ? 700 : 1000));
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, evaluateLast: 7 });
    expect(result.anomalies.length).toBeGreaterThanOrEqual(6);
    expect(result.anomalies.every((p) => p.value < p.lower!)).toBe(true);
  });

  it('learns a billing cycle on the 1st of the month (dayOfMonth) and alarms when it is missed', () => {
    const billing = (i: number, date: Date) => (date.getUTCDate() === 1 ? 2500 : 1000);
    const series = dailySeries('2025-01-01', 182, 5, billing); // to 2025-07-01
    expect(series[181].ts).toBe('2025-07-01');
    const billed = detect(series, { seasonality: { kind: 'dayOfMonth' }, sensitivity: 0.5 });
    expect(billed.enoughHistory).toBe(true);
    expect(billed.anomalies).toEqual([]);
    expect(billed.points[181].expected!).toBeGreaterThan(2000);
    const missed = series.map((p, i) => (i === 181 ? { ...p, value: p.value - 1500 } : p));
    expect(detect(missed, { seasonality: { kind: 'dayOfMonth' }, sensitivity: 0.5 }).anomalies).toHaveLength(1);
    // A weekly model cannot know the 1st: it alarms on the ordinary billing day.
    expect(detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 }).anomalies).toHaveLength(1);
  });

  it('detects a weekly season by itself (auto) and says when there is none', () => {
    const weekly = dailySeries('2025-01-06', 120);
    expect(detect(weekly, { seasonality: { kind: 'auto' }, sensitivity: 0.5 }).period).toBe(7);
    const next = random(9);
    const flat = Array.from({ length: 120 }, (_, i) => ({
      ts: isoDay(Date.parse('2025-01-06') + i * DAY),
      value: 1000 + 10 * gaussian(next),
    }));
    const result = detect(flat, { seasonality: { kind: 'auto' }, sensitivity: 0.5 });
    expect(result.period).toBeNull();
    expect(result.enoughHistory).toBe(true);
    expect(result.anomalies).toEqual([]);
    flat[119].value = 1200;
    expect(detect(flat, { seasonality: { kind: 'none' }, sensitivity: 0.5 }).anomalies).toHaveLength(1);
  });
});

describe('detect: awkward input', () => {
  it('handles missing days and NaN values without alarming on the gaps', () => {
    const series = dailySeries('2025-01-06', 120).filter((_, i) => i % 9 !== 4);
    series[30].value = NaN;
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5, evaluateLast: 10 });
    expect(result.enoughHistory).toBe(true);
    expect(result.period).toBe(7);
    expect(result.anomalies).toEqual([]);
    expect(result.points).toHaveLength(series.length);
    expect(result.points[30].anomaly).toBe(false);
  });

  it('handles a constant series: quiet while constant, alarms on a real change', () => {
    const series = Array.from({ length: 40 }, (_, i) => ({
      ts: isoDay(Date.parse('2025-01-01') + i * DAY),
      value: 42,
    }));
    const steady = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(steady.enoughHistory).toBe(true);
    expect(steady.anomalies).toEqual([]);
    expect(steady.points[39].expected).toBeCloseTo(42, 9);
    series[39].value = 50;
    expect(detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 }).anomalies).toHaveLength(1);
  });

  it('is quiet, with a reason, on empty or unreadable input', () => {
    expect(detect([], { seasonality: { kind: 'auto' }, sensitivity: 0.5 })).toMatchObject({
      enoughHistory: false,
      anomalies: [],
    });
    const bad = detect([{ ts: 'yesterday', value: 1 }], { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(bad.enoughHistory).toBe(false);
    expect(bad.reason).toBeTruthy();
  });

  it('accepts ISO datetimes (hourly points: a weekly season is 168 of them)', () => {
    const next = random(4);
    const start = Date.parse('2025-01-06T00:00:00Z');
    const series = Array.from({ length: 24 * 7 * 2 + 1 }, (_, i) => ({
      ts: new Date(start + i * 3_600_000).toISOString(),
      value: 100 + 20 * Math.sin((2 * Math.PI * i) / 168) + gaussian(next),
    }));
    const result = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0.5 });
    expect(result.period).toBe(168);
    expect(result.enoughHistory).toBe(true);
  });
});

describe('sensitivity and severity', () => {
  it('maps sensitivity to the band level: higher is tighter', () => {
    expect(levelForSensitivity(0)).toBeCloseTo(0.999, 6);
    expect(levelForSensitivity(0.5)).toBeCloseTo(0.99, 6);
    expect(levelForSensitivity(1)).toBeCloseTo(0.9, 6);
    const series = dailySeries('2025-01-06', 100, 2);
    const wide = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 0 }).points[99];
    const tight = detect(series, { seasonality: { kind: 'weekly' }, sensitivity: 1 }).points[99];
    expect(tight.upper! - tight.lower!).toBeLessThan(wide.upper! - wide.lower!);
  });

  it('grades severity by band half-widths past the expected value', () => {
    const at = (value: number) =>
      severityOf({ ts: '2025-01-01', value, expected: 100, lower: 90, upper: 110, anomaly: true, suppressed: false });
    expect(at(112)).toBe('low');
    expect(at(120)).toBe('medium');
    expect(at(70)).toBe('high');
    expect(at(200)).toBe('critical');
  });
});
