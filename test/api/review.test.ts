import request from 'supertest';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import {
  addMember,
  makeArtifactRow,
  makeInvestigation,
  makeSignOff,
  makeWeirdnessDomain,
} from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-10T12:00:00Z');

let ticketNumber = 0;
async function ticket(
  domain: Domain,
  fields: { kind: string; status: string; title: string; priority?: string; phase?: string },
): Promise<string> {
  ticketNumber += 1;
  const key = `${domain.key}-${ticketNumber}`;
  await ctx.dataSource.query(
    `INSERT INTO ticket (domain_id, number, key, kind, title, phase, status, priority, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
    [
      domain.id,
      ticketNumber,
      key,
      fields.kind,
      fields.title,
      fields.phase ?? 'handoff',
      fields.status,
      fields.priority ?? 'medium',
    ],
  );
  return key;
}

describe('GET /domains/:key/review', () => {
  it('bundles criteria, the oddity series, open items, artifacts with caveats, sessions, current and past sign-offs', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx, 'viewer');
    const domain = await makeWeirdnessDomain(ctx, { stage: 'confidence', gateRound: 2 });
    const { user: dsLead } = await signedIn(ctx);
    await addMember(ctx, domain, dsLead, 'ds_lead');
    const session = await ticket(domain, { kind: 'session', status: 'done', title: 'Pairing on retention' });
    await ticket(domain, { kind: 'session', status: 'open', title: 'Second pairing' });
    const openRequest = await ticket(domain, {
      kind: 'request',
      status: 'in_progress',
      title: 'Add a cohort filter',
      priority: 'high',
    });
    await ticket(domain, { kind: 'task', status: 'done', title: 'Done task' });
    const artifact = await makeArtifactRow(ctx, domain, { name: 'Weekly retention' });
    await makeArtifactRow(ctx, domain, { name: 'Sessions', type: 'dataset' });
    const resolved = await makeInvestigation(ctx, domain, {
      status: 'resolved',
      rootCause: 'expected',
      resolution: 'Christmas',
      reportedAt: new Date('2026-06-01T10:00:00Z'),
      triagedAt: new Date('2026-06-01T12:00:00Z'),
      closedAt: new Date('2026-06-02T10:00:00Z'),
      artifactId: artifact.id,
    });
    const open = await makeInvestigation(ctx, domain, {
      status: 'triaged',
      severity: 'high',
      reportedAt: new Date('2026-06-09T10:00:00Z'),
    });
    await ctx.dataSource
      .getRepository(Caveat)
      .save({ artifactId: artifact.id, text: 'Dips every Dec 25', investigationId: resolved.id, authorId: dsLead.id });
    const current = await makeSignOff(ctx, domain, dsLead, { phase: 'confidence', round: 2, comment: 'looks good' });
    const pastRound = await makeSignOff(ctx, domain, dsLead, {
      phase: 'confidence',
      round: 1,
      decision: 'reject',
      comment: 'too many oddities',
    });
    const pastPhase = await makeSignOff(ctx, domain, dsLead, { phase: 'weirdness', round: 1, comment: 'ok' });

    const res = await request(ctx.app).get(`/api/v1/domains/${domain.key.toLowerCase()}/review`).set(auth).expect(200);
    const body = res.body;
    expect(body.domain).toEqual({ key: domain.key, name: domain.name, stage: 'confidence' });
    expect(body.criteria.map((c: { key: string }) => c.key)).toEqual([
      'no_open_investigations',
      'oddity_rate_not_rising',
    ]);
    expect(body.criteria.find((c: { key: string }) => c.key === 'no_open_investigations')).toMatchObject({
      value: 1,
      passed: false,
    });
    expect(body.oddity.domainKey).toBe(domain.key);
    expect(body.oddity.weeks).toHaveLength(12);
    expect(body.oddity.weeks[10]).toMatchObject({
      week: '2026-W23',
      newTotal: 1,
      resolved: 1,
      medianHoursToTriage: 2,
      medianHoursToResolve: 24,
    });
    expect(body.oddity.weeks[11]).toMatchObject({ week: '2026-W24', newTotal: 1, openAtWeekEnd: 1 });
    expect(body.openItems.investigations.map((i: { id: number }) => i.id)).toEqual([open.id]);
    expect(body.openItems.tickets.map((t: { key: string }) => t.key)).toEqual([openRequest, `${domain.key}-2`]);
    expect(body.openItems.tickets[0]).toMatchObject({ kind: 'request', priority: 'high', status: 'in_progress' });
    expect(body.artifacts).toHaveLength(2);
    const retention = body.artifacts.find((a: { id: string }) => a.id === artifact.id);
    expect(retention.caveats).toEqual([
      expect.objectContaining({
        text: 'Dips every Dec 25',
        investigationId: resolved.id,
        author: expect.objectContaining({ id: dsLead.id }),
      }),
    ]);
    expect(body.handoffSessions).toEqual([expect.objectContaining({ key: session, title: 'Pairing on retention' })]);
    expect(body.signOffs.map((s: { id: string }) => s.id)).toEqual([current.id]);
    expect(body.signOffs[0]).toMatchObject({
      role: 'ds_lead',
      decision: 'approve',
      round: 2,
      evidence: expect.objectContaining({ phase: 'confidence' }),
    });
    expect(body.pastDecisions.map((s: { id: string }) => s.id).sort()).toEqual([pastRound.id, pastPhase.id].sort());
    expect(body.pastDecisions.find((s: { id: string }) => s.id === pastRound.id)).toMatchObject({
      decision: 'reject',
      comment: 'too many oddities',
      evidence: expect.any(Object),
    });
  });

  it('401 without auth, 404 for an unknown domain; a certified domain has no criteria', async () => {
    const domain = await makeWeirdnessDomain(ctx, { stage: 'certified' });
    await request(ctx.app).get(`/api/v1/domains/${domain.key}/review`).expect(401);
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get(`/api/v1/domains/NOPE/review`).set(auth).expect(404);
    const res = await request(ctx.app).get(`/api/v1/domains/${domain.key}/review`).set(auth).expect(200);
    expect(res.body).toMatchObject({
      criteria: [],
      signOffs: [],
      pastDecisions: [],
      artifacts: [],
      handoffSessions: [],
    });
  });
});
