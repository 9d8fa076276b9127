import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

/**
 * How a store charges shipping: a base fee per order covering the first kilogram, a fee
 * per started kilogram beyond it, free above an amount of goods, and whether (and for how
 * much more) it ships chilled or frozen goods by cold chain.
 */
@Entity('shipping_policies')
export class ShippingPolicy {
  @PrimaryColumn('uuid')
  sellerId: string;

  @Column(fenColumn())
  baseFeeFen: number;

  @Column(fenColumn({ default: 0 }))
  perKgFen: number;

  @Column(fenColumn({ nullable: true }))
  freeAboveFen: number | null;

  @Column({ type: 'boolean', default: false })
  coldChain: boolean;

  @Column(fenColumn({ default: 0 }))
  coldChainSurchargeFen: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
