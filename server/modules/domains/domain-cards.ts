import type { EntityManager } from 'typeorm';
import { loadGateStates, type GateState } from '../gates/gate-state';
import type { Domain } from './domain.entity';

export const SPARKLINE_WEEKS = 8;

/** A domain with everything its board card and page show, loaded for many domains at once. */
export interface DomainCard {
  domain: Domain;
  gate: GateState;
  /** new investigations per ISO week (UTC), oldest first, the current week last */
  oddity: number[];
}

/** New investigations per week of the last 8 ISO weeks, for many domains in one query. */
async function oddityWeeks(tx: EntityManager, domainIds: string[], now: Date): Promise<Map<string, number[]>> {
  const result = new Map(domainIds.map((id) => [id, new Array<number>(SPARKLINE_WEEKS).fill(0)]));
  if (!domainIds.length) return result;
  const rows: { domainId: string; ago: number; n: number }[] = await tx.query(
    `WITH w AS (SELECT date_trunc('week', $2::timestamptz AT TIME ZONE 'UTC') AS this_week)
     SELECT i.domain_id AS "domainId",
            ((w.this_week::date - date_trunc('week', i.reported_at AT TIME ZONE 'UTC')::date) / 7)::int AS ago,
            count(*)::int AS n
       FROM investigation i, w
      WHERE i.domain_id = ANY($1::uuid[])
        AND i.reported_at <= $2::timestamptz
        AND i.reported_at >= (w.this_week - make_interval(weeks => $3::int)) AT TIME ZONE 'UTC'
      GROUP BY 1, 2`,
    [domainIds, now, SPARKLINE_WEEKS - 1],
  );
  for (const row of rows) {
    const weeks = result.get(row.domainId);
    const ago = Number(row.ago);
    if (weeks && ago >= 0 && ago < SPARKLINE_WEEKS) weeks[SPARKLINE_WEEKS - 1 - ago] = Number(row.n);
  }
  return result;
}

/** Gate states and sparklines of the given domains, in input order, with a constant number of queries. */
export async function loadDomainCards(tx: EntityManager, domains: Domain[], now: Date): Promise<DomainCard[]> {
  const gates = await loadGateStates(tx, domains, now);
  const oddity = await oddityWeeks(
    tx,
    domains.map((d) => d.id),
    now,
  );
  return domains.map((domain) => ({ domain, gate: gates.get(domain.id)!, oddity: oddity.get(domain.id)! }));
}
