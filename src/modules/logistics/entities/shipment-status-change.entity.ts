import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ShipmentStatus } from '../shipment-state';

@Entity('shipment_status_changes')
@Index('shipment_status_changes_shipment_idx', ['shipmentId', 'createdAt'])
export class ShipmentStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  shipmentId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: ShipmentStatus | null;

  @Column({ type: 'text' })
  toStatus: ShipmentStatus;

  /** The courier event behind the change (null when the seller shipped). */
  @Column({ type: 'uuid', nullable: true })
  shipmentEventId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
