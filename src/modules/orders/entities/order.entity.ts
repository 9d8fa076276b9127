import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import type { OrderStatus } from '../order-state';

export interface ShippingAddress {
  recipient: string;
  phone: string;
  countyCode: string;
  detail: string;
}

/** What one seller owes one buyer from a checkout. Amounts are fen, fixed at checkout. */
@Entity('orders')
@Index('orders_buyer_idx', ['buyerId', 'createdAt'])
@Index('orders_seller_idx', ['sellerId', 'createdAt'])
@Index('orders_unpaid_expiry_idx', ['expiresAt'], {
  where: "status IN ('pending_payment', 'awaiting_offline_payment')",
})
@Index('orders_ship_by_idx', ['shipBy'], { where: "status IN ('paid', 'confirmed') AND ship_by IS NOT NULL" })
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('orders_group_idx')
  @Column({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column(fenColumn())
  goodsFen: number;

  @Column(fenColumn())
  shippingFen: number;

  /** The platform's commission on the goods (not on shipping). */
  @Column(fenColumn())
  commissionFen: number;

  @Column(fenColumn())
  totalFen: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'jsonb' })
  shippingAddress: ShippingAddress;

  /** An unpaid order expires then, releasing its stock; null: it never expires (cash on delivery). */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'text', nullable: true })
  carrier: string | null;

  @Column({ type: 'text', nullable: true })
  trackingNumber: string | null;

  /** Chilled or frozen goods: the parcel needs a cold-chain service. */
  @Column({ type: 'boolean', default: false })
  coldChain: boolean;

  /** The tightest `shipsWithinHours` of the perishable goods in the order (null: no deadline). */
  @Column({ type: 'int', nullable: true })
  shipWithinHours: number | null;

  /**
   * Paid (cash on delivery: confirmed) + shipWithinHours: the seller must ship by then (a
   * reminder at half the window).
   */
  @Column({ type: 'timestamptz', nullable: true })
  shipBy: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  shipReminderSentAt: Date | null;

  /** When the store was reminded of cash on delivery not recorded after delivery (once). */
  @Column({ type: 'timestamptz', nullable: true })
  cashReminderSentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /**
   * When the buyer said the goods arrived. For cash on delivery not yet recorded as
   * collected, the order stays delivered (it completes with the cash), but the buyer's word
   * is kept: the store and finance see it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  receiptConfirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** When the seller's payable moved from held to available (delivery + hold period). */
  @Column({ type: 'timestamptz', nullable: true })
  payableReleasedAt: Date | null;

  /**
   * Bought in a live session (some line at its live price): the session, its host, and for a
   * practice room the cohort and its trainer (docs/livestreams.md, "Attribution").
   */
  @Index('orders_live_session_idx', { where: 'live_session_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  liveSessionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  liveHostUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  liveCohortId: string | null;

  @Column({ type: 'uuid', nullable: true })
  liveTrainerId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
