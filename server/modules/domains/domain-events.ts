import type { DomainEventKind, DomainEventLink, DomainEventView } from '../../../shared/api/domains';
import type { AuditAction } from '../../../shared/api/audit';
import type { Page } from '../../../shared/api/common';
import { DOMAIN_ROLE_LABELS, PHASE_INFO, CRITERIA } from '../../../shared/workflow/definition';
import type { DomainRole, DomainStage } from '../../../shared/api/enums';
import type { CriterionKey } from '../../../shared/workflow/types';
import { badRequest } from '../../http/app-error';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { countAuditEvents } from '../audit/audit.query';
import { findDomain } from './domain-access';
import type { DomainEventsQuery } from './domains.dto';

type Json = Record<string, unknown> | null;

interface EventRow {
  id: string;
  at: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Json;
  after: Json;
  /** the ticket key, investigation number or artifact id that a ticket, comment or caveat event names */
  linkRef?: string | null;
}

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

/** What the entry names, so the timeline links every entry to it. */
function eventLink(row: EventRow): DomainEventLink | null {
  const ref = row.linkRef ?? null;
  switch (row.entityType) {
    case 'ticket':
      return ref ? { to: 'ticket', ref } : null;
    case 'investigation':
      return { to: 'investigation', ref: row.entityId };
    case 'artifact':
      return { to: 'artifact', ref: row.entityId };
    case 'caveat':
      return ref ? { to: 'artifact', ref } : null;
    case 'comment':
      if (!ref) return null;
      return row.after?.subjectType === 'investigation' ? { to: 'investigation', ref } : { to: 'ticket', ref };
    case 'sign_off':
    case 'waiver':
    case 'gate_addition':
      return { to: 'gate' };
    case 'domain_member':
      return { to: 'members' };
    case 'domain':
      return row.action.startsWith('domain.badge') || row.action === 'domain.update'
        ? { to: 'domain' }
        : { to: 'gate' };
    default:
      return null;
  }
}

/** A uuid-shaped text as uuid, else null: stored JSON is never trusted to cast. */
const asUuid = (expr: string) => `CASE WHEN ${expr} ~ '^[0-9a-fA-F-]{36}$' THEN (${expr})::uuid END`;
const LINK_REF_SQL = `CASE a.entity_type
    WHEN 'ticket' THEN COALESCE(a.after->>'key', a.before->>'key', (SELECT t.key FROM ticket t WHERE t.id = ${asUuid('a.entity_id')}))
    WHEN 'caveat' THEN a.after->>'artifactId'
    WHEN 'comment' THEN CASE a.after->>'subjectType'
      WHEN 'ticket' THEN (SELECT t.key FROM ticket t WHERE t.id = ${asUuid("a.after->>'subjectId'")})
      ELSE a.after->>'subjectId' END
  END`;

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const stage = (value: unknown): string => PHASE_INFO[value as DomainStage]?.label ?? String(value);
const role = (value: unknown): string => DOMAIN_ROLE_LABELS[value as DomainRole] ?? String(value);
const roles = (value: unknown): string =>
  Array.isArray(value) && value.length ? value.map(role).join(', ') : 'no role';
const criterion = (value: unknown): string => CRITERIA[value as CriterionKey]?.label ?? String(value);
const because = (value: unknown): string => (str(value) ? `: ${str(value)}` : '');

