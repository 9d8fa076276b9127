import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Fen } from '../../../common/money';
import { fenColumn } from '../../../database/fen-column';
import type { BuiltinAssignment } from '../assignments';
import type { CohortFormat, CohortStatus } from '../cohort-state';

/** A short course a trainer runs: its seats, its enrolment window, its dates and its certificate rule. */
@Entity('cohorts')
@Index('cohorts_trainer_idx', ['trainerId', 'createdAt'])
@Index('cohorts_public_idx', ['startsAt'], { where: "status IN ('open', 'running')" })
@Check('cohorts_capacity_positive', 'capacity > 0')
@Check('cohorts_dates_in_order', 'enrolment_opens_at < enrolment_closes_at AND starts_at < ends_at')
@Check('cohorts_min_sessions_non_negative', 'min_sessions_attended >= 0')
@Check('cohorts_seat_fee_collected', 'seat_fee_fen = 0 OR fee_seller_id IS NOT NULL')
@Check('cohorts_seat_fee_non_negative', 'seat_fee_fen >= 0')
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trainerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** GB/T 2260 county code of the county the cohort serves. */
  @Column({ type: 'char', length: 6 })
  countyCode: string;

  @Column({ type: 'text' })
  format: CohortFormat;

  @Column({ type: 'int' })
  capacity: number;

  /** What a seat costs, in fen; 0 (the usual) is free. Fixed once the cohort opens. */
  @Column(fenColumn({ default: 0 }))
  seatFeeFen: Fen;

  /** The trainer's verified store that collects the seat fees and is paid them out; null when free. */
  @Column({ type: 'uuid', nullable: true })
  feeSellerId: string | null;

  @Column({ type: 'timestamptz' })
  enrolmentOpensAt: Date;

  /** Enrolment closes then (e.g. the evening before the first class). */
  @Column({ type: 'timestamptz' })
  enrolmentClosesAt: Date;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Certificate rule: sessions attended (present or late) at least this many. */
  @Column({ type: 'int', default: 0 })
  minSessionsAttended: number;

  /** Certificate rule: these built-in assignments done (the trainer's own carry their own `required`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredAssignments: BuiltinAssignment[];

  @Column({ type: 'text' })
  status: CohortStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
