import request from 'supertest';
import { seedDemoData } from '../../server/demo/seed';
import { DEMO_PASSWORD } from '../../server/demo/demo-users';
import { sweepGates } from '../../server/modules/gates/certification.service';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { User } from '../../server/modules/users/user.entity';
import { addMember, makeDomain, makeDomainUser, makeInvestigationRow, satisfyCriteria } from '../factories/domains';
import { authAs, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;

interface Entry {
  kind: string;
  domainKey: string | null;
  readAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  message: string;
}

async function inbox(auth: Record<string, string>): Promise<Entry[]> {
  return (await request(ctx.app).get('/api/v1/inbox?limit=200').set(auth).expect(200)).body.items;
}

async function unread(auth: Record<string, string>): Promise<number> {
  return (await request(ctx.app).get('/api/v1/inbox/unread-count').set(auth).expect(200)).body.count;
}

function openRequests(entries: Entry[], domainKey: string): Entry[] {
  return entries.filter((e) => e.kind === 'signoff_requested' && e.domainKey === domainKey && !e.resolvedAt);
}

beforeEach(() => ctx.setNow(NOW));

describe('the inbox tells the truth about sign-offs', () => {
  it('in the demo, every gate the Reviews page shows waiting for someone has an open inbox item for them', async () => {
    expect(await seedDemoData(ctx.dataSource, NOW)).toBe(true);
    const users = await ctx.dataSource.getRepository(User).find();
    expect(DEMO_PASSWORD).toBeTruthy();
    let waitingSeen = 0;
    for (const user of users) {
      const auth = await authAs(ctx, user);
      const pending: { domainKey: string }[] = (
        await request(ctx.app).get('/api/v1/reviews/pending').set(auth).expect(200)
      ).body;
      const entries = await inbox(auth);
      for (const review of pending) {
        waitingSeen++;
        expect({
          user: user.email,
          domain: review.domainKey,
          open: openRequests(entries, review.domainKey).length,
        }).toEqual({ user: user.email, domain: review.domainKey, open: 1 });
      }
      // and nothing open is asked of them that Reviews does not show
      const asked = new Set(
        entries.filter((e) => e.kind === 'signoff_requested' && !e.resolvedAt).map((e) => e.domainKey),
      );
      expect([...asked].sort()).toEqual([...new Set(pending.map((p) => p.domainKey))].sort());
    }
    expect(waitingSeen).toBeGreaterThan(0);
    // Sam (the sponsor) is one of them
    const sam = users.find((u) => u.email === 'sam@cairn.test')!;
    const samAuth = await authAs(ctx, sam);
    const samPending = (await request(ctx.app).get('/api/v1/reviews/pending').set(samAuth).expect(200)).body;
    expect(samPending.length).toBeGreaterThan(0);
    expect(openRequests(await inbox(samAuth), samPending[0].domainKey)).toHaveLength(1);
  });

  it('a request resolves itself as signed: hidden from the unread count, listed as done', async () => {
    const domain = await makeDomain(ctx, {
      key: 'RET',
      stage: 'scoping',
      phaseEnteredAt: new Date(NOW.getTime() - DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    // A role given through the API asks the holder, as Reviews shows it.
    const lead = await signedIn(ctx, 'member');
    await addMember(ctx, domain, lead.user, 'contributor');
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${product.user.id}`)
      .set(ds.auth)
      .send({ roles: ['product_lead', 'contributor'] })
      .expect(200);
    // the lead who made the change is asked too: Reviews shows the gate waiting for them
    expect(openRequests(await inbox(ds.auth), 'RET')).toHaveLength(1);
    expect(openRequests(await inbox(product.auth), 'RET')).toHaveLength(1);
    expect(await unread(ds.auth)).toBe(1);

    await satisfyCriteria(ctx, domain);
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    const [done] = (await inbox(ds.auth)).filter((e) => e.kind === 'signoff_requested');
    expect(done).toMatchObject({ resolvedAt: NOW.toISOString(), resolution: 'signed', readAt: null });
    expect(await unread(ds.auth)).toBe(0);
    const unreadList = await request(ctx.app).get('/api/v1/inbox?unread=true').set(ds.auth).expect(200);
    expect(unreadList.body.total).toBe(0);
    const rows = await ctx.dataSource
      .getRepository(Notification)
      .findBy({ userId: ds.user.id, kind: 'signoff_requested' });
    expect(rows.map((r) => r.resolution)).toEqual(['signed']);
    // the product lead is still asked
    expect(openRequests(await inbox(product.auth), 'RET')).toHaveLength(1);
  });

  it('resolves as superseded when another holder fills the role, and as round_ended when the gate is passed', async () => {
    const domain = await makeDomain(ctx, { key: 'SUP', stage: 'specs', phaseEnteredAt: new Date(NOW.getTime() - DAY) });
    const first = await makeDomainUser(ctx, domain, ['ds_lead']);
    const second = await makeDomainUser(ctx, domain, ['ds_lead']);
    await satisfyCriteria(ctx, domain);
    // Both holders are asked by the sweep (their rows were written straight to the database).
    await sweepGates(ctx.deps);
    expect(openRequests(await inbox(first.auth), 'SUP')).toHaveLength(1);
    expect(openRequests(await inbox(second.auth), 'SUP')).toHaveLength(1);

    await request(ctx.app)
      .post('/api/v1/domains/SUP/signoffs')
      .set(first.auth)
      .send({ decision: 'approve' })
      .expect(201);
    expect((await inbox(second.auth)).map((e) => e.resolution)).toEqual(['superseded']);
    expect((await inbox(first.auth)).map((e) => e.resolution)).toEqual(['signed']);

    // A request open when the round ends resolves as round_ended; the next gate asks again.
    const third = await makeDomainUser(ctx, domain, ['contributor']);
    await request(ctx.app)
      .put(`/api/v1/domains/SUP/members/${third.user.id}`)
      .set(first.auth)
      .send({ roles: ['ds_lead'] })
      .expect(200);
    expect(openRequests(await inbox(third.auth), 'SUP')).toHaveLength(0);
    ctx.setNow(new Date(NOW.getTime() + 60_000));
    await request(ctx.app).post('/api/v1/domains/SUP/advance').set(first.auth).expect(200);
    const [next, before] = await inbox(first.auth);
    expect(before.resolution).toBe('signed');
    expect(next).toMatchObject({ kind: 'signoff_requested', resolvedAt: null });
    expect(next.message).toContain('Scoping');
  });
});

describe('risk changes reach everyone holding a role, viewers included', () => {
  it('a viewer sponsor hears when the domain falls at risk, and that item resolves when it recovers', async () => {
    const domain = await makeDomain(ctx, {
      key: 'EVT',
      stage: 'certified',
      certifiedAt: new Date(NOW.getTime() - 30 * DAY),
      phaseEnteredAt: new Date(NOW.getTime() - 30 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    const lee = await signedIn(ctx, 'viewer');
    await addMember(ctx, domain, lee.user, 'sponsor');
    await makeInvestigationRow(ctx, domain, { severity: 'low', status: 'resolved' });

    const created = await request(ctx.app)
      .post('/api/v1/domains/EVT/investigations')
      .set(product.auth)
      .send({ title: 'Events doubled', observed: 'Twice the events since Monday', severity: 'critical' })
      .expect(201);
    const atRisk = (await inbox(lee.auth)).filter((e) => e.kind === 'domain_at_risk');
    expect(atRisk).toHaveLength(1);
    expect(atRisk[0]).toMatchObject({ domainKey: 'EVT', resolvedAt: null });
    // before, only the leads heard of it
    expect((await inbox(ds.auth)).map((e) => e.kind)).toContain('domain_at_risk');
    expect(await unread(lee.auth)).toBe(1);

    await request(ctx.app)
      .post('/api/v1/domains/EVT/risk/acknowledge')
      .set(product.auth)
      .send({ note: 'On it' })
      .expect(200);
    await ctx.dataSource.query(`UPDATE investigation SET status = 'resolved' WHERE id = $1`, [created.body.id]);
    ctx.setNow(new Date(NOW.getTime() + DAY));
    await request(ctx.app)
      .post('/api/v1/domains/EVT/reconfirm')
      .set(ds.auth)
      .send({ comment: 'Deduplicated' })
      .expect(200);

    const entries = await inbox(lee.auth);
    expect(entries.map((e) => [e.kind, e.resolution])).toEqual([
      ['domain_recovered', null],
      ['domain_at_risk', 'recovered'],
    ]);
    expect(entries[0].message).toContain('trusted again');
    expect(await unread(lee.auth)).toBe(1);
  });
});
