import type { WeirdnessReportResult } from '../../../shared/api/catalog';
import { AppError, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { Artifact } from '../artifacts/artifact.entity';
import { assertContribute, domainPermissions } from '../domains/domain-access';
import { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { createTicketIn } from '../tickets/tickets.service';
import { leadIdsOf } from '../weirdness/at-risk';
import { createInvestigation } from '../weirdness/investigations.service';
import type { WeirdnessReportDto } from './catalog.dto';

/**
 * "This looks weird" about an artifact: a `reported` investigation linked to it (the weirdness
 * service notifies the domain's leads). Before hand-off a domain takes no investigations; the
 * report is then kept as a concern ticket of the domain, linked to the artifact, and the leads are
 * told in the same transaction, so no report is lost.
 */
export async function reportWeirdness(
  deps: AppDeps,
  actor: Actor,
  artifactId: string,
  input: WeirdnessReportDto,
): Promise<WeirdnessReportResult> {
  assertContribute(domainPermissions(actor, []));
  const artifact = await deps.dataSource.manager.findOneBy(Artifact, { id: artifactId });
  if (!artifact) throw notFound('Artifact');
  const domain = await deps.dataSource.manager.findOneByOrFail(Domain, { id: artifact.domainId });
  const title = input.title.trim();
  const link = input.link?.trim() || null;
  const observed = link ? `${input.observed.trim()}\n\nSeen at: ${link}` : input.observed.trim();
  try {
    const investigation = await createInvestigation(deps, actor, domain.key, {
      title,
      observed,
      expected: input.expected?.trim() ?? '',
      artifactId: artifact.id,
    });
    return {
      keptAs: 'investigation',
      investigationId: investigation.id,
      ticketKey: null,
      domainKey: domain.key,
      message: `Reported as investigation #${investigation.id}; the leads of ${domain.key} were told.`,
    };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'phase_not_allowed')) throw error;
  }
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const body = [
      `Reported with "This looks weird" about the ${artifact.type} **${artifact.name}**, before hand-off (kept as a concern until weirdness can be investigated).`,
      `**What I saw**\n\n${input.observed.trim()}`,
      input.expected?.trim() ? `**What I expected**\n\n${input.expected.trim()}` : null,
      link ? `**Where**: ${link}` : null,
    ]
      .filter(Boolean)
      .join('\n\n');
    const { ticket } = await createTicketIn(
      tx,
      actor,
      domain.key,
      { kind: 'concern', title, body, artifactIds: [artifact.id] },
      now,
    );
    await notify(
      tx,
      await leadIdsOf(tx, domain.id),
      {
        kind: 'investigation_reported',
        domainId: domain.id,
        entityType: 'ticket',
        entityId: ticket.key,
        at: now,
        message: `${actor.user.name} reported weirdness on ${domain.key} (kept as concern ${ticket.key}): ${title}`,
      },
      actor.user.id,
    );
    return {
      keptAs: 'ticket',
      investigationId: null,
      ticketKey: ticket.key,
      domainKey: domain.key,
      message: `${domain.key} is before hand-off: kept as concern ${ticket.key}; the leads were told.`,
    };
  });
}
