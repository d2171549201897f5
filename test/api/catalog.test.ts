import request from 'supertest';
import type { CatalogEntryView } from '../../shared/api/catalog';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { makeArtifact, makeCaveat } from '../factories/artifacts';
import { addMember, makeDomain, makeDomainUser, makeInvestigationRow } from '../factories/domains';
import { makeSignOff } from '../factories/investigations';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

async function catalog(auth: Record<string, string>, query: Record<string, string | number> = {}) {
  const res = await request(ctx.app).get('/api/v1/catalog').query(query).set(auth).expect(200);
  return res.body as { items: CatalogEntryView[]; total: number; nextCursor: string | null };
}
const names = (page: { items: CatalogEntryView[] }) => page.items.map((entry) => entry.name);

/** One domain per trust status, one artifact in each. */
async function trustFixture() {
  const certified = await makeDomain(ctx, { key: 'CER', stage: 'certified' });
  const atRisk = await makeDomain(ctx, {
    key: 'RSK',
    stage: 'certified',
    atRisk: true,
    atRiskReason: 'New high investigation #4 "Revenue doubled"',
  });
  const weirdness = await makeDomain(ctx, { key: 'WEI', stage: 'weirdness' });
  const specs = await makeDomain(ctx, { key: 'SPE', stage: 'specs' });
  const a = {
    certified: await makeArtifact(ctx, { domain: certified, name: 'Certified revenue', status: 'ready' }),
    draftOfCertified: await makeArtifact(ctx, { domain: certified, name: 'Draft churn', status: 'draft' }),
    atRisk: await makeArtifact(ctx, { domain: atRisk, name: 'Risky revenue', status: 'ready' }),
    weirdness: await makeArtifact(ctx, { domain: weirdness, name: 'Weird sessions', status: 'ready' }),
    specs: await makeArtifact(ctx, { domain: specs, name: 'Early signups', status: 'draft' }),
    deprecated: await makeArtifact(ctx, { domain: certified, name: 'Old revenue', status: 'deprecated' }),
  };
  return { domains: { certified, atRisk, weirdness, specs }, a };
}

