import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/api/inbox';
import {
  DEFAULT_NOTIFICATION_CHANNELS,
  type NotificationChannel,
  type NotificationPreferencesView,
} from '../../../shared/api/notification-preferences';
import type { Config } from '../../config';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { mailEnabled } from '../mail/mail-queue';
import { NotificationPreference } from './notification-preference.entity';

/**
 * The channel of one kind for each of the users: what they chose, else the default. Users who
 * are deactivated get no mail (their channel falls back to `inbox`).
 */
export async function channelsFor(
  tx: EntityManager,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, NotificationChannel>> {
  const rows: { id: string; active: boolean; channel: NotificationChannel | null }[] = await tx.query(
    `SELECT u.id, u.active, p.channel
       FROM "user" u
       LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = $2
      WHERE u.id = ANY($1::uuid[])`,
    [userIds, kind],
  );
  const fallback = DEFAULT_NOTIFICATION_CHANNELS[kind] ?? 'inbox';
  const channels = new Map<string, NotificationChannel>(userIds.map((id) => [id, fallback]));
  for (const row of rows) {
    const channel = row.channel ?? fallback;
    channels.set(row.id, !row.active && channel !== 'none' ? 'inbox' : channel);
  }
  return channels;
}

async function chosenChannels(
  manager: DataSource | EntityManager,
  userId: string,
): Promise<Map<NotificationKind, NotificationChannel>> {
  const rows = await manager.getRepository(NotificationPreference).findBy({ userId });
  return new Map(rows.map((row) => [row.kind as NotificationKind, row.channel]));
}

function present(
  config: Config,
  email: string,
  chosen: Map<NotificationKind, NotificationChannel>,
): NotificationPreferencesView {
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => {
      const defaultChannel = DEFAULT_NOTIFICATION_CHANNELS[kind];
      const channel = chosen.get(kind);
      return { kind, channel: channel ?? defaultChannel, defaultChannel, chosen: channel !== undefined };
    }),
    // Email is on where SMTP is configured and this process runs the mail worker.
    email: { enabled: !!config.smtp && mailEnabled(), address: email, digestHourUtc: config.mailDigestHourUtc },
  };
}

/** GET /me/notification-preferences */
export async function getNotificationPreferences(
  dataSource: DataSource,
  config: Config,
  actor: Actor,
): Promise<NotificationPreferencesView> {
  return present(config, actor.user.email, await chosenChannels(dataSource, actor.user.id));
}

/**
 * PUT /me/notification-preferences: sets the given kinds' channels (a kind set back to its
 * default is forgotten, so a later change of the default reaches it) and records one audit event
 * with the choices before and after.
 */
export async function updateNotificationPreferences(
  dataSource: DataSource,
  config: Config,
  actor: Actor,
  changes: { kind: NotificationKind; channel: NotificationChannel }[],
): Promise<NotificationPreferencesView> {
  return dataSource.transaction(async (tx) => {
    const userId = actor.user.id;
    const before = await chosenChannels(tx, userId);
    const last = new Map(changes.map((change) => [change.kind, change.channel]));
    const toStore = [...last].filter(([kind, channel]) => channel !== DEFAULT_NOTIFICATION_CHANNELS[kind]);
    const toForget = [...last].filter(([kind, channel]) => channel === DEFAULT_NOTIFICATION_CHANNELS[kind]);
    if (toForget.length) await tx.delete(NotificationPreference, { userId, kind: In(toForget.map(([kind]) => kind)) });
    if (toStore.length)
      await tx
        .createQueryBuilder()
        .insert()
        .into(NotificationPreference)
        .values(toStore.map(([kind, channel]) => ({ userId, kind, channel })))
        .orUpdate(['channel', 'updated_at'], ['user_id', 'kind'])
        .execute();
    const after = await chosenChannels(tx, userId);
    const changed = NOTIFICATION_KINDS.filter((kind) => before.get(kind) !== after.get(kind));
    if (changed.length) {
      const channelOf = (map: Map<NotificationKind, NotificationChannel>, kind: NotificationKind) =>
        map.get(kind) ?? DEFAULT_NOTIFICATION_CHANNELS[kind];
      await recordAudit(tx, actor, {
        action: 'notification_preferences.update',
        entityType: 'user',
        entityId: userId,
        before: Object.fromEntries(changed.map((kind) => [kind, channelOf(before, kind)])),
        after: Object.fromEntries(changed.map((kind) => [kind, channelOf(after, kind)])),
      });
    }
    return present(config, actor.user.email, after);
  });
}
