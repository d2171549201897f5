import type { EntityManager } from 'typeorm';
import type { Severity } from '../../../shared/api/enums';
import type { Page } from '../../../shared/api/common';
import type { InvestigationView } from '../../../shared/api/investigations';
import type { CommentView } from '../../../shared/api/tickets';
import { canReportInvestigation, PHASE_INFO } from '../../../shared/workflow/definition';
import { isOpenInvestigation } from '../../../shared/workflow/investigation';
import { badRequest, conflict, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import { Artifact } from '../artifacts/artifact.entity';
import { auditable, recordAudit } from '../audit/audit.service';
import { assertContribute, domainPermissions, lockDomain, lockDomainById, touchDomain } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { addComment, listComments, notifyMentions, type CommentSubject } from '../tickets/comments.service';
import { User } from '../users/user.entity';
import { refreshConfidence } from '../confidence/confidence.service';
import { leadIdsOf, onSeriousInvestigation } from './at-risk';
import { Investigation } from './investigation.entity';
import type { CreateInvestigationDto, InvestigationListQuery, UpdateInvestigationDto } from './investigations.dto';
import { getInvestigationView, listInvestigations } from './investigations.query';

export const SERIOUS: readonly Severity[] = ['high', 'critical'];

/** 400 unless the artifact belongs to the domain. */
export async function assertArtifactOfDomain(
  tx: EntityManager,
  artifactId: string,
  domainId: string,
): Promise<Artifact> {
  const artifact = await tx.findOneBy(Artifact, { id: artifactId.toLowerCase() });
  if (!artifact || artifact.domainId !== domainId) throw badRequest('artifactId', 'is not an artifact of this domain');
  return artifact;
}

/** 400 unless the user exists and is active. */
export async function assertActiveUser(tx: EntityManager, userId: string, field: string): Promise<User> {
  const user = await tx.findOneBy(User, { id: userId.toLowerCase() });
  if (!user || !user.active) throw badRequest(field, 'is not an active user');
  return user;
}

/**
 * Loads an investigation for a change: the domain row is locked first (the same order as every
 * other domain mutation), then the investigation row.
 */
export async function lockInvestigation(
  tx: EntityManager,
  id: number,
): Promise<{ investigation: Investigation; domain: Domain }> {
  const found = await tx.findOneBy(Investigation, { id });
  if (!found) throw notFound(`Investigation ${id}`);
  const domain = await lockDomainById(tx, found.domainId);
  const investigation = await tx.findOne(Investigation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!investigation) throw notFound(`Investigation ${id}`);
  return { investigation, domain };
}

export async function createInvestigation(
  deps: AppDeps,
  actor: Actor,
  domainKey: string,
  input: CreateInvestigationDto,
): Promise<InvestigationView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    assertContribute(domainPermissions(actor, []));
    if (!canReportInvestigation(domain.stage)) {
      throw conflict(
        'phase_not_allowed',
        `Weirdness can be reported from the hand-off phase on; ${domain.key} is still in ${PHASE_INFO[domain.stage].label.toLowerCase()}.`,
        { stage: domain.stage },
      );
    }
    if (input.artifactId) await assertArtifactOfDomain(tx, input.artifactId, domain.id);
    const investigation = await tx.save(
      tx.create(Investigation, {
        domainId: domain.id,
        title: input.title.trim(),
        observed: input.observed,
        expected: input.expected ?? '',
        artifactId: input.artifactId?.toLowerCase() ?? null,
        severity: input.severity ?? 'medium',
        status: 'reported',
        reporterId: actor.user.id,
        reportedAt: now,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'investigation.create',
      entityType: 'investigation',
      entityId: String(investigation.id),
      domainId: domain.id,
      after: auditable(investigation),
    });
    await notify(
      tx,
      await leadIdsOf(tx, domain.id),
      {
        kind: 'investigation_reported',
        domainId: domain.id,
        entityType: 'investigation',
        entityId: String(investigation.id),
        at: now,
        message: `${actor.user.name} reported ${investigation.severity} weirdness on ${domain.key}: ${investigation.title}`,
      },
      actor.user.id,
    );
    await notifyMentions(tx, actor, investigationSubject(investigation), describedBy(investigation), now);
    if (SERIOUS.includes(investigation.severity)) await onSeriousInvestigation(tx, actor, domain, investigation, now);
    // Before the recheck: sign-off staleness judges the gate on the new numbers.
    await refreshConfidence(tx, actor, domain, now);
    await recheckSignOffs(tx, actor, domain, now);
    await touchDomain(tx, domain.id, now);
    return getInvestigationView(tx, actor, investigation.id, now);
  });
}

