import type { EntityManager } from 'typeorm';
import { DOMAIN_STAGES, PHASES, type DomainStage, type Phase } from '../../../shared/api/enums';
import type {
  CertifiedMonth,
  CumulativeFlowWeek,
  DomainForecastRow,
  InsightsSummary,
  InsightsView,
  PhaseDuration,
  PortfolioOddityWeek,
} from '../../../shared/api/insights';
import { FORECAST_ROWS } from '../../../shared/api/insights';
import type { ConfidenceSummary } from '../../../shared/api/confidence';
import type { AppDeps } from '../../http/deps';
import { presentCardConfidence } from '../domains/domains.presenter';
import { Domain } from '../domains/domain.entity';
import { STALLED } from '../domains/domains.service';

/** The board's counts: the stalled rule is the board's own SQL, at-risk the board's column. */
async function loadSummary(em: EntityManager, now: Date): Promise<InsightsSummary> {
  const row = await em
    .createQueryBuilder()
    .from(Domain, 'd')
    .select('count(*)::int', 'total')
    .addSelect(`count(*) FILTER (WHERE d.stage = 'certified')::int`, 'certified')
    .addSelect(`count(*) FILTER (WHERE ${STALLED})::int`, 'stalled')
    .addSelect('count(*) FILTER (WHERE d.at_risk)::int', 'atRisk')
    .setParameter('now', now)
    .getRawOne<{ total: number; certified: number; stalled: number; atRisk: number }>();
  const total = row?.total ?? 0;
  const certified = row?.certified ?? 0;
  return { total, certified, inProgress: total - certified, stalled: row?.stalled ?? 0, atRisk: row?.atRisk ?? 0 };
}

/** UTC ISO week index since the origin week (o.first_week, a UTC timestamp) of a timestamptz. */
const weekOf = (t: string) => `floor(extract(epoch FROM (${t}) AT TIME ZONE 'UTC' - o.first_week) / 604800)::int`;
/** UTC calendar month index since the origin month of a timestamptz. */
const monthOf = (t: string) =>
  `((extract(year FROM (${t}) AT TIME ZONE 'UTC') - extract(year FROM o.first_month)) * 12
     + extract(month FROM (${t}) AT TIME ZONE 'UTC') - extract(month FROM o.first_month))::int`;

/**
 * Every domain's path through the stages as spans [from_at, to_at) from its audit events, and all
 * the series computed from them, in one statement:
 * - moves: domain.create (into specs), domain.advance and domain.recycle (into after.stage);
 * - a domain Cairn did not create (an import) starts at its created_at, in the stage it left on
 *   its first recorded move, or the one it is in when it has none; that first stay is not timed;
 * - the cumulative flow counts, per week, spans started before the week's end minus those ended
 *   before it (a running sum of +1/−1 per week, so the cost grows with events, not weeks × events);
 * - the time in a phase is the length of each completed, timed stay in it.
 * Investigations dismissed as a duplicate of another are left out, as the domains' measured rates leave them out.
 * $1 now, $2 stages.
 */
