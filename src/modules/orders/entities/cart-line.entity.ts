import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One variant in a signed-in buyer's cart. Only the choice is kept: price, stock and the
 * store are read again each time the cart is shown, and checkout computes every amount.
 */
@Entity('cart_lines')
@Index('cart_lines_user_variant_key', ['userId', 'variantId'], { unique: true })
export class CartLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  variantId: string;

  @Column({ type: 'int' })
  quantity: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
