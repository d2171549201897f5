import { passwordPolicy } from '../../config';
import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { UpdateNotificationPreferencesDto } from '../inbox/notification-preferences.dto';
import { getNotificationPreferences, updateNotificationPreferences } from '../inbox/notification-preferences.service';
import { UpdateProfileDto } from '../users/users.dto';
import { presentCurrentUser } from '../users/users.presenter';
import { updateProfile } from '../users/users.service';
import { myWork } from './me.service';

/** /me: the signed-in user's own profile and views. */
export function meRouter(deps: AppDeps): Router {
  const router = Router();
  router.patch('/', requireUser, async (req, res) => {
    const user = await updateProfile(deps.dataSource, actorOf(req), parseDto(UpdateProfileDto, req.body));
    res.json({ user: presentCurrentUser(user, passwordPolicy(deps.config)) });
  });
  router.get('/work', requireUser, async (req, res) => {
    res.json(await myWork(deps.dataSource, actorOf(req), deps.now()));
  });
  router.get('/notification-preferences', requireUser, async (req, res) => {
    res.json(await getNotificationPreferences(deps.dataSource, deps.config, actorOf(req)));
  });
  router.put('/notification-preferences', requireUser, async (req, res) => {
    const input = parseDto(UpdateNotificationPreferencesDto, req.body);
    res.json(await updateNotificationPreferences(deps.dataSource, deps.config, actorOf(req), input.preferences));
  });
  return router;
}
