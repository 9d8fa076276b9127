import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import type { PaymentMethod } from '../../payments/entities/payment.entity';

/** One checkout: the orders (one per seller) a buyer placed together, paid together. */
@Entity('order_groups')
@Index('order_groups_idempotency_key', ['buyerId', 'idempotencyKey'], { unique: true })
export class OrderGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the checkout request: the same key with another body is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  paymentMethod: PaymentMethod;

  @Column(fenColumn())
  totalFen: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
