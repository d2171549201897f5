import type { EntityManager } from 'typeorm';
import type { InvestigationView } from '../../../shared/api/investigations';
import {
  allowedTransitions,
  canTransition,
  missingTransitionFields,
  transitionTarget,
  type InvestigationTransition,
} from '../../../shared/workflow/investigation';
import { badRequest, conflict, invalid } from '../../http/app-error';
import { Investigation } from './investigation.entity';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { addCaveat } from '../artifacts/artifacts.service';
import { auditable, recordAudit } from '../audit/audit.service';
import { assertContribute, domainPermissions } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import type { AuditAction } from '../../../shared/api/audit';
import { notify } from '../inbox/notify';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import type { InvestigationTransitionDto } from './investigations.dto';
import { getInvestigationView } from './investigations.query';
import {
  afterChange,
  assertActiveUser,
  assertArtifactOfDomain,
  SERIOUS,
  lockInvestigation,
} from './investigations.service';
import { RootCause } from './root-cause.entity';
import type { CaveatRecurrence } from '../../../shared/monitors/recurrence';
import { parseRecurrence } from '../monitors/caveat-recurrence';

/** The audit action of each move (no move leads back to `reported`: a reopen is its own action). */
const TRANSITION_ACTIONS: Record<InvestigationTransition, AuditAction> = {
  reported: 'investigation.reopen',
  triaged: 'investigation.triaged',
  investigating: 'investigation.investigating',
  resolved: 'investigation.resolved',
  dismissed: 'investigation.dismissed',
  reopened: 'investigation.reopen',
};

/** Request fields each transition may carry; anything else is refused rather than silently ignored. */
const ACCEPTED_FIELDS: Record<InvestigationTransition, readonly (keyof InvestigationTransitionDto)[]> = {
  reported: [],
  triaged: ['severity', 'investigatorId'],
  investigating: ['severity', 'investigatorId'],
  resolved: ['rootCause', 'resolution', 'caveat', 'caveatRecurrence'],
  dismissed: ['reason', 'duplicateOf'],
  reopened: ['reason'],
};

/** Root causes whose finding is knowledge worth keeping on the artifact. */
const CAVEAT_ROOT_CAUSES = ['expected', 'definition'];

/** Stages whose gate reads the investigations: reopening one there changes what signers saw. */
const STALE_ON_REOPEN = ['weirdness', 'confidence'];

function assertFields(input: InvestigationTransitionDto): void {
  const accepted = ACCEPTED_FIELDS[input.to];
  const extra = (
    ['severity', 'investigatorId', 'rootCause', 'resolution', 'reason', 'caveat', 'caveatRecurrence', 'duplicateOf'] as const
  ).filter((field) => input[field] !== undefined && !accepted.includes(field));
  const missing = missingTransitionFields(input);
  const errors = [
    ...missing.map((field) => ({ field, message: `is required to move to ${input.to}` })),
    ...extra.map((field) => ({ field, message: `does not apply to ${input.to}` })),
  ];
  if (errors.length) {
    throw invalid(`Invalid body: ${errors.map((e) => e.field).join(', ')}.`, errors);
  }
}

/**
 * Moves an investigation along its lifecycle (shared/workflow/investigation.ts is the authority):
 * 409 naming the allowed moves when the move is not one of them, 400 per missing field.
 */
