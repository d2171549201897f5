import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportedKind } from './transfer.types';

/**
 * A sign-off, waiver or audit event that another Cairn recorded, kept as history marked imported.
 * It lives apart from sign_off, waiver and audit_event on purpose: nothing here counts in a gate
 * round, and nothing here is an action of a local user.
 */
@Entity('imported_record')
@Index('ix_imported_record_domain', ['domainId', 'id'])
export class ImportedRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ImportedKind;

  /** the Cairn that recorded it (its instance id, or "unknown" for files of format version 1) */
  @Column({ name: 'source_instance', type: 'varchar', length: 200 })
  sourceInstance: string;

  /** when it happened at the source */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** whom it names, as the source knew them: never a local user id */
  @Column({ type: 'jsonb', nullable: true })
  person: { email: string; name: string } | null;

  /** the row as the file held it */
  @Column({ type: 'jsonb' })
  record: Record<string, unknown>;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;
}
