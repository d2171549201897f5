import { Router } from 'express';
import type { UnreadCountView } from '../../../shared/api/inbox';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { InboxQueryDto } from './inbox.dto';
import { presentNotification } from './inbox.presenter';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.service';

/** /inbox: the signed-in user's own notifications only. */
export function inboxRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/', async (req, res) => {
    const page = await listInbox(deps.dataSource, actorOf(req).user.id, parseDto(InboxQueryDto, req.query, 'query'));
    res.json({ ...page, items: page.items.map(presentNotification) });
  });
  router.get('/unread-count', async (req, res) => {
    const body: UnreadCountView = { count: await unreadCount(deps.dataSource, actorOf(req).user.id) };
    res.json(body);
  });
  router.post('/read-all', async (req, res) => {
    res.json(await markAllRead(deps.dataSource, actorOf(req), deps.now()));
  });
  router.post('/:id/read', async (req, res) => {
    const row = await markRead(deps.dataSource, actorOf(req), parseUuid(req.params.id, 'Notification'), deps.now());
    res.json(presentNotification(row));
  });
  return router;
}
