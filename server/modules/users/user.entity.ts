import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GlobalRole, Theme } from '../../../shared/api/enums';

@Entity('user')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
