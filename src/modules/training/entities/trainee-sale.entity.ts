import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

/**
 * A paid order of a store, as training learns of it from `order.paid`, `order.refunded`,
 * `order.cancelled` and `order.returned` (orders are on training's own level: it cannot read
 * them). Every paid order has one, whether or not its owner has enrolled yet, so an enrolment
 * committing while the payment is handled misses nothing. The settled goods of the order are
 * `goodsFen - min(goodsFen, refundedFen)`, or nothing once closed: the rule docs/training.md
 * states and the county impact reports use.
 */
@Entity('trainee_sales')
@Index('trainee_sales_trainee_idx', ['traineeId', 'paidAt'])
export class TraineeSale {
  @PrimaryColumn({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  /** The store's owner when the order was paid. */
  @Column({ type: 'uuid' })
  traineeId: string;

  @Column(fenColumn())
  goodsFen: number;

  /** Refunds that went back for the order, in total. */
  @Column(fenColumn({ default: 0 }))
  refundedFen: number;

  @Column({ type: 'timestamptz' })
  paidAt: Date;

  /**
   * When the paid order was cancelled or came back: its goods settle as nothing from then on,
   * whatever its refunds say (one may still be pending, or have failed).
   */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
