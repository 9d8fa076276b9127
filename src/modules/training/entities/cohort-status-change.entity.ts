import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CohortStatus } from '../cohort-state';

/** Every status change of a cohort, with who made it and why. */
@Entity('cohort_status_changes')
@Index('cohort_status_changes_cohort_idx', ['cohortId', 'createdAt'])
export class CohortStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cohortId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: CohortStatus | null;

  @Column({ type: 'text' })
  toStatus: CohortStatus;

  /** Null when a timer moved it (e.g. open → running at the start). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
