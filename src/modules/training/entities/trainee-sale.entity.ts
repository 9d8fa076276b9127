import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

/**
 * A paid order of a trainee's store, as training learns of it from `order.paid` and
 * `order.refunded` (orders are on training's own level: it cannot read them). The settled
 * goods of the order are `goodsFen - min(goodsFen, refundedFen)`: the rule docs/training.md
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

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
