import request from 'supertest';
import { createApp } from '../../server/app';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { notify } from '../../server/modules/inbox/notify';
import { deliveryRefusal, urlRefusal } from '../../server/modules/webhooks/webhook-address';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { startWebhookWorker } from '../../server/modules/webhooks/webhook-queue';
import { Webhook } from '../../server/modules/webhooks/webhook.entity';
import { signedIn } from '../factories/users';
import { eventually, makeWebhook, startReceiver } from '../factories/webhooks';
import { useTestApp } from '../setup/test-app';

/**
 * Server-side request forgery: unless CAIRN_WEBHOOK_ALLOW_PRIVATE is on, a webhook cannot be
 * pointed at loopback, private or link-local addresses, and a delivery to a host that resolves
 * there is refused without a request. (The rest of the suite runs with the switch on, as its
 * receivers listen on 127.0.0.1.)
 */
const ctx = useTestApp();
const guarded = () => ({ ...ctx.deps, config: { ...ctx.deps.config, webhookAllowPrivate: false } });

describe('webhook addresses (SSRF)', () => {
  it('tells inward addresses from the URL alone', () => {
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://api.localhost/x',
      'http://10.1.2.3/x',
      'http://172.20.0.5/x',
      'http://192.168.1.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/x',
      'http://0.0.0.0/x',
      'http://[::1]/x',
      'http://[fd00::1]/x',
      'http://[fe80::1]/x',
      'http://[::ffff:10.0.0.1]/x',
      // IPv4 inside IPv6: mapped, IPv4-compatible, SIIT (RFC 6145), NAT64 (RFC 6052), 6to4
      'http://[::ffff:127.0.0.1]/x',
      'http://[::127.0.0.1]/x',
      'http://[::ffff:0:7f00:1]/x',
      'http://[::ffff:0:a9fe:a9fe]/x',
      'http://[64:ff9b::7f00:1]/x',
      'http://[64:ff9b::169.254.169.254]/x',
      'http://[64:ff9b:1::a00:1]/x',
      'http://[2002:7f00:1::1]/x',
      // other special-purpose ranges
      'http://[fec0::1]/x',
      'http://[2001:db8::1]/x',
      'http://192.0.2.1/x',
      'http://255.255.255.255/x',
      // numeric forms the URL parser turns into 127.0.0.1
      'http://2130706433/x',
      'http://0x7f.1/x',
    ]) {
      expect({ url, refused: Boolean(urlRefusal(url)) }).toEqual({ url, refused: true });
    }
    for (const url of [
      'https://hooks.example.com/cairn',
      'http://93.184.215.14/x',
      'https://[2606:4700::1]/x',
      // a public IPv4 address through NAT64 or mapped is as public as the address itself
      'http://[64:ff9b::5db8:d70e]/x',
      'http://[::ffff:93.184.215.14]/x',
    ]) {
      expect({ url, refused: urlRefusal(url) }).toEqual({ url, refused: null });
    }
  });

  it('resolves host names at delivery: a public-looking name with any inward address is refused', async () => {
    const lookup = async (host: string) =>
      host === 'inward.example.com'
        ? [{ address: '93.184.215.14' }, { address: '10.0.0.5' }]
        : [{ address: '93.184.215.14' }];
    expect(await deliveryRefusal('https://inward.example.com/x', lookup)).toBe(
      'inward.example.com resolves to 10.0.0.5, a loopback, private or link-local address; set CAIRN_WEBHOOK_ALLOW_PRIVATE=true for receivers on your own network',
    );
    await expect(deliveryRefusal('https://hooks.example.com/x', lookup)).resolves.toBeNull();
    expect(await deliveryRefusal('http://localhost:9/x')).toMatch(/^localhost is a loopback/);
    // unresolvable: left to the POST, which fails and is retried like any failure
    await expect(deliveryRefusal('http://no-such-host.invalid/x')).resolves.toBeNull();
  });

  it('POST and PATCH /webhooks refuse an inward URL with a 400 problem and write nothing', async () => {
    const admin = await signedIn(ctx, 'admin');
    const app = createApp(guarded());
    const events = await ctx.dataSource.getRepository(AuditEvent).count();
    const refused = await request(app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['assigned'] })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      { field: 'url', message: expect.stringMatching(/CAIRN_WEBHOOK_ALLOW_PRIVATE/) },
    ]);
    const created = await request(app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: 'https://hooks.example.com/cairn', eventTypes: ['assigned'] })
      .expect(201);
    await request(app)
      .patch(`/api/v1/webhooks/${created.body.id}`)
      .set(admin.auth)
      .send({ url: 'http://[::1]:3000/x' })
      .expect(400);
    expect((await ctx.dataSource.getRepository(Webhook).findOneByOrFail({ id: created.body.id })).url).toBe(
      'https://hooks.example.com/cairn',
    );
    expect(await ctx.dataSource.getRepository(AuditEvent).count()).toBe(events + 1);
  });

  it('POST /webhooks refuses IPv4-compatible, NAT64 and SIIT forms of 127.0.0.1 with a 400', async () => {
    const admin = await signedIn(ctx, 'admin');
    const app = createApp(guarded());
    for (const url of ['http://[::127.0.0.1]/x', 'http://[64:ff9b::7f00:1]/x', 'http://[::ffff:0:7f00:1]/x']) {
      const refused = await request(app)
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ url, eventTypes: ['assigned'] });
      expect({ url, status: refused.status }).toEqual({ url, status: 400 });
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual([
        { field: 'url', message: expect.stringMatching(/CAIRN_WEBHOOK_ALLOW_PRIVATE/) },
      ]);
    }
    expect(await ctx.dataSource.getRepository(Webhook).count()).toBe(0);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'webhook.create' })).toBe(0);
  });

  it('a delivery to an IPv6 form of 127.0.0.1 saved earlier fails at once, unsent', async () => {
    const receiver = await startReceiver();
    const stopWorker = await startWebhookWorker(guarded(), {
      retryLimit: 3,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const user = await signedIn(ctx);
      const port = new URL(receiver.url).port;
      const webhook = await makeWebhook(ctx.dataSource, { url: `http://[::ffff:0:7f00:1]:${port}/hook` });
      await ctx.dataSource.transaction((tx) =>
        notify(tx, [user.user.id], {
          kind: 'assigned',
          domainId: null,
          entityType: 'ticket',
          entityId: 'RET-1',
          message: 'x',
        }),
      );
      const delivery = await eventually(async () => {
        const row = await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ webhookId: webhook.id });
        return row?.status === 'failed' ? row : null;
      });
      expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(/^Refused: ::ffff:0:7f00:1 is a loopback, private or link-local address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await stopWorker();
      await receiver.close();
    }
  });

  it('a delivery to a host that resolves inward fails at once, without a request and without retries', async () => {
    const receiver = await startReceiver();
    const stopWorker = await startWebhookWorker(guarded(), {
      retryLimit: 3,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const user = await signedIn(ctx);
      // saved while the deployment allowed it, then the guard was turned on
      const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url.replace('127.0.0.1', 'localhost') });
      await ctx.dataSource.transaction((tx) =>
        notify(tx, [user.user.id], {
          kind: 'assigned',
          domainId: null,
          entityType: 'ticket',
          entityId: 'RET-1',
          message: 'x',
        }),
      );
      const delivery = await eventually(async () => {
        const row = await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ webhookId: webhook.id });
        return row?.status === 'failed' ? row : null;
      });
      expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(/^Refused: localhost is a loopback, private or link-local address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await stopWorker();
      await receiver.close();
    }
  });
});
