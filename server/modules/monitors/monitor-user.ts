import type { EntityManager } from 'typeorm';
import type { Actor } from '../../http/context';
import { User } from '../users/user.entity';

/** The system user that reports what monitors find; it cannot sign in (inactive, no password). */
export const MONITOR_USER_EMAIL = 'monitor@cairn.invalid';
export const MONITOR_USER_NAME = 'Cairn monitor';

/**
 * "Cairn monitor", created on first use. The email is unique, so two processes creating it at once
 * agree on one row (ON CONFLICT DO NOTHING, then read).
 */
export async function monitorActor(tx: EntityManager): Promise<Actor> {
  let user = await tx.findOneBy(User, { email: MONITOR_USER_EMAIL });
  if (!user) {
    await tx
      .createQueryBuilder()
      .insert()
      .into(User)
      // '!' is no password hash any password matches; inactive users cannot sign in anyway
      .values({ email: MONITOR_USER_EMAIL, name: MONITOR_USER_NAME, role: 'member', active: false, passwordHash: '!' })
      .orIgnore()
      .execute();
    user = await tx.findOneByOrFail(User, { email: MONITOR_USER_EMAIL });
  }
  return { user, requestId: null, via: 'token' };
}
