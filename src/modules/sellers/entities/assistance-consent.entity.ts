import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A trainee's explicit consent that a trainer may create and manage a store for them.
 * Given by the trainee themself (their own request), revocable.
 */
@Entity('assistance_consents')
@Index('assistance_consents_pair_key', ['traineeId', 'trainerId'], { unique: true, where: 'revoked_at IS NULL' })
export class AssistanceConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  traineeId: string;

  @Column({ type: 'uuid' })
  trainerId: string;

  /** The statement the trainee agreed to, as shown to them. */
  @Column({ type: 'text' })
  statement: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
