import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import type { TestContext } from '../setup/test-app';
import { makeDomain } from './tickets';

/** An artifact written straight to the database (creates a domain when none is given). */
export async function makeArtifact(
  ctx: TestContext,
  overrides: Partial<Artifact> & { domain?: Domain } = {},
): Promise<Artifact> {
  const { domain: given, ...fields } = overrides;
  const domain = given ?? (await makeDomain(ctx));
  const repo = ctx.dataSource.getRepository(Artifact);
  return repo.save(
    repo.create({
      domainId: domain.id,
      type: 'metric',
      name: 'Weekly retention',
      status: 'draft',
      details: {},
      ...fields,
    }),
  );
}

export async function makeCaveat(
  ctx: TestContext,
  artifact: Artifact,
  overrides: Partial<Caveat> = {},
): Promise<Caveat> {
  const repo = ctx.dataSource.getRepository(Caveat);
  return repo.save(repo.create({ artifactId: artifact.id, text: 'Dips every Dec 25: real behaviour', ...overrides }));
}
