import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import type { RefundStatus } from '../refund-state';

export { REFUND_STATUSES, type RefundStatus } from '../refund-state';

/**
 * Money given back from a payment, for a purpose (e.g. one order of a group). Offline refunds
 * are recorded with their reference; Stripe refunds carry an idempotency key from this id.
 */
@Entity('refunds')
@Index('refunds_payment_idx', ['paymentId'])
@Index('refunds_reference_idx', ['purpose', 'referenceId'])
export class Refund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  paymentId: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'uuid' })
  referenceId: string;

  @Column(fenColumn())
  amountFen: number;

  /** Written only by `RefundsService.moveTo` (refund-state.ts). */
  @Column({ type: 'text', default: 'pending' })
  status: RefundStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  externalReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** What the requester asked to happen with it, for whoever handles `refund.succeeded` (e.g. restock). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  instructions: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
