import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ArtifactStatus, ArtifactType } from '../../../shared/api/enums';

@Entity('artifact')
@Index('ix_artifact_domain', ['domainId', 'type', 'status'])
export class Artifact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 16 })
  type: ArtifactType;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ArtifactStatus;

  @Column({ type: 'text', default: '' })
  description: string;

  /** type-specific fields: definition, formula, grain, location, refresh, link, question */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, string>;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
