import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * One login: the family of refresh tokens that rotate from it. Revoking it ends the
 * login everywhere, access tokens included (they carry its id).
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('auth_sessions_user_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /**
   * A login in the browser: the SHA-256 of the opaque token in its HttpOnly cookie, and
   * when it stops being accepted. Null for API logins, which use refresh tokens.
   */
  @Index('auth_sessions_web_token_hash_key', { unique: true, where: 'web_token_hash IS NOT NULL' })
  @Column({ type: 'bytea', nullable: true })
  webTokenHash: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** `logout`, `refresh_token_reuse`. */
  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;
}
