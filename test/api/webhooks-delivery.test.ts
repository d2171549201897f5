import crypto from 'node:crypto';
import request from 'supertest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { notify } from '../../server/modules/inbox/notify';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { startWebhookWorker, type WebhookWorkerOptions } from '../../server/modules/webhooks/webhook-queue';
import { signedIn } from '../factories/users';
import {
  eventually,
  makeWebhook,
  startReceiver,
  type ReceivedRequest,
  type WebhookReceiver,
} from '../factories/webhooks';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
/** One retry, one second apart at first: enough to see fail-then-succeed quickly. */
const WORKER: WebhookWorkerOptions = {
  retryLimit: 1,
  retryDelaySeconds: 1,
  pollingIntervalSeconds: 0.5,
  requestTimeoutMs: 3_000,
};
/** A secret from before Standard Webhooks: any text, keyed as its UTF-8 bytes. */
const SECRET = 'receiver-secret-0123456789';
/** The same key in the Standard Webhooks form, as docs/webhooks.md tells a receiver to write it. */
const SECRET_WHSEC = `whsec_${Buffer.from(SECRET, 'utf8').toString('base64')}`;

/** X-Cairn-Signature, kept for one release beside webhook-signature. */
function expectedLegacySignature(rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', SECRET).update(rawBody).digest('hex')}`;
}

/** What a receiver does with the standardwebhooks package: the payload, or the verifier's refusal. */
function verified(secret: string, hit: ReceivedRequest): unknown {
  return new StandardWebhook(secret).verify(hit.rawBody, hit.headers as Record<string, string>);
}

async function emit(userId: string, kind: 'assigned' | 'mentioned' = 'assigned', entityId = 'RET-1'): Promise<void> {
  await ctx.dataSource.transaction(async (tx) => {
    await notify(tx, [userId], {
      kind,
      domainId: null,
      at: new Date(),
      entityType: 'ticket',
      entityId,
      message: `event on ${entityId}`,
    });
  });
}

async function settled(id: string, status: 'succeeded' | 'failed'): Promise<WebhookDelivery> {
  return eventually(async () => {
    const row = await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ id });
    return row?.status === status ? row : null;
  });
}

