import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AttendanceMark } from '../enrollment-state';

/** One trainee's mark for one session, as the trainer last recorded it. */
@Entity('attendance')
@Index('attendance_enrollment_idx', ['enrollmentId'])
export class Attendance {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid' })
  enrollmentId: string;

  @Column({ type: 'text' })
  mark: AttendanceMark;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
