import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import { badRequest, conflict, notFound } from '../../http/app-error';
import { Domain } from '../domains/domain.entity';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { auditable, recordAudit } from '../audit/audit.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import { enqueueDelivery } from './webhook-queue';
import { newWebhookSecret } from './webhook-signing';
import { Webhook } from './webhook.entity';
import type { CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryQueryDto, WebhookListQuery } from './webhooks.dto';

/** The secret never enters the audit log. */
const SECRET_FIELDS = ['secret'];

/**
 * Newest first by (created_at, id). The cursor holds created_at as text, keeping the microseconds
 * a JS Date would drop.
 */
async function newestFirst<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: { limit?: number; cursor?: string },
): Promise<Page<T>> {
  const limit = pageLimit(query.limit);
  const total = await qb.clone().getCount();
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))`, {
      afterAt: after[0],
      afterId: after[1],
    });
  }
  const { entities, raw } = await qb
    .addSelect(`${alias}.created_at::text`, 'cursor_at')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(fetchSize(limit))
    .getRawAndEntities<{ cursor_at: string }>();
  // getRawAndEntities keeps the two lists in the same order
  const pairs = entities.map((entity, i) => ({ entity: entity as T & { id: string }, cursorAt: raw[i]?.cursor_at }));
  const page = keysetPage(pairs, limit, (last) => [last.cursorAt, last.entity.id]);
  return { items: page.rows.map((pair) => pair.entity), total, nextCursor: page.nextCursor };
}

/** Fills in the domain key of webhooks scoped to one domain (for presenting). */
async function withDomainKeys(manager: EntityManager, webhooks: Webhook[]): Promise<Webhook[]> {
  const ids = [...new Set(webhooks.map((w) => w.domainId).filter((id): id is string => !!id))];
  const rows: { id: string; key: string }[] = ids.length
    ? await manager.query(`SELECT id, key FROM "domain" WHERE id = ANY($1::uuid[])`, [ids])
    : [];
  const keys = new Map(rows.map((row) => [row.id, row.key]));
  for (const webhook of webhooks) webhook.domainKey = webhook.domainId ? (keys.get(webhook.domainId) ?? null) : null;
  return webhooks;
}

/** A domain key given for a webhook's scope, as the domain's id; null stays null (every event). */
async function scopeOf(manager: EntityManager, domainKey: string | null): Promise<string | null> {
  if (domainKey === null) return null;
  const domain = await manager.findOneBy(Domain, { key: domainKey.toUpperCase() });
  if (!domain) throw badRequest('domainKey', `there is no domain ${domainKey.toUpperCase()}`);
  return domain.id;
}

export async function listWebhooks(dataSource: DataSource, query: WebhookListQuery): Promise<Page<Webhook>> {
  const page = await newestFirst(dataSource.getRepository(Webhook).createQueryBuilder('w'), 'w', query);
  return { ...page, items: await withDomainKeys(dataSource.manager, page.items) };
}

export async function createWebhook(dataSource: DataSource, actor: Actor, input: CreateWebhookDto): Promise<Webhook> {
  return dataSource.transaction(async (tx) => {
    const webhook = await tx.save(
      tx.create(Webhook, {
        url: input.url,
        secret: input.secret ?? newWebhookSecret(),
        eventTypes: input.eventTypes,
        active: input.active ?? true,
        format: input.format ?? 'standard',
        domainId: await scopeOf(tx, input.domainKey ?? null),
      }),
    );
    await recordAudit(tx, actor, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: webhook.id,
      after: auditable(webhook, SECRET_FIELDS),
    });
    return (await withDomainKeys(tx, [webhook]))[0];
  });
}

export async function updateWebhook(
  dataSource: DataSource,
  actor: Actor,
  id: string,
  input: UpdateWebhookDto,
): Promise<Webhook> {
  return dataSource.transaction(async (tx) => {
    const webhook = await tx.findOne(Webhook, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!webhook) throw notFound('Webhook');
    const before = auditable(webhook, SECRET_FIELDS);
    if (input.url !== undefined) webhook.url = input.url;
    if (input.eventTypes !== undefined) webhook.eventTypes = input.eventTypes;
    if (input.active !== undefined) webhook.active = input.active;
    if (input.secret !== undefined) webhook.secret = input.secret;
    if (input.domainKey !== undefined) webhook.domainId = await scopeOf(tx, input.domainKey);
    await tx.save(webhook);
    const after = {
      ...auditable(webhook, SECRET_FIELDS),
      ...(input.secret !== undefined ? { secretRotated: true } : {}),
    };
    await recordAudit(tx, actor, { action: 'webhook.update', entityType: 'webhook', entityId: id, before, after });
    return (await withDomainKeys(tx, [webhook]))[0];
  });
}

/** Deletes the webhook and its delivery log; jobs still queued find nothing and complete unsent. */
export async function deleteWebhook(dataSource: DataSource, actor: Actor, id: string): Promise<void> {
  await dataSource.transaction(async (tx) => {
    const webhook = await tx.findOne(Webhook, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!webhook) throw notFound('Webhook');
    const deliveries = await tx.delete(WebhookDelivery, { webhookId: id });
    await tx.delete(Webhook, { id });
    await recordAudit(tx, actor, {
      action: 'webhook.delete',
      entityType: 'webhook',
      entityId: id,
      before: { ...auditable(webhook, SECRET_FIELDS), deliveries: deliveries.affected ?? 0 },
    });
  });
}

export async function listDeliveries(
  dataSource: DataSource,
  webhookId: string,
  query: WebhookDeliveryQueryDto,
): Promise<Page<WebhookDelivery>> {
  if (!(await dataSource.getRepository(Webhook).existsBy({ id: webhookId }))) throw notFound('Webhook');
  const qb = dataSource
    .getRepository(WebhookDelivery)
    .createQueryBuilder('d')
    .where('d.webhook_id = :webhookId', { webhookId });
  if (query.status) qb.andWhere('d.status = :status', { status: query.status });
  return newestFirst(qb, 'd', query);
}

/**
 * Queues the delivery again, whatever its state: it becomes `pending` with a new job, and a job
 * still waiting to retry is superseded (it sees another job id on the row and stops).
 */
export async function redeliver(dataSource: DataSource, actor: Actor, deliveryId: string): Promise<WebhookDelivery> {
  return dataSource.transaction(async (tx) => {
    const delivery = await tx.findOne(WebhookDelivery, {
      where: { id: deliveryId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!delivery) throw notFound('Webhook delivery');
    const webhook = await tx.findOneBy(Webhook, { id: delivery.webhookId });
    if (!webhook) throw notFound('Webhook delivery');
    if (!webhook.active) throw conflict('conflict', 'The webhook is inactive; activate it before redelivering.');
    const before = { status: delivery.status, attempts: delivery.attempts };
    await tx.update(WebhookDelivery, { id: deliveryId }, { status: 'pending', jobId: null });
    await enqueueDelivery(tx, deliveryId);
    await recordAudit(tx, actor, {
      action: 'webhook_delivery.redeliver',
      entityType: 'webhook_delivery',
      entityId: deliveryId,
      before,
      after: { status: 'pending' },
    });
    return tx.findOneByOrFail(WebhookDelivery, { id: deliveryId });
  });
}
