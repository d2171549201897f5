import type { CardConfidence } from './domains';
import type { DomainStage, Phase } from './enums';

/** The board's counts today: the portfolio in four numbers. */
export interface InsightsSummary {
  /** every domain */
  total: number;
  /** past the last gate (at-risk ones included) */
  certified: number;
  /** in one of the five phases */
  inProgress: number;
  /** in a phase, not held, idle longer than the stall days (the board's `stalled=true`) */
  stalled: number;
  /** certified but marked at risk (the board's `atRisk=true`) */
  atRisk: number;
}

/** How many domains were in each stage at the end of one UTC ISO week. */
export interface CumulativeFlowWeek {
  /** ISO week label, e.g. 2026-W01 */
  week: string;
  /** Monday of the week, YYYY-MM-DD (UTC) */
  weekStart: string;
  /** domains in each stage at the week's end (at the time of the answer for the current week) */
  stages: Record<DomainStage, number>;
}

/** How long domains stayed in one phase, over the stays that ended (by an advance or a recycle). */
export interface PhaseDuration {
  phase: Phase;
  /** completed stays */
  stays: number;
  /** in days, two decimals; null without a completed stay */
  medianDays: number | null;
  /** 90th percentile (continuous, like PostgreSQL's percentile_cont), in days; null without a stay */
  p90Days: number | null;
}

/** Domains that passed the last gate in one UTC calendar month. */
export interface CertifiedMonth {
  /** YYYY-MM */
  month: string;
  certified: number;
}

/** New investigations across all domains in one UTC ISO week, dismissed duplicates left out. */
export interface PortfolioOddityWeek {
  week: string;
  weekStart: string;
  newInvestigations: number;
}

/** GET /insights: leadership's view of the whole portfolio, from the domains and their events. */
/** One handed-off domain's measured confidence, as its board card shows it. */
export interface DomainForecastRow {
  key: string;
  name: string;
  stage: DomainStage;
  atRisk: boolean;
  confidence: CardConfidence;
}

export interface InsightsView {
  /** when the answer was computed (the server's clock) */
  asOf: string;
  summary: InsightsSummary;
  /** one entry per week from the week the first domain was created to the current week */
  cumulativeFlow: CumulativeFlowWeek[];
  /** one entry per phase, in workflow order */
  timeInPhase: PhaseDuration[];
  /** one entry per month from the month the first domain was created to the current month */
  certifiedPerMonth: CertifiedMonth[];
  /** the same weeks as cumulativeFlow */
  oddityRate: PortfolioOddityWeek[];
  /**
   * every domain with a measured confidence (past hand-off), soonest forecast first, those with
   * "not enough data" last; at most FORECAST_ROWS of them
   */
  forecasts: DomainForecastRow[];
}

/** The most domains the forecast table lists. */
export const FORECAST_ROWS = 200;
