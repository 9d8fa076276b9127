import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Fen } from '../../../common/money';
import { fenColumn } from '../../../database/fen-column';
import type { EnrollmentStatus } from '../enrollment-state';

/**
 * A trainee's place in a cohort: a seat (`enrolled`), a seat held while its fee is paid
 * (`awaiting_payment`, until `seatHeldUntil`), a place in the queue for one (`waitlisted`,
 * with its position 1..n), or what became of it.
 */
@Entity('enrollments')
@Index('enrollments_one_active_per_trainee', ['cohortId', 'traineeId'], {
  unique: true,
  where: "status IN ('awaiting_payment', 'enrolled', 'waitlisted')",
})
@Index('enrollments_cohort_idx', ['cohortId', 'status'])
@Index('enrollments_trainee_idx', ['traineeId', 'createdAt'])
@Index('enrollments_seat_holds_idx', ['seatHeldUntil'], { where: "status = 'awaiting_payment'" })
// Positions shift by one inside a transaction when someone leaves the queue: checked at commit.
@Unique('enrollments_waitlist_position_key', ['cohortId', 'waitlistPosition'], { deferrable: 'INITIALLY DEFERRED' })
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cohortId: string;

  @Column({ type: 'uuid' })
  traineeId: string;

  @Column({ type: 'text' })
  status: EnrollmentStatus;

  /** 1 is next in line; null unless waitlisted. */
  @Column({ type: 'int', nullable: true })
  waitlistPosition: number | null;

  /** The trainee, or the trainer who enrolled them by phone number. */
  @Column({ type: 'uuid' })
  enrolledBy: string;

  /** When the seat became theirs (at enrolment, or on promotion from the waitlist). */
  @Column({ type: 'timestamptz', nullable: true })
  seatConfirmedAt: Date | null;

  /** The cohort's seat fee when the seat was held: what this trainee pays (0: free). */
  @Column(fenColumn({ default: 0 }))
  seatFeeFen: Fen;

  /** A held seat is released then unless paid (null unless `awaiting_payment`). */
  @Column({ type: 'timestamptz', nullable: true })
  seatHeldUntil: Date | null;

  /** The payment that paid the seat fee. */
  @Column({ type: 'uuid', nullable: true })
  seatPaymentId: string | null;

  /** When the seat fee went from held to the collecting store's available balance (the cohort finished). */
  @Column({ type: 'timestamptz', nullable: true })
  seatFeeReleasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
