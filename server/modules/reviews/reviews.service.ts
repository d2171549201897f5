import { In } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import type { DecisionView, PendingReviewView } from '../../../shared/api/domains';
import { isPhase } from '../../../shared/workflow/definition';
import { criterionOutcomes } from '../../../shared/workflow/evaluate';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { Domain } from '../domains/domain.entity';
import {
  SIGN_OFF_COLUMNS,
  isSignOffStale,
  loadGateStates,
  toSignOffRecord,
  type SignOffRecord,
} from '../gates/gate-state';
import { presentSignOff } from '../gates/gates.presenter';
import { waitingRoles } from '../gates/waiting';

/**
 * Gates waiting for the caller: in every domain where they hold a role the current gate needs,
 * the roles they may sign whose sign-off is missing or stale.
 */
export async function pendingReviews(deps: AppDeps, actor: Actor): Promise<PendingReviewView[]> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domains = await tx
      .createQueryBuilder(Domain, 'd')
      .where(`d.stage <> 'certified'`)
      .andWhere('EXISTS (SELECT 1 FROM domain_member m WHERE m.domain_id = d.id AND m.user_id = :me)', {
        me: actor.user.id,
      })
      .orderBy('d.key', 'ASC')
      .getMany();
    const states = await loadGateStates(tx, domains, now);
    const pending: PendingReviewView[] = [];
    for (const domain of domains) {
      const state = states.get(domain.id)!;
      if (!isPhase(domain.stage)) continue;
      for (const { role, stale } of waitingRoles(state, actor.user.id)) {
        pending.push({
          domainKey: domain.key,
          domainName: domain.name,
          phase: domain.stage,
          role,
          round: domain.gateRound,
          stale,
        });
      }
    }
    return pending;
  });
}

/** Past sign-offs with their frozen evidence, newest first. */
export async function listDecisions(
  deps: AppDeps,
  actor: Actor,
  query: { domain?: string; user?: string; limit?: number; cursor?: string },
): Promise<Page<DecisionView>> {
  const now = deps.now();
  const limit = pageLimit(query.limit);
  return deps.dataSource.transaction(async (tx) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.domain) {
      params.push(query.domain.toUpperCase());
      where.push(`d.key = $${params.length}`);
    }
    if (query.user) {
      params.push(query.user === 'me' ? actor.user.id : query.user.toLowerCase());
      where.push(`s.user_id = $${params.length}::uuid`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM sign_off s JOIN domain d ON d.id = s.domain_id LEFT JOIN "user" u ON u.id = s.user_id`;
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n ${from} ${filter}`, params);
    const after = decodeCursor(query.cursor, 2);
    const pageParams = [...params];
    let keyset = '';
    if (after) {
      pageParams.push(String(after[0]), String(after[1]));
      keyset = `${where.length ? 'AND' : 'WHERE'} (date_trunc('milliseconds', s.created_at), s.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
    }
    pageParams.push(fetchSize(limit));
    const rows: (SignOffRecord & { domainKey: string; domainName: string })[] = await tx.query(
      `SELECT ${SIGN_OFF_COLUMNS}, d.key AS "domainKey", d.name AS "domainName"
         ${from} ${filter} ${keyset}
        ORDER BY date_trunc('milliseconds', s.created_at) DESC, s.id DESC
        LIMIT $${pageParams.length}`,
      pageParams,
    );
    const shown = keysetPage(rows, limit, (last) => [new Date(last.createdAt).toISOString(), last.id]);
    const page = shown.rows.map((row) => ({
      ...toSignOffRecord(row),
      domainKey: row.domainKey,
      domainName: row.domainName,
    }));
    // Decisions of a current round are judged against the live criteria, as the gate judges them.
    const domains = await tx.findBy(Domain, { id: In([...new Set(page.map((r) => r.domainId))]) });
    const states = await loadGateStates(tx, domains, now);
    const items = page.map((record) => {
      const state = states.get(record.domainId);
      const current = state && state.domain.stage === record.phase && state.domain.gateRound === record.round;
      const stale = current ? isSignOffStale(record, criterionOutcomes(state.evaluation.criteria)) : !!record.staleAt;
      return {
        ...presentSignOff(record, stale && !record.supersededAt),
        domainKey: record.domainKey,
        domainName: record.domainName,
        superseded: !!record.supersededAt,
      };
    });
    return { items, total: Number(n), nextCursor: shown.nextCursor };
  });
}
