import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Fen } from '../../../common/money';
import { fenColumn } from '../../../database/fen-column';

/**
 * An order bought in a live session, as livestreams learns it from `order.paid`,
 * `order.refunded`, `order.cancelled` and `order.returned` (orders sit on this module's level):
 * the session report counts these, by the settled-goods rule (docs/livestreams.md, "Report").
 */
@Entity('live_session_sales')
@Index('live_session_sales_session_idx', ['sessionId'])
export class LiveSessionSale {
  @PrimaryColumn({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  /** Null until its `order.paid` is handled (a cancellation handled first writes the row). */
  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  /** The order's goods (every line, live or not); 0 until its `order.paid` is handled. */
  @Column(fenColumn())
  goodsFen: Fen;

  /** Of those, the goods of its live lines (at live prices): what the session itself sold. */
  @Column(fenColumn({ default: 0 }))
  liveGoodsFen: Fen;

  /** Refunds that succeeded for the order, as payments has them. */
  @Column(fenColumn({ default: 0 }))
  refundedFen: Fen;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** Cancelled or returned after payment: it settles as nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
