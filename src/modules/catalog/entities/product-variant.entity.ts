import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import { Product } from './product.entity';

export const SALE_UNITS = ['box', 'bag', 'kg', 'jin', 'head', 'seat'] as const;
export type SaleUnit = (typeof SALE_UNITS)[number];

export interface PriceTier {
  minQuantity: number;
  priceFen: number;
}

/** What a buyer puts in a cart: a sale unit of a product, with its price and stock. */
@Entity('product_variants')
@Index('product_variants_sku_key', ['sellerId', 'sku'], { unique: true, where: 'sku IS NOT NULL' })
export class ProductVariant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('product_variants_product_idx')
  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn()
  product?: Product;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  saleUnit: SaleUnit;

  @Column({ type: 'int', nullable: true })
  netWeightGrams: number | null;

  @Column(fenColumn())
  priceFen: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'int', default: 1 })
  minOrderQuantity: number;

  @Column({ type: 'int', nullable: true })
  maxPerOrder: number | null;

  /** Lower unit prices from a quantity up, ascending. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  priceTiers: PriceTier[];

  @Column({ type: 'text', nullable: true })
  sku: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
