import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A markdown comment (stored raw) on a ticket or an investigation. */
@Entity('comment')
@Index('ix_comment_subject', ['subjectType', 'subjectId', 'createdAt'])
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 20 })
  subjectType: 'ticket' | 'investigation';

  @Column({ name: 'subject_id', type: 'varchar', length: 40 })
  subjectId: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
