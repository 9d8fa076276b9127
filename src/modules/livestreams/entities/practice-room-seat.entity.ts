import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Who may open a practice room of which cohort, and whose trainer co-manages it: livestreams'
 * own copy of training's seats, kept from `enrollment.status-changed` (training is on this
 * module's level, so it is never asked directly). `seated` while the trainee holds a seat.
 */
@Entity('practice_room_seats')
export class PracticeRoomSeat {
  @PrimaryColumn({ type: 'uuid' })
  cohortId: string;

  @PrimaryColumn({ type: 'uuid' })
  traineeId: string;

  @Column({ type: 'uuid' })
  trainerId: string;

  @Column({ type: 'boolean' })
  seated: boolean;

  /** The enrollment event this row last applied: an older one arriving late changes nothing. */
  @Column({ type: 'timestamptz', precision: 3 })
  changedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
