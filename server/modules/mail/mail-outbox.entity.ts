import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Notification } from '../inbox/notification.entity';

/** `skipped`: the inbox entry resolved itself (the request was met) before its digest went out */
export type MailOutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';
/** `now`: its own mail, sent by a job right away; `digest`: a line of the daily digest */
export type MailOutboxMode = 'now' | 'digest';

/**
 * A notification that must be mailed to its recipient, written by notify() in the same
 * transaction as the inbox entry. One row per notification (which is per recipient): the unique
 * key makes a second mail for the same entry impossible to record, and a sender claims the row
 * (FOR UPDATE SKIP LOCKED, status `pending`) before it sends.
 */
@Entity('mail_outbox')
@Index('uq_mail_outbox_notification', ['notificationId'], { unique: true })
@Index('ix_mail_outbox_pending', ['mode', 'status', 'userId'])
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  /** an inbox entry removed before it was mailed takes its mail with it */
  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  mode: MailOutboxMode;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: MailOutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** the pg-boss job sending it (`now` rows) */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  /** the SMTP Message-ID of the mail that carried it */
  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
