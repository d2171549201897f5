import { GateAddition } from '../modules/gates/gate-addition.entity';
import { openRound } from '../modules/gates/rounds';
import { syncSignOffRequests } from '../modules/gates/signoff-requests';
import { isPhase } from '../../shared/workflow/definition';
import type { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import { Artifact } from '../modules/artifacts/artifact.entity';
import { Caveat } from '../modules/artifacts/caveat.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { DomainMember } from '../modules/domains/domain-member.entity';
import { recomputeConfidence } from '../modules/confidence/confidence.service';
import { Domain } from '../modules/domains/domain.entity';
import { SignOff } from '../modules/gates/sign-off.entity';
import { Waiver } from '../modules/gates/waiver.entity';
import { Notification } from '../modules/inbox/notification.entity';
import { Comment } from '../modules/tickets/comment.entity';
import { Ticket } from '../modules/tickets/ticket.entity';
import type { User } from '../modules/users/user.entity';
import { Investigation } from '../modules/weirdness/investigation.entity';
import { billingStory } from './story-billing';
import { StoryBook } from './story-builder';
import { lateText } from './story-types';
import type { EntityRef, StoryInvestigation } from './story-types';
import type { StoryOpenItem } from './story-evidence';
import { earlyDomainsStory } from './story-early';
import { productEventsStory } from './story-events';
import { growthStory } from './story-growth';
import { retentionStory } from './story-retention';

/*
 * The demo story, all dated relative to `now` (so it stays current whenever Cairn starts):
 * - EVT  Product events: certified first; a critical oddity two days ago put it at risk.
 * - BILL Billing data: all five gates in about six months (a rejected scoping sign-off on the
 *        way); oddities rose in the weeks after hand-off, then fell to zero. Certified.
 * - RET  Retention metrics: the same rise and decline; at the confidence gate the product lead
 *        approved, then a new high investigation made that sign-off stale.
 * - GROW Growth funnel: weirdness showed app signups carry no source, so it was recycled to
 *        scoping to collect it; in its second weirdness round the oddities are still rising.
 * - SUP  Support tickets (its own ds_lead): hand-off gate half signed.
 * - MKT  Marketing attribution: scoping, blocked by an open high ticket.
 * - PRICE Pricing experiments: specs, on hold.   ONB Onboarding funnel: specs, stalled.
 */

/** Writes the whole story, domain by domain (each domain's script replays in date order). */
export function writeStory(now: Date, users: Record<string, User>): StoryBook {
  const book = new StoryBook(now, Object.values(users));
  productEventsStory(book, users);
  billingStory(book, users);
  retentionStory(book, users);
  growthStory(book, users);
  earlyDomainsStory(book, users);
  return book;
}

/** Domains, tickets, artifacts, sign-offs and investigations that tell PRODUCT.md's story. */
export async function seedDemoStory(dataSource: DataSource, users: Record<string, User>, now: Date): Promise<void> {
  const book = writeStory(now, users);
  await dataSource.transaction(async (tx) => {
    await insertStory(tx, book);
    await fixRounds(tx, users, now);
  });
}

/**
 * Every open round gets its requirements fixed as the services fix them, certified domains start
 * their review clock, and GROW's gate since the recycle asks for its sponsor (lee, leadership,
 * a viewer) as an admin's addition to the gate: the demo's viewer who signs.
 */
async function fixRounds(tx: EntityManager, users: Record<string, User>, now: Date): Promise<void> {
  await tx.query(`UPDATE "domain" SET certified_at = phase_entered_at WHERE stage = 'certified'`);
  const grow = await tx.findOneBy(Domain, { key: 'GROW' });
  if (grow && isPhase(grow.stage)) {
    const reason = 'Since the recycle, growth numbers go to the board: leadership signs this gate too.';
    const addition = await tx.save(
      tx.create(GateAddition, {
        domainId: grow.id,
        phase: grow.stage,
        kind: 'role',
        value: 'sponsor',
        reason,
        userId: users.admin.id,
        createdAt: now,
      }),
    );
    await tx.insert(AuditEvent, {
      // dated now: the timeline reads events by id, and this one is written after the story's
      at: now,
      actorId: users.admin.id,
      action: 'gate.addition.create',
      entityType: 'gate_addition',
      entityId: addition.id,
      domainId: grow.id,
      after: { phase: grow.stage, kind: 'role', value: 'sponsor', reason },
      requestId: null,
    });
    await tx.query(`UPDATE "domain" SET last_activity_at = $2 WHERE id = $1`, [grow.id, now]);
  }
  for (const domain of await tx.find(Domain)) {
    await openRound(tx, domain, domain.phaseEnteredAt ?? now);
    await recomputeConfidence(tx, domain, now);
    // Whoever the Reviews page shows a gate waiting for has it in their inbox.
    await syncSignOffRequests(tx, domain, now);
  }
}

const CHUNK = 100;

async function insertRows<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(entity, rows.slice(i, i + CHUNK) as never);
  }
}

