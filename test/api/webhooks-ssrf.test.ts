import dns from 'node:dns';
import net from 'node:net';
import request from 'supertest';
import { createApp } from '../../server/app';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { notify } from '../../server/modules/inbox/notify';
import {
  guardedLookup,
  urlRefusal,
  WebhookAddressRefused,
  type ResolveAll,
} from '../../server/modules/webhooks/webhook-address';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { startWebhookWorker } from '../../server/modules/webhooks/webhook-queue';
import { Webhook } from '../../server/modules/webhooks/webhook.entity';
import { signedIn } from '../factories/users';
import { eventually, makeWebhook, startReceiver, type ReceivedRequest } from '../factories/webhooks';
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

  it("a delivery socket's lookup refuses a name with any inward address and hands over only the vetted ones", async () => {
    const resolveAll: ResolveAll = (host, _options, callback) =>
      host === 'no-such-host.invalid'
        ? callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), [])
        : callback(null, [
            { address: '93.184.215.14', family: 4 },
            ...(host === 'inward.example.com' ? [{ address: '64:ff9b::a00:5', family: 6 }] : []),
          ]);
    const lookup = guardedLookup(resolveAll);
    const ask = (host: string, all: boolean) =>
      new Promise((resolve) =>
        lookup(host, { all }, (error, address, family) => resolve({ error: error?.message ?? null, address, family })),
      );
    expect(await ask('inward.example.com', true)).toEqual({
      error:
        'inward.example.com resolves to 64:ff9b::a00:5, a loopback, private or link-local address; set CAIRN_WEBHOOK_ALLOW_PRIVATE=true for receivers on your own network',
      address: [],
      family: undefined,
    });
    expect(await ask('hooks.example.com', true)).toEqual({
      error: null,
      address: [{ address: '93.184.215.14', family: 4 }],
      family: undefined,
    });
    expect(await ask('hooks.example.com', false)).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    // unresolvable: the error is the socket's, and the attempt is retried like any network failure
    expect(await ask('no-such-host.invalid', false)).toMatchObject({
      error: 'getaddrinfo ENOTFOUND no-such-host.invalid',
    });
    // a real socket given this lookup fails before dialling
    const socket = net.connect({ host: 'inward.example.com', port: 9, lookup });
    await expect(new Promise((_resolve, reject) => socket.on('error', reject))).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
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
    const { delivery, received } = await deliverOnce((receiverUrl) => {
      const port = new URL(receiverUrl).port;
      return `http://[::ffff:0:7f00:1]:${port}/hook`;
    });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/^Refused: ::ffff:0:7f00:1 is a loopback, private or link-local address/);
    expect(received).toHaveLength(0);
  });

  it('a delivery to a host that resolves inward fails at once, without a request and without retries', async () => {
    // saved while the deployment allowed it, then the guard was turned on
    const { delivery, received } = await deliverOnce((receiverUrl) => receiverUrl.replace('127.0.0.1', 'localhost'));
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/^Refused: localhost is a loopback, private or link-local address/);
    expect(received).toHaveLength(0);
  });

  describe('the address checked is the address dialled (DNS rebinding)', () => {
    const REBINDING_HOST = 'hooks.rebinding.test';
    /**
     * A rebinding name server answers a check with a public address and the connection, asked a
     * moment later, with 127.0.0.1. Here the two questions are told apart by the API asking: a
     * check beside the connection asks dns.promises; the socket asks dns.lookup.
     */
    beforeEach(() => {
      const realPromiseLookup = dns.promises.lookup.bind(dns.promises);
      const realLookup = dns.lookup.bind(dns);
      jest
        .spyOn(dns.promises, 'lookup')
        .mockImplementation(((host: string, options: never) =>
          host === REBINDING_HOST
            ? Promise.resolve([{ address: '93.184.215.14', family: 4 }])
            : realPromiseLookup(host, options)) as never);
      jest.spyOn(dns, 'lookup').mockImplementation(((host: string, options: unknown, callback: unknown) => {
        const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
        const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
        if (host !== REBINDING_HOST) return (realLookup as (...args: unknown[]) => void)(host, options, callback);
        process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
      }) as never);
    });
    afterEach(() => jest.restoreAllMocks());

    it('a name that resolves to 127.0.0.1 when connecting is refused, with no request sent', async () => {
      const { delivery, received } = await deliverOnce((receiverUrl) =>
        receiverUrl.replace('127.0.0.1', REBINDING_HOST),
      );
      expect(received).toHaveLength(0);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toBe(
        `Refused: ${REBINDING_HOST} resolves to 127.0.0.1, a loopback, private or link-local address; set CAIRN_WEBHOOK_ALLOW_PRIVATE=true for receivers on your own network`,
      );
    });

    it('with CAIRN_WEBHOOK_ALLOW_PRIVATE=true the same name is delivered to the address it resolved to', async () => {
      const { delivery, received } = await deliverOnce(
        (receiverUrl) => receiverUrl.replace('127.0.0.1', REBINDING_HOST),
        ctx.deps,
      );
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
      expect(received).toHaveLength(1);
      expect(received[0].headers.host).toBe(`${REBINDING_HOST}:${new URL(delivery.webhookUrl).port}`);
    });
  });
});

/**
 * Emits one event to a webhook whose URL is made from a local receiver's, with a worker on `deps`
 * (the guard on by default), and waits until its delivery has settled.
 */
async function deliverOnce(
  urlFrom: (receiverUrl: string) => string,
  deps = guarded(),
): Promise<{ delivery: WebhookDelivery & { webhookUrl: string }; received: ReceivedRequest[] }> {
  const receiver = await startReceiver();
  const stopWorker = await startWebhookWorker(deps, {
    retryLimit: 3,
    retryDelaySeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  try {
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: urlFrom(receiver.url) });
    await ctx.dataSource.transaction((tx) =>
      notify(tx, [user.user.id], {
        kind: 'assigned',
        domainId: null,
        at: new Date(),
        entityType: 'ticket',
        entityId: 'RET-1',
        message: 'x',
      }),
    );
    const delivery = await eventually(async () => {
      const row = await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ webhookId: webhook.id });
      return row && row.status !== 'pending' ? row : null;
    });
    return { delivery: Object.assign(delivery, { webhookUrl: webhook.url }), received: [...receiver.received] };
  } finally {
    await stopWorker();
    await receiver.close();
  }
}
