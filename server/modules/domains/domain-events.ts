import type { DomainEventKind, DomainEventView } from '../../../shared/api/domains';
import type { Page } from '../../../shared/api/common';
import { badRequest } from '../../http/app-error';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { countAuditEvents } from '../audit/audit.query';
import { eventLink, LINK_REF_SQL, summarizeEvent, type EventRow } from '../audit/audit-summary';
import { findDomain } from './domain-access';
import type { DomainEventsQuery } from './domains.dto';

/** The entity types of each kind of timeline entry. */
const KIND_ENTITY_TYPES: Record<DomainEventKind, readonly string[]> = {
  lifecycle: ['domain', 'sign_off', 'waiver', 'gate_addition'],
  tickets: ['ticket'],
  artifacts: ['artifact', 'caveat'],
  weirdness: ['investigation'],
  comments: ['comment'],
  people: ['domain_member'],
};
const KIND_OF_ENTITY_TYPE = new Map(
  Object.entries(KIND_ENTITY_TYPES).flatMap(([kind, types]) => types.map((t) => [t, kind as DomainEventKind])),
);

/** The domain's timeline: its audit events, oldest first unless `order=desc`. */
export async function listDomainEvents(
  deps: AppDeps,
  key: string,
  query: DomainEventsQuery,
): Promise<Page<DomainEventView>> {
  const limit = pageLimit(query.limit);
  const descending = query.order === 'desc';
  return deps.dataSource.transaction(async (tx) => {
    const domain = await findDomain(tx, key);
    // Years of history: counted like the audit log, up to COUNT_CAP ("1,000+").
    const entityTypes = query.kind ? KIND_ENTITY_TYPES[query.kind] : null;
    const count = await countAuditEvents(tx, { domain: domain.key }, entityTypes);
    const after = decodeCursor(query.cursor, 1);
    const params: unknown[] = [domain.id, fetchSize(limit), entityTypes];
    let keyset = '';
    if (after) {
      if (!/^\d{1,19}$/.test(String(after[0]))) throw badRequest('cursor', 'is not valid');
      params.push(String(after[0]));
      keyset = `AND a.id ${descending ? '<' : '>'} $4::bigint`;
    }
    const rows: EventRow[] = await tx.query(
      `SELECT a.id::text AS id, a.at, u.name AS "actorName", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
              a.before, a.after, ${LINK_REF_SQL} AS "linkRef"
         FROM audit_event a LEFT JOIN "user" u ON u.id = a.actor_id
        WHERE a.domain_id = $1 AND ($3::text[] IS NULL OR a.entity_type = ANY($3::text[])) ${keyset}
        ORDER BY a.id ${descending ? 'DESC' : 'ASC'}
        LIMIT $2`,
      params,
    );
    const page = keysetPage(rows, limit, (last) => [last.id]);
    const items = page.rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actorName: row.actorName,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      kind: KIND_OF_ENTITY_TYPE.get(row.entityType) ?? null,
      link: eventLink(row),
      summary: summarizeEvent(row),
    }));
    return { items, ...count, nextCursor: page.nextCursor };
  });
}
