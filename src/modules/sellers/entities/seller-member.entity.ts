import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Seller } from './seller.entity';

export type SellerMemberRole = 'owner' | 'staff';

/** Who may manage a store: its owner and staff. */
@Entity('seller_members')
export class SellerMember {
  @PrimaryColumn('uuid')
  sellerId: string;

  @ManyToOne(() => Seller, { onDelete: 'CASCADE' })
  @JoinColumn()
  seller?: Seller;

  @Index('seller_members_user_idx')
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'text' })
  role: SellerMemberRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
