import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { layeredNumberSql } from '../../db/layers';
import { severityRank } from '../../db/ranks';
import type { Page } from '../../../shared/api/common';
import { SEVERITIES, type Severity } from '../../../shared/api/enums';
import type { InvestigationView } from '../../../shared/api/investigations';
import type { CommentView } from '../../../shared/api/tickets';
import { cappedCount } from '../../db/capped-count';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import type { InvestigationListQuery, InvestigationSort } from './investigations.dto';
import { TRIAGE_TARGET_DAYS } from '../../../shared/workflow/investigation';
import { Domain } from '../domains/domain.entity';
import { presentInvestigation, type InvestigationRow } from './investigations.presenter';
import { TRIAGE_TARGETS_SETTING, triageTargetsFrom } from './triage-targets';

/** A text search on the stored document `i.search`, served by the GIN index ix_investigation_search. */
export const SEARCH_MATCH = `i.search @@ websearch_to_tsquery('english', :q)`;

/** Sort keys as one descending expression each, so every sort pages with the same row comparison. */
function sortKey(sort: InvestigationSort, alias: string): string {
  switch (sort) {
    case 'severity':
      return severityRank(`${alias}.severity`);
    case 'status':
      // negated so that the lifecycle order (reported first) comes out of a descending sort
      return `(-CASE ${alias}.status WHEN 'reported' THEN 1 WHEN 'triaged' THEN 2 WHEN 'investigating' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END)`;
    default:
      return '0';
  }
}

/** The days-to-triage target of one severity from the joined setting row `s`, else the default. */
function targetDays(severity: Severity): string {
  return layeredNumberSql(severity, ['s.value'], TRIAGE_TARGET_DAYS[severity], 'positive');
}

/**
 * SQL twin of isTriageOverdue (and of triageTargetsFrom): still reported and past its severity's
 * target, in 24-hour days like the JS. Reads the setting joined as `s`, so no extra round trip.
 */
const OVERDUE = `(i.status = 'reported' AND i.reported_at + (CASE i.severity ${SEVERITIES.map(
  (severity) => `WHEN '${severity}' THEN ${targetDays(severity)}`,
).join(' ')} END) * interval '24 hours' < CAST(:overdueNow AS timestamptz))`;

/** Follow-up tickets as a JSON array per row: one statement for the whole page, served by ix_ticket_investigation. */
const FOLLOW_UPS = `(SELECT coalesce(json_agg(json_build_object('key', t.key, 'title', t.title, 'status', t.status) ORDER BY t.number), CAST('[]' AS json))
     FROM ticket t WHERE t.investigation_id = i.id)`;

/**
 * The investigations with their domain, artifact, people, follow-up tickets and the triage
 * targets setting joined in: one statement, ready for presentInvestigation.
 */
export function selectInvestigations(em: EntityManager): SelectQueryBuilder<object> {
  return em
    .createQueryBuilder()
    .from('investigation', 'i')
    .innerJoin('domain', 'd', 'd.id = i.domain_id')
    .leftJoin('artifact', 'a', 'a.id = i.artifact_id')
    .leftJoin('user', 'r', 'r.id = i.reporter_id')
    .leftJoin('user', 'v', 'v.id = i.investigator_id')
    .leftJoin('setting', 's', `s.key = '${TRIAGE_TARGETS_SETTING}'`)
    .select(['i.id AS id', 'i.domain_id AS "domainId"', 'd.key AS "domainKey"', 'd.name AS "domainName"'])
    .addSelect(['i.title AS title', 'i.observed AS observed', 'i.expected AS expected'])
    .addSelect([
      'i.artifact_id AS "artifactId"',
      'a.name AS "artifactName"',
      'i.severity AS severity',
      'i.status AS status',
    ])
    .addSelect(['i.reporter_id AS "reporterId"', 'r.name AS "reporterName"', 'r.email AS "reporterEmail"'])
    // reported by a monitor: the day of its first anomaly (what a caveat's recurrence is offered from)
    .addSelect([
      'i.monitor_id AS "monitorId"',
      `(SELECT to_char(min(ma.ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM monitor_anomaly ma WHERE ma.investigation_id = i.id) AS "anomalyDate"`,
    ])
    .addSelect([
      'i.investigator_id AS "investigatorId"',
      'v.name AS "investigatorName"',
      'v.email AS "investigatorEmail"',
    ])
    .addSelect([
      'i.root_cause AS "rootCause"',
      'i.resolution AS resolution',
      'i.dismiss_reason AS "dismissReason"',
      'i.duplicate_of AS "duplicateOf"',
    ])
    .addSelect([
      'i.reported_at AS "reportedAt"',
      'i.triaged_at AS "triagedAt"',
      'i.closed_at AS "closedAt"',
      'i.version AS version',
    ])
    .addSelect([`${FOLLOW_UPS} AS "followUps"`, 's.value AS "triageTargets"']);
}

/** Presents rows read by selectInvestigations. */
export function presentRows(actor: Actor, rows: InvestigationRow[], now: Date): InvestigationView[] {
  return rows.map((row) =>
    presentInvestigation(row, {
      actor,
      now,
      targets: triageTargetsFrom(row.triageTargets),
      followUps: row.followUps ?? [],
    }),
  );
}

type InvestigationScope = { domainId?: string; domainKey?: string };

