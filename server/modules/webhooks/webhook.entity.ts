import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookFormat } from '../../../shared/api/webhooks';

/** An admin-registered receiver of signed event POSTs. */
@Entity('webhook')
export class Webhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** kept in clear: every delivery is signed with it (HMAC-SHA256); never shown again after creation */
  @Column({ type: 'varchar', length: 200 })
  secret: string;

  /** notification kinds this webhook receives */
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** `standard`: the signed JSON event; `slack`: a Block Kit message for a Slack incoming webhook */
  @Column({ type: 'varchar', length: 20, default: 'standard' })
  format: WebhookFormat;

  /** only this domain's events; null: every event */
  @Column({ name: 'domain_id', type: 'uuid', nullable: true })
  domainId: string | null;

  /** the key of `domainId`, filled in by the service for presenting (not a column) */
  domainKey?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
