import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { makeDomain, makeDomainUser, satisfyCriteria } from '../factories/domains';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
// On PostgreSQL every request races at once. The embedded PGlite multiplexer hangs once more
// connections than the pool want in at the same time, so there they race in waves.
const WAVE = process.env.CAIRN_TEST_EMBEDDED ? 5 : 20;

async function inWaves(requests: (() => request.Test)[]): Promise<request.Response[]> {
  const responses: request.Response[] = [];
  for (let start = 0; start < requests.length; start += WAVE) {
    responses.push(...(await Promise.all(requests.slice(start, start + WAVE).map((send) => send()))));
  }
  return responses;
}

describe('concurrency on the domain row lock', () => {
  it('20 parallel advances on an open gate: exactly one advances, the rest get 409', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await satisfyCriteria(ctx, domain);
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    const responses = await inWaves(
      Array.from({ length: 20 }, () => () => request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const res of responses.filter((r) => r.status === 409)) expect(res.body.code).toBe('gate_blocked');
    expect(await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id })).toMatchObject({
      stage: 'scoping',
    });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'domain.advance' })).toBe(1);
  });

  it('parallel sign-offs never duplicate: one counted row per signer and role, each decision recorded once', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    const both = await makeDomainUser(ctx, domain, ['ds_lead', 'product_lead']);
    const post = (auth: Record<string, string>, body: object) => () =>
      request(ctx.app).post('/api/v1/domains/RET/signoffs').set(auth).send(body);
    // the two roles of `both` race each other in the first wave
    const responses = await inWaves([
      post(both.auth, { decision: 'approve', role: 'ds_lead' }),
      post(both.auth, { decision: 'approve', role: 'product_lead' }),
      ...Array.from({ length: 6 }, () => post(ds.auth, { decision: 'approve' })),
      ...Array.from({ length: 6 }, () => post(product.auth, { decision: 'approve' })),
    ]);
    const created = responses.filter((r) => r.status === 201);
    // `both` gets exactly one of its two roles; everything else is recorded
    expect(created).toHaveLength(13);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['role_already_signed']);
    const rows = await ctx.dataSource.getRepository(SignOff).find();
    expect(rows).toHaveLength(13);
    const counted = rows.filter((r) => r.supersededAt === null);
    // each signer's latest decision in a role counts; their own earlier ones are superseded
    expect(counted).toHaveLength(3);
    expect(new Set(counted.map((r) => `${r.userId}:${r.role}`)).size).toBe(3);
    expect(new Set(counted.map((r) => r.userId))).toEqual(new Set([ds.user.id, product.user.id, both.user.id]));
    expect(new Set(rows.map((r) => r.id)).size).toBe(13);
  });
});
