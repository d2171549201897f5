import request from 'supertest';
import type { CardBlocker, DomainSummary } from '../../shared/api/domains';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { makeSignOff } from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-17T12:00:00Z');

const brief = (blockers: CardBlocker[]) =>
  blockers.map((b) => ({
    code: b.code,
    role: b.role,
    criterion: b.criterion,
    waitingOn: b.waitingOn.map((u) => u.name),
  }));

describe('board cards say what blocks the gate and who is waited on', () => {
  it('names the rejection, the missing sign-off and the failed criteria, and whose action clears each', async () => {
    ctx.setNow(NOW);
    // back in scoping for the second time: round 2 of its gate
    const ret = await makeDomain(ctx, { key: 'RET', name: 'Retention', stage: 'scoping', gateRound: 2 });
    const dana = await makeDomainUser(ctx, ret, ['ds_lead'], { name: 'Dana Lead' });
    await makeDomainUser(ctx, ret, ['product_lead', 'contributor'], { name: 'Priya Product' });
    await makeDomainUser(ctx, ret, ['product_lead'], { name: 'Paul Product' });
    await makeSignOff(ctx, ret, dana.user, { role: 'ds_lead', decision: 'reject', comment: 'Not yet' });
    // held, with nobody in the ds_lead role: the hold's reason, and the leads are waited on for the role
    const onb = await makeDomain(ctx, {
      key: 'ONB',
      name: 'Onboarding',
      stage: 'specs',
      held: true,
      holdReason: 'Vendor contract',
    });
    await makeDomainUser(ctx, onb, ['product_lead'], { name: 'Omar Product' });
    await makeDomain(ctx, { key: 'BIL', name: 'Billing', stage: 'certified' });

    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/domains?sort=name').set(auth).expect(200);
    const card = (key: string) => (res.body.items as DomainSummary[]).find((d) => d.key === key)!;

    expect(card('RET').recycled).toBe(true);
    expect(brief(card('RET').blockers)).toEqual([
      { code: 'signoff_rejected', role: 'ds_lead', criterion: null, waitingOn: ['Dana Lead'] },
      // either product lead may sign: both are waited on
      { code: 'signoff_missing', role: 'product_lead', criterion: null, waitingOn: ['Paul Product', 'Priya Product'] },
      { code: 'criterion_failed', role: null, criterion: 'metric_ready', waitingOn: [] },
      { code: 'criterion_failed', role: null, criterion: 'dataset_ready', waitingOn: [] },
      { code: 'criterion_failed', role: null, criterion: 'example_analyses', waitingOn: [] },
    ]);
    expect(card('RET').blockers[0].text).toBe('The data science lead (Dana Lead) rejected this gate');

    expect(card('ONB').recycled).toBe(false);
    const onbBlockers = card('ONB').blockers;
    expect(onbBlockers.map((b) => b.code)).toEqual([
      'role_unfilled',
      'criterion_failed',
      'criterion_failed',
      'domain_on_hold',
    ]);
    expect(onbBlockers[0].waitingOn.map((u) => u.name)).toEqual(['Omar Product']);
    expect(onbBlockers[3].text).toBe('On hold: Vendor contract');

    expect(card('BIL')).toMatchObject({ blockers: [], recycled: false, gateStatus: 'none' });

    // the domain's own view carries the same
    const view = await request(ctx.app).get('/api/v1/domains/RET').set(auth).expect(200);
    expect(view.body.blockers).toEqual(card('RET').blockers);
  });
});
