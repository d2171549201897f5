import type { DomainStage, Severity } from './enums';

/** The model's honest "not enough data": never a made-up number. */
export interface InsufficientData {
  status: 'insufficient';
  /** what is missing, in words a lead can act on */
  reason: string;
}

/** Severity weights: how much one new investigation of each severity counts. */
export type SeverityWeights = Record<Severity, number>;

/** One ISO week (UTC) of new investigations, clipped to the observed span. */
export interface ConfidenceWeek {
  /** ISO week, e.g. 2026-W47 */
  week: string;
  /** Monday 00:00 UTC, ISO date-time */
  weekStart: string;
  /** the observed part of the week: [from, to) inside [start, now] */
  from: string;
  to: string;
  /** length of the observed part, in weeks (1 except for the first and current week) */
  exposureWeeks: number;
  count: number;
  /** sum of the severity weights */
  weighted: number;
  bySeverity: Record<Severity, number>;
  /** of count, how many a monitor reported (the rest people found); absent in assessments stored before monitors */
  byMonitor?: number;
}

/** The current weekly rate over a trailing window, with an exact (gamma) interval. */
export interface RateEstimate {
  from: string;
  to: string;
  /** observed length of the window in weeks (shorter than asked when the start is recent) */
  exposureWeeks: number;
  count: number;
  weighted: number;
  /** weighted oddities a week */
  rate: number;
  lower: number;
  upper: number;
  /** two-sided confidence level of [lower, upper] */
  level: number;
}

/** Laplace test for a rising rate on the weekly counts. */
export type TrendResult =
  | InsufficientData
  | {
      status: 'ok';
      /** Laplace statistic U: about N(0, 1) under a constant rate; positive when the rate rises */
      statistic: number;
      /** one-sided p-value P(Z ≥ U) */
      pValue: number;
      rising: boolean;
      alpha: number;
      from: string;
      weeks: number;
      events: number;
    };

export interface NumberRange {
  low: number;
  /** null: the data cannot bound it (a rate that never falls fits them too) */
  high: number | null;
}

/** Goel–Okumoto fit μ(t) = a(1 − e^(−bt)), t in weeks since the start. */
export type GoelOkumotoFit =
  | InsufficientData
  | {
      status: 'ok';
      /** expected total (weighted) oddities, ever */
      a: number;
      /** detection rate, per week */
      b: number;
      aRange: NumberRange;
      bRange: { low: number | null; high: number };
      observed: number;
      /** a − observed: expected oddities still to be found */
      remaining: number;
      remainingRange: NumberRange;
      /** share of the oddities already found, 1 − e^(−bT) */
      foundFraction: number;
      /** weighted counts over (Poisson) variance: 1 with unit weights */
      dispersion: number;
      level: number;
      /** the fitted expected weighted count of each week in ConfidenceAssessment.weeks */
      expectedWeekly: number[];
    };

export interface ForecastPoint {
  weeksFromStart: number;
  /** negative or zero: the fitted curve is already past the target */
  weeksFromNow: number;
  date: string;
  week: string;
}

/** When the rate's upper bound, on the counts the fit expects, falls to the target. */
export type ConfidenceForecast =
  | InsufficientData
  | (ForecastPoint & {
      status: 'ok';
      target: number;
      windowWeeks: number;
      level: number;
      /** expected weighted count in the window at which the upper bound equals the target */
      windowCountThreshold: number;
      reached: boolean;
      earliest: ForecastPoint;
      /** null: the data cannot rule out a rate that never falls to the target */
      latest: ForecastPoint | null;
    });

export interface ConfidenceOptions {
  weights: SeverityWeights;
  /** trailing window of the current rate, weeks */
  windowWeeks: number;
  /** two-sided level of every interval and of the forecast range */
  level: number;
  /** target weekly rate the upper bound must reach */
  target: number;
  /** one-sided significance of the rising-trend test */
  trendAlpha: number;
  /** test the trend on the last N weeks only; null: since the start */
  trendWeeks: number | null;
  /** fewer observed weeks or events: "not enough data" */
  minWeeks: number;
  minEvents: number;
  /** a fit that has found less than this share of its oddities cannot tell how many remain */
  minFoundFraction: number;
}

export interface ConfidenceAssessment {
  start: string;
  now: string;
  options: ConfidenceOptions;
  weeks: ConfidenceWeek[];
  observedWeeks: number;
  events: number;
  weighted: number;
  rate: RateEstimate;
  trend: TrendResult;
  fit: GoelOkumotoFit;
  forecast: ConfidenceForecast;
}

/**
 * What the gates and the board read of a domain's stored assessment: small, so a page of cards
 * carries it without the weekly series.
 */
export interface ConfidenceSummary {
  computedAt: string;
  /** hand-off, or the last recycle into a phase before weirdness */
  start: string;
  observedWeeks: number;
  events: number;
  /** the current weekly rate over the trailing window, with its interval; null when nothing is observed yet */
  rate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  windowWeeks: number;
  /** the target the forecast aimed at when it was computed */
  target: number;
  trend:
    | InsufficientData
    | { status: 'ok'; rising: boolean; statistic: number; pValue: number; alpha: number; weeks: number };
  forecast:
    | InsufficientData
    | {
        status: 'ok';
        date: string;
        week: string;
        weeksFromNow: number;
        reached: boolean;
        earliest: string;
        /** null: the data cannot rule out a rate that never falls to the target */
        latest: string | null;
      };
  /** expected oddities still to be found (Goel–Okumoto), null when the fit says "not enough data" */
  remaining: { estimate: number; low: number; high: number | null } | null;
}

/** A change of phase on the confidence chart, read from the domain's events. */
export interface PhaseMarker {
  at: string;
  /** ISO week of `at` */
  week: string;
  /** handoff: entered the hand-off phase; recycle: sent back; certified: certified or re-confirmed; phase: any other advance */
  kind: 'handoff' | 'recycle' | 'phase' | 'certified';
  stage: DomainStage;
  label: string;
}

/** GET /domains/:key/confidence: the stored assessment with the phase markers since its start. */
export type DomainConfidenceView =
  | {
      domainKey: string;
      status: 'not_started';
      /** why nothing is measured: not handed off yet, or not computed yet */
      reason: string;
      markers: PhaseMarker[];
    }
  | (ConfidenceAssessment & {
      domainKey: string;
      status: 'measured';
      computedAt: string;
      markers: PhaseMarker[];
    });

/** PUT /settings/severity-weights: the severities given replace the stored weights. */
export type UpdateSeverityWeightsRequest = Partial<SeverityWeights>;
