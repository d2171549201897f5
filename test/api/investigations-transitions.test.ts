import request from 'supertest';
import { INVESTIGATION_STATUSES, type InvestigationStatus } from '../../shared/api/enums';
import { allowedTransitions, type InvestigationTransition } from '../../shared/workflow/investigation';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
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
const repo = () => ctx.dataSource.getRepository(Investigation);
const move = (id: number) => `/api/v1/investigations/${id}/transitions`;

/** A request body that satisfies the target's required fields. */
function bodyFor(to: InvestigationTransition): Record<string, string> {
  if (to === 'resolved') return { to, rootCause: 'data_bug', resolution: 'A join dropped Sundays' };
  if (to === 'dismissed') return { to, reason: 'Duplicate of #1' };
  return { to };
}

const TARGETS: InvestigationTransition[] = [...INVESTIGATION_STATUSES, 'reopened'];

describe('POST /investigations/:id/transitions: the lifecycle table', () => {
  for (const from of INVESTIGATION_STATUSES) {
    for (const to of TARGETS) {
      const allowed = allowedTransitions(from).includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused with 409'}`, async () => {
        const { auth } = await signedIn(ctx);
        const domain = await makeWeirdnessDomain(ctx);
        const closed = from === 'resolved' || from === 'dismissed';
        const investigation = await makeInvestigation(ctx, domain, {
          status: from,
          closedAt: closed ? new Date() : null,
          rootCause: from === 'resolved' ? 'unknown' : null,
          resolution: from === 'resolved' ? 'old' : null,
        });
        const res = await request(ctx.app).post(move(investigation.id)).set(auth).send(bodyFor(to));
        const row = await repo().findOneByOrFail({ id: investigation.id });
        if (allowed) {
          expect(res.status).toBe(200);
          const landed: InvestigationStatus = to === 'reopened' ? 'reported' : to;
          expect(res.body.status).toBe(landed);
          expect(row.status).toBe(landed);
          expect(row.version).toBe(investigation.version + 1);
          expect(
            await ctx.dataSource
              .getRepository(AuditEvent)
              .countBy({ entityType: 'investigation', domainId: domain.id }),
          ).toBe(1);
        } else {
          expect(res.status).toBe(409);
          expect(res.body.code).toBe('invalid_transition');
          expect(res.body.allowed).toEqual(allowedTransitions(from));
          expect(row.status).toBe(from);
          expect(row.version).toBe(investigation.version);
        }
      });
    }
  }
});

