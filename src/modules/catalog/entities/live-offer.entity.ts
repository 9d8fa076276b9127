import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Fen } from '../../../common/money';
import { fenColumn } from '../../../database/fen-column';

/**
 * A variant offered during a live session (docs/livestreams.md): its live price, the units set
 * aside for the stream out of the variant's stock (`allocated`, of which `remaining` are unsold),
 * a per-buyer limit, and an optional window inside the session. Catalog keeps it because the
 * stock is catalog's and checkout (orders) draws from it; the session itself is livestreams'.
 * `sellingOpen` is true while the session is live. Who the sale is attributed to (the host, and
 * for a practice room its cohort and trainer) is copied here when the item is pinned, so a
 * checkout reads everything it needs from this one row.
 */
@Entity('live_offers')
@Index('live_offers_one_pinned_per_variant', ['sessionId', 'variantId'], {
  unique: true,
  where: 'unpinned_at IS NULL',
})
@Index('live_offers_session_idx', ['sessionId', 'displayOrder'])
@Check('live_offers_remaining_in_range', 'remaining >= 0 AND remaining <= allocated')
@Check('live_offers_limit_positive', 'per_buyer_limit >= 1')
@Check('live_offers_price_positive', 'live_price_fen > 0')
export class LiveOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The live session (livestreams' `live_sessions.id`). */
  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'uuid' })
  sellerId: string;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'uuid' })
  variantId: string;

  /** Never above the variant's regular price when pinned. */
  @Column(fenColumn())
  livePriceFen: Fen;

  /** Units taken out of the variant's stock for the stream. */
  @Column({ type: 'int' })
  allocated: number;

  /** Of those, units not yet in an order (an unpaid order that lapses gives its units back). */
  @Column({ type: 'int' })
  remaining: number;

  @Column({ type: 'int' })
  perBuyerLimit: number;

  /** Optional window inside the session: the live price applies from/until then. */
  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'int', default: 0 })
  displayOrder: number;

  /** The session is live: buyers may take from `remaining`. */
  @Column({ type: 'boolean', default: false })
  sellingOpen: boolean;

  /** Attribution: the session's host, and for a practice room its cohort and trainer. */
  @Column({ type: 'uuid' })
  hostUserId: string;

  @Column({ type: 'uuid', nullable: true })
  cohortId: string | null;

  @Column({ type: 'uuid', nullable: true })
  trainerId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  pinnedAt: Date;

  /** Unpinned (or the session ended): what was left went back to the variant's stock. */
  @Column({ type: 'timestamptz', nullable: true })
  unpinnedAt: Date | null;
}
