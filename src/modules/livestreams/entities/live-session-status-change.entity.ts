import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LiveSessionStatus } from '../live-session-state';

/** Every status change of a live session, with who made it (null: the timer ended it). */
@Entity('live_session_status_changes')
@Index('live_session_status_changes_session_idx', ['sessionId', 'createdAt'])
export class LiveSessionStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: LiveSessionStatus | null;

  @Column({ type: 'text' })
  toStatus: LiveSessionStatus;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
