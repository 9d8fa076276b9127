import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';
import type { PaymentStatus } from '../payment-state';

export const PAYMENT_METHODS = ['stripe', 'cash_on_delivery', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** The adapters of the payment-provider port (providers/); `wechatpay` and `alipay` join them later. */
export const PAYMENT_PROVIDERS = ['stripe', 'offline'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
/** Which provider takes a payment made a given way. */
export const PROVIDER_OF_METHOD: Record<PaymentMethod, PaymentProvider> = {
  stripe: 'stripe',
  cash_on_delivery: 'offline',
  bank_transfer: 'offline',
};

/**
 * Money a buyer owes for something: `purpose` and `referenceId` say what (an order group,
 * an order); payments know nothing more of it.
 */
@Entity('payments')
@Index('payments_reference_idx', ['purpose', 'referenceId'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'uuid' })
  referenceId: string;

  @Column({ type: 'uuid' })
  payerId: string;

  @Column({ type: 'text' })
  provider: PaymentProvider;

  @Column({ type: 'text' })
  method: PaymentMethod;

  @Column(fenColumn())
  amountFen: number;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'text', default: 'requires_payment' })
  status: PaymentStatus;

  /** The bank reference of a transfer, or who confirmed cash; the provider's id for Stripe. */
  @Column({ type: 'text', nullable: true })
  externalReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  succeededAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
