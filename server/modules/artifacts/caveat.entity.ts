import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Knowledge that stays with an artifact ("weekly retention dips every Dec 25: real behaviour"). */
@Entity('caveat')
@Index('ix_caveat_artifact', ['artifactId', 'createdAt'])
export class Caveat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'artifact_id', type: 'uuid' })
  artifactId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
