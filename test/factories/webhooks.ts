import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { Webhook } from '../../server/modules/webhooks/webhook.entity';

/** A webhook written straight to the database (subscribed to everything unless told). */
export async function makeWebhook(dataSource: DataSource, overrides: Partial<Webhook> = {}): Promise<Webhook> {
  const repository = dataSource.getRepository(Webhook);
  return repository.save(
    repository.create({
      url: 'http://127.0.0.1:9/hook',
      secret: 'test-secret-0123456789',
      eventTypes: ['signoff_requested', 'assigned', 'investigation_reported', 'domain_at_risk', 'mentioned'],
      active: true,
      ...overrides,
    }),
  );
}

/** A delivery row written straight to the database (no job). */
export async function makeDelivery(
  dataSource: DataSource,
  webhookId: string,
  overrides: Partial<WebhookDelivery> = {},
): Promise<WebhookDelivery> {
  const repository = dataSource.getRepository(WebhookDelivery);
  return repository.save(
    repository.create({
      webhookId,
      eventType: 'assigned',
      payload: {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'assigned',
        occurredAt: '2026-01-01T00:00:00.000Z',
        domainId: null,
        domainKey: null,
        entityType: 'ticket',
        entityId: 'RET-1',
        message: 'You were assigned RET-1',
        recipientIds: [],
      },
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      ...overrides,
    }),
  );
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A local HTTP receiver on 127.0.0.1 (random port) that records requests and answers with `statuses` in turn (then 200). */
export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** status codes for the next requests, consumed in order */
  statuses: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const receiver = { received: [] as ReceivedRequest[], statuses: [] as number[] } as WebhookReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = receiver.statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
