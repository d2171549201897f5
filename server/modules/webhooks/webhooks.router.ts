import { Router } from 'express';
import { badRequest } from '../../http/app-error';
import { actorOf, requireRole } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryQueryDto, WebhookListQuery } from './webhooks.dto';
import { urlRefusal } from './webhook-address';
import { presentCreatedWebhook, presentDelivery, presentWebhook } from './webhooks.presenter';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  updateWebhook,
} from './webhooks.service';

/** /webhooks: admins only. */
export function webhooksRouter(deps: AppDeps): Router {
  const router = Router();
  /** A URL pointing inward is refused when saved (SSRF), unless the deployment allows it. */
  const checkedUrl = <T extends { url?: string }>(input: T): T => {
    const refusal = input.url !== undefined && !deps.config.webhookAllowPrivate ? urlRefusal(input.url) : null;
    if (refusal) throw badRequest('url', refusal);
    return input;
  };
  router.use(requireRole('admin'));
  router.get('/', async (req, res) => {
    const page = await listWebhooks(deps.dataSource, parseDto(WebhookListQuery, req.query, 'query'));
    res.json({ ...page, items: page.items.map(presentWebhook) });
  });
  router.post('/', async (req, res) => {
    const webhook = await createWebhook(deps.dataSource, actorOf(req), checkedUrl(parseDto(CreateWebhookDto, req.body)));
    res.status(201).location(`/api/v1/webhooks/${webhook.id}`).json(presentCreatedWebhook(webhook));
  });
  router.post('/deliveries/:id/redeliver', async (req, res) => {
    const delivery = await redeliver(deps.dataSource, actorOf(req), parseUuid(req.params.id, 'Webhook delivery'));
    res.status(202).json(presentDelivery(delivery));
  });
  router.patch('/:id', async (req, res) => {
    const id = parseUuid(req.params.id, 'Webhook');
    res.json(
      presentWebhook(await updateWebhook(deps.dataSource, actorOf(req), id, checkedUrl(parseDto(UpdateWebhookDto, req.body)))),
    );
  });
  router.delete('/:id', async (req, res) => {
    await deleteWebhook(deps.dataSource, actorOf(req), parseUuid(req.params.id, 'Webhook'));
    res.status(204).end();
  });
  router.get('/:id/deliveries', async (req, res) => {
    const id = parseUuid(req.params.id, 'Webhook');
    const page = await listDeliveries(deps.dataSource, id, parseDto(WebhookDeliveryQueryDto, req.query, 'query'));
    res.json({ ...page, items: page.items.map(presentDelivery) });
  });
  return router;
}
