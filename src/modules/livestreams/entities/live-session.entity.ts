import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LivePlatform, LiveSessionStatus } from '../live-session-state';

/**
 * A store's livestream (docs/livestreams.md): where it is watched, when, who hosts it, and
 * for a practice room the cohort whose trainer co-manages it. What it sells are live offers
 * (catalog's `live_offers`, by `sessionId`).
 */
@Entity('live_sessions')
@Index('live_sessions_seller_idx', ['sellerId', 'scheduledStartAt'])
@Index('live_sessions_overdue_idx', ['scheduledEndAt'], { where: "status IN ('live', 'scheduled')" })
@Check('live_sessions_window_in_order', 'scheduled_start_at < scheduled_end_at')
export class LiveSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The store that sells in the stream. */
  @Column({ type: 'uuid' })
  sellerId: string;

  /** Who goes live: the member of the store who created the session. */
  @Column({ type: 'uuid' })
  hostUserId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  platform: LivePlatform;

  /** The stream's address on its platform (https). */
  @Column({ type: 'text' })
  streamUrl: string;

  @Column({ type: 'timestamptz' })
  scheduledStartAt: Date;

  @Column({ type: 'timestamptz' })
  scheduledEndAt: Date;

  /** A practice room: the cohort the host is a trainee of; its trainer co-manages the session. */
  @Column({ type: 'uuid', nullable: true })
  cohortId: string | null;

  @Column({ type: 'uuid', nullable: true })
  trainerId: string | null;

  @Column({ type: 'text' })
  status: LiveSessionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