const HISTORY_SQL = `
  WITH moves AS (
    SELECT a.domain_id, a.at, a.id AS seq, a.action, a.after->>'stage' AS stage, a.before->>'stage' AS from_stage
      FROM audit_event a
      JOIN "domain" d ON d.id = a.domain_id
     WHERE a.action IN ('domain.create', 'domain.advance', 'domain.recycle')
       AND a.after->>'stage' IS NOT NULL
       AND a.at <= CAST($1 AS timestamptz)
  ),
  firsts AS (
    SELECT domain_id, bool_or(action = 'domain.create') AS created, (array_agg(from_stage ORDER BY at, seq))[1] AS from_stage
      FROM moves
     GROUP BY domain_id
  ),
  starts AS (
    SELECT d.id AS domain_id, d.created_at AS at, 0::bigint AS seq, 'start' AS action, COALESCE(f.from_stage, d.stage) AS stage
      FROM "domain" d
      LEFT JOIN firsts f ON f.domain_id = d.id
     WHERE d.created_at <= CAST($1 AS timestamptz) AND f.created IS NOT TRUE
  ),
  spans AS (
    SELECT h.stage, h.action, h.at AS from_at, lead(h.at) OVER (PARTITION BY h.domain_id ORDER BY h.at, h.seq) AS to_at
      FROM (SELECT domain_id, at, seq, action, stage FROM moves UNION ALL SELECT domain_id, at, seq, action, stage FROM starts) h
  ),
  origin AS (
    SELECT date_trunc('week', min(from_at) AT TIME ZONE 'UTC') AS first_week,
           date_trunc('month', min(from_at) AT TIME ZONE 'UTC') AS first_month
      FROM spans
  ),
  weeks AS (
    SELECT g.n, o.first_week + make_interval(days => 7 * g.n) AS ws
      FROM origin o, generate_series(0, ${weekOf('CAST($1 AS timestamptz)')}) AS g(n)
  ),
  deltas AS (
    SELECT s.stage, ${weekOf('s.from_at')} AS n, 1 AS delta FROM spans s, origin o
    UNION ALL
    SELECT s.stage, ${weekOf('s.to_at')}, -1 FROM spans s, origin o WHERE s.to_at IS NOT NULL
  ),
  per_week AS (
    SELECT w.n, w.ws, st.stage, COALESCE(sum(dl.delta), 0) AS delta
      FROM weeks w
     CROSS JOIN unnest(CAST($2 AS text[])) AS st(stage)
      LEFT JOIN deltas dl ON dl.n = w.n AND dl.stage = st.stage
     GROUP BY w.n, w.ws, st.stage
  ),
  flow AS (
    SELECT n, stage, sum(delta) OVER (PARTITION BY stage ORDER BY n)::int AS domains FROM per_week
  ),
  flow_by_week AS (
    SELECT n, json_object_agg(stage, domains) AS stages FROM flow GROUP BY n
  ),
  durations AS (
    SELECT stage AS phase, count(*)::int AS stays,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM to_at - from_at) / 86400) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM to_at - from_at) / 86400) AS p90
      FROM spans
     WHERE to_at IS NOT NULL AND stage <> 'certified' AND action <> 'start'
     GROUP BY stage
  ),
  months AS (
    SELECT g.m, o.first_month + make_interval(months => g.m) AS ms
      FROM origin o, generate_series(0, ${monthOf('CAST($1 AS timestamptz)')}) AS g(m)
  ),
  certifications AS (
    SELECT ${monthOf('s.from_at')} AS m, count(*)::int AS certified
      FROM spans s, origin o
     WHERE s.stage = 'certified' AND s.action = 'domain.advance'
     GROUP BY 1
  ),
  oddities AS (
    -- grouped by the week's Monday first: the week index is computed once per week, not per row
    SELECT round(extract(epoch FROM x.monday - o.first_week) / 604800)::int AS n, x.reported
      FROM origin o,
           (SELECT date_trunc('week', i.reported_at AT TIME ZONE 'UTC') AS monday, count(*)::int AS reported
              FROM investigation i
             WHERE i.reported_at >= (SELECT first_week AT TIME ZONE 'UTC' FROM origin)
               AND i.reported_at <= CAST($1 AS timestamptz)
               AND NOT (i.status = 'dismissed' AND i.duplicate_of IS NOT NULL)
             GROUP BY 1) x
  )
  SELECT
    (SELECT COALESCE(json_agg(json_build_object(
              'week', to_char(w.ws, 'IYYY-"W"IW'), 'weekStart', to_char(w.ws, 'YYYY-MM-DD'),
              'stages', f.stages, 'newInvestigations', COALESCE(od.reported, 0)) ORDER BY w.n), '[]')
       FROM weeks w LEFT JOIN flow_by_week f ON f.n = w.n LEFT JOIN oddities od ON od.n = w.n) AS weeks,
    (SELECT COALESCE(json_agg(json_build_object('phase', phase, 'stays', stays, 'median', median, 'p90', p90)), '[]')
       FROM durations) AS durations,
    (SELECT COALESCE(json_agg(json_build_object('month', to_char(mo.ms, 'YYYY-MM'), 'certified', COALESCE(c.certified, 0))
              ORDER BY mo.m), '[]')
       FROM months mo LEFT JOIN certifications c ON c.m = mo.m) AS months`;

