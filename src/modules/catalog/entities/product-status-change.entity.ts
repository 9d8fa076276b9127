import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every status change of a product and every review of a revision, with who and why. */
@Entity('product_status_changes')
@Index('product_status_changes_product_idx', ['productId', 'createdAt'])
export class ProductStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  /** A status, or `revision_approved` / `revision_rejected`. */
  @Column({ type: 'text' })
  toStatus: string;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
