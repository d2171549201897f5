import crypto from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import {
  WEBHOOK_ID_HEADER,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_STANDARD_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../../../shared/api/webhooks';

/** Standard Webhooks asks for keys of 24 to 64 bytes. */
export const WEBHOOK_KEY_BYTES = { min: 24, max: 64 } as const;

/**
 * The key of a `whsec_…` secret (the base64 after the prefix), or null when the rest is not
 * canonical base64 of 24 to 64 bytes.
 */
export function whsecKey(secret: string): Buffer | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return null;
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  if (key.toString('base64') !== encoded) return null;
  return key.length >= WEBHOOK_KEY_BYTES.min && key.length <= WEBHOOK_KEY_BYTES.max ? key : null;
}

/**
 * The HMAC key a webhook's secret stands for. A `whsec_` secret is its base64 key, as Standard
 * Webhooks defines it; any other secret (those saved before Cairn used the scheme, or a passphrase
 * an admin typed) is keyed as its UTF-8 bytes, whose `whsec_` form is
 * `whsec_` + base64(UTF-8 bytes of the secret). docs/webhooks.md tells receivers the same.
 */
export function signingKey(secret: string): Uint8Array {
  return whsecKey(secret) ?? Buffer.from(secret, 'utf8');
}

/** A new secret in the Standard Webhooks form: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${crypto.randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one attempt. The id is the delivery's, the same on every retry
 * and redelivery (the receiver's idempotency key); the timestamp is the attempt's, and is signed
 * with the id and the body (`v1,` base64 HMAC-SHA256 of `id.timestamp.body`), so a receiver that
 * checks the timestamp's tolerance refuses a captured request replayed later.
 */
export function standardWebhookHeaders(
  secret: string,
  messageId: string,
  sentAt: Date,
  rawBody: string,
): Record<string, string> {
  const signer = new StandardWebhook(signingKey(secret), { format: 'raw' });
  return {
    [WEBHOOK_ID_HEADER]: messageId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
    [WEBHOOK_STANDARD_SIGNATURE_HEADER]: signer.sign(messageId, sentAt, rawBody),
  };
}

/**
 * `sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret's text>`, the deprecated
 * X-Cairn-Signature, sent for one more release so existing receivers keep working. It signs no
 * timestamp, so it cannot stop a replay.
 */
export function legacySignature(secret: string, rawBody: string): Record<string, string> {
  return {
    [WEBHOOK_SIGNATURE_HEADER]: `sha256=${crypto.createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`,
  };
}
