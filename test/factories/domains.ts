import crypto from 'node:crypto';
import type { DomainRole, Phase } from '../../shared/api/enums';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { DomainMember } from '../../server/modules/domains/domain-member.entity';
import { recomputeConfidence } from '../../server/modules/confidence/confidence.service';
import { Domain } from '../../server/modules/domains/domain.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import type { User } from '../../server/modules/users/user.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import type { TestContext } from '../setup/test-app';
import { authAs, makeUser } from './users';

/**
 * A domain row written straight to the database; a random unique key unless given. Like the app,
 * it keeps the stored confidence of a handed-off domain current (measureConfidence).
 */
export async function makeDomain(ctx: TestContext, overrides: Partial<Domain> = {}): Promise<Domain> {
  const repo = ctx.dataSource.getRepository(Domain);
  const key = `D${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const domain = await repo.save(
    repo.create({ key, name: `Domain ${key}`, description: '', stage: 'specs', gateRound: 1, ...overrides }),
  );
  await measureConfidence(ctx, domain);
  return domain;
}

/**
 * Recomputes the domain's stored confidence at the test clock, as the app does in the transaction
 * of every investigation change: factories that write investigation rows call it.
 */
export async function measureConfidence(ctx: TestContext, domain: Pick<Domain, 'id'>): Promise<void> {
  const row = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id });
  await recomputeConfidence(ctx.dataSource.manager, row, ctx.deps.now());
}

export async function addMember(ctx: TestContext, domain: Domain, user: User, ...roles: DomainRole[]): Promise<void> {
  await ctx.dataSource
    .getRepository(DomainMember)
    .insert(roles.map((role) => ({ domainId: domain.id, userId: user.id, role })));
}

/** A new member-role user holding `roles` in the domain, with an auth header. */
export async function makeDomainUser(
  ctx: TestContext,
  domain: Domain,
  roles: DomainRole[],
  overrides: Partial<User> = {},
) {
  const user = await makeUser(ctx.dataSource, { role: 'member', ...overrides });
  if (roles.length) await addMember(ctx, domain, user, ...roles);
  return { user, auth: await authAs(ctx, user) };
}

/** A ticket row numbered from the domain's counter, like the API numbers them. */
export async function makeTicketRow(
  ctx: TestContext,
  domain: Domain,
  overrides: Partial<Ticket> = {},
): Promise<Ticket> {
  const [row] = (await ctx.dataSource.query(
    `UPDATE "domain" SET ticket_seq = ticket_seq + 1 WHERE id = $1 RETURNING ticket_seq`,
    [domain.id],
  )) as unknown[];
  const number = (Array.isArray(row) ? row[0] : row).ticket_seq as number;
  const repo = ctx.dataSource.getRepository(Ticket);
  return repo.save(
    repo.create({
      domainId: domain.id,
      number,
      key: `${domain.key}-${number}`,
      kind: 'task',
      title: `Ticket ${number}`,
      phase: domain.stage === 'certified' ? 'confidence' : domain.stage,
      status: 'open',
      priority: 'medium',
      ...overrides,
    }),
  );
}

export async function makeArtifactRow(
  ctx: TestContext,
  domain: Domain,
  overrides: Partial<Artifact> = {},
): Promise<Artifact> {
  const repo = ctx.dataSource.getRepository(Artifact);
  return repo.save(
    repo.create({
      domainId: domain.id,
      type: 'metric',
      name: 'Weekly retention',
      status: 'draft',
      details: {},
      ...overrides,
    }),
  );
}

export async function makeInvestigationRow(
  ctx: TestContext,
  domain: Domain,
  overrides: Partial<Investigation> = {},
): Promise<Investigation> {
  const repo = ctx.dataSource.getRepository(Investigation);
  const investigation = await repo.save(
    repo.create({
      domainId: domain.id,
      title: 'Retention dips on Sundays',
      observed: 'Weekly retention drops every Sunday',
      severity: 'medium',
      status: 'triaged',
      reportedAt: new Date(Date.now() - 60 * 86_400_000),
      ...overrides,
    }),
  );
  await measureConfidence(ctx, domain);
  return investigation;
}

/** Writes the rows that make every default criterion of `phase`'s exit gate pass. */
export async function satisfyCriteria(
  ctx: TestContext,
  domain: Domain,
  phase: Phase = domain.stage as Phase,
): Promise<void> {
  switch (phase) {
    case 'specs':
      await makeTicketRow(ctx, domain, { kind: 'problem', phase: 'specs', status: 'done' });
      await makeTicketRow(ctx, domain, { kind: 'stakeholder', phase: 'specs', status: 'done' });
      return;
    case 'scoping':
      await makeArtifactRow(ctx, domain, { type: 'metric', status: 'ready' });
      await makeArtifactRow(ctx, domain, { type: 'dataset', status: 'ready', name: 'events' });
      await makeArtifactRow(ctx, domain, { type: 'analysis', status: 'ready', name: 'Cohorts' });
      await makeArtifactRow(ctx, domain, { type: 'analysis', status: 'draft', name: 'Churn' });
      return;
    case 'handoff':
      await makeTicketRow(ctx, domain, { kind: 'session', phase: 'handoff', status: 'done' });
      return;
    case 'weirdness': {
      // observed for five weeks in the phase (a domain without events starts its series when it was
      // created), and no investigations at all: a rate of 0 a week, at most 0.75 at 90%
      const since = new Date(ctx.deps.now().getTime() - 5 * 7 * 86_400_000);
      await ctx.dataSource.getRepository(Domain).update({ id: domain.id }, { phaseEnteredAt: since, createdAt: since });
      domain.phaseEnteredAt = since;
      domain.createdAt = since;
      await measureConfidence(ctx, domain);
      return;
    }
    case 'confidence':
      // no investigations at all: every investigation criterion passes
      await measureConfidence(ctx, domain);
      return;
  }
}
