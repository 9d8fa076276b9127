import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * How a store charges shipping: a base fee per order covering the first kilogram, a fee
 * per started kilogram beyond it, free above an amount of goods, and whether (and for how
 * much more) it ships chilled or frozen goods by cold chain.
 */
@Entity('shipping_policies')
export class ShippingPolicy {
  @PrimaryColumn('uuid')
  sellerId: string;

  @Column({ type: 'bigint' })
  baseFeeFen: string;

  @Column({ type: 'bigint', default: 0 })
  perKgFen: string;

  @Column({ type: 'bigint', nullable: true })
  freeAboveFen: string | null;

  @Column({ type: 'boolean', default: false })
  coldChain: boolean;

  @Column({ type: 'bigint', default: 0 })
  coldChainSurchargeFen: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
