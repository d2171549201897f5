import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { BADGE_TOKEN_DEFAULT } from '../catalog/badge-token';
import { ARTIFACT_NAME_WORDS_DOCUMENT } from '../search/search-documents';
import type { ArtifactStatus, ArtifactType } from '../../../shared/api/enums';
import type { DbtSource } from '../../../shared/api/dbt';

@Entity('artifact')
@Index('ix_artifact_domain', ['domainId', 'type', 'status'])
// one artifact per dbt node in a domain (server/modules/dbt)
@Index('uq_artifact_dbt_unique_id', ['domainId', 'dbtUniqueId'], { unique: true, where: 'dbt_unique_id IS NOT NULL' })
// GIN over the stored search document; TypeORM cannot say USING gin, so its migration does.
@Index('ix_artifact_search', { synchronize: false })
@Index('ix_artifact_created', ['createdAt', 'id'])
@Index('ix_artifact_name_words', { synchronize: false })
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

  /** the dbt node this artifact is synced from; null for artifacts typed into Cairn */
  @Column({ name: 'dbt_unique_id', type: 'varchar', length: 512, nullable: true })
  dbtUniqueId: string | null;

  /** what dbt says about it (resource type, file, columns …); set only with dbtUniqueId */
  @Column({ name: 'dbt_source', type: 'jsonb', nullable: true })
  dbtSource: Omit<DbtSource, 'ownedFields'> | null;

  /**
   * The catalog's full-text document: name (weight A), definition, formula and question (B), the
   * caveats (C), description, grain, location and refresh (D). Kept by database triggers on
   * artifact and caveat writes, in the same transaction (migration ArtifactSearch); never read.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  search: string | null;

  /** The words the search box matches (GET /search), kept by PostgreSQL; never read by the app. */
  @Column({
    name: 'name_words', type: 'tsvector',
    generatedType: 'STORED',
    asExpression: ARTIFACT_NAME_WORDS_DOCUMENT,
    select: false,
    insert: false,
    update: false,
  })
  nameWords: string;

  /**
   * The secret of the public badge URLs (`?token=`): random, rotated by a lead. Never loaded
   * with the entity, so it stays out of audit events and exports.
   */
  @Column({ name: 'badge_token', type: 'varchar', length: 64, default: () => BADGE_TOKEN_DEFAULT, select: false })
  badgeToken: string;

  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
