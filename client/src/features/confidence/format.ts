// relative, not @shared: the unit tests in test/ import this file and do not know the alias
import type { ConfidenceForecast, ConfidenceSummary } from '../../../../shared/api/confidence';

/** A rate or count with two significant digits ("0.13", "2.9", "14"), as the gate's criteria print it. */
export function formatRate(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10) return String(Math.round(value));
  return String(Number(value.toPrecision(2)));
}

/** "2026-W07" → "W07": the year is in the table, an axis or a card has no room for it. */
export const shortWeek = (week: string) => week.replace(/^\d{4}-/, '');

/** The part of a forecast both the card (summary) and the chart (full assessment) carry. */
type AnyForecast = ConfidenceSummary['forecast'] | ConfidenceForecast;

/**
 * The forecast in a few words: "≈ 3 weeks to confidence", "At target (fitted)": the fitted curve's
 * bound is already below the target, or
 * "Not enough data" (the reason is given separately, never a made-up date).
 */
export function forecastHeadline(forecast: AnyForecast): string {
  if (forecast.status !== 'ok') return 'Not enough data';
  if (forecast.reached) return 'At target (fitted)';
  const weeks = Math.max(1, Math.round(forecast.weeksFromNow));
  return `≈ ${weeks} ${weeks === 1 ? 'week' : 'weeks'} to confidence`;
}

const weekOf = (point: string | { week: string } | null): string | null =>
  point === null ? null : typeof point === 'string' ? isoWeek(new Date(point)) : point.week;

/** The forecast's range and reason: "W02, between W48 and W32" or the server's reason. */
export function forecastDetail(forecast: AnyForecast): string {
  if (forecast.status !== 'ok') return forecast.reason;
  const earliest = weekOf(forecast.earliest);
  const latest = weekOf(forecast.latest);
  const range =
    latest === null
      ? `${earliest ? shortWeek(earliest) : '?'} at the earliest; the data cannot rule out a rate that never falls to the target`
      : `between ${shortWeek(earliest ?? '?')} and ${shortWeek(latest)}`;
  return `${forecast.reached ? 'Reached in' : 'Expected in'} ${shortWeek(forecast.week)}, ${range} (90% range)`;
}

/** "0.63 a week, at most 2 at 90%; target 1", or why there is no rate yet. */
export function rateSentence(rate: {
  rate: number | null;
  upper: number | null;
  level: number;
  target: number;
}): string {
  if (rate.rate === null || rate.upper === null) return 'No rate yet: nothing observed since hand-off';
  return `${formatRate(rate.rate)} a week, at most ${formatRate(rate.upper)} at ${Math.round(rate.level * 100)}%; target ${formatRate(rate.target)}`;
}

/** ISO 8601 week of a date, in UTC: "2026-W07". */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  day.setUTCDate(day.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