describe('GET /catalog', () => {
  it('401 signed out; viewers read every artifact of every domain, sorted by trust', async () => {
    await trustFixture();
    await request(ctx.app).get('/api/v1/catalog').expect(401);
    const viewer = await signedIn(ctx, 'viewer');
    const page = await catalog(viewer.auth);
    expect(page.total).toBe(6);
    expect(names(page)).toEqual([
      'Certified revenue',
      'Risky revenue',
      'Draft churn',
      'Weird sessions',
      'Early signups',
      'Old revenue',
    ]);
    expect(page.items.every((entry) => entry.can.report === false)).toBe(true);
  });

  it('derives every trust status from the domain and the artifact', async () => {
    await trustFixture();
    const { auth } = await signedIn(ctx);
    const byName = new Map((await catalog(auth)).items.map((entry) => [entry.name, entry]));
    expect(byName.get('Certified revenue')!.trust).toEqual({ status: 'certified', phase: null, reason: null });
    expect(byName.get('Risky revenue')!.trust).toEqual({
      status: 'at_risk',
      phase: null,
      reason: 'New high investigation #4 "Revenue doubled"',
    });
    expect(byName.get('Weird sessions')!.trust).toEqual({ status: 'in_progress', phase: 'weirdness', reason: null });
    expect(byName.get('Early signups')!.trust).toEqual({ status: 'in_progress', phase: 'specs', reason: null });
    expect(byName.get('Draft churn')!.trust).toMatchObject({ status: 'in_progress', phase: 'certified' });
    expect(byName.get('Old revenue')!.trust).toEqual({ status: 'deprecated', phase: null, reason: null });
    expect(byName.get('Certified revenue')!.can.report).toBe(true);
  });

  it('filters by type, domain, trust status and owner; 400 on bad filters', async () => {
    const { a, domains } = await trustFixture();
    const owner = await makeUser(ctx.dataSource, { name: 'Owner Olga' });
    await ctx.dataSource.query(`UPDATE artifact SET owner_id = $1 WHERE id = ANY($2::uuid[])`, [
      owner.id,
      [a.weirdness.id, a.deprecated.id],
    ]);
    await makeArtifact(ctx, { domain: domains.weirdness, type: 'dataset', name: 'Sessions table' });
    const { auth, user } = await signedIn(ctx);
    expect(names(await catalog(auth, { type: 'dataset' }))).toEqual(['Sessions table']);
    expect(names(await catalog(auth, { domain: 'wei' }))).toEqual(['Sessions table', 'Weird sessions']);
    expect(names(await catalog(auth, { trust: 'certified' }))).toEqual(['Certified revenue']);
    expect(names(await catalog(auth, { trust: 'at_risk' }))).toEqual(['Risky revenue']);
    expect(names(await catalog(auth, { trust: 'deprecated' }))).toEqual(['Old revenue']);
    expect(names(await catalog(auth, { trust: 'in_progress' }))).toEqual([
      'Draft churn',
      'Sessions table',
      'Weird sessions',
      'Early signups',
    ]);
    const owned = await catalog(auth, { owner: owner.id });
    expect(names(owned)).toEqual(['Weird sessions', 'Old revenue']);
    expect(owned.items[0].owner).toEqual({ id: owner.id, name: 'Owner Olga', email: owner.email });
    await ctx.dataSource.query(`UPDATE artifact SET owner_id = $1 WHERE id = $2`, [user.id, a.specs.id]);
    expect(names(await catalog(auth, { owner: 'me' }))).toEqual(['Early signups']);
    const bad = await request(ctx.app)
      .get('/api/v1/catalog')
      .query({ type: 'chart', trust: 'safe', owner: 'bob', domain: '1-x', limit: 0 })
      .set(auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'domain',
      'limit',
      'owner',
      'trust',
      'type',
    ]);
  });

  it('searches names, definitions, formulas and caveats; a name match outranks a caveat match', async () => {
    const domain = await makeDomain(ctx, { stage: 'weirdness' });
    const byCaveat = await makeArtifact(ctx, {
      domain,
      name: 'Daily sessions',
      details: { definition: 'Sessions a day' },
    });
    await makeCaveat(ctx, byCaveat, { text: 'Retention of bots is removed since March' });
    await makeArtifact(ctx, { domain, name: 'Weekly retention', details: { definition: 'Users back after a week' } });
    await makeArtifact(ctx, {
      domain,
      name: 'Active users',
      details: { definition: 'Distinct users', formula: 'count(distinct user_id) where retention_week = 1' },
    });
    await makeArtifact(ctx, { domain, name: 'Revenue', details: { definition: 'Money in' } });
    const { auth } = await signedIn(ctx);
    // a prefix is enough: "retent" finds retention in the name, the formula and a caveat
    const found = await catalog(auth, { q: 'retent' });
    expect(names(found)).toEqual(['Weekly retention', 'Active users', 'Daily sessions']);
    expect(found.total).toBe(3);
    // a caveat added later is searchable at once (kept in the same transaction)
    expect(names(await catalog(auth, { q: 'bots' }))).toEqual(['Daily sessions']);
    await request(ctx.app)
      .post(`/api/v1/artifacts/${(await findArtifact('Revenue')).id}/caveats`)
      .set(auth)
      .send({ text: 'Refunds from bots arrive a month late' })
      .expect(201);
    expect(names(await catalog(auth, { q: 'bots' })).sort()).toEqual(['Daily sessions', 'Revenue']);
    // an edited definition is searchable at once
    await ctx.dataSource.query(
      `UPDATE artifact SET details = '{"definition":"Money in, net of refunds"}' WHERE name = 'Revenue'`,
    );
    expect(names(await catalog(auth, { q: 'net refund' }))).toEqual(['Revenue']);
    expect((await catalog(auth, { q: '%%%' })).total).toBe(0);
    expect((await catalog(auth, { q: "o'reilly & | ! :*" })).total).toBe(0);
  });

  it('trust comes before relevance in the order', async () => {
    const certified = await makeDomain(ctx, { stage: 'certified' });
    const early = await makeDomain(ctx, { stage: 'scoping' });
    await makeArtifact(ctx, { domain: early, name: 'Retention', status: 'ready' });
    const weak = await makeArtifact(ctx, { domain: certified, name: 'Sessions', status: 'ready' });
    await makeCaveat(ctx, weak, { text: 'Retention cohorts start on Mondays' });
    const { auth } = await signedIn(ctx);
    expect(names(await catalog(auth, { q: 'retention' }))).toEqual(['Sessions', 'Retention']);
  });

  it('keyset-paginates every entry exactly once, with and without a search', async () => {
    const domains = [
      await makeDomain(ctx, { stage: 'certified' }),
      await makeDomain(ctx, { stage: 'handoff' }),
      await makeDomain(ctx, { stage: 'specs' }),
    ];
    for (let i = 0; i < 13; i++) {
      const artifact = await makeArtifact(ctx, {
        domain: domains[i % 3],
        name: `Metric ${String(i).padStart(2, '0')}`,
        status: i % 4 === 0 ? 'deprecated' : 'ready',
        details: { definition: i % 2 ? 'orders orders orders' : 'orders' },
      });
      if (i % 5 === 0) await makeCaveat(ctx, artifact, { text: 'orders are late' });
    }
    const { auth } = await signedIn(ctx);
    for (const q of [undefined, 'orders']) {
      const whole = await catalog(auth, { limit: 200, ...(q ? { q } : {}) });
      expect(whole.total).toBe(13);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await catalog(auth, { limit: 4, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(13);
        seen.push(...page.items.map((entry) => entry.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(whole.items.map((entry) => entry.id));
    }
    await request(ctx.app).get('/api/v1/catalog').query({ cursor: 'not-a-cursor' }).set(auth).expect(400);
  });

  it('each entry: caveats in full, open investigations, owner, leads, the last sign-off that covered it', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', name: 'Retention', stage: 'certified' });
    const owner = await makeUser(ctx.dataSource, { name: 'Omar Owner' });
    const artifact = await makeArtifact(ctx, {
      domain,
      name: 'Weekly retention',
      status: 'ready',
      ownerId: owner.id,
      details: { definition: 'Users active in week 1 and 2', formula: 'SELECT count(*) FROM w', grain: 'week' },
    });
    const longCaveat = `Dips every Dec 25. ${'x'.repeat(1500)}`;
    await makeCaveat(ctx, artifact, { text: longCaveat });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana Lead' });
    const pl = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Pat Product' });
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    await addMember(ctx, domain, pl.user, 'sponsor');
    await makeInvestigationRow(ctx, domain, { artifactId: artifact.id, title: 'Spike on Monday', severity: 'high' });
    await makeInvestigationRow(ctx, domain, { artifactId: artifact.id, title: 'Old one', status: 'resolved' });
    await makeInvestigationRow(ctx, domain, { title: 'Not about it' });
    const evidence = (version: number) => ({
      phase: 'confidence' as const,
      criteria: [
        { key: 'no_open_investigations' as const, label: 'x', value: 0, threshold: '= 0', passed: true, waived: false },
        { key: 'oddity_rate_not_rising' as const, label: 'y', value: 1, threshold: 'x', passed: false, waived: true },
      ],
      openItems: [],
      artifacts: [{ id: artifact.id, type: 'metric', name: artifact.name, version }],
      capturedAt: '2026-05-01T00:00:00.000Z',
    });
    await makeSignOff(ctx, domain, ds.user, { evidence: evidence(1), createdAt: new Date('2026-05-01T00:00:00Z') });
    await makeSignOff(ctx, domain, pl.user, {
      role: 'product_lead',
      evidence: evidence(1),
      comment: 'Looks right',
      createdAt: new Date('2026-05-02T00:00:00Z'),
    });
    // newer, but a rejection, and one that did not hold the artifact: neither covered it
    await makeSignOff(ctx, domain, ds.user, {
      decision: 'reject',
      comment: 'no',
      evidence: evidence(1),
      createdAt: new Date('2026-05-03T00:00:00Z'),
    });
    await makeSignOff(ctx, domain, ds.user, {
      evidence: { ...evidence(1), artifacts: [] },
      createdAt: new Date('2026-05-04T00:00:00Z'),
    });
    const viewer = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get(`/api/v1/catalog/${artifact.id}`).set(viewer.auth).expect(200);
    const entry = res.body as CatalogEntryView;
    expect(entry).toMatchObject({
      id: artifact.id,
      type: 'metric',
      name: 'Weekly retention',
      domain: { key: 'RET', name: 'Retention', stage: 'certified' },
      trust: { status: 'certified' },
      details: { definition: 'Users active in week 1 and 2', formula: 'SELECT count(*) FROM w', grain: 'week' },
      owner: { id: owner.id, name: 'Omar Owner' },
      openInvestigations: { total: 1, items: [{ title: 'Spike on Monday', severity: 'high', status: 'triaged' }] },
    });
    expect(entry.caveats.map((c) => c.text)).toEqual([longCaveat]);
    expect(entry.leads).toEqual([
      { id: ds.user.id, name: 'Dana Lead', email: ds.user.email, roles: ['ds_lead'] },
      { id: pl.user.id, name: 'Pat Product', email: pl.user.email, roles: ['product_lead'] },
    ]);
    expect(entry.leads.some((lead) => lead.id === contributor.user.id)).toBe(false);
    expect(entry.lastSignOff).toMatchObject({
      role: 'product_lead',
      signer: { id: pl.user.id, name: 'Pat Product' },
      signedAt: '2026-05-02T00:00:00.000Z',
      comment: 'Looks right',
      stale: false,
      artifactVersion: 1,
      changedSince: false,
      evidence: { criteriaPassed: 2, criteriaTotal: 2, openItems: 0 },
    });
    // the artifact changed after that sign-off
    await ctx.dataSource.query(`UPDATE artifact SET version = version + 1 WHERE id = $1`, [artifact.id]);
    const again = await request(ctx.app).get(`/api/v1/catalog/${artifact.id}`).set(viewer.auth).expect(200);
    expect(again.body.lastSignOff.changedSince).toBe(true);
    await request(ctx.app).get('/api/v1/catalog/00000000-0000-4000-8000-000000000000').set(viewer.auth).expect(404);
    await request(ctx.app).get('/api/v1/catalog/nope').set(viewer.auth).expect(404);
  });
});

describe('POST /artifacts/:id/reports ("this looks weird")', () => {
  const report = {
    title: 'Retention doubled overnight',
    observed: '80% on Monday',
    expected: 'About 40%',
    link: 'https://bi.example.test/d/7',
  };

  it('401, 403 for a viewer, 404 unknown, 400 per invalid field; nothing written', async () => {
    const domain = await makeDomain(ctx, { stage: 'weirdness' });
    const artifact = await makeArtifact(ctx, { domain });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    const path = `/api/v1/artifacts/${artifact.id}/reports`;
    await request(ctx.app).post(path).send(report).expect(401);
    await request(ctx.app).post(path).set(viewer.auth).send(report).expect(403);
    await request(ctx.app)
      .post('/api/v1/artifacts/00000000-0000-4000-8000-000000000000/reports')
      .set(member.auth)
      .send(report)
      .expect(404);
    const bad = await request(ctx.app)
      .post(path)
      .set(member.auth)
      .send({ title: ' ', observed: '', link: 'javascript:alert(1)' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['link', 'observed', 'title']);
    expect(await ctx.dataSource.getRepository(Investigation).count()).toBe(0);
    expect(await ctx.dataSource.getRepository(Ticket).count()).toBe(0);
  });

  it('after hand-off: a reported investigation linked to the artifact; the leads are told', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
    const artifact = await makeArtifact(ctx, { domain, name: 'Weekly retention' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const { auth, user } = await signedIn(ctx, 'member', { name: 'Omar' });
    const res = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/reports`)
      .set(auth)
      .send(report)
      .expect(201);
    expect(res.body).toMatchObject({ keptAs: 'investigation', ticketKey: null, domainKey: 'RET' });
    expect(res.headers.location).toBe(`/api/v1/investigations/${res.body.investigationId}`);
    const investigation = await ctx.dataSource
      .getRepository(Investigation)
      .findOneByOrFail({ id: res.body.investigationId });
    expect(investigation).toMatchObject({
      status: 'reported',
      artifactId: artifact.id,
      reporterId: user.id,
      title: 'Retention doubled overnight',
      expected: 'About 40%',
    });
    expect(investigation.observed).toBe('80% on Monday\n\nSeen at: https://bi.example.test/d/7');
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ userId: lead.user.id });
    expect(notes.map((n) => [n.kind, n.entityId])).toEqual([['investigation_reported', String(investigation.id)]]);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'investigation.create' })).toBe(1);
    const entry = await request(ctx.app).get(`/api/v1/catalog/${artifact.id}`).set(auth).expect(200);
    expect(entry.body.openInvestigations.total).toBe(1);
  });

  it('the reporter is told when it is resolved, with the resolution and the new caveat', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
    const artifact = await makeArtifact(ctx, { domain, name: 'Weekly retention' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana' });
    const reporter = await signedIn(ctx);
    const res = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/reports`)
      .set(reporter.auth)
      .send(report)
      .expect(201);
    const move = `/api/v1/investigations/${res.body.investigationId}/transitions`;
    await request(ctx.app).post(move).set(lead.auth).send({ to: 'triaged' }).expect(200);
    const inbox = () => ctx.dataSource.getRepository(Notification).findBy({ userId: reporter.user.id });
    expect(await inbox()).toEqual([]);
    await request(ctx.app)
      .post(move)
      .set(lead.auth)
      .send({ to: 'resolved', rootCause: 'expected', resolution: 'Holiday week', caveat: 'Dips every Dec 25' })
      .expect(200);
    const notes = await inbox();
    expect(notes.map((n) => [n.kind, n.entityId])).toEqual([
      ['investigation_closed', String(res.body.investigationId)],
    ]);
    expect(notes[0].message).toContain('Dana resolved');
    expect(notes[0].message).toContain('Holiday week');
    expect(notes[0].message).toContain('New caveat on the artifact: Dips every Dec 25');
    // the lead who resolved it is not told about their own move
    expect(
      await ctx.dataSource.getRepository(Notification).countBy({ userId: lead.user.id, kind: 'investigation_closed' }),
    ).toBe(0);
  });

  it('before hand-off: kept as a concern ticket linked to the artifact, never refused; the leads are told', async () => {
    const domain = await makeDomain(ctx, { key: 'EAR', stage: 'scoping' });
    const artifact = await makeArtifact(ctx, { domain, name: 'Signups' });
    const lead = await makeDomainUser(ctx, domain, ['product_lead']);
    const { auth, user } = await signedIn(ctx);
    const res = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/reports`)
      .set(auth)
      .send(report)
      .expect(201);
    expect(res.body).toMatchObject({ keptAs: 'ticket', investigationId: null, ticketKey: 'EAR-1', domainKey: 'EAR' });
    expect(res.headers.location).toBe('/api/v1/tickets/EAR-1');
    const ticket = await ctx.dataSource.getRepository(Ticket).findOneByOrFail({ key: 'EAR-1' });
    expect(ticket).toMatchObject({
      kind: 'concern',
      phase: 'scoping',
      status: 'open',
      reporterId: user.id,
      title: 'Retention doubled overnight',
      artifactIds: [artifact.id],
    });
    expect(ticket.body).toContain('80% on Monday');
    expect(ticket.body).toContain('About 40%');
    expect(ticket.body).toContain('https://bi.example.test/d/7');
    expect(await ctx.dataSource.getRepository(Investigation).count()).toBe(0);
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ userId: lead.user.id });
    expect(notes.map((n) => [n.kind, n.entityType, n.entityId])).toEqual([
      ['investigation_reported', 'ticket', 'EAR-1'],
    ]);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'ticket.create' })).toBe(1);
  });
});

async function findArtifact(name: string) {
  const [row]: { id: string }[] = await ctx.dataSource.query(`SELECT id FROM artifact WHERE name = $1`, [name]);
  return row;
}
