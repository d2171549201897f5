// relative, not @shared: the unit tests in test/ import this file and do not know the alias
import type { ConfidenceAssessment, PhaseMarker } from '../../../../shared/api/confidence';
import { isoWeek } from './format';

const WEEK_MS = 7 * 86_400_000;
/** How far past now the chart looks for a forecast (a range without a later bound stops here). */
export const MAX_FUTURE_WEEKS = 52;

/** One week of the chart: observed since hand-off, or ahead of now (fitted only). */
export interface ChartWeek {
  week: string;
  /** weeks since the start of the series, at the middle of the week's observed part */
  t: number;
  /** observed: new investigations and their severity-weighted sum; null ahead of now */
  count: number | null;
  weighted: number | null;
  /** of count, how many monitors reported (the rest people found); null ahead of now */
  byMonitor: number | null;
  /** the observed part of the week, in weeks (1 except the first and the current week) */
  exposureWeeks: number;
  /** the Goel–Okumoto curve's expected weighted count for the week; null without a fit */
  fitted: number | null;
  /** investigations open at the week's end (from the oddity-rate series); null when unknown */
  openAtWeekEnd: number | null;
  future: boolean;
}

export interface ChartMarker extends PhaseMarker {
  t: number;
}

export interface ConfidenceChartModel {
  weeks: ChartWeek[];
  markers: ChartMarker[];
  /** weeks since the start: now, and the right edge of the chart */
  tNow: number;
  tEnd: number;
  target: number;
  /** the forecast's week and its 90% range on the time axis (high null: no later bound) */
  forecast: { t: number; low: number; high: number | null } | null;
  /** the largest value drawn, for the y axis */
  maxValue: number;
}

/**
 * Everything the chart draws, on one time axis in weeks since hand-off: observed weekly counts,
 * the fitted curve (continued ahead of now when a forecast lies there), the open-at-week-end
 * line joined by ISO week, the phase markers and the forecast range.
 */
export function confidenceChartModel(
  assessment: Pick<ConfidenceAssessment, 'start' | 'now' | 'weeks' | 'fit' | 'forecast' | 'options'> & {
    markers: PhaseMarker[];
  },
  openAtWeekEnd: ReadonlyMap<string, number>,
): ConfidenceChartModel {
  const start = new Date(assessment.start).getTime();
  const t = (iso: string) => (new Date(iso).getTime() - start) / WEEK_MS;
  const tNow = t(assessment.now);
  const fit = assessment.fit.status === 'ok' ? assessment.fit : null;
  const forecast = assessment.forecast.status === 'ok' ? assessment.forecast : null;

  const weeks: ChartWeek[] = assessment.weeks.map((w, i) => ({
    week: w.week,
    t: (t(w.from) + t(w.to)) / 2,
    count: w.count,
    weighted: w.weighted,
    byMonitor: w.byMonitor ?? 0,
    exposureWeeks: w.exposureWeeks,
    fitted: fit ? (fit.expectedWeekly[i] ?? null) : null,
    openAtWeekEnd: openAtWeekEnd.get(w.week) ?? null,
    future: false,
  }));

  // Ahead of now only as far as the forecast needs: a few weeks past its week (at least 4 weeks
  // past now, at most its latest week or a year), so the history keeps most of the width; the
  // band runs to the edge when its range goes further (the text gives the whole range).
  let tEnd = Math.max(tNow, weeks.length ? t(assessment.weeks[assessment.weeks.length - 1].to) : tNow);
  if (forecast && !forecast.reached) {
    const near = Math.max(forecast.weeksFromStart + 3, tNow + 4);
    const far = forecast.latest ? Math.min(near, forecast.latest.weeksFromStart + 1) : near;
    tEnd = Math.min(tNow + MAX_FUTURE_WEEKS, Math.max(tEnd, Math.ceil(far)));
  }
  if (fit) {
    const mu = (x: number) => fit.a * (1 - Math.exp(-fit.b * x));
    // whole ISO weeks after the current one (which is observed, partly)
    const last = assessment.weeks[assessment.weeks.length - 1];
    const first = last ? new Date(last.weekStart).getTime() + WEEK_MS : new Date(assessment.now).getTime();
    for (let from = first; (from - start) / WEEK_MS < tEnd - 1e-9; from += WEEK_MS) {
      const t0 = (from - start) / WEEK_MS;
      const t1 = t0 + 1;
      weeks.push({
        week: isoWeek(new Date(from)),
        t: (t0 + t1) / 2,
        count: null,
        weighted: null,
        byMonitor: null,
        exposureWeeks: t1 - t0,
        fitted: mu(t1) - mu(t0),
        openAtWeekEnd: null,
        future: true,
      });
      tEnd = Math.max(tEnd, t1);
    }
  }

  const markers = assessment.markers
    .map((m) => ({ ...m, t: Math.max(0, t(m.at)) }))
    .filter((m) => m.t <= tEnd && new Date(m.at).getTime() >= start - 60_000);

  const values = weeks.flatMap((w) => [w.weighted ?? 0, w.fitted ?? 0, w.openAtWeekEnd ?? 0]);
  return {
    weeks,
    markers,
    tNow,
    tEnd,
    target: assessment.options.target,
    forecast: forecast
      ? {
          t: forecast.weeksFromStart,
          low: forecast.earliest.weeksFromStart,
          high: forecast.latest ? forecast.latest.weeksFromStart : null,
        }
      : null,
    maxValue: Math.max(0, assessment.options.target, ...values),
  };
}
