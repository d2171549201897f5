import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { notify } from '../../server/modules/inbox/notify';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { Webhook } from '../../server/modules/webhooks/webhook.entity';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { signedIn } from '../factories/users';
import { makeDelivery, makeWebhook } from '../factories/webhooks';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('webhooks: registration (admin only)', () => {
  it('creates a webhook, shows the secret once, then only masked', async () => {
    const admin = await signedIn(ctx, 'admin');
    const res = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({
        url: 'https://hooks.example.test/cairn',
        secret: 'a-very-long-secret-1234',
        eventTypes: ['assigned', 'mentioned'],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      url: 'https://hooks.example.test/cairn',
      secret: 'a-very-long-secret-1234',
      secretHint: '••••1234',
      eventTypes: ['assigned', 'mentioned'],
      active: true,
    });
    const stored = await ctx.dataSource.getRepository(Webhook).findOneByOrFail({ id: res.body.id });
    expect(stored).toMatchObject({ secret: 'a-very-long-secret-1234', eventTypes: ['assigned', 'mentioned'] });

    const list = await request(ctx.app).get('/api/v1/webhooks').set(admin.auth).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, secretHint: '••••1234' });
    expect(list.body.items[0].secret).toBeUndefined();

    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'webhook.create' });
    expect(audit).toMatchObject({ actorId: admin.user.id, entityType: 'webhook', entityId: res.body.id });
    expect(JSON.stringify(audit.after)).not.toContain('a-very-long-secret-1234');
  });

  it('generates a secret when none is given', async () => {
    const admin = await signedIn(ctx, 'admin');
    const res = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: 'http://localhost:8080/x', eventTypes: ['domain_at_risk'] })
      .expect(201);
    // Standard Webhooks: whsec_ and the base64 of 32 random bytes
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect((await ctx.dataSource.getRepository(Webhook).findOneByOrFail({ id: res.body.id })).secret).toBe(
      res.body.secret,
    );
  });

  it('lists newest first with keyset pages', async () => {
    const admin = await signedIn(ctx, 'admin');
    for (let i = 0; i < 3; i++)
      await makeWebhook(ctx.dataSource, {
        url: `http://127.0.0.1:9/${i}`,
        createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
      });
    const first = await request(ctx.app).get('/api/v1/webhooks?limit=2').set(admin.auth).expect(200);
    expect(first.body.items.map((w: { url: string }) => w.url)).toEqual([
      'http://127.0.0.1:9/2',
      'http://127.0.0.1:9/1',
    ]);
    const second = await request(ctx.app)
      .get(`/api/v1/webhooks?limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body.items.map((w: { url: string }) => w.url)).toEqual(['http://127.0.0.1:9/0']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('PATCH changes fields and rotates the secret; the audit log never holds it', async () => {
    const admin = await signedIn(ctx, 'admin');
    const webhook = await makeWebhook(ctx.dataSource);
    const res = await request(ctx.app)
      .patch(`/api/v1/webhooks/${webhook.id}`)
      .set(admin.auth)
      .send({ active: false, eventTypes: ['mentioned'], secret: 'rotated-secret-abcdef' })
      .expect(200);
    expect(res.body).toMatchObject({ active: false, eventTypes: ['mentioned'], secretHint: '••••cdef' });
    expect(res.body.secret).toBeUndefined();
    expect(await ctx.dataSource.getRepository(Webhook).findOneByOrFail({ id: webhook.id })).toMatchObject({
      active: false,
      secret: 'rotated-secret-abcdef',
    });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'webhook.update' });
    expect(audit.after).toMatchObject({ active: false, secretRotated: true });
    expect(JSON.stringify([audit.before, audit.after])).not.toMatch(/secret-/);
    await request(ctx.app).patch(`/api/v1/webhooks/${MISSING}`).set(admin.auth).send({ active: true }).expect(404);
  });

  it('DELETE removes the webhook and its delivery log', async () => {
    const admin = await signedIn(ctx, 'admin');
    const webhook = await makeWebhook(ctx.dataSource);
    const kept = await makeWebhook(ctx.dataSource);
    await makeDelivery(ctx.dataSource, webhook.id);
    await makeDelivery(ctx.dataSource, kept.id);
    await request(ctx.app).delete(`/api/v1/webhooks/${webhook.id}`).set(admin.auth).expect(204);
    expect(await ctx.dataSource.getRepository(Webhook).existsBy({ id: webhook.id })).toBe(false);
    expect(await ctx.dataSource.getRepository(WebhookDelivery).countBy({ webhookId: webhook.id })).toBe(0);
    expect(await ctx.dataSource.getRepository(WebhookDelivery).countBy({ webhookId: kept.id })).toBe(1);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'webhook.delete', entityId: webhook.id }),
    ).toBe(1);
    await request(ctx.app).delete(`/api/v1/webhooks/${webhook.id}`).set(admin.auth).expect(404);
  });

  it('lists a webhook’s deliveries newest first, filtered by status; unknown webhook → 404', async () => {
    const admin = await signedIn(ctx, 'admin');
    const webhook = await makeWebhook(ctx.dataSource);
    await makeDelivery(ctx.dataSource, webhook.id, {
      status: 'failed',
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    const ok = await makeDelivery(ctx.dataSource, webhook.id, { createdAt: new Date('2026-01-02T00:00:00Z') });
    await makeDelivery(ctx.dataSource, (await makeWebhook(ctx.dataSource)).id);
    const all = await request(ctx.app).get(`/api/v1/webhooks/${webhook.id}/deliveries`).set(admin.auth).expect(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items[0]).toMatchObject({
      id: ok.id,
      webhookId: webhook.id,
      eventType: 'assigned',
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(all.body.items[0].payload).toMatchObject({ type: 'assigned', entityId: 'RET-1' });
    const failed = await request(ctx.app)
      .get(`/api/v1/webhooks/${webhook.id}/deliveries?status=failed`)
      .set(admin.auth)
      .expect(200);
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0]).toMatchObject({ status: 'failed', lastError: 'HTTP 500' });
    await request(ctx.app).get(`/api/v1/webhooks/${MISSING}/deliveries`).set(admin.auth).expect(404);
  });

  it('notify() writes one delivery per subscribed active webhook per event, whatever the number of recipients', async () => {
    const a = await signedIn(ctx);
    const b = await signedIn(ctx);
    const subscribed = await makeWebhook(ctx.dataSource, { eventTypes: ['assigned'] });
    await makeWebhook(ctx.dataSource, { eventTypes: ['mentioned'] });
    await makeWebhook(ctx.dataSource, { eventTypes: ['assigned'], active: false });
    await ctx.dataSource.transaction(async (tx) => {
      await notify(tx, [a.user.id, b.user.id, a.user.id], {
        kind: 'assigned',
        domainId: null,
        entityType: 'ticket',
        entityId: 'RET-7',
        message: 'Assigned RET-7',
        at: new Date('2026-03-01T10:00:00.000Z'),
      });
    });
    const deliveries = await ctx.dataSource.getRepository(WebhookDelivery).find();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      webhookId: subscribed.id,
      eventType: 'assigned',
      status: 'pending',
      attempts: 0,
      jobId: null,
    });
    expect(deliveries[0].payload).toMatchObject({
      type: 'assigned',
      entityType: 'ticket',
      entityId: 'RET-7',
      message: 'Assigned RET-7',
      domainKey: null,
      // the caller's clock, not the machine's
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect([...deliveries[0].payload.recipientIds].sort()).toEqual([a.user.id, b.user.id].sort());
  });

  it('a real flow: assigning a ticket through the API fills the inbox and writes one delivery with the domain key', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const author = await makeDomainUser(ctx, domain, ['contributor']);
    const assignee = await makeDomainUser(ctx, domain, ['contributor']);
    const webhook = await makeWebhook(ctx.dataSource, { eventTypes: ['assigned'] });
    await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(author.auth)
      .send({ kind: 'problem', title: 'Null store ids', assigneeId: assignee.user.id })
      .expect(201);
    const inbox = await request(ctx.app).get('/api/v1/inbox').set(assignee.auth).expect(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'assigned',
      domainKey: 'RET',
      entityType: 'ticket',
      entityId: 'RET-1',
      readAt: null,
    });
    const deliveries = await ctx.dataSource.getRepository(WebhookDelivery).findBy({ webhookId: webhook.id });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].payload).toMatchObject({
      type: 'assigned',
      domainId: domain.id,
      domainKey: 'RET',
      entityId: 'RET-1',
      recipientIds: [assignee.user.id],
    });
  });

  it('an event whose transaction rolls back leaves no delivery', async () => {
    const a = await signedIn(ctx);
    await makeWebhook(ctx.dataSource);
    await expect(
      ctx.dataSource.transaction(async (tx) => {
        await notify(tx, [a.user.id], {
          kind: 'mentioned',
          domainId: null,
          at: new Date(),
          entityType: 'comment',
          entityId: 'c1',
          message: 'hi',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ctx.dataSource.getRepository(WebhookDelivery).count()).toBe(0);
  });

  describe('401 / 403 / 400 on every route', () => {
    const routes = (id: string, deliveryId: string) =>
      [
        ['get', '/api/v1/webhooks'],
        ['post', '/api/v1/webhooks'],
        ['patch', `/api/v1/webhooks/${id}`],
        ['delete', `/api/v1/webhooks/${id}`],
        ['get', `/api/v1/webhooks/${id}/deliveries`],
        ['post', `/api/v1/webhooks/deliveries/${deliveryId}/redeliver`],
      ] as const;

    it('unauthenticated → 401, member → 403, and nothing changes', async () => {
      const webhook = await makeWebhook(ctx.dataSource);
      const delivery = await makeDelivery(ctx.dataSource, webhook.id);
      const member = await signedIn(ctx, 'member');
      const body = { url: 'http://x.test/', eventTypes: ['assigned'] };
      for (const [method, path] of routes(webhook.id, delivery.id)) {
        const agent = request(ctx.app);
        const anonymous = await agent[method](path).send(body);
        expect([method, path, anonymous.status, anonymous.body.code]).toEqual([method, path, 401, 'unauthenticated']);
        const forbidden = await agent[method](path).set(member.auth).send(body);
        expect([method, path, forbidden.status, forbidden.body.code]).toEqual([method, path, 403, 'forbidden']);
      }
      expect(await ctx.dataSource.getRepository(Webhook).count()).toBe(1);
      expect(await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: delivery.id })).toMatchObject({
        status: 'succeeded',
        attempts: 1,
      });
    });

    it('bad body or query → 400, one entry per field, nothing written', async () => {
      const admin = await signedIn(ctx, 'admin');
      const webhook = await makeWebhook(ctx.dataSource);
      const delivery = await makeDelivery(ctx.dataSource, webhook.id);
      const post = await request(ctx.app)
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ url: 'ftp://nope', secret: 'short', eventTypes: ['assigned', 'exploded'], active: 'yes', extra: 1 })
        .expect(400);
      expect(post.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'active',
        'eventTypes',
        'extra',
        'secret',
        'url',
      ]);
      await request(ctx.app)
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ url: 'http://ok.test/', eventTypes: [] })
        .expect(400);
      // a whsec_ secret must be a Standard Webhooks key: base64 of 24 to 64 bytes
      for (const secret of [
        'whsec_not*base64*at*all*0123456789',
        `whsec_${Buffer.alloc(16, 1).toString('base64')}`,
        `whsec_${Buffer.alloc(65, 1).toString('base64')}`,
      ]) {
        const refused = await request(ctx.app)
          .post('/api/v1/webhooks')
          .set(admin.auth)
          .send({ url: 'http://ok.test/', secret, eventTypes: ['assigned'] })
          .expect(400);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.errors).toEqual([
          { field: 'secret', message: expect.stringMatching(/^secret starting with whsec_ must be/) },
        ]);
        await request(ctx.app).patch(`/api/v1/webhooks/${webhook.id}`).set(admin.auth).send({ secret }).expect(400);
      }
      await request(ctx.app)
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ url: 'http://ok.test/', eventTypes: ['assigned', 'assigned'] })
        .expect(400);
      const patch = await request(ctx.app)
        .patch(`/api/v1/webhooks/${webhook.id}`)
        .set(admin.auth)
        .send({ url: 'not a url', active: 3 })
        .expect(400);
      expect(patch.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['active', 'url']);
      await request(ctx.app).get('/api/v1/webhooks?limit=0').set(admin.auth).expect(400);
      await request(ctx.app).get(`/api/v1/webhooks/${webhook.id}/deliveries?status=lost`).set(admin.auth).expect(400);
      await request(ctx.app).get(`/api/v1/webhooks/${webhook.id}/deliveries?cursor=zzz`).set(admin.auth).expect(400);
      // No body is read: unknown delivery ids are the redeliver route's only bad input.
      await request(ctx.app).post(`/api/v1/webhooks/deliveries/${MISSING}/redeliver`).set(admin.auth).expect(404);
      await request(ctx.app).post('/api/v1/webhooks/deliveries/nope/redeliver').set(admin.auth).expect(404);
      await request(ctx.app).delete('/api/v1/webhooks/nope').set(admin.auth).expect(404);
      expect(await ctx.dataSource.getRepository(Webhook).count()).toBe(1);
      expect(await ctx.dataSource.getRepository(Webhook).findOneByOrFail({ id: webhook.id })).toMatchObject({
        active: true,
      });
      expect(await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: delivery.id })).toMatchObject({
        status: 'succeeded',
      });
    });
  });

  it('redeliver of a delivery whose webhook is inactive → 409, unchanged', async () => {
    const admin = await signedIn(ctx, 'admin');
    const webhook = await makeWebhook(ctx.dataSource, { active: false });
    const delivery = await makeDelivery(ctx.dataSource, webhook.id, { status: 'failed' });
    const res = await request(ctx.app)
      .post(`/api/v1/webhooks/deliveries/${delivery.id}/redeliver`)
      .set(admin.auth)
      .expect(409);
    expect(res.body.code).toBe('conflict');
    expect(await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: delivery.id })).toMatchObject({
      status: 'failed',
    });
  });
});
