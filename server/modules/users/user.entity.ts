import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { USER_WORDS_DOCUMENT } from '../search/search-documents';
import type { GlobalRole, Theme } from '../../../shared/api/enums';

@Entity('user')
@Index('ix_user_created', ['createdAt', 'id'])
// GIN over the search box's words; TypeORM cannot say USING gin, so its migration does.
@Index('ix_user_words', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** stored lower-cased; unique */
  @Index('uq_user_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: GlobalRole;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** IANA zone the person reads dates in; null = their browser's */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ type: 'varchar', length: 8, default: 'system' })
  theme: Theme;

  /** The words the search box matches (GET /search), kept by PostgreSQL; never read by the app. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: USER_WORDS_DOCUMENT,
    select: false,
    insert: false,
    update: false,
  })
  words: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
