import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An assignment a trainer added to a cohort and marks done by hand (the built-in ones complete themselves). */
@Entity('cohort_assignments')
@Index('cohort_assignments_cohort_idx', ['cohortId', 'createdAt'])
export class CohortAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cohortId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Needed for the certificate. */
  @Column({ type: 'boolean', default: false })
  required: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
