import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ShipmentStatus } from '../shipment-state';

/** One line of a parcel's timeline, as the courier reported it. */
@Entity('shipment_events')
@Index('shipment_events_fingerprint_key', ['shipmentId', 'fingerprint'], { unique: true })
@Index('shipment_events_timeline_idx', ['shipmentId', 'occurredAt'])
export class ShipmentEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  shipmentId: string;

  /** Null when the courier's state is one we do not know: kept in the timeline, moves nothing. */
  @Column({ type: 'text', nullable: true })
  status: ShipmentStatus | null;

  /** The provider's own state code or word. */
  @Column({ type: 'text' })
  rawStatus: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** `seller` (shipped), `push` (a provider's webhook), `poll`, or `buyer` (confirmed receipt). */
  @Column({ type: 'text' })
  source: 'seller' | 'push' | 'poll' | 'buyer';

  /** Hash of time and text: the same step reported twice (or by push and poll) is kept once. */
  @Column({ type: 'text' })
  fingerprint: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