export async function updateInvestigation(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: UpdateInvestigationDto,
  expected: ExpectedVersion,
): Promise<InvestigationView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const { investigation, domain } = await lockInvestigation(tx, id);
    assertContribute(domainPermissions(actor, []));
    assertVersion(`Investigation ${investigation.id}`, investigation.version, expected);
    const before = auditable(investigation);
    const wasSerious = SERIOUS.includes(investigation.severity);
    const previousText = describedBy(investigation);
    if (input.title !== undefined) investigation.title = input.title.trim();
    if (input.observed !== undefined) investigation.observed = input.observed;
    if (input.expected !== undefined) investigation.expected = input.expected;
    if (input.severity !== undefined) investigation.severity = input.severity;
    if (input.artifactId !== undefined) {
      investigation.artifactId =
        input.artifactId === null ? null : (await assertArtifactOfDomain(tx, input.artifactId, domain.id)).id;
    }
    const previousInvestigator = investigation.investigatorId;
    if (input.investigatorId !== undefined) {
      investigation.investigatorId =
        input.investigatorId === null ? null : (await assertActiveUser(tx, input.investigatorId, 'investigatorId')).id;
    }
    await tx.save(investigation);
    await recordAudit(tx, actor, {
      action: 'investigation.update',
      entityType: 'investigation',
      entityId: String(investigation.id),
      domainId: domain.id,
      before,
      after: auditable(investigation),
    });
    await notifyMentions(tx, actor, investigationSubject(investigation), describedBy(investigation), now, previousText);
    await afterChange(tx, actor, domain, investigation, { wasSerious, previousInvestigator }, now);
    return getInvestigationView(tx, actor, investigation.id, now);
  });
}

/** An investigation's own words, where a mention notifies as in a comment: what was observed and expected. */
function describedBy(investigation: Investigation): string {
  return `${investigation.observed}\n\n${investigation.expected}`;
}

/** How comments and mentions name an investigation. */
function investigationSubject(investigation: Pick<Investigation, 'id' | 'domainId'>): CommentSubject {
  return {
    subjectType: 'investigation',
    subjectId: String(investigation.id),
    domainId: investigation.domainId,
    notifyAs: { entityId: String(investigation.id), label: `investigation #${investigation.id}` },
  };
}

/**
 * What follows any edit or transition: the new investigator hears about it, an open
 * investigation raised to high/critical counts as new serious weirdness, and the domain is active.
 */
export async function afterChange(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  investigation: Investigation,
  previous: { wasSerious: boolean; previousInvestigator: string | null },
  now: Date,
): Promise<void> {
  if (investigation.investigatorId && investigation.investigatorId !== previous.previousInvestigator) {
    await notify(
      tx,
      [investigation.investigatorId],
      {
        kind: 'assigned',
        domainId: domain.id,
        entityType: 'investigation',
        entityId: String(investigation.id),
        at: now,
        message: `You are investigating #${investigation.id} on ${domain.key}: ${investigation.title}`,
      },
      actor.user.id,
    );
  }
  if (!previous.wasSerious && SERIOUS.includes(investigation.severity) && isOpenInvestigation(investigation.status)) {
    await onSeriousInvestigation(tx, actor, domain, investigation, now);
  }
  // A triage, a new severity, a dismissal as duplicate or a reopen changes the weighted counts.
  await refreshConfidence(tx, actor, domain, now);
  await recheckSignOffs(tx, actor, domain, now);
  await touchDomain(tx, domain.id, now);
}

/** GET /investigations/:id with its comments (the tickets module's comment service). */
export async function getInvestigation(deps: AppDeps, actor: Actor, id: number): Promise<InvestigationView> {
  // Reads without a transaction: two statements, and a comment added in between does no harm.
  const em = deps.dataSource.manager;
  const view = await getInvestigationView(em, actor, id, deps.now());
  view.comments = await listComments(em, 'investigation', String(id));
  return view;
}

export async function listInvestigationComments(deps: AppDeps, id: number): Promise<CommentView[]> {
  return deps.dataSource.transaction(async (tx) => {
    if (!(await tx.existsBy(Investigation, { id }))) throw notFound(`Investigation ${id}`);
    return listComments(tx, 'investigation', String(id));
  });
}

export async function addInvestigationComment(
  deps: AppDeps,
  actor: Actor,
  id: number,
  body: string,
): Promise<CommentView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const investigation = await tx.findOneBy(Investigation, { id });
    if (!investigation) throw notFound(`Investigation ${id}`);
    assertContribute(domainPermissions(actor, []));
    return addComment(tx, actor, { ...investigationSubject(investigation), body }, now);
  });
}

/** GET /domains/:key/investigations */
export async function listDomainInvestigations(
  deps: AppDeps,
  actor: Actor,
  key: string,
  query: InvestigationListQuery,
): Promise<Page<InvestigationView>> {
  return listInvestigations(deps.dataSource.manager, actor, query, deps.now(), { domainKey: key });
}

/** GET /investigations: across domains. */
export async function listAllInvestigations(
  deps: AppDeps,
  actor: Actor,
  query: InvestigationListQuery,
): Promise<Page<InvestigationView>> {
  return listInvestigations(deps.dataSource.manager, actor, query, deps.now());
}
