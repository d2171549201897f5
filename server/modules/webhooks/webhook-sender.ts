import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { DataSource } from 'typeorm';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER } from '../../../shared/api/webhooks';
import { guardedLookup, urlRefusal, WebhookAddressRefused } from './webhook-address';
import { webhookDeliveryFailures } from '../../http/metrics';
import { WebhookDelivery } from './webhook-delivery.entity';
import { legacySignature, standardWebhookHeaders } from './webhook-signing';
import { Webhook } from './webhook.entity';
import { slackMessage } from './slack-message';

export interface AttemptInfo {
  jobId: string;
  /** pg-boss will not retry after this attempt */
  finalAttempt: boolean;
}

/** Thrown so pg-boss records the attempt as failed and schedules the retry. */
export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

interface PostResult {
  status: number | null;
  error: string | null;
  /** set when the connection's lookup refused the host's address: nothing was sent */
  refused?: string;
}

function describeError(error: Error & { code?: string; errors?: Error[] }): string {
  // Several addresses tried in turn (autoSelectFamily) fail as one AggregateError without a message.
  const message =
    error.message || error.errors?.map((each) => each.message).join('; ') || error.code || 'request failed';
  return message.slice(0, 1000);
}

/**
 * POSTs with node:http(s) rather than fetch, because only there can the socket's lookup be ours
 * (guardedLookup). Redirects are not followed; the answer's body is drained and ignored.
 */
function post(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; lookup?: LookupFunction },
): Promise<PostResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(rawBody)) },
        // a fresh connection per attempt, so every attempt's address goes through the lookup
        agent: false,
        lookup: options.lookup,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? null;
        const ok = status !== null && status >= 200 && status < 300;
        response.resume();
        resolve({ status, error: ok ? null : `HTTP ${status}` });
      },
    );
    request.on('error', (error) => {
      if (error instanceof WebhookAddressRefused) return resolve({ status: null, error: null, refused: error.message });
      const timedOut = signal.aborted;
      resolve({ status: null, error: timedOut ? `timed out after ${options.timeoutMs} ms` : describeError(error) });
    });
    request.end(rawBody);
  });
}

/**
 * One delivery attempt: POST the payload signed with the webhook's secret (Standard Webhooks,
 * see webhook-signing.ts) and record the outcome
 * on the delivery row. A 2xx is success; anything else throws so pg-boss retries with backoff,
 * and the row turns `failed` only after the last attempt. A job whose delivery or webhook is gone
 * (deleted), or that a redeliver superseded, completes without sending.
 */
export async function deliverWebhook(
  dataSource: DataSource,
  deliveryId: string,
  attempt: AttemptInfo,
  options: { timeoutMs: number; now: () => Date; allowPrivate: boolean; publicUrl: string },
): Promise<void> {
  const delivery = await dataSource.getRepository(WebhookDelivery).findOneBy({ id: deliveryId });
  // Gone (webhook deleted), or superseded by a redeliver that queued a newer job.
  if (!delivery || (delivery.jobId && delivery.jobId !== attempt.jobId)) return;
  const webhook = await dataSource.getRepository(Webhook).findOneBy({ id: delivery.webhookId });
  if (!webhook) return;
  if (!webhook.active) {
    await dataSource
      .getRepository(WebhookDelivery)
      .update({ id: deliveryId }, { status: 'failed', lastError: 'The webhook is inactive.' });
    return;
  }
  const refuse = async (refusal: string) => {
    // Not retried: the address will not become acceptable by waiting.
    await dataSource
      .getRepository(WebhookDelivery)
      .update(
        { id: deliveryId },
        { status: 'failed', attempts: delivery.attempts + 1, lastError: `Refused: ${refusal}` },
      );
  };
  const literalRefusal = options.allowPrivate ? null : urlRefusal(webhook.url);
  if (literalRefusal) return refuse(literalRefusal);
  // A Slack connection gets the event as a Block Kit message; it is signed and retried the same way.
  const rawBody = JSON.stringify(
    webhook.format === 'slack' ? slackMessage(delivery.payload, options.publicUrl) : delivery.payload,
  );
  const result = await post(
    webhook.url,
    rawBody,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Cairn-Webhooks/1',
      ...standardWebhookHeaders(webhook.secret, delivery.id, options.now(), rawBody),
      [WEBHOOK_EVENT_HEADER]: delivery.eventType,
      ...legacySignature(webhook.secret, rawBody),
      [WEBHOOK_DELIVERY_HEADER]: delivery.id,
    },
    { timeoutMs: options.timeoutMs, lookup: options.allowPrivate ? undefined : guardedLookup() },
  );
  if (result.refused) return refuse(result.refused);
  const succeeded = result.error === null;
  await dataSource
    .createQueryBuilder()
    .update(WebhookDelivery)
    .set({
      attempts: () => 'attempts + 1',
      lastStatusCode: result.status,
      lastError: result.error,
      status: succeeded ? 'succeeded' : attempt.finalAttempt ? 'failed' : 'pending',
      ...(succeeded ? { deliveredAt: options.now() } : {}),
    })
    .where('id = :id', { id: deliveryId })
    .execute();
  if (!succeeded) webhookDeliveryFailures.inc();
  if (!succeeded) throw new WebhookAttemptFailed(result.error ?? 'delivery failed');
}