interface HistoryRow {
  weeks: { week: string; weekStart: string; stages: Record<string, number>; newInvestigations: number }[];
  durations: { phase: Phase; stays: number; median: number | null; p90: number | null }[];
  months: CertifiedMonth[];
}

const days = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : Math.round(value * 100) / 100;

interface ForecastRow {
  key: string;
  name: string;
  stage: DomainStage;
  atRisk: boolean;
  summary: ConfidenceSummary;
}

/**
 * The stored confidence of every handed-off domain (never fitted here), soonest forecast first:
 * those whose forecast is a date by its weeks from now, then "not enough data", then by key.
 */
async function loadForecasts(em: EntityManager): Promise<DomainForecastRow[]> {
  const rows: ForecastRow[] = await em.query(
    `SELECT d.key, d.name, d.stage, d.at_risk AS "atRisk", c.summary
       FROM domain_confidence c JOIN "domain" d ON d.id = c.domain_id
      ORDER BY (c.summary->'forecast'->>'status' = 'ok') DESC,
               (c.summary->'forecast'->>'weeksFromNow')::float8 NULLS LAST, d.key
      LIMIT $1`,
    [FORECAST_ROWS],
  );
  return rows.flatMap((row) => {
    const confidence = presentCardConfidence(row.summary);
    return confidence ? [{ key: row.key, name: row.name, stage: row.stage, atRisk: row.atRisk, confidence }] : [];
  });
}

/** Three statements whatever the size of the portfolio (the summary, the history, the forecasts). */
async function computeInsights(deps: AppDeps): Promise<InsightsView> {
  const now = deps.now();
  const em = deps.dataSource.manager;
  const summary = await loadSummary(em, now);
  const [history] = (await em.query(HISTORY_SQL, [now, DOMAIN_STAGES])) as HistoryRow[];
  const forecasts = await loadForecasts(em);
  const cumulativeFlow: CumulativeFlowWeek[] = history.weeks.map((w) => ({
    week: w.week,
    weekStart: w.weekStart,
    stages: Object.fromEntries(DOMAIN_STAGES.map((stage) => [stage, w.stages?.[stage] ?? 0])) as Record<
      DomainStage,
      number
    >,
  }));
  const oddityRate: PortfolioOddityWeek[] = history.weeks.map((w) => ({
    week: w.week,
    weekStart: w.weekStart,
    newInvestigations: w.newInvestigations,
  }));
  const timeInPhase: PhaseDuration[] = PHASES.map((phase) => {
    const row = history.durations.find((d) => d.phase === phase);
    return { phase, stays: row?.stays ?? 0, medianDays: days(row?.median), p90Days: days(row?.p90) };
  });
  return {
    asOf: now.toISOString(),
    summary,
    cumulativeFlow,
    timeInPhase,
    certifiedPerMonth: history.months,
    oddityRate,
    forecasts,
  };
}

/** The computation under way per app, which requests arriving meanwhile share. */
const inFlight = new WeakMap<AppDeps, Promise<InsightsView>>();

/**
 * GET /insights. The answer reads the whole portfolio's history, so requests that arrive while
 * one is being computed (a room opening the page at once) wait for that one instead of each
 * starting its own: the database does the work once per wave. Nothing is kept afterwards; an
 * answer is at most one computation older than its request, and says when it was computed (asOf).
 */
export function loadInsights(deps: AppDeps): Promise<InsightsView> {
  const running = inFlight.get(deps);
  if (running) return running;
  const computing = computeInsights(deps).finally(() => inFlight.delete(deps));
  inFlight.set(deps, computing);
  return computing;
}
