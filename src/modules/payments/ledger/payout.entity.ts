import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from '../../../database/fen-column';

import type { PayoutStatus } from '../payout-state';

export const PAYOUT_METHODS = ['stripe_connect', 'bank'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/**
 * Money on its way to a seller: a bank payout finance marks paid with the bank reference, or
 * a Stripe Connect transfer to the store's connected account.
 */
@Entity('payouts')
@Index('payouts_seller_idx', ['sellerId', 'createdAt'])
export class Payout {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column(fenColumn())
  amountFen: number;

  /** Written only by `PayoutsService.moveTo` (payout-state.ts). */
  @Column({ type: 'text', default: 'pending' })
  status: PayoutStatus;

  /** `stripe_connect` (a transfer to the store's connected account) or `bank` (finance sends it). */
  @Column({ type: 'text', default: 'bank' })
  method: PayoutMethod;

  @Column({ type: 'text', nullable: true })
  destination: string | null;

  @Column({ type: 'text', nullable: true })
  bankReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
