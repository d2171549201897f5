import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel } from '../../../shared/api/notification-preferences';

/**
 * A channel a person chose for one notification kind. Only choices are stored: a kind without a
 * row uses DEFAULT_NOTIFICATION_CHANNELS.
 */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: string;

  /** inbox | email_now | email_digest | none */
  @Column({ type: 'varchar', length: 20 })
  channel: NotificationChannel;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
