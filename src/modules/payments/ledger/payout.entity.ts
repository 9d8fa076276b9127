import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type PayoutStatus = 'pending' | 'paid';

/** Money on its way to a seller's bank account; finance marks it paid with the bank reference. */
@Entity('payouts')
@Index('payouts_seller_idx', ['sellerId', 'createdAt'])
export class Payout {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'bigint' })
  amountFen: string;

  @Column({ type: 'text', default: 'pending' })
  status: PayoutStatus;

  /** `stripe_connect` (a transfer to the store's connected account) or `bank` (finance sends it). */
  @Column({ type: 'text', default: 'bank' })
  method: 'stripe_connect' | 'bank';

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
