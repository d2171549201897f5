import type { DomainRole } from '../../shared/api/enums';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import type { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import type { User } from '../../server/modules/users/user.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import type { TestContext } from '../setup/test-app';
import { addMember as addDomainMember, makeArtifactRow, makeDomain, measureConfidence } from './domains';

/** A domain in the weirdness phase unless told (test/factories/domains.ts with another default). */
export async function makeWeirdnessDomain(ctx: TestContext, overrides: Partial<Domain> = {}): Promise<Domain> {
  return makeDomain(ctx, { stage: 'weirdness', ...overrides });
}

export async function addMember(ctx: TestContext, domain: Domain, user: User, role: DomainRole): Promise<void> {
  await addDomainMember(ctx, domain, user, role);
}

export { makeArtifactRow };

/** An investigation row (reported now, medium) in the domain; any field may be given. */
export async function makeInvestigation(
  ctx: TestContext,
  domain: Domain,
  overrides: Partial<Investigation> = {},
): Promise<Investigation> {
  const repo = ctx.dataSource.getRepository(Investigation);
  const investigation = await repo.save(
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
  await measureConfidence(ctx, domain);
  return investigation;
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
