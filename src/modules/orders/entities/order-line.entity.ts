import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

/** A variant bought, with the price and names it sold at. */
@Entity('order_lines')
export class OrderLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('order_lines_order_idx')
  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'uuid' })
  variantId: string;

  @Column({ type: 'text' })
  productTitle: string;

  @Column({ type: 'text' })
  variantName: string;

  @Column({ type: 'int' })
  quantity: number;

  /** After quantity tiers. */
  @Column(fenColumn())
  unitPriceFen: number;

  @Column(fenColumn())
  lineTotalFen: number;

  @Column({ type: 'int', nullable: true })
  netWeightGrams: number | null;

  /** Sold from a live offer at its live price; its units go back to the offer (or stock) if the order lapses. */
  @Column({ type: 'uuid', nullable: true })
  liveOfferId: string | null;
}
