import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every status change of a payout, with who made it (null: the nightly run or the provider). */
@Entity('payout_status_changes')
@Index('payout_status_changes_payout_idx', ['payoutId', 'createdAt'])
export class PayoutStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  payoutId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ type: 'text' })
  toStatus: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** Why a payout failed, as the provider put it. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
