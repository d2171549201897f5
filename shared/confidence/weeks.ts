import { SEVERITIES } from '../api/enums';
import type { Severity } from '../api/enums';
import type { ConfidenceWeek, SeverityWeights } from '../api/confidence';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The severity weights Cairn uses unless an admin sets others. */
export const DEFAULT_SEVERITY_WEIGHTS: SeverityWeights = { low: 0.5, medium: 1, high: 2, critical: 3 };

/** What the model needs of an investigation. */
export interface ConfidenceInvestigation {
  reportedAt: string | Date;
  severity: Severity;
  /** dismissed as a duplicate of another investigation: left out of every count */
  duplicate?: boolean;
  /** reported by a monitor rather than a person: counted the same, shown apart */
  byMonitor?: boolean;
}

/** Monday 00:00 UTC of the ISO week holding `time`. */
export function isoWeekStart(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
}

/** ISO week label, e.g. 2026-W01 (the week holding the year's first Thursday). */
export function isoWeekLabel(time: number): string {
  const thursday = new Date(isoWeekStart(time) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A week of the series with what the statistics need besides the counts. */
export interface WeekBin extends ConfidenceWeek {
  /** weeks since the start at the bin's ends */
  t0: number;
  t1: number;
  /** sum of squared weights: the variance of the weighted count under a Poisson model */
  weightedSquares: number;
}

export interface CountedEvent {
  /** weeks since the start */
  t: number;
  weight: number;
}

/** The investigations that count, in [start, now], as weeks since the start with their weights. */
export function countedEvents(
  investigations: readonly ConfidenceInvestigation[],
  start: number,
  now: number,
  weights: SeverityWeights,
): CountedEvent[] {
  const events: CountedEvent[] = [];
  for (const investigation of investigations) {
    if (investigation.duplicate) continue;
    const time = new Date(investigation.reportedAt).getTime();
    if (!(time >= start && time < now)) continue;
    events.push({ t: (time - start) / WEEK_MS, weight: weights[investigation.severity] });
  }
  return events.sort((x, y) => x.t - y.t);
}

/** Weekly counts of new investigations from `start` to `now`, by ISO week (UTC). */
export function weeklyCounts(
  investigations: readonly ConfidenceInvestigation[],
  start: number,
  now: number,
  weights: SeverityWeights,
): WeekBin[] {
  const bins: WeekBin[] = [];
  for (let monday = isoWeekStart(start); monday < now; monday += WEEK_MS) {
    const from = Math.max(start, monday);
    const to = Math.min(now, monday + WEEK_MS);
    const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
    bins.push({
      week: isoWeekLabel(monday),
      weekStart: new Date(monday).toISOString(),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      exposureWeeks: (to - from) / WEEK_MS,
      count: 0,
      weighted: 0,
      weightedSquares: 0,
      bySeverity,
      byMonitor: 0,
      t0: (from - start) / WEEK_MS,
      t1: (to - start) / WEEK_MS,
    });
  }
  const firstMonday = isoWeekStart(start);
  for (const investigation of investigations) {
    if (investigation.duplicate) continue;
    const time = new Date(investigation.reportedAt).getTime();
    if (!(time >= start && time < now)) continue;
    const bin = bins[Math.floor((time - firstMonday) / WEEK_MS)];
    const weight = weights[investigation.severity];
    bin.count += 1;
    bin.weighted += weight;
    bin.weightedSquares += weight * weight;
    bin.bySeverity[investigation.severity] += 1;
    if (investigation.byMonitor) bin.byMonitor = (bin.byMonitor ?? 0) + 1;
  }
  return bins;
}

/** The public view of a bin (drops the model's working fields). */
export function presentWeek(bin: WeekBin): ConfidenceWeek {
  const { t0: _t0, t1: _t1, weightedSquares: _squares, ...week } = bin;
  return week;
}
