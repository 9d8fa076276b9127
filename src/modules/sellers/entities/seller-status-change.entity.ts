import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SellerStatus } from '../seller-state';

/** Every status change of a store, with who made it and why. */
@Entity('seller_status_changes')
@Index('seller_status_changes_seller_idx', ['sellerId', 'createdAt'])
export class SellerStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: SellerStatus | null;

  @Column({ type: 'text' })
  toStatus: SellerStatus;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
