import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../../../shared/api/webhooks';
import { webhookDeliveryFailures } from '../../http/metrics';
import { deliveryRefusal } from './webhook-address';
import { WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';

export interface AttemptInfo {
  jobId: string;
  /** pg-boss will not retry after this attempt */
  finalAttempt: boolean;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of X-Cairn-Signature. */
export function signWebhookBody(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Thrown so pg-boss records the attempt as failed and schedules the retry. */
export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

async function post(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: rawBody,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; drain it so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { status: null, error: `${(error as Error).message}${cause ? `: ${cause}` : ''}`.slice(0, 1000) };
  }
}

/**
 * One delivery attempt: POST the payload signed with the webhook's secret and record the outcome
 * on the delivery row. A 2xx is success; anything else throws so pg-boss retries with backoff,
 * and the row turns `failed` only after the last attempt. A job whose delivery or webhook is gone
 * (deleted), or that a redeliver superseded, completes without sending.
 */
export async function deliverWebhook(
  dataSource: DataSource,
  deliveryId: string,
  attempt: AttemptInfo,
  options: { timeoutMs: number; now: () => Date; allowPrivate: boolean },
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
  const refusal = options.allowPrivate ? null : await deliveryRefusal(webhook.url);
  if (refusal) {
    // Not retried: the address will not become acceptable by waiting.
    await dataSource
      .getRepository(WebhookDelivery)
      .update({ id: deliveryId }, { status: 'failed', attempts: delivery.attempts + 1, lastError: `Refused: ${refusal}` });
    return;
  }
  const rawBody = JSON.stringify(delivery.payload);
  const result = await post(
    webhook.url,
    rawBody,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Cairn-Webhooks/1',
      [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(webhook.secret, rawBody),
      [WEBHOOK_EVENT_HEADER]: delivery.eventType,
      [WEBHOOK_DELIVERY_HEADER]: delivery.id,
    },
    options.timeoutMs,
  );
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
