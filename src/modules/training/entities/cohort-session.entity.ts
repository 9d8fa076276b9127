import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionKind } from '../enrollment-state';

/** One class or livestream practice of a cohort. */
@Entity('cohort_sessions')
@Index('cohort_sessions_cohort_idx', ['cohortId', 'startsAt'])
@Index('cohort_sessions_day_reminder_idx', ['startsAt'], { where: 'day_reminder_sent_at IS NULL' })
@Index('cohort_sessions_hour_reminder_idx', ['startsAt'], { where: 'hour_reminder_sent_at IS NULL' })
@Check('cohort_sessions_duration_positive', 'duration_minutes > 0')
export class CohortSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cohortId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  kind: SessionKind;

  /** Where it is held (in person), e.g. the county e-commerce centre. */
  @Column({ type: 'text', nullable: true })
  place: string | null;

  /** The meeting or stream link (online). */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** When the trainees were reminded a day before (once). */
  @Column({ type: 'timestamptz', nullable: true })
  dayReminderSentAt: Date | null;

  /** When the trainees were reminded an hour before (once). */
  @Column({ type: 'timestamptz', nullable: true })
  hourReminderSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
