import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EnrollmentStatus } from '../enrollment-state';

/** Every status change of an enrollment, with who made it and why. */
@Entity('enrollment_status_changes')
@Index('enrollment_status_changes_enrollment_idx', ['enrollmentId', 'createdAt'])
export class EnrollmentStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrollmentId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: EnrollmentStatus | null;

  @Column({ type: 'text' })
  toStatus: EnrollmentStatus;

  /** Null when the worker moved it (promotion from the waitlist). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
