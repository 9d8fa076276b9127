import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time login code sent by SMS, stored as a hash; single use, short-lived, few tries. */
@Entity('phone_login_codes')
@Index('phone_login_codes_phone_idx', ['phone', 'createdAt'])
export class PhoneLoginCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164. */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'bytea' })
  codeHash: Buffer;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
