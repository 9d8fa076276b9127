import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../../common/auth/roles';

export type Locale = 'zh-CN' | 'en';

@Entity('users')
@Check('users_email_or_phone', 'email IS NOT NULL OR phone IS NOT NULL')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-cased. */
  @Index('users_email_key', { unique: true, where: 'email IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** E.164, mainland mobiles only: +861[3-9]XXXXXXXXX. */
  @Index('users_phone_key', { unique: true, where: 'phone IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', array: true, default: () => "'{buyer}'" })
  roles: Role[];

  @Column({ type: 'text', default: 'zh-CN' })
  locale: Locale;

  /** Millisecond precision: it keys the cursor of the user list. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