export async function transitionInvestigation(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: InvestigationTransitionDto,
  expected: ExpectedVersion | undefined,
): Promise<InvestigationView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const { investigation, domain } = await lockInvestigation(tx, id);
    assertContribute(domainPermissions(actor, []));
    assertVersion(`Investigation ${investigation.id}`, investigation.version, expected);
    if (!canTransition(investigation.status, input.to)) {
      const allowed = allowedTransitions(investigation.status);
      throw conflict(
        'invalid_transition',
        `An investigation in ${investigation.status} cannot move to ${input.to}; allowed: ${allowed.join(', ') || 'none'}.`,
        { allowed },
      );
    }
    assertFields(input);
    const before = auditable(investigation);
    const previous = {
      wasSerious: SERIOUS.includes(investigation.severity),
      previousInvestigator: investigation.investigatorId,
    };
    let caveatText: string | null = null;
    let caveatRecurrence: CaveatRecurrence | null = null;

    switch (input.to) {
      case 'triaged':
      case 'investigating':
        if (input.severity) investigation.severity = input.severity;
        if (input.investigatorId)
          investigation.investigatorId = (await assertActiveUser(tx, input.investigatorId, 'investigatorId')).id;
        if (input.to === 'triaged') investigation.triagedAt = now;
        break;
      case 'resolved': {
        const rootCause = await tx.findOneBy(RootCause, { key: input.rootCause! });
        if (!rootCause || rootCause.retired) throw badRequest('rootCause', 'is not an active root cause');
        if (input.caveat !== undefined && input.caveat.trim()) {
          if (!CAVEAT_ROOT_CAUSES.includes(rootCause.key))
            throw badRequest('caveat', 'only applies to the root causes expected and definition');
          if (!investigation.artifactId) throw badRequest('caveat', 'needs an artifact linked to the investigation');
          await assertArtifactOfDomain(tx, investigation.artifactId, domain.id);
          caveatText = input.caveat;
          if (input.caveatRecurrence !== undefined) caveatRecurrence = parseRecurrence(input.caveatRecurrence, 'caveatRecurrence');
        } else if (input.caveatRecurrence !== undefined) {
          throw badRequest('caveatRecurrence', 'needs the caveat it belongs to');
        }
        investigation.rootCause = rootCause.key;
        investigation.resolution = input.resolution!.trim();
        investigation.closedAt = now;
        break;
      }
      case 'dismissed':
        if (input.duplicateOf !== undefined) {
          if (input.duplicateOf === investigation.id)
            throw badRequest('duplicateOf', 'cannot be the investigation itself');
          const original = await tx.findOneBy(Investigation, { id: input.duplicateOf, domainId: domain.id });
          if (!original) throw badRequest('duplicateOf', `is not an investigation of ${domain.key}`);
          investigation.duplicateOf = original.id;
        }
        investigation.dismissReason = input.reason!.trim();
        investigation.closedAt = now;
        break;
      case 'reopened':
        // A serious one open again is serious weirdness again (a certified domain goes at risk).
        previous.wasSerious = false;
        // It starts over: triaged again, and its old conclusion no longer stands.
        investigation.triagedAt = null;
        investigation.closedAt = null;
        investigation.rootCause = null;
        investigation.resolution = null;
        investigation.dismissReason = null;
        investigation.duplicateOf = null;
        break;
    }
    investigation.status = transitionTarget(input.to);
    await tx.save(investigation);
    await recordAudit(tx, actor, {
      action: TRANSITION_ACTIONS[input.to],
      entityType: 'investigation',
      entityId: String(investigation.id),
      domainId: domain.id,
      before,
      after: {
        ...auditable(investigation),
        ...(input.reason && input.to === 'reopened' ? { reopenReason: input.reason } : {}),
      },
    });
    if (caveatText)
      await addCaveat(tx, actor, investigation.artifactId!, caveatText, investigation.id, now, caveatRecurrence);
    if (input.to === 'reopened' && STALE_ON_REOPEN.includes(domain.stage)) {
      await recheckSignOffs(
        tx,
        actor,
        domain,
        now,
        `Investigation #${investigation.id} "${investigation.title}" reopened`,
      );
    }
    await afterChange(tx, actor, domain, investigation, previous, now);
    if (input.to === 'resolved' || input.to === 'dismissed')
      await tellReporter(tx, actor, investigation, caveatText, now);
    return getInvestigationView(tx, actor, investigation.id, now);
  });
}

/** The reporter (a catalog reader who said "this looks weird", say) learns how it ended. */
async function tellReporter(
  tx: EntityManager,
  actor: Actor,
  investigation: Investigation,
  caveat: string | null,
  now: Date,
): Promise<void> {
  const what = `#${investigation.id} "${investigation.title}"`;
  const message =
    investigation.status === 'resolved'
      ? `${actor.user.name} resolved ${what} (${investigation.rootCause}): ${investigation.resolution}` +
        (caveat ? ` New caveat on the artifact: ${caveat.trim()}` : '')
      : `${actor.user.name} dismissed ${what}: ${investigation.dismissReason}`;
  await notify(
    tx,
    [investigation.reporterId],
    {
      kind: 'investigation_closed',
      domainId: investigation.domainId,
      entityType: 'investigation',
      entityId: String(investigation.id),
      at: now,
      message,
    },
    actor.user.id,
  );
}
