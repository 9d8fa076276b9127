import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a completed assignment rests on: the event's ids (built-in) or the trainer who marked it. */
export interface AssignmentEvidence {
  /** The outbox event that completed it (built-in assignments). */
  eventId?: string;
  sellerId?: string;
  productId?: string;
  orderId?: string;
  liveSessionId?: string;
  /** The trainer's note when marking a custom assignment. */
  note?: string;
}

/**
 * An assignment done by one enrollment, once: a built-in key (`store_verified`, …) or a
 * custom assignment's id.
 */
@Entity('assignment_completions')
@Index('assignment_completions_once', ['enrollmentId', 'assignment'], { unique: true })
export class AssignmentCompletion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrollmentId: string;

  /** A BUILTIN_ASSIGNMENTS key, or a cohort_assignments id. */
  @Column({ type: 'text' })
  assignment: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence: AssignmentEvidence;

  /** When the thing happened (the event's time), not when it was recorded. */
  @Column({ type: 'timestamptz' })
  completedAt: Date;

  /** The trainer who marked a custom assignment; null for built-in ones. */
  @Column({ type: 'uuid', nullable: true })
  markedBy: string | null;
}
