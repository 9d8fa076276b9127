import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Issued when a cohort finishes, to each enrollment that met its rule; verifiable by its code. */
@Entity('certificates')
@Index('certificates_trainee_idx', ['traineeId', 'issuedAt'])
@Index('certificates_cohort_idx', ['cohortId'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certificates_enrollment_key', { unique: true })
  @Column({ type: 'uuid' })
  enrollmentId: string;

  @Column({ type: 'uuid' })
  cohortId: string;

  @Column({ type: 'uuid' })
  traineeId: string;

  /** Unguessable (128 random bits, base32): the verification address carries it. */
  @Index('certificates_code_key', { unique: true })
  @Column({ type: 'text' })
  code: string;

  /** The holder's name as it was at issue (shown masked on verification). */
  @Column({ type: 'text' })
  holderName: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;
}
