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
import { Region } from '../../regions/entities/region.entity';
import { User } from '../../users/entities/user.entity';
import type { SellerStatus } from '../seller-state';

export const SELLER_KINDS = ['farmer_household', 'cooperative', 'family_farm', 'enterprise', 'aid_workshop'] as const;
export type SellerKind = (typeof SELLER_KINDS)[number];

export const HOUSEHOLD_FLAGS = ['poverty_alleviated', 'monitored'] as const;
export type HouseholdFlag = (typeof HOUSEHOLD_FLAGS)[number];

/** A store: a farmer household, co-op, family farm, enterprise or aid workshop, tied to its home county. */
@Entity('sellers')
export class Seller {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('sellers_owner_idx')
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User)
  @JoinColumn()
  owner?: User;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  kind: SellerKind;

  @Index('sellers_origin_county_idx')
  @Column({ type: 'char', length: 6 })
  originCountyCode: string;

  @ManyToOne(() => Region)
  @JoinColumn()
  originCounty?: Region;

  /** Town and village, as the farmer writes them. */
  @Column({ type: 'text' })
  originPlace: string;

  /** E.164; shown to the platform, never in public pages. */
  @Column({ type: 'text' })
  contactPhone: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Store photos (images uploaded by the owner or the assisting trainer). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  @Index('sellers_status_idx')
  @Column({ type: 'text', default: 'pending_review' })
  status: SellerStatus;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Set by an admin only, with evidence; never shown publicly. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  householdFlags: HouseholdFlag[];

  @Column({ type: 'text', nullable: true })
  householdFlagsEvidence: string | null;

  /** The store's Stripe Connect account (acct_…): payouts go there by transfer; otherwise by bank. */
  @Column({ type: 'text', nullable: true })
  stripeAccountId: string | null;

  /** Perishable orders shipped within their deadline, and those cancelled for missing it. */
  @Column({ type: 'int', default: 0 })
  shippingDeadlinesMet: number;

  @Column({ type: 'int', default: 0 })
  shippingDeadlinesMissed: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
