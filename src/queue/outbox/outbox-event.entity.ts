import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the same transaction as the business change it announces. */
@Entity('outbox_events')
@Index('outbox_events_undispatched_idx', ['createdAt'], { where: 'dispatched_at IS NULL' })
@Index('outbox_events_unprocessed_idx', ['dispatchedAt'], { where: 'processed_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the relay last enqueued its job. */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  /** When every listener had handled it. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  dispatchCount: number;
}