describe('webhook deliveries through pg-boss', () => {
  let receiver: WebhookReceiver;
  let stopWorker: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.statuses.length = 0;
    stopWorker = await startWebhookWorker(ctx.deps, WORKER);
  });
  afterEach(async () => {
    await stopWorker?.();
    stopWorker = null;
  });
  // Inside this describe, so it runs before useTestApp closes the database.
  afterAll(async () => {
    await receiver.close();
  });

  it('POSTs the event signed the Standard Webhooks way and records success', async () => {
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET, eventTypes: ['assigned'] });
    await emit(user.user.id);
    const queued = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    expect(queued.jobId).toMatch(/^[0-9a-f-]{36}$/);

    const done = await settled(queued.id, 'succeeded');
    expect(done).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
    expect(done.deliveredAt).toBeInstanceOf(Date);
    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit.method).toBe('POST');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['x-cairn-event']).toBe('assigned');
    expect(hit.headers['x-cairn-delivery']).toBe(queued.id);
    expect(hit.headers['x-cairn-signature']).toBe(expectedLegacySignature(hit.rawBody));
    expect(hit.headers['webhook-id']).toBe(queued.id);
    expect(Number(hit.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(hit.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verified(SECRET_WHSEC, hit)).toMatchObject({
      type: 'assigned',
      entityId: 'RET-1',
      recipientIds: [user.user.id],
    });
    // the legacy secret's UTF-8 bytes, handed to the package raw, are the same key
    expect(
      new StandardWebhook(Buffer.from(SECRET, 'utf8'), { format: 'raw' }).verify(
        hit.rawBody,
        hit.headers as Record<string, string>,
      ),
    ).toMatchObject({ entityId: 'RET-1' });
    expect(() => verified('whsec_' + Buffer.from('another-secret-0123456789').toString('base64'), hit)).toThrow(
      'No matching signature found',
    );
  });

  it('a captured delivery replayed later is refused by the verifier', async () => {
    const user = await signedIn(ctx);
    await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET, eventTypes: ['assigned'] });
    await emit(user.user.id);
    const [hit] = await eventually(async () => (receiver.received.length ? receiver.received : null));
    expect(verified(SECRET_WHSEC, hit)).toMatchObject({ entityId: 'RET-1' });
    const sentAt = Number(hit.headers['webhook-timestamp']) * 1000;
    // ten minutes on, the same bytes and headers: outside the package's five-minute tolerance
    const later = jest.spyOn(Date, 'now').mockReturnValue(sentAt + 10 * 60_000);
    try {
      expect(() => verified(SECRET_WHSEC, hit)).toThrow('Message timestamp too old');
      // and a fresh timestamp put on the captured request breaks its signature
      const refreshed = {
        ...hit,
        headers: { ...hit.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) },
      };
      expect(() => verified(SECRET_WHSEC, refreshed)).toThrow('No matching signature found');
    } finally {
      later.mockRestore();
    }
  });

  it('signs with a whsec_ secret as its base64 key, and a generated secret is one', async () => {
    const admin = await signedIn(ctx, 'admin');
    const created = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: receiver.url, eventTypes: ['assigned'] })
      .expect(201);
    const given = `whsec_${crypto.randomBytes(32).toString('base64')}`;
    await makeWebhook(ctx.dataSource, { url: `${receiver.url}?given`, secret: given, eventTypes: ['assigned'] });
    await emit(admin.user.id);
    await eventually(async () => receiver.received.length === 2);
    const byPath = (path: string) => receiver.received.find((hit) => hit.path === path)!;
    expect(verified(created.body.secret as string, byPath('/hook'))).toMatchObject({ type: 'assigned' });
    expect(verified(given, byPath('/hook?given'))).toMatchObject({ type: 'assigned' });
  });

  it('retries with backoff: a receiver that fails first (500) then succeeds ends succeeded after 2 attempts', async () => {
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET });
    receiver.statuses.push(500);
    await emit(user.user.id);
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    const failedOnce = await eventually(async () => {
      const row = await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ id: delivery.id });
      return row?.attempts === 1 ? row : null;
    });
    expect(failedOnce).toMatchObject({ status: 'pending', lastStatusCode: 500, lastError: 'HTTP 500' });
    const done = await settled(delivery.id, 'succeeded');
    expect(done).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => r.headers['x-cairn-delivery'])).toEqual([delivery.id, delivery.id]);
    // one event, one webhook-id, whatever the attempt: the receiver's idempotency key
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
    expect(receiver.received[1].rawBody).toBe(receiver.received[0].rawBody);
    // each attempt is signed at its own time, so a retry hours later still verifies
    for (const hit of receiver.received) expect(verified(SECRET_WHSEC, hit)).toMatchObject({ entityId: 'RET-1' });
  });

  it('marks the delivery failed once the retries are used up, with the last status and error', async () => {
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET });
    receiver.statuses.push(503, 502);
    await emit(user.user.id);
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    const failed = await settled(delivery.id, 'failed');
    expect(failed).toMatchObject({ attempts: 2, lastStatusCode: 502, lastError: 'HTTP 502', deliveredAt: null });
  });

  it('records a network error (nothing listening) as the last error', async () => {
    const user = await signedIn(ctx);
    const closed = await startReceiver();
    await closed.close();
    const webhook = await makeWebhook(ctx.dataSource, { url: closed.url, secret: SECRET });
    await emit(user.user.id);
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    const failed = await settled(delivery.id, 'failed');
    expect(failed.attempts).toBe(2);
    expect(failed.lastStatusCode).toBeNull();
    expect(failed.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('manual redeliver queues the delivery again and it is sent again', async () => {
    const admin = await signedIn(ctx, 'admin');
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET });
    receiver.statuses.push(500, 500);
    await emit(admin.user.id, 'mentioned');
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    await settled(delivery.id, 'failed');

    const res = await request(ctx.app)
      .post(`/api/v1/webhooks/deliveries/${delivery.id}/redeliver`)
      .set(admin.auth)
      .expect(202);
    expect(res.body).toMatchObject({ id: delivery.id, status: 'pending', attempts: 2 });
    const done = await settled(delivery.id, 'succeeded');
    expect(done).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2].headers['x-cairn-signature']).toBe(
      expectedLegacySignature(receiver.received[2].rawBody),
    );
    expect(receiver.received[2].headers['webhook-id']).toBe(delivery.id);
    expect(verified(SECRET_WHSEC, receiver.received[2])).toMatchObject({ type: 'mentioned' });
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'webhook_delivery.redeliver', entityId: delivery.id }),
    ).toBe(1);
  });

  it('a queued job survives a worker restart (it lives in Postgres) and is delivered by the next worker', async () => {
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET });
    receiver.statuses.push(500);
    await emit(user.user.id);
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    await eventually(
      async () => (await ctx.dataSource.getRepository(WebhookDelivery).findOneBy({ id: delivery.id }))?.attempts === 1,
    );
    // The retry is now waiting in pg-boss's tables; stop this worker as an app shutdown would.
    await stopWorker!();
    stopWorker = await startWebhookWorker(ctx.deps, WORKER);
    const done = await settled(delivery.id, 'succeeded');
    expect(done.attempts).toBe(2);
  });

  it('deliveries written while no worker ran are queued when one starts', async () => {
    await stopWorker!();
    stopWorker = null;
    const user = await signedIn(ctx);
    const webhook = await makeWebhook(ctx.dataSource, { url: receiver.url, secret: SECRET });
    await emit(user.user.id);
    const delivery = await ctx.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ webhookId: webhook.id });
    expect(delivery).toMatchObject({ status: 'pending', jobId: null });
    stopWorker = await startWebhookWorker(ctx.deps, WORKER);
    const done = await settled(delivery.id, 'succeeded');
    expect(done.attempts).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });
});
