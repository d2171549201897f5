import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '../../../shared/api/inbox';
import { digestMail, immediateMail, type MailContent, type MailItem } from './mail-content';
import type { MailTransport } from './mail-transport';

/** Thrown so pg-boss records the attempt as failed and schedules the retry. */
export class MailAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailAttemptFailed';
  }
}

export interface MailSenderContext {
  dataSource: DataSource;
  transport: MailTransport;
  publicUrl: string;
  from: string;
  now: () => Date;
}

export interface MailAttempt {
  /** pg-boss will not retry after this attempt */
  finalAttempt: boolean;
}

interface ClaimedRow {
  outboxId: string;
  attempts: number;
  email: string;
  name: string;
  active: boolean;
  kind: NotificationKind;
  domainKey: string | null;
  entityType: string;
  entityId: string;
  message: string;
  createdAt: Date;
  /** the inbox entry resolved itself since it was written */
  resolved: boolean;
}

/**
 * Locks pending outbox rows with their notification and recipient. SKIP LOCKED: a row another
 * sender holds is that sender's to send, so two processes never mail the same row; a sent row is
 * no longer `pending` once the holder commits.
 */
async function claim(tx: EntityManager, where: string, params: unknown[]): Promise<ClaimedRow[]> {
  return tx.query(
    `SELECT o.id AS "outboxId", o.attempts, u.email, u.name, u.active, n.kind, d.key AS "domainKey",
            n.entity_type AS "entityType", n.entity_id AS "entityId", n.message, n.created_at AS "createdAt",
            n.resolved_at IS NOT NULL AS resolved
       FROM mail_outbox o
       JOIN notification n ON n.id = o.notification_id
       JOIN "user" u ON u.id = o.user_id
       LEFT JOIN domain d ON d.id = n.domain_id
      WHERE o.status = 'pending' AND ${where}
      ORDER BY n.created_at, o.id
      FOR UPDATE OF o SKIP LOCKED`,
    params,
  );
}

function describeError(error: unknown): string {
  const err = error as { message?: string; response?: string; code?: string };
  return (err.response || err.message || err.code || 'sending failed').slice(0, 1000);
}

function itemOf(row: ClaimedRow): MailItem {
  return {
    kind: row.kind,
    domainKey: row.domainKey,
    entityType: row.entityType,
    entityId: row.entityId,
    message: row.message,
    createdAt: new Date(row.createdAt),
  };
}

/**
 * Sends the claimed rows as one mail inside the claiming transaction and records the outcome on
 * them. A failure is recorded (attempts, last error) and then thrown after the commit, so pg-boss
 * retries; `failAtLast` turns the rows `failed` on the final attempt (a digest's rows stay pending
 * for the next digest instead).
 */
async function sendClaimed(
  ctx: MailSenderContext,
  tx: EntityManager,
  rows: ClaimedRow[],
  content: MailContent,
  attempt: MailAttempt,
  failAtLast: boolean,
): Promise<string | null> {
  const ids = rows.map((row) => row.outboxId);
  const recipient = rows[0];
  try {
    const info = (await ctx.transport.sendMail({
      from: ctx.from,
      to: { name: recipient.name, address: recipient.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Cairn-Outbox': ids.join(' ').slice(0, 900) },
    })) as { messageId?: string };
    await tx.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL, message_id = $3
        WHERE id = ANY($1::uuid[])`,
      [ids, ctx.now(), info.messageId?.slice(0, 300) ?? null],
    );
    return null;
  } catch (error) {
    const message = describeError(error);
    await tx.query(
      `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = ANY($1::uuid[])`,
      [ids, message, failAtLast && attempt.finalAttempt ? 'failed' : 'pending'],
    );
    return message;
  }
}

/**
 * One attempt at the mail of one `now` outbox row. Returns quietly when there is nothing to do
 * (sent already, failed for good, or claimed by another sender); throws MailAttemptFailed when the
 * SMTP server refused, after recording it.
 */
export async function sendOutboxMail(ctx: MailSenderContext, outboxId: string, attempt: MailAttempt): Promise<void> {
  const failure = await ctx.dataSource.transaction(async (tx) => {
    const rows = await claim(tx, `o.id = $1 AND o.mode = 'now'`, [outboxId]);
    if (!rows.length) return null;
    if (!rows[0].active) {
      await tx.query(`UPDATE mail_outbox SET status = 'failed', last_error = $2 WHERE id = $1`, [
        outboxId,
        'The recipient is deactivated.',
      ]);
      return null;
    }
    return sendClaimed(ctx, tx, rows, immediateMail(ctx.publicUrl, itemOf(rows[0])), attempt, true);
  });
  if (failure) throw new MailAttemptFailed(failure);
}

/**
 * One attempt at a person's daily digest: every pending digest row of theirs, in one mail grouped
 * by domain. Rows of a deactivated person are dropped (failed); a refused mail keeps its rows
 * pending, so they go with a retry or the next day's digest.
 */
export async function sendDigest(ctx: MailSenderContext, userId: string, attempt: MailAttempt): Promise<number> {
  const { failure, sent } = await ctx.dataSource.transaction(async (tx) => {
    const rows = await claim(tx, `o.user_id = $1 AND o.mode = 'digest'`, [userId]);
    if (!rows.length) return { failure: null, sent: 0 };
    if (!rows[0].active) {
      await tx.query(`UPDATE mail_outbox SET status = 'failed', last_error = $2 WHERE id = ANY($1::uuid[])`, [
        rows.map((row) => row.outboxId),
        'The recipient is deactivated.',
      ]);
      return { failure: null, sent: 0 };
    }
    // a request met since (signed, superseded, round ended) is no news: it leaves the digest
    const resolved = rows.filter((row) => row.resolved);
    if (resolved.length)
      await tx.query(`UPDATE mail_outbox SET status = 'skipped' WHERE id = ANY($1::uuid[])`, [
        resolved.map((row) => row.outboxId),
      ]);
    const open = rows.filter((row) => !row.resolved);
    if (!open.length) return { failure: null, sent: 0 };
    const content = digestMail(ctx.publicUrl, open.map(itemOf));
    const error = await sendClaimed(ctx, tx, open, content, attempt, false);
    return { failure: error, sent: error ? 0 : open.length };
  });
  if (failure) throw new MailAttemptFailed(failure);
  return sent;
}

/** The people with digest items waiting. */
export async function digestRecipients(dataSource: DataSource): Promise<string[]> {
  const rows: { userId: string }[] = await dataSource.query(
    `SELECT DISTINCT user_id AS "userId" FROM mail_outbox WHERE mode = 'digest' AND status = 'pending'`,
  );
  return rows.map((row) => row.userId);
}
