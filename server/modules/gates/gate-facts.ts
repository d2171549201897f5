import type { ConfidenceSummary } from '../../../shared/api/confidence';
import { OPEN_TICKET_STATUSES } from '../../../shared/api/enums';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { GateFacts } from '../../../shared/workflow/types';

/** Facts plus the per-domain counts the board shows, computed by the same query. */
export interface DomainFacts extends GateFacts {
  openTickets: number;
}

const HIGH = `('high','critical')`;
const quoted = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(',')})`;
const OPEN_TICKETS = quoted(OPEN_TICKET_STATUSES);
const OPEN_INVESTIGATIONS = quoted(OPEN_INVESTIGATION_STATUSES);

/**
 * Three lateral aggregates (tickets `t`, artifacts `a`, investigations `i`) over the domain row
 * aliased `d` (with `d.id` and `d.stage`), and the stored confidence `dc`. Counts follow the
 * GateFacts doc comments. `now` and `newDays` are SQL expressions (parameters or columns), so the
 * same fragment serves one domain inside a locked transaction and a page of the board.
 */
export function factsLaterals(now: string, newDays: string): string {
  const at = `${now}::timestamptz`;
  return `
CROSS JOIN LATERAL (
  SELECT
    count(*) FILTER (WHERE kind = 'problem' AND status <> 'wont_do')::int AS problem_statements,
    count(*) FILTER (WHERE kind = 'stakeholder' AND status <> 'wont_do')::int AS stakeholders,
    count(*) FILTER (WHERE phase = d.stage AND status IN ${OPEN_TICKETS} AND priority IN ${HIGH})::int AS open_high_in_phase,
    count(*) FILTER (WHERE kind = 'session' AND status = 'done')::int AS sessions_done,
    count(*) FILTER (WHERE kind = 'request' AND status IN ${OPEN_TICKETS} AND priority IN ${HIGH})::int AS open_high_requests,
    count(*) FILTER (WHERE status IN ${OPEN_TICKETS})::int AS open_tickets
  FROM ticket WHERE domain_id = d.id
) t
CROSS JOIN LATERAL (
  SELECT
    count(*) FILTER (WHERE type = 'metric' AND status = 'ready')::int AS ready_metrics,
    count(*) FILTER (WHERE type = 'dataset' AND status = 'ready')::int AS ready_datasets,
    count(*) FILTER (WHERE type = 'analysis' AND status <> 'deprecated')::int AS analyses
  FROM artifact WHERE domain_id = d.id
) a
CROSS JOIN LATERAL (
  SELECT
    count(*) FILTER (WHERE status = 'reported')::int AS untriaged,
    count(*) FILTER (WHERE status IN ${OPEN_INVESTIGATIONS} AND severity IN ${HIGH})::int AS open_high,
    count(*) FILTER (WHERE reported_at > ${at} - ${newDays} * interval '1 day' AND reported_at <= ${at})::int AS new_in_window,
    count(*) FILTER (WHERE status IN ${OPEN_INVESTIGATIONS})::int AS open_total
  FROM investigation WHERE domain_id = d.id
) i
CROSS JOIN LATERAL (
  SELECT count(*)::int AS failing FROM dbt_test WHERE domain_id = d.id AND failing
) dbt
LEFT JOIN domain_confidence dc ON dc.domain_id = d.id`;
}

export const FACTS_COLUMNS = `t.problem_statements, t.stakeholders, t.open_high_in_phase, t.sessions_done, t.open_high_requests,
  t.open_tickets, a.ready_metrics, a.ready_datasets, a.analyses,
  i.untriaged, i.open_high, i.new_in_window, i.open_total, dbt.failing AS dbt_failing, dc.summary AS confidence`;

export interface FactsRow {
  problem_statements: number;
  stakeholders: number;
  open_high_in_phase: number;
  sessions_done: number;
  open_high_requests: number;
  open_tickets: number;
  ready_metrics: number;
  ready_datasets: number;
  analyses: number;
  untriaged: number;
  open_high: number;
  new_in_window: number;
  open_total: number;
  dbt_failing: number;
  confidence: ConfidenceSummary | null;
}

const WEEK_MS = 7 * 86_400_000;

/** The facts of a loaded row; weeks in phase from the domain's phase entry to `now`. */
export function factsFromRow(row: FactsRow, phaseEnteredAt: Date, now: Date): DomainFacts {
  return {
    problemStatements: Number(row.problem_statements),
    stakeholders: Number(row.stakeholders),
    openHighTicketsInPhase: Number(row.open_high_in_phase),
    readyMetrics: Number(row.ready_metrics),
    readyDatasets: Number(row.ready_datasets),
    exampleAnalyses: Number(row.analyses),
    handoffSessionsDone: Number(row.sessions_done),
    openHighRequests: Number(row.open_high_requests),
    untriagedInvestigations: Number(row.untriaged),
    openHighInvestigations: Number(row.open_high),
    newInvestigationsInWindow: Number(row.new_in_window),
    openInvestigations: Number(row.open_total),
    failingDbtTests: Number(row.dbt_failing ?? 0),
    weeksInPhase: Math.max(0, (now.getTime() - phaseEnteredAt.getTime()) / WEEK_MS),
    confidence: row.confidence ?? null,
    openTickets: Number(row.open_tickets),
  };
}
