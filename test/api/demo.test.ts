import request from 'supertest';
import { IsNull, Like, Not } from 'typeorm';
import { DOMAIN_STAGES } from '../../shared/api/enums';
import { requiredRoles } from '../../shared/workflow/definition';
import { seedDemoData } from '../../server/demo/seed';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { DomainMember } from '../../server/modules/domains/domain-member.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Waiver } from '../../server/modules/gates/waiver.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { User } from '../../server/modules/users/user.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { DEMO_PASSWORD } from '../../server/demo/demo-users';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

async function seed(): Promise<void> {
  ctx.setNow(NOW);
  expect(await seedDemoData(ctx.dataSource, NOW)).toBe(true);
}

async function domainByKey(key: string): Promise<Domain> {
  return ctx.dataSource.getRepository(Domain).findOneByOrFail({ key });
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = [
    'domain',
    'domain_member',
    'ticket',
    'artifact',
    'caveat',
    'investigation',
    'sign_off',
    'comment',
    'audit_event',
    'notification',
    '"user"',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('demo data', () => {
  it('covers every stage with at least six domains, one certified, BILL passed all five gates', async () => {
    await seed();
    const domains = await ctx.dataSource.getRepository(Domain).find();
    expect(domains.length).toBeGreaterThanOrEqual(6);
    expect(new Set(domains.map((d) => d.stage))).toEqual(new Set(DOMAIN_STAGES));
    const bill = await domainByKey('BILL');
    expect(bill.stage).toBe('certified');
    const advances = await ctx.dataSource
      .getRepository(AuditEvent)
      .find({ where: { domainId: bill.id, action: 'domain.advance' }, order: { id: 'ASC' } });
    expect(advances.map((e) => (e.after as { stage: string }).stage)).toEqual([
      'scoping',
      'handoff',
      'weirdness',
      'confidence',
      'certified',
    ]);
    // a certified domain fell at risk after a critical oddity; an admin waiver is in its history
    const evt = await domainByKey('EVT');
    expect(evt).toMatchObject({ stage: 'certified', atRisk: true });
    expect(evt.atRiskReason).toMatch(/^New critical investigation #\d+ /);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ domainId: evt.id, action: 'domain.at_risk' })).toBe(
      1,
    );
    expect(await ctx.dataSource.getRepository(Waiver).countBy({ domainId: evt.id, phase: 'scoping' })).toBe(1);
    const price = await domainByKey('PRICE');
    expect(price.held).toBe(true);
    expect(price.holdReason).toBeTruthy();
    // one domain stalled: no activity for over 30 days
    expect(domains.some((d) => !d.held && NOW.getTime() - d.lastActivityAt.getTime() > 30 * DAY_MS)).toBe(true);
  });

  it('every passed gate has an approval from each required role, in the round it was passed', async () => {
    await seed();
    const domains = await ctx.dataSource.getRepository(Domain).find();
    for (const domain of domains) {
      const members = await ctx.dataSource.getRepository(DomainMember).findBy({ domainId: domain.id });
      const hasSponsor = members.some((m) => m.role === 'sponsor');
      const events = await ctx.dataSource
        .getRepository(AuditEvent)
        .find({ where: { domainId: domain.id }, order: { id: 'ASC' } });
      const signOffs = await ctx.dataSource.getRepository(SignOff).findBy({ domainId: domain.id });
      for (const advance of events.filter((e) => e.action === 'domain.advance')) {
        const phase = (advance.before as { stage: string }).stage as Parameters<typeof requiredRoles>[0];
        for (const role of requiredRoles(phase, hasSponsor)) {
          const approvals = signOffs.filter(
            (s) =>
              s.phase === phase &&
              s.role === role &&
              s.decision === 'approve' &&
              !s.staleAt &&
              !s.supersededAt &&
              s.createdAt <= advance.at,
          );
          expect({ domain: domain.key, phase, role, approved: approvals.length > 0 }).toEqual({
            domain: domain.key,
            phase,
            role,
            approved: true,
          });
        }
      }
      for (const s of signOffs) {
        expect(s.evidence.phase).toBe(s.phase);
        expect(s.evidence.criteria.length).toBeGreaterThan(0);
        expect(s.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
    }
  });

  it('has one stale sign-off (RET confidence), a rejected one, and GROW recycled with scoping in round 2', async () => {
    await seed();
    const stale = await ctx.dataSource
      .getRepository(SignOff)
      .createQueryBuilder('s')
      .where('s.stale_at IS NOT NULL')
      .getMany();
    expect(stale).toHaveLength(1);
    const ret = await domainByKey('RET');
    expect(ret.stage).toBe('confidence');
    expect(stale[0]).toMatchObject({
      domainId: ret.id,
      phase: 'confidence',
      role: 'product_lead',
      decision: 'approve',
    });
    expect(stale[0].staleReason).toMatch(/high investigation/i);
    expect(
      await ctx.dataSource
        .getRepository(Investigation)
        .countBy({ domainId: ret.id, severity: 'high', status: 'investigating' }),
    ).toBeGreaterThanOrEqual(1);

    const rejected = await ctx.dataSource.getRepository(SignOff).findBy({ decision: 'reject' });
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.every((s) => s.comment.length > 0)).toBe(true);

    const grow = await domainByKey('GROW');
    expect(grow.stage).toBe('weirdness');
    expect(grow.gateRound).toBe(2);
    const recycle = await ctx.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ domainId: grow.id, action: 'domain.recycle' });
    expect(recycle.after).toMatchObject({ stage: 'scoping' });
    expect((recycle.after as { reason: string }).reason).toMatch(/new data must be collected/);
    expect(
      await ctx.dataSource.getRepository(SignOff).countBy({ domainId: grow.id, phase: 'scoping', round: 2 }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('ticket keys run 1..ticketSeq without gaps in every domain', async () => {
    await seed();
    for (const domain of await ctx.dataSource.getRepository(Domain).find()) {
      const tickets = await ctx.dataSource
        .getRepository(Ticket)
        .find({ where: { domainId: domain.id }, order: { number: 'ASC' } });
      expect(tickets.length).toBeGreaterThan(0);
      expect(tickets.map((t) => t.number)).toEqual(tickets.map((_, i) => i + 1));
      expect(tickets.map((t) => t.key)).toEqual(tickets.map((_, i) => `${domain.key}-${i + 1}`));
      expect(domain.ticketSeq).toBe(tickets.length);
    }
  });

  it('investigations rise after hand-off and fall toward confidence, with caveats and follow-ups', async () => {
    await seed();
    const rows: { key: string; n: number }[] = await ctx.dataSource.query(
      `SELECT d.key, count(*)::int AS n FROM investigation i JOIN domain d ON d.id = i.domain_id GROUP BY d.key`,
    );
    expect(rows.filter((r) => r.n > 0).length).toBeGreaterThanOrEqual(3);
    const advanceAt = async (domain: Domain, stage: string) => {
      const events = await ctx.dataSource
        .getRepository(AuditEvent)
        .find({ where: { domainId: domain.id, action: 'domain.advance' }, order: { id: 'DESC' } });
      return events.find((e) => (e.after as { stage: string }).stage === stage)!.at;
    };
    const reportedBetween = async (domain: Domain, from: Date, to: Date) =>
      (await ctx.dataSource.getRepository(Investigation).findBy({ domainId: domain.id })).filter(
        (i) => i.reportedAt > from && i.reportedAt <= to,
      ).length;
    const weeksAfter = (at: Date, weeks: number) => new Date(at.getTime() + weeks * 7 * DAY_MS);
    for (const key of ['BILL', 'RET']) {
      const domain = await domainByKey(key);
      const handoff = await advanceAt(domain, 'handoff');
      const confidence = await advanceAt(domain, 'confidence');
      const rise = await reportedBetween(domain, handoff, weeksAfter(handoff, 4));
      const calm = await reportedBetween(domain, weeksAfter(confidence, -4), confidence);
      expect(rise).toBeGreaterThanOrEqual(6);
      expect(calm * 3).toBeLessThanOrEqual(rise);
    }
    const grow = await domainByKey('GROW');
    const growHandoff = await advanceAt(grow, 'weirdness');
    expect(await reportedBetween(grow, weeksAfter(NOW, -2), NOW)).toBeGreaterThan(
      await reportedBetween(grow, growHandoff, weeksAfter(growHandoff, 2)),
    );
    const bill = await domainByKey('BILL');
    expect(await ctx.dataSource.getRepository(Investigation).countBy({ domainId: bill.id, status: 'reported' })).toBe(
      0,
    );
    const resolved = await ctx.dataSource.getRepository(Investigation).findBy({ status: 'resolved' });
    expect(resolved.every((i) => i.rootCause && i.resolution && i.closedAt && i.triagedAt)).toBe(true);
    const caveats = await ctx.dataSource.getRepository(Caveat).find();
    expect(caveats.some((c) => /Dec 25/.test(c.text) && c.investigationId !== null)).toBe(true);
    for (const caveat of caveats) {
      expect(await ctx.dataSource.getRepository(Artifact).existsBy({ id: caveat.artifactId })).toBe(true);
      if (caveat.investigationId !== null) {
        const source = await ctx.dataSource
          .getRepository(Investigation)
          .findOneByOrFail({ id: caveat.investigationId });
        expect(['expected', 'definition']).toContain(source.rootCause);
      }
    }
    const followUps = await ctx.dataSource
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.investigation_id IS NOT NULL')
      .getCount();
    expect(followUps).toBeGreaterThanOrEqual(3);
  });

  it('writes a dated timeline per domain, in order, and inbox entries for dana and priya', async () => {
    await seed();
    // the demo users are created at the real time of start; the story's events are dated in the past
    const events = (await ctx.dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } })).filter(
      (e) => e.domainId !== null,
    );
    expect(events.length).toBeGreaterThan(100);
    expect(events.length).toBeLessThan(1500);
    for (let i = 1; i < events.length; i++)
      expect(events[i].at.getTime()).toBeGreaterThanOrEqual(events[i - 1].at.getTime());
    expect(events.every((e) => e.at.getTime() <= NOW.getTime())).toBe(true);
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'domain.create',
      'domain.member.set',
      'ticket.create',
      'ticket.update',
      'artifact.create',
      'signoff.create',
      'domain.advance',
      'domain.recycle',
      'domain.hold',
      'investigation.create',
      'investigation.triaged',
      'investigation.investigating',
      'investigation.resolved',
      'investigation.dismissed',
      'caveat.create',
      'comment.create',
    ]) {
      expect(actions).toContain(action);
    }
    for (const domain of await ctx.dataSource.getRepository(Domain).find()) {
      const timeline = events.filter((e) => e.domainId === domain.id);
      expect(timeline[0].action).toBe('domain.create');
      expect(timeline[0].at.getTime()).toBe(domain.createdAt.getTime());
      expect(timeline.at(-1)!.at.getTime()).toBe(domain.lastActivityAt.getTime());
    }
    const users = await ctx.dataSource.getRepository(User).find();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const notifications = await ctx.dataSource.getRepository(Notification).find();
    expect(
      notifications.some((n) => n.userId === byEmail.get('dana@cairn.test')!.id && n.kind === 'investigation_reported'),
    ).toBe(true);
    expect(
      notifications.some((n) => n.userId === byEmail.get('priya@cairn.test')!.id && n.kind === 'signoff_requested'),
    ).toBe(true);
  });

  it('names investigations by their real ids everywhere (reasons, messages, audit, evidence)', async () => {
    await seed();
    const leaks: { n: number }[] = await ctx.dataSource.query(`
      SELECT (SELECT count(*) FROM audit_event WHERE before::text LIKE '%#null%' OR after::text LIKE '%#null%' OR entity_id = 'null')
           + (SELECT count(*) FROM notification WHERE message LIKE '%#null%' OR entity_id = 'null')
           + (SELECT count(*) FROM sign_off WHERE stale_reason LIKE '%#null%' OR evidence::text LIKE '%#null%')
           + (SELECT count(*) FROM domain WHERE at_risk_reason LIKE '%#null%')
           + (SELECT count(*) FROM comment WHERE subject_id = 'null') AS n`);
    expect(Number(leaks[0].n)).toBe(0);
    const [stale] = await ctx.dataSource.getRepository(SignOff).find({ where: { staleAt: Not(IsNull()) } });
    const id = Number(/#(\d+)/.exec(stale.staleReason ?? '')?.[1]);
    expect(await ctx.dataSource.getRepository(Investigation).findOneByOrFail({ id })).toMatchObject({
      severity: 'high',
    });
  });

  it('tells the confidence story: BILL rose after hand-off and decayed, RET is weeks away, SUP has too little data', async () => {
    await seed();
    const { auth } = await signedIn(ctx, 'viewer');
    const confidence = async (key: string) =>
      (await request(ctx.app).get(`/api/v1/domains/${key}/confidence`).set(auth).expect(200)).body;
    const bill = await confidence('BILL');
    const counts: number[] = bill.weeks.map((w: { count: number }) => w.count);
    const peak = Math.max(...counts);
    expect(counts.indexOf(peak)).toBeGreaterThan(0); // a rise after hand-off…
    expect(counts.slice(-4).every((n) => n < peak)).toBe(true); // …and its decay
    expect(bill.forecast).toMatchObject({ status: 'ok', reached: true });
    const ret = await confidence('RET');
    expect(ret.forecast).toMatchObject({ status: 'ok', reached: false });
    expect(ret.forecast.weeksFromNow).toBeGreaterThan(1);
    expect(ret.forecast.weeksFromNow).toBeLessThan(26);
    const sup = await confidence('SUP');
    expect(sup.forecast).toMatchObject({ status: 'insufficient', reason: expect.stringMatching(/the fit needs/) });
  });

  it('a second call changes nothing and returns false', async () => {
    await seed();
    const before = await tableCounts();
    expect(await seedDemoData(ctx.dataSource, NOW)).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it('the demo logins work and the read endpoints answer on the seeded data', async () => {
    await seed();
    const login = async (email: string) => {
      const res = await request(ctx.app)
        .post('/api/v1/auth/login')
        .set('x-cairn-csrf', '1')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200);
      return String(res.headers['set-cookie']).split(';')[0];
    };
    const dana = await login('dana@cairn.test');
    const get = (path: string, cookie = dana) =>
      request(ctx.app).get(`/api/v1${path}`).set('Cookie', cookie).expect(200);

    const domains = await get('/domains?limit=200');
    expect(domains.body.total).toBe(await ctx.dataSource.getRepository(Domain).count());
    const board = new Map<string, { stage: string; stalled: boolean; held: boolean }>(
      domains.body.items.map((d: { key: string }) => [d.key, d]),
    );
    expect(board.get('BILL')!.stage).toBe('certified');
    expect(board.get('ONB')!.stalled).toBe(true);
    expect(board.get('PRICE')!.held).toBe(true);

    for (const key of board.keys()) {
      const domain = await domainByKey(key);
      await get(`/domains/${key}`);
      await get(`/domains/${key}/gate`);
      const events = await get(`/domains/${key}/events?limit=200`);
      expect(events.body.total).toBe(await ctx.dataSource.getRepository(AuditEvent).countBy({ domainId: domain.id }));
      const tickets = await get(`/domains/${key}/tickets?limit=200`);
      expect(tickets.body.total).toBe(domain.ticketSeq);
      await get(`/domains/${key}/investigations`);
      const artifacts = await get(`/domains/${key}/artifacts?limit=200`);
      expect(artifacts.body.total).toBe(await ctx.dataSource.getRepository(Artifact).countBy({ domainId: domain.id }));
      await get(`/domains/${key}/oddity-rate?weeks=12`);
    }
    await get('/tickets/BILL-1');
    // every comment is listed under its ticket or investigation
    const comments = await ctx.dataSource.getRepository(Comment).find();
    expect(comments.length).toBeGreaterThanOrEqual(10);
    for (const [subject, expected] of countBy(comments.map((c) => `${c.subjectType}:${c.subjectId}`))) {
      const [type, id] = subject.split(':');
      const path =
        type === 'ticket'
          ? `/tickets/${(await ctx.dataSource.getRepository(Ticket).findOneByOrFail({ id })).key}/comments`
          : `/investigations/${id}/comments`;
      const body = (await get(path)).body;
      expect((Array.isArray(body) ? body : body.items).length).toBe(expected);
    }
    await get('/domains/RET/review');
    // caveats come with their artifact
    const dec25 = await ctx.dataSource.getRepository(Caveat).findOneByOrFail({ text: Like('%Dec 25%') });
    const weekly = await get(`/artifacts/${dec25.artifactId}`);
    expect(JSON.stringify(weekly.body.caveats)).toContain('Dec 25');

    // the gate shows the stale sign-off on RET and the pending one on SUP
    const ret = await get('/domains/RET/gate');
    expect(ret.body.blocking).toContainEqual({ code: 'signoff_stale', role: 'product_lead' });
    const sup = await get('/domains/SUP/gate');
    expect(sup.body.blocking).toEqual([{ code: 'signoff_missing', role: 'product_lead' }]);

    const investigations = await get('/investigations?limit=200');
    expect(investigations.body.total).toBe(await ctx.dataSource.getRepository(Investigation).count());
    expect((await get('/inbox', dana)).body.total).toBeGreaterThanOrEqual(1);
    expect((await get('/inbox', await login('priya@cairn.test'))).body.total).toBeGreaterThanOrEqual(1);
    const audit = await get('/audit', await login('admin@cairn.test'));
    expect(audit.body.total).toBeGreaterThan(100);
  });
});

describe('demo gates', () => {
  it("GROW's gate since the recycle requires its sponsor, and lee (a viewer) may sign it", async () => {
    await seed();
    const login = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set('X-Requested-With', 'cairn')
      .send({ email: 'lee@cairn.test', password: DEMO_PASSWORD });
    const cookie = login.headers['set-cookie'];
    const gate = await request(ctx.app).get('/api/v1/domains/GROW/gate').set('Cookie', cookie).expect(200);
    expect(gate.body.additions).toEqual([expect.objectContaining({ kind: 'role', value: 'sponsor' })]);
    expect(gate.body.can.signAs).toEqual(['sponsor']);
    const rounds = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM gate_round`);
    expect(rounds[0].n).toBeGreaterThan(0);
  });
});