describe('transition rules', () => {
  it('triage sets severity, investigator and triagedAt, and tells the investigator', async () => {
    const { auth } = await signedIn(ctx);
    const { user: investigator } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    const now = new Date('2026-03-04T10:00:00Z');
    ctx.setNow(now);
    const res = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'triaged', severity: 'low', investigatorId: investigator.id })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'triaged',
      severity: 'low',
      investigator: { id: investigator.id },
      triagedAt: now.toISOString(),
    });
    expect(await repo().findOneByOrFail({ id: investigation.id })).toMatchObject({
      severity: 'low',
      investigatorId: investigator.id,
      triagedAt: now,
    });
    expect(
      await ctx.dataSource.getRepository(Notification).countBy({ kind: 'assigned', userId: investigator.id }),
    ).toBe(1);
  });

  it('triage without an investigator is fine; an unknown investigator is 400', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    const bad = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'triaged', investigatorId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'investigatorId', message: expect.any(String) }]);
    expect((await repo().findOneByOrFail({ id: investigation.id })).status).toBe('reported');
    await request(ctx.app).post(move(investigation.id)).set(auth).send({ to: 'triaged' }).expect(200);
  });

  it('resolve needs a root cause and a resolution: one 400 entry per missing field', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain, { status: 'investigating' });
    const res = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', resolution: '  ' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['resolution', 'rootCause']);
    await ctx.dataSource.query(`UPDATE root_cause SET retired = true WHERE key = 'unknown'`);
    const unknownCause = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', rootCause: 'unknown', resolution: 'x' })
      .expect(400);
    expect(unknownCause.body.errors).toEqual([{ field: 'rootCause', message: expect.any(String) }]);
    await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', rootCause: 'nonsense', resolution: 'x' })
      .expect(400);
    expect((await repo().findOneByOrFail({ id: investigation.id })).status).toBe('investigating');
    const now = new Date('2026-03-05T12:00:00Z');
    ctx.setNow(now);
    await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', rootCause: 'data_bug', resolution: 'Fixed the ETL' })
      .expect(200);
    expect(await repo().findOneByOrFail({ id: investigation.id })).toMatchObject({
      status: 'resolved',
      rootCause: 'data_bug',
      resolution: 'Fixed the ETL',
      closedAt: now,
    });
  });

  it('dismiss needs a reason; fields that do not apply are refused', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    const missing = await request(ctx.app).post(move(investigation.id)).set(auth).send({ to: 'dismissed' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const extra = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'dismissed', reason: 'dup', rootCause: 'data_bug' })
      .expect(400);
    expect(extra.body.errors).toEqual([{ field: 'rootCause', message: expect.any(String) }]);
    await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'dismissed', reason: 'Duplicate' })
      .expect(200);
    expect(await repo().findOneByOrFail({ id: investigation.id })).toMatchObject({
      status: 'dismissed',
      dismissReason: 'Duplicate',
    });
  });

  it('401, 403 for viewers, 400 for an unknown target, 404 for an unknown investigation, 412 on a stale If-Match', async () => {
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    await request(ctx.app).post(move(investigation.id)).send({ to: 'triaged' }).expect(401);
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).post(move(investigation.id)).set(viewer.auth).send({ to: 'triaged' }).expect(403);
    const { auth } = await signedIn(ctx);
    const bad = await request(ctx.app).post(move(investigation.id)).set(auth).send({ to: 'done' }).expect(400);
    expect(bad.body.errors[0].field).toBe('to');
    await request(ctx.app).post(move(987654)).set(auth).send({ to: 'triaged' }).expect(404);
    const stale = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .set('If-Match', '7')
      .send({ to: 'triaged' })
      .expect(412);
    expect(stale.body.code).toBe('version_conflict');
    expect((await repo().findOneByOrFail({ id: investigation.id })).status).toBe('reported');
  });

  it('resolving as expected with a caveat writes a caveat on the artifact', async () => {
    const { auth, user } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const artifact = await makeArtifactRow(ctx, domain);
    const investigation = await makeInvestigation(ctx, domain, { status: 'triaged', artifactId: artifact.id });
    await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', rootCause: 'data_bug', resolution: 'x', caveat: 'Dips every Dec 25' })
      .expect(400);
    await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({
        to: 'resolved',
        rootCause: 'expected',
        resolution: 'Christmas',
        caveat: 'Weekly retention dips every Dec 25: real behaviour',
      })
      .expect(200);
    const caveats = await ctx.dataSource.getRepository(Caveat).find();
    expect(caveats).toEqual([
      expect.objectContaining({
        artifactId: artifact.id,
        investigationId: investigation.id,
        authorId: user.id,
        text: 'Weekly retention dips every Dec 25: real behaviour',
      }),
    ]);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'caveat.create', domainId: domain.id }),
    ).toBe(1);
  });

  it('a caveat without a linked artifact is 400', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain, { status: 'triaged' });
    const res = await request(ctx.app)
      .post(move(investigation.id))
      .set(auth)
      .send({ to: 'resolved', rootCause: 'definition', resolution: 'x', caveat: 'y' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'caveat', message: expect.any(String) }]);
    expect(await ctx.dataSource.getRepository(Caveat).count()).toBe(0);
  });

  it('reopen starts over in reported and marks sign-offs stale in the weirdness and confidence phases only', async () => {
    const { auth } = await signedIn(ctx);
    const { user: signer } = await signedIn(ctx);
    for (const stage of ['weirdness', 'confidence', 'handoff'] as const) {
      const domain = await makeWeirdnessDomain(ctx, { stage });
      const signOff = await makeSignOff(ctx, domain, signer);
      const investigation = await makeInvestigation(ctx, domain, {
        status: 'resolved',
        severity: 'low',
        rootCause: 'data_bug',
        resolution: 'fixed',
        triagedAt: new Date(),
        closedAt: new Date(),
      });
      const res = await request(ctx.app)
        .post(move(investigation.id))
        .set(auth)
        .send({ to: 'reopened', reason: 'It is back' })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'reported',
        rootCause: null,
        resolution: null,
        closedAt: null,
        triagedAt: null,
      });
      const after = await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: signOff.id });
      if (stage === 'handoff') expect(after.staleAt).toBeNull();
      else expect(after.staleReason).toMatch(/reopened/);
      expect(
        await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'investigation.reopen', domainId: domain.id }),
      ).toBe(1);
    }
    expect(
      await ctx.dataSource.getRepository(Notification).countBy({ kind: 'signoff_requested', userId: signer.id }),
    ).toBe(2);
  });

  it('reopening a high investigation on a certified domain puts it at risk', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx, { stage: 'certified' });
    const { user: lead } = await signedIn(ctx);
    await addMember(ctx, domain, lead, 'ds_lead');
    const investigation = await makeInvestigation(ctx, domain, {
      status: 'dismissed',
      severity: 'high',
      dismissReason: 'no',
      closedAt: new Date(),
    });
    await request(ctx.app).post(move(investigation.id)).set(auth).send({ to: 'reopened' }).expect(200);
    const after = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id });
    expect(after.atRisk).toBe(true);
    expect(await ctx.dataSource.getRepository(Notification).countBy({ kind: 'domain_at_risk', userId: lead.id })).toBe(
      1,
    );
  });
});
