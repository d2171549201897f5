import crypto from 'node:crypto';
import type { DomainRole } from '../../shared/api/enums';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { DomainMember } from '../../server/modules/domains/domain-member.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import type { User } from '../../server/modules/users/user.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import type { TestContext } from '../setup/test-app';

/**
 * A domain row written straight to the database, in the weirdness phase unless told (a tiny local
 * factory until the domains engineer's test/factories/domains.ts lands).
 */
export async function makeWeirdnessDomain(ctx: TestContext, overrides: Partial<Domain> = {}): Promise<Domain> {
  const repo = ctx.dataSource.getRepository(Domain);
  const key = `W${crypto.randomBytes(3).toString('hex').toUpperCase()}`.replace(/[^A-Z0-9]/g, 'X');
  return repo.save(repo.create({ key, name: `Domain ${key}`, description: '', stage: 'weirdness', ...overrides }));
}

export async function addMember(ctx: TestContext, domain: Domain, user: User, role: DomainRole): Promise<void> {
  await ctx.dataSource.getRepository(DomainMember).insert({ domainId: domain.id, userId: user.id, role });
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
      status: 'ready',
      details: {},
      ...overrides,
    }),
  );
}

/** An investigation row (reported now, medium) in the domain; any field may be given. */
export async function makeInvestigation(
  ctx: TestContext,
  domain: Domain,
  overrides: Partial<Investigation> = {},
): Promise<Investigation> {
  const repo = ctx.dataSource.getRepository(Investigation);
  return repo.save(
    repo.create({
      domainId: domain.id,
      title: 'Retention dips on Sundays',
      observed: 'Weekly retention drops by 4 points every Sunday',
      expected: 'A flat line',
      severity: 'medium',
      status: 'reported',
      reportedAt: new Date(),
      ...overrides,
    }),
  );
}

const EVIDENCE: EvidenceSnapshot = {
  phase: 'weirdness',
  criteria: [],
  openItems: [],
  capturedAt: '2026-01-01T00:00:00.000Z',
};

/** A fresh approval of the domain's current gate round unless told otherwise. */
export async function makeSignOff(
  ctx: TestContext,
  domain: Domain,
  user: User,
  overrides: Partial<SignOff> = {},
): Promise<SignOff> {
  const repo = ctx.dataSource.getRepository(SignOff);
  const phase = domain.stage === 'certified' ? 'confidence' : domain.stage;
  return repo.save(
    repo.create({
      domainId: domain.id,
      phase,
      round: domain.gateRound,
      role: 'ds_lead',
      userId: user.id,
      decision: 'approve',
      comment: '',
      evidence: { ...EVIDENCE, phase },
      ...overrides,
    }),
  );
}
