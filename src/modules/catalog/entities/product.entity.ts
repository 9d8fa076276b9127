import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import { Seller } from '../../sellers/entities/seller.entity';
import type { ProductContent, ProductKind } from '../product-content';
import type { ProductStatus, RevisionState } from '../product-state';

/**
 * A product. `content` is what buyers see (the last approved text and attributes);
 * `draft` is what the seller proposed and a reviewer has not approved yet.
 */
@Entity('products')
@Index('products_browse_idx', ['status', 'createdAt'])
// Search indexes on expressions, created by the ProductSearchIndexes migration.
@Index('products_search_tsv_idx', { synchronize: false })
@Index('products_search_trgm_idx', { synchronize: false })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('products_seller_idx')
  @Column({ type: 'uuid' })
  sellerId: string;

  @ManyToOne(() => Seller)
  @JoinColumn()
  seller?: Seller;

  @Column({ type: 'text' })
  kind: ProductKind;

  @Column({ type: 'text', default: 'draft' })
  status: ProductStatus;

  @Column({ type: 'jsonb', nullable: true })
  content: ProductContent | null;

  @Column({ type: 'jsonb', nullable: true })
  draft: ProductContent | null;

  /** For active or paused products: the state of the change in `draft`. */
  @Column({ type: 'text', nullable: true })
  revisionState: RevisionState | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** The seller's county, copied so browsing by region needs no join. */
  @Index('products_origin_idx')
  @Column({ type: 'char', length: 6 })
  originCountyCode: string;

  /** Words of the approved content, segmented (Intl.Segmenter), for search. */
  @Column({ type: 'text', default: '' })
  searchText: string;

  /** Lowest variant price, for sorting and filtering by price. */
  @Column(fenColumn({ nullable: true }))
  minPriceFen: number | null;

  @Column({ type: 'int', default: 0 })
  totalStock: number;

  @Column({ type: 'boolean', default: false })
  preSale: boolean;

  /** Units sold; the orders module keeps it current. */
  @Column({ type: 'int', default: 0 })
  salesCount: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
