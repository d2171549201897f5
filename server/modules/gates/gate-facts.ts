import type { EntityManager } from 'typeorm';
import { OPEN_TICKET_STATUSES } from '../../../shared/api/enums';
import type { DomainStage } from '../../../shared/api/enums';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { GateFacts, GateThresholds } from '../../../shared/workflow/types';

/** What the facts query needs to know about one domain. */
export interface GateFactsInput {
  id: string;
  stage: DomainStage;
  thresholds: GateThresholds;
}

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
 * aliased `d` (with `d.id` and `d.stage`). Counts follow the GateFacts doc comments. `now`,
 * `newDays` and `oddityDays` are SQL expressions (parameters or columns), so the same fragment
 * serves one domain inside a locked transaction and a page of the board.
 */
export function factsLaterals(now: string, newDays: string, oddityDays: string): string {
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
    count(*) FILTER (WHERE reported_at > ${at} - make_interval(days => ${newDays}) AND reported_at <= ${at})::int AS new_in_window,
    count(*) FILTER (WHERE status IN ${OPEN_INVESTIGATIONS})::int AS open_total,
    count(*) FILTER (WHERE reported_at > ${at} - make_interval(days => ${oddityDays}) AND reported_at <= ${at})::int AS oddity_last,
    count(*) FILTER (WHERE reported_at > ${at} - make_interval(days => 2 * ${oddityDays})
                       AND reported_at <= ${at} - make_interval(days => ${oddityDays}))::int AS oddity_previous
  FROM investigation WHERE domain_id = d.id
) i`;
}

export const FACTS_COLUMNS = `t.problem_statements, t.stakeholders, t.open_high_in_phase, t.sessions_done, t.open_high_requests,
  t.open_tickets, a.ready_metrics, a.ready_datasets, a.analyses,
  i.untriaged, i.open_high, i.new_in_window, i.open_total, i.oddity_last, i.oddity_previous`;

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
  oddity_last: number;
  oddity_previous: number;
}

export function factsFromRow(row: FactsRow): DomainFacts {
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
    oddityLastWindow: Number(row.oddity_last),
    oddityPreviousWindow: Number(row.oddity_previous),
    openTickets: Number(row.open_tickets),
  };
}

/** Gate facts (and open-ticket counts) of many domains in one query, keyed by domain id. */
export async function computeGateFactsBatch(
  tx: EntityManager,
  domains: readonly GateFactsInput[],
  now: Date,
): Promise<Map<string, DomainFacts>> {
  const result = new Map<string, DomainFacts>();
  if (!domains.length) return result;
  const rows: (FactsRow & { id: string })[] = await tx.query(
    `WITH d(id, stage, new_days, oddity_days) AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[]))
     SELECT d.id, ${FACTS_COLUMNS} FROM d ${factsLaterals('$5', 'd.new_days', 'd.oddity_days')}`,
    [
      domains.map((d) => d.id),
      domains.map((d) => d.stage),
      domains.map((d) => d.thresholds.newInvestigationWindowDays),
      domains.map((d) => d.thresholds.oddityWindowDays),
      now,
    ],
  );
  for (const row of rows) result.set(row.id, factsFromRow(row));
  return result;
}
