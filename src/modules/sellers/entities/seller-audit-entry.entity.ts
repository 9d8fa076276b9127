import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Actions a trainer took on a trainee's store (assisted onboarding), and the trainee's
 * consent itself: who acted, for whom, what, when.
 */
@Entity('seller_audit_entries')
@Index('seller_audit_entries_seller_idx', ['sellerId', 'createdAt'])
export class SellerAuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'uuid' })
  onBehalfOfId: string;

  /** e.g. `seller.created`, `seller.updated`, `product.created`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