/** Sentences for the actions of the workflow; other actions get a generic sentence below. */
const SUMMARIES: Partial<Record<AuditAction, (row: EventRow, actor: string) => string>> = {
  'domain.create': (r, a) => `${a} created the domain ${str(r.after?.key) ?? ''}`.trim(),
  'domain.update': (r, a) => {
    const changed = Object.keys(r.after ?? {}).filter(
      (k) =>
        !['version', 'updatedAt', 'lastActivityAt'].includes(k) &&
        JSON.stringify(r.before?.[k]) !== JSON.stringify(r.after?.[k]),
    );
    return `${a} edited the domain${changed.length ? ` (${changed.join(', ')})` : ''}`;
  },
  'domain.member.set': (r, a) => `${a} set ${str(r.after?.name) ?? 'a member'}'s roles to ${roles(r.after?.roles)}`,
  'domain.member.remove': (r, a) => `${a} removed ${str(r.before?.name) ?? 'a member'} from the domain`,
  'domain.advance': (r, a) =>
    `${r.after?.auto ? `Auto-advance (after ${a}'s sign-off)` : a} moved the domain from ${stage(r.before?.stage)} to ${stage(r.after?.stage)}`,
  'domain.recycle': (r, a) =>
    `${a} sent the domain back from ${stage(r.before?.stage)} to ${stage(r.after?.stage)}${because(r.after?.reason)}`,
  'domain.hold': (r, a) => `${a} put the domain on hold${because(r.after?.reason)}`,
  'domain.resume': (r, a) => `${a} resumed the domain${because(r.after?.reason)}`,
  'waiver.create': (r, a) =>
    `${a} waived "${criterion(r.after?.criterion)}" at the ${stage(r.after?.phase)} gate${because(r.after?.reason)}`,
  'waiver.revoke': (r, a) => `${a} revoked the waiver of "${criterion(r.before?.criterion)}"`,
  'signoff.create': (r, a) =>
    `${a} ${r.after?.decision === 'reject' ? 'rejected' : 'approved'} the ${stage(r.after?.phase)} gate as ${role(r.after?.role)} (round ${String(r.after?.round ?? '?')})${
      r.after?.decision === 'reject' ? because(r.after?.comment) : ''
    }`,
};

const quotedTitle = (json: Json): string => (str(json?.title) ? ` "${str(json?.title)}"` : '');
const investigationRef = (row: EventRow): string =>
  `investigation #${row.entityId}${quotedTitle(row.after ?? row.before)}`;

/** Sentences for the actions of the other modules that land on a domain's timeline. */
const OTHER_SUMMARIES: Partial<Record<AuditAction, (row: EventRow, actor: string) => string>> = {
  'domain.at_risk': (r) => `The domain was marked at risk${because(r.after?.atRiskReason)}`,
  'domain.import': (r, a) => `${a} imported the domain ${str(r.after?.key) ?? ''}`.trim(),
  'ticket.create': (r, a) => `${a} created ${str(r.after?.key) ?? 'a ticket'}${quotedTitle(r.after)}`,
  'ticket.update': (r, a) => {
    const key = str(r.after?.key) ?? str(r.before?.key) ?? 'a ticket';
    if (r.before?.status !== r.after?.status && r.after?.status)
      return `${a} moved ${key} from ${String(r.before?.status)} to ${String(r.after.status)}`;
    return `${a} edited ${key}`;
  },
  'artifact.create': (r, a) => `${a} added the ${String(r.after?.type ?? 'artifact')} "${str(r.after?.name) ?? ''}"`,
  'artifact.update': (r, a) => {
    const name = str(r.after?.name) ?? str(r.before?.name) ?? '';
    if (r.before?.status !== r.after?.status && r.after?.status)
      return `${a} marked "${name}" ${String(r.after.status)}`;
    return `${a} edited "${name}"`;
  },
  'artifact.badge_token_rotate': (r, a) =>
    `${a} rotated the badge token of "${str(r.after?.name) ?? ''}": its old badge URLs no longer answer`,
  'domain.badge_token_rotate': (_r, a) => `${a} rotated the domain's badge token: its old badge URLs no longer answer`,
  'caveat.create': (r, a) => `${a} added a caveat${str(r.after?.text) ? `: ${str(r.after?.text)}` : ''}`,
  'comment.create': (r, a) =>
    `${a} commented on a ${r.after?.subjectType === 'investigation' ? 'weirdness investigation' : 'ticket'}`,
  'investigation.create': (r, a) => `${a} reported ${investigationRef(r)}`,
  'investigation.update': (r, a) => `${a} edited ${investigationRef(r)}`,
  'investigation.triaged': (r, a) => `${a} triaged ${investigationRef(r)}`,
  'investigation.investigating': (r, a) => `${a} started investigating ${investigationRef(r)}`,
  'investigation.resolved': (r, a) =>
    `${a} resolved ${investigationRef(r)}${str(r.after?.rootCause) ? ` (${str(r.after?.rootCause)})` : ''}`,
  'investigation.dismissed': (r, a) => `${a} dismissed ${investigationRef(r)}`,
  'investigation.reopen': (r, a) => `${a} reopened ${investigationRef(r)}`,
};

/** A sentence for any audit event; unknown actions read their title or key when they have one. */
export function summarizeEvent(row: EventRow): string {
  const actor = row.actorName ?? 'Cairn';
  // a stored row may hold an action recorded under an older name: it gets the generic sentence
  const action = row.action as AuditAction;
  const known = SUMMARIES[action] ?? OTHER_SUMMARIES[action];
  if (known) return known(row, actor);
  const subject =
    str(row.after?.key) ??
    str(row.before?.key) ??
    str(row.after?.title) ??
    str(row.before?.title) ??
    str(row.after?.name);
  return `${actor}: ${row.action.replace(/[._]/g, ' ')}${subject ? ` (${subject})` : ''}`;
}

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