/**
 * Adds the list filters to a query over `investigation i` joined to the triage targets setting as
 * `s`. Domains are matched by id through a subquery, so neither the page nor the count needs to
 * join `domain` to filter.
 */
function applyInvestigationFilters<T extends SelectQueryBuilder<object>>(
  qb: T,
  actor: Actor,
  query: InvestigationListQuery,
  now: Date,
  scope: InvestigationScope,
): T {
  const domainByKey = (param: string) => `i.domain_id = (SELECT id FROM "domain" WHERE key = :${param})`;
  if (scope.domainId) qb.andWhere('i.domain_id = :domainId', { domainId: scope.domainId });
  if (scope.domainKey) qb.andWhere(domainByKey('scopeKey'), { scopeKey: scope.domainKey.toUpperCase() });
  if (query.domain) qb.andWhere(domainByKey('domainKey'), { domainKey: query.domain.toUpperCase() });
  if (query.status?.length) qb.andWhere('i.status IN (:...statuses)', { statuses: query.status });
  if (query.severity?.length) qb.andWhere('i.severity IN (:...severities)', { severities: query.severity });
  if (query.rootCause?.length) qb.andWhere('i.root_cause IN (:...rootCauses)', { rootCauses: query.rootCause });
  const me = (value: string) => (value === 'me' ? actor.user.id : value.toLowerCase());
  if (query.investigator) qb.andWhere('i.investigator_id = :investigator', { investigator: me(query.investigator) });
  if (query.reporter) qb.andWhere('i.reporter_id = :reporter', { reporter: me(query.reporter) });
  if (query.overdue !== undefined) qb.andWhere(query.overdue ? OVERDUE : `NOT ${OVERDUE}`, { overdueNow: now });
  if (query.age !== undefined) {
    qb.andWhere(
      `coalesce(i.closed_at, CAST(:ageNow AS timestamptz)) - i.reported_at >= CAST(:age AS float8) * interval '24 hours'`,
      {
        ageNow: now,
        age: query.age,
      },
    );
  }
  if (query.q) qb.andWhere(SEARCH_MATCH, { q: query.q });
  return qb;
}

/**
 * One keyset page of the filtered investigations, without a total: what the CSV export walks
 * through chunk by chunk, and what listInvestigations adds its count to.
 */
export async function investigationsPage(
  tx: EntityManager,
  actor: Actor,
  query: InvestigationListQuery,
  now: Date,
  scope: InvestigationScope = {},
): Promise<Omit<Page<InvestigationView>, 'total'>> {
  const limit = pageLimit(query.limit);
  const sort = query.sort ?? '-reportedAt';
  const qb = applyInvestigationFilters(selectInvestigations(tx), actor, query, now, scope);
  const after = decodeCursor(query.cursor, 1);
  if (after) {
    // The cursor is the last row's id; its sort values are read back so the comparison is exact.
    qb.andWhere(
      `(${sortKey(sort, 'i')}, i.reported_at, i.id) < (SELECT ${sortKey(sort, 'c')}, c.reported_at, c.id FROM investigation c WHERE c.id = :after)`,
      { after: Number(after[0]) },
    );
  }
  // A constant key would read as ORDER BY <position>, so the default sort leaves it out.
  if (sort !== '-reportedAt') qb.orderBy(sortKey(sort, 'i'), 'DESC');
  const rows = await qb
    .addOrderBy('i.reported_at', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .limit(fetchSize(limit))
    .getRawMany<InvestigationRow>();
  const page = keysetPage(rows, limit, (last) => [Number(last.id)]);
  // An empty domain-scoped page is the only case where "no such domain" must be told apart (404).
  if (scope.domainKey && !rows.length && !(await tx.existsBy(Domain, { key: scope.domainKey.toUpperCase() }))) {
    throw notFound(`Domain ${scope.domainKey}`);
  }
  return { items: presentRows(actor, page.rows, now), nextCursor: page.nextCursor };
}

/** A page with its total: counted on the bare table, up to COUNT_CAP. */
export async function listInvestigations(
  tx: EntityManager,
  actor: Actor,
  query: InvestigationListQuery,
  now: Date,
  scope: InvestigationScope = {},
): Promise<Page<InvestigationView>> {
  // The setting join is dropped by the planner unless `overdue` reads it.
  const bare = tx
    .createQueryBuilder()
    .from('investigation', 'i')
    .leftJoin('setting', 's', `s.key = '${TRIAGE_TARGETS_SETTING}'`);
  // A text search for a common word skips counting when the planner expects thousands of matches.
  const count = await cappedCount(tx, applyInvestigationFilters(bare, actor, query, now, scope), {
    estimate: Boolean(query.q),
  });
  const page = await investigationsPage(tx, actor, query, now, scope);
  return { items: page.items, ...count, nextCursor: page.nextCursor };
}

/** One investigation as a row, or 404. */
export async function findInvestigationRow(tx: EntityManager, id: number): Promise<InvestigationRow> {
  const row = await selectInvestigations(tx).where('i.id = :id', { id }).getRawOne<InvestigationRow>();
  if (!row) throw notFound(`Investigation ${id}`);
  return row;
}

export async function getInvestigationView(
  tx: EntityManager,
  actor: Actor,
  id: number,
  now: Date,
  comments?: CommentView[],
): Promise<InvestigationView> {
  const row = await findInvestigationRow(tx, id);
  const [view] = presentRows(actor, [row], now);
  if (comments) view.comments = comments;
  return view;
}