function idOf(ref: EntityRef): string {
  if (typeof ref === 'string') return ref;
  if (ref.id === null) throw new Error(`investigation "${ref.title}" not inserted`);
  return String(ref.id);
}

function investigationId(investigation: StoryInvestigation | null): number | null {
  return investigation ? Number(idOf(investigation)) : null;
}

function resolveEvidence(evidence: EvidenceSnapshot): EvidenceSnapshot {
  const items = evidence.openItems as unknown as StoryOpenItem[];
  return {
    ...evidence,
    openItems: items.map((item) => ({ ...item, ref: typeof item.ref === 'string' ? item.ref : `#${idOf(item.ref)}` })),
  };
}

async function insertStory(tx: EntityManager, book: StoryBook): Promise<void> {
  const domains = book.domains;
  await insertRows(
    tx,
    Domain,
    domains.map((d) => ({
      id: d.id,
      key: d.key,
      name: d.name,
      description: d.description,
      stage: d.stage,
      phaseEnteredAt: d.phaseEnteredAt,
      lastActivityAt: d.lastActivityAt,
      held: d.held,
      holdReason: d.holdReason,
      atRisk: d.atRisk,
      ticketSeq: d.tickets.length,
      gateRound: d.gateRound,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    })),
  );
  await insertRows(
    tx,
    DomainMember,
    domains.flatMap((d) => d.members),
  );
  await insertRows(
    tx,
    Artifact,
    domains.flatMap((d) => d.artifacts),
  );

  // Serial ids in report order, so that #ids read chronologically.
  const investigations = domains
    .flatMap((d) => d.investigations)
    .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  for (let i = 0; i < investigations.length; i += CHUNK) {
    const chunk = investigations.slice(i, i + CHUNK);
    const result = await tx.insert(
      Investigation,
      chunk.map(({ id: _id, domainKey: _key, ...row }) => row),
    );
    result.identifiers.forEach((identifier, index) => {
      chunk[index].id = Number(identifier.id);
    });
  }
  // At-risk reasons name the investigation that raised them, so they are known only now. Raw SQL
  // keeps the domain's story dates and version as inserted.
  for (const d of domains) {
    if (d.atRiskReason === null) continue;
    await tx.query(`UPDATE "domain" SET at_risk_reason = $2 WHERE id = $1`, [d.id, lateText(d.atRiskReason)]);
  }

  await insertRows(
    tx,
    Ticket,
    domains.flatMap((d) =>
      d.tickets.map(({ investigation, ...row }) => ({ ...row, investigationId: investigationId(investigation) })),
    ),
  );
  await insertRows(
    tx,
    Caveat,
    book.caveats.map(({ investigation, ...row }) => ({ ...row, investigationId: investigationId(investigation) })),
  );
  await insertRows(
    tx,
    Comment,
    book.comments.map(({ subject, ...row }) => ({ ...row, subjectId: idOf(subject) })),
  );
  await insertRows(
    tx,
    SignOff,
    domains.flatMap((d) =>
      d.signOffs.map((s) => ({
        ...s,
        staleReason: s.staleReason === null ? null : lateText(s.staleReason),
        evidence: resolveEvidence(s.evidence),
      })),
    ),
  );
  await insertRows(
    tx,
    Waiver,
    domains.flatMap((d) => d.waivers),
  );
  await insertRows(
    tx,
    Notification,
    book.notifications.map(({ entity, message, ...row }) => ({
      ...row,
      entityId: idOf(entity),
      message: lateText(message),
    })),
  );
  // Inserted in time order: the timeline reads audit events by id.
  const events = [...book.audit].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  await insertRows(
    tx,
    AuditEvent,
    events.map(({ seq: _seq, entity, after, ...row }) => ({
      ...row,
      entityId: idOf(entity),
      after: typeof after === 'function' ? (after as () => unknown)() : after,
      requestId: null,
    })),
  );
}
