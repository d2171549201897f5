import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowSubject } from '../../../shared/api/follows';

/**
 * A person follows a domain or an artifact: they hear when its trust changes. `domainId` is the
 * domain itself or the artifact's domain, so a domain's news finds every follower in one query.
 */
@Entity('follow')
@Index('ix_follow_domain', ['domainId'])
export class Follow {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'subject_type', type: 'varchar', length: 20 })
  subjectType: FollowSubject;

  @PrimaryColumn({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
