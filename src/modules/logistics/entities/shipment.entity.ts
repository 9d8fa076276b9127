import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CarrierCode, ShippingService } from '../carriers';
import type { ShipmentStatus } from '../shipment-state';

/** The parcel of one order, from the farm to the buyer. */
@Entity('shipments')
@Index('shipments_tracking_idx', ['carrier', 'trackingNumber'])
@Index('shipments_poll_idx', ['polledAt'], { where: "NOT pushed AND status NOT IN ('delivered', 'returned')" })
export class Shipment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('shipments_order_key', { unique: true })
  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'text' })
  carrier: CarrierCode;

  @Column({ type: 'text' })
  trackingNumber: string;

  @Column({ type: 'text' })
  service: ShippingService;

  @Column({ type: 'text', default: 'awaiting_pickup' })
  status: ShipmentStatus;

  /** When the courier event that set the status happened: older events never move it. */
  @Column({ type: 'timestamptz' })
  statusAt: Date;

  /** A tracking provider pushes this parcel's updates; otherwise it is polled. */
  @Column({ type: 'boolean', default: false })
  pushed: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  polledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
